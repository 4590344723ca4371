"""Who sits at the table of one plan, by short name, and the day the builders call today.

The builders' data name people, goals and organisations by short keys; the table turns
those keys into the objects the plan services take. It only reads: every write goes
through the services."""

import datetime
from dataclasses import dataclass, field

from regie.accounts.models import Organisation, User
from regie.demo.dates import moment
from regie.demo.helpers import DemoDataError
from regie.families.models import Person
from regie.plans.models import Goal, Participant, Plan


@dataclass
class Table:
    plan: Plan
    today: datetime.date
    users: dict[str, User]  # logins by username
    organisations: dict[str, Organisation]  # by a short key ("provider")
    participants: dict[str, Participant] = field(default_factory=dict)
    persons: dict[str, Person] = field(default_factory=dict)  # family and network
    goals: dict[str, Goal] = field(default_factory=dict)

    def participant(self, name: str) -> Participant:
        try:
            return self.participants[name]
        except KeyError:
            raise DemoDataError(f"No one called {name!r} takes part in the plan.") from None

    def maybe(self, name: str | None) -> Participant | None:
        """The participant called `name`, or None where the data names no one."""
        return self.participant(name) if name else None

    def person(self, name: str) -> Person:
        return self.persons[name]

    def user(self, username: str) -> User:
        return self.users[username]

    def organisation(self, key: str) -> Organisation:
        return self.organisations[key]

    def goal(self, key: str) -> Goal:
        return self.goals[key]

    def day(self, days_from_today: int) -> datetime.date:
        """A date relative to today (negative: in the past), so the data stays current."""
        return self.today + datetime.timedelta(days=days_from_today)

    def day_or_none(self, days_from_today: int | None) -> datetime.date | None:
        return None if days_from_today is None else self.day(days_from_today)

    def at(self, days_from_today: int, hour: int, minute: int = 0) -> datetime.datetime:
        return moment(self.day(days_from_today), hour, minute)
