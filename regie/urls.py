from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("beheer/", admin.site.urls),
    path("account/", include("regie.accounts.urls")),
    path("", include("regie.access.urls")),
    path("", include("regie.web.urls")),
]
