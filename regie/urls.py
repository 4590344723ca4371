from django.contrib import admin
from django.urls import include, path

from regie.accounts import views as account_views

urlpatterns = [
    path("beheer/", admin.site.urls),
    path("account/", include("regie.accounts.urls")),
    path("api/", include("regie.api.urls")),
    # Django's switch, which also keeps a logged-in person's choice for their e-mails.
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    path("", include("regie.exports.urls")),
    path("", include("regie.notifications.urls")),
    path("", include("regie.access.urls")),
    path("", include("regie.insight.urls")),
    path("", include("regie.web.urls")),
]
