"""Rules that need more than one app to answer."""

import rules

from engagement.rules import is_officer
from members.rules import is_staff_person

# Who passes two-step verification before staff routes (portal.middleware): members of staff, and
# officers, whose pages show documents not yet public (ADR 0024).
rules.add_perm("portal.use_second_factor", is_staff_person | is_officer)
