"""A reader in headless Debian chromium: home page → document page, over real HTTP."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.documents.factories import make_published


@pytest.fixture
def page(browser) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    yield browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})


@pytest.mark.django_db(transaction=True)
def test_reader_opens_home_then_document(live_server, page, clock, staff, tmp_path: Path) -> None:
    doc = make_published(
        staff["handler"], staff["admin"], title="关于公布2026年收费目录的通知", doc_number="苏财规〔2026〕8号"
    )
    page.goto(live_server.url + "/")
    assert page.locator("h1").first.inner_text() == "政府信息公开"
    assert page.title().endswith("政务公开")
    link = page.get_by_role("link", name="关于公布2026年收费目录的通知")
    assert link.is_visible()
    link.click()
    page.wait_for_url(f"**/documents/{doc.pk}/")
    table = page.get_by_role("table", name="文件元数据")
    assert "苏财规〔2026〕8号" in table.inner_text()
    assert doc.index_number in table.inner_text()
    assert page.get_by_role("heading", level=1).inner_text() == doc.title
    page.screenshot(path=os.environ.get("GONGKAI_SCREENSHOT", str(tmp_path / "document.png")), full_page=True)

    page.get_by_role("link", name="大字号（适老化）").click()
    assert "large-text" in (page.locator("body").get_attribute("class") or "")
    size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert size > 18

    # Keyboard: the first Tab reaches the skip link, which leads to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"


@pytest.mark.django_db(transaction=True)
def test_narrow_screen_keeps_metadata_readable(live_server, page, clock, staff) -> None:
    doc = make_published(staff["handler"], staff["admin"])
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/documents/{doc.pk}/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, "no horizontal scrolling on a phone"
    assert page.get_by_text("索引号").first.is_visible()
