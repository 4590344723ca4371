"""`manage.py bench --families 2000` (`make bench`, issue 13): the app as in production
under load on a scratch PostgreSQL database filled by seed_scale, every page as a ratio
to the bare floor page, and the queries per page for a small and a large plan. Refused on
SQLite (one writer, not what production runs) and in production."""

import os
import platform
import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from regie.bench import load, queries
from regie.bench.targets import (
    LARGE_PLAN,
    SMALL_PLAN,
    NoTargets,
    People,
    Target,
    find_people,
    targets,
)
from regie.demo.scale import ScaleError, seed_scale
from regie.families.models import Family
from regie.plans.models import Entry

# Issue 13's targets, as ratios to the floor in the same run.
PLAN_PAGES = ("overzicht, hulpverlener", "overzicht, ouder", "stap 3", "stap 7", SMALL_PLAN)
MIN_RATE_RATIO = 0.5
MAX_P99_RATIO = 3.0
CASELOAD_P99_MS = 100.0
WORKER_SPEEDUP = 1.7
# "As fast as": the large plan's overview within 10% of the small one's req/s.
LARGE_PLAN_RATE = 0.9


class Command(BaseCommand):
    help = "Meet Regie onder belasting zoals in productie, als verhouding tot een kale pagina."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--families", type=int, default=2_000)
        parser.add_argument("--seed", type=int, default=13)
        parser.add_argument("--rounds", type=int, default=3, help="Rondes, pagina's door elkaar.")
        parser.add_argument(
            "--seconds", type=int, default=10, help="Seconden per pagina per ronde."
        )
        parser.add_argument("--connections", type=int, default=4)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn-workers.")
        parser.add_argument(
            "--compare-workers", type=int, default=4, help="Ook zoveel workers meten (0: niet)."
        )
        parser.add_argument("--port", type=int, default=8765)

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Geen benchmark op een productiedatabase.")
        if connection.vendor != "postgresql" or not os.environ.get("DATABASE_URL"):
            raise CommandError(
                "make bench meet op PostgreSQL, zoals productie: zet DATABASE_URL op een "
                "lege kladdatabase (postgres://...); die wordt gevuld met verzonnen gezinnen."
            )
        self._seed(options["families"], options["seed"])
        try:
            people = find_people()
        except NoTargets as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(machine())
        self.stdout.write("\nQueries per pagina (testclient, in dit proces):\n")
        entries = {
            "klein": Entry.objects.filter(plan=people.plan).count(),
            "groot": Entry.objects.filter(plan=people.large_plan).count(),
        }
        costs = queries.page_costs(people.plan, people.large_plan, people.busiest)
        self.stdout.write(queries.cost_table(costs, entries))
        self._load(people, options)

    def _seed(self, families: int, seed: int) -> None:
        present = Family.objects.count()
        if present == 0:
            self.stdout.write(f"{families} gezinnen zaaien ...")
            try:
                result = seed_scale(families=families, seed=seed)
            except ScaleError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"Gezaaid in {result.seconds:.0f} s.")
        elif present != families:
            raise CommandError(
                f"De database heeft al {present} gezinnen, niet {families}: gebruik een lege "
                f"kladdatabase of BENCH_FAMILIES={present}."
            )

    def _load(self, people: People, options: dict[str, Any]) -> None:
        secret = secrets.token_urlsafe(50)
        env = load.server_env(os.environ["DATABASE_URL"], secret)
        load.prepare(env)
        pages = targets(people, secret)
        rounds, seconds, conns = options["rounds"], options["seconds"], options["connections"]
        workers, port = options["workers"], options["port"]
        self.stdout.write(
            f"\ngunicorn {workers} sync workers, productie-instellingen; wrk {conns} "
            f"verbindingen, {seconds} s per pagina, mediaan van {rounds} rondes:\n"
        )
        with load.serving(env, port=port, workers=workers) as base:
            for page in pages:
                status = load.status_of(base, page)
                if status != 200:
                    raise CommandError(f"{page.name} ({page.path}) antwoordt {status}, niet 200.")
            seen = measure(base, pages, rounds=rounds, seconds=seconds, connections=conns)
        results = {name: load.median(runs) for name, runs in seen.items()}
        floor = pages[0].name
        self.stdout.write(load.table(results, floor))
        self.stdout.write("\n" + "\n".join(verdicts(results, floor)))
        compare = options["compare_workers"]
        if compare and compare != workers:
            overview = pages[1]
            rates: dict[int, list[load.Measurement]] = {workers: [], compare: []}
            for _round in range(rounds):
                for count in (workers, compare):
                    with load.serving(env, port=port, workers=count) as base:
                        load.run_wrk(base, overview, seconds=2, connections=conns)  # warm
                        rates[count].append(
                            load.run_wrk(base, overview, seconds=seconds, connections=conns)
                        )
            few, many = load.median(rates[workers]), load.median(rates[compare])
            ratio = many.requests_per_second / few.requests_per_second
            held = "gehaald" if ratio >= WORKER_SPEEDUP else "niet gehaald"
            self.stdout.write(
                f"\n{overview.name}: {workers} workers {few.requests_per_second:.1f} req/s, "
                f"{compare} workers {many.requests_per_second:.1f} req/s: {ratio:.2f}× "
                f"(doel ≥ {WORKER_SPEEDUP}×: {held})"
            )


def measure(
    base: str, pages: list[Target], *, rounds: int, seconds: int, connections: int
) -> dict[str, list[load.Measurement]]:
    """Every page once per round, in the same order, after a short warm-up of each."""
    for page in pages:
        load.run_wrk(base, page, seconds=2, connections=connections)
    seen: dict[str, list[load.Measurement]] = {page.name: [] for page in pages}
    for _round in range(rounds):
        for page in pages:
            seen[page.name].append(
                load.run_wrk(base, page, seconds=seconds, connections=connections)
            )
    return seen


def verdicts(results: dict[str, load.Measurement], floor: str) -> list[str]:
    """Issue 13's targets against this run."""
    base = results[floor]
    lines = []
    for name, result in results.items():
        if name == floor:
            continue
        rate = result.requests_per_second / base.requests_per_second
        p99 = result.p99_ms / base.p99_ms
        if name == LARGE_PLAN and SMALL_PLAN in results:
            rate = result.requests_per_second / results[SMALL_PLAN].requests_per_second
            held = rate >= LARGE_PLAN_RATE
            goal = f"≥ {LARGE_PLAN_RATE}× req/s van {SMALL_PLAN} ({rate:.2f}×)"
        elif name in PLAN_PAGES:
            held = rate >= MIN_RATE_RATIO and p99 <= MAX_P99_RATIO
            goal = f"≥ {MIN_RATE_RATIO}× req/s en ≤ {MAX_P99_RATIO}× p99"
        elif name.startswith("caseload"):
            held, goal = result.p99_ms <= CASELOAD_P99_MS, f"p99 ≤ {CASELOAD_P99_MS:.0f} ms"
        else:
            held, goal = rate >= MIN_RATE_RATIO, f"≥ {MIN_RATE_RATIO}× req/s"
        lines.append(f"- {name}: doel {goal}: {'gehaald' if held else 'niet gehaald'}")
    return lines


def machine() -> str:
    meminfo = Path("/proc/meminfo")
    memory = ""
    if meminfo.exists():
        kib = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    return (
        f"Machine: {os.cpu_count()} cores{memory}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, PostgreSQL {version}, "
        f"{Family.objects.count()} gezinnen, {Entry.objects.count()} aantekeningen."
    )
