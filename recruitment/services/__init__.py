"""Every change to rounds and applications: permission, validation, history and messages together.

Split by stage: intake (rounds, applying), review (assigning, scoring, moderating) and decisions
(shortlisting, interviews, outcomes) and selection (proposing a balanced panel). Callers use `services.<entity>_<verb>`.
"""

from .decisions import *  # noqa: F403
from .intake import *  # noqa: F403
from .review import *  # noqa: F403
from .selection import *  # noqa: F403
