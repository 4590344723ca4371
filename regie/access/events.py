"""The one audit vocabulary (A5): every event kind, its NEN 7513 action and the sentence
the family reads in 'Wie heeft ons plan bekeken?'."""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class AuditAction(StrEnum):
    CREATE = "create"
    READ = "read"
    UPDATE = "update"
    DELETE = "delete"
    EXPORT = "export"
    PRINT = "print"
    SEARCH = "search"


class Outcome(StrEnum):
    """How an attempt ended, as the log stores it."""

    SUCCESS = "success"
    FAILURE = "failure"  # e.g. a wrong password or code
    REFUSED = "refused"  # the policy said no


@dataclass(frozen=True)
class EventKind:
    code: str
    action: AuditAction
    sentence: Promise


def _event(code: str, action: AuditAction, sentence: Promise) -> EventKind:
    kind = EventKind(code, action, sentence)
    EVENTS[code] = kind
    return kind


EVENTS: dict[str, EventKind] = {}

C, R, U = AuditAction.CREATE, AuditAction.READ, AuditAction.UPDATE


class Event:
    """Namespace of all event kinds; `Event.GOAL_ADDED.code` is what the log stores."""

    PLAN_OPENED = _event("plan.opened", C, _("heeft het plan geopend"))
    PLAN_VIEWED = _event("plan.viewed", R, _("heeft het plan bekeken"))
    STEP_VIEWED = _event("plan.step_viewed", R, _("heeft een stap van het plan bekeken"))
    STEP_MOVED = _event("plan.step_moved", U, _("heeft het plan naar een andere stap gezet"))
    FRAMEWORK_CHANGED = _event(
        "plan.framework", U, _("heeft veranderd of de hulp vrijwillig of verplicht is")
    )
    COORDINATOR_SET = _event("plan.coordinator", U, _("heeft de zorgcoördinator gekozen"))
    PLAN_CLOSED = _event("plan.closed", U, _("heeft het plan afgesloten"))
    STORY_EDITED = _event("story.edited", U, _("heeft het verhaal van het gezin aangepast"))
    STORY_READ = _event("story.confirmed", U, _("heeft bevestigd het verhaal te hebben gelezen"))
    PROFILE_EDITED = _event("family.profile", U, _("heeft het gezinsprofiel aangepast"))
    PERSON_ADDED = _event("family.person_added", C, _("heeft iemand aan het gezin toegevoegd"))
    RELATION_ADDED = _event("family.relation_added", C, _("heeft een relatie vastgelegd"))
    RELATION_CHANGED = _event("family.relation_changed", U, _("heeft een relatie aangepast"))
    PARTICIPANT_ADDED = _event("team.added", C, _("heeft iemand aan het plan toegevoegd"))
    PARTICIPANT_APPROVED = _event("team.approved", U, _("heeft een hulpverlener toegelaten"))
    PARTICIPANT_REFUSED = _event("team.refused", U, _("heeft een hulpverlener geweigerd"))
    PARTICIPANT_ENDED = _event("team.ended", U, _("heeft iemands rol in het plan beëindigd"))
    ENTRY_WRITTEN = _event("entry.written", C, _("heeft een aantekening geschreven"))
    ENTRY_CORRECTED = _event("entry.corrected", U, _("heeft een aantekening verbeterd"))
    ENTRY_WITHDRAWN = _event("entry.withdrawn", U, _("heeft een aantekening ingetrokken"))
    ENTRY_REACTED = _event("entry.reacted", C, _("heeft gereageerd op een aantekening"))
    WISH_ADDED = _event("wish.added", C, _("heeft een wens opgeschreven"))
    WISH_EDITED = _event("wish.edited", U, _("heeft een wens aangepast"))
    WISH_WITHDRAWN = _event("wish.withdrawn", U, _("heeft een wens ingetrokken"))
    ANALYSIS_EDITED = _event("analysis.edited", U, _("heeft de analyse aangevuld"))
    FACTOR_ADDED = _event("analysis.factor", C, _("heeft een beschermende factor vastgelegd"))
    PICTURE_WRITTEN = _event("picture.written", C, _("heeft het hele beeld beschreven"))
    POSITION_RECORDED = _event(
        "picture.position", C, _("heeft gezegd wat hij of zij van het hele beeld vindt")
    )
    GOAL_ADDED = _event("goal.added", C, _("heeft een doel toegevoegd"))
    GOAL_EDITED = _event("goal.edited", U, _("heeft een doel aangepast"))
    GOALS_REORDERED = _event("goal.reordered", U, _("heeft de volgorde van de doelen aangepast"))
    GOAL_STATUS = _event("goal.status", U, _("heeft een doel bereikt of gestopt"))
    CONDITION_SET = _event("condition.set", C, _("heeft een voorwaarde vastgelegd"))
    CONDITION_WITHDRAWN = _event("condition.withdrawn", U, _("heeft een voorwaarde ingetrokken"))
    NETWORK_ASSESSED = _event(
        "network.assessed", U, _("heeft vastgelegd wat gezin en netwerk zelf doen")
    )
    GROUP_PLAN = _event("network.group_plan", U, _("heeft het familiegroepsplan bijgewerkt"))
    ACTION_ADDED = _event("action.added", C, _("heeft een actie afgesproken"))
    ACTION_DONE = _event("action.done", U, _("heeft een actie afgerond"))
    OPTION_PROPOSED = _event("option.proposed", C, _("heeft een hulpmogelijkheid voorgesteld"))
    PREFERENCE_GIVEN = _event("option.preference", C, _("heeft een voorkeur gegeven"))
    DECISION_MADE = _event("decision.made", C, _("heeft een besluit over hulp vastgelegd"))
    DECISION_AGREED = _event(
        "decision.agreed", C, _("heeft gezegd of hij het eens is met het besluit")
    )
    PROVIDER_CHOSEN = _event("decision.provider", U, _("heeft de aanbieder gekozen"))
    APPLICATION_FILED = _event("application.filed", C, _("heeft hulp aangevraagd"))
    APPLICATION_DECIDED = _event(
        "application.decided", U, _("heeft het besluit op de aanvraag vastgelegd")
    )
    LATE_NOTICE = _event("application.late", C, _("heeft laten weten dat het besluit later komt"))
    MEETING_PLANNED = _event("meeting.planned", C, _("heeft een overleg gepland"))
    CONSULTATION = _event("consultation.recorded", C, _("heeft een overleg of advies vastgelegd"))
    INFO_AGREEMENT = _event(
        "team.info_agreement", C, _("heeft een afspraak over terugkoppeling gemaakt")
    )
    EVALUATION_SCHEDULED = _event("evaluation.scheduled", C, _("heeft een evaluatie gepland"))
    EVALUATION_REQUESTED = _event(
        "evaluation.requested", C, _("heeft om een extra evaluatie gevraagd")
    )
    EVALUATION_RECORDED = _event("evaluation.recorded", U, _("heeft een evaluatie vastgelegd"))
    GOAL_SCORED = _event("evaluation.scored", C, _("heeft een doel een cijfer gegeven"))
    CLOSING_VOICE_GIVEN = _event("plan.closing_voice", C, _("heeft gezegd hoe nuttig de hulp was"))
    AFTERCARE_ADDED = _event("aftercare.added", C, _("heeft een nazorgafspraak gemaakt"))
    COMPLAINT_FILED = _event(
        "complaint.filed", C, _("heeft een klacht of second opinion ingediend")
    )
    COMPLAINT_UPDATED = _event(
        "complaint.updated", U, _("heeft de status van een klacht bijgewerkt")
    )
    # Someone in the plan asked for a part their role or the family's sharing does not
    # give them; the family knows them, so their name stays in the family's log.
    PLAN_ACCESS_REFUSED = _event(
        "plan.access_refused", R, _("probeerde het plan te openen en kreeg geen toegang")
    )
    # Someone outside the plan asked for it, or for a plan id that does not exist (A1).
    # The family sees that and when, and the organisation, never who (A5); the privacy
    # officer sees everything.
    OUTSIDER_REFUSED = _event(
        "plan.outsider_refused",
        R,
        _("probeerde het plan te openen zonder erin deel te nemen, en kreeg geen toegang"),
    )
    # Too many refusals in a short time: the next attempts get 429 and no row in any
    # family's log; this one row, of no plan, says the throttle started.
    REFUSALS_THROTTLED = _event(
        "access.refusals_throttled", R, _("kreeg te vaak geen toegang en moet even wachten")
    )
    SHARE_GRANTED = _event("share.granted", C, _("heeft iets gedeeld met een netwerklid"))
    SHARE_REVOKED = _event("share.revoked", U, _("deelt iets niet meer met een netwerklid"))
    KEPT_FROM_PARENTS = _event(
        "privacy.kept_from_parents", U, _("houdt iets voor zichzelf, niet voor de ouders")
    )
    SHARED_WITH_PARENTS = _event(
        "privacy.shared_with_parents", U, _("deelt iets weer met de ouders")
    )
    INVITATION_SENT = _event("invitation.sent", C, _("heeft iemand uitgenodigd voor het plan"))
    INVITATION_REVOKED = _event("invitation.revoked", U, _("heeft een uitnodiging ingetrokken"))
    INVITATION_USED = _event("invitation.used", U, _("heeft de uitnodiging gebruikt"))
    # A8 retention: the log keeps the fact of a destruction, never the plan's content.
    DESTRUCTION_REQUESTED = _event(
        "plan.destruction_requested", C, _("heeft gevraagd het plan te vernietigen")
    )
    DESTRUCTION_GRANTED = _event(
        "plan.destruction_granted", U, _("heeft het verzoek om vernietiging toegekend")
    )
    DESTRUCTION_REFUSED = _event(
        "plan.destruction_refused", U, _("heeft het verzoek om vernietiging afgewezen")
    )
    PLAN_PURGED = _event("plan.purged", AuditAction.DELETE, _("heeft het plan vernietigd"))
    # Issue 15: the outcome figures name no family or plan.
    INDICATORS_VIEWED = _event(
        "indicators.viewed", AuditAction.READ, _("heeft de cijfers over de hulp bekeken")
    )
    INDICATORS_EXPORTED = _event(
        "indicators.exported", AuditAction.EXPORT, _("heeft de cijfers over de hulp gedownload")
    )
    INDICATORS_API_READ = _event(
        "indicators.api",
        R,
        _("heeft via een gekoppeld systeem de cijfers over de hulp opgehaald"),
    )
    # Reading the log is itself logged (NEN 7513).
    LOG_VIEWED = _event("log.viewed", R, _("heeft bekeken wie het plan heeft ingezien"))
    LOG_SEARCHED = _event("log.searched", AuditAction.SEARCH, _("heeft het toegangslog doorzocht"))
    LOG_EXPORTED = _event(
        "log.exported", AuditAction.EXPORT, _("heeft het toegangslog geëxporteerd")
    )
    # A checkpoint names no family or plan: only the privacy officer sees this row.
    LOG_CHECKPOINT_DOWNLOADED = _event(
        "log.checkpoint_downloaded",
        AuditAction.EXPORT,
        _("heeft een controlepunt van het toegangslog gedownload"),
    )
    # Accounts (A6). These rows name no family or plan, so families never see them in
    # "Wie heeft ons plan bekeken?"; the privacy officer does. Only an account reset by an
    # administrator (EMAIL_CHANGED, TWO_FACTOR_RESET) also gets a row in each plan. A
    # session is created at login and deleted at logout or expiry.
    LOGIN = _event("account.login", C, _("is ingelogd"))
    LOGIN_FAILED = _event("account.login_failed", C, _("kon niet inloggen"))
    LOCKED_OUT = _event(
        "account.locked_out", C, _("is tijdelijk geblokkeerd na te veel mislukte pogingen")
    )
    LOGOUT = _event("account.logout", AuditAction.DELETE, _("is uitgelogd"))
    SESSION_EXPIRED = _event("account.session_expired", AuditAction.DELETE, _("sessie is verlopen"))
    TWO_FACTOR_ENABLED = _event("account.2fa_enabled", C, _("heeft tweestapsverificatie aangezet"))
    TWO_FACTOR_VERIFIED = _event("account.2fa_verified", C, _("heeft de tweede stap doorlopen"))
    TWO_FACTOR_FAILED = _event(
        "account.2fa_failed", C, _("gaf een onjuiste code bij de tweede stap")
    )
    TWO_FACTOR_DISABLED = _event(
        "account.2fa_disabled", AuditAction.DELETE, _("heeft tweestapsverificatie uitgezet")
    )
    TWO_FACTOR_RESET = _event(
        "account.2fa_reset", AuditAction.DELETE, _("heeft iemands tweestapsverificatie gewist")
    )
    RECOVERY_CODES_RENEWED = _event("account.recovery_codes", C, _("heeft nieuwe herstelcodes"))
    PASSWORD_RESET = _event("account.password_reset", U, _("heeft een nieuw wachtwoord ingesteld"))
    PASSWORD_CHANGED = _event("account.password_changed", U, _("heeft het wachtwoord gewijzigd"))
    ACCOUNT_CREATED = _event("account.created", C, _("heeft een account aangemaakt"))
    ACCOUNT_CHANGED = _event("account.changed", U, _("heeft een account gewijzigd"))
    ACCOUNT_DEACTIVATED = _event("account.deactivated", U, _("heeft een account gedeactiveerd"))
    CONTACT_CHANGED = _event(
        "account.contact", U, _("heeft eigen telefoonnummer of e-mailadres aangepast")
    )
    ACCOUNT_UNLOCKED = _event("account.unlocked", U, _("heeft een geblokkeerd account vrijgegeven"))
    # A6: an administrator's change of someone else's e-mail address or second factor
    # waits for a second administrator or the person's own confirmation. Once it takes
    # effect, each plan the person takes part in gets a row too, so the family sees it.
    ACCOUNT_CHANGE_REQUESTED = _event(
        "account.change_requested", C, _("heeft gevraagd een account te wijzigen")
    )
    ACCOUNT_CHANGE_APPROVED = _event(
        "account.change_approved", U, _("heeft een wijziging van een account goedgekeurd")
    )
    ACCOUNT_CHANGE_CONFIRMED = _event(
        "account.change_confirmed", U, _("heeft een wijziging van het eigen account bevestigd")
    )
    ACCOUNT_CHANGE_REJECTED = _event(
        "account.change_rejected", U, _("heeft een wijziging van een account tegengehouden")
    )
    EMAIL_CHANGED = _event(
        "account.email_changed", U, _("heeft het e-mailadres van een account gewijzigd")
    )
    PLANS_LISTED = _event(
        "plans.listed", AuditAction.SEARCH, _("heeft een lijst van plannen bekeken")
    )
    # The REST API (issue 6): an organisation's system reads on behalf of one professional.
    API_READ = _event("api.read", R, _("heeft via een gekoppeld systeem het plan gelezen"))
    API_SEARCH = _event(
        "api.search", AuditAction.SEARCH, _("heeft via een gekoppeld systeem een lijst opgevraagd")
    )
    # Exports (issue 6): each export is a read the family sees in "Wie heeft ons plan bekeken?".
    PLAN_PRINTED = _event(
        "export.pdf", AuditAction.PRINT, _("heeft het plan als pdf gedownload om te printen")
    )
    PLAN_EXPORTED_FHIR = _event(
        "export.fhir", AuditAction.EXPORT, _("heeft het plan als FHIR-bestand geëxporteerd")
    )
    DATA_EXPORTED = _event(
        "export.data", AuditAction.EXPORT, _("heeft alle gegevens gedownload (inzage)")
    )
    # Reminders (issue "Beyond the screen"): Regie itself tells someone in the plan that
    # something waits; the row names who got it (the object) and which reminder (part).
    REMINDER_SENT = _event("reminder.sent", C, _("heeft een herinnering gestuurd"))
