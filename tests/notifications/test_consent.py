import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction

from accounts.models import RecordedMethod
from notifications import services
from notifications.models import (
    ConsentDecision,
    ConsentPurpose,
    ConsentRecord,
    ContactPreferenceRecord,
)
from notifications.selectors import consent_in_force, has_consent
from tests.factories import UserFactory
from tests.services import require_postgres

pytestmark = pytest.mark.django_db


def wording(purpose=ConsentPurpose.FUTURE_OPPORTUNITIES):
    return services.consent_wording_current(purpose)


def test_the_latest_decision_is_the_one_in_force():
    person = UserFactory()
    assert consent_in_force(person_id=person.pk, purpose=ConsentPurpose.FUTURE_OPPORTUNITIES) is None
    services.consent_apply(person=person, wording=wording(), decision=ConsentDecision.GIVEN)
    assert has_consent(person_id=person.pk, purpose=ConsentPurpose.FUTURE_OPPORTUNITIES)
    services.consent_apply(person=person, wording=wording(), decision=ConsentDecision.WITHDRAWN)
    assert not has_consent(person_id=person.pk, purpose=ConsentPurpose.FUTURE_OPPORTUNITIES)
    assert ConsentRecord.objects.filter(person=person).count() == 2


def test_a_ledger_row_records_the_wording_version_method_and_who_recorded_it(administrator):
    person = UserFactory()
    record = services.consent_apply(
        person=person,
        wording=wording(),
        decision=ConsentDecision.GIVEN,
        method=RecordedMethod.PHONE,
        actor=administrator,
        on_behalf_by="Jo Bloggs, appointee",
    )
    assert (record.wording.version, record.method, record.recorded_by, record.on_behalf_by) == (
        1,
        RecordedMethod.PHONE,
        administrator,
        "Jo Bloggs, appointee",
    )


def test_only_staff_allowed_to_act_for_someone_may_record_their_consent(applicant, coordinator):
    person = UserFactory()
    for someone in [applicant, coordinator]:  # the coordinator does not run a panel the person is on
        with pytest.raises(PermissionDenied):
            services.consent_record(
                person=person, purpose=ConsentPurpose.FUTURE_OPPORTUNITIES, decision=ConsentDecision.GIVEN,
                method="phone", actor=someone,
            )  # fmt: skip


def test_a_decision_not_made_online_always_names_who_recorded_it():
    person = UserFactory()
    for actor in [None, person]:
        with pytest.raises(ValidationError, match="recorded by staff"):
            services.consent_apply(
                person=person, wording=wording(), decision=ConsentDecision.GIVEN, method="phone", actor=actor
            )


def test_editing_or_deleting_a_ledger_row_is_refused():
    record = services.consent_apply(person=UserFactory(), wording=wording(), decision=ConsentDecision.GIVEN)
    record.decision = ConsentDecision.WITHDRAWN
    with pytest.raises(ValidationError):
        record.save()
    with pytest.raises(ValidationError):
        record.delete()
    with pytest.raises(ValidationError):
        ConsentRecord.objects.filter(pk=record.pk).update(decision=ConsentDecision.WITHDRAWN)
    with pytest.raises(ValidationError):
        ConsentRecord.objects.filter(pk=record.pk).delete()
    assert ConsentRecord.objects.get(pk=record.pk).decision == ConsentDecision.GIVEN


def test_the_database_refuses_to_rewrite_either_ledger_even_with_raw_sql():
    require_postgres()
    person = UserFactory()
    record = services.consent_apply(person=person, wording=wording(), decision=ConsentDecision.GIVEN)
    preference = services.contact_preference_record(person=person, actor=person, channel="email", format="easy_read")
    for sql, pk in [
        ("UPDATE notifications_consentrecord SET decision = 'withdrawn' WHERE id = %s", record.pk),
        ("DELETE FROM notifications_consentrecord WHERE id = %s", record.pk),
        ("UPDATE notifications_contactpreferencerecord SET format = 'standard' WHERE id = %s", preference.pk),
        ("DELETE FROM notifications_contactpreferencerecord WHERE id = %s", preference.pk),
    ]:
        with pytest.raises(Exception, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [pk])
    assert ConsentRecord.objects.get(pk=record.pk).decision == ConsentDecision.GIVEN
    assert ContactPreferenceRecord.objects.get(pk=preference.pk).format == "easy_read"


def test_a_preference_row_cannot_be_edited_or_deleted_through_the_application():
    person = UserFactory()
    preference = services.contact_preference_record(person=person, actor=person, channel="email", format="bsl")
    preference.format = "standard"
    with pytest.raises(ValidationError, match="Contact preference records cannot be changed"):
        preference.save()
    with pytest.raises(ValidationError):
        ContactPreferenceRecord.objects.filter(pk=preference.pk).update(format="standard")
    with pytest.raises(ValidationError):
        ContactPreferenceRecord.objects.filter(person=person).delete()


def test_a_changed_wording_is_a_new_version_and_old_decisions_keep_theirs(administrator):
    person = UserFactory()
    first = services.consent_apply(person=person, wording=wording(), decision=ConsentDecision.GIVEN)
    new = services.consent_wording_publish(
        actor=administrator, purpose=ConsentPurpose.FUTURE_OPPORTUNITIES, text="Clearer words."
    )
    assert new.version == 2
    assert services.consent_wording_current(ConsentPurpose.FUTURE_OPPORTUNITIES) == new
    first.refresh_from_db()
    assert first.wording.version == 1


def test_only_administrators_publish_wordings(coordinator):
    with pytest.raises(PermissionDenied):
        services.consent_wording_publish(actor=coordinator, purpose=ConsentPurpose.FUTURE_OPPORTUNITIES, text="x")


def test_administrators_publish_a_new_wording_in_the_admin(signed_in, administrator):
    response = signed_in(administrator).post(
        "/admin/notifications/consentwording/add/", {"purpose": "future_opportunities", "text": "New words."}
    )
    assert response.status_code == 302
    assert services.consent_wording_current(ConsentPurpose.FUTURE_OPPORTUNITIES).text == "New words."
