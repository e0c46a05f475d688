"""Every app's declaration of what its models hold about people, read as one, and everything the
service holds about a person, read through each app's own `<app>_data_of(person)`.

The apps are listed here, lowest layer first; a new app with personal data adds its module to
`APPS`, and the completeness test (tests/privacy) fails until it does.
"""

from django.apps import apps
from django.db.models import Model

from accounts import personal_data as accounts
from accounts.personal_data import Declaration, Section
from engagement import personal_data as engagement
from meetings import personal_data as meetings
from members import personal_data as members
from notifications import personal_data as notifications
from payments import personal_data as payments
from recruitment import personal_data as recruitment

from . import personal_data as privacy

APPS = [accounts, notifications, members, recruitment, meetings, engagement, payments, privacy]


def declared() -> dict[str, Declaration]:
    """Every model's declaration, by the model's label."""
    return {label: declaration for app in APPS for label, declaration in app.DECLARED.items()}


def declaration_for(model: type[Model]) -> Declaration | None:
    """A model's declaration; a history table has its model's."""
    model = getattr(model, "instance_type", model)
    return declared().get(model._meta.label)


def data_of(person, *, pending_held_back: bool = False) -> list[Section]:
    """Everything held about the person, in every app. `pending_held_back` is for the person's own
    download: a decision not yet released waits for its release (recruitment.personal_data)."""
    return [
        *accounts.accounts_data_of(person),
        *notifications.notifications_data_of(person),
        *members.members_data_of(person),
        *recruitment.recruitment_data_of(person, pending_held_back=pending_held_back),
        *meetings.meetings_data_of(person),
        *engagement.engagement_data_of(person),
        *payments.payments_data_of(person),
        *privacy.privacy_data_of(person),
    ]


def undeclared_models() -> list[str]:
    """Models nobody has declared: each is a gap in what the service can say it holds."""
    return [model._meta.label for model in apps.get_models() if declaration_for(model) is None]
