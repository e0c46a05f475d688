"""The forms of recruitment, split by stage as its views and services are."""

from .decisions import (
    CutoffForm,
    DecisionForm,
    ReleaseForm,
)
from .equality import PanelQuestionsForm, PopulationFiguresForm
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
from .interviews import (
    BookForm,
    DeclineForm,
    InterviewerForm,
    RearrangeForm,
    SlotForm,
    slot_label,
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
    "PanelQuestionsForm",
    "PopulationFiguresForm",
    "AboutYouForm",
    "AnswerForm",
    "AssistedApplicationForm",
    "BalanceForm",
    "BookForm",
    "CHOOSE_LEAVER",
    "ConflictForm",
    "CriterionForm",
    "CutoffForm",
    "DateTimeInput",
    "DeadlineForm",
    "DecisionForm",
    "DeclarationForm",
    "DeclineForm",
    "EASY_READ_ID",
    "InterviewerForm",
    "KeepInTouchForm",
    "ModerationForm",
    "MonitoringForm",
    "QuestionForm",
    "RearrangeForm",
    "RedactionForm",
    "ReleaseForm",
    "ReplacementForm",
    "ReviewForm",
    "RoundForm",
    "SelectionDecisionForm",
    "SelectionForm",
    "SlotForm",
    "WithdrawForm",
    "slot_label",
]
