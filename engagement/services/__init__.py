"""Every change of state in engagement, one function per action (see docs/architecture.md)."""

from .officers import in_authority_domain, officer_approve, officer_refuse, officer_register
from .requests import (
    request_change,
    request_document_add,
    request_document_remove,
    request_editable,
    request_submit,
    request_write,
)
from .triage import engagement_triage

__all__ = [
    "engagement_triage",
    "in_authority_domain",
    "officer_approve",
    "officer_refuse",
    "officer_register",
    "request_change",
    "request_document_add",
    "request_document_remove",
    "request_editable",
    "request_submit",
    "request_write",
]
