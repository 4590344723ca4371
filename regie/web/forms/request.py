"""Forms of the request for help (step 2): the family's story and everyone's wishes (R4)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.access import policy
from regie.core.versioning import Versioned
from regie.plans.models import Participant, Wish
from regie.web.forms.base import TEXT, ParticipantChoice, PlanForm, VersionField


class StoryForm(PlanForm):
    story = forms.CharField(
        label=_("Ons verhaal"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    request_for_help = forms.CharField(
        label=_("Onze hulpvraag"),
        widget=TEXT,
        required=False,
        help_text=_("Waar zit u mee? Wat hebt u nodig?"),
    )
    expected_version = VersionField()

    def versioned_record(self) -> Versioned | None:
        return self.plan.story


class WishForm(PlanForm):
    member = ParticipantChoice(
        queryset=Participant.objects.none(),
        to_field_name="public_id",
        label=_("Van wie is deze wens?"),
    )
    text = forms.CharField(
        label=_("Wat is de wens?"),
        help_text=_("In de eigen woorden van wie de wens heeft."),
        widget=TEXT,
        error_messages={"required": _("Schrijf eerst de wens op.")},
    )
    # A4: a youth chooses before saving who reads their own wish (issue 14); shared is
    # the default, as parents read the whole plan unless the youth keeps something (A2).
    keep_from_parents = forms.BooleanField(
        label=_("Wie mag dit lezen?"),
        required=False,
        initial=False,
        widget=forms.RadioSelect(
            choices=[
                (False, _("Ook mijn ouders")),
                (True, _("Alleen voor mij: mijn ouders lezen het niet")),
            ]
        ),
        help_text=_(
            "Je hulpverleners lezen het altijd. "
            "Je ouders zien alleen dat je iets voor jezelf houdt, niet wat."
        ),
    )

    def setup(self) -> None:
        self.choose("member", self.family())
        self.fields["member"].error_messages["required"] = _("Kies van wie deze wens is.")
        if self.me.is_family:
            self.fields["member"].initial = self.me.public_id
        if self.me.is_child:  # a youth writes their own wish, also on a step page
            self.fields["text"].error_messages["required"] = _("Schrijf eerst je wens op.")
        elif self.me.is_family:
            self.fields["text"].error_messages["required"] = _("Schrijf eerst uw wens op.")
        if not policy.may_keep_from_parents(self.me, own_words=True):
            del self.fields["keep_from_parents"]  # only a youth of 12+ keeps their own words


class WithdrawWishForm(PlanForm):
    record_field = "wish"
    record_model = Wish
    reason = forms.CharField(label=_("Waarom?"), max_length=300, required=False)
