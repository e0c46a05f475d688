"""Every change of state in engagement, one function per action (see docs/architecture.md)."""

from .advice import advice_approve, advice_draft, engagement_respond, publication_agree, publication_draft
from .officers import in_authority_domain, officer_approve, officer_refuse, officer_register
from .requests import (
    request_change,
    request_document_add,
    request_document_remove,
    request_editable,
    request_submit,
    request_write,
)
from .scheduling import engagement_schedule, written_answers_give
from .triage import engagement_triage

__all__ = [
    "advice_approve",
    "advice_draft",
    "engagement_respond",
    "engagement_schedule",
    "publication_agree",
    "publication_draft",
    "written_answers_give",
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
