"""`make bench` (issue 13): the parts that need no server. wrk's report is read right, the
targets are judged as ratios to the floor, every page the benchmark asks for answers 200
to the person it asks as (A1, A6), and it refuses a database that is not PostgreSQL."""

import pytest
from django.core.management import CommandError, call_command

from regie.bench.load import Measurement, parse_wrk
from regie.bench.queries import page_costs
from regie.bench.targets import LARGE_PLAN, SMALL_PLAN, find_people
from regie.demo.scale import seed_scale
from regie.web.management.commands.bench import verdicts

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8765/bench/vloer/x/
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     8.12ms    2.01ms  40.10ms   90.00%
    Req/Sec   241.50     20.11   280.00     70.00%
  Latency Distribution
     50%    7.80ms
     75%    8.90ms
     90%   10.20ms
     99%   18.00ms
  4830 requests in 10.01s, 9.10MB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 3
Requests/sec:    482.52
Transfer/sec:      0.91MB
"""


def test_the_wrk_report_is_read_with_its_latencies_and_errors() -> None:
    assert parse_wrk(WRK_OUTPUT) == Measurement(482.52, 7.8, 18.0, 6)
    assert parse_wrk(WRK_OUTPUT.replace("18.00ms", "1.20s")).p99_ms == 1200.0


def test_the_targets_are_ratios_to_the_floor() -> None:
    """Plan pages against the floor; the plan with 1,000 entries against one with ten."""
    results = {
        "vloer": Measurement(400, 8, 20, 0),
        "stap 7": Measurement(250, 12, 50, 0),  # 0.62× req/s, 2.5× p99
        "overzicht, ouder": Measurement(100, 30, 90, 0),
        "caseload van 500": Measurement(50, 60, 120, 0),
        "API: plan lezen": Measurement(300, 10, 30, 0),
        SMALL_PLAN: Measurement(200, 15, 40, 0),
        LARGE_PLAN: Measurement(170, 18, 45, 0),  # 0.85× the small plan: not as fast
    }
    assert verdicts(results, "vloer") == [
        "- stap 7: doel ≥ 0.5× req/s en ≤ 3.0× p99: gehaald",
        "- overzicht, ouder: doel ≥ 0.5× req/s en ≤ 3.0× p99: niet gehaald",
        "- caseload van 500: doel p99 ≤ 100 ms: niet gehaald",
        "- API: plan lezen: doel ≥ 0.5× req/s: gehaald",
        f"- {SMALL_PLAN}: doel ≥ 0.5× req/s en ≤ 3.0× p99: gehaald",
        f"- {LARGE_PLAN}: doel ≥ 0.9× req/s van {SMALL_PLAN} (0.85×): niet gehaald",
    ]


@pytest.mark.django_db
def test_a1_a6_every_page_the_benchmark_asks_for_answers_200() -> None:
    seed_scale(families=8, large_plan_entries=40)  # step 7 is the seventh family's
    people = find_people()
    costs = page_costs(people.plan, people.large_plan, people.busiest)
    assert [(cost.page, cost.status) for cost in costs if cost.status != 200] == []
    assert [cost.queries for cost in costs if cost.page == "vloer"] == [3, 3]


@pytest.mark.django_db
def test_the_benchmark_refuses_sqlite(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a PostgreSQL DATABASE_URL it refuses (SQLite is the default database)."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("bench", "--families", "1")
