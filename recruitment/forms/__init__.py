"""The forms of recruitment, split by stage as its views and services are."""

from .decisions import (
    CutoffForm,
    DecisionForm,
    InterviewForm,
    InterviewScoreForm,
    ReleaseForm,
)
from .intake import (
    EASY_READ_ID,
    AboutYouForm,
    AnswerForm,
    AssistedApplicationForm,
    BalanceForm,
    CriterionForm,
    DateTimeInput,
    DeadlineForm,
    DeclarationForm,
    KeepInTouchForm,
    MonitoringForm,
    QuestionForm,
    RoundForm,
    WithdrawForm,
)
from .review import (
    ConflictForm,
    ModerationForm,
    RedactionForm,
    ReviewForm,
)
from .selection import (
    CHOOSE_LEAVER,
    ReplacementForm,
    SelectionDecisionForm,
    SelectionForm,
)

__all__ = [
    "AboutYouForm",
    "AnswerForm",
    "AssistedApplicationForm",
    "BalanceForm",
    "CHOOSE_LEAVER",
    "ConflictForm",
    "CriterionForm",
    "CutoffForm",
    "DateTimeInput",
    "DeadlineForm",
    "DecisionForm",
    "DeclarationForm",
    "EASY_READ_ID",
    "InterviewForm",
    "InterviewScoreForm",
    "KeepInTouchForm",
    "ModerationForm",
    "MonitoringForm",
    "QuestionForm",
    "RedactionForm",
    "ReleaseForm",
    "ReplacementForm",
    "ReviewForm",
    "RoundForm",
    "SelectionDecisionForm",
    "SelectionForm",
    "WithdrawForm",
]
