import pytest
from allauth.mfa.models import Authenticator
from cryptography.fernet import Fernet
from django.core.management import call_command

from accounts.adapters import MFAAdapter
from tests.factories import PASSWORD, add_totp
from tests.sign_in import authenticator_code, mark_second_factor_passed

pytestmark = pytest.mark.django_db


def test_totp_secrets_are_encrypted_at_rest(coordinator):
    secret, authenticator = add_totp(coordinator)
    stored = Authenticator.objects.get(pk=authenticator.pk).data["secret"]
    assert secret not in stored
    assert MFAAdapter().decrypt(stored) == secret


def test_keys_can_be_rotated_without_locking_anyone_out(coordinator, settings):
    old_key = settings.MFA_ENCRYPTION_KEYS[0]
    secret, authenticator = add_totp(coordinator)
    new_key = Fernet.generate_key().decode()
    settings.MFA_ENCRYPTION_KEYS = [new_key, old_key]
    assert MFAAdapter().decrypt(Authenticator.objects.get(pk=authenticator.pk).data["secret"]) == secret
    call_command("rotate_mfa_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.MFA_ENCRYPTION_KEYS = [new_key]
    assert MFAAdapter().decrypt(Authenticator.objects.get(pk=authenticator.pk).data["secret"]) == secret


def test_staff_without_two_factor_are_sent_to_set_it_up(signed_in, coordinator):
    client = signed_in(coordinator, two_factor=False)
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/"
    assert client.get("/staff/panels/race/")["Location"] == "/accounts/2fa/"


def test_staff_whose_session_has_not_passed_two_factor_must_pass_it(signed_in, coordinator):
    client = signed_in(coordinator, two_factor=False)
    add_totp(coordinator)
    response = client.get("/staff/")
    assert response["Location"].startswith("/accounts/2fa/reauthenticate/")


def test_staff_need_two_factor_to_open_an_application_they_recorded_for_someone(signed_in, coordinator):
    # A coordinator opens an application they recorded for someone (with what that person needs at
    # interview) through the applicant's own pages, so those ask for the second factor too.
    from recruitment import services
    from tests.recruitment.factories import round_with_questions

    application = services.application_record_assisted(
        actor=coordinator, round_=round_with_questions(), method="paper", full_name="Pat Post"
    )
    client = signed_in(coordinator, two_factor=False)
    add_totp(coordinator)
    for page in ["", "about-you/", "questions/1/", "check/", "withdraw/"]:
        path = f"/applications/{application.pk}/{page}"
        assert client.get(path)["Location"].startswith("/accounts/2fa/reauthenticate/"), path
    # Their own pages, like anyone's, and the public ones stay open.
    for path in ["/account/", "/applications/", "/", "/panels/race/"]:
        assert client.get(path).status_code == 200, path
    mark_second_factor_passed(client, coordinator)
    assert client.get(f"/applications/{application.pk}/").status_code == 200


def test_the_admin_needs_two_factor_too(signed_in, administrator):
    assert signed_in(administrator, two_factor=False).get("/admin/")["Location"] == "/accounts/2fa/"


def test_two_factor_for_staff_can_be_switched_off_for_the_local_demo(signed_in, coordinator, settings):
    settings.STAFF_REQUIRE_TWO_FACTOR = False
    assert signed_in(coordinator, two_factor=False).get("/staff/").status_code == 200


def test_people_without_a_staff_role_are_not_asked_for_two_factor(signed_in, applicant):
    assert signed_in(applicant).get("/account/").status_code == 200


def test_signing_in_with_password_and_authenticator_code_opens_staff_pages(client, coordinator):
    secret, _ = add_totp(coordinator)
    response = client.post("/accounts/login/", {"login": coordinator.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/staff/").status_code == 302  # not signed in yet
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert "There is a problem" in wrong.content.decode()
    response = client.post("/accounts/2fa/authenticate/", {"code": authenticator_code(secret)})
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200
