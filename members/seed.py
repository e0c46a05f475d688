"""Reference data every installation needs: the three panels and the first consent wordings.

One idempotent function used by the data migrations, the demo loader and the tests (which flush the
database between some tests), so all three always agree. It takes an app registry so that a
migration can pass its historical models.
"""

from django.apps import apps as global_apps

from notifications.seed import seed_consent_wordings

PANELS = [
    {
        "slug": "disabled-people",
        "name": "Disabled People Panel",
        "order": 1,
        "summary": "Disabled people who advise the Combined Authority on how its plans affect disabled people.",
        "description": (
            "The Disabled People Panel is a group of disabled people who live in the City Region. "
            "They meet about six times a year. They tell political leaders and officers what works "
            "and what does not for disabled people, for example on buses, trains, jobs and housing. "
            "They look at plans early, so that problems are fixed before decisions are made. "
            "You do not need any experience of committees. Your own experience is what matters. "
            "We pay for your time and your travel, and we arrange the support you need to take part."
        ),
        "easy_read": (
            "This panel is a group of disabled people.\n"
            "They meet about 6 times a year.\n"
            "They tell leaders what is good and what is bad for disabled people.\n"
            "For example buses, trains, jobs and homes.\n"
            "You do not need to know about meetings.\n"
            "We pay you for your time.\n"
            "We help you take part."
        ),
    },
    {
        "slug": "race",
        "name": "Race Panel",
        "order": 2,
        "summary": "People from Black, Asian and other ethnic minority communities who advise on racial equality.",
        "description": (
            "The Race Panel brings together people from Black, Asian and other ethnic minority "
            "communities who live in the City Region. Members share their lived experience of "
            "racism and of services, and challenge leaders to make transport, jobs, skills and "
            "housing fairer. They meet about six times a year and are paid for their time. "
            "We arrange any support or adjustments you need."
        ),
        "easy_read": (
            "This panel is a group of people from Black, Asian and other ethnic minority communities.\n"
            "They meet about 6 times a year.\n"
            "They tell leaders how to make things fairer for everyone.\n"
            "We pay you for your time.\n"
            "We help you take part."
        ),
    },
    {
        "slug": "gender",
        "name": "Gender Panel",
        "order": 3,
        "summary": "Women, non-binary and trans people who advise on gender equality.",
        "description": (
            "The Gender Panel brings together women, non-binary and trans people who live in the "
            "City Region. Members tell leaders how plans affect people of different genders, for "
            "example on safety when travelling, caring responsibilities and work. They meet about "
            "six times a year and are paid for their time. We arrange any support you need."
        ),
        "easy_read": (
            "This panel is a group of women, non-binary and trans people.\n"
            "They meet about 6 times a year.\n"
            "They tell leaders how plans affect people of different genders.\n"
            "We pay you for your time.\n"
            "We help you take part."
        ),
    },
]


def seed_panels(apps=global_apps) -> None:
    Panel = apps.get_model("members", "Panel")
    for data in PANELS:
        # Only create: an administrator may have edited a seeded panel's words since.
        Panel.objects.get_or_create(slug=data["slug"], defaults=data)


ACCESS_CATALOGUE = [
    # (category, name, lead time in days, who arranges it, provision, quantity, long meeting minutes, quantity then)
    ("communication", "BSL interpreter", 21, "Coordinator, through the interpreting agency", "by_rule", 1, 60, 2),
    ("communication", "Lipspeaker", 21, "Coordinator, through the interpreting agency", "by_rule", 1, 60, 2),
    ("communication", "Speech-to-text reporter", 21, "Coordinator, through the agency", "by_rule", 1, 120, 2),
    ("communication", "Live captions", 7, "Coordinator", "once", 1, None, None),
    ("communication", "Hearing loop", 7, "The venue", "once", 1, None, None),
    ("communication", "Large print papers", 7, "Coordinator", "per_person", 1, None, None),
    ("communication", "Easy read papers", 14, "Coordinator", "per_person", 1, None, None),
    (
        "communication",
        "Braille papers",
        14,
        "Coordinator, through the transcription service",
        "per_person",
        1,
        None,
        None,
    ),
    ("communication", "Audio papers", 14, "Coordinator", "per_person", 1, None, None),
    ("communication", "Papers in advance", 7, "Coordinator", "per_person", 1, None, None),
    ("physical", "Step-free access", 7, "The venue", "once", 1, None, None),
    ("physical", "Accessible toilet", 7, "The venue", "once", 1, None, None),
    ("physical", "Parking space", 7, "The venue", "per_person", 1, None, None),
    ("physical", "Specific seating", 3, "Coordinator", "per_person", 1, None, None),
    ("physical", "Rest breaks", 0, "The chair", "once", 1, None, None),
    ("sensory_cognitive", "Quiet room", 7, "The venue", "once", 1, None, None),
    ("sensory_cognitive", "Lighting", 7, "The venue", "per_person", 1, None, None),
    ("sensory_cognitive", "Extra time", 0, "The chair", "per_person", 1, None, None),
    ("sensory_cognitive", "Reminders", 0, "Coordinator", "per_person", 1, None, None),
    ("support", "Personal assistant or carer attending", 7, "Coordinator", "per_person", 1, None, None),
    ("support", "Assistance dog", 7, "The venue", "per_person", 1, None, None),
    ("support", "Something else", 7, "Coordinator", "per_person", 1, None, None),
    ("dietary", "Dietary needs", 7, "Coordinator, with the caterer", "per_person", 1, None, None),
    ("online", "Phone dial-in", 2, "Coordinator", "once", 1, None, None),
    ("online", "Captions online", 2, "Coordinator", "once", 1, None, None),
    ("online", "Camera off", 0, "The chair", "per_person", 1, None, None),
]


def seed_access_catalogue(apps=global_apps) -> None:
    """The starting catalogue. Administrators change it afterwards; an item already there is left as
    they made it."""
    Item = apps.get_model("members", "AccessNeedItem")
    for order, (category, name, lead, who, provision, quantity, long_minutes, long_quantity) in enumerate(
        ACCESS_CATALOGUE
    ):
        Item.objects.get_or_create(
            name=name,
            defaults={
                "category": category, "lead_time_days": lead, "who_acts": who, "provision": provision,
                "quantity": quantity, "long_meeting_minutes": long_minutes, "long_meeting_quantity": long_quantity,
                "order": order,
            },
        )  # fmt: skip


def seed_reference_data(apps=global_apps) -> None:
    seed_panels(apps)
    seed_access_catalogue(apps)
    seed_site(apps)
    seed_consent_wordings(apps)


def seed_site(apps=global_apps) -> None:
    """allauth puts the site's name and address in its messages."""
    from urllib.parse import urlsplit

    from django.conf import settings

    Site = apps.get_model("sites", "Site")
    domain = urlsplit(settings.SITE_URL).netloc or "127.0.0.1:8000"
    Site.objects.update_or_create(pk=settings.SITE_ID, defaults={"domain": domain, "name": settings.SITE_NAME})
