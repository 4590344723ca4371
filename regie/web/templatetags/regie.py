from typing import Any

from django import template

from regie.web.forms import PlanForm

register = template.Library()


@register.simple_tag
def record_form(forms: dict[str, PlanForm], name: str, record: Any) -> PlanForm:
    """The form for one record: the bound one (with the person's input and errors) if it
    was posted for this record, otherwise a fresh one pointing at the record."""
    form = forms[name.replace("-", "_")]
    field = form.record_field
    if form.is_bound and form.data.get(field) == str(record.public_id):
        return form
    return type(form)(plan=form.plan, me=form.me, initial=form.initial_for(record))


@register.filter
def get(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key)
