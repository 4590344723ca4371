from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("beheer/", admin.site.urls),
    path("account/", include("regie.accounts.urls")),
    path("api/", include("regie.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("regie.exports.urls")),
    path("", include("regie.notifications.urls")),
    path("", include("regie.access.urls")),
    path("", include("regie.web.urls")),
]
