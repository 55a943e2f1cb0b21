"""Staff API of the catalogues (/api/v1/staff/catalog/…): the same services and permissions as the
workbench pages; refusals in Chinese with nothing saved; evaluators 403."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from gongkai.catalog.models import CatalogEntry, CatalogFiling, CatalogNode
from gongkai.catalog.services import catalog_seed_standard, document_file
from gongkai.core.context import Actor
from gongkai.core.models import AuditEvent
from tests.api.helpers import login, post_json, put_json, token_client
from tests.documents.factories import make_draft, make_published

pytestmark = pytest.mark.django_db

BASE = "/api/v1/staff/catalog"


def patch_json(client: Client, url: str, data: Any) -> Any:
    return client.patch(url, data=data, content_type="application/json")


def _state() -> tuple[list[tuple[int, str]], int, list[tuple[int, str]], int]:
    return (
        list(CatalogNode.objects.order_by("pk").values_list("pk", "name")),
        CatalogFiling.objects.count(),
        list(CatalogEntry.objects.order_by("pk").values_list("pk", "item")),
        AuditEvent.objects.count(),
    )


def test_nodes_seed_create_rename_delete(clock, units, staff) -> None:
    admin = token_client(staff["admin"])
    code = units["finance"].code
    seeded = post_json(admin, f"{BASE}/units/{code}/seed")
    assert seeded.status_code == 200 and len(seeded.json()) == 10
    czxx = next(n for n in seeded.json() if n["code"] == "czxx")
    created = post_json(admin, f"{BASE}/units/{code}/nodes", {"name": "预算公开", "parent_id": czxx["id"]})
    assert created.status_code == 201, created.json()
    node = created.json()
    assert node["parent_id"] == czxx["id"] and node["unit"]["code"] == code and not node["is_standard"]
    renamed = patch_json(admin, f"{BASE}/nodes/{node['id']}", {"name": "部门预算"})
    assert renamed.status_code == 200 and renamed.json()["name"] == "部门预算"
    tree = admin.get(f"{BASE}/units/{code}/nodes").json()
    assert [n["name"] for n in tree][:6] == [
        "机构信息",
        "政策文件",
        "规划计划",
        "统计信息",
        "财政信息",
        "部门预算",
    ]
    assert admin.delete(f"{BASE}/nodes/{node['id']}").status_code == 204
    assert not CatalogNode.objects.filter(pk=node["id"]).exists()
    assert AuditEvent.objects.filter(action="catalog.node_delete", actor=staff["admin"]).exists()


def test_node_bad_input_is_refused_in_chinese(clock, units, staff) -> None:
    nodes = {n.code: n for n in catalog_seed_standard(actor=Actor(staff["admin"]), unit=units["finance"])}
    document_file(actor=Actor(staff["handler"]), document=make_draft(staff["handler"]), nodes=[nodes["zcwj"]])
    admin = login(staff["admin"])
    code = units["finance"].code
    before = _state()
    dup = post_json(admin, f"{BASE}/units/{code}/nodes", {"name": "政策文件"})
    assert dup.status_code == 400
    assert dup.json() == {
        "detail": "同一级下已有名为“政策文件”的栏目。",
        "errors": {"name": ["同一级下已有名为“政策文件”的栏目。"]},
    }
    full = admin.delete(f"{BASE}/nodes/{nodes['zcwj'].pk}")
    assert (
        full.status_code == 400
        and full.json()["detail"] == "栏目“政策文件”下有1条政府信息，请先移出后再删除。"
    )
    bad_parent = post_json(admin, f"{BASE}/units/{code}/nodes", {"name": "子栏目", "parent_id": 999999})
    assert bad_parent.status_code == 400 and "parent_id" in bad_parent.json()["errors"]
    empty = post_json(admin, f"{BASE}/units/{code}/nodes", {"name": " "})
    assert empty.status_code == 400 and empty.json()["detail"] == "请填写栏目名称。"
    extra = post_json(admin, f"{BASE}/units/{code}/nodes", {"name": "x", "unit": "y"})
    assert extra.status_code == 422 and extra.json()["errors"] == {"unit": ["不支持此字段。"]}
    assert _state() == before


def test_refusals_change_nothing(clock, units, staff) -> None:
    nodes = {n.code: n for n in catalog_seed_standard(actor=Actor(staff["admin"]), unit=units["finance"])}
    code = units["finance"].code
    evaluator, handler = token_client(staff["evaluator"]), token_client(staff["handler"])
    outsider = token_client(staff["other_handler"])
    before = _state()  # (creating a token is audited: clients first)
    resp = post_json(evaluator, f"{BASE}/units/{code}/nodes", {"name": "专栏"})
    assert resp.status_code == 403 and "评估人只能查看" in resp.json()["detail"]
    assert evaluator.get(f"{BASE}/units/{code}/nodes").status_code == 200  # reading is fine
    resp = post_json(handler, f"{BASE}/units/{code}/nodes", {"name": "专栏"})
    assert resp.status_code == 403 and "单位管理员或公开办" in resp.json()["detail"]
    assert patch_json(handler, f"{BASE}/nodes/{nodes['zcwj'].pk}", {"name": "x"}).status_code == 403
    assert outsider.get(f"{BASE}/units/{code}/nodes").status_code == 403
    assert outsider.delete(f"{BASE}/nodes/{nodes['jgxx'].pk}").status_code == 403
    assert Client().delete(f"{BASE}/nodes/{nodes['jgxx'].pk}").status_code == 401
    # A session without the CSRF token is refused on writes.
    no_csrf = login(staff["admin"], enforce_csrf=True)
    resp = post_json(no_csrf, f"{BASE}/units/{code}/nodes", {"name": "专栏"})
    assert resp.status_code == 403 and "CSRF" in resp.json()["detail"]
    assert _state() == before


def test_document_filings(clock, units, staff) -> None:
    nodes = {n.code: n for n in catalog_seed_standard(actor=Actor(staff["admin"]), unit=units["finance"])}
    office = catalog_seed_standard(actor=Actor(staff["office"]), unit=units["office"])[0]
    doc = make_draft(staff["handler"])
    url = f"{BASE}/documents/{doc.pk}/filings"
    handler = token_client(staff["handler"])
    evaluator, outsider = token_client(staff["evaluator"]), token_client(staff["other_handler"])
    resp = put_json(handler, url, {"node_ids": [nodes["zcwj"].pk, nodes["zwdt"].pk]})
    assert resp.status_code == 200 and {n["code"] for n in resp.json()["nodes"]} == {"zcwj", "zwdt"}
    resp = put_json(handler, url, {"node_ids": [nodes["zwdt"].pk]})
    assert [n["code"] for n in resp.json()["nodes"]] == ["zwdt"]
    assert [n["code"] for n in handler.get(url).json()["nodes"]] == ["zwdt"]
    before = _state()
    resp = put_json(handler, url, {"node_ids": [nodes["zcwj"].pk, office.pk]})
    assert (
        resp.status_code == 400
        and "不属于本单位" in resp.json()["detail"]
        and "nodes" in resp.json()["errors"]
    )
    assert put_json(handler, url, {"node_ids": [999999]}).status_code == 400
    assert put_json(evaluator, url, {"node_ids": []}).status_code == 403
    assert put_json(outsider, url, {"node_ids": []}).status_code == 403
    assert _state() == before
    assert put_json(handler, url, {"node_ids": []}).json()["nodes"] == []
    assert not CatalogFiling.objects.exists()


ENTRY = {
    "domain": 3,
    "item": "部门预算",
    "content": "部门预算表及说明",
    "time_limit": "批复后20日内",
    "time_limit_days": 15,
    "channels": ["政府网站", "政府公报"],
    "level": "city",
}


def test_entries_create_update_link_unlink(clock, units, staff) -> None:
    admin = token_client(staff["admin"])
    created = post_json(admin, f"{BASE}/entries", {**ENTRY, "unit": units["finance"].code})
    assert created.status_code == 201, created.json()
    entry = created.json()
    assert (
        entry["domain"]["name"] == "财政预决算"
        and entry["time_limit_days"] == 15
        and entry["level"] == "市级"
    )
    url = f"{BASE}/entries/{entry['id']}"
    updated = put_json(admin, url, {**ENTRY, "domain": 4, "time_limit_days": None, "time_limit": "长期公开"})
    assert updated.status_code == 200
    assert updated.json()["domain"]["number"] == 4 and updated.json()["time_limit_days"] is None

    public = make_published(
        staff["handler"], staff["admin"], title="部门预算公开", doc_number="苏财预〔2026〕3号"
    )
    linked = post_json(admin, f"{url}/documents", {"documents": ["苏财预[2026]3号"]})
    assert linked.status_code == 200 and linked.json()["document_ids"] == [public.pk]
    assert linked.json()["documents"][0]["status"] == "published"
    unlinked = admin.delete(f"{url}/documents/{public.pk}")
    assert unlinked.status_code == 200 and unlinked.json()["documents"] == []
    assert admin.delete(f"{url}/documents/{public.pk}").status_code == 404
    assert admin.get(url).json()["item"] == "部门预算"


def test_entry_refusals(clock, units, staff) -> None:
    admin = token_client(staff["admin"])
    entry = post_json(admin, f"{BASE}/entries", {**ENTRY, "unit": units["finance"].code}).json()
    url = f"{BASE}/entries/{entry['id']}"
    draft = make_draft(staff["handler"], title="预算草稿")
    foreign = make_published(staff["other_handler"], staff["office"], title="办公室文件")
    public = make_published(staff["handler"], staff["admin"], title="公开的")
    readers = [token_client(staff["evaluator"]), token_client(staff["handler"])]
    before = _state(), list(CatalogEntry.objects.get().documents.all())
    resp = post_json(admin, f"{url}/documents", {"documents": [str(public.pk), str(draft.pk)]})
    assert (
        resp.status_code == 400
        and resp.json()["detail"] == "只能关联已发布的主动公开政府信息：《预算草稿》未公开。"
    )
    resp = post_json(admin, f"{url}/documents", {"documents": [str(foreign.pk)]})
    assert resp.status_code == 400 and "公开主体" in resp.json()["detail"]
    resp = post_json(admin, f"{BASE}/entries", {**ENTRY, "unit": units["finance"].code})
    assert resp.status_code == 400 and resp.json()["detail"] == "该领域下已有同名的公开事项。"
    resp = post_json(
        admin, f"{BASE}/entries", {**ENTRY, "unit": units["finance"].code, "item": "x", "channels": ["飞鸽"]}
    )
    assert resp.status_code == 400 and resp.json()["errors"]["channels"] == ["不支持的公开渠道：飞鸽。"]
    resp = post_json(admin, f"{BASE}/entries", {**ENTRY, "unit": units["office"].code, "item": "x"})
    assert resp.status_code == 403  # outside the admin's subtree
    for c in readers:
        assert put_json(c, url, {**ENTRY, "item": "改掉"}).status_code == 403
        assert post_json(c, f"{url}/documents", {"documents": [str(public.pk)]}).status_code == 403
    assert (_state(), list(CatalogEntry.objects.get().documents.all())) == before


def test_staff_endpoints_are_in_the_openapi_schema(db) -> None:  # type: ignore[no-untyped-def]
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/staff/catalog/units/{code}/nodes" in paths
    assert "/api/v1/staff/catalog/documents/{document_id}/filings" in paths
    assert "/api/v1/staff/documents" in paths
