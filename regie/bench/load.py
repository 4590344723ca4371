"""The app as in production under load: gunicorn with production settings (DEBUG off,
WhiteNoise, HTTPS behind one trusted proxy, the access-log sealer beside it) on a scratch
database, and wrk against one page at a time, round after round, pages interleaved."""

import os
import re
import secrets
import shutil
import statistics
import subprocess  # nosec B404 - our own interpreter, gunicorn and wrk, fixed arguments
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from regie.bench.targets import Target

HOST = "127.0.0.1"
# What the one trusted proxy in front would add (REGIE_TRUSTED_PROXY_COUNT=1).
PROXY_HEADERS = ("X-Forwarded-Proto: https", "X-Forwarded-For: 203.0.113.7")


@dataclass(frozen=True)
class Measurement:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int  # non-2xx/3xx answers, socket errors and timeouts


def server_env(database_url: str, secret_key: str) -> dict[str, str]:
    """Production settings, as `make serve` needs them, plus the floor page."""
    env = dict(os.environ)
    env.update(
        REGIE_ENVIRONMENT="production",
        DEBUG="false",
        DATABASE_URL=database_url,
        SECRET_KEY=secret_key,
        REGIE_AUDIT_KEY=settings.REGIE_AUDIT_KEY
        if len(settings.REGIE_AUDIT_KEY.encode()) >= 32
        else secrets.token_urlsafe(32),
        REGIE_TRUSTED_PROXY_COUNT="1",
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https",
        ALLOWED_HOSTS=f"{HOST},localhost",
        REGIE_LOG_CHECKPOINT_DIR=settings.REGIE_LOG_CHECKPOINT_DIR,
        REGIE_BENCH_FLOOR="true",
    )
    return env


def _bin(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def prepare(env: dict[str, str]) -> None:
    """collectstatic for WhiteNoise's manifest, as a deploy does."""
    manage = str(Path(settings.BASE_DIR) / "manage.py")
    subprocess.run(  # noqa: S603 # nosec B603 - our interpreter, fixed arguments
        [sys.executable, manage, "collectstatic", "--no-input", "-v", "0"], env=env, check=True
    )


@contextmanager
def serving(env: dict[str, str], *, port: int, workers: int) -> Iterator[str]:
    """gunicorn with `workers` sync workers and the sealer, until the block ends."""
    manage = str(Path(settings.BASE_DIR) / "manage.py")
    gunicorn = subprocess.Popen(  # noqa: S603 # nosec B603 - fixed arguments
        [
            _bin("gunicorn"),
            "-c",
            "python:regie.gunicorn_conf",
            "regie.wsgi",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            "--error-logfile",
            "-",
            "--log-level",
            "warning",
        ],
        cwd=settings.BASE_DIR,
        env=env,
    )
    sealer = subprocess.Popen(  # noqa: S603 # nosec B603 - fixed arguments
        [sys.executable, manage, "seal_access_log", "--every", "5", "-v", "0"], env=env
    )
    base = f"http://{HOST}:{port}"
    try:
        wait_until_up(base + "/gezond/")
        yield base
    finally:
        for process in (gunicorn, sealer):
            process.terminate()
        for process in (gunicorn, sealer):
            process.wait(timeout=30)


def wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 # nosec B310
                if response.status == 200:
                    return
        except OSError:  # not listening yet, or still starting
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} antwoordt niet binnen {timeout:.0f} s")
        time.sleep(0.5)


def status_of(base: str, target: Target) -> int:
    """One request as wrk will send it; a redirect (to the login) is not a page."""
    request = urllib.request.Request(base + target.path)  # noqa: S310
    for header in (*PROXY_HEADERS, *target.headers):
        name, value = header.split(": ", 1)
        request.add_header(name, value)
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def run_wrk(base: str, target: Target, *, seconds: int, connections: int) -> Measurement:
    headers = [part for header in (*PROXY_HEADERS, *target.headers) for part in ("-H", header)]
    result = subprocess.run(  # noqa: S603 # nosec B603 - wrk from PATH, our arguments
        [
            wrk_path(),
            "-t",
            str(min(2, connections)),
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "--timeout",
            "10s",
            "--latency",
            *headers,
            base + target.path,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return parse_wrk(result.stdout)


def wrk_path() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise RuntimeError("wrk ontbreekt: apt-get install wrk (make bench doet dat zelf).")
    return path


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value)
    if match is None:
        raise ValueError(f"onbekende tijd in wrk-uitvoer: {value!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def parse_wrk(output: str) -> Measurement:
    """Requests/sec, the 50% and 99% latencies of `wrk --latency`, and the errors."""
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    if rate is None or p50 is None or p99 is None:
        raise ValueError("wrk gaf geen requests/sec en latencies:\n" + output)
    errors = sum(
        int(number)
        for number in re.findall(r"(?:Non-2xx or 3xx responses|timeout)\s*:?\s*(\d+)", output)
    )
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+)", output)
    if socket is not None:
        errors += sum(int(number) for number in socket.groups())
    return Measurement(float(rate.group(1)), _ms(p50.group(1)), _ms(p99.group(1)), errors)


def median(measurements: Sequence[Measurement]) -> Measurement:
    return Measurement(
        statistics.median(m.requests_per_second for m in measurements),
        statistics.median(m.p50_ms for m in measurements),
        statistics.median(m.p99_ms for m in measurements),
        sum(m.errors for m in measurements),
    )


def table(results: dict[str, Measurement], floor: str) -> str:
    """A Markdown table: req/s, p50, p99 and both as ratios to the floor."""
    base = results[floor]
    lines = [
        "| pagina | req/s | p50 | p99 | × vloer req/s | × vloer p99 | fouten |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, result in results.items():
        rate = result.requests_per_second / base.requests_per_second
        lines.append(
            f"| {name} | {result.requests_per_second:.1f} | {result.p50_ms:.1f} ms "
            f"| {result.p99_ms:.1f} ms | {rate:.2f} | {result.p99_ms / base.p99_ms:.1f} "
            f"| {result.errors} |"
        )
    return "\n".join(lines)
