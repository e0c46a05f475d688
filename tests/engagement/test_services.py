"""Officers, requests and triage through their services: who may act, what is refused and why, and
who hears of each step."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from engagement import services
from engagement.models import Engagement, EngagementStatus, Officer, OfficerStatus, RequestStatus
from engagement.selectors import capacity_of
from notifications.models import Message
from privacy import retention
from privacy.erasure import erasure_plan
from privacy.models import RetentionKind
from tests.engagement.factories import a_pdf, a_request, an_officer, request_fields
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def kinds_to(person) -> list[str]:
    return list(Message.objects.filter(recipient=person).order_by("id").values_list("kind", flat=True))


# Registering and approval


def test_only_an_address_in_the_authoritys_domains_may_register(db, settings):
    settings.OFFICER_EMAIL_DOMAINS = ["example.gov.uk"]
    outsider = UserFactory(email="someone@example.org")
    with pytest.raises(ValidationError, match="work email address"):
        services.officer_register(actor=outsider, team="Transport", job_title="Officer")
    assert not Officer.objects.exists()
    lookalike = UserFactory(email="someone@notexample.gov.uk")
    with pytest.raises(ValidationError):
        services.officer_register(actor=lookalike, team="Transport", job_title="Officer")
    insider = UserFactory(email="someone@transport.example.gov.uk")
    officer = services.officer_register(actor=insider, team=" Transport ", job_title="Officer")
    assert officer.status == OfficerStatus.WAITING and officer.team == "Transport"


def test_registering_tells_every_administrator_and_cannot_be_done_twice(administrator):
    person = UserFactory(email="ola@example.gov.uk")
    services.officer_register(actor=person, team="Housing", job_title="Lead")
    assert kinds_to(administrator) == ["engagement.officer_waiting"]
    with pytest.raises(ValidationError, match="already asked"):
        services.officer_register(actor=person, team="Housing", job_title="Lead")


def test_an_empty_team_or_job_title_is_named(db):
    person = UserFactory(email="ola@example.gov.uk")
    with pytest.raises(ValidationError) as caught:
        services.officer_register(actor=person, team=" ", job_title="")
    assert set(caught.value.message_dict) == {"team", "job_title"}


def test_only_an_administrator_approves_and_the_officer_hears(administrator, coordinator):
    officer = an_officer(status=OfficerStatus.WAITING)
    with pytest.raises(PermissionDenied):
        services.officer_approve(actor=coordinator, officer=officer)
    services.officer_approve(actor=administrator, officer=officer)
    officer.refresh_from_db()
    assert officer.status == OfficerStatus.APPROVED and officer.decided_by == administrator
    assert kinds_to(officer.user) == ["engagement.officer_decided"]
    with pytest.raises(ValidationError, match="already approved"):
        services.officer_approve(actor=administrator, officer=officer)


def test_a_refusal_needs_a_reason_and_the_person_may_ask_again(administrator):
    officer = an_officer(status=OfficerStatus.WAITING)
    with pytest.raises(ValidationError):
        services.officer_refuse(actor=administrator, officer=officer, reason="  ")
    services.officer_refuse(actor=administrator, officer=officer, reason="Not on the staff list")
    message = Message.objects.get(recipient=officer.user)
    assert "Not on the staff list" in message.body_text or message.context["reason"] == "Not on the staff list"
    again = services.officer_register(actor=officer.user, team="Transport", job_title="Analyst")
    assert again.pk == officer.pk and again.status == OfficerStatus.WAITING and again.reason == ""


def test_an_administrator_cannot_approve_themselves(administrator):
    Officer.objects.create(user=administrator, team="Digital", job_title="Administrator")
    with pytest.raises(ValidationError, match="Someone else"):
        services.officer_approve(actor=administrator, officer=administrator.officer)


def test_someone_waiting_for_approval_cannot_write_a_request(race_panel):
    waiting = an_officer(status=OfficerStatus.WAITING)
    with pytest.raises(PermissionDenied):
        services.request_write(actor=waiting.user, panels=[race_panel], **request_fields())


# Writing and sending


def test_a_request_needs_a_panel_a_future_deadline_and_at_most_ten_questions(race_panel):
    officer = an_officer()
    with pytest.raises(ValidationError) as caught:
        services.request_write(actor=officer.user, panels=[], **request_fields())
    assert "panels" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.request_write(actor=officer.user, panels=[race_panel],
                               **request_fields(deadline=timezone.localdate()))  # fmt: skip
    assert "deadline" in caught.value.message_dict
    eleven = "\n".join(f"Question {n}?" for n in range(11))
    with pytest.raises(ValidationError) as caught:
        services.request_write(actor=officer.user, panels=[race_panel], **request_fields(questions=eleven))
    assert "questions" in caught.value.message_dict


def test_sending_makes_an_engagement_for_each_panel_and_tells_the_officer_and_coordinators(
    race_panel, gender_panel, coordinator, gender_coordinator
):
    officer = an_officer()
    request = a_request(officer, [race_panel, gender_panel], document=True)
    assert not Engagement.objects.exists()
    sent = services.request_submit(actor=officer.user, request=request)
    assert {e.panel for e in sent} == {race_panel, gender_panel}
    assert all(e.status == EngagementStatus.WAITING for e in sent)
    request.refresh_from_db()
    assert request.status == RequestStatus.SUBMITTED and request.submitted_at
    assert kinds_to(officer.user) == ["engagement.request_received"]
    assert kinds_to(coordinator) == kinds_to(gender_coordinator) == ["engagement.request_to_triage"]
    with pytest.raises(ValidationError, match="already"):
        services.request_submit(actor=officer.user, request=request)


def test_documents_need_an_accessible_version_before_sending(race_panel):
    officer = an_officer()
    request = a_request(officer, [race_panel])
    services.request_document_add(actor=officer.user, request=request, title="Plans", file=a_pdf())
    with pytest.raises(ValidationError, match="accessible version"):
        services.request_submit(actor=officer.user, request=request)
    services.request_document_add(actor=officer.user, request=request, title="Plans (accessible)",
                                  file=a_pdf("plans.pdf"), is_accessible=True)  # fmt: skip
    assert services.request_submit(actor=officer.user, request=request)


def test_a_document_is_judged_by_its_content(race_panel):
    officer = an_officer()
    request = a_request(officer, [race_panel])
    disguised = SimpleUploadedFile(
        "plans.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )
    with pytest.raises(ValidationError, match="PDF, Word or OpenDocument"):
        services.request_document_add(actor=officer.user, request=request, title="Plans", file=disguised)
    assert not request.documents.exists()


def test_once_sent_the_request_and_its_documents_stay_as_they_are(race_panel):
    officer = an_officer()
    request = a_request(officer, [race_panel], submit=True, document=True)
    with pytest.raises(ValidationError):
        services.request_change(actor=officer.user, request=request, **request_fields(title="Changed"))
    with pytest.raises(ValidationError):
        services.request_document_remove(actor=officer.user, document=request.documents.get())
    with pytest.raises(ValidationError):
        services.request_document_add(actor=officer.user, request=request, title="More", file=a_pdf())


def test_another_officer_cannot_touch_the_request(race_panel):
    request = a_request(an_officer(), [race_panel])
    other = an_officer()
    with pytest.raises(PermissionDenied):
        services.request_change(actor=other.user, request=request, **request_fields())
    with pytest.raises(PermissionDenied):
        services.request_submit(actor=other.user, request=request)


# Triage


@pytest.fixture
def waiting(race_panel, coordinator):
    officer = an_officer()
    request = a_request(officer, [race_panel], submit=True, document=True)
    return request.engagements.get()


def test_accepting_tells_the_officer(waiting, coordinator):
    services.engagement_triage(actor=coordinator, engagement=waiting, decision=EngagementStatus.ACCEPTED)
    waiting.refresh_from_db()
    assert waiting.status == EngagementStatus.ACCEPTED and waiting.decided_by == coordinator
    assert kinds_to(waiting.request.officer)[-1] == "engagement.triage_decided"
    with pytest.raises(ValidationError, match="no longer waiting"):
        services.engagement_triage(actor=coordinator, engagement=waiting, decision=EngagementStatus.DECLINED,
                                   reason="Changed our minds")  # fmt: skip


def test_declining_asking_for_more_and_redirecting_each_need_a_reason(waiting, coordinator):
    for decision in (EngagementStatus.DECLINED, EngagementStatus.MORE_ASKED, EngagementStatus.REDIRECTED):
        with pytest.raises(ValidationError) as caught:
            services.engagement_triage(actor=coordinator, engagement=waiting, decision=decision, reason=" ")
        assert "reason" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.engagement_triage(actor=coordinator, engagement=waiting, decision="maybe")
    assert "decision" in caught.value.message_dict


def test_another_panels_coordinator_cannot_decide(waiting, gender_coordinator):
    with pytest.raises(PermissionDenied):
        services.engagement_triage(actor=gender_coordinator, engagement=waiting, decision=EngagementStatus.ACCEPTED)


def test_asking_for_more_reopens_the_request_and_sending_it_back_returns_it_to_the_panel(waiting, coordinator):
    officer = waiting.request.officer
    services.engagement_triage(actor=coordinator, engagement=waiting, decision=EngagementStatus.MORE_ASKED,
                               reason="Which routes change?")  # fmt: skip
    request = waiting.request
    assert services.request_editable(request)
    services.request_change(actor=officer, request=request, **request_fields(background="Routes 1, 2 and 17."))
    back = services.request_submit(actor=officer, request=request)
    assert [e.pk for e in back] == [waiting.pk]
    waiting.refresh_from_db()
    assert waiting.status == EngagementStatus.WAITING
    to_triage = Message.objects.filter(recipient=coordinator, kind="engagement.request_to_triage").order_by("id")
    assert to_triage.count() == 2 and to_triage.last().context["again"] is True
    # Its history keeps what was asked.
    assert waiting.history.filter(status=EngagementStatus.MORE_ASKED, reason="Which routes change?").exists()


def test_redirecting_starts_afresh_at_the_other_panel(waiting, coordinator, gender_panel, gender_coordinator):
    race = waiting.panel
    with pytest.raises(ValidationError) as caught:
        services.engagement_triage(actor=coordinator, engagement=waiting, decision=EngagementStatus.REDIRECTED,
                                   reason="Mostly about women's safety", panel=race)  # fmt: skip
    assert "panel" in caught.value.message_dict
    services.engagement_triage(actor=coordinator, engagement=waiting, decision=EngagementStatus.REDIRECTED,
                               reason="Mostly about women's safety", panel=gender_panel)  # fmt: skip
    waiting.refresh_from_db()
    other = waiting.redirected_to
    assert waiting.status == EngagementStatus.REDIRECTED
    assert other.panel == gender_panel and other.status == EngagementStatus.WAITING
    assert kinds_to(gender_coordinator) == ["engagement.request_to_triage"]
    decided = Message.objects.filter(recipient=waiting.request.officer, kind="engagement.triage_decided").get()
    assert decided.context["other_panel"] == gender_panel.name


def test_capacity_counts_what_the_panel_accepted_this_quarter(race_panel, coordinator):
    requests = [a_request(an_officer(), [race_panel], submit=True) for _ in range(3)]
    for request in requests[:2]:
        services.engagement_triage(actor=coordinator, engagement=request.engagements.get(),
                                   decision=EngagementStatus.ACCEPTED)  # fmt: skip
    capacity = capacity_of(race_panel)
    assert (capacity.accepted, capacity.per_quarter, capacity.left) == (2, race_panel.requests_per_quarter,
                                                                       race_panel.requests_per_quarter - 2)  # fmt: skip
    next_quarter = capacity.quarter_from.replace(year=capacity.quarter_from.year + 1)
    assert capacity_of(race_panel, next_quarter).accepted == 0


# Retention and erasure


def test_a_refused_registration_is_deleted_twelve_months_after_the_refusal(administrator):
    officer = an_officer(status=OfficerStatus.WAITING)
    services.officer_refuse(actor=administrator, officer=officer, reason="Not on the staff list")
    refused_at = Officer.objects.get(pk=officer.pk).decided_at
    with time_machine.travel(refused_at + timedelta(days=300), tick=False):
        assert retention.retention_apply()[RetentionKind.REFUSED_OFFICERS] == 0
    with time_machine.travel(refused_at + timedelta(days=367), tick=False):
        assert retention.retention_apply()[RetentionKind.REFUSED_OFFICERS] == 1
    assert not Officer.objects.filter(pk=officer.pk).exists()
    assert not Officer.history.model.objects.filter(id=officer.pk).exists()


def test_erasing_an_officer_keeps_their_requests_without_them(race_panel, coordinator):
    officer = an_officer(full_name="Olu Officer")
    request = a_request(officer, [race_panel], submit=True, document=True)
    plan = erasure_plan(officer.user, apply=True)
    assert ("Their registration as an officer", 1) in plan.removed
    request.refresh_from_db()
    assert request.officer != officer.user and not request.officer.is_active
    assert not Officer.objects.filter(user=officer.user).exists()
    assert not request.history.filter(officer=officer.user).exists()


def test_refused_registrations_have_a_line_in_the_privacy_notice(db):
    assert any(line.startswith("Officer registrations we refused: 1 year") for line in retention.notice_lines())


def test_the_time_the_panel_takes_is_as_the_setting_says(race_panel, settings):
    settings.ENGAGEMENT_TRIAGE_DAYS = 7
    officer = an_officer()
    a_request(officer, [race_panel], submit=True)
    assert Message.objects.get(recipient=officer.user).context["triage_days"] == 7
