"""Account management for the functional administrator (A1, A6). Nobody raises their own
privileges: only a superuser grants an administrator or privacy-officer role, nobody
changes their own flags, and a functional administrator cannot touch another
administrator's account. Passwords are never set here: a new account gets a link."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from regie.accounts import services
from regie.accounts.forms import AdminLoginForm
from regie.accounts.models import Invitation, Organisation, User

# Flags that give rights outside a plan. Only a superuser changes them, never on their
# own account.
PRIVILEGE_FIELDS = ("is_functional_admin", "is_privacy_officer", "is_staff")
SUPERUSER_FIELDS = ("is_superuser", "groups", "user_permissions")


def _admin_user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def is_privileged(user: User) -> bool:
    return bool(
        user.is_superuser or user.is_staff or user.is_functional_admin or user.is_privacy_officer
    )


def may_manage(admin_user: User, account: User) -> bool:
    """Whether `admin_user` may change `account` at all: a superuser may change anyone
    else; a functional administrator only accounts without administrative rights."""
    if admin_user.pk == account.pk:
        return True
    if admin_user.is_superuser:
        return True
    return not is_privileged(account)


class NewAccountForm(forms.ModelForm):
    email = forms.EmailField(
        label=_("e-mailadres"),
        help_text=_("Hier komt de link waarmee de persoon zelf een wachtwoord kiest."),
    )

    class Meta:
        model = User
        fields = ("username", "first_name", "last_name", "email", "organisation", "language")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = (
        "username",
        "full_name",
        "organisation",
        "is_active",
        "is_functional_admin",
        "is_privacy_officer",
    )
    list_filter = ("is_active", "is_functional_admin", "is_privacy_officer", "organisation")
    list_select_related = ("organisation",)
    search_fields = ("username", "first_name", "last_name", "email")
    ordering = ("username",)
    add_form = NewAccountForm
    actions = ("deactivate", "reset_two_factor", "unlock")

    @admin.display(description=_("naam"), ordering="last_name")
    def full_name(self, obj: User) -> str:
        return obj.get_full_name()

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        person = ("first_name", "last_name", "email", "language", "organisation")
        if obj is None:
            return ((None, {"fields": ("username", *person)}),)
        rights: tuple[str, ...] = ("is_active", *PRIVILEGE_FIELDS)
        if _admin_user(request).is_superuser:
            rights = (*rights, *SUPERUSER_FIELDS)
        return (
            (None, {"fields": ("username",)}),
            (_("Persoon"), {"fields": person}),
            (_("Rechten"), {"fields": rights}),
            (_("Data"), {"fields": ("last_login", "date_joined")}),
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = ["last_login", "date_joined"]
        me = _admin_user(request)
        if obj is None:
            return readonly
        if not me.is_superuser:
            readonly += PRIVILEGE_FIELDS
        if obj.pk == me.pk:
            readonly += ["is_active", *PRIVILEGE_FIELDS, *SUPERUSER_FIELDS]
        return list(dict.fromkeys(readonly))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or may_manage(_admin_user(request), obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Accounts are deactivated, never deleted: log rows and plans refer to them.
        return False

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        # Nobody sets another person's password here; the person uses "wachtwoord vergeten".
        raise PermissionDenied

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        me = _admin_user(request)
        changed = list(getattr(form, "changed_data", []))
        if not change:
            services.create_account(admin=me, user=obj, request=request)
            return
        if not may_manage(me, obj):
            raise PermissionDenied
        forbidden = set(PRIVILEGE_FIELDS) | set(SUPERUSER_FIELDS) | {"is_active"}
        if obj.pk == me.pk and forbidden & set(changed):
            raise PermissionDenied
        if not me.is_superuser and set(PRIVILEGE_FIELDS) & set(changed):
            raise PermissionDenied
        services.change_account(admin=me, user=obj, changed=changed, request=request)

    def _manageable(self, request: HttpRequest, queryset: QuerySet[User]) -> list[User]:
        me = _admin_user(request)
        return [user for user in queryset.exclude(pk=me.pk) if may_manage(me, user)]

    @admin.action(description=_("Deactiveren (beëindigt alle sessies)"), permissions=["change"])
    def deactivate(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        accounts = self._manageable(request, queryset)
        for user in accounts:
            services.deactivate_account(admin=_admin_user(request), user=user, request=request)
        self.message_user(
            request, _("%(count)d account(s) gedeactiveerd.") % {"count": len(accounts)}
        )

    @admin.action(
        description=_("Tweestapsverificatie wissen (telefoon kwijt)"), permissions=["change"]
    )
    def reset_two_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        accounts = self._manageable(request, queryset)
        for user in accounts:
            services.reset_two_factor(admin=_admin_user(request), user=user, request=request)
        self.message_user(
            request,
            _(
                "Tweestapsverificatie gewist voor %(count)d account(s); zij stellen die opnieuw "
                "in bij de volgende keer inloggen."
            )
            % {"count": len(accounts)},
        )

    @admin.action(
        description=_("Blokkade na mislukte inlogpogingen opheffen"), permissions=["change"]
    )
    def unlock(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        accounts = self._manageable(request, queryset)
        for user in accounts:
            services.unlock_account(admin=_admin_user(request), user=user, request=request)
        self.message_user(
            request,
            _("Blokkade opgeheven voor %(count)d account(s).") % {"count": len(accounts)},
            messages.SUCCESS,
        )


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "complaints_email")
    list_filter = ("kind",)
    search_fields = ("name",)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read-only: to answer "my invitation did not arrive". No token (only its hash is
    stored, and that is not shown either) and no link to the plan or person (A1)."""

    list_display = ("email", "created_at", "expires_at", "used_at", "revoked_at")
    fields = ("email", "created_at", "expires_at", "used_at", "revoked_at")
    readonly_fields = fields
    search_fields = ("email",)
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# Issue 12: an overlong username is a form error on /beheer/login/ too, never a 500.
admin.site.login_form = AdminLoginForm
