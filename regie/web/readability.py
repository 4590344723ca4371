"""Write for the family (000: share what you write; 004: plain questions): a plain-language
hint for what a professional writes. A Dutch Flesch-Douma score, computed here by hand, and
words from a short jargon list with their plain alternative. The hint warns; it never
blocks saving.

Wiring: `hint_for_form(form)` gives the hint for a bound form's text boxes (an entry, a wish
summary, a decision), or None when there is nothing to judge."""

import re
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext as _

WARN_BELOW = 60  # Flesch-Douma: below 60 most families find a text hard
EASY_FROM = 75

VOWELS = "aeiouyáéíóúàèëïöü"
# Vowel pairs (and triples) spoken as one sound; the longest match is taken first.
# A vowel with a diaeresis (ë, ï, ö, ü) always starts a new syllable, so it is never part
# of a pair here. "ij" is one syllable already: j is not a vowel.
VOWEL_CLUSTERS = (
    "aai", "ooi", "oei", "eeu", "ieu",
    "ij", "ei", "ui", "au", "ou", "oe", "eu", "ie", "aa", "ee", "oo", "uu",
)  # fmt: skip
_VOWEL_RUN = re.compile(f"[{VOWELS}]+")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?;:]+|\n\s*\n")

# Youth-care jargon with a plain alternative (B1). The glossary words of DESIGN.md §6 are
# fine in the plan; "interventie" is here anyway because families read it as vague.
JARGON: dict[str, str] = {
    "casuïstiek": "het bespreken van een situatie",
    "indicatie": "besluit over hulp",
    "geïndiceerd": "er is besloten dat u hulp krijgt",
    "interventie": "hulp",
    "ambulant": "bij u thuis of op afspraak",
    "multidisciplinair": "met hulpverleners van verschillende vakken",
    "beschikking": "besluit",
    "regievoering": "overzicht houden",
    "signalering": "zien dat er iets aan de hand is",
    "escalatie": "de situatie wordt erger",
    "escaleren": "erger worden",
    "triage": "kijken welke hulp het eerst nodig is",
    "ketenpartner": "andere organisatie die helpt",
    "zorgcontinuïteit": "de hulp gaat zonder onderbreking door",
    "draagkracht": "wat u aankunt",
    "draaglast": "wat er op u drukt",
    "gedragsproblematiek": "problemen met gedrag",
    "problematiek": "problemen",
    "opvoedingsondersteuning": "hulp bij het opvoeden",
    "psycho-educatie": "uitleg over wat er aan de hand is",
    "psychoeducatie": "uitleg over wat er aan de hand is",
    "diagnostiek": "onderzoek naar wat er aan de hand is",
    "prognose": "verwachting",
    "setting": "plek of situatie",
    "inzet": "hulp",
    "traject": "periode van hulp",
    "doelgroep": "voor wie het is",
    "evaluatiemoment": "gesprek over hoe het gaat",
    "procesregie": "de leiding over wat er gebeurt",
    "systeemgericht": "met het hele gezin",
    "protocol": "vaste werkwijze",
    "intake": "eerste gesprek",
    "casemanager": "vaste hulpverlener",
    "hulpverleningsplan": "plan",
    "participatie": "meedoen",
    "cliënt": "u, of uw naam",
    # Words families did not understand on the app's own pages (issue 14); a phrase of
    # more words is found as a whole.
    "probleem- en krachtenanalyse": "zorgen en sterke kanten",
    "krachtenanalyse": "zorgen en sterke kanten",
    "samenhangend beeld": "het hele beeld",
    "standpunt": "wat u ervan vindt",
    "gezag": "wie over het kind beslist",
    "kader": "vrijwillig of verplicht",
    "klachtenfunctionaris": "iemand die helpt met uw klacht",
    "fhir": "een bestand voor andere zorgsystemen",
    "inzage volgens de avg": "uw gegevens bekijken",
    "wabvpz": "de wet over gegevens in de zorg",
    "wet aanvullende bepalingen": "de wet over gegevens in de zorg",
}
# Endings a jargon word may carry and still be the same word (plural, inflection).
_ENDINGS = ("", "s", "'s", "en", "n", "e")


@dataclass
class Hint:
    score: int
    level: str  # "makkelijk", "gemiddeld" or "moeilijk"
    jargon: list[tuple[str, str]] = field(default_factory=list)
    warn: bool = False

    @property
    def message(self) -> str:
        """One plain sentence for the form, in the reader's language."""
        if not self.warn:
            return _("Deze tekst is goed te lezen voor het gezin.")
        parts = []
        if self.score < WARN_BELOW:
            parts.append(
                _(
                    "Deze tekst is moeilijk te lezen. "
                    "Maak de zinnen korter en gebruik kortere woorden."
                )
            )
        if self.jargon:
            words = "; ".join(f"{word} → {plain}" for word, plain in self.jargon)
            parts.append(
                _("Vaktaal die het gezin misschien niet kent: %(words)s.") % {"words": words}
            )
        return " ".join(parts)


def syllables(word: str) -> int:
    """Dutch syllables by vowel groups: each vowel cluster (ij, ei, ui, au, ou, oe, eu, ie,
    aa, ee, oo, uu, and aai, ooi, oei, eeu, ieu) is one, every other vowel is one.
    A word without vowels (an abbreviation) counts as one."""
    count = 0
    for run in _VOWEL_RUN.findall(word.lower()):
        i = 0
        while i < len(run):
            match = next((c for c in VOWEL_CLUSTERS if run.startswith(c, i)), run[i])
            i += len(match)
            count += 1
    # "ij" is i + j: j is no vowel, so "ij" already counts once as the run "i".
    return max(count, 1)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if words(s)]


def flesch_douma(text: str) -> float:
    """206.84 − 0.77 × syllables per 100 words − 0.93 × words per sentence."""
    found = words(text)
    if not found:
        return 100.0
    per_100 = 100 * sum(syllables(w) for w in found) / len(found)
    per_sentence = len(found) / max(len(sentences(text)), 1)
    return 206.84 - 0.77 * per_100 - 0.93 * per_sentence


_PHRASES = {term: re.compile(rf"\b{re.escape(term)}", re.I) for term in JARGON if " " in term}


def find_jargon(text: str) -> list[tuple[str, str]]:
    """Jargon words in the text, also inflected or at the end of a compound
    ("zorgtraject", "indicaties"), each once, in the order they appear; a phrase of more
    words ("samenhangend beeld") as a whole, before the words."""
    found: dict[str, str] = {
        term: JARGON[term] for term, phrase in _PHRASES.items() if phrase.search(text)
    }
    for token in words(text):
        token = token.lower().replace("’", "'")
        matches = [
            term
            for term in JARGON
            if term not in _PHRASES
            and any(
                token.endswith(term + ending) and _compound_ok(token, term + ending)
                for ending in _ENDINGS
            )
        ]
        if matches:
            # The longest term only: "gedragsproblematiek", not also "problematiek".
            term = max(matches, key=len)
            found.setdefault(term, JARGON[term])
    return list(found.items())


def _compound_ok(token: str, matched: str) -> bool:
    """A term at the end of a longer word counts only if the word really is a compound:
    the part before it is at least three letters ("zorg|traject", not "p|inzet")."""
    rest = len(token) - len(matched)
    return rest == 0 or rest >= 3


def readability(text: str) -> Hint:
    score = round(min(max(flesch_douma(text), 0.0), 100.0))
    level = (
        "makkelijk" if score >= EASY_FROM else "gemiddeld" if score >= WARN_BELOW else "moeilijk"
    )
    jargon = find_jargon(text)
    return Hint(score=score, level=level, jargon=jargon, warn=score < WARN_BELOW or bool(jargon))


def hint_for_form(form: forms.Form) -> Hint | None:
    """The hint for the text a person typed into a form's text boxes (every field with a
    Textarea), e.g. EntryForm.body. None for an unbound form or when nothing was written."""
    if not form.is_bound:
        return None
    texts = []
    for name, form_field in form.fields.items():
        if isinstance(form_field.widget, forms.Textarea):
            value = form.data.get(form.add_prefix(name), "")
            if isinstance(value, str) and value.strip():
                texts.append(value.strip())
    if not texts:
        return None
    return readability("\n\n".join(texts))
