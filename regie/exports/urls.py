from django.urls import URLPattern, URLResolver, path

from regie.exports import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("plannen/<uuid:plan_id>/export/pdf/", views.plan_pdf, name="plan-export-pdf"),
    path(
        "plannen/<uuid:plan_id>/export/pdf/jongere/",
        views.plan_pdf_youth,
        name="plan-export-pdf-youth",
    ),
    path("plannen/<uuid:plan_id>/export/fhir/", views.plan_fhir, name="plan-export-fhir"),
    path("plannen/<uuid:plan_id>/export/gegevens/", views.plan_data, name="plan-export-data"),
]
