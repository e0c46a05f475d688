"""Applying to a panel, reviewing applications and running a round, split by stage."""

from .decisions import *  # noqa: F403
from .intake import *  # noqa: F403
from .review import *  # noqa: F403
from .selection import *  # noqa: F403
