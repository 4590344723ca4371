"""Who may change whose account (A6). Part of the policy package: the admin and the
account services ask `regie.access.policy`, which re-exports these."""

from dataclasses import dataclass

from regie.accounts.models import User


def is_privileged(user: User) -> bool:
    """Rights outside any plan: the admin, or one of the staff roles."""
    return bool(
        user.is_superuser
        or user.is_staff
        or user.is_functional_admin
        or user.is_privacy_officer
        or user.is_municipality_officer
        or user.is_quality_officer
    )


@dataclass(frozen=True)
class IndicatorScope:
    """Which plans' figures someone may see (issue 15): all of them (`organisation_id`
    None) or those of one organisation. Figures only: never a plan, a name or a text."""

    organisation_id: int | None


def indicator_scope(user: User) -> IndicatorScope | None:
    """The municipality's policy officer sees every plan's figures; an organisation's
    quality officer those of their own organisation; anyone else none (None)."""
    if not user.is_active:
        return None
    if user.is_municipality_officer:
        return IndicatorScope(organisation_id=None)
    if user.is_quality_officer and user.organisation_id is not None:
        return IndicatorScope(organisation_id=user.organisation_id)
    return None


def may_manage_account(admin: User, account: User) -> bool:
    """Whether `admin` may change `account` at all: a superuser may change anyone else; a
    functional administrator only accounts without administrative rights."""
    if admin.pk == account.pk or admin.is_superuser:
        return True
    return not is_privileged(account)


def may_request_account_change(admin: User, account: User) -> bool:
    """A6: an administrator asks to change someone else's e-mail or second factor, never
    their own (that would need nobody else)."""
    return admin.pk != account.pk and may_manage_account(admin, account)


def may_approve_account_change(admin: User, account: User, requested_by: User) -> bool:
    """A6: a second administrator: not who asked, and not the person it is about."""
    return admin.pk != requested_by.pk and may_request_account_change(admin, account)


def may_search_access_log(user: User) -> bool:
    """A5 (NEN 7513): the privacy officer searches the whole access log. To find a family
    they see families' names and the log's rows, never what is in a plan (A1, A3b)."""
    return bool(user.is_authenticated and user.is_privacy_officer)
