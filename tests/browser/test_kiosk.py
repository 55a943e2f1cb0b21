"""The service-hall kiosk in headless Debian chromium: large touch targets, the life-event grid, a
question typed into the box, an entry, and the way back home; axe finds no serious WCAG violation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
MIN_TARGET_PX = 48


@pytest.fixture
def page(browser) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    # A portrait service-hall screen, touch enabled.
    yield browser.new_page(locale="zh-CN", viewport={"width": 1080, "height": 1920}, has_touch=True)


def _small_targets(page: Any) -> list[str]:
    sizes = page.eval_on_selector_all(
        "a, button, input",
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " const label = (e.innerText || e.name || '').trim().slice(0, 20);"
        " return [e.tagName + ':' + label, r.width, r.height]; })",
    )
    small = [(n, w, h) for n, w, h in sizes if w and (h < MIN_TARGET_PX or w < MIN_TARGET_PX)]
    return [f"{name} {w:.0f}×{h:.0f}" for name, w, h in small]


def _serious(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options=WCAG)
    return [v["id"] for v in result.response["violations"] if v.get("impact") in {"serious", "critical"}]


@pytest.mark.django_db(transaction=True)
def test_kiosk_touch_flow(live_server, page, clock, staff, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from gongkai.core.context import Actor
    from gongkai.knowledge.models import LifeEvent
    from gongkai.knowledge.services import EntryInput, entry_approve, entry_create, entry_submit

    handler, admin = staff["handler"], staff["admin"]
    # A transactional test after another one starts from a flushed database: migration-seeded rows
    # such as the life events may be gone.
    event, _ = LifeEvent.objects.get_or_create(
        code="shengyu-shouyang", defaults={"name": "生育收养", "audience": "personal", "kind": "event"}
    )
    entry = entry_create(
        actor=Actor(handler),
        unit=handler.unit,
        data=EntryInput(
            question="新生儿怎样办理出生户口登记？",
            answer_html="<p>携带出生医学证明和父母户口簿办理。</p>",
            phrasings=["宝宝怎么上户口"],
            life_events=[event],
        ),
    )
    entry_approve(actor=Actor(admin), entry=entry_submit(actor=Actor(handler), entry=entry))

    page.goto(live_server.url + "/kiosk/")
    assert page.get_by_role("heading", level=1).inner_text() == "您好，请问您要办什么事？"
    assert float(page.eval_on_selector("html", "e => parseFloat(getComputedStyle(e).fontSize)")) >= 20
    assert _small_targets(page) == []
    assert _serious(page) == []
    page.get_by_role("link", name="生育收养").tap()
    page.wait_for_url("**/kiosk/event/shengyu-shouyang/")
    page.get_by_role("link", name="新生儿怎样办理出生户口登记？").tap()
    page.wait_for_url(f"**/kiosk/{entry.pk}/")
    assert "出生医学证明" in page.locator("main").inner_text()
    assert _small_targets(page) == []
    page.get_by_role("link", name="返回首页").tap()
    page.wait_for_url("**/kiosk/")
    page.get_by_label("请输入您要办的事或想问的问题").fill("上户口")
    page.get_by_role("button", name="查找").tap()
    page.wait_for_url("**/kiosk/search/?q=*")
    assert page.get_by_role("link", name="新生儿怎样办理出生户口登记？").is_visible()
    page.screenshot(path=str(tmp_path / "kiosk.png"), full_page=True)
