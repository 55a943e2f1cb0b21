"""Portal pages, the office overview, the API endpoints and the demo loader."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from gongkai.catalog.choices import STANDARD_NODES
from gongkai.catalog.demo import load_catalog_demo
from gongkai.catalog.models import CatalogEntry, CatalogFiling, CatalogNode, GrassrootsDomain
from gongkai.catalog.services import EntryInput, catalog_entry_create, catalog_seed_standard, document_file
from gongkai.core.context import Actor
from gongkai.documents.services import document_withdraw
from tests.documents.factories import make_draft, make_published

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed(clock, units, staff):  # type: ignore[no-untyped-def]
    """Finance's catalogue with a public, a draft and a withdrawn document under 政策文件."""
    nodes = {n.code: n for n in catalog_seed_standard(actor=Actor(staff["admin"]), unit=units["finance"])}
    public = make_published(staff["handler"], staff["admin"], title="公开的通知")
    draft = make_draft(staff["handler"], title="草稿通知")
    withdrawn = make_published(staff["handler"], staff["admin"], title="撤回的通知")
    for doc in (public, draft, withdrawn):
        document_file(actor=Actor(staff["handler"]), document=doc, nodes=[nodes["zcwj"]])
    document_withdraw(actor=Actor(staff["admin"]), document=withdrawn, reason="内容有误")
    return {"nodes": nodes, "public": public, "draft": draft, "withdrawn": withdrawn}


def test_unit_catalog_page_and_node_page_show_only_public(client: Client, units, filed) -> None:
    page = client.get(f"/catalog/{units['finance'].code}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert all(s.name in text for s in STANDARD_NODES)
    node = filed["nodes"]["zcwj"]
    page = client.get(f"/catalog/{units['finance'].code}/{node.pk}/")
    text = page.content.decode()
    assert "公开的通知" in text
    assert "草稿通知" not in text and "撤回的通知" not in text
    # A node looked up under another unit's code does not exist.
    assert client.get(f"/catalog/{units['office'].code}/{node.pk}/").status_code == 404
    assert client.get("/catalog/nosuchunit/").status_code == 404


def test_node_page_paginates_by_twenty(client: Client, units, staff, filed) -> None:
    node = filed["nodes"]["zwdt"]
    for i in range(21):
        doc = make_published(staff["handler"], staff["admin"], title=f"动态{i:02d}")
        document_file(actor=Actor(staff["handler"]), document=doc, nodes=[node])
    first = client.get(f"/catalog/{units['finance'].code}/{node.pk}/").content.decode()
    assert "动态20" in first and "动态00" not in first  # newest first
    second = client.get(f"/catalog/{units['finance'].code}/{node.pk}/?page=2").content.decode()
    assert "动态00" in second


def test_document_page_shows_its_nodes(client: Client, filed) -> None:
    text = client.get(f"/documents/{filed['public'].pk}/").content.decode()
    assert "所属目录" in text and "政策文件" in text


def test_office_overview_permissions_and_content(client: Client, clock, units, staff, filed) -> None:
    clock.move_to(dt.datetime(2026, 7, 31, 2, 0, tzinfo=dt.UTC))  # the draft of 2026-06-01 is overdue
    assert client.get("/workbench/office/").status_code == 302  # login required
    for name in ("handler", "admin"):
        client.force_login(staff[name])
        assert client.get("/workbench/office/").status_code == 403
    client.force_login(staff["office"])
    text = client.get("/workbench/office/").content.decode()
    assert "草稿通知" in text and "已逾期" in text
    assert "空栏目" in text and "机构信息" in text
    client.force_login(staff["evaluator"])
    assert client.get("/workbench/office/").status_code == 200
    client.force_login(staff["district_office"])  # sees only the district subtree
    text = client.get("/workbench/office/").content.decode()
    assert "草稿通知" not in text and units["district"].name in text


def test_api_tree_and_node_documents(client: Client, units, filed) -> None:
    body = client.get(f"/api/v1/catalog/units/{units['finance'].code}/nodes").json()
    assert body["unit"]["code"] == units["finance"].code
    counts = {n["code"]: n["document_count"] for n in body["nodes"]}
    assert counts["zcwj"] == 1 and counts["jgxx"] == 0
    node = filed["nodes"]["zcwj"]
    body = client.get(f"/api/v1/catalog/nodes/{node.pk}/documents?page_size=5").json()
    assert body["count"] == 1 and [d["title"] for d in body["results"]] == ["公开的通知"]
    missing = client.get("/api/v1/catalog/units/nosuch/nodes")
    assert missing.status_code == 404 and "未找到" in missing.json()["detail"]
    assert client.get("/api/v1/catalog/nodes/999999/documents").json()["detail"] == "未找到该目录栏目。"
    bad = client.get(f"/api/v1/catalog/nodes/{node.pk}/documents?page=0")
    assert bad.status_code == 422 and bad.json()["detail"] == "请求数据格式不正确。"


def test_api_domains_and_entries(client: Client, clock, units, staff) -> None:
    domain = GrassrootsDomain.objects.get(number=3)
    catalog_entry_create(
        actor=Actor(staff["admin"]),
        unit=units["finance"],
        domain=domain,
        data=EntryInput(item="部门预算", content="预算表"),
    )
    domains = client.get("/api/v1/catalog/domains").json()
    assert len(domains) == 26 and domains[2] == {"number": 3, "name": "财政预决算", "entry_count": 1}
    rows = client.get(f"/api/v1/catalog/entries?unit={units['finance'].code}&domain=3").json()
    assert [r["item"] for r in rows] == ["部门预算"]
    assert rows[0]["time_limit_days"] == 20 and rows[0]["method"] == "主动公开"
    assert client.get("/api/v1/catalog/entries?domain=4").json() == []
    assert client.get("/api/v1/catalog/entries?domain=99").status_code == 404
    assert client.get("/api/v1/catalog/entries?unit=nosuch").status_code == 404


def test_demo_loader_is_idempotent(clock, units, staff, system) -> None:
    policy = make_published(staff["handler"], staff["admin"], title="关于财政工作的通知", genre="通知")
    news = make_published(staff["handler"], staff["admin"], title="市财政局召开会议", genre="公告")
    result = load_catalog_demo(actor=system)
    assert result.units_seeded == len(units)
    assert result.documents_filed == 2
    assert result.entries_created == 26 * 2
    assert CatalogFiling.objects.get(document=policy).node.code == "zcwj"
    assert CatalogFiling.objects.get(document=news).node.code == "zwdt"
    assert set(CatalogEntry.objects.values_list("unit", flat=True)) == {units["district"].pk}
    again = load_catalog_demo(actor=system)
    assert again.documents_filed == 0 and again.entries_created == 0
    assert CatalogNode.objects.count() == len(units) * len(STANDARD_NODES)
