"""A clock the demo sets, so its history of closed plans can be made in past quarters
through the same services as everything else.

The services stamp what they write with `django.utils.timezone.now()` (a plan closes
today, a step moves now) and never take a date from their caller for it. The tests travel
in time with time-machine around service calls; the demo cannot (time-machine is a test
dependency, and `make run` installs only the base requirements), so `demo_clock` does the
same for the one function every service reads: while it is open, `timezone.now()` (and so
`timezone.localdate()` and every `auto_now_add` field) answers the clock's moment.

Only for the demo loader, in a management command's single thread: the clock is the
process's, for the few seconds the history takes."""

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.utils import timezone

from regie.demo.dates import moment


@dataclass
class Clock:
    """The moment `timezone.now()` answers; set it before each service call that should
    happen then."""

    now: datetime.datetime

    def set(self, day: datetime.date, hour: int = 10, minute: int = 0) -> None:
        self.now = moment(day, hour, minute)

    @property
    def today(self) -> datetime.date:
        return timezone.localdate(self.now)


@contextmanager
def demo_clock(start: datetime.datetime) -> Iterator[Clock]:
    clock = Clock(start)
    real: Callable[[], datetime.datetime] = timezone.now
    timezone.now = lambda: clock.now
    try:
        yield clock
    finally:
        timezone.now = real
