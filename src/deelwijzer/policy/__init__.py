"""The decision point: pure Python, no Django, no apps, not even the covenant schema.

Every processing of personal data asks ``decide(index, request)`` first; the answer says whether
it may happen, the reasons (DOMAIN rule ids with the covenant articles they rest on) and the
conditions attached. ``explain`` turns a reason into one plain Dutch or English sentence.
The index comes from ``deelwijzer.covenant.compiled.compile_covenant``. The rules and how each
is read are documented in ``deelwijzer.policy.decide``.
"""

from deelwijzer.policy.age import age_on
from deelwijzer.policy.codes import CODES, CONDITIONS
from deelwijzer.policy.decide import decide
from deelwijzer.policy.explain import citation, explain, explain_condition
from deelwijzer.policy.index import AVG_GROUNDS, CovenantIndex
from deelwijzer.policy.model import (
    CARE_ROLES,
    WEIGHING_QUESTIONS,
    Action,
    Actor,
    CaseRole,
    Condition,
    ConsentRecord,
    Decision,
    DecisionRequest,
    Justification,
    JustificationKind,
    OnRecord,
    Reason,
    Subject,
)

__all__ = [
    "AVG_GROUNDS",
    "CARE_ROLES",
    "CODES",
    "CONDITIONS",
    "WEIGHING_QUESTIONS",
    "Action",
    "Actor",
    "CaseRole",
    "Condition",
    "ConsentRecord",
    "CovenantIndex",
    "Decision",
    "DecisionRequest",
    "Justification",
    "JustificationKind",
    "OnRecord",
    "Reason",
    "Subject",
    "age_on",
    "citation",
    "decide",
    "explain",
    "explain_condition",
]
