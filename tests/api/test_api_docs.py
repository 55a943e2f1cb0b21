"""The OpenAPI schema and its documentation page, which must work on a network without internet."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db

EXPECTED_PATHS = {
    "/api/v1/documents": {"get"},
    "/api/v1/documents/{document_id}": {"get"},
    "/api/v1/units": {"get"},
    "/api/v1/units/{code}": {"get"},
    "/api/v1/topics": {"get"},
    "/api/v1/staff/documents": {"get", "post"},
    "/api/v1/staff/documents/{document_id}": {"get", "put"},
    "/api/v1/staff/documents/{document_id}/submit": {"post"},
    "/api/v1/staff/documents/{document_id}/send-back": {"post"},
    "/api/v1/staff/documents/{document_id}/approve": {"post"},
    "/api/v1/staff/documents/{document_id}/withdraw": {"post"},
    "/api/v1/staff/documents/{document_id}/validity": {"post"},
}


def test_openapi_schema_is_valid_and_lists_the_paths() -> None:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"] == {**schema["info"], "title": "gongkai 开放接口", "version": "1.0.0"}
    paths = schema["paths"]
    for path, methods in EXPECTED_PATHS.items():
        assert path in paths, path
        assert set(paths[path]) == methods, path
    # Every operation documents its answers, and every reference resolves.
    components = schema["components"]["schemas"]
    for path, operations in paths.items():
        for method, operation in operations.items():
            assert operation["responses"], (method, path)
            assert operation.get("summary"), (method, path)
    for ref in re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', response.content.decode()):
        assert ref in components, ref
    # Staff operations declare both ways of authenticating; public ones need none.
    assert {next(iter(s)) for s in paths["/api/v1/staff/documents"]["get"]["security"]} == {
        "TokenAuth",
        "StaffSessionAuth",
    }
    assert "security" not in paths["/api/v1/documents"]["get"]
    assert "ErrorOut" in components


def test_docs_page_uses_only_local_files() -> None:
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn" not in html.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html, re.IGNORECASE)
    assert "http://" not in html and "https://" not in html
    for asset in re.findall(r"""(?:src|href)="/static/([^"]+)\"""", html):
        assert finders.find(asset), f"static file {asset} is not shipped"
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert '"validatorUrl": null' in html  # no call-out to validator.swagger.io
    assert '"url": "/api/v1/openapi.json"' in html


def test_unknown_api_address_is_a_json_404() -> None:
    response = Client().get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到该接口，可用的接口见 /api/v1/docs。", "errors": {}}
    assert Client().get("/api/v1/documents/not-a-number").status_code == 404
