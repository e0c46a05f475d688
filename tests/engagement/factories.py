"""Officers and their requests, made through the services as people make them."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from engagement import services
from engagement.models import Officer, OfficerStatus, Request
from members.models import MembershipRole
from members.services import membership_change
from tests.factories import UserFactory, a_membership

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def a_pdf(name: str = "assessment.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def an_officer(*, status: str = OfficerStatus.APPROVED, **user_fields) -> Officer:
    """Someone at the authority, registered as an officer (approved, unless `status` says not)."""
    user_fields.setdefault("email", f"officer.{UserFactory._meta.next_sequence()}@example.gov.uk")
    user = UserFactory(**user_fields)
    return Officer.objects.create(user=user, team="Transport", job_title="Policy officer", status=status)


def request_fields(**changes) -> dict:
    fields = {
        "title": "Bus network redesign", "background": "We are changing bus routes across the region.",
        "stage": "design", "decision": "The transport committee's decision on the new network",
        "decision_date": timezone.localdate() + timedelta(days=120), "why_panels": "Many members rely on buses.",
        "questions": "Which changes would make journeys harder?\nWhat should stops have?",
        "format_wanted": "agenda_item", "deadline": timezone.localdate() + timedelta(days=60),
    }  # fmt: skip
    return fields | changes


def a_request(officer: Officer, panels, *, submit: bool = False, document: bool = False, **changes) -> Request:
    """A request by the officer to `panels`: a draft, or sent when `submit`."""
    request = services.request_write(actor=officer.user, panels=panels, **request_fields(**changes))
    if document:
        services.request_document_add(
            actor=officer.user, request=request, title="Draft Equality Impact Assessment", file=a_pdf(),
            is_assessment=True, is_accessible=True, not_for_sharing=True,
        )  # fmt: skip
    if submit:
        services.request_submit(actor=officer.user, request=request)
    return request


def a_chair(coordinator, panel, **user_fields):
    """Someone who has just become the panel's chair."""
    membership = a_membership(coordinator, panel, **user_fields)
    membership_change(actor=coordinator, membership=membership, role=MembershipRole.CHAIR, status="active",
                      reason="Elected chair")  # fmt: skip
    return membership.person
