"""``deelwijzer apitoken SUBCOMMAND ...``: personal API tokens.

    deelwijzer apitoken create USERNAME [--days N]   print a new key (shown once)
    deelwijzer apitoken list [USERNAME]              prefixes, owners, expiry, last use
    deelwijzer apitoken revoke PREFIX                revoke every token with that prefix
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from deelwijzer.accounts.access import login_blockers
from deelwijzer.accounts.models import ApiToken, Professional
from deelwijzer.accounts.tokens import api_token_create, api_token_revoke
from deelwijzer.subcommands import CommandGroup, argument, subcommand


class Command(CommandGroup):
    help = "Personal API tokens (create, list, revoke)."

    @subcommand(
        argument("username", help="the professional's username"),
        argument("--days", type=int, default=365,
                 help="days until the token expires (0: never; default 365)"),
    )
    def create(self, *, username: str, days: int, **options: Any) -> int:
        """Create a token for a professional and print its key once."""
        professional = Professional.objects.filter(username=username).first()
        if professional is None:
            self.stderr.write(f"apitoken: no professional with username {username!r}")
            return 2
        if days < 0:
            self.stderr.write("apitoken: --days must be 0 (never expires) or more")
            return 2
        blockers = login_blockers(professional, timezone.localdate())
        token, key = api_token_create(professional=professional, valid_days=days or None)
        self.stdout.write(key)
        expiry = token.expires_at.date().isoformat() if token.expires_at else "never"
        self.stderr.write(f"token {token.prefix}… for {username}, expires: {expiry}. "
                          "Use it as the header 'Authorization: Token <key>'; it is not "
                          "shown again.")
        for blocker in blockers:
            self.stderr.write(f"warning: {username} cannot use it now: {blocker.message}")
        return 0

    @subcommand(argument("username", nargs="?", help="only this professional's tokens"))
    def list(self, *, username: str | None, **options: Any) -> int:
        """List tokens (never their keys)."""
        tokens = ApiToken.objects.select_related("professional").order_by("created_at")
        if username:
            tokens = tokens.filter(professional__username=username)
        for t in tokens:
            state = "revoked" if t.revoked_at else (
                "expired" if t.expires_at and t.expires_at <= timezone.now() else "active")
            self.stdout.write(
                f"{t.prefix}  {t.professional.username}  {state}  created "
                f"{t.created_at:%Y-%m-%d}  expires "
                f"{t.expires_at.date().isoformat() if t.expires_at else 'never'}  last used "
                f"{t.last_used_at.isoformat(timespec='minutes') if t.last_used_at else '-'}")
        return 0

    @subcommand(argument("prefix", help="the token's first 8 characters, as listed"))
    def revoke(self, *, prefix: str, **options: Any) -> int:
        """Revoke the active tokens with this prefix."""
        tokens = list(ApiToken.objects.filter(prefix=prefix, revoked_at__isnull=True))
        if not tokens:
            self.stderr.write(f"apitoken: no active token with prefix {prefix!r}")
            return 2
        for token in tokens:
            api_token_revoke(token=token)
        self.stdout.write(f"revoked {len(tokens)} token(s)")
        return 0
