"""Login, second factor (TOTP), set-password links and the partner administrator's screens."""

from __future__ import annotations

import base64
import functools
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import verify_token as otp_verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from deelwijzer.accounts import services
from deelwijzer.accounts.access import (
    BLOCKED_SESSION_KEY,
    IDP_MFA_SESSION_KEY,
    NOTICE_SESSION_KEY,
    Blocker,
    blockers_from_codes,
    login_blockers,
    needs_second_factor,
    second_factor_done,
    vog_valid_until,
)
from deelwijzer.accounts.forms import LoginForm, StaffFilterForm, StaffForm, TokenForm
from deelwijzer.accounts.lockout import forgive_account
from deelwijzer.accounts.models import Professional
from deelwijzer.accounts.roles import Role
from deelwijzer.accounts.selectors import staff_listing, staff_of
from deelwijzer.paging import page_window, pager

P = ParamSpec("P")

# Notices for the login page that are not access rules (codes kept in the session).
NOTICES = {
    "oidc_no_account": gettext_lazy(
        "No Deelwijzer account matches the identity your organisation confirmed. Ask your "
        "partner administrator to register your business e-mail address."
    ),
}


def _safe_next(request: HttpRequest, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def _professional(request: HttpRequest) -> Professional:
    user = request.user
    if not isinstance(user, Professional):  # pragma: no cover - login_required guards
        raise PermissionDenied
    return user


# --- Login ---------------------------------------------------------------------------


class LoginView(auth_views.LoginView):
    """Username and password. Reasons for refusal only after a correct password."""

    form_class = LoginForm
    template_name = "accounts/login.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = context["form"]
        blockers: list[Blocker] = list(getattr(form, "blockers", []))
        session = self.request.session
        if not blockers and BLOCKED_SESSION_KEY in session:
            blockers = blockers_from_codes(session.pop(BLOCKED_SESSION_KEY))
        notice = NOTICES.get(str(session.pop(NOTICE_SESSION_KEY, "")))
        context.update(
            blockers=blockers,
            blocker_codes=[b.code for b in blockers],
            notice=notice,
            oidc_enabled=getattr(settings, "OIDC_ENABLED", False),
            oidc_provider_name=getattr(settings, "DEELWIJZER_OIDC_PROVIDER_NAME", "")
            or _("your organisation"),
        )
        return context

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        self.request.session.pop(IDP_MFA_SESSION_KEY, None)
        response = super().form_valid(form)
        user = form.get_user()
        if isinstance(user, Professional) and needs_second_factor(user):
            query = urlencode({"next": self.get_success_url()})
            return HttpResponseRedirect(f"{reverse('accounts:otp_verify')}?{query}")
        return response


def admin_login(request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
    """The Django admin logs in through our login page (access rules and second factor)."""
    if request.user.is_authenticated:
        raise PermissionDenied
    next_url = _safe_next(request, reverse("admin:index"))
    return HttpResponseRedirect(f"{reverse('accounts:login')}?{urlencode({'next': next_url})}")


# --- Second factor -------------------------------------------------------------------


def _qr_svg(data: str, label: str) -> SafeString:
    """The otpauth URL as an inline SVG QR code (no external calls)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    svg = image.to_string(encoding="unicode")
    assert isinstance(svg, str)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    return mark_safe(svg)  # noqa: S308 - generated by qrcode from our own data


def _accepting_device(
    request: HttpRequest, form: TokenForm, devices: list[TOTPDevice], wrong_code: str
) -> TOTPDevice | None:
    """The device that accepts the posted code, or None with the error added to the form.

    django-otp throttles a device after a wrong code (exponential back-off) and refuses a
    code it has accepted before (no replay).
    """
    if request.method != "POST" or not form.is_valid():
        return None
    if not any(d.verify_is_allowed()[0] for d in devices):
        form.add_error(
            "code",
            ValidationError(
                _("Verification code: too many wrong codes in a row. Wait a few seconds, "
                  "then enter the current code."),
                code="throttled",
            ),
        )
        return None
    user = _professional(request)
    for device in devices:
        verified = otp_verify_token(user, device.persistent_id, form.cleaned_data["code"])
        if verified is not None:
            assert isinstance(verified, TOTPDevice)
            return verified
    form.add_error("code", ValidationError(wrong_code, code="invalid_code"))
    return None


def _second_factor_needed_now(request: HttpRequest) -> bool:
    return needs_second_factor(_professional(request)) and not second_factor_done(request)


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    """Ask the code from the authenticator app."""
    user = _professional(request)
    next_url = _safe_next(request, reverse(settings.LOGIN_REDIRECT_URL))
    if not _second_factor_needed_now(request):
        return HttpResponseRedirect(next_url)
    devices = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    if not devices:
        return HttpResponseRedirect(
            f"{reverse('accounts:otp_setup')}?{urlencode({'next': next_url})}"
        )
    form = TokenForm(request.POST or None)
    device = _accepting_device(
        request, form, devices,
        _("Verification code: this code is not correct or has expired. Wait for a new code "
          "and try again."),
    )
    if device is not None:
        otp_login(request, device)
        return HttpResponseRedirect(next_url)
    return render(request, "accounts/otp_verify.html", {"form": form, "next": next_url})


@login_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: QR code and the secret as text, confirmed by a code."""
    user = _professional(request)
    next_url = _safe_next(request, reverse(settings.LOGIN_REDIRECT_URL))
    if not _second_factor_needed_now(request):
        return HttpResponseRedirect(next_url)
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return HttpResponseRedirect(
            f"{reverse('accounts:otp_verify')}?{urlencode({'next': next_url})}"
        )
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Deelwijzer", confirmed=False)
    form = TokenForm(request.POST or None)
    accepted = _accepting_device(
        request, form, [device],
        _("Verification code: this code is not correct. Check that the time on your phone "
          "is right and enter the current code."),
    )
    if accepted is not None:
        accepted.confirmed = True
        accepted.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        otp_login(request, accepted)
        messages.success(request, _("Two-factor authentication has been set up."))
        return HttpResponseRedirect(next_url)
    secret = base64.b32encode(device.bin_key).decode("ascii")
    context = {
        "form": form,
        "next": next_url,
        "qr_svg": _qr_svg(device.config_url, _("QR code for your authenticator app")),
        "secret": secret,
        "secret_grouped": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    }
    return render(request, "accounts/otp_setup.html", context)


# --- Setting a password through a one-time link --------------------------------------


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """A new password through a one-time link; it also ends the account's login lockout."""

    template_name = "accounts/password_set.html"
    success_url = reverse_lazy("accounts:password_set_done")

    def form_valid(self, form: SetPasswordForm[Professional]) -> HttpResponse:
        response = super().form_valid(form)
        forgive_account(form.user.get_username())
        return response


class PasswordSetDoneView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_set_done.html"


# --- Partner administrator: the own partner's staff ----------------------------------


def partner_admin_required(
    view: Callable[Concatenate[HttpRequest, P], HttpResponse],
) -> Callable[Concatenate[HttpRequest, P], HttpResponse]:
    """Only partner administrators, and only with a partner (their own)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        user = _professional(request)
        if not user.has_role(Role.PARTNER_ADMIN) or user.partner is None:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapper)  # type: ignore[return-value]


def _own_staff(request: HttpRequest) -> QuerySet[Professional]:
    return staff_of(_professional(request))


@partner_admin_required
def staff_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = StaffFilterForm(request.GET or None)
    wanted = form.cleaned_data if form.is_valid() else {}
    listing = staff_listing(_professional(request), search=wanted.get("search", ""),
                            active=wanted.get("active", ""), role=wanted.get("role", ""),
                            window=page_window(request))
    rows = [
        {
            "professional": p,
            "blockers": login_blockers(p, today),
            "vog_valid_until": vog_valid_until(p.vog_date) if p.vog_date else None,
            "roles": sorted(p.role_assignments.all(), key=lambda r: r.role),
        }
        for p in listing.rows
    ]
    editor = _professional(request)
    return render(request, "accounts/staff_list.html", {
        "rows": rows, "partner": editor.partner, "form": form, "pager": pager(request, listing),
        "filtered": any(wanted.get(k) for k in ("search", "active", "role"))})


def _form_fields(form: StaffForm) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in form.Meta.fields}


@partner_admin_required
def staff_create(request: HttpRequest) -> HttpResponse:
    editor = _professional(request)
    assert editor.partner is not None
    form = StaffForm(request.POST or None, editor=editor, partner=editor.partner)
    if request.method == "POST" and form.is_valid():
        professional = services.professional_create(
            partner=editor.partner, roles=form.chosen_roles(), fields=_form_fields(form)
        )
        link = services.professional_set_password_link(request=request, professional=professional)
        return render(
            request,
            "accounts/staff_password_link.html",
            {"professional": professional, "link": link, "created": True},
        )
    return render(
        request, "accounts/staff_form.html", {"form": form, "partner": editor.partner}
    )


@partner_admin_required
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    editor = _professional(request)
    assert editor.partner is not None
    professional = get_object_or_404(_own_staff(request), pk=pk)
    form = StaffForm(
        request.POST or None, instance=professional, editor=editor, partner=editor.partner
    )
    if request.method == "POST" and form.is_valid():
        services.professional_update(
            professional=professional, roles=form.chosen_roles(), fields=_form_fields(form)
        )
        messages.success(request, _("The changes have been saved."))
        return redirect("accounts:staff_list")
    return render(
        request,
        "accounts/staff_form.html",
        {"form": form, "partner": editor.partner, "professional": professional},
    )


@partner_admin_required
def staff_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    professional = get_object_or_404(_own_staff(request), pk=pk)
    if professional.pk == request.user.pk:
        messages.error(request, _("You cannot deactivate your own account."))
        return redirect("accounts:staff_list")
    if request.method == "POST":
        services.professional_deactivate(professional=professional)
        messages.success(
            request,
            _("%(name)s has been deactivated and can no longer log in.")
            % {"name": professional.get_full_name() or professional.username},
        )
        return redirect("accounts:staff_list")
    return render(request, "accounts/staff_confirm_deactivate.html", {"professional": professional})


@require_POST
@partner_admin_required
def staff_reset_second_factor(request: HttpRequest, pk: int) -> HttpResponse:
    professional = get_object_or_404(_own_staff(request), pk=pk)
    services.professional_reset_second_factor(professional=professional)
    messages.success(
        request,
        _("The two-factor authentication of %(name)s has been reset. At the next login they "
          "set up their authenticator app again.")
        % {"name": professional.get_full_name() or professional.username},
    )
    return redirect("accounts:staff_list")


@require_POST
@partner_admin_required
def staff_password_link(request: HttpRequest, pk: int) -> HttpResponse:
    professional = get_object_or_404(_own_staff(request), pk=pk)
    link = services.professional_set_password_link(request=request, professional=professional)
    return render(
        request,
        "accounts/staff_password_link.html",
        {"professional": professional, "link": link, "created": False},
    )
