"""The plan and everything in it. One module per part of the model; each says what it
exports in its `__all__`, and this package is their public face."""

from regie.plans.models.content import *  # noqa: F403
from regie.plans.models.plan import *  # noqa: F403
from regie.plans.models.sharing import *  # noqa: F403
from regie.plans.models.team import *  # noqa: F403
