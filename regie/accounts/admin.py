"""Account management for the functional administrator (A1, A6). Nobody raises their own
privileges: only a superuser grants an administrator or privacy-officer role, nobody
changes their own flags, and a functional administrator cannot touch another
administrator's account. Passwords are never set here: a new account gets a link. Nobody
takes over an account alone: a new e-mail address or a wiped second factor waits for a
second administrator or the person's own confirmation (regie.accounts.changes)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from regie.access import policy
from regie.accounts import changes, services
from regie.accounts.forms import AdminLoginForm
from regie.accounts.models import AccountChange, AccountChangeStatus, Invitation, Organisation, User
from regie.core.errors import RuleViolation

# Flags that give rights outside a plan. Only a superuser changes them, never on their
# own account.
PRIVILEGE_FIELDS = (
    "is_functional_admin",
    "is_privacy_officer",
    "is_municipality_officer",
    "is_quality_officer",
    "is_staff",
)
SUPERUSER_FIELDS = ("is_superuser", "groups", "user_permissions")


def _admin_user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def _confirm_page(
    model_admin: admin.ModelAdmin[Any],
    request: HttpRequest,
    queryset: QuerySet[Any],
    *,
    action: str,
    question: str,
) -> TemplateResponse:
    """Django's own pattern for a destructive action: first a page that names what it
    will touch, posted again with post=yes to go ahead."""
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Weet u het zeker?"),
        "question": question,
        "objects": list(queryset),
        "action": action,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "opts": model_admin.model._meta,
    }
    return TemplateResponse(request, "admin/accounts/confirm_action.html", context)


def _confirmed(request: HttpRequest) -> bool:
    return request.POST.get("post") == "yes"


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
            # A6: nobody changes their own e-mail address here, where no second person
            # looks; another administrator asks, and this person confirms by e-mail.
            readonly += ["email", "is_active", *PRIVILEGE_FIELDS, *SUPERUSER_FIELDS]
        return list(dict.fromkeys(readonly))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or policy.may_manage_account(_admin_user(request), obj)

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
        if not policy.may_manage_account(me, obj):
            raise PermissionDenied
        forbidden = set(PRIVILEGE_FIELDS) | set(SUPERUSER_FIELDS) | {"is_active"}
        if obj.pk == me.pk and forbidden & set(changed):
            raise PermissionDenied
        if not me.is_superuser and set(PRIVILEGE_FIELDS) & set(changed):
            raise PermissionDenied
        if "email" in changed:
            changed.remove("email")
            new_email, obj.email = obj.email, User.objects.get(pk=obj.pk).email
            self._request_email_change(request, me, obj, new_email)
        if changed:
            services.change_account(admin=me, user=obj, changed=changed, request=request)

    def _request_email_change(
        self, request: HttpRequest, me: User, user: User, new_email: str
    ) -> None:
        """A6: the new address waits for a second administrator or the person."""
        try:
            changes.request_email_change(admin=me, user=user, new_email=new_email, request=request)
        except RuleViolation as error:
            self.message_user(request, error.message, messages.ERROR)
            return
        self.message_user(
            request,
            _(
                "Het nieuwe e-mailadres geldt pas als een tweede beheerder het goedkeurt of "
                "%(name)s het bevestigt via de link op het huidige adres."
            )
            % {"name": user},
            messages.WARNING,
        )

    def _manageable(self, request: HttpRequest, queryset: QuerySet[User]) -> list[User]:
        me = _admin_user(request)
        return [user for user in queryset.exclude(pk=me.pk) if policy.may_manage_account(me, user)]

    @admin.action(description=_("Deactiveren (beëindigt alle sessies)"), permissions=["change"])
    def deactivate(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        accounts = self._manageable(request, queryset)
        for user in accounts:
            services.deactivate_account(admin=_admin_user(request), user=user, request=request)
        self.message_user(
            request, _("%(count)d account(s) gedeactiveerd.") % {"count": len(accounts)}
        )

    @admin.action(
        description=_("Tweestapsverificatie wissen aanvragen (telefoon kwijt)"),
        permissions=["change"],
    )
    def reset_two_factor(
        self, request: HttpRequest, queryset: QuerySet[User]
    ) -> TemplateResponse | None:
        """A6: a request, not a wipe: a second administrator approves it, or the person
        confirms it with the link sent to their address."""
        accounts = self._manageable(request, queryset)
        if not _confirmed(request):
            return _confirm_page(
                self,
                request,
                queryset.filter(pk__in=[user.pk for user in accounts]),
                action="reset_two_factor",
                question=str(
                    _(
                        "U vraagt aan de tweestapsverificatie van deze accounts te wissen. Dat "
                        "gebeurt pas als een tweede beheerder het goedkeurt of de persoon het "
                        "bevestigt; de persoon krijgt er nu een e-mail over."
                    )
                ),
            )
        me = _admin_user(request)
        for user in accounts:
            changes.request_second_factor_reset(admin=me, user=user, request=request)
        self.message_user(
            request,
            _(
                "Wissen van de tweestapsverificatie aangevraagd voor %(count)d account(s); het "
                "gebeurt na goedkeuring door een tweede beheerder of bevestiging door de persoon."
            )
            % {"count": len(accounts)},
            messages.WARNING,
        )
        return None

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


@admin.register(AccountChange)
class AccountChangeAdmin(admin.ModelAdmin):
    """A6: changes of someone's e-mail address or second factor waiting for a second
    administrator. Whoever asked cannot approve; nothing here is edited or deleted, so
    every request, approval and rejection stays as a trace."""

    list_display = (
        "user",
        "kind",
        "new_email",
        "requested_by",
        "requested_at",
        "state",
        "decided_by",
        "decided_at",
    )
    list_filter = ("status", "kind")
    list_select_related = ("user", "requested_by", "decided_by")
    search_fields = ("user__username", "user__first_name", "user__last_name", "new_email")
    fields = (
        "user",
        "kind",
        "new_email",
        "old_email",
        "requested_by",
        "requested_at",
        "expires_at",
        "status",
        "decided_by",
        "decided_at",
    )
    readonly_fields = fields
    actions = ("approve", "reject")

    @admin.display(description=_("status"))
    def state(self, obj: AccountChange) -> str:
        if obj.status == AccountChangeStatus.PENDING and not changes.is_open(obj):
            return str(_("verlopen"))
        return str(obj.get_status_display())

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # asked for on the account itself

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Deciding is an action on the list; a change itself is never edited.
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Goedkeuren als tweede beheerder"), permissions=["change"])
    def approve(
        self, request: HttpRequest, queryset: QuerySet[AccountChange]
    ) -> TemplateResponse | None:
        if not _confirmed(request):
            question = _(
                "U keurt deze wijzigingen goed. Ze gaan meteen in: een e-mailadres verandert, "
                "of de tweestapsverificatie wordt gewist en de persoon wordt uitgelogd."
            )
            return _confirm_page(self, request, queryset, action="approve", question=str(question))
        done = self._decide(request, queryset, changes.approve_change)
        if done:
            self.message_user(
                request,
                _("%(count)d wijziging(en) goedgekeurd en doorgevoerd.") % {"count": done},
                messages.SUCCESS,
            )
        return None

    @admin.action(description=_("Afwijzen of intrekken"), permissions=["change"])
    def reject(
        self, request: HttpRequest, queryset: QuerySet[AccountChange]
    ) -> TemplateResponse | None:
        if not _confirmed(request):
            question = _("U houdt deze wijzigingen tegen. Ze blijven zichtbaar als afgewezen.")
            return _confirm_page(self, request, queryset, action="reject", question=str(question))
        done = self._decide(request, queryset, changes.reject_change)
        if done:
            self.message_user(
                request,
                _("%(count)d wijziging(en) tegengehouden.") % {"count": done},
                messages.SUCCESS,
            )
        return None

    def _decide(
        self,
        request: HttpRequest,
        queryset: QuerySet[AccountChange],
        decide: Callable[..., AccountChange],
    ) -> int:
        """Decide each change; a refusal is shown with its reason, the rest go ahead."""
        me = _admin_user(request)
        done = 0
        for change in queryset.select_related("user", "requested_by"):
            try:
                decide(admin=me, change=change, request=request)
            except RuleViolation as error:
                self.message_user(request, f"{change}: {error.message}", messages.ERROR)
            else:
                done += 1
        return done
