"""The choices of the persons models, importable by views, forms and the API (no personal data)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentMethod(models.TextChoices):
    """S5 (003 art. 7.5; 001 protocol 6.4c): consent is given by an active act and recorded in
    writing by the partner that obtained it."""

    SIGNED_FORM = "signed_form", _("signed consent form")
    DIGITAL = "digital", _("confirmed digitally (e-mail, client portal)")
    ORAL_CONFIRMED = "oral_confirmed", _("said in a conversation and confirmed in writing")


class JustificationKindChoice(models.TextChoices):
    """The values of ``deelwijzer.policy.JustificationKind`` (S4, S7)."""

    CONFLICT_OF_DUTIES = "conflict_of_duties", _("conflict of duties")
    VITAL_INTEREST = "vital_interest", _("vital interest")
    LEGAL_DUTY = "legal_duty", _("statutory power that asks a weighing")


class InformingAbout(models.TextChoices):
    """What the person was informed about (T1, K4, T4, K7)."""

    PROCESSING = "processing", _("the processing of their data (what, why, who, rights)")
    CONSULTATION = "consultation", _("a consultation held without them")
    DISCLOSURE = "disclosure", _("a disclosure without consent")
    OWN_DOSSIER = "own_dossier", _("a copy into our own dossier")


class InformingTiming(models.TextChoices):
    """T4 (004 rule 2): beforehand; afterwards only if unavoidable."""

    BEFORE = "before", _("beforehand")
    AFTER = "after", _("afterwards")


class InformingMethod(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    PHONE = "phone", _("by phone")
    LETTER = "letter", _("by letter")
    LEAFLET = "leaflet", _("with the leaflet")
    EMAIL = "email", _("by e-mail")
    EXCEPTION = "exception", _("not informed: AVG art. 23 exception")


class RemarkKind(models.TextChoices):
    """K8: what the family adds beside a dossier item, or the subject's own statement."""

    REACTION = "reaction", _("reaction")
    CORRECTION = "correction", _("correction of a factual error")
    OWN_STATEMENT = "own_statement", _("own statement")


# 003 art. 9.3 questions a-h, as the form asks them (S7).
WEIGHING_LABELS = {
    "a": _("a. Is it really impossible and irresponsible, given everyone's safety, to talk and "
           "ask consent? If so, did you try hard enough to get it?"),
    "b": _("b. Which weighty (vital) interest of the client or another do you serve by "
           "sharing?"),
    "c": _("c. Is this really necessary?"),
    "d": _("d. Can that interest be served without sharing the data? (subsidiarity)"),
    "e": _("e. Does the safety of the client or another outweigh the client's interest in "
           "secrecy? (proportionality)"),
    "f": _("f. What does the other professional need to know to really improve the situation? "
           "(as much as necessary, as little as possible)"),
    "g": _("g. Why do you deviate from the route (or why not, where that was obvious)?"),
    "h": _("h. How does the client's dependent or vulnerable position weigh? (a child's "
           "interests weigh heavily)"),
}
