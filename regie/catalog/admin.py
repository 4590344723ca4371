"""Admin screens where the functional administrator manages the life domains (R5) and the
intervention catalogue (R13): both are data, not code."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import Intervention, LifeDomain, LifeDomainSet
from .services import make_default_domain_set


class LifeDomainInline(admin.TabularInline):
    model = LifeDomain
    fields = ("order", "name", "description")
    ordering = ("order", "name")
    extra = 0


@admin.register(LifeDomainSet)
class LifeDomainSetAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "is_default", "score_min", "score_max", "domain_count")
    ordering = ("-is_default", "name")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("name", "slug", "description", "is_default")}),
        (
            _("Scores"),
            {
                "fields": ("score_min", "score_max"),
                "description": _(
                    "Vul beide in als de domeinen een score krijgen, bijvoorbeeld 1 tot 5 bij "
                    "de Zelfredzaamheid-Matrix. Laat beide leeg voor domeinen zonder score."
                ),
            },
        ),
    )
    inlines = (LifeDomainInline,)
    actions = ("make_default",)

    @admin.display(description=_("aantal domeinen"))
    def domain_count(self, obj: LifeDomainSet) -> int:
        return obj.domains.count()

    @admin.action(description=_("Maak deze set de standaard voor nieuwe plannen"))
    def make_default(self, request: HttpRequest, queryset: QuerySet[LifeDomainSet]) -> None:
        """An action, because ticking a second default in the form breaks the one-default rule."""
        if queryset.count() != 1:
            self.message_user(
                request, _("Kies precies één set om de standaard te maken."), messages.ERROR
            )
            return
        domain_set = queryset.get()
        make_default_domain_set(domain_set)
        self.message_user(
            request,
            _("'%(name)s' is nu de standaard voor nieuwe plannen.") % {"name": domain_set.name},
            messages.SUCCESS,
        )


@admin.register(LifeDomain)
class LifeDomainAdmin(admin.ModelAdmin):
    list_display = ("name", "domain_set", "order")
    list_filter = ("domain_set",)
    search_fields = ("name", "description")
    ordering = ("domain_set__name", "order", "name")
    list_select_related = ("domain_set",)


@admin.register(Intervention)
class InterventionAdmin(admin.ModelAdmin):
    list_display = ("name", "recognition_level", "is_example", "is_active")
    list_filter = ("recognition_level", "is_example", "is_active")
    search_fields = ("name", "code")
    ordering = ("name",)
    readonly_fields = ("public_id",)
    fieldsets = (
        (None, {"fields": ("code", "name", "summary", "target_group")}),
        (
            _("Databank Effectieve Jeugdinterventies"),
            {"fields": ("recognition_level", "source_url")},
        ),
        (_("Status"), {"fields": ("is_active", "is_example", "public_id")}),
    )
