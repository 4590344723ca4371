"""Birth dates and moments relative to today, so the demo always looks current."""

import datetime

from django.utils import timezone


def birth_date(today: datetime.date, *, age: int, days_since_birthday: int) -> datetime.date:
    """A birth date that makes someone exactly `age` today, whose last birthday was
    `days_since_birthday` days ago (0–364)."""
    last_birthday = today - datetime.timedelta(days=days_since_birthday)
    try:
        return last_birthday.replace(year=last_birthday.year - age)
    except ValueError:  # 29 February in a year that has none
        return last_birthday.replace(year=last_birthday.year - age, day=28)


def moment(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """An aware datetime in the project's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
