"""知识库 in the platform search: published entries are found, drafts never; the index follows
publication and expiry."""

from __future__ import annotations

import pytest

from gongkai.knowledge.selectors import entries_find
from gongkai.knowledge.services import entry_expire
from gongkai.search.services import search, search_check
from gongkai.search.types import SearchQuery

pytestmark = pytest.mark.django_db


def keys(text: str, **kwargs: object) -> list[str]:
    return [h.key for h in search(SearchQuery(text=text, page_size=50, **kwargs)).hits]  # type: ignore[arg-type]


def test_published_entry_is_found_and_draft_is_not(kb, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        published = kb.published(question="新生儿怎样办理出生户口登记？", tags=["户口"])
        draft = kb.draft(question="新生儿草稿问题怎样办理？")
    found = keys("新生儿")
    assert f"knowledge:{published.pk}" in found
    assert f"knowledge:{draft.pk}" not in found
    # The phrasings and answer are searchable too, and the type filter works.
    assert keys("自由职业者", types=("knowledge",)) == [f"knowledge:{published.pk}"]
    assert keys("社保经办窗口", types=("knowledge",)) == [f"knowledge:{published.pk}"]
    hit = search(SearchQuery(text="出生户口", types=("knowledge",))).hits[0]
    assert hit.url == f"/zsk/{published.pk}/" and hit.unit_name == "苏州市财政局"
    assert entries_find("出生户口") == [published]
    assert search_check().ok


def test_expiry_removes_from_the_index(kb, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        entry = kb.published(question="企业简易注销需要什么条件？")
    assert keys("简易注销") == [f"knowledge:{entry.pk}"]
    with django_capture_on_commit_callbacks(execute=True):
        entry_expire(actor=kb.actor("admin"), entry=entry, reason_text="政策调整")
    assert keys("简易注销") == []
    assert entries_find("简易注销") == []
    assert search_check().ok
