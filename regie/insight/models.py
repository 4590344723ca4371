"""What the figures keep of their own (issue 15): nothing about a plan, only counts and sums."""

from collections.abc import Mapping

from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.insight.indicators import Figure, Indicator, QuarterLeaves


class FrozenStepCounts(models.Model):
    """The plans per step of one quarter that is over, kept as first counted: how many
    plans were open at its end per step, organisation, type of help and framework (no
    plan, no id). A plan's framework or decision may change later, and it may be
    destroyed; counted again, the quarter would then differ from an earlier reading by
    that one plan. So every reading after the first shows these counts."""

    quarter = models.CharField(_("kwartaal"), max_length=7, unique=True)
    # [[step, organisation, type of help, framework, plans], …]
    leaves = models.JSONField(_("aantallen"))
    frozen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["quarter"]

    def __str__(self) -> str:
        return self.quarter

    @classmethod
    def read(cls) -> dict[str, dict[tuple[object, ...], int]]:
        """Per quarter kept, plans per leaf (step, organisation, type of help, framework)."""
        return {
            row.quarter: {tuple(leaf[:4]): leaf[4] for leaf in row.leaves}
            for row in cls.objects.all()
        }

    @staticmethod
    def keep(counted: Mapping[str, Mapping[tuple[object, ...], int]]) -> None:
        """Keeps quarters counted for the first time; a quarter someone kept meanwhile
        stays as it is."""
        rows = [
            FrozenStepCounts(
                quarter=quarter, leaves=[[*leaf, plans] for leaf, plans in leaves.items()]
            )
            for quarter, leaves in counted.items()
        ]
        FrozenStepCounts.objects.bulk_create(rows, ignore_conflicts=True)


class FrozenOutcomes(models.Model):
    """One indicator's figures of one quarter, kept as first settled: per organisation,
    type of help and framework the number of plans and the sums behind the figure (no
    plan, no id, no text). A plan destroyed early (A8) or purged after 20 years would
    otherwise leave its quarter, and two readings side by side would show what it held.
    Indicator 3.2 settles twelve months after the quarter, the others when it is over."""

    quarter = models.CharField(_("kwartaal"), max_length=7)
    indicator = models.CharField(_("indicator"), max_length=4)
    # [[quarter, organisation, type of help, framework, plans, numerator, denominator,
    #   [answers]], …]
    leaves = models.JSONField(_("aantallen"))
    frozen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["quarter", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["quarter", "indicator"], name="one_frozen_outcome")
        ]

    def __str__(self) -> str:
        return f"{self.quarter} {self.indicator}"

    @classmethod
    def read(cls) -> dict[tuple[str, Indicator], QuarterLeaves]:
        return {
            (row.quarter, Indicator(row.indicator)): {
                tuple(leaf[:4]): Figure(
                    plans=leaf[4], numerator=leaf[5], denominator=leaf[6], values=leaf[7]
                )
                for leaf in row.leaves
            }
            for row in cls.objects.all()
        }

    @staticmethod
    def keep(settled: Mapping[tuple[str, Indicator], QuarterLeaves]) -> None:
        """Keeps the parts settled for the first time; one kept meanwhile stays."""
        rows = [
            FrozenOutcomes(
                quarter=quarter,
                indicator=str(indicator),
                leaves=[
                    [*leaf, sums.plans, sums.numerator, sums.denominator, sums.values]
                    for leaf, sums in leaves.items()
                ],
            )
            for (quarter, indicator), leaves in settled.items()
        ]
        FrozenOutcomes.objects.bulk_create(rows, ignore_conflicts=True)
