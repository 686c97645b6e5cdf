"""Django admin for system administrators: professionals (with roles) and partners.

The password hash is never shown: the field is left out entirely; the admin shows only
whether a usable password is set, and can make a one-time set-password link. The admin
logs in through the Deelwijzer login page, so the access rules and the second factor apply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from deelwijzer.accounts import services, views
from deelwijzer.accounts.models import Professional, RoleAssignment
from deelwijzer.covenant.models import Partner

admin.site.login = views.admin_login  # type: ignore[method-assign]

if TYPE_CHECKING:
    _RoleInline = admin.TabularInline[RoleAssignment, Professional]
    _ProfessionalAdminBase = admin.ModelAdmin[Professional]
    _PartnerAdminBase = admin.ModelAdmin[Partner]
    _ProfessionalForm = ModelForm[Professional]
else:  # the admin classes are not subscriptable at runtime
    _RoleInline = admin.TabularInline
    _ProfessionalAdminBase = admin.ModelAdmin
    _PartnerAdminBase = admin.ModelAdmin
    _ProfessionalForm = ModelForm


class RoleAssignmentInline(_RoleInline):
    model = RoleAssignment
    extra = 1


@admin.register(Professional)
class ProfessionalAdmin(_ProfessionalAdminBase):
    inlines = [RoleAssignmentInline]
    list_display = ["username", "last_name", "first_name", "partner", "function", "vog_date",
                    "is_active"]
    list_filter = ["partner", "is_active", "role_assignments__role"]
    search_fields = ["username", "first_name", "last_name", "email"]
    list_select_related = ["partner"]
    readonly_fields = ["password_status", "last_login", "date_joined"]
    actions = ["make_password_links"]
    fieldsets = [
        (None, {"fields": ["username", "password_status"]}),
        (_("Business contact data"), {
            "fields": ["first_name", "last_name", "email", "phone", "partner", "function"],
        }),
        (_("Access rules"), {
            "fields": ["vog_date", "confidentiality_declaration_date", "is_active"],
        }),
        (_("Django admin"), {
            "fields": ["is_staff", "is_superuser", "groups", "user_permissions"],
            "classes": ["collapse"],
        }),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    filter_horizontal = ["groups", "user_permissions"]

    @admin.display(description=_("password"))
    def password_status(self, obj: Professional) -> str:
        if obj.pk is None or not obj.has_usable_password():
            return str(_("not set: send a set-password link"))
        return str(_("set"))

    def save_model(
        self, request: HttpRequest, obj: Professional, form: _ProfessionalForm, change: bool
    ) -> None:
        if not change:
            obj.set_unusable_password()
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Make a one-time set-password link"))
    def make_password_links(self, request: HttpRequest, queryset: QuerySet[Professional]) -> None:
        for professional in queryset:
            link = services.professional_set_password_link(
                request=request, professional=professional
            )
            self.message_user(request, f"{professional.username}: {link}", messages.INFO)


class PartnerAdmin(_PartnerAdminBase):
    list_display = ["name", "key", "kind", "partnership"]
    list_filter = ["kind", "partnership"]
    search_fields = ["name", "key"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # Partners are synced from the covenant; the key identifies them there.
        return ["partnership", "key"] if obj is not None else []


if not admin.site.is_registered(Partner):
    admin.site.register(Partner, PartnerAdmin)
