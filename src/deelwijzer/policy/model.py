"""The values the decision point reads and returns: frozen, slotted dataclasses, no behaviour.

Everything here is plain Python so that services, the log, the API and the benchmark can build
and read them without Django. Identifiers are the covenant's own ids (partner, purpose, data
category, step); subjects and consents are referred to by the ids the services give them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Action(StrEnum):
    """What the actor wants to do with the data (a processing, AVG art. 4(2))."""

    RECORD = "record"
    VIEW = "view"
    DISCLOSE = "disclose"
    COPY_TO_OWN_DOSSIER = "copy"
    EXPORT = "export"
    ERASE = "erase"


class CaseRole(StrEnum):
    """K3: the role a participant has in a case (001 Bijlage 2; 003 art. 7.2)."""

    CASE_HOLDER = "case_holder"
    CONTENT = "content"
    ADVISER = "adviser"
    INFORMANT = "informant"
    OTHER = "other"


class JustificationKind(StrEnum):
    """The no-consent bases of S4/S7 (003 art. 9; 001 protocol 6.4e)."""

    CONFLICT_OF_DUTIES = "conflict_of_duties"  # conflict van plichten / goed hulpverlenerschap
    VITAL_INTEREST = "vital_interest"  # vitaal belang (003 art. 9.2)
    LEGAL_DUTY = "legal_duty"  # a statutory duty or power that still asks a weighing


# The questions of 003 art. 9.3 a-h; a no-consent justification answers all of them (S7).
WEIGHING_QUESTIONS: tuple[str, ...] = ("a", "b", "c", "d", "e", "f", "g", "h")



# P5: the roles that work with clients' data. The team coordinator keeps a monitoring summary
# only (001 protocol 4.3); partner and system administrators manage accounts and the covenant;
# the privacy officer works through the privacy office's own services (erasure, rights).
CARE_ROLES: frozenset[str] = frozenset({"professional", "case_director", "chair"})


@dataclass(frozen=True, slots=True)
class Actor:
    professional_id: str
    partner: str
    roles: frozenset[str]
    vog_valid: bool  # P2: a VOG not older than three years (or the partner's screening)
    declaration_signed: bool  # P3: the confidentiality declaration (shell partners)
    case_role: CaseRole | None  # None: not involved in the case (P4)


@dataclass(frozen=True, slots=True)
class Subject:
    subject_id: str
    birth_date: dt.date
    representatives: tuple[str, ...]  # subject ids of parents with authority, guardian


@dataclass(frozen=True, slots=True)
class ConsentRecord:
    consent_id: str
    subject_id: str
    given_by: frozenset[str]  # subject ids: the child itself and/or its representatives
    purpose: str
    categories: frozenset[str]
    recipients: frozenset[str]
    valid_from: dt.date
    valid_until: dt.date | None
    withdrawn_on: dt.date | None  # from this day on, no further disclosure (001 protocol 6.4d)
    written: bool  # recorded in writing by the partner that obtained it (6.4c)
    active_act: bool  # given by an active act (003 art. 7.5)


@dataclass(frozen=True, slots=True)
class Justification:
    """A recorded weighing for processing without consent (S7, 003 art. 9.3-9.4).

    ``answers`` holds the answers to questions "a".."h" of 003 art. 9.3. A vital interest also
    needs ``vital_motivation`` (the field, or the key "vital_motivation" in ``answers``): the
    "extra zware motivatie" of 003 art. 9.2.
    """

    kind: str  # a JustificationKind value; anything else is refused
    answers: Mapping[str, str] = field(hash=False)
    functionary: str = ""  # who was consulted (003 art. 9.4)
    why_no_consent: str = ""  # why consent could not be asked or obtained (9.4)
    recipients: frozenset[str] = frozenset()  # to whom (9.4)
    categories: frozenset[str] = frozenset()  # which data (9.4)
    client_informed_on: dt.date | None = None  # whether and when the client was informed (9.4)
    inform_by: dt.date | None = None  # ... or when that will happen at the latest (T4)
    vital_motivation: str = ""


@dataclass(frozen=True, slots=True)
class OnRecord:
    """What is on record for this processing: the bases and facts the policy weighs."""

    consents: tuple[ConsentRecord, ...] = ()
    justification: Justification | None = None
    legal_duty: str | None = None  # a statutory duty to provide, e.g. "Jeugdwet art. 7.3.11 lid 4"
    informed: bool = False  # the subject was informed (K7, T1)
    contributor: str | None = None  # the partner that contributed the data (K5)
    contributor_permission: bool = False  # ... and agreed to this use (K5)
    police_origin_purpose: str | None = None  # S11: police data given for this purpose
    origin_purpose: str | None = None  # S2: the purpose the data was obtained for
    own_work: bool = False  # P4, K6: the actor recorded this itself, or it is assigned to it


@dataclass(frozen=True, slots=True)
class DecisionRequest:
    actor: Actor
    action: Action
    subject: Subject
    categories: frozenset[str]
    purpose: str
    step: str | None
    ground: str | None  # the AVG art. 6(1) ground the actor's partner relies on, e.g. "6.1.e"
    recipient: str | None  # the receiving partner (DISCLOSE, EXPORT; COPY defaults to own)
    on_record: OnRecord
    today: dt.date
    # C5/K7: the partner that keeps the case dossier (the case director's partner); None when
    # unknown, which counts as "not the actor's partner".
    dossier_holder: str | None = None


@dataclass(frozen=True, slots=True)
class Reason:
    rule: str  # DOMAIN.md id, e.g. "S4"
    code: str  # e.g. "secrecy_needs_consent"; see deelwijzer.policy.codes
    allowed: bool  # True: supports the decision; False: blocks it
    articles: tuple[str, ...]  # covenant article ids, the one to cite first
    params: Mapping[str, str] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, slots=True)
class Condition:
    code: str  # e.g. "inform_client" (T4)
    due: dt.date | None
    params: Mapping[str, str] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    reasons: tuple[Reason, ...]
    conditions: tuple[Condition, ...]
    covenant_version: str

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """The DOMAIN rule ids of the reasons, each once, in order."""
        return tuple(dict.fromkeys(r.rule for r in self.reasons))

    @property
    def refusals(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if not r.allowed)
