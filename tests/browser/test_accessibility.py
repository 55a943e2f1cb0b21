"""Accessibility of the pages that matter, checked by axe-core in headless Debian chromium.

Government sites must meet the accessibility standard; axe checks the WCAG 2 A/AA rules it can decide
automatically (labels, contrast, landmarks, names of links and buttons, language of the page).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.documents.factories import make_published

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
BLOCKING = {"serious", "critical"}


@pytest.fixture
def page(browser) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    yield browser.new_page(locale="zh-CN")


def _violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options=WCAG)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result.response["violations"]
        if v.get("impact") in BLOCKING
    ]


@pytest.mark.django_db(transaction=True)
def test_public_and_staff_pages_have_no_serious_accessibility_violations(
    live_server, page, clock, staff
) -> None:
    doc = make_published(staff["handler"], staff["admin"], doc_number="苏财规〔2026〕8号")
    paths = [
        "/",
        f"/documents/{doc.pk}/",
        f"/units/{doc.unit.code}/",
        "/topics/",
        "/search/?q=%E9%80%9A%E7%9F%A5",
        "/workbench/login/",
        "/yisqgk/apply/",
        "/yisqgk/track/",
        "/yhd/new/",
        "/yhd/track/",
        "/a11y/large-text/?on=1&next=/",
    ]
    problems: dict[str, list[str]] = {}
    for path in paths:
        page.goto(live_server.url + path)
        found = _violations(page)
        if found:
            problems[path] = found
    assert not problems, problems
