"""Personal API tokens: created by command, hashed, revocable, with the login rules applied."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from deelwijzer.accounts.models import ApiToken
from deelwijzer.testing.factories import ProfessionalFactory

URL = "/api/v1/covenant/versions/"


def create(username: str, *args: str) -> str:
    out = io.StringIO()
    call_command("apitoken", "create", username, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue().strip()


def client_with(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.mark.django_db
def test_a_created_token_authenticates_and_only_its_hash_is_stored():
    ProfessionalFactory(username="anna")
    key = create("anna")
    assert client_with(key).get(URL).status_code == 200
    token = ApiToken.objects.get()
    assert key not in (token.key_hash, token.prefix) and key.startswith(token.prefix)
    assert token.last_used_at is not None


@pytest.mark.django_db
def test_without_or_with_a_wrong_token_the_api_answers_401():
    assert APIClient().get(URL).status_code in (401, 403)
    response = client_with("not-a-token").get(URL)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.django_db
def test_a_revoked_or_expired_token_no_longer_works():
    ProfessionalFactory(username="anna")
    key = create("anna")
    out = io.StringIO()
    call_command("apitoken", "revoke", key[:8], stdout=out)
    assert "revoked 1" in out.getvalue()
    assert client_with(key).get(URL).status_code == 401

    key = create("anna", "--days", "1")
    ApiToken.objects.filter(prefix=key[:8]).update(expires_at=timezone.now())
    assert client_with(key).get(URL).status_code == 401


@pytest.mark.django_db
def test_the_login_rules_apply_to_tokens_too():
    """P2: a professional whose VOG expired after the token was made is refused, with why."""
    user = ProfessionalFactory(username="anna")
    key = create("anna")
    user.vog_date = timezone.localdate() - dt.timedelta(days=3 * 366)
    user.save()
    response = client_with(key).get(URL)
    assert response.status_code == 401
    assert "VOG" in response.json()["detail"]


@pytest.mark.django_db
def test_the_command_refuses_an_unknown_user_and_lists_without_keys():
    with pytest.raises(SystemExit) as exit_info:
        call_command("apitoken", "create", "nobody", stderr=io.StringIO())
    assert exit_info.value.code == 2
    ProfessionalFactory(username="anna")
    key = create("anna")
    out = io.StringIO()
    call_command("apitoken", "list", stdout=out)
    assert "anna" in out.getvalue() and "active" in out.getvalue()
    assert key not in out.getvalue()


@pytest.mark.django_db
def test_a_session_without_second_factor_gets_json_not_a_redirect(client):
    user = ProfessionalFactory(username="anna")
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 403
    assert "second factor" in response.json()["detail"] or "tweede" in response.json()["detail"]
