"""The first version of each consent wording. See members.seed.seed_reference_data."""

from django.apps import apps as global_apps

WORDINGS = {
    "future_opportunities": (
        "Yes, please tell me about future chances to join a panel or take part in other work of the "
        "Combined Authority. I can change my mind at any time."
    ),
    "share_access_needs": (
        "Yes, you may share what I need to take part (not why I need it) with the people who "
        "provide it, such as an interpreter agency or a venue. I can change my mind at any time."
    ),
    "balance_selection": (
        "Yes, you may use my answers on this page to help choose a panel that reflects the people "
        "of the City Region. Only the people choosing the panel will see them. I can change my mind "
        "at any time before the panel is chosen."
    ),
    "publish_name_photo": (
        "Yes, you may publish my name and photo on the panel's web page and in reports. I can "
        "change my mind at any time and you will take them down."
    ),
}


def seed_consent_wordings(apps=global_apps) -> None:
    ConsentWording = apps.get_model("notifications", "ConsentWording")
    for purpose, text in WORDINGS.items():
        ConsentWording.objects.get_or_create(purpose=purpose, version=1, defaults={"text": text})
