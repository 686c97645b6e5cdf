"""API of "Mag ik dit delen?": check a sharing (a preview, nothing logged) and make the
disclosure (decided again and logged). One class per operation."""

from __future__ import annotations

from typing import Any, cast

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from deelwijzer.accounts.models import Professional
from deelwijzer.api.errors import ERROR_RESPONSES, ReasonOutput
from deelwijzer.api.pagination import ListApi
from deelwijzer.cases.choices import ContributionNature
from deelwijzer.covenant.models import Partner
from deelwijzer.persons.gateway import InvalidPersonData
from deelwijzer.policy import age_on
from deelwijzer.selectors import Listing, Window
from deelwijzer.sharing import selectors, services

MAX_ID = 2**31 - 1


class ShareDetailOutput(serializers.Serializer[Any]):
    detail = serializers.CharField()


NOT_FOUND = {
    404: OpenApiResponse(ShareDetailOutput, description="The person, item or case does not "
                                                        "exist or you may not see it."),
    409: OpenApiResponse(ShareDetailOutput, description="No covenant version is in force."),
}


def _user(request: Request) -> Professional:
    return cast(Professional, request.user)


def _case(user: Professional, person: Any, reference: str) -> Any:
    if not reference:
        return None
    case = selectors.case_of_person(user, person, reference)
    if case is None:
        raise Http404
    return case


class ShareMissingOutput(serializers.Serializer[Any]):
    kind = serializers.CharField(help_text="e.g. consent, justification, inform_family, "
                                           "contributor_permission, step, known_to_partner_only")
    message = serializers.CharField()
    url = serializers.CharField(help_text="where to fix it; empty when no screen does")


class ShareCheckApi(APIView):
    """May I share this? The decision point's answer now, without sharing or logging anything.

    Give either an ``item`` of the person's dossier or the ``categories`` of the information.
    Within a ``case`` the purpose defaults to the purpose of the case's current step.
    """

    class ShareCheckInput(serializers.Serializer[Any]):
        person = serializers.IntegerField(min_value=1, max_value=MAX_ID)
        recipient = serializers.CharField(max_length=64, help_text="partner id in the covenant")
        purpose = serializers.CharField(max_length=64, required=False, allow_blank=True)
        item = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False)
        categories = serializers.ListField(
            child=serializers.CharField(max_length=64), required=False, max_length=50)
        case = serializers.CharField(max_length=20, required=False, allow_blank=True,
                                     help_text="case reference, e.g. C-2026-0001")
        contributor = serializers.CharField(
            max_length=64, required=False, allow_blank=True,
            help_text="the partner that contributed the described information (K5)")
        contributor_permission = serializers.BooleanField(required=False, default=False)
        origin_purpose = serializers.CharField(
            max_length=64, required=False, allow_blank=True,
            help_text="the purpose the information was obtained for (S2)")

        def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
            if attrs.get("item") is not None and attrs.get("categories"):
                raise serializers.ValidationError(
                    {"categories": "give an item or categories, not both"})
            if attrs.get("item") is None and not attrs.get("categories"):
                raise serializers.ValidationError(
                    {"categories": "give an item or at least one category"})
            if not attrs.get("case") and not attrs.get("purpose"):
                raise serializers.ValidationError(
                    {"purpose": "required outside a case"})
            return attrs

    class ShareCheckOutput(serializers.Serializer[Any]):
        allowed = serializers.BooleanField()
        covenant_version = serializers.CharField()
        rule_ids = serializers.ListField(child=serializers.CharField())
        reasons = ReasonOutput(many=True)
        conditions = serializers.ListField(child=serializers.CharField())
        missing = ShareMissingOutput(many=True)
        purpose = serializers.CharField()
        step = serializers.CharField(allow_null=True)
        case = serializers.CharField(allow_null=True)
        categories = serializers.ListField(child=serializers.CharField())
        recipient = serializers.CharField()

    @extend_schema(operation_id="share_check", request=ShareCheckInput,
                   responses={200: ShareCheckOutput, **ERROR_RESPONSES, **NOT_FOUND})
    def post(self, request: Request) -> Response:
        data = self.ShareCheckInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        user = _user(request)
        person = selectors.person_visible_to(user, values["person"])
        if person is None:
            raise Http404
        item = None
        if values.get("item") is not None:
            item = selectors.dossier_item_visible(user, values["item"])
            if item is None or item.person_id != person.pk:
                raise Http404
        case = _case(user, person, values.get("case", ""))
        params = {"person": str(person.pk), "case": case.reference if case else "",
                  "item": str(item.pk) if item else "",
                  "categories": ",".join(values.get("categories", [])),
                  "recipient": values["recipient"], "purpose": values.get("purpose", "")}
        answer = services.share_check(
            professional=user, person=person, recipient=values["recipient"],
            purpose=values.get("purpose") or None, categories=values.get("categories", []),
            item=item, case=case, contributor=values.get("contributor") or None,
            contributor_permission=values["contributor_permission"],
            origin_purpose=values.get("origin_purpose") or None,
            flow_params={k: v for k, v in params.items() if v})
        return Response(self.ShareCheckOutput(answer.as_dict()).data)


class ShareDiscloseApi(APIView):
    """Disclose a dossier item to a partner. The decision point is asked again: a refusal is
    403 with its reasons and is in the processing log; a disclosure is recorded (V4)."""

    class ShareDiscloseInput(serializers.Serializer[Any]):
        item = serializers.IntegerField(min_value=1, max_value=MAX_ID)
        recipient = serializers.CharField(max_length=64, help_text="partner id in the covenant")
        purpose = serializers.CharField(max_length=64, required=False, allow_blank=True)
        case = serializers.CharField(max_length=20, required=False, allow_blank=True)

    class ShareDiscloseOutput(serializers.Serializer[Any]):
        id = serializers.IntegerField()
        item = serializers.IntegerField()
        recipient = serializers.CharField()
        recipient_name = serializers.CharField()
        purpose = serializers.CharField()
        ground = serializers.CharField()
        consent = serializers.IntegerField(allow_null=True)
        disclosed_at = serializers.DateTimeField()

    @extend_schema(operation_id="share_disclose", request=ShareDiscloseInput,
                   responses={201: ShareDiscloseOutput, **ERROR_RESPONSES, **NOT_FOUND})
    def post(self, request: Request) -> Response:
        data = self.ShareDiscloseInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        user = _user(request)
        item = selectors.dossier_item_visible(user, values["item"])
        if item is None:
            raise Http404
        recipient = Partner.objects.filter(
            key=values["recipient"], partnership_id=item.person.partnership_id).first()
        if recipient is None:
            raise Http404
        case = _case(user, item.person, values.get("case", ""))
        if case is None and not values.get("purpose"):
            raise serializers.ValidationError({"purpose": ["required outside a case"]})
        disclosure = services.share_disclose(professional=user, item=item, recipient=recipient,
                                             purpose=values.get("purpose") or None, case=case)
        return Response(self.ShareDiscloseOutput({
            "id": disclosure.pk, "item": item.pk, "recipient": recipient.key,
            "recipient_name": recipient.name, "purpose": disclosure.purpose,
            "ground": disclosure.ground, "consent": disclosure.consent_id,
            "disclosed_at": disclosure.disclosed_at,
        }).data, status=status.HTTP_201_CREATED)


# --- the person's dossier: a person, its items, recording, opening and copying an item ------------
#
# The same selectors and services as the dossier screens (``sharing.views``): a person or item
# the caller may not know exists is a 404; a case reference it does not see is a 400 on the
# field ``case``, as on the screen.


def _person_or_404(user: Professional, pk: int) -> Any:
    person = selectors.person_visible_to(user, pk) if pk <= MAX_ID else None
    if person is None:
        raise Http404
    return person


def _item_or_404(user: Professional, pk: int) -> Any:
    item = selectors.dossier_item_visible(user, pk) if pk <= MAX_ID else None
    if item is None:
        raise Http404
    return item


def _case_field(user: Professional, person: Any, reference: str) -> Any:
    """The case with this reference when the caller sees it for this person (the screen's
    rule: an unknown reference is an input error of the field ``case``)."""
    if not reference:
        return None
    case = selectors.case_of_person(user, person, reference)
    if case is None:
        raise InvalidPersonData("case", "not_visible")
    return case


class DisclosureOutput(serializers.Serializer[Any]):
    recipient = serializers.CharField(help_text="partner id in the covenant")
    recipient_name = serializers.CharField()
    disclosed_at = serializers.DateTimeField()


class DossierItemOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    person = serializers.IntegerField()
    recorded_at = serializers.DateTimeField()
    categories = serializers.ListField(child=serializers.CharField())
    nature = serializers.CharField(help_text="fact or opinion (K8)")
    purpose = serializers.CharField(help_text="the purpose it was recorded for (S2)")
    step = serializers.CharField(help_text="empty: recorded outside a case")
    case = serializers.CharField(help_text="case reference; empty: outside a case")
    owning_partner = serializers.CharField(help_text="partner id in the covenant")
    owning_partner_name = serializers.CharField()
    copied_from = serializers.IntegerField(allow_null=True)
    disclosures = DisclosureOutput(many=True, help_text="to whom and when (V4)")


def _item_data(item: Any, disclosures: dict[int, list[Any]]) -> dict[str, Any]:
    return {
        "id": item.pk, "person": item.person_id, "recorded_at": item.recorded_at,
        "categories": item.categories, "nature": item.nature, "purpose": item.purpose,
        "step": item.step, "case": item.case_ref, "owning_partner": item.owning_partner.key,
        "owning_partner_name": item.owning_partner.name, "copied_from": item.copied_from_id,
        "disclosures": [{"recipient": d.recipient.key, "recipient_name": d.recipient.name,
                         "disclosed_at": d.disclosed_at} for d in disclosures.get(item.pk, [])],
    }


class PersonCaseOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    step = serializers.CharField()


class PersonConsentOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    purpose = serializers.CharField()
    categories = serializers.ListField(child=serializers.CharField())
    recipients = serializers.ListField(child=serializers.CharField())
    valid_from = serializers.DateField()
    valid_until = serializers.DateField(allow_null=True)
    withdrawn_on = serializers.DateField(allow_null=True)


class PersonOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    given_names = serializers.CharField()
    family_name = serializers.CharField()
    birth_date = serializers.DateField()
    age = serializers.IntegerField()


class PersonDetailOutput(PersonOutput):
    cases = PersonCaseOutput(many=True, help_text="the caller's open cases with the person")
    consents = PersonConsentOutput(many=True, help_text="scope and dates only (S5)")
    held = DossierItemOutput(many=True, help_text="the newest 50 items the caller's "
                             "organisation holds (outside a case: those the caller recorded), "
                             "without content; all of them: dossier_items_list")
    held_count = serializers.IntegerField(help_text="how many items it holds")
    received = DossierItemOutput(many=True, help_text="the newest 50 items of other partners "
                                 "disclosed to the caller's organisation (within a case), "
                                 "without content; all of them: dossier_items_list")
    received_count = serializers.IntegerField(help_text="how many were disclosed to it")


def _person_data(person: Any) -> dict[str, Any]:
    return {"id": person.pk, "given_names": person.given_names,
            "family_name": person.family_name, "birth_date": person.birth_date,
            "age": age_on(person.birth_date, timezone.localdate())}


NEWEST = Window(0, 50)  # the items a person's detail shows; dossier_items_list pages them all


class PersonDetailApi(APIView):
    """A person as the dossier screen shows it: the caller's cases with the person, the
    consents on record (scope and dates) and the dossier items without their content (open an
    item to read it: a logged view). Need to know: a person the caller may not know exists is
    a 404 (ADR 0002)."""

    @extend_schema(operation_id="persons_retrieve",
                   responses={200: PersonDetailOutput, **ERROR_RESPONSES, **NOT_FOUND})
    def get(self, request: Request, pk: int) -> Response:
        user = _user(request)
        person = _person_or_404(user, pk)
        held = selectors.dossier_items_held(user, person, window=NEWEST)
        received = selectors.dossier_items_received(user, person, window=NEWEST)
        disclosures = selectors.disclosures_of(held.rows + received.rows)
        return Response(PersonDetailOutput({
            **_person_data(person),
            "cases": [{"id": c.pk, "reference": c.reference, "step": c.step}
                      for c in selectors.cases_of_person(user, person)],
            "consents": [{"id": c.pk, "purpose": c.purpose, "categories": c.categories,
                          "recipients": c.recipients, "valid_from": c.valid_from,
                          "valid_until": c.valid_until, "withdrawn_on": c.withdrawn_on}
                         for c in selectors.consents_of(person)],
            "held": [_item_data(i, disclosures) for i in held.rows],
            "held_count": held.total,
            "received": [_item_data(i, disclosures) for i in received.rows],
            "received_count": received.total,
        }).data)


_ITEMS_LIST = ("A page of a person's dossier items without content, newest first: "
               "``which=held`` (the default) the items the caller's organisation holds (outside "
               "a case: those the caller recorded), ``which=received`` those other partners "
               "disclosed to it (within a case). Not logged: it shows no content.")


class DossierItemListApi(ListApi):
    __doc__ = _ITEMS_LIST

    @extend_schema(operation_id="dossier_items_list", responses=DossierItemOutput(many=True),
                   description=_ITEMS_LIST,
                   parameters=[OpenApiParameter("which", str, enum=["held", "received"])])
    def get(self, request: Request, pk: int) -> Response:
        user = _user(request)
        person = _person_or_404(user, pk)
        which = request.query_params.get("which", "held")
        if which not in ("held", "received"):
            raise serializers.ValidationError({"which": [serializers.ErrorDetail(
                _("choose held or received."), code="invalid_choice")]})
        listing = (selectors.dossier_items_held if which == "held"
                   else selectors.dossier_items_received)

        def serialize(rows: list[Any]) -> Any:
            disclosures = selectors.disclosures_of(rows)
            return DossierItemOutput([_item_data(i, disclosures) for i in rows], many=True).data

        return self.page(lambda window: listing(user, person, window=window), serialize)


class DossierItemRecordApi(DossierItemListApi):
    """Record a dossier item about a person (K8: a fact or an opinion), within a case at the
    case's step, outside a case for the caller's purpose; decided as a RECORD and logged. Its
    GET is ``dossier_items_list``."""

    class DossierItemRecordInput(serializers.Serializer[Any]):
        text = serializers.CharField(max_length=20000)
        nature = serializers.ChoiceField(choices=ContributionNature.choices)
        categories = serializers.ListField(child=serializers.CharField(max_length=64),
                                           min_length=1, max_length=50)
        case = serializers.CharField(max_length=20, required=False, allow_blank=True,
                                     default="", help_text="case reference, e.g. C-2026-0001")
        purpose = serializers.CharField(
            max_length=64, required=False, allow_blank=True, default="",
            help_text="required outside a case; within a case the step's purpose by default")

    @extend_schema(operation_id="dossier_items_record", request=DossierItemRecordInput,
                   responses={201: DossierItemOutput, **ERROR_RESPONSES, **NOT_FOUND})
    def post(self, request: Request, pk: int) -> Response:
        user = _user(request)
        person = _person_or_404(user, pk)
        data = self.DossierItemRecordInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        case = _case_field(user, person, values["case"])
        item = services.share_item_record(
            professional=user, person=person, text=values["text"],
            categories=values["categories"], nature=values["nature"],
            purpose=values["purpose"] or None, case=case)
        return Response(DossierItemOutput(_item_data(item, {})).data,
                        status=status.HTTP_201_CREATED)


class ItemRemarkOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    kind = serializers.CharField(help_text="reaction, correction or own statement (K8)")
    given_by = serializers.IntegerField(help_text="person id")
    given_on = serializers.DateField()
    text = serializers.CharField()


class DossierItemContentOutput(DossierItemOutput):
    content = serializers.CharField()
    remarks = ItemRemarkOutput(many=True, help_text="the family's reactions and corrections "
                               "beside an item of the own dossier (K8); empty for others' items")


class DossierItemOpenApi(APIView):
    """Open a dossier item: its content, decided as a VIEW and logged (K5 for another
    partner's item disclosed to the caller's organisation); for an item of the own dossier also
    the family's remarks beside it (a logged view when there are any). A POST, as on the
    screen: every opening is a processing."""

    @extend_schema(operation_id="dossier_items_open", request=None,
                   responses={200: DossierItemContentOutput, **ERROR_RESPONSES, **NOT_FOUND})
    def post(self, request: Request, pk: int) -> Response:
        user = _user(request)
        item = _item_or_404(user, pk)
        content = services.share_item_view(professional=user, item=item)
        remarks: list[tuple[Any, str]] = []
        if item.owning_partner_id == user.partner_id:
            remarks = services.share_item_remarks(professional=user, item=item)
        data = _item_data(item, selectors.disclosures_of([item]))
        data["content"] = content
        data["remarks"] = [{"id": r.pk, "kind": r.kind, "given_by": r.given_by_id,
                            "given_on": r.given_on, "text": text} for r, text in remarks]
        return Response(DossierItemContentOutput(data).data)


class DossierItemCopyApi(APIView):
    """K7: copy an item another partner disclosed to the caller's organisation into its own
    dossier, only when the person was informed (and, for a secrecy holder, consented); decided
    as a COPY and logged. An item of the own dossier is a 404, as on the screen."""

    class DossierItemCopyInput(serializers.Serializer[Any]):
        informed = serializers.BooleanField(
            help_text="the person (or the legal representatives) was informed that the caller's "
                      "organisation records this in its own dossier")
        case = serializers.CharField(max_length=20, required=False, allow_blank=True,
                                     default="", help_text="case reference")
        purpose = serializers.CharField(max_length=64, required=False, allow_blank=True,
                                        default="")

    @extend_schema(operation_id="dossier_items_copy", request=DossierItemCopyInput,
                   responses={201: DossierItemOutput, **ERROR_RESPONSES, **NOT_FOUND})
    def post(self, request: Request, pk: int) -> Response:
        user = _user(request)
        item = _item_or_404(user, pk)
        if item.owning_partner_id == user.partner_id:
            raise Http404  # already in the own dossier
        data = self.DossierItemCopyInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        case = _case_field(user, item.person, values["case"])
        copy = services.share_item_copy(professional=user, item=item,
                                        informed=values["informed"],
                                        purpose=values["purpose"] or None, case=case)
        return Response(DossierItemOutput(_item_data(copy, {})).data,
                        status=status.HTTP_201_CREATED)


class PersonListApi(ListApi):
    """The persons the caller may know exist (need to know, ADR 0002): the household members
    of the open cases it directs or takes part in by name, and outside a case those it
    registered or recorded something about itself; by family name. ``search`` matches the
    names, the birth date (``2013-05-01``) or the BSN; every word must match. A search is not
    logged (it shows no content); opening a person's dossier items is. A page of them
    (``limit``, ``offset``)."""

    @extend_schema(operation_id="persons_list", responses=PersonOutput(many=True), parameters=[
        OpenApiParameter("search", str, description="words of the name, a birth date "
                         "(YYYY-MM-DD) or a BSN"),
    ])
    def get(self, request: Request) -> Response:
        user = _user(request)
        search = request.query_params.get("search", "")[:100]

        def fetch(window: Window) -> Listing[Any]:
            return selectors.persons_search(user, search, window=window)

        return self.page(fetch, lambda rows: PersonOutput(
            [_person_data(p) for p in rows], many=True).data)
