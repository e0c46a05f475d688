"""People who asked for British Sign Language get, with every message, a link to the BSL video of
it where an administrator has set one, and the video relay service to reach us through."""

import pytest
from django.db import transaction

from accounts.models import ContactChannel, ContactFormat
from notifications import services
from notifications.models import BslVideo
from tests.factories import UserFactory
from tests.notifications.factories import an_opportunity, opportunities_consent

pytestmark = pytest.mark.django_db(transaction=True)
VIDEO = "https://video.example.org/bsl/new-places"


@pytest.mark.parametrize("has_video", [True, False], ids=["a video set", "no video yet"])
def test_a_bsl_user_gets_the_video_link_and_the_relay_service_by_email(smtp, settings, has_video):
    settings.VIDEO_RELAY_SERVICE = "SignVideo"
    if has_video:
        BslVideo.objects.create(kind="notifications.future_opportunity", url=VIDEO)
    signer, hearing = UserFactory(contact_format=ContactFormat.BSL), UserFactory()
    for person in (signer, hearing):
        opportunities_consent(person)
        with transaction.atomic():
            an_opportunity(person, key=f"bsl:{person.pk}")
    smtp.wait_for(2)
    (to_signer,), (to_hearing,) = smtp.to(signer.email), smtp.to(hearing.email)
    text = to_signer.get_body(("plain",)).get_content()
    html = to_signer.get_body(("html",)).get_content()
    assert "To contact us in BSL, use SignVideo." in text and "To contact us in BSL, use SignVideo." in html
    assert (VIDEO in text, VIDEO in html) == (has_video, has_video)
    assert "BSL" not in to_hearing.get_body(("plain",)).get_content()


def test_a_bsl_user_who_asked_for_post_gets_the_link_printed_in_the_letter(administrator):
    BslVideo.objects.create(kind="notifications.future_opportunity", url=VIDEO)
    person = UserFactory(contact_format=ContactFormat.BSL, contact_channel=ContactChannel.POST,
                         address="1 Dale Street", postcode="L2 2DH")  # fmt: skip
    opportunities_consent(person)
    with transaction.atomic():
        letter = an_opportunity(person)
    assert f"Watch this message in British Sign Language (BSL): {VIDEO}" in services.letter_render(letter).text


def test_an_administrator_sets_a_video_for_a_kind_in_the_admin(signed_in, administrator):
    client = signed_in(administrator)
    form = client.get("/admin/notifications/bslvideo/add/").content.decode()
    assert "A meeting invitation" in form  # kinds by what they are, not their keys
    response = client.post("/admin/notifications/bslvideo/add/", {"kind": "meetings.invitation", "url": VIDEO})
    assert response.status_code == 302
    assert BslVideo.objects.get().kind == "meetings.invitation"
