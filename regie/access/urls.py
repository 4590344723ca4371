from django.urls import URLPattern, URLResolver, path

from regie.access import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("plannen/<uuid:plan_id>/wie-keek/", views.plan_access_log, name="plan-access-log"),
    path("privacy/log/", views.privacy_log, name="privacy-log"),
    path("privacy/log/export/", views.privacy_log_export, name="privacy-log-export"),
    path("privacy/log/controlepunt/", views.privacy_log_checkpoint, name="privacy-log-checkpoint"),
]
