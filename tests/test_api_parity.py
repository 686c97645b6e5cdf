"""The API is as complete as the browser (issue 10): every screen route maps to the API
operation(s) that do the same with the same service underneath, or is a deliberate exception
with its reason. A new screen without an API operation fails here, and so does a mapping to an
operation the generated OpenAPI schema does not have."""

from __future__ import annotations

import pytest
from django.urls import get_resolver
from drf_spectacular.generators import SchemaGenerator

from deelwijzer.testing.matrix.routes import walk_patterns

# Screens that have no API operation, on purpose. Keep it short and each reason honest.
DELIBERATE_EXCEPTIONS: dict[str, str] = {
    "accounts:login": "the API authenticates with personal tokens (deelwijzer apitoken)",
    "accounts:logout": "a token is revoked with deelwijzer apitoken revoke; no session",
    "accounts:otp_verify": "the second factor belongs to the browser login; a token is issued "
                           "to a professional by the administrator",
    "accounts:otp_setup": "as otp_verify: setting up the authenticator app is a browser step",
    "accounts:password_set": "the set-password link is followed by the professional in a "
                             "browser; the API makes the link (staff_password_link_create)",
    "accounts:password_set_done": "the confirmation page after setting a password",
    "set_language": "the language of a browser session; the API answers in the session's "
                    "language or Dutch",
}

# Route prefixes outside the screens: the API itself, the Django admin (no personal-data model
# is registered in it, tests/test_gateway.py) and the optional OIDC login.
NOT_SCREENS = ("api/", "admin/", "oidc/")

# Screen route -> the API operation ids that do the same.
PARITY: dict[str, tuple[str, ...]] = {
    "ui:home": ("cases_list", "consultations_list", "consent_reminders_list",
                "datarequests_list", "covenant_partnership_retrieve"),
    # accounts: the partner administrator's staff
    "accounts:staff_list": ("staff_list",),
    "accounts:staff_create": ("staff_create",),
    "accounts:staff_edit": ("staff_retrieve", "staff_update"),
    "accounts:staff_deactivate": ("staff_deactivate",),
    "accounts:staff_reset_second_factor": ("staff_second_factor_reset",),
    "accounts:staff_password_link": ("staff_password_link_create",),
    # covenant
    "covenant:partnership": ("covenant_partnership_retrieve",),
    "covenant:import": ("covenant_versions_import",),
    "covenant:version": ("covenant_versions_retrieve", "covenant_versions_list"),
    "covenant:withdraw": ("covenant_versions_withdraw",),
    "covenant:diff": ("covenant_versions_diff",),
    "covenant:sign": ("covenant_versions_sign",),
    "covenant:document": ("covenant_documents_retrieve",),
    # cases and consultations
    "cases:monitoring": ("cases_monitoring_retrieve",),
    "cases:list": ("cases_list",),
    "cases:open": ("cases_open",),
    "cases:detail": ("cases_retrieve",),
    "cases:involve": ("cases_involve",),
    "cases:advance": ("cases_step_advance",),
    "cases:close": ("cases_close",),
    "cases:schedule": ("consultations_schedule",),
    "cases:consultations": ("consultations_list",),
    "cases:anonymous": ("consultations_schedule_anonymous",),
    "cases:consultation": ("consultations_retrieve", "contributions_list", "action_items_list"),
    "cases:contribution_add": ("contributions_add", "contributions_list"),
    "cases:minutes": ("consultations_minutes_view",),
    "cases:minutes_record": ("consultations_minutes_record",),
    "cases:absence": ("consultations_family_absence",),
    "cases:informed": ("consultations_family_informed",),
    "cases:action_add": ("action_items_add",),
    "cases:contribution": ("contributions_view",),
    "cases:contribution_remark_add": ("contributions_remark_add",),
    # consent, weighing, informing, remarks
    "consent:persons": ("persons_list",),
    "consent:person": ("consent_person_retrieve", "consent_person_consents_list"),
    "consent:informing_new": ("consent_informing_record",),
    "consent:record": ("consent_record",),
    "consent:withdraw": ("consent_withdraw",),
    "consent:evidence": ("consent_evidence_download",),
    "consent:justification_new": ("consent_justification_record",),
    "consent:justification": ("consent_justification_retrieve",),
    "consent:remark_new": ("consent_remark_add",),
    "consent:reminders": ("consent_reminders_list",),
    # data requests
    "datarequests:list": ("datarequests_list",),
    "datarequests:new": ("datarequests_create",),
    "datarequests:detail": ("datarequests_retrieve",),
    "datarequests:answer": ("datarequests_answer",),
    # Veilig Thuis
    "veiligthuis:start": ("veiligthuis_advice_list", "veiligthuis_reports_list"),
    "veiligthuis:advice_new": ("veiligthuis_advice_create",),
    "veiligthuis:advice": ("veiligthuis_advice_retrieve",),
    "veiligthuis:advice_answer": ("veiligthuis_advice_answer",),
    "veiligthuis:report_new": ("veiligthuis_reports_create",),
    "veiligthuis:report": ("veiligthuis_reports_retrieve",),
    "veiligthuis:report_family_informed": ("veiligthuis_reports_family_informed",),
    # the person's dossier and "Mag ik dit delen?"
    "sharing:start": ("share_check",),
    "sharing:disclose": ("share_disclose",),
    "sharing:persons": ("persons_list",),
    "sharing:person": ("persons_retrieve", "dossier_items_list"),
    "sharing:item_record": ("dossier_items_record",),
    "sharing:item_open": ("dossier_items_open",),
    "sharing:item_copy": ("dossier_items_copy",),
}


def screen_routes() -> dict[str, str]:
    """Route name -> pattern of every screen (not the API, the admin or the OIDC login)."""
    return {name: pattern
            for pattern, name, _matcher, _view in walk_patterns(get_resolver().url_patterns)
            if not pattern.startswith(NOT_SCREENS)}


@pytest.fixture(scope="module")
def operation_ids() -> set[str]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {op["operationId"] for item in schema["paths"].values() for op in item.values()
            if isinstance(op, dict) and "operationId" in op}


def test_every_screen_route_has_a_name() -> None:
    unnamed = [pattern for name, pattern in screen_routes().items() if name.endswith(":")
               or not name]
    assert unnamed == [], "name these routes so the parity test can map them"


def test_every_screen_has_an_api_operation_or_a_deliberate_exception() -> None:
    missing = sorted(set(screen_routes()) - set(PARITY) - set(DELIBERATE_EXCEPTIONS))
    assert missing == [], (
        "screens without an API operation: add the operation (same service underneath) and map "
        f"it in PARITY, or, with an honest reason, in DELIBERATE_EXCEPTIONS: {missing}")


def test_the_mapping_names_only_screens_that_exist() -> None:
    stale = sorted((set(PARITY) | set(DELIBERATE_EXCEPTIONS)) - set(screen_routes()))
    assert stale == [], f"no such screen route (renamed or removed?): {stale}"
    assert not set(PARITY) & set(DELIBERATE_EXCEPTIONS)


def test_every_mapped_operation_is_in_the_schema(operation_ids: set[str]) -> None:
    unknown = sorted({(route, op) for route, ops in PARITY.items() for op in ops
                      if op not in operation_ids})
    assert unknown == [], f"operations not in the generated OpenAPI schema: {unknown}"
    assert all(PARITY.values()), "every mapped screen names at least one operation"
