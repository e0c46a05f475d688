"""Answer categories, harmonised with the 2021 Census in England where one exists.

Every monitoring question offers "Prefer not to say". These are plain choices, not models: the
categories are the standard, and reports must count like with like across rounds.
"""

from django.db import models

PREFER_NOT = ("prefer_not_to_say", "Prefer not to say")


class LocalAuthorityArea(models.TextChoices):
    HALTON = "halton", "Halton"
    KNOWSLEY = "knowsley", "Knowsley"
    LIVERPOOL = "liverpool", "Liverpool"
    SEFTON = "sefton", "Sefton"
    ST_HELENS = "st_helens", "St Helens"
    WIRRAL = "wirral", "Wirral"
    OUTSIDE = "outside", "Outside the City Region"


AGE_BANDS = [
    ("16_24", "16 to 24"),
    ("25_34", "25 to 34"),
    ("35_44", "35 to 44"),
    ("45_54", "45 to 54"),
    ("55_64", "55 to 64"),
    ("65_74", "65 to 74"),
    ("75_plus", "75 or over"),
]
SEX = [("female", "Female"), ("male", "Male")]
GENDER_SAME_AS_SEX = [("yes", "Yes"), ("no", "No")]
SEXUAL_ORIENTATION = [
    ("straight", "Straight or heterosexual"),
    ("gay_lesbian", "Gay or lesbian"),
    ("bisexual", "Bisexual"),
    ("other", "Other sexual orientation"),
]
ETHNICITY = [
    (
        "Asian, Asian British or Asian Welsh",
        [
            ("asian_bangladeshi", "Bangladeshi"),
            ("asian_chinese", "Chinese"),
            ("asian_indian", "Indian"),
            ("asian_pakistani", "Pakistani"),
            ("asian_other", "Any other Asian background"),
        ],
    ),
    (
        "Black, Black British, Black Welsh, Caribbean or African",
        [
            ("black_african", "African"),
            ("black_caribbean", "Caribbean"),
            ("black_other", "Any other Black, Black British or Caribbean background"),
        ],
    ),
    (
        "Mixed or Multiple ethnic groups",
        [
            ("mixed_white_asian", "White and Asian"),
            ("mixed_white_black_african", "White and Black African"),
            ("mixed_white_black_caribbean", "White and Black Caribbean"),
            ("mixed_other", "Any other Mixed or Multiple ethnic background"),
        ],
    ),
    (
        "White",
        [
            ("white_british", "English, Welsh, Scottish, Northern Irish or British"),
            ("white_irish", "Irish"),
            ("white_gypsy_traveller", "Gypsy or Irish Traveller"),
            ("white_roma", "Roma"),
            ("white_other", "Any other White background"),
        ],
    ),
    ("Other ethnic group", [("other_arab", "Arab"), ("other_any", "Any other ethnic group")]),
]
ETHNIC_GROUPS = [
    ("asian", "Asian, Asian British or Asian Welsh"),
    ("black", "Black, Black British, Black Welsh, Caribbean or African"),
    ("mixed", "Mixed or Multiple ethnic groups"),
    ("white", "White"),
    ("other", "Other ethnic group"),
]
DISABILITY = [
    ("yes_a_lot", "Yes, a lot"),
    ("yes_a_little", "Yes, a little"),
    ("no", "No"),
]
RELIGION = [
    ("none", "No religion"),
    ("christian", "Christian"),
    ("buddhist", "Buddhist"),
    ("hindu", "Hindu"),
    ("jewish", "Jewish"),
    ("muslim", "Muslim"),
    ("sikh", "Sikh"),
    ("other", "Any other religion"),
]
CARING = [
    ("no", "No"),
    ("up_to_9", "Yes, 9 hours a week or less"),
    ("10_to_19", "Yes, 10 to 19 hours a week"),
    ("20_to_34", "Yes, 20 to 34 hours a week"),
    ("35_to_49", "Yes, 35 to 49 hours a week"),
    ("50_plus", "Yes, 50 or more hours a week"),
]


def with_prefer_not(choices: list) -> list:
    return [*choices, PREFER_NOT]


# Questions a coordinator may choose to ask, with the applicant's consent, to help build a
# balanced panel. Kept apart from equality monitoring, which is never used for selection.
BALANCE_QUESTIONS = {
    "age_band": {"label": "How old are you?", "short": "Age", "choices": with_prefer_not(AGE_BANDS)},
    "ethnic_group": {
        "label": "What is your ethnic group?",
        "short": "Ethnic group",
        "choices": with_prefer_not(ETHNIC_GROUPS),
    },
    "disability": {
        "short": "Disability",
        "label": "Are your day-to-day activities limited because of a health problem or disability which has "
        "lasted, or is expected to last, at least 12 months?",
        "choices": with_prefer_not(DISABILITY),
    },
    "sex": {"label": "What is your sex?", "short": "Sex", "choices": with_prefer_not(SEX)},
    "caring": {
        "short": "Caring for someone",
        "label": "Do you look after, or give any help or support to, anyone because of long-term illness, "
        "disability or problems related to old age?",
        "choices": with_prefer_not(CARING),
    },
    "sexual_orientation": {
        "short": "Sexual orientation",
        "label": "Which of the following best describes your sexual orientation?",
        "choices": with_prefer_not(SEXUAL_ORIENTATION),
    },
}
BALANCE_QUESTION_CHOICES = [(key, spec["label"]) for key, spec in BALANCE_QUESTIONS.items()]
# What a panel may balance on unless an administrator chooses otherwise.
DEFAULT_BALANCE = ["age_band", "ethnic_group", "disability", "sex", "caring"]
# Never a balance target: selection shows each candidate's groups to the coordinator, and whether
# someone's gender differs from the sex they were registered with at birth is information the
# Gender Recognition Act 2004 (s.22) protects. It is asked, if at all, only as monitoring.
NEVER_BALANCE = {"gender_same_as_sex", "gender_history"}

# The monitoring questions a panel's rounds may ask, in the words of the 2021 Census in England
# (ONS), each answered or not as the person chooses, and each with "Prefer not to say".
MONITORING_QUESTIONS = {
    "age_band": "How old are you?",
    "sex": "What is your sex?",
    "gender_same_as_sex": "Is the gender you identify with the same as your sex registered at birth?",
    "sexual_orientation": "Which of the following best describes your sexual orientation?",
    "ethnicity": "What is your ethnic group?",
    "disability": "Are your day-to-day activities limited because of a health problem or disability which has "
    "lasted, or is expected to last, at least 12 months?",
    "religion": "What is your religion?",
    "caring": "Do you look after, or give any help or support to, anyone because of long-term illness, "
    "disability or problems related to old age?",
}

# Targets for a balanced panel are set on where people live and on the balance questions.
AREA = "area"
AREA_NAME = "Where they live"


def target_category_name(category: str) -> str:
    """A target's category in words: "Where they live", "Age"."""
    if category == AREA:
        return AREA_NAME
    spec = BALANCE_QUESTIONS.get(category)
    return spec["short"] if spec else category


def target_label(category: str, value: str) -> str:
    """A target in words, as coordinators read it: "Where they live: Halton", "Age: 16 to 24"."""
    choices = LocalAuthorityArea.choices if category == AREA else BALANCE_QUESTIONS.get(category, {}).get("choices", [])
    return f"{target_category_name(category)}: {dict(choices).get(value, value)}"
