"""Staff endpoints: the workflow through the services, unit scope, read-only roles, and refusing bad
input with a Chinese explanation while saving nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from gongkai.core.models import AuditEvent
from gongkai.documents.models import Document
from tests.api.helpers import (
    doc_payload,
    draft,
    login,
    post_json,
    published,
    published_by_review,
    put_json,
    token_client,
)

pytestmark = pytest.mark.django_db

BASE = "/api/v1/staff/documents"


def _snapshot() -> tuple[int, int, list[tuple[int, str, str, int]]]:
    """Everything a refused request must leave untouched."""
    rows = list(Document.objects.order_by("pk").values_list("pk", "status", "title", "version"))
    return Document.objects.count(), AuditEvent.objects.count(), rows


def test_full_flow_create_review_publish(clock, staff) -> None:
    handler = token_client(staff["handler"])
    admin = token_client(staff["admin"])
    admin2 = login(staff["admin2"])  # session user: the test client passes CSRF by default
    anon = Client()

    created = post_json(
        handler, BASE, doc_payload(title="关于下达2026年财政专项资金的通知", doc_number="苏财预[2026]12号")
    )
    assert created.status_code == 201, created.json()
    doc = created.json()
    assert doc["status"] == {"code": "draft", "label": "草稿"}
    assert doc["unit"] == {"code": "014000003", "name": "苏州市财政局"}
    assert doc["doc_number"] == "苏财预〔2026〕12号"
    assert doc["created_by"] == "handler"
    url = f"{BASE}/{doc['id']}"
    assert anon.get(f"/api/v1/documents/{doc['id']}").status_code == 404

    assert post_json(handler, f"{url}/submit").json()["status"]["code"] == "in_review"
    sent_back = post_json(admin, f"{url}/send-back", {"reason": "请补充资金分配表。"})
    assert sent_back.status_code == 200
    assert sent_back.json()["status"]["code"] == "draft"
    assert sent_back.json()["review_note"] == "请补充资金分配表。"

    edited = put_json(
        handler,
        url,
        doc_payload(
            title="关于下达2026年财政专项资金的通知",
            doc_number="苏财预〔2026〕12号",
            summary="附资金分配表。",
        ),
    )
    assert edited.status_code == 200, edited.json()
    assert edited.json()["summary"] == "附资金分配表。"
    assert post_json(handler, f"{url}/submit").json()["status"]["code"] == "in_review"

    approved = post_json(admin2, f"{url}/approve")
    assert approved.status_code == 200, approved.json()
    assert approved.json()["status"]["code"] == "published"
    assert approved.json()["index_number"] == "014000003/2026-00001"

    public = anon.get(f"/api/v1/documents/{doc['id']}")
    assert public.status_code == 200
    assert public.json()["title"] == "关于下达2026年财政专项资金的通知"
    assert doc["id"] in [d["id"] for d in anon.get("/api/v1/documents").json()["results"]]
    # Every step is in the audit trail under the acting user.
    actions = list(
        AuditEvent.objects.filter(object_id=str(doc["id"]), object_type="documents.document")
        .order_by("id")
        .values_list("action", "actor__username")
    )
    assert actions == [
        ("document.create", "handler"),
        ("document.submit", "handler"),
        ("document.send_back", "admin"),
        ("document.update", "handler"),
        ("document.submit", "handler"),
        ("document.publish", "admin2"),
    ]


def test_submitter_cannot_approve_own_document(clock, staff) -> None:
    admin = token_client(staff["admin"])
    doc = post_json(admin, BASE, doc_payload()).json()
    post_json(admin, f"{BASE}/{doc['id']}/submit")
    before = _snapshot()
    response = post_json(admin, f"{BASE}/{doc['id']}/approve")
    assert response.status_code == 403
    assert response.json()["detail"] == "起草或提交人不能审核自己的文件，请由本单位其他管理员审核。"
    assert _snapshot() == before


def test_withdraw_and_validity(clock, staff) -> None:
    old = published_by_review(staff["handler"], staff["admin"], title="旧办法")
    new = published(staff["admin"].unit, title="新办法", doc_number="苏财规〔2026〕7号")
    admin = token_client(staff["admin2"])

    changed = post_json(
        admin,
        f"{BASE}/{old.pk}/validity",
        {"validity": "repealed", "date": "2026-06-14", "superseded_by": new.pk},
    )
    assert changed.status_code == 200, changed.json()
    public = Client().get(f"/api/v1/documents/{old.pk}").json()
    assert public["validity"] == {
        "code": "repealed",
        "label": "废止",
        "date": "2026-06-14",
        "superseded_by": {"id": new.pk, "title": "新办法"},
    }

    no_reason = post_json(admin, f"{BASE}/{new.pk}/withdraw", {})
    assert no_reason.status_code == 400
    assert no_reason.json() == {"detail": "请填写撤回理由。", "errors": {"reason": ["请填写撤回理由。"]}}
    withdrawn = post_json(admin, f"{BASE}/{new.pk}/withdraw", {"reason": "已被新文件替代。"})
    assert withdrawn.json()["status"]["code"] == "withdrawn"
    assert Client().get(f"/api/v1/documents/{new.pk}").status_code == 404


def test_superseded_by_must_be_public(clock, staff) -> None:
    old = published_by_review(staff["handler"], staff["admin"])
    hidden = draft(staff["handler"], title="草稿")
    admin = token_client(staff["admin"])
    before = _snapshot()
    response = post_json(
        admin,
        f"{BASE}/{old.pk}/validity",
        {"validity": "repealed", "date": "2026-06-14", "superseded_by": hidden.pk},
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"superseded_by": ["替代文件必须是另一份已公开的文件。"]}
    assert _snapshot() == before


def test_handler_cannot_touch_another_units_document(clock, staff) -> None:
    doc = draft(staff["handler"], title="财政局草稿")
    intruder = token_client(staff["other_handler"])
    before = _snapshot()
    url = f"{BASE}/{doc.pk}"
    for response in (
        intruder.get(url),
        put_json(intruder, url, doc_payload(title="篡改")),
        post_json(intruder, f"{url}/submit"),
        post_json(intruder, f"{url}/withdraw", {"reason": "x"}),
    ):
        assert response.status_code == 403
        assert response.json()["detail"] == "您无权查看其他单位的文件。"
    assert _snapshot() == before
    assert doc.pk not in [d["id"] for d in intruder.get(BASE).json()["results"]]


def test_creating_in_a_unit_out_of_scope_is_refused(clock, staff) -> None:
    handler = token_client(staff["handler"])
    before = _snapshot()
    response = post_json(handler, BASE, doc_payload(unit="014000002"))
    assert response.status_code == 403
    assert response.json()["detail"] == "您无权处理“苏州市人民政府办公室”的文件。"
    assert _snapshot() == before


def test_openness_office_may_create_in_its_subtree(clock, staff) -> None:
    response = post_json(token_client(staff["office"]), BASE, doc_payload(unit="014000005"))
    assert response.status_code == 201
    assert response.json()["unit"]["code"] == "014000005"


def test_evaluator_reads_but_never_writes(clock, staff) -> None:
    doc = draft(staff["handler"])
    evaluator = token_client(staff["evaluator"])
    assert evaluator.get(BASE).json()["count"] == 1
    assert evaluator.get(f"{BASE}/{doc.pk}").status_code == 200
    before = _snapshot()
    for response in (
        post_json(evaluator, BASE, doc_payload()),
        post_json(evaluator, BASE, doc_payload(unit="014000003")),
        put_json(evaluator, f"{BASE}/{doc.pk}", doc_payload()),
        post_json(evaluator, f"{BASE}/{doc.pk}/submit"),
        post_json(evaluator, f"{BASE}/{doc.pk}/approve"),
        post_json(evaluator, f"{BASE}/{doc.pk}/send-back", {"reason": "x"}),
        post_json(evaluator, f"{BASE}/{doc.pk}/withdraw", {"reason": "x"}),
        post_json(evaluator, f"{BASE}/{doc.pk}/validity", {"validity": "valid"}),
    ):
        assert response.status_code == 403
        assert response.json()["detail"] == "评估人只能查看，不能新建或修改文件。"
    assert _snapshot() == before


def test_staff_list_scope_and_filters(clock, staff) -> None:
    draft(staff["handler"], title="财政局草稿")
    published_by_review(staff["handler"], staff["admin"], title="财政局已发布")
    draft(staff["other_handler"], title="办公室草稿")
    handler = token_client(staff["handler"])
    assert {d["title"] for d in handler.get(BASE).json()["results"]} == {"财政局草稿", "财政局已发布"}
    office = token_client(staff["office"])
    assert office.get(BASE).json()["count"] == 3
    drafts = office.get(f"{BASE}?status=draft").json()["results"]
    assert {d["title"] for d in drafts} == {"财政局草稿", "办公室草稿"}
    assert all(d["status"] == {"code": "draft", "label": "草稿"} for d in drafts)
    assert [d["title"] for d in office.get(f"{BASE}?unit=014000002").json()["results"]] == ["办公室草稿"]
    assert [d["title"] for d in office.get(f"{BASE}?q=已发布").json()["results"]] == ["财政局已发布"]
    bad = office.get(f"{BASE}?status=lost")
    assert bad.status_code == 400
    assert "未知的状态代码 lost" in bad.json()["errors"]["status"][0]


def test_staff_list_query_count_does_not_grow_with_the_list(
    clock, staff, django_assert_max_num_queries
) -> None:
    token, session = token_client(staff["handler"]), login(staff["handler"])
    token.get(BASE)  # the first use of a token records it; later uses within a minute do not write

    def counted(client: Client, limit: int, expected: int) -> None:
        with django_assert_max_num_queries(limit):
            assert client.get(f"{BASE}?page_size=100").json()["count"] == expected

    for i in range(5):
        draft(staff["handler"], title=f"草稿{i}")
    # token: token+user+unit, count, page.
    counted(token, 6, 5)
    # session: session, user, unit, count, page, and the session re-save that SESSION_SAVE_EVERY_REQUEST
    # makes (an UPDATE, wrapped in a savepoint inside the test transaction).
    counted(session, 8, 5)
    for i in range(5, 30):
        draft(staff["handler"], title=f"草稿{i}")
    counted(token, 6, 30)
    counted(session, 8, 30)


def test_unknown_document_is_404_in_chinese(clock, staff) -> None:
    response = token_client(staff["handler"]).get(f"{BASE}/424242")
    assert response.status_code == 404
    assert response.json() == {"detail": "文件不存在。", "errors": {}}
    response = post_json(token_client(staff["admin"]), f"{BASE}/424242/approve")
    assert response.status_code == 404


def test_published_document_cannot_be_edited_in_place(clock, staff) -> None:
    doc = published_by_review(staff["handler"], staff["admin"])
    handler = token_client(staff["handler"])
    before = _snapshot()
    response = put_json(handler, f"{BASE}/{doc.pk}", doc_payload())
    assert response.status_code == 409
    assert response.json()["detail"] == "只有草稿可以直接修改；已发布的文件请使用“修订”。"
    assert _snapshot() == before


# --- bad input: a clear Chinese answer, nothing saved --------------------------------------------------


def test_future_date_written_is_refused(clock, staff) -> None:
    handler = token_client(staff["handler"])
    before = _snapshot()
    response = post_json(handler, BASE, doc_payload(date_written="2026-06-16"))
    assert response.status_code == 400
    assert response.json() == {
        "detail": "成文日期不能晚于今天。",
        "errors": {"date_written": ["成文日期不能晚于今天。"]},
    }
    assert _snapshot() == before


def test_duplicate_doc_number_in_one_unit_is_refused(clock, staff) -> None:
    client = token_client(staff["handler"])
    assert post_json(client, BASE, doc_payload(doc_number="苏财规〔2026〕3号")).status_code == 201
    before = _snapshot()
    response = post_json(client, BASE, doc_payload(doc_number="苏财规(2026)3号"))
    assert response.status_code == 400
    assert response.json()["errors"] == {"doc_number": ["本单位已有发文字号为 苏财规〔2026〕3号 的文件。"]}
    assert _snapshot() == before
    # Another unit may use the same number.
    other_client = token_client(staff["other_handler"])
    other = post_json(other_client, BASE, doc_payload(doc_number="苏财规〔2026〕3号"))
    assert other.status_code == 201


def test_several_errors_are_reported_together(clock, staff) -> None:
    handler = token_client(staff["handler"])
    before = _snapshot()
    response = post_json(handler, BASE, doc_payload(title="  ", topic="9999", disclosure="secret"))
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "标题不能为空。（共3处错误）"
    assert body["errors"] == {
        "title": ["标题不能为空。"],
        "topic": ["请选择有效的主题分类。"],
        "disclosure": ["请选择有效的公开属性。"],
    }
    assert _snapshot() == before


def test_script_in_title_is_kept_as_literal_text(clock, staff) -> None:
    title = '<script>alert("gongkai")</script><img src=x onerror=alert(1)>关于印发办法的通知'
    response = post_json(token_client(staff["handler"]), BASE, doc_payload(title=title))
    assert response.status_code == 201
    assert response.json()["title"] == title
    assert response["Content-Type"].startswith("application/json")
    assert Document.objects.get(pk=response.json()["id"]).title == title


def test_malformed_json_is_refused(clock, staff) -> None:
    handler = token_client(staff["handler"])
    before = _snapshot()
    response = handler.post(BASE, data='{"title": "通知",', content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": "请求体不是有效的 JSON。", "errors": {}}
    assert _snapshot() == before


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"date_written": "2026-02-30"},
            "date_written",
            "日期无效或格式不正确，应为 YYYY-MM-DD，如 2026-06-15。",
        ),
        ({"date_written": "去年"}, "date_written", "日期无效或格式不正确，应为 YYYY-MM-DD，如 2026-06-15。"),
        ({"title": None}, "title", "应为文本。"),
        (
            {"scheduled_at": "2026-06-20T09:00:00"},
            "scheduled_at",
            "时间须带时区，如 2026-06-15T10:00:00+08:00。",
        ),
        ({"doc_no": "苏财〔2026〕1号"}, "doc_no", "不支持此字段。"),
        ({"keywords": "词" * 201}, "keywords", "不能超过200个字符。"),
    ],
)
def test_malformed_fields_are_a_chinese_422(clock, staff, overrides, field, message) -> None:
    handler = token_client(staff["handler"])
    before = _snapshot()
    response = post_json(handler, BASE, doc_payload(**overrides))
    assert response.status_code == 422
    assert response.json() == {"detail": "请求数据格式不正确。", "errors": {field: [message]}}
    assert _snapshot() == before


def test_missing_fields_are_listed(clock, staff) -> None:
    response = post_json(token_client(staff["handler"]), BASE, {"title": "只有标题"})
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "body": ["此项为必填项。"],
        "date_written": ["此项为必填项。"],
        "topic": ["此项为必填项。"],
    }


def test_body_that_is_not_an_object_is_refused(clock, staff) -> None:
    response = post_json(token_client(staff["handler"]), BASE, ["标题", "正文"])
    assert response.status_code == 422
    assert response.json() == {"detail": "请求数据格式不正确。", "errors": {"__all__": ["应为 JSON 对象。"]}}


def test_oversized_body_is_refused(clock, staff, settings) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    handler = token_client(staff["handler"])
    before = _snapshot()
    response = post_json(handler, BASE, doc_payload(body="正" * (1024 * 1024)))
    assert response.status_code == 413
    assert response.json()["detail"] == "请求体过大（上限 1 MB），较长的内容请作为附件上传。"
    assert _snapshot() == before


def test_oversized_page_size_is_refused(clock, staff) -> None:
    response = token_client(staff["handler"]).get(f"{BASE}?page_size=1000")
    assert response.status_code == 422
    assert response.json() == {"detail": "请求数据格式不正确。", "errors": {"page_size": ["不能大于100。"]}}
