"""Every change to panels' people: staff roles, memberships and their terms, access needs and the
register of interests (`memberships`), and writing to a panel (`writing`)."""

from .memberships import (
    NEEDS_CONFIRMED,
    access_need_add,
    access_need_change,
    access_need_remove,
    access_needs_carry_from_application,
    access_profile_confirm,
    access_profile_for,
    access_profile_update,
    access_review_due,
    interests_declare,
    membership_change,
    membership_create,
    membership_end,
    membership_renew,
    staff_role_grant,
    staff_role_revoke,
)
from .writing import (
    attachment_check,
    panel_message_change,
    panel_message_context,
    panel_message_recipients,
    panel_message_send,
    panel_message_write,
)

__all__ = [
    "NEEDS_CONFIRMED",
    "access_need_add",
    "access_need_change",
    "access_need_remove",
    "access_needs_carry_from_application",
    "access_profile_confirm",
    "access_profile_for",
    "access_profile_update",
    "access_review_due",
    "attachment_check",
    "interests_declare",
    "membership_change",
    "membership_create",
    "membership_end",
    "membership_renew",
    "panel_message_change",
    "panel_message_context",
    "panel_message_recipients",
    "panel_message_send",
    "panel_message_write",
    "staff_role_grant",
    "staff_role_revoke",
]
