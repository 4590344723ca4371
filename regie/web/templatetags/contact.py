"""Reaching each other (issue 14): someone's phone and e-mail next to their name."""

from django import template

from regie.access import policy
from regie.accounts.models import User
from regie.plans.models import Participant

register = template.Library()


@register.filter
def contact_of(member: Participant) -> User | None:
    """The account whose phone and e-mail to show for `member`, or None (policy)."""
    return member.user if policy.shows_contact(member) else None
