"""Pages for officers, for staff who triage, and for chairs (ADR 0024)."""

from .chairs import chair_document, chair_engagement, chair_requests
from .officers import (
    document,
    officer_home,
    officer_register,
    officer_start,
    request_change,
    request_detail,
    request_document_add,
    request_document_remove,
    request_submit,
    request_write,
)
from .staff import engagement_detail, engagement_triage, officer_approve, officer_refuse, officers, panel_requests

__all__ = [
    "chair_document",
    "chair_engagement",
    "chair_requests",
    "document",
    "engagement_detail",
    "engagement_triage",
    "officer_approve",
    "officer_home",
    "officer_refuse",
    "officer_register",
    "officer_start",
    "officers",
    "panel_requests",
    "request_change",
    "request_detail",
    "request_document_add",
    "request_document_remove",
    "request_submit",
    "request_write",
]
