from django.urls import URLPattern, URLResolver, path

from regie.notifications import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("meldingen/", views.notification_list, name="notifications"),
    path("gezond/", views.health, name="health"),
]
