from typing import Any

from django import forms as django_forms
from django import template
from django.utils.safestring import SafeString

from regie.plans.scores import GoalProgress
from regie.web.diagrams.progress_chart import progress_svg
from regie.web.forms import PlanForm
from regie.web.readability import Hint, hint_for_form

register = template.Library()

DEFAULT_AUTO_ID = "id_%s"


@register.simple_tag
def record_form(forms: dict[str, PlanForm], name: str, record: Any) -> PlanForm:
    """The form for one record: the bound one (with the person's input and errors) if it
    was posted for this record, otherwise a fresh one pointing at the record.

    A page shows one such form per record, often several per record (react, correct), so
    every field id carries the action and the record: `id_react_<uuid>_comment`. Without
    that, labels and error links would point at another record's field (WCAG 1.3.1).
    Where the form stands fixes its record, so the field that names it is hidden (a
    "Geen toestemming" next to one professional offers no list of people)."""
    form = forms[name.replace("-", "_")]
    auto_id = f"id_{name}_{record.public_id}_%s"
    field = form.record_field
    if form.is_bound and form.data.get(field) == str(record.public_id):
        form.auto_id = auto_id
        form.drawn = True
    else:
        form = type(form)(
            plan=form.plan,
            me=form.me,
            initial=form.initial_for(record),
            auto_id=auto_id,
            choice_rows=form.choice_rows,  # the page's lists, read once for all its records
        )
    form.fields[field].widget = django_forms.HiddenInput()
    return form


@register.simple_tag
def form_ids(form: Any, action: str) -> Any:
    """Give a page-wide form ids of its own (`id_<action>_<field>`), so two forms on one
    page that share a field name never share an id. Per-record forms keep theirs."""
    if form is not None and getattr(form, "auto_id", None) == DEFAULT_AUTO_ID:
        form.auto_id = f"id_{action}_%s"
    if isinstance(form, PlanForm):
        form.drawn = True
    return form


@register.filter
def fragment_id(record: Any) -> str:
    """The id of the element that shows one record, e.g. `entry-<uuid>`: stable across
    pages and unique on each, so an htmx form can name it as the part to replace."""
    return f"{record._meta.model_name}-{record.public_id}"


@register.filter
def get(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key)


@register.filter
def readability(form: Any) -> Hint | None:
    """The plain-language hint for the text typed into a bound form, or None."""
    return hint_for_form(form) if form is not None else None


@register.filter
def progress_chart(item: GoalProgress) -> SafeString:
    """R19: one goal's scores over the evaluations as an SVG chart."""
    return progress_svg(item)
