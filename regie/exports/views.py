"""Downloads of the plan (issue 6). Each download is a read the family sees in "Wie heeft
ons plan bekeken?": exactly one access-log row, written before the file is made, in the
role the person acts in (A5). Outsiders get the same 404 as for a missing plan (A1)."""

import uuid

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from regie.access import policy
from regie.access.events import Event
from regie.access.requests import client_ip, log_read, plan_for, refuse
from regie.exports import data, fhir, pdf


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _pdf(request: HttpRequest, plan_id: uuid.UUID, *, youth: bool) -> HttpResponse:
    viewer = plan_for(request, plan_id)
    plan, me = viewer.plan, viewer.participant
    today = timezone.localdate()
    part = "jongerenversie" if youth else ""
    log_read(viewer, Event.PLAN_PRINTED, client_ip(request), part=part)
    body = pdf.html_to_pdf(pdf.render_html(plan, me, today, youth=youth, seen=viewer.sections))
    return _download(body, "application/pdf", pdf.pdf_filename(plan, today, youth=youth))


@login_required
@require_GET
@never_cache
def plan_pdf(request: HttpRequest, plan_id: uuid.UUID) -> HttpResponse:
    """The plan for the family, as this person may see it (a network member: only what
    the family shares with them, A3)."""
    return _pdf(request, plan_id, youth=False)


@login_required
@require_GET
@never_cache
def plan_pdf_youth(request: HttpRequest, plan_id: uuid.UUID) -> HttpResponse:
    """The same plan in simple words for a child or youth (A4)."""
    return _pdf(request, plan_id, youth=True)


@login_required
@require_GET
@never_cache
def plan_fhir(request: HttpRequest, plan_id: uuid.UUID) -> HttpResponse:
    """The FHIR R4 bundle: for the family and the professionals in the plan; a network
    member is refused (403), outsiders get 404."""
    viewer = plan_for(request, plan_id)
    plan, me = viewer.plan, viewer.participant
    if not policy.may_export_fhir(me):
        refuse(request, viewer, "fhir", _("Dit deel van het plan deelt het gezin niet met u."))
    try:
        bundle = fhir.build_bundle(plan, me, timezone.localdate(), seen=viewer.sections)
    except fhir.NoSubject as error:
        return HttpResponse(str(error), status=409, content_type="text/plain; charset=utf-8")
    log_read(viewer, Event.PLAN_EXPORTED_FHIR, client_ip(request))
    filename = f"gezinsplan-{timezone.localdate():%Y-%m-%d}.fhir.json"
    return _download(bundle.model_dump_json(indent=2).encode(), "application/fhir+json", filename)


@login_required
@require_GET
@never_cache
def plan_data(request: HttpRequest, plan_id: uuid.UUID) -> HttpResponse:
    """AVG inzage: everything about the person and their plan, for family members only."""
    viewer = plan_for(request, plan_id)
    plan, me = viewer.plan, viewer.participant
    if not policy.may_export_data(me):
        refuse(request, viewer, "gegevens", _("Alleen het gezin kan al zijn gegevens downloaden."))
    today = timezone.localdate()
    log_read(viewer, Event.DATA_EXPORTED, client_ip(request))
    body = data.data_zip(plan, me, today, seen=viewer.sections)
    return _download(body, "application/zip", f"mijn-gegevens-regie-{today:%Y-%m-%d}.zip")
