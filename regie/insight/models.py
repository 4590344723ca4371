"""What the figures keep of their own (issue 15): nothing about a plan, only counts."""

from collections.abc import Mapping

from django.db import models
from django.utils.translation import gettext_lazy as _


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
