"""The covenant as data: the pydantic schema of a covenant YAML file.

Pure Python (no Django): the loader, the validator command, the documents and the policy
compiler all read these models. Unknown keys are refused everywhere, so a typo never passes.
The cross-checks that need the whole file (references resolve, every recipient has a ground,
special categories name their exception and the partners that may receive them, dates are
consistent) live in ``crosscheck.py``.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Identifier = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]*$", min_length=1, max_length=64)
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
RuleId = Annotated[str, StringConstraints(pattern=r"^[A-Z][0-9]{1,2}$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PartnerKind(StrEnum):
    CORE = "core"  # kernpartner: sits at every consultation
    SHELL = "shell"  # schilpartner: joins per case, signs a confidentiality declaration


class AvgGround(StrEnum):
    """AVG art. 6(1) grounds."""

    CONSENT = "6.1.a"
    CONTRACT = "6.1.b"
    LEGAL_OBLIGATION = "6.1.c"
    VITAL_INTEREST = "6.1.d"
    PUBLIC_TASK = "6.1.e"
    LEGITIMATE_INTEREST = "6.1.f"


class CategoryKind(StrEnum):
    GENERAL = "general"
    SPECIAL = "special"  # AVG art. 9
    CRIMINAL = "criminal"  # AVG art. 10
    BSN = "bsn"  # citizen service number, UAVG art. 46
    KNOWN_TO_PARTNER = "known_to_partner"  # buitenkant-informatie


class Sensitivity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    VERY_HIGH = "very_high"


class DocumentKind(StrEnum):
    COVENANT = "covenant"  # samenwerkingsovereenkomst / convenant
    PROTOCOL = "protocol"  # privacyprotocol / privacyreglement
    ANNEX = "annex"  # bijlage


class GovernanceLevel(StrEnum):
    STRATEGIC = "strategic"
    TACTICAL = "tactical"
    OPERATIONAL = "operational"


# --- partnership ---------------------------------------------------------------------------


class GovernanceBody(Strict):
    id: Identifier
    name: Text
    level: GovernanceLevel
    members: list[Identifier] = Field(default_factory=list, description="partner ids")
    tasks: Text | None = None


class TeamCoordinator(Strict):
    partner: Identifier
    description: Text | None = None


class Accession(Strict):
    """C9: who may join, and when."""

    open: bool
    after_evaluation: bool = Field(
        True, description="a new partner joins only after the (first) evaluation date"
    )
    conditions: list[Text] = Field(default_factory=list)
    articles: list[Identifier] = Field(default_factory=list)


class Termination(Strict):
    notice_months: int = Field(ge=0)
    text: Text
    articles: list[Identifier] = Field(default_factory=list)


class Disputes(Strict):
    procedure: Text
    articles: list[Identifier] = Field(default_factory=list)


class Partnership(Strict):
    id: Identifier
    name: Text
    region: Text
    lead_partner: Identifier
    governance_bodies: list[GovernanceBody] = Field(min_length=1)
    team_coordinator: TeamCoordinator
    start: dt.date
    end: dt.date | None = None
    duration_months: int | None = Field(None, ge=1)
    evaluation_dates: list[dt.date] = Field(min_length=1)
    accession: Accession
    termination: Termination
    disputes: Disputes
    joint_dossier: bool = Field(False, description="C5: a joint dossier only if agreed")
    case_criteria: list[Text] = Field(
        default_factory=list, description="K1: which cases the partnership discusses"
    )


# --- partners ------------------------------------------------------------------------------


class Address(Strict):
    street: Text
    postal_code: Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]{3} ?[A-Z]{2}$")]
    city: Text


class Signatory(Strict):
    name: Text
    function: Text


class StatutoryTask(Strict):
    description: Text
    legal_basis: Text


class SecrecyRegime(Strict):
    name: Text  # e.g. "Beroepsgeheim jeugdhulpverlener"
    basis: Text  # e.g. "Jeugdwet art. 7.3.11"


class Retention(Strict):
    years: int = Field(ge=0, le=115)
    applies_to: Text
    basis: Text


class BusinessContact(Strict):
    name: Text
    function: Text | None = None
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    phone: Text | None = None


class ComplaintProcedure(Strict):
    description: Text
    url: Text | None = None


class SpecialCategoryGrant(Strict):
    """S3: one special (AVG 9) or criminal (AVG 10) category a partner may receive and hold,
    with the provision of its statutory task that allows it."""

    category: Identifier = Field(description="a data category of kind special or criminal")
    basis: Text = Field(
        description="the provision that lets this partner process it, e.g. 'Wet politiegegevens "
        "art. 20' or 'BW art. 7:457 (WGBO) jo. UAVG art. 30 lid 3'"
    )


class Partner(Strict):
    id: Identifier
    name: Text
    short_name: Text | None = None
    kind: PartnerKind
    controller: Text = Field(description="the legal entity that is controller (C5)")
    address: Address
    signatory: Signatory
    statutory_tasks: list[StatutoryTask] = Field(min_length=1)
    avg_ground: AvgGround
    secrecy: list[SecrecyRegime] = Field(default_factory=list)
    special_categories: list[SpecialCategoryGrant] = Field(
        default_factory=list,
        description=(
            "S3: the special and criminal categories this partner may receive and hold, each "
            "with its legal basis; closed world: a partner that lists none receives none"
        ),
    )
    police_data: Text | None = Field(
        default=None,
        description=(
            "S11: the partner provides police data, under this article (e.g. Wet politiegegevens "
            "art. 20); its data keeps the purpose it was given for, through every copy"
        ),
    )
    retention: list[Retention] = Field(min_length=1)
    privacy_contact: BusinessContact
    complaint_procedure: ComplaintProcedure


# --- data, purposes, steps -----------------------------------------------------------------


class DataCategory(Strict):
    id: Identifier
    name: Text
    kind: CategoryKind
    sensitivity: Sensitivity
    description: Text | None = None
    exception: Text | None = Field(
        None, description="the legal exception allowing special (AVG 9) or criminal (AVG 10) data"
    )


class RecipientGround(Strict):
    """The ground on which one partner receives data for a purpose."""

    partner: Identifier
    ground: AvgGround
    basis: Text = Field(description="the statutory task or provision, e.g. 'Jeugdwet art. 2.3'")


class Purpose(Strict):
    id: Identifier
    name: Text
    description: Text
    recipients: list[RecipientGround] = Field(min_length=1)
    categories: list[Identifier] = Field(min_length=1)
    compatible_with: list[Identifier] = Field(default_factory=list)
    research: bool = Field(False, description="C11: research purposes need a DPIA")
    dpia: Text | None = None
    articles: list[Identifier] = Field(default_factory=list)


class Step(Strict):
    id: Identifier
    name: Text
    purpose: Identifier
    activities: list[Text] = Field(min_length=1)
    record: list[Identifier] = Field(default_factory=list, description="categories to record")
    share: list[Identifier] = Field(default_factory=list, description="categories to share")
    articles: list[Identifier] = Field(default_factory=list)


# --- consent, deadlines, articles ----------------------------------------------------------


class ConsentRules(Strict):
    """S5, S6: defaults follow 003 art. 8 (under 12 representatives; 12-15 both; 16+ alone)."""

    representatives_only_below: int = Field(12, ge=0, le=18)
    child_alone_from: int = Field(16, ge=0, le=18)
    written: bool = True
    articles: list[Identifier] = Field(default_factory=list)


class RightsDeadline(Strict):
    """R3: one month plus two months' extension (001), or four weeks (003)."""

    months: int | None = Field(1, ge=0)
    weeks: int | None = Field(None, ge=0)
    extension_months: int = Field(2, ge=0)
    objection_weeks: int = Field(4, ge=0)

    @model_validator(mode="before")
    @classmethod
    def _weeks_replace_default_months(cls, data: Any) -> Any:
        """``weeks`` alone means "four weeks", not "one month and four weeks"."""
        if isinstance(data, dict) and data.get("weeks") is not None and "months" not in data:
            return {**data, "months": None}
        return data


class BreachDeadlines(Strict):
    partner_notice_hours: int = Field(24, ge=1)
    authority_hours: int = Field(72, ge=1)


class Deadlines(Strict):
    rights_request: RightsDeadline = RightsDeadline()
    breach: BreachDeadlines = BreachDeadlines()


class Article(Strict):
    id: Identifier
    document: DocumentKind
    number: Annotated[str, StringConstraints(pattern=r"^[0-9]+[0-9a-z.]*$")]
    title: Text
    text: Text
    part_of: Identifier | None = Field(
        None,
        description=(
            "id of the enclosing article when this entry repeats one paragraph or letter of it "
            "(e.g. protocol 6.4b inside 6.4 inside 6), so decisions can cite it precisely; "
            "documents render only entries without part_of, since the parent holds the text"
        ),
    )


class Covenant(Strict):
    format: int = Field(description="format version of this file; currently 1")
    version: Text = Field(description="the version label of this covenant text, e.g. '2026.1'")
    partnership: Partnership
    partners: list[Partner] = Field(min_length=1)
    data_categories: list[DataCategory] = Field(min_length=1)
    purposes: list[Purpose] = Field(min_length=1)
    steps: list[Step] = Field(min_length=1)
    consent: ConsentRules = ConsentRules()
    deadlines: Deadlines = Deadlines()
    rule_articles: dict[RuleId, list[Identifier]] = Field(
        default_factory=dict,
        description="DOMAIN rule id -> the articles of this covenant it rests on",
    )
    articles: list[Article] = Field(min_length=1)

    # Lookups (not validated input; computed on demand).
    def partner(self, partner_id: str) -> Partner:
        return next(p for p in self.partners if p.id == partner_id)

    def article(self, article_id: str) -> Article:
        return next(a for a in self.articles if a.id == article_id)

    def category(self, category_id: str) -> DataCategory:
        return next(c for c in self.data_categories if c.id == category_id)

    def purpose(self, purpose_id: str) -> Purpose:
        return next(p for p in self.purposes if p.id == purpose_id)
