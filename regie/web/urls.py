from django.contrib.auth import views as auth_views
from django.urls import path

from regie.accounts import views as account_views
from regie.web import floor, rights, views, youth

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", account_views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("plannen/nieuw/", views.open_plan, name="plan-open"),
    path("uitnodiging/<str:token>/", views.accept_invitation, name="invitation"),
    path("vernietigingsverzoeken/", views.destruction_requests, name="destruction-requests"),
    path("plannen/<uuid:plan_id>/", views.plan_overview, name="plan"),
    path("plannen/<uuid:plan_id>/stap/<int:step>/", views.plan_step, name="plan-step"),
    path("plannen/<uuid:plan_id>/voor-mij/", youth.youth_plan, name="plan-youth"),
    path("plannen/<uuid:plan_id>/mijn-rechten/", rights.plan_rights, name="plan-rights"),
    path("plannen/<uuid:plan_id>/actie/<slug:action>/", views.plan_action, name="plan-action"),
    path(
        "plannen/<uuid:plan_id>/leesbaarheid/<slug:action>/",
        views.readability_hint,
        name="plan-readability",
    ),
    # Issue 13: the benchmark's floor; a 404 unless REGIE_BENCH_FLOOR is on.
    path("bench/vloer/<uuid:plan_id>/", floor.floor_page, name="bench-floor"),
]
