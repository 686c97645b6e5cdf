"""Forms: login, second factor, and the partner administrator's staff forms."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelwijzer.accounts.access import Blocker, login_blockers
from deelwijzer.accounts.models import Professional, RoleChoices
from deelwijzer.accounts.roles import Role
from deelwijzer.covenant.models import Partner


class LoginForm(AuthenticationForm):
    """Username and password; after a correct password the access rules are checked.

    Pass ``request`` so django-axes can count failures. A wrong password gives Django's
    generic error; the reasons in ``blockers`` are only shown to someone whose password
    was correct.
    """

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.blockers: list[Blocker] = []
        self.fields["username"].widget.attrs["autocomplete"] = "username"

    def confirm_login_allowed(self, user: AbstractBaseUser) -> None:
        if not isinstance(user, Professional):  # pragma: no cover - AUTH_USER_MODEL
            raise ValidationError(self.error_messages["inactive"], code="inactive")
        self.blockers = login_blockers(user, timezone.localdate())
        if self.blockers:
            raise ValidationError(
                [ValidationError(b.message, code=b.code) for b in self.blockers]
            )


class TokenForm(forms.Form):
    """The six-digit code from the authenticator app."""

    code = forms.CharField(
        label=_("Verification code"),
        min_length=6,
        max_length=8,
        help_text=_("The 6-digit code shown in your authenticator app."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9]*",
                "autofocus": True,
                "size": 8,
            }
        ),
        error_messages={
            "required": _("Verification code: enter the 6-digit code from your app."),
            "min_length": _("Verification code: enter the 6-digit code from your app."),
            "max_length": _("Verification code: enter the 6-digit code from your app."),
        },
    )

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"].replace(" ", "")
        if not code.isdigit():
            raise ValidationError(
                _("Verification code: use digits only."), code="not_digits"
            )
        return code


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def grantable_roles(editor: Professional) -> list[Role]:
    """The roles a partner administrator may grant: never system_admin; partner_admin only
    when the editor holds it."""
    roles: list[Role] = [r for r in Role if r is not Role.SYSTEM_ADMIN]
    if not editor.has_role(Role.PARTNER_ADMIN):
        roles.remove(Role.PARTNER_ADMIN)
    return roles


if TYPE_CHECKING:
    _ProfessionalModelForm = forms.ModelForm[Professional]
else:  # ModelForm is not subscriptable at runtime (no django-stubs-ext monkeypatch)
    _ProfessionalModelForm = forms.ModelForm


class StaffForm(_ProfessionalModelForm):
    """A professional of the editor's own partner (P1: business contact data only)."""

    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Give only the roles this professional needs for their work (P4)."),
        error_messages={
            "required": _("Roles: choose at least one role."),
            "invalid_choice": _("Roles: you may not grant the role %(value)s."),
        },
    )

    class Meta:
        model = Professional
        fields = [
            "first_name",
            "last_name",
            "username",
            "email",
            "phone",
            "function",
            "vog_date",
            "confidentiality_declaration_date",
        ]
        labels = {
            "email": _("Business e-mail"),
        }
        help_texts = {
            "username": _("Used to log in. Letters, digits and @/./+/-/_ only."),
            "email": _(
                "Work address only. Login through the partner's identity provider "
                "matches on this address."
            ),
            "vog_date": _(
                "Date of the certificate of good conduct (VOG). Login is refused when it "
                "is older than three years (privacy protocol art. 6.3)."
            ),
            "confidentiality_declaration_date": _(
                "Date the confidentiality declaration was signed. Required before staff of "
                "a shell partner can log in (privacy protocol art. 6.1-6.2)."
            ),
        }
        widgets = {
            "vog_date": DateInput(),
            "confidentiality_declaration_date": DateInput(),
        }

    def __init__(self, *args: Any, editor: Professional, partner: Partner, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.editor = editor
        self.partner = partner
        self.grantable = grantable_roles(editor)
        role_field = self.fields["roles"]
        assert isinstance(role_field, forms.MultipleChoiceField)
        role_field.choices = [(r.value, RoleChoices(r.value).label) for r in self.grantable]
        if self.instance.pk is not None and not self.is_bound:
            self.initial["roles"] = [
                r.value for r in self.instance.roles if r in self.grantable
            ]
        for name in ("first_name", "last_name", "email", "function"):
            self.fields[name].required = True
        self.fields["first_name"].error_messages["required"] = _(
            "First name: this field is required."
        )
        self.fields["last_name"].error_messages["required"] = _(
            "Last name: this field is required."
        )
        self.fields["email"].error_messages["required"] = _(
            "Business e-mail: this field is required."
        )
        self.fields["email"].error_messages["invalid"] = _(
            "Business e-mail: enter a valid e-mail address."
        )
        self.fields["function"].error_messages["required"] = _(
            "Function: this field is required."
        )
        self.fields["username"].error_messages["required"] = _(
            "Username: this field is required."
        )
        self.fields["username"].error_messages["unique"] = _(
            "Username: another account already uses this username."
        )
        self.fields["vog_date"].error_messages["invalid"] = _(
            "VOG date: enter a valid date."
        )
        self.fields["confidentiality_declaration_date"].error_messages["invalid"] = _(
            "Confidentiality declaration date: enter a valid date."
        )
        if partner.is_shell:
            self.fields["confidentiality_declaration_date"].required = True
            self.fields["confidentiality_declaration_date"].error_messages["required"] = _(
                "Confidentiality declaration date: required for staff of a shell partner "
                "(privacy protocol art. 6.1-6.2)."
            )

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip()
        others = Professional.objects.filter(email__iexact=email)
        if self.instance.pk is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise ValidationError(
                _(
                    "Business e-mail: another account already uses this address. Each "
                    "professional needs their own work address."
                ),
                code="email_taken",
            )
        return email

    def _not_in_future(self, name: str, message: Any) -> dt.date | None:
        value: dt.date | None = self.cleaned_data.get(name)
        if value is not None and value > timezone.localdate():
            raise ValidationError(message, code="future_date")
        return value

    def clean_vog_date(self) -> dt.date | None:
        return self._not_in_future(
            "vog_date", _("VOG date: a date in the future is not possible.")
        )

    def clean_confidentiality_declaration_date(self) -> dt.date | None:
        return self._not_in_future(
            "confidentiality_declaration_date",
            _("Confidentiality declaration date: a date in the future is not possible."),
        )

    def clean_roles(self) -> list[Role]:
        chosen = [Role(v) for v in self.cleaned_data["roles"]]
        if any(r not in self.grantable for r in chosen):  # pragma: no cover - choices guard
            raise ValidationError(_("Roles: you may not grant this role."), code="not_granted")
        if (
            self.instance.pk is not None
            and self.instance.pk == self.editor.pk
            and Role.PARTNER_ADMIN in self.editor.roles
            and Role.PARTNER_ADMIN not in chosen
        ):
            raise ValidationError(
                _("Roles: you cannot remove your own partner administrator role."),
                code="own_admin_role",
            )
        return chosen

    def chosen_roles(self) -> frozenset[Role]:
        """The roles after saving: the chosen ones plus those the editor may not manage."""
        kept = self.instance.roles - frozenset(self.grantable) if self.instance.pk else frozenset()
        return frozenset(self.cleaned_data["roles"]) | kept


class StaffFilterForm(forms.Form):
    """Search and filters of the staff list (GET: a page can be bookmarked)."""

    search = forms.CharField(label=_("Search"), required=False, max_length=100,
                             help_text=_("Part of the name, username or e-mail address."))
    active = forms.ChoiceField(label=_("Active or deactivated"), required=False, choices=[
        ("", _("All professionals")), ("active", _("Active")),
        ("inactive", _("Deactivated"))])
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[
        ("", _("All roles")),
        *[(value, label) for value, label in RoleChoices.choices
          if value != Role.SYSTEM_ADMIN.value]])
