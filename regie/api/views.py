"""The REST API, v1. Every view asks the one policy (`regie.access.policy`) which plan and
which parts of it the caller sees, reads through the plan selectors and writes through the
plan services. Each read of plan data writes one access-log row (A5)."""

import datetime
import uuid
from typing import Any

from django.db.models import Max, Model, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework import generics, pagination
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from regie.access import policy
from regie.access.events import Event, EventKind, Outcome
from regie.access.log import record
from regie.access.policy import NotAllowed, Section
from regie.access.requests import client_ip, log_read
from regie.accounts.models import User
from regie.api import problems, serializers
from regie.api.authentication import BearerTokenAuthentication
from regie.api.parsers import BoundedJSONParser
from regie.core.errors import RuleViolation
from regie.core.transactions import with_retry
from regie.insight.indicators import ALL
from regie.insight.reading import AXES, cell_keys, cell_lines, definitions, log_reading, reader
from regie.insight.report import build_report
from regie.insight.suppression import MINIMUM
from regie.plans import selectors
from regie.plans.models import (
    Evaluation,
    Goal,
    GoalScore,
    Participant,
    Plan,
    Revision,
)
from regie.plans.services import entries, goals

P = serializers.ProblemSerializer
PROBLEM = problems.PROBLEM_CONTENT_TYPE


def _problems(*codes: int) -> dict[Any, Any]:
    return {(code, PROBLEM): OpenApiResponse(P) for code in codes}


CHANGED_SINCE = OpenApiParameter(
    "changed_since",
    OpenApiTypes.DATETIME,
    description="Alleen wat op of na dit moment (ISO 8601, met tijdzone) is gemaakt of gewijzigd.",
)


class Pagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class ApiView(generics.GenericAPIView):
    """Bearer token, problem details, and the caller's place in the plan."""

    authentication_classes = [BearerTokenAuthentication]
    parser_classes = [BoundedJSONParser]  # issue 12: a deeply nested body is a 400
    pagination_class = Pagination
    part = ""  # the endpoint, as the access log names it

    def get_exception_handler(self) -> Any:
        return problems.handle

    @property
    def acting_user(self) -> User:
        user: User = self.request.user
        return user

    def changed_since(self) -> datetime.datetime | None:
        raw = self.request.query_params.get("changed_since")
        if raw is None:
            return None
        try:
            value = parse_datetime(raw.replace(" ", "+"))
            # In UTC: the database need not accept every offset ISO 8601 allows.
            if value is not None and value.tzinfo is not None:
                return value.astimezone(datetime.UTC)
        except (ValueError, OverflowError):
            value = None  # out of range: refused below like any other bad value
        message = _("Geef een datum en tijd met tijdzone, bv. 2025-01-31T09:00:00+01:00.")
        raise ValidationError({"changed_since": [message]})


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema, for an API client or a logged-in person only (issue 12; who may
    ask is in SPECTACULAR_SETTINGS). A refusal is a problem in JSON, as everywhere in the
    API, whichever schema format was asked for."""

    def get_exception_handler(self) -> Any:
        return problems.handle

    def handle_exception(self, exc: Exception) -> Response:
        response = super().handle_exception(exc)
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = PROBLEM
        return response


class PlanView(ApiView):
    """An endpoint inside one plan: 404 for anyone outside it (A1)."""

    plan: Plan
    participant: Participant
    viewer: policy.Viewer
    seen: frozenset[Section]
    needs: Section | None = None  # the part of the plan the endpoint shows

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        self.viewer = policy.plan_for(
            self.acting_user, kwargs["plan_id"], ip_address=client_ip(request)
        )
        self.plan, self.participant = self.viewer.plan, self.viewer.participant
        self.seen = self.viewer.sections

    def require_section(self) -> None:
        """A3: the part the endpoint shows; a refusal is logged as on the web (A5)."""
        if self.needs is not None and self.needs not in self.seen:
            log_read(
                self.viewer,
                Event.PLAN_ACCESS_REFUSED,
                client_ip(self.request),
                part=self.part,
                outcome=Outcome.REFUSED,
            )
            raise NotAllowed(_("Dit deel van het plan is niet met u gedeeld."))

    def log(self, kind: EventKind, obj: Model | None = None) -> None:
        log_read(self.viewer, kind, client_ip(self.request), obj=obj, part=self.part)

    def changed(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        """created on or after `changed_since`, or edited since (a Revision was kept)."""
        since = self.changed_since()
        if since is None:
            return queryset
        edited = Revision.objects.filter(
            plan=self.plan, record_type=queryset.model._meta.label, changed_at__gte=since
        ).values("record_id")
        return queryset.filter(Q(created_at__gte=since) | Q(pk__in=edited))

    def list_logged(self, queryset: QuerySet[Any]) -> Response:
        self.require_section()
        page = self.paginate_queryset(self.changed(queryset))
        self.log(Event.API_SEARCH)
        data = self.get_serializer(page, many=True).data
        return self.get_paginated_response(data)


def _plans_with_last_change() -> QuerySet[Plan]:
    return Plan.objects.select_related(
        "family", "coordinator__person", "coordinator__user"
    ).annotate(last_changed_at=Coalesce(Max("step_changes__changed_at"), "opened_at"))


@extend_schema(tags=["plannen"])
class PlanList(ApiView):
    """The plans the acting professional takes part in now (A1, A7)."""

    serializer_class = serializers.PlanSerializer
    part = "api:plans"

    @extend_schema(
        operation_id="plans_list",
        parameters=[CHANGED_SINCE],
        responses={200: serializers.PlanSerializer(many=True), **_problems(400, 401)},
    )
    def get(self, request: Request) -> Response:
        queryset = _plans_with_last_change().filter(
            pk__in=policy.visible_plans(self.acting_user).values("pk")
        )
        since = self.changed_since()
        if since is not None:
            queryset = queryset.filter(**{"last_changed_at__gte": since})
        page = self.paginate_queryset(queryset.order_by("-opened_at", "pk"))
        record(
            Event.API_SEARCH,
            actor=policy.user_actor(self.acting_user, ip_address=client_ip(request)),
            part=self.part,
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema(tags=["plannen"])
class PlanDetail(PlanView):
    serializer_class = serializers.PlanSerializer
    part = "api:plan"

    @extend_schema(responses={200: serializers.PlanSerializer, **_problems(401, 404, 429)})
    def get(self, request: Request, plan_id: uuid.UUID) -> Response:
        plan = _plans_with_last_change().get(pk=self.plan.pk)
        self.log(Event.API_READ, plan)
        return Response(self.get_serializer(plan).data)


def _etag(goal: Goal) -> str:
    return f'"{goal.version}"'


def _if_match_version(header: str) -> int | None:
    """The version named in If-Match (`"3"`, `W/"3"` or `3`); None if it names none."""
    value = header.strip()
    if value.startswith("W/"):
        value = value[2:]
    value = value.strip('"')
    return int(value) if value.isdigit() and len(value) < 10 else None


@extend_schema(tags=["doelen"])
class GoalList(PlanView):
    """A3: a network member sees the goals their own actions serve, unless goals are shared."""

    serializer_class = serializers.GoalSerializer
    part = "api:goals"

    @extend_schema(
        operation_id="plans_goals_list",
        parameters=[CHANGED_SINCE],
        responses={200: serializers.GoalSerializer(many=True), **_problems(400, 401, 404, 429)},
    )
    def get(self, request: Request, plan_id: uuid.UUID) -> Response:
        visible = selectors.visible_goals(self.plan, self.participant, self.seen)
        return self.list_logged(visible.order_by("priority", "id"))


GOAL_EDIT_RESPONSES = {
    200: OpenApiResponse(serializers.GoalSerializer),
    **_problems(400, 401, 403, 404, 412, 422, 428, 429),
}


@extend_schema(tags=["doelen"])
class GoalDetail(PlanView):
    serializer_class = serializers.GoalSerializer
    part = "api:goal"

    def goal(self, goal_id: uuid.UUID) -> Goal:
        visible = selectors.visible_goals(self.plan, self.participant, self.seen)
        found = visible.filter(public_id=goal_id).first()
        if found is None:
            raise Http404
        return found

    @extend_schema(responses={200: serializers.GoalSerializer, **_problems(401, 404, 429)})
    def get(self, request: Request, plan_id: uuid.UUID, goal_id: uuid.UUID) -> Response:
        goal = self.goal(goal_id)
        self.log(Event.API_READ, goal)
        return Response(self.get_serializer(goal).data, headers={"ETag": _etag(goal)})

    @extend_schema(
        request=serializers.GoalEditSerializer,
        parameters=[
            OpenApiParameter(
                "If-Match",
                str,
                OpenApiParameter.HEADER,
                required=True,
                description="De ETag van het doel zoals u het las.",
            )
        ],
        responses=GOAL_EDIT_RESPONSES,
    )
    def patch(self, request: Request, plan_id: uuid.UUID, goal_id: uuid.UUID) -> Response:
        goal = self.goal(goal_id)
        header = request.headers.get("If-Match")
        if not header:
            return problems.problem(
                428,
                problems.text(problems.DETAILS["if_match_required"]),
                instance=request.get_full_path(),
            )
        version = _if_match_version(header)
        if version is None:
            return problems.problem(
                412, problems.text(problems.DETAILS["stale"]), instance=request.get_full_path()
            )
        edit = serializers.GoalEditSerializer(data=request.data)
        edit.is_valid(raise_exception=True)
        values = edit.validated_data
        goal = with_retry(
            lambda: goals.edit_goal(
                actor=self.participant,
                goal=goal,
                expected_version=version,
                text=values.get("text", goal.text),
                term=values.get("term", goal.term),
                life_wish=values.get("life_wish", goal.life_wish),
            )
        )
        return Response(self.get_serializer(goal).data, headers={"ETag": _etag(goal)})


@extend_schema(tags=["acties"])
class ActionList(PlanView):
    """A3: a network member sees only their own actions, unless actions are shared."""

    serializer_class = serializers.ActionSerializer
    part = "api:actions"

    @extend_schema(
        operation_id="plans_actions_list",
        parameters=[CHANGED_SINCE],
        responses={200: serializers.ActionSerializer(many=True), **_problems(400, 401, 404, 429)},
    )
    def get(self, request: Request, plan_id: uuid.UUID) -> Response:
        visible = selectors.visible_actions(self.plan, self.participant, self.seen)
        return self.list_logged(
            visible.select_related("goal", "owner__person", "owner__user").order_by("id")
        )

    @extend_schema(
        request=serializers.ActionCreateSerializer,
        responses={201: serializers.ActionSerializer, **_problems(400, 401, 403, 404, 422, 429)},
    )
    def post(self, request: Request, plan_id: uuid.UUID) -> Response:
        given = serializers.ActionCreateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        values = given.validated_data
        owner = self.plan.participants.filter(public_id=values["owner"]).first()
        if owner is None:
            raise RuleViolation("R12", _("Deze persoon hoort niet bij dit plan."), field="owner")
        goal = None
        if values.get("goal") is not None:
            goal = (
                selectors.visible_goals(self.plan, self.participant, self.seen)
                .filter(public_id=values["goal"])
                .first()
            )
            if goal is None:
                raise RuleViolation("R12", _("Dit doel hoort niet bij dit plan."), field="goal")
        action = with_retry(
            lambda: goals.add_action(
                actor=self.participant,
                plan=self.plan,
                description=values["description"],
                owner=owner,
                goal=goal,
                due_on=values.get("due_on"),
                takeover_reason=values.get("takeover_reason", ""),
            )
        )
        return Response(self.get_serializer(action).data, status=201)


@extend_schema(tags=["evaluaties"])
class EvaluationList(PlanView):
    serializer_class = serializers.EvaluationSerializer
    part = "api:evaluations"
    needs = Section.EVALUATIONS

    @extend_schema(
        operation_id="plans_evaluations_list",
        parameters=[CHANGED_SINCE],
        responses={
            200: serializers.EvaluationSerializer(many=True),
            **_problems(400, 401, 403, 404, 429),
        },
    )
    def get(self, request: Request, plan_id: uuid.UUID) -> Response:
        # Scores only for goals this person sees (A3): the nested list leaks nothing.
        visible_goals = selectors.visible_goals(self.plan, self.participant, self.seen)
        scores = GoalScore.objects.filter(goal__in=visible_goals.values("pk")).select_related(
            "goal", "participant__person", "participant__user"
        )
        queryset = (
            Evaluation.objects.filter(plan=self.plan)
            .prefetch_related(Prefetch("scores", queryset=scores, to_attr="visible_scores"))
            .order_by("scheduled_for", "id")
        )
        return self.list_logged(queryset)


@extend_schema(tags=["aantekeningen"])
class EntryCreate(PlanView):
    serializer_class = serializers.EntrySerializer
    part = "api:entries"

    @extend_schema(
        request=serializers.EntryCreateSerializer,
        responses={201: serializers.EntrySerializer, **_problems(400, 401, 403, 404, 422, 429)},
    )
    def post(self, request: Request, plan_id: uuid.UUID) -> Response:
        given = serializers.EntryCreateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        values = given.validated_data
        about = None
        if values.get("about") is not None:
            about = self.plan.participants.filter(public_id=values["about"]).first()
            if about is None:
                raise RuleViolation("A1", _("Deze persoon hoort niet bij dit plan."), field="about")
        entry = with_retry(
            lambda: entries.write_entry(
                actor=self.participant,
                plan=self.plan,
                kind=values["kind"],
                body=values["body"],
                about=about,
            )
        )
        return Response(self.get_serializer(entry).data, status=201)


@extend_schema(tags=["cijfers"])
class Figures(ApiView):
    """Issue 15: the outcome indicators of the figures page and its CSV, for the
    municipality's policy officer (every organisation) and an organisation's quality
    officer (their own); anyone else gets the 404 of the page. Figures only: a hidden
    cell says "< 10" and nothing else. Each call is one access-log row (A5)."""

    @extend_schema(
        operation_id="figures",
        parameters=[serializers.FigureFilterSerializer],
        responses={200: serializers.FiguresSerializer, **_problems(400, 401, 404)},
    )
    def get(self, request: Request) -> Response:
        user, scope = reader(self.acting_user)
        report = build_report(scope, timezone.localdate())
        given = serializers.FigureFilterSerializer(
            data=request.query_params, context={"keys": cell_keys(report)}
        )
        given.is_valid(raise_exception=True)
        wanted = [given.validated_data.get(axis) for axis in AXES]
        cells = [
            cell
            for cell in report.cells()
            if all(want in (None, value) for want, value in zip(wanted, cell, strict=True))
        ]
        asked = [ALL if value is None else value for value in wanted]
        log_reading(Event.INDICATORS_API_READ, user, client_ip(request), report.describe(*asked))
        return Response(
            {
                "minimum": MINIMUM,
                "definitions": definitions(),
                "cells": list(cell_lines(report, cells)),
            }
        )
