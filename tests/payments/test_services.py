from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from engagement.models import WrittenAnswer
from notifications.models import Message
from payments import selectors, services
from payments.models import Activity, Choice, Claim, ClaimKind, ClaimStatus, LineKind, PaymentChoice, Unit
from payments.money import parse_pounds, pounds, tax_year_of, times
from tests.engagement.factories import an_engagement
from tests.factories import UserFactory, a_membership

from .factories import a_choice, a_finance_person, a_receipt, attended, rates

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_member(member, race_panel):
    rates()
    a_choice(member, race_panel)
    return member


def test_a_member_at_a_meeting_gets_a_claim_for_its_length_and_preparation(paid_member, coordinator, race_panel):
    attended(coordinator, race_panel, paid_member, minutes=150)
    assert services.involvement_claims_make() == 1
    claim = Claim.objects.get(person=paid_member)
    assert (claim.kind, claim.status, claim.panel) == (ClaimKind.INVOLVEMENT, ClaimStatus.SUBMITTED, race_panel)
    meeting_line, preparing = claim.lines.order_by("id")
    assert (meeting_line.quantity_text, meeting_line.amount_pence) == ("2 hours 30 minutes", 6250)
    assert (preparing.activity, preparing.amount_pence) == (Activity.PREPARATION, 1000)


def test_claims_are_made_once_however_often_the_sweep_runs(paid_member, coordinator, race_panel):
    attended(coordinator, race_panel, paid_member)
    services.involvement_claims_make()
    assert services.involvement_claims_make() == 0
    assert Claim.objects.filter(person=paid_member).count() == 1


def test_a_member_who_declined_gets_no_claim_for_time_but_can_claim_expenses(member, coordinator, race_panel):
    rates()
    a_choice(member, race_panel, Choice.DECLINE)
    attended(coordinator, race_panel, member)
    assert services.involvement_claims_make() == 0
    claim = services.expense_claim_start(actor=member, panel=race_panel, about="The meeting",
                                         happened_on=timezone.localdate())  # fmt: skip
    services.claim_line_add(actor=member, claim=claim, kind=LineKind.MILEAGE, miles=11)
    services.claim_submit(actor=member, claim=claim)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    assert claim.lines.get().amount_pence == 11 * 45


def test_a_member_who_has_not_chosen_is_not_paid_until_they_do(member, coordinator, race_panel):
    rates()
    attended(coordinator, race_panel, member)
    assert services.involvement_claims_make() == 0
    a_choice(member, race_panel)
    assert services.involvement_claims_make() == 1


def test_a_member_who_donates_has_the_claim_marked_for_charity(member, coordinator, race_panel):
    rates()
    a_choice(member, race_panel, Choice.DONATE)
    attended(coordinator, race_panel, member)
    services.involvement_claims_make()
    assert Claim.objects.get(person=member).donate


def test_absent_members_and_long_ago_meetings_make_no_claims(paid_member, coordinator, race_panel):
    meeting = attended(coordinator, race_panel, paid_member)
    type(meeting).objects.filter(pk=meeting.pk).update(starts_at=meeting.starts_at - timedelta(days=200),
                                                       ends_at=meeting.ends_at - timedelta(days=200))  # fmt: skip
    other = UserFactory()
    a_membership(coordinator, race_panel, other)
    a_choice(other, race_panel)
    attended(coordinator, race_panel)  # nobody recorded present
    assert services.involvement_claims_make() == 0


def test_answering_a_written_consultation_makes_its_claim(paid_member, coordinator, race_panel):
    engagement = an_engagement(coordinator, race_panel, to="written")
    WrittenAnswer.objects.create(engagement=engagement, person=paid_member, number=1, answer="Yes",
                                 recorded_by=paid_member)  # fmt: skip
    WrittenAnswer.objects.create(engagement=engagement, person=paid_member, number=2, answer="No",
                                 recorded_by=paid_member)  # fmt: skip
    assert services.involvement_claims_make() == 1
    assert Claim.objects.get(person=paid_member).lines.get().amount_pence == 3000


def test_rates_take_effect_from_their_date_and_past_claims_keep_theirs(administrator, paid_member, coordinator,
                                                                      race_panel):  # fmt: skip
    attended(coordinator, race_panel, paid_member, minutes=60)
    services.involvement_claims_make()
    services.rate_add(actor=administrator, activity=Activity.MEETING, unit=Unit.DAY, amount_pence=9000,
                      effective_from=timezone.localdate())  # fmt: skip
    assert services.rate_in_force(Activity.MEETING, timezone.localdate()).amount_pence == 9000
    assert Claim.objects.get(person=paid_member).lines.first().amount_pence == 2500
    with pytest.raises(ValidationError):
        services.rate_add(actor=administrator, activity=Activity.MEETING, unit=Unit.DAY, amount_pence=9000,
                          effective_from=timezone.localdate() - timedelta(days=1))  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.rate_add(actor=coordinator, activity=Activity.MEETING, unit=Unit.DAY, amount_pence=1,
                          effective_from=timezone.localdate())  # fmt: skip


@pytest.mark.parametrize(
    ("unit", "minutes", "expected"),
    [(Unit.HOUR, 1, 21), (Unit.HOUR, 90, 1875), (Unit.HALF_DAY, 240, 1250), (Unit.HALF_DAY, 241, 2500),
     (Unit.DAY, 600, 2500), (Unit.EACH, 600, 1250)],
)  # fmt: skip
def test_time_is_paid_to_the_minute_or_by_each_half_day_or_day_started(unit, minutes, expected, db):
    rate = rates(**{Activity.TRAINING: (unit, 1250)})[Activity.TRAINING]
    assert services.time_paid(rate, minutes)[1] == expected


def test_money_is_whole_pence_rounded_half_up():
    assert times(2500, 1, 60) == 42  # 41.67p
    assert times(3, 1, 2) == 2  # 1.5p rounds up
    assert pounds(123456) == "£1,234.56"
    assert parse_pounds("£12.5") == 1250
    assert parse_pounds("0.05") == 5
    for bad in ["", "12.345", "-1", "12a", "1.2.3"]:
        with pytest.raises(ValueError):
            parse_pounds(bad)


def test_the_tax_year_turns_on_the_sixth_of_april():
    assert tax_year_of(date(2027, 4, 5)) == 2026
    assert tax_year_of(date(2027, 4, 6)) == 2027


def test_choices_need_the_warning_read_and_keep_their_history(member, race_panel, gender_panel):
    with pytest.raises(ValidationError):
        services.payment_choice_set(actor=member, panel=race_panel, choice=Choice.TAKE, warning_read=False)
    a_choice(member, race_panel)
    a_choice(member, race_panel, Choice.DECLINE)
    choice = PaymentChoice.objects.get(person=member)
    assert [row.choice for row in choice.history.order_by("history_id")] == ["take", "decline"]
    with pytest.raises(PermissionDenied):
        a_choice(member, gender_panel)


def test_an_expense_needs_its_receipt_and_a_taxi_its_reason(member, race_panel):
    claim = services.expense_claim_start(actor=member, panel=race_panel, about="Meeting",
                                         happened_on=timezone.localdate())  # fmt: skip
    with pytest.raises(ValidationError) as no_receipt:
        services.claim_line_add(actor=member, claim=claim, kind=LineKind.FARES, amount_pence=420)
    assert "receipt" in no_receipt.value.message_dict
    with pytest.raises(ValidationError) as no_reason:
        services.claim_line_add(actor=member, claim=claim, kind=LineKind.TAXI, amount_pence=1500,
                                receipt_by_post=True)  # fmt: skip
    assert "reason" in no_reason.value.message_dict
    line = services.claim_line_add(actor=member, claim=claim, kind=LineKind.FARES, amount_pence=420,
                                   receipt=a_receipt())  # fmt: skip
    assert line.receipt.name.endswith(".png")


def test_claims_must_be_made_in_time_and_travel_in_advance_only_for_what_is_to_come(member, race_panel):
    with pytest.raises(ValidationError):
        services.expense_claim_start(actor=member, panel=race_panel, about="Old",
                                     happened_on=timezone.localdate() - timedelta(days=100))  # fmt: skip
    with pytest.raises(ValidationError):
        services.expense_claim_start(actor=member, panel=race_panel, about="Soon",
                                     happened_on=timezone.localdate() + timedelta(days=3))  # fmt: skip
    claim = services.expense_claim_start(actor=member, panel=race_panel, about="Soon", in_advance=True,
                                         happened_on=timezone.localdate() + timedelta(days=3))  # fmt: skip
    with pytest.raises(ValidationError):
        services.claim_line_add(actor=member, claim=claim, kind=LineKind.CHILDCARE, amount_pence=3000)
    services.claim_line_add(actor=member, claim=claim, kind=LineKind.FARES, amount_pence=800)


def test_someone_invited_to_interview_can_claim_but_a_stranger_cannot(race_panel):
    stranger = UserFactory()
    with pytest.raises(ValidationError):
        services.expense_claim_start(actor=stranger, panel=race_panel, about="x", happened_on=timezone.localdate())


def test_coordinators_approve_or_query_but_never_their_own(paid_member, coordinator, race_panel):
    attended(coordinator, race_panel, paid_member)
    services.involvement_claims_make()
    claim = Claim.objects.get(person=paid_member)
    with pytest.raises(PermissionDenied):
        services.claim_decide(actor=paid_member, claim=claim, approve=True)
    with pytest.raises(ValidationError):
        services.claim_decide(actor=coordinator, claim=claim, approve=False, query=" ")
    services.claim_decide(actor=coordinator, claim=claim, approve=False, query="Were you there all day?")
    assert Message.objects.filter(recipient=paid_member, kind="payments.claim_queried").exists()
    services.claim_submit(actor=paid_member, claim=claim)
    services.claim_decide(actor=coordinator, claim=claim, approve=True)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED
    coordinator_as_member = a_membership(coordinator, race_panel, coordinator).person
    a_choice(coordinator_as_member, race_panel)
    own = services.expense_claim_start(actor=coordinator, panel=race_panel, about="x", happened_on=timezone.localdate())
    services.claim_line_add(actor=coordinator, claim=own, kind=LineKind.MILEAGE, miles=3)
    services.claim_submit(actor=coordinator, claim=own)
    with pytest.raises(PermissionDenied):
        services.claim_decide(actor=coordinator, claim=own, approve=True)


def test_a_claim_waits_for_a_posted_receipt_before_approval(member, coordinator, race_panel):
    claim = services.expense_claim_start(actor=member, panel=race_panel, about="Meeting",
                                         happened_on=timezone.localdate())  # fmt: skip
    line = services.claim_line_add(actor=member, claim=claim, kind=LineKind.CARER, amount_pence=4500,
                                   receipt_by_post=True)  # fmt: skip
    services.claim_submit(actor=member, claim=claim)
    with pytest.raises(ValidationError):
        services.claim_decide(actor=coordinator, claim=claim, approve=True)
    services.receipt_record(actor=coordinator, line=line)
    services.claim_decide(actor=coordinator, claim=claim, approve=True)


def test_finance_exports_approved_claims_marks_them_paid_and_statements_follow(paid_member, coordinator, race_panel):
    finance = a_finance_person()
    attended(coordinator, race_panel, paid_member)
    services.involvement_claims_make()
    claim = Claim.objects.get(person=paid_member)
    services.claim_decide(actor=coordinator, claim=claim, approve=True)
    with pytest.raises(PermissionDenied):
        services.claims_export(actor=coordinator)
    batch = services.claims_export(actor=finance)
    rows = selectors.export_rows(batch)
    assert sum(row["amount_pence"] for row in rows) == 6000
    assert {row["payee_reference"] for row in rows} == {f"EP{paid_member.pk:06d}"}
    with pytest.raises(ValidationError):
        services.claims_export(actor=finance)
    with pytest.raises(ValidationError):
        services.batch_mark_paid(actor=finance, batch=batch, paid_on=timezone.localdate() + timedelta(days=1))
    services.batch_mark_paid(actor=finance, batch=batch, paid_on=timezone.localdate())
    assert Message.objects.filter(recipient=paid_member, kind="payments.claim_paid").exists()
    statement = selectors.statement(paid_member, tax_year_of(timezone.localdate()))
    assert (statement.for_time, statement.expenses, statement.paid_to_you) == (6000, 0, 6000)


def test_finance_never_exports_or_pays_their_own_claim(coordinator, race_panel):
    finance = a_finance_person()
    a_membership(coordinator, race_panel, finance)
    own = services.expense_claim_start(actor=finance, panel=race_panel, about="x", happened_on=timezone.localdate())
    services.claim_line_add(actor=finance, claim=own, kind=LineKind.MILEAGE, miles=3)
    services.claim_submit(actor=finance, claim=own)
    services.claim_decide(actor=coordinator, claim=own, approve=True)
    with pytest.raises(ValidationError):
        services.claims_export(actor=finance)
    batch = services.claims_export(actor=a_finance_person())
    with pytest.raises(ValidationError):
        services.batch_mark_paid(actor=finance, batch=batch, paid_on=timezone.localdate())


def test_a_coordinator_adds_a_claim_for_training_only_for_members_who_want_paying(paid_member, coordinator,
                                                                                 race_panel):  # fmt: skip
    claim = services.involvement_claim_add(actor=coordinator, person=paid_member, panel=race_panel,
                                           activity=Activity.TRAINING, minutes=300, about="Chairing skills",
                                           happened_on=timezone.localdate())  # fmt: skip
    assert claim.lines.get().amount_pence == 10000  # two half days
    other = a_membership(coordinator, race_panel).person
    a_choice(other, race_panel, Choice.DECLINE)
    with pytest.raises(ValidationError):
        services.involvement_claim_add(actor=coordinator, person=other, panel=race_panel, activity=Activity.TRAINING,
                                       minutes=60, about="x", happened_on=timezone.localdate())  # fmt: skip


def test_a_member_paid_for_their_time_is_asked_once_a_year_to_read_about_benefits_again(member, race_panel):
    choice = a_choice(member, race_panel)
    assert services.benefits_reminders_send() == 0
    PaymentChoice.objects.filter(pk=choice.pk).update(warning_read_at=timezone.now() - timedelta(days=366))
    assert services.benefits_reminders_send() == 1
    assert services.benefits_reminders_send() == 0
    message = Message.objects.get(recipient=member, kind="payments.benefits_yearly")
    assert message.context["url"] == "/your-payments/choose/race/"
    a_choice(member, race_panel)  # read again: nothing more until next year
    assert services.benefits_reminders_send() == 0


def test_a_change_from_declining_is_paid_from_that_day_never_backdated(member, coordinator, race_panel):
    rates()
    a_choice(member, race_panel, Choice.DECLINE)
    attended(coordinator, race_panel, member)
    a_choice(member, race_panel, Choice.TAKE)
    assert PaymentChoice.objects.get(person=member).paid_from == timezone.localdate()
    yesterday = attended(coordinator, race_panel, member)
    type(yesterday).objects.filter(pk=yesterday.pk).update(starts_at=yesterday.starts_at - timedelta(days=1),
                                                           ends_at=yesterday.ends_at - timedelta(days=1))  # fmt: skip
    assert services.involvement_claims_make() == 0


def test_one_claim_that_cannot_be_made_does_not_stop_the_others(paid_member, coordinator, race_panel, caplog):
    earlier = attended(coordinator, race_panel, paid_member)
    # Made by another sweep a moment ago, so this one's list of what was made is out of date.
    Claim.objects.create(person=paid_member, panel=race_panel, kind=ClaimKind.INVOLVEMENT, about="Made already",
                         source=f"meeting:{earlier.pk}:{paid_member.pk}", happened_on=timezone.localdate())  # fmt: skip
    meeting = attended(coordinator, race_panel, paid_member)
    type(meeting).objects.filter(pk=meeting.pk).update(title="A" * 200)
    assert services.involvement_claims_make() == 1
    assert Claim.objects.get(source=f"meeting:{meeting.pk}:{paid_member.pk}").about == ("Meeting: " + "A" * 200)[:200]


def test_a_coordinator_records_a_choice_and_writes_a_claim_told_by_phone_which_another_decides(
    member, coordinator, administrator, race_panel
):
    from accounts.models import RecordedMethod

    with pytest.raises(ValidationError):
        services.payment_choice_set(actor=coordinator, person=member, panel=race_panel, choice=Choice.TAKE,
                                    warning_read=True, method=RecordedMethod.WEB)  # fmt: skip
    choice = services.payment_choice_set(actor=coordinator, person=member, panel=race_panel, choice=Choice.TAKE,
                                         warning_read=True, method=RecordedMethod.PHONE)  # fmt: skip
    assert (choice.person, choice.method, choice.history.get().history_user) == (member, "phone", coordinator)
    claim = services.expense_claim_start(actor=coordinator, person=member, panel=race_panel, about="By phone",
                                         happened_on=timezone.localdate())  # fmt: skip
    line = services.claim_line_add(actor=coordinator, claim=claim, kind=LineKind.CARER, amount_pence=3600,
                                   receipt_by_post=True)  # fmt: skip
    services.claim_submit(actor=coordinator, claim=claim)
    with pytest.raises(PermissionDenied):
        services.claim_decide(actor=coordinator, claim=claim, approve=True)
    with pytest.raises(PermissionDenied):
        services.receipt_record(actor=member, line=line)
    services.receipt_record(actor=coordinator, line=line)
    services.claim_decide(actor=administrator, claim=claim, approve=True)
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.APPROVED


def test_a_claim_made_by_mistake_is_not_approved_and_its_person_told_why(paid_member, coordinator, race_panel):
    attended(coordinator, race_panel, paid_member)
    services.involvement_claims_make()
    claim = Claim.objects.get(person=paid_member)
    with pytest.raises(ValidationError):
        services.claim_decide(actor=coordinator, claim=claim, reject=True, query="")
    services.claim_decide(actor=coordinator, claim=claim, reject=True, query="You sent apologies: recorded by mistake")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REJECTED and not claim.is_open
    assert Message.objects.filter(recipient=paid_member, kind="payments.claim_rejected").exists()
    finance = a_finance_person()
    with pytest.raises(ValidationError):
        services.claims_export(actor=finance)


def test_travel_paid_before_the_journey_is_due_the_day_before_and_cannot_be_sent_after(member, coordinator,
                                                                                      race_panel):  # fmt: skip
    import time_machine

    soon = timezone.localdate() + timedelta(days=5)
    claim = services.expense_claim_start(actor=member, panel=race_panel, about="Next meeting", happened_on=soon,
                                         in_advance=True)  # fmt: skip
    services.claim_line_add(actor=member, claim=claim, kind=LineKind.FARES, amount_pence=900)
    assert services.pay_by(timezone.localdate(), journey=soon) == soon - timedelta(days=1)
    late = services.expense_claim_start(actor=member, panel=race_panel, about="Later", happened_on=soon,
                                        in_advance=True)  # fmt: skip
    services.claim_line_add(actor=member, claim=late, kind=LineKind.FARES, amount_pence=900)
    with time_machine.travel(timezone.now() + timedelta(days=6)), pytest.raises(ValidationError):
        services.claim_submit(actor=member, claim=late)
    services.claim_submit(actor=member, claim=claim)


def test_someone_interviewed_can_still_claim_after_the_outcome(coordinator, race_panel):
    from recruitment.models import Interview
    from tests.recruitment.factories import closed_round, interviewed

    (application,) = interviewed(closed_round(), coordinator, [(70, "liverpool", None)])
    application.status = "unsuccessful"
    application.save(update_fields=["status"])
    assert Interview.objects.filter(application=application).exists()
    assert services.may_claim_expenses_for(application.applicant, race_panel)


def test_a_member_whose_term_has_just_ended_still_claims_for_their_last_meeting(member, coordinator, race_panel):
    from members.services import membership_end

    attended(coordinator, race_panel, member)
    membership_end(actor=coordinator, membership=member.memberships.get(), reason="Term finished")
    assert services.may_claim_expenses_for(member, race_panel)
    claim = services.expense_claim_start(actor=member, panel=race_panel, about="My last meeting",
                                         happened_on=timezone.localdate())  # fmt: skip
    assert claim.person == member
    stranger = a_membership(coordinator, race_panel).person
    membership_end(actor=coordinator, membership=stranger.memberships.get(), reason="Moved away")
    assert not services.may_claim_expenses_for(stranger, race_panel)
