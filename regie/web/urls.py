from django.urls import path

from regie.web import views

urlpatterns = [path("", views.home, name="home")]
