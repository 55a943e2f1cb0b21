"""Workbench pages of the catalogues over HTTP: the tree, filing a document, the 事项目录.

Refusals change nothing; bad input comes back as a Chinese message with nothing saved.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.catalog.choices import STANDARD_NODES
from gongkai.catalog.models import CatalogEntry, CatalogFiling, CatalogNode, GrassrootsDomain
from gongkai.catalog.services import EntryInput, catalog_entry_create, catalog_seed_standard, document_file
from gongkai.core.context import Actor
from gongkai.core.models import AuditEvent
from tests.conftest import PASSWORD
from tests.documents.factories import make_draft, make_published

pytestmark = pytest.mark.django_db

MANAGE = "/catalog/manage/"


def login(user: Any) -> Client:
    c = Client(REMOTE_ADDR="192.0.2.20")
    c.force_login(user)
    return c


def text(resp: Any) -> str:
    return resp.content.decode()


def _state() -> tuple[list[tuple[int, str, int | None]], int, int, int]:
    nodes = list(CatalogNode.objects.order_by("pk").values_list("pk", "name", "parent_id"))
    return nodes, CatalogFiling.objects.count(), CatalogEntry.objects.count(), AuditEvent.objects.count()


@pytest.fixture
def nodes(clock, units, staff) -> dict[str, CatalogNode]:  # type: ignore[no-untyped-def]
    return {n.code: n for n in catalog_seed_standard(actor=Actor(staff["admin"]), unit=units["finance"])}


def test_urls_are_not_taken_for_unit_codes() -> None:
    assert reverse("catalog:manage") == MANAGE
    assert reverse("catalog:unit", args=["014000003"]) == "/catalog/014000003/"


def test_login_is_required(db) -> None:  # type: ignore[no-untyped-def]
    resp = Client().get(MANAGE)
    assert resp.status_code == 302 and "/workbench/login/" in resp["Location"]


def test_login_form_then_tree(clock, units, staff) -> None:
    c = Client()
    assert c.post(reverse("workbench:login"), {"username": "admin", "password": PASSWORD}).status_code == 302
    page = text(c.get(MANAGE))
    assert "主动公开目录管理" in page and "苏州市财政局" in page and "尚未建立主动公开目录" in page
    assert "补齐标准栏目" in page


def test_admin_seeds_adds_renames_and_deletes(clock, units, staff) -> None:
    c = login(staff["admin"])
    code = units["finance"].code
    resp = c.post(reverse("catalog:manage_seed"), {"unit": code}, follow=True)
    assert "已补齐标准栏目" in text(resp)
    assert CatalogNode.objects.filter(unit=units["finance"]).count() == len(STANDARD_NODES)
    czxx = CatalogNode.objects.get(unit=units["finance"], code="czxx")

    resp = c.post(
        reverse("catalog:manage_node_new"), {"unit": code, "name": "预算公开", "parent": czxx.pk}, follow=True
    )
    assert "已新增栏目“预算公开”" in text(resp)
    child = CatalogNode.objects.get(name="预算公开")
    assert child.parent == czxx and child.unit == units["finance"]
    top = c.post(reverse("catalog:manage_node_new"), {"unit": code, "name": "专题专栏", "parent": ""})
    assert top.status_code == 302 and top["Location"] == f"{MANAGE}?unit={code}"
    assert CatalogNode.objects.get(name="专题专栏").parent is None

    resp = c.post(reverse("catalog:manage_node_rename", args=[child.pk]), {"name": "部门预算"}, follow=True)
    assert "栏目已改名" in text(resp)
    child.refresh_from_db()
    assert child.name == "部门预算"

    resp = c.post(reverse("catalog:manage_node_delete", args=[child.pk]), follow=True)
    assert "栏目“部门预算”已删除" in text(resp)
    assert not CatalogNode.objects.filter(pk=child.pk).exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "catalog.seed_standard",
        "catalog.node_create",
        "catalog.node_rename",
        "catalog.node_delete",
    } <= actions
    assert AuditEvent.objects.filter(action="catalog.node_create", ip="192.0.2.20").exists()
    # The page shows the tree with its forms.
    page = text(c.get(MANAGE, {"unit": code}))
    assert "财政信息" in page and "专题专栏" in page and "改名" in page


def test_bad_input_is_refused_in_chinese_and_nothing_saved(clock, units, staff, nodes) -> None:
    c = login(staff["admin"])
    code = units["finance"].code
    before = _state()
    resp = c.post(reverse("catalog:manage_node_new"), {"unit": code, "name": "政策文件"}, follow=True)
    assert "同一级下已有名为“政策文件”的栏目" in text(resp)
    resp = c.post(
        reverse("catalog:manage_node_rename", args=[nodes["zcwj"].pk]), {"name": "财政信息"}, follow=True
    )
    assert "同一级下已有名为“财政信息”的栏目" in text(resp)
    resp = c.post(reverse("catalog:manage_node_new"), {"unit": code, "name": "  "}, follow=True)
    assert "此项为必填项" in text(resp) or "这个字段是必填项" in text(resp)
    # A parent from another unit is not found under this unit.
    office_node = catalog_seed_standard(actor=Actor(staff["office"]), unit=units["office"])[0]
    before = _state()
    resp = c.post(
        reverse("catalog:manage_node_new"),
        {"unit": code, "name": "子栏目", "parent": office_node.pk},
        follow=True,
    )
    assert "未找到该目录栏目" in text(resp)
    assert _state() == before

    # A column holding a document, or sub-columns, is not deleted.
    doc = make_draft(staff["handler"])
    document_file(actor=Actor(staff["handler"]), document=doc, nodes=[nodes["zcwj"]])
    before = _state()
    resp = c.post(reverse("catalog:manage_node_delete", args=[nodes["zcwj"].pk]), follow=True)
    assert "栏目“政策文件”下有1条政府信息，请先移出后再删除" in text(resp)
    c.post(reverse("catalog:manage_node_new"), {"unit": code, "name": "预算", "parent": nodes["czxx"].pk})
    before = _state()
    resp = c.post(reverse("catalog:manage_node_delete", args=[nodes["czxx"].pk]), follow=True)
    assert "下还有子栏目" in text(resp)
    assert _state() == before


@pytest.mark.parametrize("who", ["handler", "evaluator", "other_handler"])
def test_read_only_roles_see_but_cannot_change(clock, units, staff, nodes, who) -> None:
    c = login(staff[who])
    code = units["finance"].code
    page = c.get(MANAGE, {"unit": code})
    if who == "other_handler":  # outside their unit: not in the picker
        assert page.status_code == 404
    else:
        assert page.status_code == 200
        body = text(page)
        assert "政策文件" in body and "您只能查看目录" in body and "补齐标准栏目" not in body
    before = _state()
    posts = [
        (reverse("catalog:manage_seed"), {"unit": code}),
        (reverse("catalog:manage_node_new"), {"unit": code, "name": "专栏"}),
        (reverse("catalog:manage_node_rename", args=[nodes["zcwj"].pk]), {"name": "改掉"}),
        (reverse("catalog:manage_node_delete", args=[nodes["jgxx"].pk]), {}),
    ]
    for url, data in posts:
        assert c.post(url, data).status_code in (403, 404), url
    assert _state() == before


def test_unit_admin_is_held_to_their_subtree(clock, units, staff) -> None:
    office_nodes = catalog_seed_standard(actor=Actor(staff["office"]), unit=units["office"])
    c = login(staff["admin"])  # finance
    picker = text(c.get(MANAGE))
    assert "苏州市人民政府办公室" not in picker
    assert c.get(MANAGE, {"unit": units["office"].code}).status_code == 404
    before = _state()
    assert (
        c.post(reverse("catalog:manage_node_new"), {"unit": units["office"].code, "name": "x"}).status_code
        == 404
    )
    assert c.post(reverse("catalog:manage_node_delete", args=[office_nodes[0].pk])).status_code == 403
    assert _state() == before
    # The city's openness office picks any unit below it.
    office = text(login(staff["office"]).get(MANAGE))
    assert "苏州市人民政府办公室" in office and "姑苏区财政局" in office


# --- filing from the document's workbench page ----------------------------------------------------


def test_document_page_files_and_unfiles(clock, units, staff, nodes) -> None:
    doc = make_draft(staff["handler"])
    c = login(staff["handler"])
    page = text(c.get(reverse("workbench:document", args=[doc.pk])))
    assert "所属目录" in page and 'name="nodes"' in page and "保存所属目录" in page
    form = page[page.index(reverse("catalog:document_filings", args=[doc.pk])) :]
    assert 'name="csrfmiddlewaretoken"' in form[: form.index("</form>")]
    url = reverse("catalog:document_filings", args=[doc.pk])
    resp = c.post(url, {"nodes": [nodes["zcwj"].pk, nodes["czxx"].pk]}, follow=True)
    assert "所属目录已更新" in text(resp)
    assert set(CatalogFiling.objects.values_list("node__code", flat=True)) == {"zcwj", "czxx"}
    page = text(c.get(reverse("workbench:document", args=[doc.pk])))
    assert f'value="{nodes["zcwj"].pk}" checked' in page and f'value="{nodes["jgxx"].pk}" checked' not in page
    # Un-ticking removes a wrong filing.
    c.post(url, {"nodes": [nodes["zcwj"].pk]})
    assert list(CatalogFiling.objects.values_list("node__code", flat=True)) == ["zcwj"]
    resp = c.post(url, {}, follow=True)
    assert "已从全部目录栏目中移出" in text(resp) and not CatalogFiling.objects.exists()
    assert (
        AuditEvent.objects.filter(action="catalog.document_set_filings", object_id=str(doc.pk)).count() == 3
    )


def test_filing_refusals_change_nothing(clock, units, staff, nodes) -> None:
    doc = make_draft(staff["handler"])
    document_file(actor=Actor(staff["handler"]), document=doc, nodes=[nodes["zwdt"]])
    office_node = catalog_seed_standard(actor=Actor(staff["office"]), unit=units["office"])[0]
    url = reverse("catalog:document_filings", args=[doc.pk])
    before = _state()
    resp = login(staff["handler"]).post(url, {"nodes": [nodes["zcwj"].pk, office_node.pk]}, follow=True)
    assert "不属于本单位" in text(resp)
    resp = login(staff["handler"]).post(url, {"nodes": [999999]}, follow=True)
    assert "所选目录栏目不存在" in text(resp)
    assert login(staff["evaluator"]).post(url, {"nodes": [nodes["zcwj"].pk]}).status_code == 403
    assert login(staff["other_handler"]).post(url, {"nodes": [nodes["zcwj"].pk]}).status_code == 403
    assert _state() == before
    # The evaluator sees the filings, without the form.
    page = text(login(staff["evaluator"]).get(reverse("workbench:document", args=[doc.pk])))
    assert "政务动态" in page and "保存所属目录" not in page


def test_document_page_without_a_catalogue(clock, units, staff) -> None:
    doc = make_draft(staff["handler"])
    page = text(login(staff["handler"]).get(reverse("workbench:document", args=[doc.pk])))
    assert "尚未建立主动公开目录" in page


# --- 政务公开事项目录 -----------------------------------------------------------------------------

ENTRY = {
    "domain": "3",
    "item": "部门预算",
    "sub_item": "预算公开",
    "content": "部门预算表及说明",
    "basis": "《中华人民共和国预算法》",
    "time_limit_text": "批复后20日内",
    "time_limit_days": "15",
    "channels": ["政府网站", "政府公报"],
    "audience": "public",
    "method": "proactive",
    "level": "city",
    "sort_order": "10",
}


def test_entry_create_edit_link_unlink(clock, units, staff) -> None:
    c = login(staff["admin"])
    code = units["finance"].code
    assert "新增公开事项" in text(c.get(reverse("catalog:entries"), {"unit": code}))
    resp = c.post(reverse("catalog:entry_new"), {**ENTRY, "unit": code})
    assert resp.status_code == 302, text(resp)[:2000]
    entry = CatalogEntry.objects.get()
    assert entry.unit == units["finance"] and entry.domain.number == 3
    assert (
        entry.time_limit_days == 15 and entry.channels == ["政府网站", "政府公报"] and entry.level == "city"
    )
    listing = text(c.get(reverse("catalog:entries"), {"unit": code, "domain": 3}))
    assert "部门预算／预算公开" in listing and "尚无已公开的对应政府信息" in listing
    assert "部门预算" not in text(c.get(reverse("catalog:entries"), {"unit": code, "domain": 4}))

    edit = text(c.get(reverse("catalog:entry_edit", args=[entry.pk])))
    assert "部门预算表及说明" in edit
    resp = c.post(
        reverse("catalog:entry_edit", args=[entry.pk]),
        {**ENTRY, "domain": "4", "time_limit_days": "", "time_limit_text": "长期公开"},
    )
    assert resp.status_code == 302
    entry.refresh_from_db()
    assert entry.domain.number == 4 and entry.time_limit_days is None and entry.unit == units["finance"]
    update = AuditEvent.objects.get(action="catalog.entry_update")
    assert update.changes["time_limit_days"] == [15, None]

    public = make_published(
        staff["handler"], staff["admin"], title="2026年部门预算", doc_number="苏财预〔2026〕3号"
    )
    other = make_published(staff["handler"], staff["admin"], title="另一份")
    resp = c.post(
        reverse("catalog:entry_link", args=[entry.pk]),
        {"documents": f"苏财预[2026]3号，{other.pk}"},
        follow=True,
    )
    assert "已关联政府信息" in text(resp)
    assert set(entry.documents.values_list("pk", flat=True)) == {public.pk, other.pk}
    page = text(c.get(reverse("catalog:entry", args=[entry.pk])))
    assert "2026年部门预算" in page and "取消关联" in page
    resp = c.post(reverse("catalog:entry_unlink", args=[entry.pk, other.pk]), follow=True)
    assert "已取消关联《另一份》" in text(resp)
    assert list(entry.documents.values_list("pk", flat=True)) == [public.pk]
    assert {
        "catalog.entry_create",
        "catalog.entry_update",
        "catalog.entry_link",
        "catalog.entry_unlink",
    } <= set(AuditEvent.objects.values_list("action", flat=True))


def test_entry_bad_input_and_refusals(clock, units, staff) -> None:
    admin = login(staff["admin"])
    code = units["finance"].code
    resp = admin.post(
        reverse("catalog:entry_new"), {**ENTRY, "unit": code, "time_limit_days": "0", "item": ""}
    )
    assert resp.status_code == 200 and not CatalogEntry.objects.exists()
    body = text(resp)
    assert "请填写公开事项" in body or "必填" in body
    resp = admin.post(reverse("catalog:entry_new"), {**ENTRY, "unit": code, "time_limit_days": "0"})
    assert "公开时限应为1至365个工作日" in text(resp) and not CatalogEntry.objects.exists()

    entry = catalog_entry_create(
        actor=Actor(staff["admin"]),
        unit=units["finance"],
        domain=GrassrootsDomain.objects.get(number=3),
        data=EntryInput(item="部门预算", content="预算表"),
    )
    make_draft(staff["handler"], title="预算草稿", doc_number="苏财预〔2026〕9号")
    foreign = make_published(staff["other_handler"], staff["office"], title="办公室文件")
    public = make_published(staff["handler"], staff["admin"], title="公开的预算")
    before = _state(), list(entry.documents.all())
    link = reverse("catalog:entry_link", args=[entry.pk])
    resp = admin.post(link, {"documents": f"{public.pk}, 苏财预〔2026〕9号"}, follow=True)
    assert "只能关联已发布的主动公开政府信息：《预算草稿》未公开" in text(resp)
    resp = admin.post(link, {"documents": str(foreign.pk)}, follow=True)
    assert "只能关联公开主体（苏州市财政局及其下属单位）的政府信息" in text(resp)
    resp = admin.post(link, {"documents": "苏财预〔2020〕1号"}, follow=True)
    assert "未找到发文字号为 苏财预〔2020〕1号 的文件" in text(resp)
    resp = admin.post(link, {"documents": "乱写"}, follow=True)
    assert "请填写文件编号或发文字号" in text(resp)
    assert (_state(), list(entry.documents.all())) == before

    # Duplicate item in the same domain.
    resp = admin.post(
        reverse("catalog:entry_new"), {**ENTRY, "unit": code, "item": "部门预算", "sub_item": ""}
    )
    assert "该领域下已有同名的公开事项" in text(resp) and CatalogEntry.objects.count() == 1

    for who in ("handler", "evaluator"):
        c = login(staff[who])
        assert c.get(reverse("catalog:entry", args=[entry.pk])).status_code == 200
        assert c.get(reverse("catalog:entry_new")).status_code == 403
        assert (
            c.post(reverse("catalog:entry_new"), {**ENTRY, "unit": code, "item": "新的"}).status_code == 403
        )
        assert c.post(reverse("catalog:entry_edit", args=[entry.pk]), ENTRY).status_code == 403
        assert c.post(link, {"documents": str(public.pk)}).status_code == 403
    assert login(staff["other_handler"]).get(reverse("catalog:entry", args=[entry.pk])).status_code == 403
    assert (_state(), list(entry.documents.all())) == before
