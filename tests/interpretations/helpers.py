"""Builders for interpretation tests, going through the services."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from gongkai.core.context import Actor
from gongkai.documents.models import Document
from gongkai.interpretations.models import Interpretation
from gongkai.interpretations.services import (
    InterpretationInput,
    interpretation_create,
    interpretation_publish,
)
from tests.conftest import PASSWORD


def make_interpretation(author: Any, documents: list[Document], **overrides: Any) -> Interpretation:
    values: dict[str, Any] = {"title": "《社会保险费征缴通知》解读", "body": "一、背景\n二、要点"}
    values.update(overrides)
    return interpretation_create(
        actor=Actor(author), unit=author.unit, data=InterpretationInput(**values), documents=documents
    )


def make_published_interpretation(
    author: Any, reviewer: Any, documents: list[Document], **overrides: Any
) -> Interpretation:
    item = make_interpretation(author, documents, **overrides)
    return interpretation_publish(actor=Actor(reviewer), interpretation=item)


def login(username: str) -> Client:
    c = Client(REMOTE_ADDR="192.0.2.10")
    resp = c.post(reverse("workbench:login"), {"username": username, "password": PASSWORD})
    assert resp.status_code == 302, resp.content.decode()[:500]
    return c
