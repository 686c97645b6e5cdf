"""Pages for the partnership and its covenant versions, documents, diffs and signatures."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from deelwijzer.covenant import documents
from deelwijzer.covenant.diff import covenant_diff
from deelwijzer.covenant.loader import CovenantInvalid
from deelwijzer.covenant.models import CovenantVersion, Partner, Partnership, VersionStatus
from deelwijzer.covenant.selectors import (
    partnership_versions,
    version_covenant,
    version_in_force,
    version_signature_status,
)
from deelwijzer.covenant.services import (
    CovenantActionRefused,
    covenant_version_import,
    covenant_version_sign,
    covenant_version_withdraw,
    may_manage_versions,
    may_record_signature,
)
from deelwijzer.middleware import CSP_HEADER, STANDALONE_DOCUMENT_POLICY

DOCUMENT_FORMATS = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def user_partnership(user: Any) -> Partnership | None:
    """The partnership of the user's partner; for staff without a partner, the first one."""
    if user.partner_id:
        return user.partner.partnership  # type: ignore[no-any-return]
    return Partnership.objects.order_by("pk").first()


def _visible_version(request: HttpRequest, pk: int) -> CovenantVersion:
    version = get_object_or_404(CovenantVersion.objects.select_related("partnership"), pk=pk)
    if version.partnership != user_partnership(request.user):
        raise Http404
    return version


def status_text(version: CovenantVersion) -> str:
    if version.status == VersionStatus.IN_FORCE and version.in_force_since:
        return _("In force since %(date)s") % {
            "date": date_format(timezone.localtime(version.in_force_since).date())}
    if version.status == VersionStatus.SUPERSEDED:
        return _("Superseded: no longer in force")
    return _("Draft: not yet signed by every partner")


@login_required
def partnership_page(request: HttpRequest) -> HttpResponse:
    partnership = user_partnership(request.user)
    if partnership is None:
        return render(request, "covenant/no_partnership.html")
    version = version_in_force(partnership) or partnership.versions.order_by("-number").first()
    if version is None:
        return render(request, "covenant/no_partnership.html", {"partnership": partnership})
    return redirect("covenant:version", pk=version.pk)


@login_required
def version_page(request: HttpRequest, pk: int) -> HttpResponse:
    version = _visible_version(request, pk)
    covenant = version_covenant(version)
    versions = list(partnership_versions(version.partnership))
    signatures = version_signature_status(version)
    for row in signatures:
        partner = row["partner"]
        row["can_sign"] = (
            version.status == VersionStatus.DRAFT
            and row["signature"] is None
            and isinstance(partner, Partner)
            and may_record_signature(request.user, partner)
        )
    return render(request, "covenant/version.html", {
        "version": version,
        "covenant": covenant,
        "versions": versions,
        "version_rows": list(zip(versions, [*versions[1:], None], strict=True)),
        "signatures": signatures,
        "signed_count": sum(1 for s in signatures if s["signature"]),
        "status_text": status_text(version),
        "document_kinds": [
            (documents.DocumentKind.COVENANT, _("Covenant")),
            (documents.DocumentKind.PROTOCOL, _("Privacy protocol")),
            (documents.DocumentKind.LEAFLET, _("Client leaflet")),
        ],
        "categories": {c.id: c for c in covenant.data_categories},
        "partners": {p.id: p for p in covenant.partners},
        "purposes": {p.id: p for p in covenant.purposes},
        "can_manage": may_manage_versions(request.user),
        "today": timezone.localdate(),
    })


def document_response(version: CovenantVersion, kind: str, ext: str, lang: str) -> HttpResponse:
    """A document of the version (covenant, privacy protocol, leaflet) as HTML, PDF or DOCX;
    Http404 for a kind or format that does not exist. The screen and the API answer this."""
    try:
        doc_kind = documents.DocumentKind(kind)
    except ValueError:
        raise Http404 from None
    if ext not in DOCUMENT_FORMATS:
        raise Http404
    covenant = version_covenant(version)
    options = {"version_label": version.label, "status_text": status_text(version)}
    body: str | bytes
    if ext == "html":
        body = documents.render_html(covenant, doc_kind, lang=lang, **options)
    elif ext == "pdf":
        body = documents.render_pdf(covenant, doc_kind, **options)
    else:
        body = documents.render_docx(covenant, doc_kind, **options)
    response = HttpResponse(body, content_type=DOCUMENT_FORMATS[ext])
    if ext == "html":
        # A standalone document: its print stylesheet is inline; no scripts, forms or requests.
        response[CSP_HEADER] = STANDALONE_DOCUMENT_POLICY
    else:
        name = documents.filename(covenant, doc_kind, version.label, ext)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def document(request: HttpRequest, pk: int, kind: str, ext: str) -> HttpResponse:
    version = _visible_version(request, pk)
    return document_response(version, kind, ext, request.LANGUAGE_CODE)


@login_required
def diff_page(request: HttpRequest, pk: int, other: int) -> HttpResponse:
    new = _visible_version(request, pk)
    old = _visible_version(request, other)
    if old.number > new.number:
        old, new = new, old
    changes = covenant_diff(version_covenant(old), version_covenant(new))
    return render(request, "covenant/diff.html", {"old": old, "new": new, "changes": changes})


class SignForm(forms.Form):
    signed_on = forms.DateField(
        label=gettext_lazy("Date of signing"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("The date on the signed paper or electronic document."),
    )


@login_required
@require_POST
def sign(request: HttpRequest, pk: int, partner_pk: int) -> HttpResponse:
    version = _visible_version(request, pk)
    partner = get_object_or_404(Partner, pk=partner_pk, partnership=version.partnership)
    form = SignForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("signed_on", []):
            messages.error(request, f"{_('Date of signing')}: {error}")
        return redirect("covenant:version", pk=version.pk)
    try:
        covenant_version_sign(version=version, partner=partner,
                              signed_on=form.cleaned_data["signed_on"], recorded_by=request.user)
    except CovenantActionRefused as refused:
        messages.error(request, refused.message)
    else:
        version.refresh_from_db()
        messages.success(request, _("The signature of %(partner)s is recorded.") % {
            "partner": partner.name})
        if version.status == VersionStatus.IN_FORCE:
            messages.success(request, _("Every partner has signed: this version is now in force."))
    return redirect("covenant:version", pk=version.pk)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Covenant file (YAML)"),
        help_text=gettext_lazy("The format is described in docs/covenant-format.md."),
    )


@login_required
def import_version(request: HttpRequest) -> HttpResponse:
    if not may_manage_versions(request.user):
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None)
    issues: list[str] = []
    if request.method == "POST" and form.is_valid():
        raw = form.cleaned_data["file"].read()
        try:
            version = covenant_version_import(text=raw, imported_by=request.user)
        except CovenantInvalid as invalid:
            issues = [i.render(request.LANGUAGE_CODE) for i in invalid.issues]
        except CovenantActionRefused as refused:
            issues = [refused.message]
        else:
            messages.success(request, _(
                "Version %(number)s is imported as a draft. It comes into force when every "
                "partner has signed.") % {"number": version.number})
            return redirect("covenant:version", pk=version.pk)
    return render(request, "covenant/import.html", {"form": form, "issues": issues})


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    version = _visible_version(request, pk)
    try:
        covenant_version_withdraw(version=version, withdrawn_by=request.user)
    except CovenantActionRefused as refused:
        messages.error(request, refused.message)
        return redirect("covenant:version", pk=version.pk)
    messages.success(request, _("The draft is withdrawn."))
    return redirect("covenant:partnership")
