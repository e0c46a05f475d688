"""People (accounts/models.py): kept without an email address when they have none, and never two
with one address, whatever its case."""

import pytest
from django.db import IntegrityError, transaction

from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_people_without_email_are_kept_with_their_address_and_cannot_sign_in(client):
    person = User.objects.create_user(
        full_name="Pat Post", address="1 Example Street", postcode="L1 1AA", phone="0151 000 0001"
    )
    other = User.objects.create_user(full_name="Another Offline Person")
    assert person.email is None and other.email is None  # two people with no email do not clash
    assert not person.has_usable_password()
    assert str(person) == f"person {person.pk}"  # logs and history labels carry ids, not names


def test_email_addresses_are_unique_whatever_their_case():
    UserFactory(email="same@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="SAME@example.org")
