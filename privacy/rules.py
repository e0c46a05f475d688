"""Who may do what with data protection requests: administrators, who answer them."""

import rules

from members.rules import is_administrator

rules.add_perm("privacy.manage_requests", is_administrator)
