"""R19 goal progress: per goal a chart and a table of the child's, the parents' and the
professionals' scores over the held evaluations, with a point to talk about where they
lie 3 or more apart."""

import datetime
import re
import uuid
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regie.access.policy import sections
from regie.plans import selectors
from regie.plans.models import Evaluation, EvaluationOutcome, Goal, Step
from regie.plans.scores import GoalProgress, ProgressPoint, goal_progress
from regie.plans.services import evaluation as evaluations
from regie.web.diagrams.progress_chart import progress_svg
from tests.personas import Cast, walk_to

TODAY = timezone.localdate()
EARLIER = TODAY - datetime.timedelta(weeks=6)


def _hold(
    cast: Cast, held: Evaluation, on: datetime.date, child: int, parent: int, pro: int
) -> None:
    goal = Goal.objects.get(plan=cast.plan, text="Noa gaat weer elke dag naar school.")
    evaluations.score_goal(actor=cast.youth13, evaluation=held, goal=goal, score=child)
    evaluations.score_goal(actor=cast.parent, evaluation=held, goal=goal, score=parent)
    evaluations.score_goal(actor=cast.care_provider, evaluation=held, goal=goal, score=pro)
    evaluations.record_evaluation(
        actor=cast.wijkteam_worker,
        evaluation=held,
        expected_version=held.version,
        held_on=on,
        working_relationship="Goed; Sanne voelt zich gehoord.",
        satisfaction=7,
        satisfaction_reasons="Er wordt geluisterd.",
        outcome=EvaluationOutcome.CONTINUE,
    )


@pytest.fixture
def two_held(cast: Cast) -> Cast:
    """Step 7 with two held evaluations: six weeks ago (4, 6, 5) and today (5, 8, 7)."""
    walk_to(cast, Step.EXECUTING)
    first = Evaluation.objects.get(plan=cast.plan)
    _hold(cast, first, EARLIER, child=4, parent=6, pro=5)
    second = evaluations.schedule_evaluation(
        actor=cast.wijkteam_worker, plan=cast.plan, scheduled_for=TODAY
    )
    _hold(cast, second, TODAY, child=5, parent=8, pro=7)
    return cast


def _progress(cast: Cast) -> GoalProgress:
    page = selectors.step_page(cast.plan, Step.EXECUTING, TODAY, cast.parent, sections(cast.parent))
    assert isinstance(page.data, selectors.ExecutingData)
    [item] = [p for p in page.data.progress if p.points]
    return item


def _item(text: str, by_group: dict[str, float]) -> GoalProgress:
    goal = Goal(text=text, public_id=uuid.uuid4())
    return GoalProgress(goal=goal, points=[ProgressPoint(Evaluation(), TODAY, by_group)])


def _render(item: GoalProgress) -> str:
    return render_to_string(
        "web/_goal_progress.html", {"page": SimpleNamespace(data={"progress": [item]})}
    )


def _date(day: datetime.date) -> str:
    from django.utils.formats import date_format

    return date_format(day, "j F Y")


@pytest.mark.django_db
def test_r19_chart_and_table_show_the_scores_of_two_held_evaluations(two_held: Cast) -> None:
    item = _progress(two_held)
    assert [p.held_on for p in item.points] == [EARLIER, TODAY]
    assert [p.by_group for p in item.points] == [
        {"child": 4, "parents": 6, "professionals": 5},
        {"child": 5, "parents": 8, "professionals": 7},
    ]
    svg = str(progress_svg(item))
    assert svg.startswith("<svg") and 'role="img"' in svg
    title_id = re.search(r'<title id="([^"]+)"', svg)
    assert title_id and title_id.group(1) in re.search(r'aria-labelledby="([^"]+)"', svg).group(1)  # type: ignore[union-attr]
    # One line per group, one marker per score, each marker naming group, date and score.
    assert svg.count("<polyline") == 3
    for label, scores in (("Kind", (4, 5)), ("Ouders", (6, 8)), ("Hulpverleners", (5, 7))):
        assert f"{label}, {_date(EARLIER)}: {scores[0]}</title>" in svg
        assert f"{label}, {_date(TODAY)}: {scores[1]}</title>" in svg
    html = _render(item)
    table = html[html.index("<table") : html.index("</table>")]
    assert "<caption>" in table and 'scope="col"' in table
    rows = re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', table)
    assert [(day, re.findall(r"<td[^>]*>(.*?)</td>", cells)) for day, cells in rows] == [
        (_date(EARLIER), ["4", "6", "5"]),
        (_date(TODAY), ["5", "8", "7"]),
    ]
    assert "Punt om te bespreken" in html  # latest: parents 8, child 5


@pytest.mark.django_db
def test_r19_evaluations_not_yet_held_are_not_drawn(cast: Cast) -> None:
    walk_to(cast, Step.EXECUTING)
    page = selectors.step_page(cast.plan, Step.EXECUTING, TODAY, cast.parent, sections(cast.parent))
    assert isinstance(page.data, selectors.ExecutingData)
    assert page.data.progress and all(not p.points for p in page.data.progress)
    assert "Nog geen cijfers voor dit doel" in _render(page.data.progress[0])


def test_r19_a_gap_of_3_is_a_point_to_talk_about() -> None:
    item = _item("Naar school.", {"child": 4, "parents": 7, "professionals": 5})
    assert item.divergent
    html = _render(item)
    assert "Punt om te bespreken" in html
    assert "3 punten uit elkaar" in html and "kind 4, ouders 7, hulpverleners 5" in html


def test_r19_a_gap_of_2_is_not_a_point_to_talk_about() -> None:
    item = _item("Naar school.", {"child": 5, "parents": 7, "professionals": 6.5})
    assert not item.divergent
    assert "Punt om te bespreken" not in _render(item)


def test_r19_only_the_latest_evaluation_counts_for_the_point_to_talk_about() -> None:
    item = _item("Naar school.", {"child": 2, "parents": 8})
    item.points.append(ProgressPoint(Evaluation(), TODAY, {"child": 6, "parents": 7}))
    assert not item.divergent


def test_r19_the_chart_escapes_the_goal_text() -> None:
    item = _item("<script>alert('x')</script> & meer", {"child": 5, "parents": 7})
    svg = str(progress_svg(item))
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; meer" in svg
    assert "<script>" not in _render(item)


def test_r19_a_group_without_a_score_gets_no_line_and_a_dash_in_the_table() -> None:
    item = _item("Naar school.", {"child": 5, "parents": 7.5})
    svg = str(progress_svg(item))
    assert "Hulpverleners," not in svg
    assert re.findall(r"<td[^>]*>(.*?)</td>", _render(item)) == ["5", "7,5", "—"]


def test_r19_goal_progress_uses_the_prefetched_scores_only(
    two_held: Cast, django_assert_num_queries: object
) -> None:
    goals = list(Goal.objects.filter(plan=two_held.plan))
    held = list(
        Evaluation.objects.filter(plan=two_held.plan).prefetch_related("scores__participant")
    )
    with django_assert_num_queries(0):  # type: ignore[operator]
        result = goal_progress(goals, held)
    assert len(result) == len(goals)


@pytest.mark.django_db
def test_r19_step_7_page_shows_the_chart_and_the_table(two_held: Cast) -> None:
    client = Client()
    client.force_login(two_held.parent_user)
    response = client.get(reverse("plan-step", args=[two_held.plan.public_id, Step.EXECUTING]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hoe gaan de doelen?" in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="goal-progress-chart" role="img"' in html
    assert '<table class="goal-progress-table cards"><caption>' in html
    # each score says its group, so a row reads as a card on a phone (issue 14)
    assert (
        f'<th scope="row">{_date(TODAY)}</th><td data-label="Kind">5</td>'
        '<td data-label="Ouders">8</td><td data-label="Hulpverleners">7</td>'
    ) in html
    assert "Punt om te bespreken" in html  # 8 - 5 = 3 in the latest evaluation
