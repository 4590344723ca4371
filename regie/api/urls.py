"""The REST API, versioned under /api/v1/. Every name here is in tests/api/matrix.py."""

from django.urls import URLPattern, URLResolver, include, path

from regie.api import views

v1: list[URLPattern | URLResolver] = [
    path("schema/", views.SchemaView.as_view(api_version="v1"), name="api-schema"),
    path("plans/", views.PlanList.as_view(), name="api-plan-list"),
    path("plans/<uuid:plan_id>/", views.PlanDetail.as_view(), name="api-plan-detail"),
    path("plans/<uuid:plan_id>/goals/", views.GoalList.as_view(), name="api-goal-list"),
    path(
        "plans/<uuid:plan_id>/goals/<uuid:goal_id>/",
        views.GoalDetail.as_view(),
        name="api-goal-detail",
    ),
    path("plans/<uuid:plan_id>/actions/", views.ActionList.as_view(), name="api-action-list"),
    path(
        "plans/<uuid:plan_id>/evaluations/",
        views.EvaluationList.as_view(),
        name="api-evaluation-list",
    ),
    path("plans/<uuid:plan_id>/entries/", views.EntryCreate.as_view(), name="api-entry-create"),
    path("figures/", views.Figures.as_view(), name="api-figures"),
]

urlpatterns: list[URLPattern | URLResolver] = [path("v1/", include(v1))]
