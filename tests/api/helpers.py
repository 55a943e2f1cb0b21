"""Helpers for the API tests: documents built through the services, and clients for session users and
token holders."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.test import Client

from gongkai.api.services import api_token_create
from gongkai.core.context import Actor
from gongkai.documents.models import Document
from gongkai.documents.services import (
    DocumentInput,
    document_approve,
    document_create,
    document_import_published,
    document_submit,
)

_serial = itertools.count(1)


def doc_input(**overrides: Any) -> DocumentInput:
    values: dict[str, Any] = {
        "title": "关于做好2026年社会保险费征缴工作的通知",
        "body": "各区财政局：\n现将有关事项通知如下。",
        "date_written": dt.date(2026, 6, 1),
        "topic": "1502",
        "genre": "通知",
    }
    values.update(overrides)
    return DocumentInput(**values)


def published(unit: Any, *, at: dt.datetime | None = None, **overrides: Any) -> Document:
    """A document already published (imported by the system, as the demo data is)."""
    when = at or dt.datetime(2026, 6, 10, 2, 0, tzinfo=dt.UTC)
    return document_import_published(
        actor=Actor.system(), unit=unit, data=doc_input(**overrides), published_at=when
    )


def draft(author: Any, **overrides: Any) -> Document:
    return document_create(actor=Actor(author), unit=author.unit, data=doc_input(**overrides))


def published_by_review(author: Any, reviewer: Any, **overrides: Any) -> Document:
    doc = draft(author, **overrides)
    document_submit(actor=Actor(author), document=doc)
    return document_approve(actor=Actor(reviewer), document=doc)


def doc_payload(**overrides: Any) -> dict[str, Any]:
    """A valid JSON body for ``POST /staff/documents``."""
    values: dict[str, Any] = {
        "title": f"关于印发苏州市财政专项资金管理办法的通知（{next(_serial)}）",
        "body": "各有关单位：\n现将《办法》印发给你们，请认真贯彻执行。",
        "date_written": "2026-06-01",
        "topic": "0401",
        "genre": "通知",
    }
    values.update(overrides)
    return values


def login(user: Any, *, enforce_csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=enforce_csrf)
    client.force_login(user)  # a real session; the login form itself is the workbench's concern
    return client


class TokenClient(Client):
    """A client that sends ``Authorization: Bearer <secret>`` and JSON bodies, and never a session."""

    def __init__(self, secret: str) -> None:
        super().__init__(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {secret}"})


def token_client(user: Any, name: str = "测试程序") -> TokenClient:
    _, secret = api_token_create(actor=Actor.system(), user=user, name=name)
    return TokenClient(secret)


def post_json(client: Client, url: str, data: Any = None) -> Any:
    return client.post(url, data=data if data is not None else {}, content_type="application/json")


def put_json(client: Client, url: str, data: Any) -> Any:
    return client.put(url, data=data, content_type="application/json")
