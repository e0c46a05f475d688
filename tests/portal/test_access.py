"""Who can reach what: every route declares a rule, and every staff route is checked for every
role. A new route without a rule, or a staff route missing from the matrix, fails here."""

from datetime import date

import pytest
from django.utils import timezone

from accounts.access import ADMIN_RULE, PUBLIC, SIGNED_IN, STAFF
from accounts.models import ContactChannel
from members.models import AccessNeedItem, StaffRole
from members.services import access_need_add
from notifications import services as outbox
from notifications.models import Message, MessageStatus
from privacy.models import DataRequest, LegalHold, RequestKind
from recruitment import services
from recruitment.models import Application, ReviewAssignment, Selection, SelectionMethod, SelectionStatus
from tests.factories import UserFactory, a_membership
from tests.notifications.factories import opportunities_consent
from tests.recruitment.factories import (
    closed_round,
    interview_time,
    reviewers_for,
    round_with_questions,
    submitted_applications,
)
from tests.routes import all_routes, rule_for

ROLES = ["anonymous", "applicant", "reviewer", "coordinator", "gender_coordinator", "administrator"]


def test_every_route_declares_who_may_reach_it():
    undeclared = [f"{route} ({name})" for route, name, callback in all_routes() if not rule_for(route, name, callback)]
    assert undeclared == [], "Routes without an access rule (accounts/access.py): " + ", ".join(undeclared)


def test_the_rules_are_only_the_known_kinds():
    kinds = {rule_for(route, name, callback) for route, name, callback in all_routes()}
    assert kinds <= {PUBLIC, SIGNED_IN, STAFF, ADMIN_RULE}


# What each role gets from each staff route: 200 (allowed), 302 (sent to sign in, or after a
# POST, back to the list), 403 (not their role) or 404 (another panel's page: not even its name).
RACE, GENDER = "race", "gender"
MATRIX = {
    #                                       anon  applicant reviewer coord gender-coord admin
    ("GET", "portal:staff_home", None): [302, 403, 200, 200, 200, 200],
    ("GET", "portal:staff_panel", RACE): [302, 403, 200, 200, 404, 200],
    ("GET", "portal:staff_panel", GENDER): [302, 403, 404, 404, 200, 200],
    ("GET", "members:staff_roles", None): [302, 403, 403, 403, 403, 200],
    ("GET", "members:staff_role_remove", "role"): [302, 403, 403, 403, 403, 200],
    ("GET", "notifications:outbox_attention", None): [302, 403, 403, 403, 403, 200],
    # Data protection requests are administrators' work alone.
    ("GET", "privacy:requests", None): [302, 403, 403, 403, 403, 200],
    ("GET", "privacy:request_new", "person"): [302, 403, 403, 403, 403, 200],
    ("POST", "privacy:request_new", "person"): [302, 403, 403, 403, 403, 200],
    ("GET", "privacy:request", "data_request"): [302, 403, 403, 403, 403, 200],
    ("POST", "privacy:request", "data_request"): [302, 403, 403, 403, 403, 200],
    ("GET", "privacy:request_export", "data_request"): [302, 403, 403, 403, 403, 200],
    ("GET", "privacy:request_erase", "data_request"): [302, 403, 403, 403, 403, 200],
    ("POST", "privacy:request_erase", "data_request"): [302, 403, 403, 403, 403, 200],
    ("GET", "privacy:retention", None): [302, 403, 403, 403, 403, 200],
    ("POST", "privacy:retention", None): [302, 403, 403, 403, 403, 200],
    ("GET", "privacy:retention_rule", "kind"): [302, 403, 403, 403, 403, 200],
    ("POST", "privacy:retention_rule", "kind"): [302, 403, 403, 403, 403, 200],
    ("POST", "privacy:legal_hold_lift", "hold"): [302, 403, 403, 403, 403, 302],
    ("POST", "notifications:outbox_resend", "failed"): [302, 403, 403, 403, 403, 302],
    ("GET", "notifications:letters", None): [302, 403, 403, 403, 403, 200],
    ("GET", "notifications:letters_download", None): [302, 403, 403, 403, 403, 200],
    ("GET", "notifications:letter_print", "letter"): [302, 403, 403, 403, 403, 200],
    ("POST", "notifications:letter_mark_sent", "letter"): [302, 403, 403, 403, 403, 302],
    # Calls for people who asked to be phoned: each coordinator makes their own panel's.
    ("GET", "members:calls", None): [302, 403, 403, 200, 200, 200],
    ("GET", "members:call_make", "call"): [302, 403, 404, 200, 404, 200],
    ("POST", "members:call_make", "call"): [302, 403, 404, 200, 404, 200],
    # A message about a panel that could not be delivered: its coordinators fix it and send it again.
    ("GET", "notifications:message_fix", "undelivered"): [302, 403, 404, 200, 404, 200],
    ("POST", "notifications:message_fix", "undelivered"): [302, 403, 404, 200, 404, 200],
    # Recruitment: the panel's coordinator (and administrators) run its rounds; reviewers and other
    # panels' coordinators do not learn the round exists.
    ("GET", "recruitment:staff_rounds", RACE): [302, 403, 404, 200, 404, 200],
    ("GET", "recruitment:round_create", RACE): [302, 403, 404, 200, 404, 200],
    ("GET", "recruitment:round_edit", "round"): [302, 403, 404, 200, 404, 200],
    ("GET", "recruitment:round_preview", "round"): [302, 403, 404, 200, 404, 200],
    ("POST", "recruitment:question_add", "round"): [302, 403, 404, 200, 404, 200],
    ("GET", "recruitment:question_edit", "question"): [302, 403, 404, 200, 404, 200],
    ("POST", "recruitment:criterion_add", "round"): [302, 403, 404, 200, 404, 200],
    ("GET", "recruitment:criterion_edit", "criterion"): [302, 403, 404, 200, 404, 200],
    # A published round cannot be published again, and one whose outcomes are not released cannot
    # be archived: those allowed get the page again with the reason.
    ("POST", "recruitment:round_publish", "round"): [302, 403, 404, 200, 404, 200],
    ("POST", "recruitment:round_archive", "round"): [302, 403, 404, 200, 404, 200],
    # Someone has started applying to the round, so its questions stay where they are.
    ("POST", "recruitment:question_move", "question_down"): [302, 403, 404, 200, 404, 200],
    ("POST", "recruitment:criterion_move", "criterion_down"): [302, 403, 404, 302, 404, 302],
    ("POST", "recruitment:criterion_remove", "criterion"): [302, 403, 404, 302, 404, 302],
    ("GET", "recruitment:round_applications", "round"): [302, 403, 404, 200, 404, 200],
    ("GET", "recruitment:staff_application", "application"): [302, 403, 404, 200, 404, 200],
    ("GET", "recruitment:equality_report", "round"): [302, 403, 404, 200, 404, 200],
    ("GET", "recruitment:equality_report_csv", "round"): [302, 403, 404, 200, 404, 200],
    ("GET", "recruitment:panel_equality", RACE): [302, 403, 404, 200, 404, 200],
    ("GET", "recruitment:panel_equality_csv", RACE): [302, 403, 404, 200, 404, 200],
    ("GET", "recruitment:panel_equality", GENDER): [302, 403, 404, 404, 200, 200],
    # Equality tables across every panel are an administrator's.
    ("GET", "recruitment:equality_by_year", None): [302, 403, 403, 403, 403, 200],
    ("GET", "recruitment:equality_by_year_csv", None): [302, 403, 403, 403, 403, 200],
    # So are the public equality page's figures and its publishing.
    ("GET", "recruitment:equality_data_preview", None): [302, 403, 403, 403, 403, 200],
    ("POST", "recruitment:equality_data_publish", None): [302, 403, 403, 403, 403, 302],
    ("GET", "recruitment:population_figures_load", None): [302, 403, 403, 403, 403, 200],
    ("GET", "recruitment:panel_questions", RACE): [302, 403, 403, 403, 403, 200],
    ("POST", "recruitment:panel_questions", RACE): [302, 403, 403, 403, 403, 302],
    ("POST", "recruitment:population_figures_load", None): [302, 403, 403, 403, 403, 200],
    ("GET", "recruitment:round_audit", "round"): [302, 403, 404, 200, 404, 200],
    ("GET", "recruitment:round_audit_csv", "round"): [302, 403, 404, 200, 404, 200],
    # Recording an application for someone is the coordinator's job, with the person.
    ("GET", "recruitment:assisted", "round"): [302, 403, 404, 200, 404, 404],
    # Review: reviewers reach only their own assignments; nobody else holds a reviewer's pages.
    ("GET", "recruitment:review_home", None): [302, 403, 200, 403, 403, 403],
    ("GET", "recruitment:review_round", "reviewed_round"): [302, 403, 200, 403, 403, 403],
    ("GET", "recruitment:review_question", "reviewed_question"): [302, 403, 200, 403, 403, 403],
    ("GET", "recruitment:review_application", "assignment"): [302, 403, 200, 403, 403, 403],
    ("POST", "recruitment:review_conflict", "assignment"): [302, 403, 200, 403, 403, 403],
    ("GET", "recruitment:review_application", "other_assignment"): [302, 403, 404, 403, 403, 403],
    # The coordinator runs review and decides; administrators may look at scores but not decide.
    ("GET", "recruitment:round_review", "reviewed_round"): [302, 403, 404, 200, 404, 200],
    ("POST", "recruitment:review_start", "reviewed_round"): [302, 403, 404, 302, 404, 404],
    ("POST", "recruitment:review_fill_gaps", "reviewed_round"): [302, 403, 404, 302, 404, 404],
    ("GET", "recruitment:application_scores", "reviewed_application"): [302, 403, 404, 200, 404, 200],
    ("POST", "recruitment:application_moderate", "reviewed_application"): [302, 403, 404, 200, 404, 404],
    ("POST", "recruitment:application_decide", "reviewed_application"): [302, 403, 404, 200, 404, 404],
    ("POST", "recruitment:answer_redact", "answer"): [302, 403, 404, 200, 404, 404],
    # Nobody is appointed in the matrix's round, so no term start is asked for: the release goes ahead.
    ("POST", "recruitment:outcomes_release", "reviewed_round"): [302, 403, 404, 302, 404, 404],
    ("POST", "recruitment:selection_decide", "selection"): [302, 403, 404, 200, 404, 404],
    ("POST", "recruitment:selection_replacement_propose", "selection"): [302, 403, 404, 200, 404, 404],
    ("POST", "recruitment:selection_replay", "selection"): [302, 403, 404, 302, 404, 404],
    # Interviews: the coordinator's; administrators may look at the round's times, not arrange them.
    # Those allowed get the page again with the reason (nothing chosen, nobody shortlisted, no
    # scorecard yet), or, for declining and removing a free time, the change made.
    ("GET", "recruitment:round_interviews", "reviewed_round"): [302, 403, 404, 200, 404, 200],
    ("POST", "recruitment:interviewer_add", "reviewed_round"): [302, 403, 404, 200, 404, 404],
    ("POST", "recruitment:interviewer_remove", "interviewer"): [302, 403, 404, 200, 404, 404],
    ("POST", "recruitment:slot_add", "reviewed_round"): [302, 403, 404, 200, 404, 404],
    ("POST", "recruitment:slot_remove", "spare_slot"): [302, 403, 404, 302, 404, 404],
    ("POST", "recruitment:interviews_invite", "reviewed_round"): [302, 403, 404, 200, 404, 404],
    ("GET", "recruitment:application_interview", "invited_application"): [302, 403, 404, 200, 404, 404],
    ("POST", "recruitment:interview_book_for", "invited_application"): [302, 403, 404, 200, 404, 404],
    ("POST", "recruitment:interview_score_combine", "invited_application"): [302, 403, 404, 200, 404, 404],
    ("POST", "recruitment:interview_decline_for", "invited_application"): [302, 403, 404, 302, 404, 404],
    ("POST", "recruitment:question_remove", "question"): [302, 403, 404, 302, 404, 302],
    ("GET", "recruitment:answer_redact", "answer"): [302, 403, 404, 200, 404, 404],
    ("GET", "recruitment:shortlist", "reviewed_round"): [302, 403, 404, 200, 404, 404],
    ("GET", "recruitment:application_decide", "reviewed_application"): [302, 403, 404, 200, 404, 404],
    ("GET", "recruitment:application_interview", "reviewed_application"): [302, 403, 404, 200, 404, 404],
    ("GET", "recruitment:outcomes_release", "reviewed_round"): [302, 403, 404, 200, 404, 404],
    ("GET", "recruitment:selection_new", "reviewed_round"): [302, 403, 404, 200, 404, 404],
    # Membership: the panel's coordinator and administrators.
    ("GET", "members:roster", RACE): [302, 403, 404, 200, 404, 200],
    ("GET", "members:roster", GENDER): [302, 403, 404, 404, 200, 200],
    ("GET", "members:membership_add", RACE): [302, 403, 404, 200, 404, 200],
    ("GET", "members:panel_messages", RACE): [302, 403, 404, 200, 404, 200],
    ("GET", "members:panel_messages", GENDER): [302, 403, 404, 404, 200, 200],
    ("GET", "members:panel_message_write", RACE): [302, 403, 404, 200, 404, 200],
    ("POST", "members:panel_message_write", RACE): [302, 403, 404, 200, 404, 200],
    ("GET", "members:panel_message", "panel_message"): [302, 403, 404, 200, 404, 200],
    ("GET", "members:panel_message_change", "panel_message"): [302, 403, 404, 200, 404, 200],
    ("POST", "members:panel_message_change", "panel_message"): [302, 403, 404, 200, 404, 200],
    ("POST", "members:panel_message_send", "panel_message"): [302, 403, 404, 302, 404, 302],
    ("GET", "members:membership", "membership"): [302, 403, 404, 200, 404, 200],
    ("POST", "members:membership_renew", "membership"): [302, 403, 404, 200, 404, 200],
    ("POST", "members:membership_change", "membership"): [302, 403, 404, 200, 404, 200],
    ("POST", "members:membership_end", "membership"): [302, 403, 404, 200, 404, 200],
    ("GET", "members:provider_export", RACE): [302, 403, 404, 200, 404, 200],
    ("GET", "members:provider_export", GENDER): [302, 403, 404, 404, 200, 200],
    ("GET", "members:staff_access_needs", "membership"): [302, 403, 404, 200, 404, 200],
    ("POST", "members:staff_access_need_add", "membership"): [302, 403, 404, 200, 404, 200],
    ("POST", "members:staff_access_needs_confirm", "membership"): [302, 403, 404, 302, 404, 302],
    ("GET", "members:staff_access_need_remove", "membership_need"): [302, 403, 404, 200, 404, 200],
    ("GET", "members:staff_interests", "membership"): [302, 403, 404, 200, 404, 200],
    ("GET", "members:staff_contact", "membership"): [302, 403, 404, 200, 404, 200],
    ("POST", "members:staff_contact_preferences", "membership"): [302, 403, 404, 200, 404, 200],
    ("POST", "members:staff_consent_record", "membership"): [302, 403, 404, 200, 404, 200],
    # Meetings: run by the coordinators of the meeting's panels (and administrators).
    ("GET", "meetings:staff_meetings", RACE): [302, 403, 404, 200, 404, 200],
    ("GET", "meetings:staff_meetings", GENDER): [302, 403, 404, 404, 200, 200],
    ("GET", "meetings:meeting_create", RACE): [302, 403, 404, 200, 404, 200],
    ("GET", "meetings:attendance_totals", RACE): [302, 403, 404, 200, 404, 200],
    ("GET", "meetings:meeting", "meeting"): [302, 403, 404, 200, 404, 200],
    ("POST", "meetings:meeting_invite", "meeting"): [302, 403, 404, 302, 404, 302],
    ("POST", "meetings:papers_release", "meeting"): [302, 403, 404, 302, 404, 302],
    ("POST", "meetings:agenda_item_remove", "agenda_item"): [302, 403, 404, 302, 404, 302],
    ("POST", "meetings:paper_version_add", "meeting"): [302, 403, 404, 200, 404, 200],
    ("GET", "meetings:meeting_edit", "meeting"): [302, 403, 404, 200, 404, 200],
    ("GET", "meetings:meeting_cancel", "meeting"): [302, 403, 404, 200, 404, 200],
    ("GET", "meetings:meeting_reinstate", "meeting"): [302, 403, 404, 200, 404, 200],
    ("POST", "meetings:meeting_reinstate", "meeting"): [302, 403, 404, 200, 404, 200],
    ("GET", "meetings:agenda", "meeting"): [302, 403, 404, 200, 404, 200],
    ("GET", "meetings:papers", "meeting"): [302, 403, 404, 200, 404, 200],
    ("GET", "meetings:staff_paper", "meeting_paper"): [302, 403, 404, 200, 404, 200],
    ("GET", "meetings:arrangements", "meeting"): [302, 403, 404, 200, 404, 200],
    ("GET", "meetings:supplier_export", "meeting"): [302, 403, 404, 200, 404, 200],
    ("GET", "meetings:attendance", "meeting"): [302, 403, 404, 200, 404, 200],
    ("GET", "meetings:item_interest_add", "meeting"): [302, 403, 404, 200, 404, 200],
    ("POST", "meetings:item_interest_add", "meeting"): [302, 403, 404, 200, 404, 200],
    ("GET", "meetings:arrangement", "arrangement"): [302, 403, 404, 200, 404, 200],
    # A person's record: their coordinators read it; only administrators download someone else's.
    ("GET", "members:person_record", "member"): [302, 403, 404, 200, 404, 200],
    ("GET", "members:person_record_csv", "member"): [302, 403, 404, 404, 404, 200],
    ("GET", "members:person_record_json", "member"): [302, 403, 404, 404, 404, 200],
    ("GET", "recruitment:selection", "selection"): [302, 403, 404, 200, 404, 404],
    # Engagement (ADR 0024): officers' own pages refuse everyone who is not an officer, staff
    # included; the officers' engagement matrix is in tests/engagement/test_access.py.
    ("GET", "engagement:officer_home", None): [302, 403, 403, 403, 403, 403],
    ("GET", "engagement:request_write", None): [302, 403, 403, 403, 403, 403],
    ("GET", "engagement:request", "eng_request"): [302, 403, 403, 403, 403, 403],
    ("GET", "engagement:request_change", "eng_request"): [302, 403, 403, 403, 403, 403],
    ("GET", "engagement:request_document_add", "eng_request"): [302, 403, 403, 403, 403, 403],
    ("POST", "engagement:request_submit", "eng_request"): [302, 403, 403, 403, 403, 403],
    ("POST", "engagement:request_document_remove", "eng_document"): [302, 403, 403, 403, 403, 403],
    # A request's documents: the coordinators of the panels it went to, and administrators.
    ("GET", "engagement:document", "eng_document"): [302, 403, 404, 200, 404, 200],
    ("GET", "engagement:officers", None): [302, 403, 403, 403, 403, 200],
    ("GET", "engagement:officer_refuse", "waiting_officer"): [302, 403, 403, 403, 403, 200],
    ("POST", "engagement:officer_refuse", "waiting_officer"): [302, 403, 403, 403, 403, 200],
    ("POST", "engagement:officer_approve", "waiting_officer"): [302, 403, 403, 403, 403, 302],
    ("GET", "engagement:panel_requests", RACE): [302, 403, 404, 200, 404, 200],
    ("GET", "engagement:panel_requests", GENDER): [302, 403, 404, 404, 200, 200],
    ("GET", "engagement:engagement", "engagement"): [302, 403, 404, 200, 404, 200],
    ("GET", "engagement:engagement_triage", "engagement"): [302, 403, 404, 200, 404, 200],
    ("POST", "engagement:engagement_triage", "engagement"): [302, 403, 404, 200, 404, 200],
    ("GET", "engagement:engagement_schedule", "accepted_engagement"): [302, 403, 404, 200, 404, 200],
    ("POST", "engagement:engagement_schedule", "accepted_engagement"): [302, 403, 404, 200, 404, 200],
    ("GET", "engagement:consultation_record", "written_engagement"): [302, 403, 404, 200, 404, 200],
    ("POST", "engagement:consultation_record", "written_engagement"): [302, 403, 404, 200, 404, 200],
    ("GET", "engagement:advice_write", "written_engagement"): [302, 403, 404, 200, 404, 200],
    ("GET", "engagement:publication_write", "answered_engagement"): [302, 403, 404, 200, 404, 200],
    ("POST", "engagement:publication_write", "answered_engagement"): [302, 403, 404, 200, 404, 200],
    ("GET", "engagement:panel_stats", RACE): [302, 403, 404, 200, 404, 200],
    ("GET", "engagement:panel_stats_csv", RACE): [302, 403, 404, 200, 404, 200],
    ("GET", "engagement:panel_stats", GENDER): [302, 403, 404, 404, 200, 200],
    # The officer answers the advice and agrees the published words; nobody else does it for them.
    ("GET", "engagement:respond", "advised_engagement"): [302, 403, 403, 403, 403, 403],
    ("POST", "engagement:officer_publication_agree", "answered_engagement"): [302, 403, 403, 403, 403, 403],
    # Payments: administrators keep the rates; a panel's coordinators decide on its claims; finance
    # (a role of its own, in tests/payments/test_access.py) exports and pays them.
    ("GET", "payments:rates", None): [302, 403, 403, 403, 403, 200],
    ("GET", "payments:panel_claims", RACE): [302, 403, 404, 200, 404, 200],
    ("GET", "payments:panel_claims", GENDER): [302, 403, 404, 404, 200, 200],
    ("GET", "payments:time_claim_add", RACE): [302, 403, 404, 200, 404, 404],
    ("GET", "payments:staff_claim", "claim"): [302, 403, 404, 200, 404, 200],
    ("GET", "payments:claim_decide", "claim"): [302, 403, 404, 200, 404, 200],
    ("POST", "payments:claim_decide", "claim"): [302, 403, 404, 200, 404, 200],
    ("GET", "payments:claim_record", RACE): [302, 403, 404, 200, 404, 404],
    ("GET", "payments:choice_record", RACE): [302, 403, 404, 200, 404, 404],
    ("GET", "payments:receipt", "claim_line"): [302, 403, 404, 200, 404, 200],
    ("POST", "payments:receipt_arrived", "claim_line"): [302, 403, 404, 302, 404, 404],
    ("GET", "payments:finance", None): [302, 403, 403, 403, 403, 403],
    ("POST", "payments:claims_export", None): [302, 403, 403, 403, 403, 403],
    ("GET", "payments:batch", "batch"): [302, 403, 403, 403, 403, 403],
    ("POST", "payments:batch", "batch"): [302, 403, 403, 403, 403, 403],
    ("GET", "payments:batch_csv", "batch"): [302, 403, 403, 403, 403, 403],
}


def test_every_staff_route_is_in_the_matrix():
    staff_routes = {name for _, name, callback in all_routes() if getattr(callback, "access_rule", None) == STAFF}
    assert staff_routes == {name for _, name, _ in MATRIX}


@pytest.fixture
def objects(db, coordinator, reviewer, race_panel):
    person = UserFactory()
    failed = outbox.message_queue(
        kind="account/email/password_reset_key",
        recipient=person,
        to_address=person.email,
        context={"password_reset_url": "x"},
        idempotency_key="matrix:failed",
    )
    Message.objects.filter(pk=failed.pk).update(status=MessageStatus.FAILED)
    letter_person = UserFactory(contact_channel=ContactChannel.POST, address="1 Road")
    letter = outbox.message_queue(
        kind="account/email/password_reset_key",
        recipient=letter_person,
        context={},
        idempotency_key="matrix:letter",
    )
    # Account messages are email-only: make this one a letter as a post message would be.
    Message.objects.filter(pk=letter.pk).update(channel="letter", status=MessageStatus.QUEUED, to_address="")
    rings = UserFactory(contact_channel=ContactChannel.PHONE, phone="1")
    opportunities_consent(rings)  # news of a chance to take part needs it, by phone as by email
    call = outbox.message_queue(
        kind="notifications.future_opportunity", recipient=rings, context={}, idempotency_key="matrix:call",
        topic=race_panel.topic,
    )  # fmt: skip
    undelivered = outbox.message_queue(
        kind="notifications.future_opportunity", recipient=UserFactory(), context={},
        idempotency_key="matrix:undelivered", topic=race_panel.topic,
    )  # fmt: skip
    Message.objects.filter(pk=undelivered.pk).update(status=MessageStatus.FAILED)
    round_ = round_with_questions(count=1)
    application = Application.objects.create(round=round_, applicant=UserFactory())
    reviewed = closed_round()
    reviewers_for(race_panel, 2)
    in_review = submitted_applications(reviewed, 3)[0]
    services.review_start(actor=coordinator, round_=reviewed)
    selection = Selection.objects.create(
        round=reviewed, method=SelectionMethod.BEST_BY_SCORE, seats=1, created_by=coordinator,
        status=SelectionStatus.READY, result={"selected": [], "feasible": True},
    )  # fmt: skip
    invited = submitted_applications(reviewed, 1)[0]
    invited.status = "shortlisted"
    invited.save(update_fields=["status"])
    interviewer = services.interviewer_add(actor=coordinator, round_=reviewed, person=coordinator)
    slot, spare = (interview_time(reviewed, coordinator) for _ in range(2))
    services.interviews_invite(actor=coordinator, round_=reviewed)
    membership = a_membership(coordinator, race_panel)
    from django.core.files.uploadedfile import SimpleUploadedFile

    from meetings import services as meetings
    from meetings.models import Arrangement
    from tests.meetings.factories import a_meeting

    meeting = a_meeting(coordinator, race_panel)
    paper = meetings.paper_add(
        actor=coordinator, meeting=meeting, title="Paper", standard=SimpleUploadedFile("p.txt", b"paper")
    )
    item = meetings.agenda_item_add(actor=coordinator, meeting=meeting, title="Welcome")
    arrangement = Arrangement.objects.create(
        meeting=meeting, item=AccessNeedItem.objects.get(name="Hearing loop"), book_by=date(2030, 1, 1)
    )
    need = access_need_add(
        actor=coordinator, person=membership.person, item=AccessNeedItem.objects.get(name="Quiet room"), method="phone"
    )
    data_request = DataRequest.objects.create(
        person=membership.person, kind=RequestKind.ACCESS, received_on=date(2026, 11, 30), received_how="email",
        identity_check="From their own email address", due_on=date(2026, 12, 30), logged_by=coordinator,
    )  # fmt: skip
    hold = LegalHold.objects.create(person=membership.person, reason="A claim", placed_by=coordinator)
    from members.services import panel_message_write

    panel_message = panel_message_write(actor=coordinator, panel=race_panel, subject="News", body="Hello all")
    from engagement.models import OfficerStatus
    from tests.engagement.factories import a_request, an_officer

    eng_request = a_request(an_officer(), [race_panel], submit=True, document=True)
    from tests.engagement.factories import a_chair, an_engagement

    chair = a_chair(coordinator, race_panel)
    stage = {to: an_engagement(coordinator, race_panel, to=to, chair=chair).pk
             for to in ("accepted", "written", "advised", "answered")}  # fmt: skip
    return {
        "accepted_engagement": stage["accepted"],
        "written_engagement": stage["written"],
        "advised_engagement": stage["advised"],
        "answered_engagement": stage["answered"],
        "eng_request": eng_request.pk,
        "eng_document": eng_request.documents.get().pk,
        "engagement": eng_request.engagements.get().pk,
        "waiting_officer": an_officer(status=OfficerStatus.WAITING).pk,
        "panel_message": panel_message.pk,
        "data_request": data_request.pk,
        "hold": hold.pk,
        "membership": membership.pk,
        "membership_need": (membership.pk, need.pk),
        "member": membership.person_id,
        "meeting": meeting.pk,
        "meeting_paper": (meeting.pk, paper.pk),
        "agenda_item": (meeting.pk, item.pk),
        "arrangement": arrangement.pk,
        "selection": selection.pk,
        "reviewed_round": reviewed.pk,
        "reviewed_question": (reviewed.pk, 1),
        "reviewed_application": in_review.pk,
        "invited_application": invited.pk,
        "interviewer": interviewer.pk,
        "spare_slot": spare.pk,
        "assignment": ReviewAssignment.objects.filter(reviewer=reviewer).first().pk,
        "other_assignment": ReviewAssignment.objects.exclude(reviewer=reviewer).first().pk,
        "answer": in_review.answers.first().pk,
        "failed": failed.pk,
        "letter": letter.pk,
        "call": call.pk,
        "undelivered": undelivered.pk,
        "role": StaffRole.objects.filter(user=coordinator).first().pk,
        "round": round_.pk,
        "question": (round_.pk, round_.questions.get().pk),
        "criterion": (round_.pk, round_.criteria.get().pk),
        "application": application.pk,
        **payments_objects(coordinator, race_panel, membership.person),
    }


def payments_objects(coordinator, panel, person) -> dict:
    """A claim waiting for a decision, with a receipt, and an export: made directly, as the matrix
    asks only who reaches them."""
    from django.core.files.base import ContentFile

    from payments.models import Claim, ClaimLine, ExportBatch

    claim = Claim.objects.create(person=person, panel=panel, kind="expenses", about="Travel", status="submitted",
                                 happened_on=timezone.localdate(), created_by=person)  # fmt: skip
    line = ClaimLine(claim=claim, kind="fares", amount_pence=420)
    line.receipt.save("ticket.pdf", ContentFile(b"%PDF-1.4 ticket"), save=True)
    return {"claim": claim.pk, "claim_line": line.pk, "batch": ExportBatch.objects.create(created_by=coordinator).pk}


def url_for(name: str, arg, objects: dict) -> str:
    from django.urls import reverse

    if arg in (RACE, GENDER):
        return reverse(name, kwargs={"slug": arg})
    if arg in ("question", "question_down", "criterion", "criterion_down"):
        thing = arg.removesuffix("_down")
        round_pk, pk = objects[thing]
        kwargs = {"pk": round_pk, f"{thing}_pk": pk} | ({"direction": "down"} if arg.endswith("_down") else {})
        return reverse(name, kwargs=kwargs)
    if arg == "meeting_paper":
        meeting_pk, paper_pk = objects[arg]
        return reverse(name, kwargs={"pk": meeting_pk, "paper_pk": paper_pk, "version": "standard"})
    if arg == "agenda_item":
        meeting_pk, item_pk = objects[arg]
        return reverse(name, kwargs={"pk": meeting_pk, "item_pk": item_pk})
    if arg == "membership_need":
        membership_pk, need_pk = objects[arg]
        return reverse(name, kwargs={"pk": membership_pk, "need_pk": need_pk})
    if arg == "kind":
        return reverse(name, kwargs={"kind": "message_words"})
    if arg == "person":
        return reverse(name, kwargs={"person": objects["member"]})
    if arg == "reviewed_question":
        round_pk, order = objects[arg]
        return reverse(name, kwargs={"pk": round_pk, "order": order})
    if arg:
        return reverse(name, kwargs={"pk": objects[arg]})
    return reverse(name)


# Looking comes before changing: every GET of the matrix is asked before any POST, so a POST that
# is allowed (and changes something) cannot change what a later row of the same role sees.
IN_ORDER = sorted(MATRIX, key=lambda row: row[0] == "POST")


@pytest.mark.parametrize("role_index,role", list(enumerate(ROLES)))
def test_permission_matrix(request, signed_in, objects, role_index, role, client):
    """One role against every staff route, with the objects made once for the role: every answer
    that differs from the matrix is listed."""
    for person in ["applicant", "reviewer", "coordinator", "gender_coordinator", "administrator"]:
        request.getfixturevalue(person)
    user = None if role == "anonymous" else request.getfixturevalue(role)
    browser = client if user is None else signed_in(user)
    wrong = []
    for method, name, arg in IN_ORDER:
        url = url_for(name, arg, objects)
        response = browser.post(url) if method == "POST" else browser.get(url)
        expected = MATRIX[(method, name, arg)][role_index]
        if response.status_code != expected:
            wrong.append(f"{method} {url} ({name}): {response.status_code}, expected {expected}")
        elif expected == 302 and user is None and not response["Location"].startswith("/accounts/login/"):
            wrong.append(f"{method} {url} ({name}): sent to {response['Location']}, not to sign in")
    assert wrong == [], f"{role}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("url", ["/", "/panels/race/", "/panels/race/easy-read/", "/accessibility/", "/privacy/"])
def test_public_pages_are_open_to_everyone(client, url, db):
    assert client.get(url).status_code == 200


def test_your_account_needs_signing_in(client, applicant, signed_in):
    assert client.get("/account/").status_code == 302
    assert signed_in(applicant).get("/account/").status_code == 200


# The Django admin: its index and every list in it, for each role. Administrators keep the
# service's own data there; allauth's and the sites framework's models stay with superusers.
SERVICE_APPS = {"accounts", "members", "notifications", "meetings"}


def admin_lists(apps=None) -> list[str]:
    from django.contrib import admin
    from django.urls import reverse

    return [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
        if apps is None or model._meta.app_label in apps
    ]


def test_signed_out_people_are_sent_to_the_services_own_sign_in(client, db):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/?next=%2Fadmin%2F"
    assert response.status_code == 200


@pytest.mark.parametrize("role", ["applicant", "reviewer", "coordinator", "gender_coordinator"])
def test_only_administrators_use_the_admin_and_everyone_else_is_told_so(request, db, signed_in, role):
    browser = signed_in(request.getfixturevalue(role))
    for url in ["/admin/", *admin_lists()]:
        # Following every redirect: a loop back to sign in would fail here.
        response = browser.get(url, follow=True)
        assert response.status_code == 403, url
        assert "only for administrators" in response.content.decode(), url


def test_an_administrator_sees_and_opens_every_list_they_keep(signed_in, administrator):
    from django.contrib import admin
    from django.utils.text import capfirst

    browser = signed_in(administrator)
    index = browser.get("/admin/").content.decode()
    assert "permission to view or edit anything" not in index
    for model in admin.site._registry:
        if model._meta.app_label in SERVICE_APPS:
            assert capfirst(str(model._meta.verbose_name_plural)) in index, model
    for url in admin_lists(SERVICE_APPS):
        assert browser.get(url).status_code == 200, url


def test_deleting_a_person_in_the_admin_leads_to_logging_a_request_to_erase_them(signed_in, administrator, applicant):
    from accounts.models import User

    browser = signed_in(administrator)
    url = f"/admin/accounts/user/{applicant.pk}/delete/"
    for response in [browser.get(url), browser.post(url, {"post": "yes"})]:
        assert response.status_code == 302
        assert response["Location"] == f"/staff/people/{applicant.pk}/data-requests/new/?kind=erasure"
    assert User.objects.filter(pk=applicant.pk, full_name=applicant.full_name).exists()
    page = browser.get(response["Location"]).content.decode()
    assert 'value="erasure" checked' in page
