from datetime import timedelta

import factory
from django.utils import timezone

from accounts.models import ContactChannel, ContactFormat, User
from members.models import Panel
from recruitment import services
from recruitment.categories import LocalAuthorityArea
from recruitment.models import (
    Answer,
    Application,
    ApplicationStatus,
    Criterion,
    DecisionReason,
    Question,
    ReviewAssignment,
    Round,
    RoundStatus,
)
from tests.factories import UserFactory


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    panel = factory.LazyFunction(lambda: Panel.objects.get(slug="race"))
    title = "Join the Race Panel"
    # Published, as most tests need a round people can find; round_create makes drafts.
    status = RoundStatus.PUBLISHED
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=27))
    places = 4
    role_description = "Members meet six times a year and advise leaders on racial equality."
    role_description_easy_read = "You go to 6 meetings a year.\nYou tell leaders what is fair."
    balance_questions = ["age_band", "ethnic_group"]
    created_by = factory.SubFactory(UserFactory)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    round = factory.SubFactory(RoundFactory)
    order = factory.Sequence(lambda n: n + 1)
    text = "Why do you want to join the panel?"
    guidance = "Tell us in your own words."
    word_limit = 300


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    round = factory.SubFactory(RoundFactory)
    order = factory.Sequence(lambda n: n + 1)
    name = "Lived experience"
    marking_guide = "0: none given. 3: clear and relevant."


def round_with_questions(count: int = 2, **kwargs) -> Round:
    round_ = RoundFactory(**kwargs)
    for n in range(1, count + 1):
        QuestionFactory(round=round_, order=n, text=f"Question {n}?")
    CriterionFactory(round=round_, order=1)
    return round_


def closed_round(questions: int = 2, criteria: int = 2, **kwargs) -> Round:
    """A round that has closed, with questions and criteria, ready for review."""
    now = timezone.now()
    round_ = RoundFactory(opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=1), **kwargs)
    for n in range(1, questions + 1):
        QuestionFactory(round=round_, order=n, text=f"Question {n}?")
    for n in range(1, criteria + 1):
        CriterionFactory(round=round_, order=n, name=f"Criterion {n}")
    return round_


def ready_to_send(round_: Round, count: int) -> list[Application]:
    """`count` new people, each with a complete draft waiting on check your answers, made in bulk."""
    stamp = timezone.now().timestamp()
    people = User.objects.bulk_create(
        User(email=f"ready{stamp:.0f}-{User.objects.count() + n}@example.org", full_name=f"Ready {n}", password="!")
        for n in range(count)
    )
    applications = Application.objects.bulk_create(
        Application(round=round_, applicant=person, local_authority_area="liverpool") for person in people
    )
    Answer.objects.bulk_create(
        Answer(application=application, question=question, text="An answer of a few words.")
        for application in applications
        for question in round_.questions.all()
    )
    return applications


def submitted_applications(round_: Round, count: int, answer: str = "I have run a community group for years.") -> list:
    """`count` sent applications from new people, made in bulk so large rounds stay quick to build."""
    start = User.objects.count()
    people = User.objects.bulk_create(
        [User(email=f"bulk{start + n}@example.org", full_name=f"Sam Bulkperson{start + n}") for n in range(count)]
    )
    areas = LocalAuthorityArea.values
    now = timezone.now()
    applications = Application.objects.bulk_create(
        [
            Application(
                round=round_,
                applicant=person,
                status=ApplicationStatus.SUBMITTED,
                submitted_at=now,
                declaration_at=now,
                reference=f"EP-T{person.pk:06d}",
                local_authority_area=areas[n % len(areas)],
            )  # fmt: skip
            for n, person in enumerate(people)
        ]
    )
    Answer.objects.bulk_create(
        [Answer(application=a, question=q, text=answer) for a in applications for q in round_.questions.all()]
    )
    return applications


def reviewers_for(panel: Panel, count: int) -> list[User]:
    from members.models import StaffRoleKind
    from members.services import staff_role_grant

    people = []
    for _ in range(count):
        person = UserFactory()
        staff_role_grant(actor=None, user=person, role=StaffRoleKind.REVIEWER, panel=panel)
        people.append(person)
    return people


def interviewed(round_: Round, coordinator, specs: list[tuple]) -> list[Application]:
    """Interviewed candidates from (score, area, balance answers or None) — None meaning the person
    did not agree to their answers being used for balance. Made directly, for selection's tests:
    `interview_held` goes through the interview services."""
    from recruitment.models import Interview, InterviewSlot, InterviewState

    applications = submitted_applications(round_, len(specs))
    for n, (application, (score, area, balance)) in enumerate(zip(applications, specs, strict=True)):
        application.local_authority_area = area
        application.status = ApplicationStatus.INTERVIEWED
        application.save(update_fields=["local_authority_area", "status"])
        slot = InterviewSlot.objects.create(
            round=round_, starts_at=timezone.now() - timedelta(hours=n + 1), place="Room 1", created_by=coordinator
        )
        Interview.objects.create(
            application=application, slot=slot, state=InterviewState.BOOKED, score=score, invited_by=coordinator
        )
        if balance is not None:
            services.balance_save(actor=application.applicant, application=application, answers=balance, consent=True)
    return applications


def interview_time(round_: Round, coordinator, *, interviewers=None, days: int = 5):
    """A free interview time in the round with the coordinator (and any others) interviewing; each
    new time starts after the coordinator's last, so none overlaps."""
    from recruitment.models import InterviewSlot

    interviewers = interviewers or [coordinator]
    for person in interviewers:
        services.interviewer_add(actor=coordinator, round_=round_, person=person)
    earlier = InterviewSlot.objects.filter(interviewers=interviewers[0]).count()
    starts_at = timezone.now().replace(second=0, microsecond=0) + timedelta(days=days, hours=earlier)
    return services.slot_add(
        actor=coordinator, round_=round_, starts_at=starts_at, minutes=45, place="Room 1", interviewers=interviewers
    )


def interview_booked(application: Application, coordinator, *, interviewers=None):
    """A shortlisted applicant invited (with everyone else shortlisted) and booked into a time of their
    own choosing, as they would on their interview page."""
    round_ = application.round
    waiting = round_.applications.filter(status=ApplicationStatus.SHORTLISTED).count()
    slots = [interview_time(round_, coordinator, interviewers=interviewers) for _ in range(max(waiting, 1))]
    services.interviews_invite(actor=coordinator, round_=round_)
    application.refresh_from_db()
    return services.interview_book(actor=application.applicant, interview=application.interview, slot=slots[0])


def interview_held(application: Application, coordinator, *, marks: int = 3, interviewers=None):
    """Invited, booked and scored through the services: every interviewer sends the same mark for
    each criterion, so the interview score is marks out of the round's highest, as a percentage."""
    interview = interview_booked(application, coordinator, interviewers=interviewers)
    criteria = list(application.round.criteria.all())
    for person in interview.slot.interviewers.all():
        services.scorecard_record(
            actor=person, interview=interview, submit=True, scores={c.pk: (marks, "Clear examples.") for c in criteria}
        )
    application.refresh_from_db()
    interview.refresh_from_db()
    return interview


# A round in each state a person can find it, and applications made through the services the pages call.

ROUND_TIMES = {
    "open": (timedelta(days=-1), timedelta(days=27)),
    "not yet open": (timedelta(days=7), timedelta(days=35)),
    "closed": (timedelta(days=-40), timedelta(days=-12)),
}

ABOUT_YOU = {
    "phone": "0151 000 0002",
    "address": "2 Example Road\nLiverpool",
    "postcode": "L2 2BB",
    "contact_channel": ContactChannel.EMAIL,
    "contact_format": ContactFormat.STANDARD,
    "local_authority_area": "wirral",
    "interview_adjustments": "A step-free room and a break every hour.",
}


def a_round(state: str = "open", **fields) -> Round:
    """A round of the Race Panel with two questions, open, "not yet open" or "closed"."""
    opens, closes = ROUND_TIMES[state]
    now = timezone.now()
    return round_with_questions(count=2, opens_at=now + opens, closes_at=now + closes, **fields)


def a_draft(person, round_: Round | None = None, *, about_you: bool = True, answers: bool = True) -> Application:
    """A draft application to `round_` (a new open round if none), filled in as far as asked."""
    round_ = round_ or a_round()
    application = services.application_start(actor=person, round_=round_)
    if about_you:
        services.application_about_you_save(
            actor=person, application=application, full_name=person.full_name, **ABOUT_YOU
        )
    if answers:
        for question in round_.questions.all():
            text = f"My answer to {question.text.lower()} I have lived here all my life."
            services.answer_save(actor=person, application=application, question=question, text=text)
    return application


def a_sent_application(person, round_: Round | None = None) -> Application:
    application = a_draft(person, round_)
    return services.application_submit(actor=person, application_id=application.pk, declaration=True)


# Review and decisions, as the reviewers and the coordinator make them.


def a_round_in_review(coordinator, applications: int = 3, *, one_names_themselves: bool = False) -> Round:
    """A closed round whose applications the coordinator has shared among the panel's reviewers,
    once one more has joined them (each application goes to two). With `one_names_themselves`, the
    first applicant gives their name in an answer, which is held back from reviewers until the
    coordinator has checked it."""
    reviewers_for(Panel.objects.get(slug="race"), 1)
    round_ = closed_round()
    first, *_ = submitted_applications(round_, applications)
    if one_names_themselves:
        answer = first.answers.get(question__order=1)
        answer.text = f"I am {first.applicant.full_name} and I have lived in Liverpool all my life."
        answer.save(update_fields=["text"])
    services.review_start(actor=coordinator, round_=round_)
    return round_


def in_review(round_: Round) -> list[Application]:
    """The round's applications as review left them (each with its review code), in the order sent."""
    return list(round_.applications.order_by("id"))


def first_to_review(person) -> ReviewAssignment:
    """The first application in the reviewer's own reading order."""
    return ReviewAssignment.objects.filter(reviewer=person).select_related("application").order_by("position").first()


def scores_given(assignment: ReviewAssignment, score: int, comment: str = "", *, submit: bool = True):
    """The reviewer gives `score` for every criterion, and sends their scores (or saves them, to
    come back to, without `submit`)."""
    criteria = assignment.application.round.criteria.all()
    return services.review_record(
        actor=assignment.reviewer,
        assignment=assignment,
        scores={c.pk: (score, comment) for c in criteria},
        submit=submit,
    )


def scores_sent(application: Application, *scores: int) -> None:
    """Each of the application's reviewers, in turn, sends one score for every criterion."""
    assignments = application.assignments.select_related("reviewer").order_by("reviewer_id")
    for assignment, score in zip(assignments, scores, strict=True):
        scores_given(assignment, score)


def appointed(application: Application, coordinator) -> None:
    """Shortlisted, interviewed and appointed, as the coordinator does it: nobody is told yet."""
    status, reason = ApplicationStatus.SHORTLISTED, DecisionReason.MET_CRITERIA
    services.application_decide(actor=coordinator, application=application, status=status, reason=reason)
    interview_held(application, coordinator)
    status, reason = ApplicationStatus.APPOINTED, DecisionReason.SELECTED
    services.application_decide(actor=coordinator, application=application, status=status, reason=reason)


def interviewed_candidates(coordinator) -> Round:
    """Four interviewed candidates for two places; three agreed to their answers being used for balance."""
    round_ = closed_round(places=2)
    young, older = {"age_band": "16_24", "ethnic_group": "asian"}, {"age_band": "65_74", "ethnic_group": "black"}
    specs = [(90, "wirral", older), (85, "wirral", older), (70, "knowsley", young), (60, "sefton", None)]
    interviewed(round_, coordinator, specs)
    return round_
