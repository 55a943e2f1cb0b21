"""RSS 2.0 and Atom 1.0 feeds: well-formed, carrying the required elements, public records only."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.documents.choices import Disclosure
from tests.documents.factories import make_draft, make_published
from tests.interpretations.helpers import make_interpretation, make_published_interpretation

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _get(url: str) -> ET.Element:
    resp = Client().get(url)
    assert resp.status_code == 200
    return ET.fromstring(resp.content)  # noqa: S314 -- our own output under test, not untrusted input


def _check_rss(root: ET.Element) -> list[ET.Element]:
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel is not None
    for tag in ("title", "link", "description"):
        assert (channel.findtext(tag) or "").strip(), tag
    items = channel.findall("item")
    for item in items:
        for tag in ("title", "link", "guid", "pubDate"):
            assert (item.findtext(tag) or "").strip(), tag
    return items


def _check_atom(root: ET.Element) -> list[ET.Element]:
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{tag}") or "").strip(), tag
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        for tag in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{tag}") or "").strip(), tag
        link = entry.find(f"{ATOM}link")
        assert link is not None and link.get("href")
    return entries


@pytest.fixture
def docs(clock, staff):  # type: ignore[no-untyped-def]
    public = make_published(
        staff["handler"], staff["admin"], title="公开<通知> & 说明", summary="摘要<script>"
    )
    make_draft(staff["handler"], title="草稿不应出现", doc_number="苏财〔2026〕2号")
    make_published(
        staff["handler"],
        staff["admin"],
        title="依申请公开不应出现",
        doc_number="苏财〔2026〕3号",
        disclosure=Disclosure.ON_REQUEST,
    )
    other = make_published(staff["other_handler"], staff["office"], title="办公室的通知")
    return {"public": public, "other": other}


def test_latest_documents_rss_and_atom(docs) -> None:
    items = _check_rss(_get(reverse("feeds:documents_rss")))
    titles = {i.findtext("title") for i in items}
    assert titles == {"公开<通知> & 说明", "办公室的通知"}  # parsed back from escaped XML
    link = next(i.findtext("link") for i in items if i.findtext("title") == "公开<通知> & 说明")
    assert (link or "").endswith(reverse("portal:document", args=[docs["public"].pk]))
    entries = _check_atom(_get(reverse("feeds:documents_atom")))
    assert {e.findtext(f"{ATOM}title") for e in entries} == titles


def test_unit_feeds(docs, units) -> None:
    code = units["finance"].code
    items = _check_rss(_get(reverse("feeds:unit_rss", args=[code])))
    assert [i.findtext("title") for i in items] == ["公开<通知> & 说明"]
    entries = _check_atom(_get(reverse("feeds:unit_atom", args=[code])))
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["公开<通知> & 说明"]
    assert Client().get(reverse("feeds:unit_rss", args=["nope"])).status_code == 404


def test_interpretation_feeds(docs, staff) -> None:
    published = make_published_interpretation(
        staff["handler"], staff["admin"], [docs["public"]], title="解读<一>"
    )
    make_interpretation(staff["handler"], [docs["public"]], title="草稿解读")
    items = _check_rss(_get(reverse("feeds:interpretations_rss")))
    assert [i.findtext("title") for i in items] == [published.title]
    entries = _check_atom(_get(reverse("feeds:interpretations_atom")))
    assert [e.findtext(f"{ATOM}title") for e in entries] == [published.title]


def test_empty_feeds_are_still_valid(db) -> None:
    assert _check_rss(_get(reverse("feeds:documents_rss"))) == []
    assert _check_atom(_get(reverse("feeds:interpretations_atom"))) == []


def test_catalog_column_feeds(docs, units, system) -> None:
    from gongkai.catalog.models import CatalogNode
    from gongkai.catalog.services import catalog_seed_standard, document_file

    catalog_seed_standard(actor=system, unit=units["finance"])
    column = CatalogNode.objects.get(unit=units["finance"], name="政策文件")
    document_file(actor=system, document=docs["public"], nodes=[column])
    args = [units["finance"].code, column.pk]
    items = _check_rss(_get(reverse("feeds:catalog_node_rss", args=args)))
    assert [i.findtext("title") for i in items] == ["公开<通知> & 说明"]
    entries = _check_atom(_get(reverse("feeds:catalog_node_atom", args=args)))
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["公开<通知> & 说明"]
    other_unit = [units["office"].code, column.pk]
    assert Client().get(reverse("feeds:catalog_node_rss", args=other_unit)).status_code == 404
