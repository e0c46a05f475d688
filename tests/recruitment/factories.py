from datetime import timedelta

import factory
from django.utils import timezone

from accounts.models import User
from members.models import Panel
from recruitment.categories import LocalAuthorityArea
from recruitment.models import Answer, Application, ApplicationStatus, Criterion, Question, Round
from tests.factories import UserFactory


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    panel = factory.LazyFunction(lambda: Panel.objects.get(slug="race"))
    title = "Join the Race Panel"
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
    did not agree to their answers being used for balance."""
    from recruitment import services
    from recruitment.models import Interview

    applications = submitted_applications(round_, len(specs))
    for application, (score, area, balance) in zip(applications, specs, strict=True):
        application.local_authority_area = area
        application.status = ApplicationStatus.INTERVIEWED
        application.save(update_fields=["local_authority_area", "status"])
        Interview.objects.create(
            application=application, starts_at=timezone.now(), place="Room 1", score=score, invited_by=coordinator
        )
        if balance is not None:
            services.balance_save(actor=application.applicant, application=application, answers=balance, consent=True)
    return applications
