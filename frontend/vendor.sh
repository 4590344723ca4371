#!/bin/sh
# Copies the built NL Design System CSS and htmx from the locked npm packages into the
# Django static files, with their licences, so that running Regie needs no Node.
set -eu
cd "$(dirname "$0")"
npm ci --ignore-scripts --no-audit --no-fund
out=../regie/web/static/vendor
rm -rf "$out"
mkdir -p "$out/utrecht" "$out/voorbeeld" "$out/htmx"
cp node_modules/@utrecht/component-library-css/dist/index.css "$out/utrecht/component-library.css"
cp node_modules/@utrecht/component-library-css/dist/html.css "$out/utrecht/html.css"
cp node_modules/@utrecht/component-library-css/LICENSE.md "$out/utrecht/LICENSE.md"
cp node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css "$out/voorbeeld/theme.css"
cp node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/LICENSE.md "$out/voorbeeld/LICENSE.md"
cp node_modules/htmx.org/dist/htmx.min.js "$out/htmx/htmx.min.js"
cp node_modules/htmx.org/LICENSE "$out/htmx/LICENSE"
node -e '
const lock = require("./package-lock.json");
const names = Object.keys(require("./package.json").dependencies);
const rows = names.map((n) => { const p = lock.packages["node_modules/" + n]; return `| ${n} | ${p.version} | ${p.license || "see LICENSE"} |`; });
console.log(["# Vendored front-end files", "", "Built files copied by `make vendor` (frontend/vendor.sh) from the npm packages locked in", "frontend/package-lock.json. Do not edit them here; change the version and run `make vendor`.", "", "| package | version | licence |", "|---|---|---|", ...rows].join("\n"));
' > "$out/README.md"
echo "vendored into regie/web/static/vendor"
