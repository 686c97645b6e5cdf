"""Who may log in (P2, P3, P1) and who needs a second factor.

One function decides whether a professional may use Deelwijzer at all: ``login_blockers``.
The password login form, the OIDC backend and the AccessPolicyMiddleware (on every request)
all ask it, so the rule lives in one place.

The VOG boundary (P2, privacyprotocol art. 6.3: "niet ouder dan drie jaar"): a VOG dated D
is still valid on the day D + 3 calendar years and is refused from the day after. A VOG
dated 29 February has its anniversary on 28 February in a non-leap year (the earlier,
stricter reading). A VOG dated in the future is not refused here; the staff forms refuse
such dates when they are entered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from deelwijzer.accounts.roles import SEES_PERSONAL_DATA, VOG_MAX_AGE_YEARS, Role

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise as StrPromise

    from deelwijzer.accounts.models import Professional

# Session key holding the codes of the blockers that ended (or refused) a login, so the
# login page can say why after a redirect (middleware log-out, OIDC refusal).
BLOCKED_SESSION_KEY = "deelwijzer_login_blocked"
# Session key holding a notice code for the login page that is not a blocker.
NOTICE_SESSION_KEY = "deelwijzer_login_notice"
# Session key holding the pk of a user whose identity provider asserted multi-factor
# authentication; only honoured for sessions authenticated by the OIDC backend.
IDP_MFA_SESSION_KEY = "deelwijzer_idp_mfa_user"
OIDC_BACKEND_PATH = "deelwijzer.accounts.oidc.PartnerOIDCBackend"


@dataclass(frozen=True)
class Blocker:
    """A reason why a professional may not log in, with the rule it rests on."""

    code: str
    rule: str  # rule id in DOMAIN.md
    article: str  # the article of the privacy protocol
    message: StrPromise  # user-facing, lazily translated

    def __str__(self) -> str:
        return str(self.message)


BLOCKERS: dict[str, Blocker] = {
    b.code: b
    for b in (
        Blocker(
            code="inactive",
            rule="P1",
            article="4.4",
            message=_(
                "Login is not possible: your account has been deactivated. "
                "Ask your partner administrator."
            ),
        ),
        Blocker(
            code="no_partner",
            rule="P1",
            article="4.4",
            message=_(
                "Login is not possible: your account is not linked to a partner of the "
                "covenant (privacy protocol art. 4.4). Ask your partner administrator to "
                "link your account."
            ),
        ),
        Blocker(
            code="vog_missing",
            rule="P2",
            article="6.3",
            message=_(
                "Login is not possible: no VOG (certificate of good conduct) has been "
                "registered for you (privacy protocol art. 6.3). Ask your partner "
                "administrator to register your VOG."
            ),
        ),
        Blocker(
            code="vog_expired",
            rule="P2",
            article="6.3",
            message=_(
                "Login is not possible: your VOG is older than three years (privacy "
                "protocol art. 6.3). Ask your partner administrator to register a new VOG."
            ),
        ),
        Blocker(
            code="declaration_missing",
            rule="P3",
            article="6.2",
            message=_(
                "Login is not possible: staff of a shell partner must sign a "
                "confidentiality declaration first (privacy protocol art. 6.1-6.2). Ask "
                "your partner administrator to register your signed declaration."
            ),
        ),
    )
}


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a non-leap target year
        return day.replace(year=day.year + years, day=28)


def vog_valid_until(vog_date: dt.date) -> dt.date:
    """The last day on which a VOG dated ``vog_date`` still gives access (inclusive)."""
    return add_years(vog_date, VOG_MAX_AGE_YEARS)


def login_blockers(professional: Professional, today: dt.date) -> list[Blocker]:
    """Every reason why ``professional`` may not log in on ``today``; empty means allowed.

    Reads the professional's fields, partner (``select_related`` it to save a query) and
    roles (cached on the instance).
    """
    blockers: list[Blocker] = []
    if not professional.is_active:
        blockers.append(BLOCKERS["inactive"])
    partner = professional.partner
    if partner is None and not professional.has_role(Role.SYSTEM_ADMIN):
        blockers.append(BLOCKERS["no_partner"])
    if professional.vog_date is None:
        blockers.append(BLOCKERS["vog_missing"])
    elif today > vog_valid_until(professional.vog_date):
        blockers.append(BLOCKERS["vog_expired"])
    if (
        partner is not None
        and partner.is_shell
        and professional.confidentiality_declaration_date is None
    ):
        blockers.append(BLOCKERS["declaration_missing"])
    return blockers


def blockers_from_codes(codes: object) -> list[Blocker]:
    """Rebuild blockers from codes kept in the session; unknown codes are dropped."""
    if not isinstance(codes, list):
        return []
    return [BLOCKERS[c] for c in codes if isinstance(c, str) and c in BLOCKERS]


def remember_blockers(request: HttpRequest, blockers: list[Blocker]) -> None:
    """Keep the blocker codes in the (anonymous) session for the login page to show."""
    request.session[BLOCKED_SESSION_KEY] = [b.code for b in blockers]


def second_factor_disabled() -> bool:
    """True only in the demo, with the clearly named setting switched on."""
    return bool(getattr(settings, "DEELWIJZER_DEMO_WITHOUT_SECOND_FACTOR", False))


def needs_second_factor(professional: Professional) -> bool:
    """TOTP is required for every role that can see personal data.

    A professional without any role is treated as needing it too (fail closed); only
    someone whose roles are all outside SEES_PERSONAL_DATA (the team coordinator) is
    exempt. The demo may switch the requirement off with
    DEELWIJZER_DEMO_WITHOUT_SECOND_FACTOR.
    """
    if second_factor_disabled():
        return False
    roles = professional.roles
    return not roles or bool(roles & SEES_PERSONAL_DATA)


def second_factor_done(request: HttpRequest) -> bool:
    """Whether this session has passed a second factor (TOTP, or MFA at the partner's IdP)."""
    user = request.user
    is_verified = getattr(user, "is_verified", None)
    if callable(is_verified) and is_verified():
        return True
    return (
        request.session.get(BACKEND_SESSION_KEY) == OIDC_BACKEND_PATH
        and request.session.get(IDP_MFA_SESSION_KEY) == user.pk
        and user.pk is not None
    )
