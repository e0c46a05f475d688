from datetime import timedelta

import factory
from django.utils import timezone

from members.models import Panel
from recruitment.models import Criterion, Question, Round
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
