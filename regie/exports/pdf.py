"""The plan as a printable PDF (issue 6): an HTML template rendered by WeasyPrint.

Nothing is fetched from outside: the stylesheet is inline, fonts come from the system
(fontconfig), and the URL fetcher accepts only `data:` URLs, so neither an address in
the plan's text nor a template mistake can make the server fetch a URL or read a file."""

import datetime

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from regie.access import policy
from regie.access.policy import Section
from regie.exports.document import (
    GROUP_LABELS,
    YOUTH_GROUP_LABELS,
    PlanReads,
    plan_document,
    read_plan,
)
from regie.plans.models import Participant, Plan

ALLOWED_PROTOCOLS = frozenset({"data"})


def safe_url_fetcher() -> URLFetcher:
    """A fetcher that refuses every URL except inline `data:` URLs."""
    return URLFetcher(allowed_protocols=ALLOWED_PROTOCOLS, allow_redirects=False, timeout=1)


def render_html(
    plan: Plan,
    viewer: Participant,
    today: datetime.date,
    *,
    youth: bool = False,
    seen: frozenset[Section] | None = None,
    reads: PlanReads | None = None,
) -> str:
    """The HTML that feeds WeasyPrint: the family version, or the youth version in
    simple words ("jij/je") and bigger type, in the reader's language (Dutch unless they
    switched to English, issue 5). `seen`: the sections the request computed once;
    `reads`: the records when the caller read them already (the data export)."""
    if reads is None:
        seen = policy.sections(viewer) if seen is None else seen
        reads = read_plan(plan, viewer, today, seen, youth=youth)
    document = plan_document(plan, viewer, today, reads)
    template = "exports/plan_youth.html" if youth else "exports/plan.html"
    return render_to_string(
        template,
        {
            "doc": document,
            "plan": plan,
            "groups": YOUTH_GROUP_LABELS if youth else GROUP_LABELS,
        },
    )


# PDF/UA-1: tagged (headings, lists, tables in a structure tree), with its language and
# title, so a screen reader reads the plan in order (issue 14).
PDF_VARIANT = "pdf/ua-1"


def html_to_pdf(html: str) -> bytes:
    document = HTML(string=html, base_url=None, url_fetcher=safe_url_fetcher())
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    if pdf is None:  # write_pdf without a target returns the bytes
        raise RuntimeError("WeasyPrint returned no PDF.")
    return pdf


def plan_pdf(
    plan: Plan, viewer: Participant, today: datetime.date, *, youth: bool = False
) -> bytes:
    return html_to_pdf(render_html(plan, viewer, today, youth=youth))


def pdf_filename(plan: Plan, today: datetime.date, *, youth: bool = False) -> str:
    kind = "plan-jongere" if youth else "gezinsplan"
    return f"{kind}-{today:%Y-%m-%d}.pdf"
