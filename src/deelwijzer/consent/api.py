"""API for consent (S5, S6), the no-consent weighing (S7), informing (T1, T3, T4, K4) and K8
remarks: one class per operation, everything through the persons services."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from deelwijzer.accounts.models import Professional
from deelwijzer.api.errors import ERROR_RESPONSES, RefusalOutput
from deelwijzer.api.pagination import ListApi
from deelwijzer.api.renderers import FILE_RENDERERS
from deelwijzer.consent import selectors
from deelwijzer.consent import services as consent_services
from deelwijzer.persons import gateway
from deelwijzer.persons import selectors as persons_selectors
from deelwijzer.persons import services as persons
from deelwijzer.persons.choices import (
    ConsentMethod,
    InformingAbout,
    InformingMethod,
    InformingTiming,
    JustificationKindChoice,
    RemarkKind,
)
from deelwijzer.selectors import listing_of


def _key() -> serializers.RegexField:
    return serializers.RegexField(r"^[a-z0-9][a-z0-9._-]{0,63}$", max_length=64)


def _key_list() -> serializers.ListField:
    return serializers.ListField(child=serializers.RegexField(r"^[a-z0-9][a-z0-9._-]{0,63}$",
                                                              max_length=64),
                                 min_length=1, max_length=50)


def _user(request: Request) -> Professional:
    user = request.user
    assert isinstance(user, Professional)
    return user


def _person(request: Request, pk: int) -> Any:
    person = selectors.person_visible_to(_user(request), pk)
    if person is None:
        raise Http404
    return person


def _consent_data(consent: Any) -> dict[str, Any]:
    return {
        "id": consent.pk, "person": consent.person_id, "purpose": consent.purpose,
        "categories": consent.categories, "recipients": consent.recipients,
        "given_by": [p.pk for p in consent.given_by.all()], "given_on": consent.given_on,
        "valid_from": consent.valid_from, "valid_until": consent.valid_until,
        "method": consent.method, "told_withdrawable": consent.told_withdrawable,
        "has_evidence": bool(consent.evidence_size), "withdrawn_on": consent.withdrawn_on,
        "status": persons_selectors.consent_status(consent).code,
        "history": [{"kind": e.kind, "on": e.on, "by": e.by_id}
                    for e in getattr(consent, "history", None)
                    or persons_selectors.consent_events(consent)],
    }


class ConsentEventOutput(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=["given", "changed", "withdrawn"])
    on = serializers.DateField()
    by = serializers.IntegerField(help_text="the professional who recorded it")


class ConsentOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    person = serializers.IntegerField()
    purpose = serializers.CharField()
    categories = serializers.ListField(child=serializers.CharField())
    recipients = serializers.ListField(child=serializers.CharField())
    given_by = serializers.ListField(child=serializers.IntegerField())
    given_on = serializers.DateField(allow_null=True)
    valid_from = serializers.DateField()
    valid_until = serializers.DateField(allow_null=True)
    method = serializers.CharField(help_text="empty: not recorded")
    told_withdrawable = serializers.BooleanField()
    has_evidence = serializers.BooleanField()
    withdrawn_on = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=["valid", "withdrawn", "expired", "not_yet_valid"])
    history = ConsentEventOutput(many=True)


class ConsentListApi(ListApi):
    """The consents of a person, newest first, with status and history; a page of them."""

    @extend_schema(operation_id="consent_person_consents_list",
                   responses={200: ConsentOutput(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        person = _person(request, pk)
        return self.page(lambda window: persons_selectors.consents_listing(person, window),
                         lambda rows: ConsentOutput([_consent_data(c) for c in rows],
                                                    many=True).data)


class ConsentRecordApi(APIView):
    """Record a consent (S5, S6): scope, who gave it (checked against the age rule on the day),
    how, that the person was told it can be withdrawn, and the evidence."""

    class ConsentRecordInput(serializers.Serializer[Any]):
        person = serializers.IntegerField(min_value=1, max_value=2**62)
        given_by = serializers.ListField(child=serializers.IntegerField(min_value=1,
                                                                        max_value=2**62),
                                         min_length=1, max_length=10)
        purpose = _key()
        categories = _key_list()
        recipients = _key_list()
        given_on = serializers.DateField(required=False)
        valid_from = serializers.DateField()
        valid_until = serializers.DateField(required=False, allow_null=True)
        method = serializers.ChoiceField(choices=ConsentMethod.choices)
        told_withdrawable = serializers.BooleanField()
        evidence_name = serializers.CharField(required=False, max_length=200, default="")
        evidence_base64 = serializers.CharField(
            required=False, default="", max_length=7_000_000,
            help_text="the signed form, base64: PDF, JPEG or PNG, at most 5 MB")
        statement = serializers.CharField(required=False, default="", max_length=10_000,
                                          allow_blank=True)

    @extend_schema(operation_id="consent_record", request=ConsentRecordInput,
                   responses={201: ConsentOutput, **ERROR_RESPONSES})
    def post(self, request: Request) -> Response:
        data = self.ConsentRecordInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        professional = _user(request)
        person = _person(request, values["person"])
        family = {p.pk: p for p in persons_selectors.family_of(person)}
        if any(pk not in family for pk in values["given_by"]):
            raise gateway.InvalidPersonData("given_by", "not_subject_or_representative")
        evidence = None
        if values["evidence_base64"]:
            try:
                raw = base64.b64decode(values["evidence_base64"], validate=True)
            except (binascii.Error, ValueError):
                raise gateway.InvalidPersonData("evidence", "file_type") from None
            evidence = consent_services.Evidence(values["evidence_name"] or "bewijs", raw)
        consent = consent_services.consent_record(
            professional=professional, person=person,
            given_by=[family[pk] for pk in values["given_by"]], purpose=values["purpose"],
            categories=values["categories"], recipients=values["recipients"],
            valid_from=values["valid_from"], valid_until=values.get("valid_until"),
            given_on=values.get("given_on"), method=values["method"],
            told_withdrawable=values["told_withdrawable"], evidence=evidence,
            statement=values["statement"],
            context=selectors.context_for(professional, person, values["purpose"]))
        return Response(ConsentOutput(_consent_data(consent)).data,
                        status=status.HTTP_201_CREATED)


class ConsentWithdrawApi(APIView):
    """Withdraw a consent: from that day nothing more is disclosed on it (S5)."""

    class ConsentWithdrawInput(serializers.Serializer[Any]):
        on = serializers.DateField(required=False)

    @extend_schema(operation_id="consent_withdraw", request=ConsentWithdrawInput,
                   responses={200: ConsentOutput, **ERROR_RESPONSES})
    def post(self, request: Request, pk: int) -> Response:
        data = self.ConsentWithdrawInput(data=request.data)
        data.is_valid(raise_exception=True)
        professional = _user(request)
        consent = persons_selectors.consent_by_pk(pk)
        if consent is None or selectors.person_visible_to(professional, consent.person_id) is None:
            raise Http404
        consent_services.consent_withdraw(
            professional=professional, consent=consent, on=data.validated_data.get("on"),
            context=selectors.context_for(professional, consent.person, consent.purpose))
        return Response(ConsentOutput(_consent_data(consent)).data)


class JustificationOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    person = serializers.IntegerField()
    kind = serializers.CharField()
    purpose = serializers.CharField()
    recipients = serializers.ListField(child=serializers.CharField())
    categories = serializers.ListField(child=serializers.CharField())
    client_informed_on = serializers.DateField(allow_null=True)
    inform_by = serializers.DateField(allow_null=True)
    inform_exception = serializers.BooleanField()
    exception_review_on = serializers.DateField(allow_null=True)


def _justification_data(j: Any) -> dict[str, Any]:
    return {"id": j.pk, "person": j.person_id, "kind": j.kind, "purpose": j.purpose,
            "recipients": j.recipients, "categories": j.categories,
            "client_informed_on": persons_selectors.justification_informed_on(j),
            "inform_by": j.inform_by, "inform_exception": j.inform_exception,
            "exception_review_on": j.exception_review_on}


class JustificationRecordApi(APIView):
    """Record the weighing for sharing without consent (S7, 003 art. 9.3 a-h); disclosures of
    your organisation for this person, purpose and recipient then rest on it."""

    class JustificationRecordInput(serializers.Serializer[Any]):
        person = serializers.IntegerField(min_value=1, max_value=2**62)
        kind = serializers.ChoiceField(choices=JustificationKindChoice.choices)
        purpose = _key()
        recipients = _key_list()
        categories = _key_list()
        answers = serializers.DictField(
            child=serializers.CharField(max_length=5000, allow_blank=True),
            help_text="answers to questions a to h of 003 art. 9.3")
        why_no_consent = serializers.CharField(max_length=5000)
        functionary_name = serializers.CharField(max_length=200)
        functionary_function = serializers.CharField(max_length=200)
        vital_motivation = serializers.CharField(max_length=5000, required=False, default="",
                                                 allow_blank=True)
        client_informed_on = serializers.DateField(required=False, allow_null=True)
        inform_by = serializers.DateField(required=False, allow_null=True)
        inform_exception = serializers.BooleanField(required=False, default=False)
        exception_motivation = serializers.CharField(max_length=5000, required=False,
                                                     default="", allow_blank=True)
        exception_review_on = serializers.DateField(required=False, allow_null=True)

    @extend_schema(operation_id="consent_justification_record",
                   request=JustificationRecordInput,
                   responses={201: JustificationOutput, **ERROR_RESPONSES})
    def post(self, request: Request) -> Response:
        data = self.JustificationRecordInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        professional = _user(request)
        person = _person(request, v["person"])
        recorded = consent_services.justification_record(
            professional=professional, person=person, kind=v["kind"], purpose=v["purpose"],
            recipients=v["recipients"], categories=v["categories"], answers=v["answers"],
            why_no_consent=v["why_no_consent"], functionary_name=v["functionary_name"],
            functionary_function=v["functionary_function"],
            vital_motivation=v["vital_motivation"],
            client_informed_on=v.get("client_informed_on"), inform_by=v.get("inform_by"),
            inform_exception=v["inform_exception"],
            exception_motivation=v["exception_motivation"],
            exception_review_on=v.get("exception_review_on"),
            context=selectors.context_for(professional, person, v["purpose"]))
        return Response(JustificationOutput(_justification_data(recorded)).data,
                        status=status.HTTP_201_CREATED)


class JustificationDetailApi(APIView):
    """A weighing with its texts (a logged view)."""

    class JustificationDetailOutput(JustificationOutput):
        texts = serializers.DictField(child=serializers.CharField(allow_blank=True))

    @extend_schema(operation_id="consent_justification_retrieve",
                   responses={200: JustificationDetailOutput, **ERROR_RESPONSES})
    def get(self, request: Request, pk: int) -> Response:
        professional = _user(request)
        found = persons_selectors.justification_by_pk(pk)
        if found is None or selectors.person_visible_to(professional, found.person_id) is None:
            raise Http404
        texts = consent_services.justification_view(
            professional=professional, justification=found,
            context=selectors.context_for(professional, found.person, found.purpose))
        return Response(
            self.JustificationDetailOutput({**_justification_data(found), "texts": texts}).data)


class InformingRecordApi(APIView):
    """Record that a person was informed (T1, K4, T4), or an AVG art. 23 exception (T3)."""

    class InformingRecordInput(serializers.Serializer[Any]):
        person = serializers.IntegerField(min_value=1, max_value=2**62)
        purpose = _key()
        about = serializers.ChoiceField(choices=InformingAbout.choices,
                                        default=InformingAbout.PROCESSING)
        timing = serializers.ChoiceField(choices=InformingTiming.choices)
        method = serializers.ChoiceField(choices=InformingMethod.choices)
        informed_on = serializers.DateField(required=False, allow_null=True)
        justification = serializers.IntegerField(required=False, allow_null=True, min_value=1,
                                                 max_value=2**62)
        note = serializers.CharField(max_length=5000, required=False, default="",
                                     allow_blank=True)
        exception_motivation = serializers.CharField(max_length=5000, required=False,
                                                     default="", allow_blank=True)
        review_on = serializers.DateField(required=False, allow_null=True)

    class InformingRecordOutput(serializers.Serializer[Any]):
        id = serializers.IntegerField()
        person = serializers.IntegerField()
        about = serializers.CharField()
        timing = serializers.CharField()
        method = serializers.CharField()
        informed_on = serializers.DateField(allow_null=True)
        review_on = serializers.DateField(allow_null=True)

    @extend_schema(operation_id="consent_informing_record", request=InformingRecordInput,
                   responses={201: InformingRecordOutput, **ERROR_RESPONSES})
    def post(self, request: Request) -> Response:
        data = self.InformingRecordInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        professional = _user(request)
        person = _person(request, v["person"])
        weighing = None
        if v.get("justification"):
            weighing = persons_selectors.justification_by_pk(v["justification"])
            if weighing is None or weighing.person_id != person.pk:
                raise Http404
        found = consent_services.informing_record(
            professional=professional, person=person, about=v["about"], timing=v["timing"],
            method=v["method"], informed_on=v.get("informed_on"), justification=weighing,
            note=v["note"], exception_motivation=v["exception_motivation"],
            review_on=v.get("review_on"),
            context=selectors.context_for(professional, person, v["purpose"]))
        return Response(self.InformingRecordOutput({
            "id": found.pk, "person": person.pk, "about": found.about, "timing": found.timing,
            "method": found.method, "informed_on": found.informed_on,
            "review_on": found.exception_review_on}).data, status=status.HTTP_201_CREATED)


class RemindersApi(ListApi):
    """What you must still inform people about ("Te informeren"), overdue first."""

    class RemindersOutput(serializers.Serializer[Any]):
        person = serializers.IntegerField()
        reason = serializers.CharField()
        due = serializers.DateField()
        overdue = serializers.BooleanField()
        case_ref = serializers.CharField()

    @extend_schema(operation_id="consent_reminders_list",
                   responses={200: RemindersOutput(many=True)})
    def get(self, request: Request) -> Response:
        dues = selectors.informing_due_for(_user(request))
        return self.page(lambda window: listing_of(dues, window),
                         lambda rows: self.RemindersOutput(
                             [{"person": d.person.pk, "reason": d.reason, "due": d.due,
                               "overdue": d.overdue, "case_ref": d.case_ref} for d in rows],
                             many=True).data)


class RemarkAddApi(APIView):
    """K8: a reaction, correction or own statement beside a dossier item of your organisation."""

    class RemarkAddInput(serializers.Serializer[Any]):
        kind = serializers.ChoiceField(choices=RemarkKind.choices)
        given_by = serializers.IntegerField(min_value=1, max_value=2**62)
        given_on = serializers.DateField(required=False)
        text = serializers.CharField(max_length=10_000)

    class RemarkAddOutput(serializers.Serializer[Any]):
        id = serializers.IntegerField()
        item = serializers.IntegerField()
        kind = serializers.CharField()
        given_on = serializers.DateField()

    @extend_schema(operation_id="consent_remark_add", request=RemarkAddInput,
                   responses={201: RemarkAddOutput, **ERROR_RESPONSES})
    def post(self, request: Request, pk: int) -> Response:
        data = self.RemarkAddInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        professional = _user(request)
        item = persons_selectors.item_by_pk(pk)
        if (item is None or selectors.person_visible_to(professional, item.person_id) is None
                or item.owning_partner_id != professional.partner_id):
            raise Http404
        family = {p.pk: p for p in persons_selectors.family_of(item.person)}
        if v["given_by"] not in family:
            raise gateway.InvalidPersonData("given_by", "not_family")
        remark = persons.remark_add(
            professional=professional, kind=v["kind"], item=item,
            given_by=family[v["given_by"]], given_on=v.get("given_on"), text=v["text"],
            context=selectors.context_for(professional, item.person, item.purpose))
        return Response(self.RemarkAddOutput({"id": remark.pk, "item": item.pk, "kind": remark.kind,
                                     "given_on": remark.given_on}).data,
                        status=status.HTTP_201_CREATED)


# --- a person's consent page and the evidence of a consent -------------------------------------


class ConsentRepresentativeOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    given_names = serializers.CharField()
    family_name = serializers.CharField()


class InformingOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    about = serializers.CharField()
    timing = serializers.CharField()
    method = serializers.CharField()
    informed_on = serializers.DateField(allow_null=True)
    review_on = serializers.DateField(allow_null=True)
    purpose = serializers.CharField()
    case_ref = serializers.CharField()
    justification = serializers.IntegerField(allow_null=True)


class DueOutput(serializers.Serializer[Any]):
    reason = serializers.CharField()
    due = serializers.DateField()
    overdue = serializers.BooleanField()
    case_ref = serializers.CharField()
    justification = serializers.IntegerField(allow_null=True)


class PersonConsentSummaryOutput(serializers.Serializer[Any]):
    person = serializers.IntegerField()
    givers_required = serializers.ChoiceField(
        choices=["representatives", "child_and_representative", "subject"],
        help_text="who gives consent today (S6)")
    representatives = ConsentRepresentativeOutput(many=True)
    justifications = JustificationOutput(many=True)
    informings = InformingOutput(many=True)
    dues = DueOutput(many=True, help_text="what the caller must still inform the person about")


class PersonConsentSummaryApi(APIView):
    """A person's consent page without the consents themselves (those are
    ``consent_person_consents_list``): who gives consent for the person today (S6), the legal
    representatives on record, the weighings (without their texts: read one to see them, a
    logged view), the informings, and what the caller must still inform the person about. Scope
    and dates only, as on the screen: not logged."""

    @extend_schema(operation_id="consent_person_retrieve", responses={
        200: PersonConsentSummaryOutput, **ERROR_RESPONSES, 404: None})
    def get(self, request: Request, pk: int) -> Response:
        professional = _user(request)
        person = _person(request, pk)
        dues = [d for d in selectors.informing_due_for(professional) if d.person.pk == person.pk]
        data = {
            "person": person.pk,
            "givers_required": consent_services.consent_givers_required(person),
            "representatives": [
                {"id": p.pk, "given_names": p.given_names, "family_name": p.family_name}
                for p in persons_selectors.representatives_of(person)],
            "justifications": [_justification_data(j)
                               for j in persons_selectors.justifications_of(person)],
            "informings": [
                {"id": i.pk, "about": i.about, "timing": i.timing, "method": i.method,
                 "informed_on": i.informed_on, "review_on": i.exception_review_on,
                 "purpose": i.purpose, "case_ref": i.case_ref,
                 "justification": i.justification_id}
                for i in persons_selectors.informings_of(person)],
            "dues": [
                {"reason": d.reason, "due": d.due, "overdue": d.overdue, "case_ref": d.case_ref,
                 "justification": d.justification_id} for d in dues],
        }
        return Response(PersonConsentSummaryOutput(data).data)


class ConsentEvidenceApi(APIView):
    """The evidence document of a consent (the signed form: PDF, JPEG or PNG), read as a logged
    view; a 404 when the consent has none or the caller may not know the person."""

    renderer_classes = FILE_RENDERERS

    @extend_schema(operation_id="consent_evidence_download", responses={
        (200, "application/octet-stream"): OpenApiTypes.BINARY, 403: RefusalOutput, 404: None})
    def get(self, request: Request, pk: int) -> HttpResponse:
        professional = _user(request)
        consent = persons_selectors.consent_by_pk(pk)
        if consent is None or selectors.person_visible_to(professional, consent.person_id) is None:
            raise Http404
        try:
            name, content_type, data = consent_services.consent_evidence_view(
                professional=professional, consent=consent,
                context=selectors.context_for(professional, consent.person, consent.purpose))
        except gateway.InvalidPersonData:
            raise Http404 from None
        response = HttpResponse(data, content_type=content_type)
        safe = "".join(c for c in name if c.isalnum() or c in "._-") or "bewijs"
        response["Content-Disposition"] = f'attachment; filename="{safe}"'
        response["X-Content-Type-Options"] = "nosniff"
        return response
