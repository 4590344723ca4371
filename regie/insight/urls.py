from django.urls import URLPattern, URLResolver, path

from regie.insight import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("cijfers/", views.indicators_page, name="indicators"),
    path("cijfers/cijfers.csv", views.indicators_csv, name="indicators-csv"),
]
