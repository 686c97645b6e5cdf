"""The decision point: ``decide(index, request) -> Decision``.

Closed world: whatever the covenant does not name (partner, purpose, category, step, ground,
action, justification kind) is refused with a reason. A decision is refused when any check
blocks; a refused decision carries only its blocking reasons, an allowed one carries the reasons
it rests on and the conditions attached. Every reason names its DOMAIN rule and the covenant
articles for that rule (``CovenantIndex.code_articles``).

The checks, in order, with the interpretation chosen for each rule:

Who may act
- P2 (001 protocol 6.3): no valid VOG, no processing at all.
- P3 (001 protocol 6.1-6.2; 002 "omvang"): staff of a shell partner act only with a signed
  confidentiality declaration; core-partner staff are bound by the protocol itself.
- P5 roles (001 protocol 4.3; 003 art. 12.3): only the care roles (``CARE_ROLES``: professional,
  case director, chair) process clients' data. The team coordinator, partner and system
  administrators never do; the privacy officer only erases (R1) through the privacy office.
- P4 need to know (003 art. 12.3, "registratiesysteem"; 001 protocol 3.2): an actor without a
  role in the case (``case_role`` None) may RECORD data of its own partner (contributor empty or
  its own partner), e.g. a signal before a case exists; and it may VIEW or DISCLOSE what it
  recorded itself (``own_work``), for the purpose it recorded it for (the origin purpose), and
  nothing else. The case role comes from the case, never from a default.
  An informant (K3) gives information and sees nothing else: it may RECORD and DISCLOSE its own
  partner's data only, and VIEW only its own work (``own_work``: what it contributed itself, the
  actions assigned to it, K6); never COPY or EXPORT, nor pass on others' data. ERASE is for the
  case holder or a privacy officer, and only of data its own partner controls (C5; R2: the
  controller decides).

Identifiers (S1: 001 protocol 3, 5; 003 art. 4); any unknown id ends the decision here
- The actor's partner, the recipient, the contributor and the dossier holder must be partners;
  the purpose, the origin purpose (S2) and the police purpose (S11) must be purposes; the step a
  step; every category a category; the action an ``Action``; the ground present and an
  AVG art. 6(1) ground. A request without categories is refused (necessity cannot be checked).

S1 purpose, ground and necessity
- The actor's partner must take part in the purpose (be one of its ``recipients``, which is
  where the covenant gives each partner its ground), and ``ground`` must be the ground the
  covenant gives that partner for that purpose. Two statutory alternatives are accepted: 6.1.c
  (legal obligation) when ``on_record.legal_duty`` names the duty, and 6.1.d (vital interest)
  with a vital-interest justification (003 art. 9.2). Consent (6.1.a) is not accepted as a
  substitute ground: in a partnership consent is seldom a basis (002 "grondslagen").
- Every category must be one of the purpose's categories. With a step: the step must belong
  to the purpose; RECORD and COPY only what the step records, DISCLOSE and EXPORT only what it
  shares, VIEW what it records or shares; ERASE is not limited by the step.

S2 purpose binding (004 rule 6; 002 "verder gebruik"; 003 art. 6.7)
- Data obtained for ``origin_purpose`` may be used for another ``purpose`` only when the new
  purpose lists the origin in its ``compatible_with``: the list on a purpose names the purposes
  whose data it may use. The relation is directed, not symmetric (monitoring may use safety
  data; safety work may not use monitoring data unless it says so), because 002 weighs the
  sensitivity and consequences, which differ per direction.

S3 special, criminal and BSN data (002; 003 art. 4; AVG 9, 10; UAVG 46)
- A special, criminal or BSN category must name its legal exception in the covenant, and the
  purpose must include it (refused under S3, not S1, when it does not). "BSN only for partners
  with a statutory task" is checked as "BSN only where the purpose lists it": every covenant
  partner has a statutory task, so the purpose's category list is what decides.
- Special and criminal data only reach a partner whose statutory task allows it (002
  "gemeenschappelijk doel": "alleen ... als de Wbp en andere wetgeving dat uitdrukkelijk
  toestaan"; 002 "geheimhouding": a GGD may not tell a housing corporation a diagnosis). The
  covenant lists per partner the special and criminal categories it may receive and hold, each
  with its basis (``partner_special``); a partner that lists none may hold none. For every
  action but ERASE the partner that comes to hold or know the data must be allowed each special
  or criminal category of the request: the recipient for DISCLOSE and EXPORT, the actor's own
  partner for COPY (into its own dossier), RECORD and VIEW. Otherwise it is refused under S3
  (``special_not_for_recipient``) whatever is on record: a weighing (S7) or a legal duty lifts
  the discloser's secrecy, and consent is the discloser's basis too; neither gives the
  recipient a ground of its own to process such data, and in a partnership consent is seldom
  free (002 "grondslagen": the dependent position towards, e.g., a housing corporation). A
  covenant that lets a partner receive such data on explicit consent says so in that partner's
  list (e.g. basis "AVG art. 9 lid 2 onder a"). ERASE is not limited: erasing data is never a
  reason to keep it. "Known to partner" data (K9) and BSN are not special or criminal and are
  not checked here. A request without a recipient is refused under S9, not here.

S9 no more partners than needed (003 art. 9.5; 001 protocol 3.2)
- DISCLOSE and EXPORT name a recipient; COPY's recipient is the actor's own partner. The
  recipient must be one of the purpose's recipients, each of which has its ground there.

S11 police data (002 "verstrekking van politiegegevens"; Wpg art. 20)
- Data the police provided for a purpose is used for that purpose only: no compatible purpose
  either. The secrecy passes to the recipients, so sharing it on needs the S4 bases even when
  the actor's partner has no secrecy regime of its own.

K5 contributor control (001 Bijlage 2, spelregels casusoverleg)
- VIEW, DISCLOSE, COPY or EXPORT of data another partner contributed needs that partner's
  permission: nothing leaves the meeting, nor is read by another partner, without it.

K7 own-dossier copy (003 art. 12.1, 12.4; 001 covenant 8.4)
- The dossier holder (the case director's partner, C5) may copy into its dossier: that is where
  shared data belongs, and no new party learns anything, so S4 does not apply. Any other
  partner first informs the subject (``informed``); if it has a secrecy regime (or the data is
  police data) it also needs consent or a legal duty. A no-consent justification does not
  cover a copy: 003 art. 12.4 asks consent, and conflict of duties is about disclosure in
  need, not about keeping copies. A partner without secrecy needs informing plus the S9 checks.

S4 secrecy (000 II.1; 002 "geheimhouding"; 001 protocol 6.4; 003 art. 6, 9)
- DISCLOSE, EXPORT and a non-holder COPY by a partner with a secrecy regime need one of:
  (a) a valid consent (S5, S6); (b) a legal duty on record; (c) a complete justification (S7,
  S8); (d) for "known to partner" data only, a lighter weighing (K9). The first that holds is
  the basis. Presumed consent within one treatment is not modelled (the request does not say
  who treats together), so it never applies.
- S5 (001 protocol 6.4 a-d; 003 art. 7): a consent counts when it is about this subject, for
  this purpose, covers every requested category and the recipient, is valid on the day
  (``valid_from`` <= today <= ``valid_until``), not withdrawn (withdrawn on or before today
  counts as withdrawn), given by an active act, and written (when the covenant asks written
  consent). Each consent must cover the whole request on its own: consents are not combined.
- S6 (003 art. 8, 15.3), with the covenant's numbers, on the age on the decision day
  (``age.age_on``): below ``representatives_only_below`` at least one representative consented;
  from there to below ``child_alone_from`` the child and at least one representative; from
  ``child_alone_from`` the subject personally (representatives alone do not suffice).
- S7 (003 art. 9.3-9.4; 001 protocol 6.4e): the justification's kind is known; answers "a" to
  "h" are all non-empty; ``functionary`` and ``why_no_consent`` are filled; its recipients and
  categories cover the request; a vital interest has ``vital_motivation`` (9.2: "extra zware
  motivatie"); and it says whether and when the client is informed: ``client_informed_on``, or
  ``inform_by`` not in the past. The decision then carries the T4 condition "inform the client"
  by ``inform_by`` (or notes the date the client was informed). Kind "legal_duty" stands for a
  statutory power that still asks the weighing (e.g. Jeugdwet 7.3.11 lid 4); a plain duty to
  provide is ``on_record.legal_duty`` and needs no weighing.
- S8 (003 art. 6.3): with good caregiving as the only basis (kind conflict_of_duties), special
  and criminal categories beyond those the justification lists are refused under S8 ("as little
  as possible"); general categories beyond it are refused under S7. For the other kinds every
  category beyond the justification is an S7 refusal.
- K9 (002 "geheimhouding": buitenkant-informatie): when every requested category is of kind
  known_to_partner, a secrecy holder may share without consent "only in exceptional cases,
  after weighing all interests whether sharing is unavoidable". That is a lighter record than
  S7: a justification of any known kind that says why consent is not possible and answers
  b (weighty interest), c (necessity), d (subsidiarity: unavoidable) and e (proportionality),
  and names the recipient. Questions a, f, g, h and the functionary are not required: f (the
  minimum) is met by the data itself. The T4 condition is attached when a date is given.

V4 (003 art. 4): every allowed DISCLOSE, EXPORT or non-holder COPY carries the reason
"disclosure_logged": the service logs it so the subject can learn who received what.

S13 (correct, complete, lawfully obtained data) is not decided here: the request carries
nothing to check it against.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from deelwijzer.policy.age import age_on
from deelwijzer.policy.index import LEGAL_OBLIGATION, VITAL_INTEREST, CovenantIndex
from deelwijzer.policy.model import (
    CARE_ROLES,
    WEIGHING_QUESTIONS,
    Condition,
    ConsentRecord,
    Decision,
    DecisionRequest,
    Justification,
    JustificationKind,
    Reason,
    Subject,
)

_RECORD = "record"
_VIEW = "view"
_DISCLOSE = "disclose"
_COPY = "copy"
_EXPORT = "export"
_ERASE = "erase"
_ACTIONS = frozenset({_RECORD, _VIEW, _DISCLOSE, _COPY, _EXPORT, _ERASE})
_NAMES_RECIPIENT = frozenset({_DISCLOSE, _EXPORT})
_SHARING = frozenset({_DISCLOSE, _COPY, _EXPORT})
_INFORMANT_MAY = frozenset({_RECORD, _DISCLOSE})
_AUTHOR_MAY = frozenset({_VIEW, _DISCLOSE})
_CASE_HOLDER = "case_holder"
_INFORMANT = "informant"
_PRIVACY_OFFICER = "privacy_officer"
_SHELL = "shell"
_CONFLICT = JustificationKind.CONFLICT_OF_DUTIES.value
_VITAL = JustificationKind.VITAL_INTEREST.value
_KINDS = frozenset(k.value for k in JustificationKind)
_K9_QUESTIONS = ("b", "c", "d", "e")
_NOTHING: frozenset[str] = frozenset()


def _reason(index: CovenantIndex, code: str, params: Mapping[str, str]) -> Reason:
    template = index.reasons[code]
    return Reason(template.rule, code, template.allowed, template.articles, params)


def _ids(values: frozenset[str]) -> str:
    return ", ".join(sorted(values))


def decide(index: CovenantIndex, request: DecisionRequest) -> Decision:
    """Decide one processing. Pure: same index and request, same decision."""
    reasons = index.reasons
    actor = request.actor
    partner = actor.partner
    action = request.action
    on_record = request.on_record
    refusals: list[Reason] = []

    # --- who may act: P2, P3 ---------------------------------------------------------------------
    if not actor.vog_valid:
        refusals.append(reasons["vog_invalid"])
    kind = index.partner_kinds.get(partner)
    if kind is None:
        refusals.append(_reason(index, "unknown_partner", {"partner": partner}))
    elif kind == _SHELL and not actor.declaration_signed:
        refusals.append(reasons["declaration_missing"])

    # --- identifiers: S1 closed world ------------------------------------------------------------
    purpose = request.purpose
    purpose_grounds = index.purpose_grounds.get(purpose)
    if purpose_grounds is None:
        refusals.append(_reason(index, "unknown_purpose", {"purpose": purpose}))
    if action not in _ACTIONS:
        refusals.append(_reason(index, "unknown_action", {"action": str(action)}))
    categories = request.categories
    if not categories:
        refusals.append(reasons["no_categories"])
    elif not categories <= index.categories:
        refusals.append(
            _reason(index, "unknown_category", {"categories": _ids(categories - index.categories)})
        )
    step = request.step
    if step is not None and step not in index.step_purpose:
        refusals.append(_reason(index, "unknown_step", {"step": step}))
    ground = request.ground
    if not ground:
        refusals.append(reasons["ground_missing"])
    elif ground not in index.grounds:
        refusals.append(_reason(index, "unknown_ground", {"ground": ground}))
    recipient = request.recipient
    if recipient is None and action == _COPY:
        recipient = partner
    partners = index.partners
    for other in (recipient, on_record.contributor, request.dossier_holder):
        if other is not None and other not in partners and other != partner:
            refusals.append(_reason(index, "unknown_partner", {"partner": other}))
    for other in (on_record.origin_purpose, on_record.police_origin_purpose):
        if other is not None and other not in index.purpose_grounds:
            refusals.append(_reason(index, "unknown_purpose", {"purpose": other}))
    if refusals or purpose_grounds is None:
        return Decision(False, tuple(refusals), (), index.version)

    supports: list[Reason] = [reasons["vog_valid"], reasons["purpose_and_ground"]]
    if kind == _SHELL:
        supports.append(reasons["declaration_signed"])
    conditions: tuple[Condition, ...] = ()

    # --- P4 need to know -------------------------------------------------------------------------
    role = actor.case_role
    contributor = on_record.contributor
    own_data = contributor is None or contributor == partner
    privacy_officer = _PRIVACY_OFFICER in actor.roles
    if not actor.roles & CARE_ROLES and not (action == _ERASE and privacy_officer):
        refusals.append(reasons["no_client_role"])
    elif action == _ERASE:
        if not own_data or (role != _CASE_HOLDER and not privacy_officer):
            refusals.append(reasons["erase_not_allowed"])
    elif role is None:
        own_record = (on_record.own_work and own_data and action in _AUTHOR_MAY
                      and on_record.origin_purpose in (None, purpose))
        if (action != _RECORD and not own_record) or not own_data:
            refusals.append(reasons["not_involved"])
    elif role == _INFORMANT and (not own_data or (
            action not in _INFORMANT_MAY and not (action == _VIEW and on_record.own_work))):
        refusals.append(reasons["informant_own_data_only"])
    if not refusals:
        supports.append(reasons["involved"])

    # --- S1 ground and necessity -----------------------------------------------------------------
    expected = purpose_grounds.get(partner)
    if expected is None:
        refusals.append(
            _reason(index, "partner_not_in_purpose", {"partner": partner, "purpose": purpose})
        )
    elif ground != expected and not (
        (ground == LEGAL_OBLIGATION and on_record.legal_duty)
        or (
            ground == VITAL_INTEREST
            and on_record.justification is not None
            and on_record.justification.kind == _VITAL
        )
    ):
        refusals.append(
            _reason(index, "ground_mismatch", {"ground": str(ground), "expected": expected})
        )
    purpose_categories = index.purpose_categories[purpose]
    if not categories <= purpose_categories:
        outside = categories - purpose_categories
        restricted_outside = outside & index.restricted_categories
        general_outside = outside - restricted_outside
        if general_outside:
            refusals.append(
                _reason(
                    index,
                    "category_not_in_purpose",
                    {"categories": _ids(general_outside), "purpose": purpose},
                )
            )
        if restricted_outside:
            bsn = frozenset(c for c in restricted_outside if index.category_kinds[c] == "bsn")
            if bsn:
                refusals.append(_reason(index, "bsn_not_in_purpose", {"purpose": purpose}))
            if restricted_outside - bsn:
                refusals.append(
                    _reason(
                        index,
                        "special_not_in_purpose",
                        {"categories": _ids(restricted_outside - bsn), "purpose": purpose},
                    )
                )
    if step is not None:
        if index.step_purpose[step] != purpose:
            refusals.append(
                _reason(index, "step_not_in_purpose", {"step": step, "purpose": purpose})
            )
        elif action != _ERASE:
            if action in (_RECORD, _COPY):
                allowed_here, code = index.step_record[step], "category_not_in_step_record"
            elif action == _VIEW:
                allowed_here, code = index.step_visible[step], "category_not_in_step"
            else:
                allowed_here, code = index.step_share[step], "category_not_in_step_share"
            if not categories <= allowed_here:
                refusals.append(
                    _reason(
                        index, code, {"categories": _ids(categories - allowed_here), "step": step}
                    )
                )

    # --- S3 special, criminal, BSN ---------------------------------------------------------------
    restricted = categories & index.restricted_categories
    if restricted:
        lacking = restricted - index.categories_with_exception
        if lacking:
            refusals.append(_reason(index, "no_legal_exception", {"categories": _ids(lacking)}))
        else:
            supports.append(reasons["special_exception"])
        special = restricted & index.special_or_criminal
        if special and action != _ERASE:
            # Who comes to hold or know the data: the recipient of a disclosure or export; the
            # actor's own partner for a copy into its own dossier, a record or a view.
            holder = recipient if action in _NAMES_RECIPIENT else partner
            if holder is not None:
                barred = special - index.partner_special.get(holder, _NOTHING)
                if barred:
                    refusals.append(
                        _reason(
                            index,
                            "special_not_for_recipient",
                            {"categories": _ids(barred), "partner": holder},
                        )
                    )
                else:
                    supports.append(reasons["special_for_recipient"])

    # --- S2 purpose binding, S11 police data -----------------------------------------------------
    origin = on_record.origin_purpose
    if origin is not None and origin != purpose:
        if (purpose, origin) in index.compatible:
            supports.append(
                _reason(index, "compatible_purpose", {"purpose": purpose, "origin": origin})
            )
        else:
            refusals.append(
                _reason(index, "incompatible_purpose", {"purpose": purpose, "origin": origin})
            )
    police = on_record.police_origin_purpose
    if police is not None:
        if police != purpose:
            refusals.append(
                _reason(index, "police_purpose_bound", {"purpose": purpose, "origin": police})
            )
        else:
            supports.append(reasons["police_purpose_kept"])

    # --- K5 contributor control --------------------------------------------------------------
    if not own_data and (action == _VIEW or action in _SHARING):
        assert contributor is not None
        if on_record.contributor_permission:
            supports.append(
                _reason(index, "contributor_permission", {"contributor": contributor})
            )
        else:
            refusals.append(
                _reason(index, "contributor_permission_missing", {"contributor": contributor})
            )

    if action in _SHARING:
        # --- S9 recipients -----------------------------------------------------------------------
        if recipient is None:
            refusals.append(reasons["recipient_missing"])
        elif recipient not in purpose_grounds:
            refusals.append(
                _reason(
                    index, "recipient_not_in_purpose", {"recipient": recipient, "purpose": purpose}
                )
            )
        else:
            supports.append(reasons["recipient_in_purpose"])

        # --- K7 own-dossier copy -----------------------------------------------------------------
        holder_copy = action == _COPY and request.dossier_holder == partner
        if action == _COPY:
            if holder_copy:
                supports.append(reasons["copy_by_dossier_holder"])
            elif on_record.informed:
                supports.append(reasons["copy_informed"])
            else:
                refusals.append(reasons["copy_not_informed"])

        # --- S4 secrecy --------------------------------------------------------------------------
        if not holder_copy and (partner in index.secrecy_partners or police is not None):
            conditions = _secrecy(index, request, recipient, supports, refusals)
        if not holder_copy:
            supports.append(reasons["disclosure_logged"])

    if refusals:
        return Decision(False, tuple(refusals), (), index.version)
    return Decision(True, tuple(supports), conditions, index.version)


def _secrecy(
    index: CovenantIndex,
    request: DecisionRequest,
    recipient: str | None,
    supports: list[Reason],
    refusals: list[Reason],
) -> tuple[Condition, ...]:
    """S4 with S5, S6, S7, S8 and K9: find the first basis that holds, else explain why not."""
    reasons = index.reasons
    on_record = request.on_record
    copy = request.action == _COPY

    # (a) consent
    best: list[Reason] | None = None
    for consent in on_record.consents:
        failures, age_reason = _consent(index, request, consent, recipient)
        if not failures:
            assert age_reason is not None
            supports.append(reasons["secrecy_consent"])
            supports.append(_reason(index, "consent_valid", {"consent": consent.consent_id}))
            supports.append(age_reason)
            return ()
        if best is None or len(failures) < len(best):
            best = failures

    # (b) legal duty
    if on_record.legal_duty:
        supports.append(_reason(index, "secrecy_legal_duty", {"duty": on_record.legal_duty}))
        return ()

    # (c) weighing without consent, (d) buitenkant-informatie
    justification = on_record.justification
    weighing: list[Reason] = []
    if justification is not None and not copy:
        weighing = _weighing(index, request, justification, recipient)
        if not weighing:
            supports.append(reasons["secrecy_justification"])
            supports.append(reasons["weighing_recorded"])
            if justification.kind == _CONFLICT:
                supports.append(reasons["minimal_sharing"])
            return _inform(justification)
        if request.categories <= index.known_to_partner:
            light = _light_weighing(index, justification, recipient)
            if not light:
                supports.append(reasons["known_to_partner_only"])
                return _inform(justification) if _has_inform_date(justification) else ()
            weighing = light

    refusals.append(reasons["copy_needs_consent" if copy else "secrecy_needs_consent"])
    if best:
        refusals.extend(best)
    refusals.extend(weighing)
    return ()


def _consent(
    index: CovenantIndex,
    request: DecisionRequest,
    consent: ConsentRecord,
    recipient: str | None,
) -> tuple[list[Reason], Reason | None]:
    """S5 and S6 for one consent: the reasons it does not count, and the age reason if it does."""
    failures: list[Reason] = []
    ref = {"consent": consent.consent_id}
    subject = request.subject
    today = request.today
    if consent.subject_id != subject.subject_id:
        failures.append(_reason(index, "consent_other_subject", ref))
    if consent.purpose != request.purpose:
        failures.append(
            _reason(
                index,
                "consent_other_purpose",
                {**ref, "origin": consent.purpose, "purpose": request.purpose},
            )
        )
    if not request.categories <= consent.categories:
        missing = _ids(request.categories - consent.categories)
        failures.append(
            _reason(index, "consent_categories_missing", {**ref, "categories": missing})
        )
    if recipient is not None and recipient not in consent.recipients:
        failures.append(
            _reason(index, "consent_recipient_missing", {**ref, "recipient": recipient})
        )
    if today < consent.valid_from:
        failures.append(
            _reason(index, "consent_not_yet_valid", {**ref, "date": consent.valid_from.isoformat()})
        )
    if consent.valid_until is not None and today > consent.valid_until:
        failures.append(
            _reason(index, "consent_expired", {**ref, "date": consent.valid_until.isoformat()})
        )
    if consent.withdrawn_on is not None and consent.withdrawn_on <= today:
        failures.append(
            _reason(index, "consent_withdrawn", {**ref, "date": consent.withdrawn_on.isoformat()})
        )
    if not consent.active_act:
        failures.append(_reason(index, "consent_not_active", ref))
    if index.consent_written and not consent.written:
        failures.append(_reason(index, "consent_not_written", ref))
    age_failure, age_reason = _age(index, subject, consent, today)
    if age_failure is not None:
        failures.append(age_failure)
    return failures, age_reason


def _age(
    index: CovenantIndex, subject: Subject, consent: ConsentRecord, today: dt.date
) -> tuple[Reason | None, Reason | None]:
    """S6: who must have given the consent at the subject's age today."""
    age = age_on(subject.birth_date, today)
    given_by = consent.given_by
    by_representative = not given_by.isdisjoint(subject.representatives)
    by_subject = subject.subject_id in given_by
    params = {"age": str(age), "consent": consent.consent_id}
    if age < index.representatives_only_below:
        if by_representative:
            return None, _reason(index, "consent_by_representative", params)
        return _reason(index, "consent_needs_representative", params), None
    if age < index.child_alone_from:
        if by_representative and by_subject:
            return None, _reason(index, "consent_by_child_and_representative", params)
        return _reason(index, "consent_needs_child_and_representative", params), None
    if by_subject:
        return None, _reason(index, "consent_by_subject", params)
    return _reason(index, "consent_needs_subject", params), None


def _filled(text: str | None) -> bool:
    return bool(text and text.strip())


def _weighing(
    index: CovenantIndex,
    request: DecisionRequest,
    justification: Justification,
    recipient: str | None,
) -> list[Reason]:
    """S7 and S8: the reasons the justification does not carry this request (empty: it does)."""
    failures: list[Reason] = []
    kind = justification.kind
    if kind not in _KINDS:
        failures.append(_reason(index, "justification_kind_unknown", {"kind": str(kind)}))
    answers = justification.answers
    missing = [q for q in WEIGHING_QUESTIONS if not _filled(answers.get(q))]
    if not _filled(justification.functionary):
        missing.append("functionary")
    if not _filled(justification.why_no_consent):
        missing.append("why_no_consent")
    if missing:
        failures.append(
            _reason(index, "justification_incomplete", {"missing": ", ".join(missing)})
        )
    if kind == _VITAL and not (
        _filled(justification.vital_motivation) or _filled(answers.get("vital_motivation"))
    ):
        failures.append(index.reasons["vital_motivation_missing"])
    if recipient is not None and recipient not in justification.recipients:
        failures.append(
            _reason(index, "justification_recipient_missing", {"recipient": recipient})
        )
    beyond = request.categories - justification.categories
    if beyond:
        if kind == _CONFLICT:
            special = beyond & index.special_or_criminal
            if special:
                failures.append(_reason(index, "beyond_minimum", {"categories": _ids(special)}))
            beyond = beyond - special
        if beyond:
            failures.append(
                _reason(index, "justification_categories_missing", {"categories": _ids(beyond)})
            )
    if justification.client_informed_on is None:
        if justification.inform_by is None:
            failures.append(index.reasons["inform_not_planned"])
        elif justification.inform_by < request.today:
            failures.append(
                _reason(
                    index, "inform_date_past", {"date": justification.inform_by.isoformat()}
                )
            )
    return failures


def _light_weighing(
    index: CovenantIndex, justification: Justification, recipient: str | None
) -> list[Reason]:
    """K9: the lighter weighing for buitenkant-informatie (empty: it holds)."""
    failures: list[Reason] = []
    if justification.kind not in _KINDS:
        failures.append(
            _reason(index, "justification_kind_unknown", {"kind": str(justification.kind)})
        )
    missing = [q for q in _K9_QUESTIONS if not _filled(justification.answers.get(q))]
    if not _filled(justification.why_no_consent):
        missing.insert(0, "why_no_consent")
    if missing:
        failures.append(
            _reason(index, "known_to_partner_weighing_missing", {"missing": ", ".join(missing)})
        )
    if recipient is not None and recipient not in justification.recipients:
        failures.append(
            _reason(index, "justification_recipient_missing", {"recipient": recipient})
        )
    return failures


def _has_inform_date(justification: Justification) -> bool:
    return justification.client_informed_on is not None or justification.inform_by is not None


def _inform(justification: Justification) -> tuple[Condition, ...]:
    """T4 (004 rule 2): inform the client afterwards, or note that it was done."""
    if justification.client_informed_on is not None:
        return (Condition("client_informed", justification.client_informed_on),)
    return (Condition("inform_client", justification.inform_by),)
