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


STAGES = ["waiting", "accepted", "written", "advised", "answered", "published"]


def an_engagement(coordinator, panel, *, to: str, chair=None, officer=None, answers_from=()):
    """A request to `panel`, taken through the services as far as `to`: waiting, accepted, a
    written consultation open (`written`; `answers_from` answer it), advice sent (`advised`, which
    needs the panel's `chair`), answered by the officer, or published."""
    from engagement.models import Engagement, EngagementStatus, Outcome, Route

    officer = officer or an_officer()
    engagement = a_request(officer, [panel], submit=True, document=True).engagements.get()
    reach = STAGES.index(to)
    if reach >= 1:
        services.engagement_triage(actor=coordinator, engagement=engagement, decision=EngagementStatus.ACCEPTED)
    if reach >= 2:
        services.engagement_schedule(actor=coordinator, engagement=engagement, route=Route.WRITTEN,
                                     closes_on=timezone.localdate() + timedelta(days=14))  # fmt: skip
        for person in answers_from:
            services.written_answers_give(actor=person, engagement=engagement, answers={1: "Night buses matter."})
    if reach >= 3:
        # The consultation has closed: the advice is written once members have had their say.
        Engagement.objects.filter(pk=engagement.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
        questions = len(engagement.request.question_list)
        advice = {n: f"Advice on question {n}." for n in range(1, questions + 1)}
        services.advice_draft(actor=coordinator, engagement=engagement, advice=advice, ask_chair=True)
        services.advice_approve(actor=chair, engagement=engagement)
    if reach >= 4:
        answers = {n: (Outcome.ACCEPTED, f"We did {n}.") for n in range(1, questions + 1)}
        services.engagement_respond(actor=officer.user, engagement=engagement, answers=answers)
    if reach >= 5:
        services.publication_draft(actor=coordinator, engagement=engagement, summary="Every new stop has a shelter.")
        services.publication_agree(actor=officer.user, engagement=engagement)
        services.publication_agree(actor=chair, engagement=engagement)
    engagement.refresh_from_db()
    return engagement
