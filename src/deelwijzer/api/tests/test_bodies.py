"""Request bodies at the edge: deeply nested, oversized or malformed JSON is a 400 naming the
body and the rule, in the user's language; never a 500."""

from __future__ import annotations

import json

import pytest
from django.conf import settings

from deelwijzer.api.parsers import nesting_depth
from deelwijzer.testing.factories import ProfessionalFactory

pytestmark = pytest.mark.django_db

DEEP = "[" * 1000 + "]" * 1000  # about 2 KB; Python's json recurses once per level


def post(client, url, body, method="post", **extra):
    return getattr(client, method)(url, data=body, content_type="application/json", **extra)


# Operations that take a JSON body, in every area of the API.
URLS = [
    "/api/v1/share/check/",
    "/api/v1/cases/open/",
    "/api/v1/consent/",
    "/api/v1/requests/",
    "/api/v1/veilig-thuis/advice/",
]


@pytest.fixture
def director(api_client):
    return api_client(ProfessionalFactory())


def assert_body_error(response, code):
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["errors"] == [{"field": "body", "code": code, "message": body["detail"]}]
    return body["detail"]


def test_deeply_nested_json_is_a_400_in_dutch_on_every_endpoint(director):
    for url in URLS:
        message = assert_body_error(post(director, url, DEEP), "too_deep")
        assert message.startswith("Inhoud van het verzoek:"), message
        assert "32" in message


def test_deep_objects_inside_a_field_are_refused_too(director):
    value: object = "x"
    for _ in range(40):
        value = {"a": value}
    response = post(director, "/api/v1/share/check/", json.dumps({"purpose": value}))
    assert_body_error(response, "too_deep")


def test_nesting_at_the_limit_reaches_the_serializer(director):
    value: object = "x"
    for _ in range(settings.DEELWIJZER_API_MAX_JSON_DEPTH - 1):
        value = [value]
    response = post(director, "/api/v1/share/check/", json.dumps({"purpose": value}))
    assert response.status_code == 400
    # the serializer's own field error, not the body's
    assert "purpose" in {e["field"] for e in response.json()["errors"]}


def test_brackets_inside_strings_do_not_count():
    assert nesting_depth(json.dumps({"text": "[" * 500 + '"\\"{{{'})) == 1
    assert nesting_depth('[[{"a": [1, "]]]]"]}]]') == 4
    assert nesting_depth("") == 0


def test_oversized_json_is_a_400_naming_the_limit(director):
    size = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    big = json.dumps({"text": "a" * (size + 1)})
    for url in URLS[:2]:
        message = assert_body_error(post(director, url, big), "too_large")
        assert message.startswith("Inhoud van het verzoek: te groot")
        assert str(size // 1024) in message


def test_oversized_form_body_is_refused_the_same_way(director):
    size = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = director.post("/api/v1/share/check/", data="text=" + "a" * size,
                             content_type="application/x-www-form-urlencoded")
    assert_body_error(response, "too_large")


def test_malformed_json_names_line_and_column(director):
    message = assert_body_error(post(director, "/api/v1/share/check/", '{\n  "purpose": }'),
                                "invalid_json")
    assert "regel 2" in message and "kolom" in message
    assert_body_error(post(director, "/api/v1/share/check/", '{"n": NaN}'), "invalid_json")


def test_english_when_the_session_chose_english(director):
    director.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    message = assert_body_error(post(director, "/api/v1/cases/open/", DEEP), "too_deep")
    assert message.startswith("Request body: the JSON is nested too deeply")


@pytest.mark.parametrize("method", ["put", "patch"])
def test_put_and_patch_with_deep_json_are_no_server_error(director, case, method):
    # No operation takes PUT or PATCH: 405 before the body is read, never a 500.
    for url in URLS:
        assert post(director, url, DEEP, method=method).status_code == 405
