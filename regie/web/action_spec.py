"""What a form action is (`ActionSpec`) and the pages that show forms; the table of every
action is `regie.web.actions.ACTIONS`."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from regie.access.policy import Permission
from regie.plans.models import Participant, Plan, Step
from regie.web import forms as f

Data = dict[str, Any]

# A page that shows forms: a step page (its number), the plan overview, the youth's own
# page "Mijn plan" (issue 5) or "Mijn rechten" (issue 14).
Page = int | str
OVERVIEW: Final = "overview"
YOUTH: Final = "youth"
RIGHTS: Final = "rights"
EVERYWHERE: tuple[Page, ...] = (OVERVIEW, *Step.values)  # the notes show on every page


def _no_initial(plan: Plan, shown: object) -> Data:
    return {}


@dataclass(frozen=True)
class ActionSpec:
    """One form action. `pages` are the pages that show its form; the first is the page it
    belongs to: the answer returns there (unless the form says which page it was on), and
    only who may open that page may take it (A3). No page: the action has no form here."""

    form: type[f.PlanForm]
    run: Callable[[Data, Plan, Participant], Any]
    # What the action needs before its form is even read; None: the service decides by
    # ownership or age (approving, completing an own action, keeping something private).
    permission: Permission | None
    pages: tuple[Page, ...]
    done: Any = None  # the success message; None: "Opgeslagen."
    # Write for the family (000, 004): what professionals write for the family gets a
    # plain-language hint while typing and after saving.
    readability: bool = False
    # htmx (issue 5): per page, the template of the part of the page that changed, which
    # the full page includes too (one copy of the markup). Other pages, other actions and
    # requests without JavaScript get the full answer: a redirect or the page with errors.
    fragments: Mapping[Page, str] = field(default_factory=dict)
    # A fresh form's data, from the plan and what the page read (its step data, or None).
    initial: Callable[[Plan, object], Data] = _no_initial

    @property
    def page(self) -> Page:
        """The page the action belongs to; the overview for an action without a page."""
        return self.pages[0] if self.pages else OVERVIEW

    @property
    def step(self) -> int | None:
        """The step page the action belongs to; None: a page everyone in the plan opens."""
        return self.page if isinstance(self.page, int) else None
