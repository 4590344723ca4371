"""Shapes of what the API sends and receives. Which rows and fields someone may see is
decided in the views through the policy and selectors, never here (STYLE: no access rules
in serializers). Ids are public UUIDs only."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from regie.core.validators import validate_plausible_date
from regie.insight.indicators import ALL
from regie.insight.report import HELP_TYPE_LABELS, Kind
from regie.plans import workflow
from regie.plans.models import (
    Action,
    Entry,
    EntryKind,
    Evaluation,
    EvaluationOutcome,
    Framework,
    Goal,
    GoalScore,
    GoalTerm,
    LegalMeasure,
    Participant,
    Plan,
)


class ProblemSerializer(serializers.Serializer[Any]):
    """RFC 9457 problem details."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField()
    rule = serializers.CharField(required=False, help_text="Regel uit DESIGN.md, bv. R8.")
    field = serializers.CharField(required=False)
    errors = serializers.DictField(required=False, child=serializers.JSONField())


class PersonRefSerializer(serializers.ModelSerializer[Participant]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    name = serializers.CharField(source="display_name", read_only=True)

    class Meta:
        model = Participant
        fields = ["id", "name", "role"]
        read_only_fields = fields


class PlanSerializer(serializers.ModelSerializer[Plan]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    family = serializers.CharField(source="family.name", read_only=True)
    step_name = serializers.CharField(source="get_step_display", read_only=True)
    step_explanation = serializers.SerializerMethodField()
    legal_measure = serializers.ChoiceField(
        choices=LegalMeasure.choices, allow_blank=True, read_only=True
    )
    last_changed_at = serializers.DateTimeField(read_only=True)
    coordinator = PersonRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Plan
        fields = [
            "id",
            "family",
            "step",
            "step_name",
            "step_explanation",
            "status",
            "framework",
            "legal_measure",
            "opened_at",
            "closed_at",
            "last_changed_at",
            "coordinator",
        ]
        read_only_fields = fields

    def get_step_explanation(self, plan: Plan) -> str:
        return str(workflow.STEPS[plan.step].why)


class GoalSerializer(serializers.ModelSerializer[Goal]):
    id = serializers.UUIDField(source="public_id", read_only=True)

    class Meta:
        model = Goal
        fields = [
            "id",
            "text",
            "life_wish",
            "term",
            "priority",
            "is_safety_goal",
            "status",
            "status_reason",
            "created_at",
            "version",
        ]
        read_only_fields = fields


class GoalEditSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    term = serializers.ChoiceField(choices=GoalTerm.choices, required=False)
    life_wish = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)


class ActionSerializer(serializers.ModelSerializer[Action]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    goal = serializers.UUIDField(source="goal.public_id", read_only=True, allow_null=True)
    owner = PersonRefSerializer(read_only=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "description",
            "goal",
            "owner",
            "due_on",
            "takeover_reason",
            "status",
            "done_at",
            "created_at",
            "version",
        ]
        read_only_fields = fields


class ActionCreateSerializer(serializers.Serializer[Any]):
    description = serializers.CharField(allow_blank=True, trim_whitespace=False)
    owner = serializers.UUIDField(help_text="Id van de betrokkene die de actie doet (R12).")
    goal = serializers.UUIDField(required=False, allow_null=True)
    due_on = serializers.DateField(
        required=False, allow_null=True, validators=[validate_plausible_date]
    )
    takeover_reason = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)


class ScoreSerializer(serializers.ModelSerializer[GoalScore]):
    goal = serializers.UUIDField(source="goal.public_id", read_only=True)
    participant = PersonRefSerializer(read_only=True)

    class Meta:
        model = GoalScore
        fields = ["goal", "participant", "score", "comment"]
        read_only_fields = fields


class EvaluationSerializer(serializers.ModelSerializer[Evaluation]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    outcome = serializers.ChoiceField(
        choices=EvaluationOutcome.choices, allow_blank=True, read_only=True
    )
    scores = ScoreSerializer(
        many=True,
        read_only=True,
        source="visible_scores",
        help_text="Alleen cijfers voor doelen die de aanroeper mag zien.",
    )

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "scheduled_for",
            "is_extra",
            "request_reason",
            "held_on",
            "working_relationship",
            "satisfaction",
            "satisfaction_reasons",
            "outcome",
            "notes",
            "scores",
            "created_at",
            "version",
        ]
        read_only_fields = fields


class EntrySerializer(serializers.ModelSerializer[Entry]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    about = serializers.UUIDField(source="about.public_id", read_only=True, allow_null=True)
    created_by = PersonRefSerializer(read_only=True)

    class Meta:
        model = Entry
        fields = ["id", "kind", "body", "step", "about", "created_by", "created_at", "version"]
        read_only_fields = fields


class EntryCreateSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=EntryKind.choices)
    body = serializers.CharField(allow_blank=True, trim_whitespace=False)
    about = serializers.UUIDField(
        required=False, allow_null=True, help_text="Id van de betrokkene; leeg: het hele gezin."
    )


# ---- Figures (issue 15) -------------------------------------------------------------------
# The view sends the plain values of regie.insight.reading (the CSV writes the same); these
# shapes describe them in the schema and check the filters.


class FigureFilterSerializer(serializers.Serializer[Any]):
    """Optional filters; each narrows the cells to one value of its axis. Only values
    within the caller's scope are accepted, others are a 400."""

    period = serializers.RegexField(
        r"^\d{4}(-K[1-4])?$",
        required=False,
        help_text="Een jaar (2025) of een kwartaal (2025-K1), naar de dag van afsluiten.",
    )
    organisation = serializers.CharField(
        required=False,
        help_text="Id van een organisatie, '*' (alle organisaties samen) of 'none' (nog geen "
        "aanbieder). Een kwaliteitsfunctionaris: alleen de eigen organisatie.",
    )
    help_type = serializers.ChoiceField(
        choices=[ALL, *HELP_TYPE_LABELS], required=False, help_text="'*': alle soorten hulp samen."
    )
    framework = serializers.ChoiceField(
        choices=[ALL, *Framework.values], required=False, help_text="'*': beide samen."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """The report's own value per given filter; `context["keys"]` has the allowed."""
        keys: dict[str, dict[str, object]] = self.context["keys"]
        unknown = {
            axis: [_("Kies een waarde die in de cijfers voorkomt en die u mag zien.")]
            for axis in attrs
            if attrs[axis] not in keys[axis]
        }
        if unknown:
            raise serializers.ValidationError(unknown)
        return {axis: keys[axis][key] for axis, key in attrs.items()}


class DefinitionSerializer(serializers.Serializer[Any]):
    id = serializers.CharField(
        help_text="Nummer in de landelijke set (1, 2, 3.1 … 3.4) of een procescijfer (P1 … P4)."
    )
    name = serializers.CharField()
    definition = serializers.CharField()
    share = serializers.BooleanField(
        help_text="Een aandeel van 0 tot 1; anders een mediaan of een gemiddelde verandering."
    )
    group = serializers.ChoiceField(
        choices=[kind.value for kind in Kind],
        help_text="'outcome': wat werkt (de landelijke set); 'process': hoe de plannen gingen.",
    )


class AnswersSerializer(serializers.Serializer[Any]):
    score = serializers.IntegerField(min_value=0, max_value=10)
    answers = serializers.IntegerField(min_value=0)


class FigureSerializer(DefinitionSerializer):
    plans = serializers.IntegerField(
        allow_null=True, help_text="Op hoeveel plannen het cijfer rust; null als verborgen."
    )
    hidden = serializers.BooleanField(
        help_text="Minder dan 10 plannen (of nodig om die te beschermen)."
    )
    value = serializers.FloatField(
        allow_null=True, help_text="null als verborgen of zonder plannen."
    )
    shown = serializers.CharField(help_text="Zoals de pagina het toont, bv. '88%' of '< 10'.")
    distribution = AnswersSerializer(
        many=True,
        allow_null=True,
        help_text="Alleen bij 2 (tevredenheid), niet verborgen: het aantal antwoorden per cijfer.",
    )


class CellLabelsSerializer(serializers.Serializer[Any]):
    period = serializers.CharField()
    organisation = serializers.CharField()
    help_type = serializers.CharField()
    framework = serializers.CharField()


class StepSerializer(serializers.Serializer[Any]):
    step = serializers.CharField(help_text="De stap, 1 tot en met 8, of '*' voor alle stappen.")
    name = serializers.CharField()
    plans = serializers.IntegerField(allow_null=True, help_text="null als verborgen.")
    hidden = serializers.BooleanField()
    shown = serializers.CharField(help_text="Zoals de pagina het toont, bv. '12' of '< 10'.")


class CellSerializer(serializers.Serializer[Any]):
    period = serializers.CharField()
    organisation = serializers.CharField(help_text="Id van de organisatie, '*' of 'none'.")
    help_type = serializers.CharField()
    framework = serializers.CharField()
    labels = CellLabelsSerializer(help_text="De vier waarden in woorden, zoals op de pagina.")
    indicators = FigureSerializer(many=True)
    steps_quarter = serializers.CharField(
        allow_null=True,
        help_text="Het kwartaal op de laatste dag waarvan de plannen per stap zijn geteld.",
    )
    steps = StepSerializer(many=True, help_text="Lopende plannen per stap op die dag.")


class FiguresSerializer(serializers.Serializer[Any]):
    minimum = serializers.IntegerField(help_text="Geen cijfer voor minder plannen dan dit.")
    definitions = DefinitionSerializer(many=True)
    cells = CellSerializer(many=True)
