"""Public pages: what a reader sees, and what they must not see."""

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.core.context import Actor
from gongkai.documents.choices import Disclosure
from gongkai.documents.services import document_withdraw
from tests.documents.factories import make_draft, make_published

pytestmark = pytest.mark.django_db


def test_document_page_shows_standard_metadata(clock, staff) -> None:
    doc = make_published(
        staff["handler"], staff["admin"], doc_number="苏财规〔2026〕9号", keywords="收费 目录"
    )
    page = Client().get(reverse("portal:document", args=[doc.pk])).content.decode()
    for text in (
        "索引号",
        doc.index_number,
        "苏州市财政局",
        "苏财规〔2026〕9号",
        "2026年6月1日",
        "2026年6月15日",
        "劳动、人事、监察\\社会保障",
        "主动公开",
        "有效",
    ):
        assert text in page, text


def test_drafts_withdrawn_and_non_public_documents_are_absent(clock, staff) -> None:
    draft = make_draft(staff["handler"])
    withheld = make_published(
        staff["handler"], staff["admin"], title="仅依申请提供的文件", disclosure=Disclosure.ON_REQUEST
    )
    gone = make_published(staff["handler"], staff["admin"], title="撤回的")
    document_withdraw(actor=Actor(staff["admin"]), document=gone, reason="错误")
    c = Client()
    for doc in (draft, withheld, gone):
        assert c.get(reverse("portal:document", args=[doc.pk])).status_code == 404
    home = c.get(reverse("portal:home")).content.decode()
    assert "仅依申请提供的文件" not in home and "撤回的" not in home


def test_browse_by_unit_and_topic(clock, staff, units) -> None:
    doc = make_published(staff["handler"], staff["admin"], doc_number="苏财规〔2026〕3号")
    c = Client()
    assert doc.title in c.get(reverse("portal:unit", args=[units["finance"].code])).content.decode()
    assert (
        doc.title in c.get(reverse("portal:unit", args=[units["city"].code]), {"sub": "1"}).content.decode()
    )
    assert doc.title in c.get(reverse("portal:topic", args=["15"])).content.decode()
    # Searching by 发文字号 is covered over the real index in tests/search/test_ui_page.py.


def test_sitemap_lists_public_documents(clock, staff) -> None:
    doc = make_published(staff["handler"], staff["admin"])
    index = Client().get("/sitemap.xml").content.decode()
    assert "/sitemap-documents.xml" in index
    xml = Client().get("/sitemap-documents.xml").content.decode()
    assert f"/documents/{doc.pk}/" in xml


def test_large_text_mode_works_without_javascript(db) -> None:
    c = Client()
    resp = c.get(reverse("portal:large_text"), {"on": "1", "next": "/topics/"})
    assert resp.status_code == 302 and resp["Location"] == "/topics/"
    assert 'class="large-text"' in c.get("/topics/").content.decode()


def test_large_text_refuses_offsite_redirect(db) -> None:
    resp = Client().get(reverse("portal:large_text"), {"on": "1", "next": "https://evil.example/"})
    assert resp["Location"] == "/"


def test_lapsed_document_points_to_its_replacement_and_back(clock, staff) -> None:
    import datetime as dt

    from gongkai.documents.choices import Validity
    from gongkai.documents.services import document_set_validity

    old = make_published(staff["handler"], staff["admin"], title="旧办法")
    new = make_published(staff["handler"], staff["admin"], title="新办法")
    document_set_validity(
        actor=Actor(staff["admin"]),
        document=old,
        validity=Validity.REPEALED,
        date_changed=dt.date(2026, 6, 12),
        superseded_by=new,
    )
    c = Client()
    old_page = c.get(reverse("portal:document", args=[old.pk])).content.decode()
    assert "本文件已废止（2026年6月12日）" in old_page
    assert f'href="/documents/{new.pk}/"' in old_page
    new_page = c.get(reverse("portal:document", args=[new.pk])).content.decode()
    assert "本文件替代" in new_page and f'href="/documents/{old.pk}/"' in new_page


def test_sitemap_index_has_every_section(clock, staff) -> None:
    make_published(staff["handler"], staff["admin"])
    index = Client().get("/sitemap.xml").content.decode()
    for section in ("static", "units", "documents", "interpretations", "gazette"):
        assert f"/sitemap-{section}.xml" in index, section
        assert Client().get(f"/sitemap-{section}.xml").status_code in {200, 404}
    units_xml = Client().get("/sitemap-units.xml").content.decode()
    assert "/catalog/014000003/" in units_xml


def test_unit_lists_current_normative_documents_in_one_click(clock, staff, units) -> None:
    from gongkai.documents.choices import Validity
    from gongkai.documents.services import document_set_validity

    rule = make_published(staff["handler"], staff["admin"], title="现行规范", genre="规范性文件")
    gone = make_published(staff["handler"], staff["admin"], title="已废规范", genre="规范性文件")
    make_published(staff["handler"], staff["admin"], title="普通通知")
    document_set_validity(
        actor=Actor(staff["admin"]), document=gone, validity=Validity.REPEALED, date_changed=gone.date_written
    )
    page = Client().get(reverse("portal:unit", args=[units["finance"].code]), {"current_rules": "1"})
    text = page.content.decode()
    assert rule.title in text and "已废规范" not in text and "普通通知" not in text
