"""The applicant's side: the online form, the one-time receipt, tracking with code + query password,
online correction, and the public API — including hostile input."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.core.context import Actor
from gongkai.disclosure.choices import State
from gongkai.disclosure.models import DisclosureRequest, RequestAttachment
from gongkai.disclosure.services import request_correction_notice, request_register
from gongkai.disclosure.services.public import FILINGS_PER_HOUR, LOOKUP_FAILURES_PER_WINDOW
from tests.disclosure.factories import PERSON_ID, uscc

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SCRIPT = "<script>alert('x')</script>"
BAD_USCC = uscc(3)[:-1] + ("0" if uscc(3)[-1] != "0" else "1")


def form_data(client: Any, units: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    page = client.get(reverse("yisqgk:apply"))
    token = re.search(r'name="form_token" value="([^"]+)"', page.content.decode()).group(1)
    data = {
        "form_token": token,
        "applicant_kind": "natural_person",
        "applicant_name": "张三",
        "id_type": "resident_id",
        "id_number": PERSON_ID,
        "phone": "13912345678",
        "email": "zhangsan@example.com",
        "address": "苏州市姑苏区人民路1号",
        "addressee_unit": units["finance"].pk,
        "info_title": "2025年部门预算",
        "description": "请公开2025年苏州市财政局部门预算执行情况。",
        "medium": "electronic",
        "delivery": "email",
        "website": "",
    }
    data.update(overrides)
    return data


def file_one(client: Any, units: dict[str, Any], **overrides: Any) -> tuple[str, str]:
    resp = client.post(reverse("yisqgk:apply"), form_data(client, units, **overrides))
    assert resp.status_code == 302, resp.content.decode()[:2000]
    page = client.get(reverse("yisqgk:receipt")).content.decode()
    code = re.search(r'id="tracking-code">([^<]+)<', page).group(1)
    secret = re.search(r'id="tracking-secret">([^<]+)<', page).group(1)
    return code, secret


def test_form_is_accessible_without_javascript(client, units) -> None:  # type: ignore[no-untyped-def]
    page = client.get(reverse("yisqgk:apply")).content.decode()
    assert "<script" not in page.split("<main", 1)[1]
    assert 'for="id_applicant_name"' in page and 'aria-describedby="id_description-help"' in page
    assert 'aria-hidden="true"' in page and 'name="website"' in page  # the honeypot, hidden from people
    assert units["finance"].name in page and "商业企业" in page and "法律服务机构" in page
    # the nav link of the public pages
    assert 'href="/yisqgk/"' in client.get("/").content.decode()


def test_filing_shows_code_and_secret_once(client, units) -> None:  # type: ignore[no-untyped-def]
    resp = client.post(reverse("yisqgk:apply"), form_data(client, units))
    assert resp.status_code == 302 and resp["Location"] == reverse("yisqgk:receipt")
    page = client.get(reverse("yisqgk:receipt"))
    text = page.content.decode()
    assert "请妥善保存" in text and "只显示这一次" in text and "no-store" in page["Cache-Control"]
    case = DisclosureRequest.objects.get()
    assert case.tracking_code in text and case.state == State.RECEIVED and case.channel == "online"
    assert case.date_received is None  # art. 31: receipt is the day both sides confirm
    # shown once: the second visit goes to the look-up page
    assert client.get(reverse("yisqgk:receipt"))["Location"] == reverse("yisqgk:track")


def test_organisation_with_uscc(client, units) -> None:  # type: ignore[no-untyped-def]
    file_one(
        client,
        units,
        applicant_kind="organisation",
        org_kind="research",
        applicant_name="苏州某研究院",
        contact_person="李四",
        id_type="uscc",
        id_number=uscc(7),
    )
    case = DisclosureRequest.objects.get()
    assert case.applicant_column == "research" and case.contact_person == "李四"


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"id_number": "110105194912310021"}, "居民身份证号码不正确"),
        (
            {
                "applicant_kind": "organisation",
                "org_kind": "commercial",
                "id_type": "uscc",
                "id_number": BAD_USCC,
            },
            "统一社会信用代码不正确",
        ),
        ({"applicant_name": ""}, "请填写申请人姓名或名称"),
        ({"description": "", "info_title": "", "doc_number": ""}, "请填写所需信息的名称、文号"),
        ({"phone": "", "email": "", "address": "", "delivery": "online"}, "请至少填写一种联系方式"),
        ({"medium": ""}, "请选择信息载体形式"),
        ({"addressee_unit": ""}, "请选择受理机关"),
        ({"applicant_kind": "organisation", "org_kind": ""}, "请选择法人或其他组织的类别"),
    ],
)
def test_invalid_input_is_refused_with_chinese_errors_and_kept(
    client, units, overrides, field_message
) -> None:  # type: ignore[no-untyped-def]
    data = form_data(client, units, **overrides)
    resp = client.post(reverse("yisqgk:apply"), data)
    text = resp.content.decode()
    assert resp.status_code == 400
    assert field_message in text and "申请未提交" in text
    assert 'aria-invalid="true"' in text
    if data["applicant_name"]:
        assert f'value="{data["applicant_name"]}"' in text  # the input is kept
    if data["info_title"]:
        assert "2025年部门预算" in text
    assert DisclosureRequest.objects.count() == 0


def test_honeypot_files_nothing(client, units) -> None:  # type: ignore[no-untyped-def]
    resp = client.post(reverse("yisqgk:apply"), form_data(client, units, website="http://spam.example"))
    assert resp.status_code == 400 and DisclosureRequest.objects.count() == 0


def test_forged_or_missing_form_token(client, units) -> None:  # type: ignore[no-untyped-def]
    resp = client.post(reverse("yisqgk:apply"), form_data(client, units, form_token="forged"))
    assert resp.status_code == 400 and "表单已过期" in resp.content.decode()
    assert DisclosureRequest.objects.count() == 0


def test_double_submission_files_one_request(client, units) -> None:  # type: ignore[no-untyped-def]
    data = form_data(client, units)
    first = client.post(reverse("yisqgk:apply"), data)
    second = client.post(reverse("yisqgk:apply"), data)  # double click: same token
    assert first.status_code == 302 and second.status_code == 302
    assert DisclosureRequest.objects.count() == 1
    # from another browser (no receipt in its session): a clear page, nothing filed, no secret
    from django.test import Client

    other = Client().post(reverse("yisqgk:apply"), data)
    assert other.status_code == 409 and "已经提交过" in other.content.decode()
    assert DisclosureRequest.objects.count() == 1


def test_filings_are_limited_per_address(client, units) -> None:  # type: ignore[no-untyped-def]
    for _ in range(FILINGS_PER_HOUR):
        file_one(client, units)
    resp = client.post(reverse("yisqgk:apply"), form_data(client, units))
    assert resp.status_code == 429 and "提交过于频繁" in resp.content.decode()
    assert DisclosureRequest.objects.count() == FILINGS_PER_HOUR


def test_attachment_accepted_and_stored_by_hash(client, units) -> None:  # type: ignore[no-untyped-def]
    data = form_data(client, units)
    data["attachments"] = [SimpleUploadedFile("../../etc/身份证明.pdf", PDF, content_type="application/pdf")]
    assert client.post(reverse("yisqgk:apply"), data).status_code == 302
    att = RequestAttachment.objects.get()
    assert att.original_name == "身份证明.pdf" and att.extension == "pdf"
    assert att.sha256 in att.file.name and ".." not in att.file.name


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("evil.pdf", b"<html><script>alert(1)</script></html>", "内容与扩展名 .pdf 不符"),
        ("run.exe", b"MZ\x90\x00" + b"\x00" * 100, "不支持 .exe 格式"),
        ("page.html", b"<html></html>", "不支持 .html 格式"),
        ("empty.pdf", b"", "空文件"),
        ("big.pdf", PDF + b"0" * 3000, "超过大小上限"),
    ],
)
def test_hostile_attachments_are_refused(client, units, settings, name, content, message) -> None:  # type: ignore[no-untyped-def]
    settings.GONGKAI_DISCLOSURE_MAX_FILE_BYTES = 2048
    data = form_data(client, units)
    data["attachments"] = [SimpleUploadedFile(name, content)]
    resp = client.post(reverse("yisqgk:apply"), data)
    assert resp.status_code == 400 and message in resp.content.decode()
    assert DisclosureRequest.objects.count() == 0 and RequestAttachment.objects.count() == 0


def test_too_many_attachments(client, units) -> None:  # type: ignore[no-untyped-def]
    data = form_data(client, units)
    data["attachments"] = [SimpleUploadedFile(f"a{i}.pdf", PDF) for i in range(6)]
    resp = client.post(reverse("yisqgk:apply"), data)
    assert resp.status_code == 400 and "最多上传5个附件" in resp.content.decode()


def _lookup(client: Any, code: str, secret: str) -> Any:
    return client.post(reverse("yisqgk:track"), {"tracking_code": code, "secret": secret})


def test_tracking_with_the_right_pair(client, units) -> None:  # type: ignore[no-untyped-def]
    code, secret = file_one(client, units, description=f"请公开{SCRIPT}相关文件")
    from django.test import Client

    visitor = Client()
    resp = _lookup(visitor, code.lower(), secret)
    assert resp.status_code == 302 and resp["Location"] == reverse("yisqgk:case", args=[code])
    page = visitor.get(resp["Location"]).content.decode()
    assert "等待受理机关确认收到" in page
    assert SCRIPT not in page and "&lt;script&gt;" in page  # inert


def test_wrong_secret_reveals_nothing(client, units) -> None:  # type: ignore[no-untyped-def]
    code, secret = file_one(client, units)
    from django.test import Client

    visitor = Client()
    wrong = _lookup(visitor, code, secret[:-1] + ("A" if secret[-1] != "A" else "B"))
    unknown = _lookup(visitor, "ABCDEFGHJKMN", secret)
    for resp in (wrong, unknown):
        text = resp.content.decode()
        assert resp.status_code == 400 and "编号或查询码不正确" in text
        assert "财政局" not in text.split("<main", 1)[1] and "等待" not in text
    # the case page is not reachable without a successful look-up in this session
    assert visitor.get(reverse("yisqgk:case", args=[code]))["Location"] == reverse("yisqgk:track")


def test_lookup_failures_are_limited(client, units) -> None:  # type: ignore[no-untyped-def]
    code, secret = file_one(client, units)
    from django.test import Client

    visitor = Client()
    for _ in range(LOOKUP_FAILURES_PER_WINDOW):
        assert _lookup(visitor, code, "guess").status_code == 400
    resp = _lookup(visitor, code, secret)  # even the right pair waits
    assert resp.status_code == 429 and "查询失败次数过多" in resp.content.decode()


def test_correction_online_restarts_the_clock(client, units, staff, clock) -> None:  # type: ignore[no-untyped-def]
    code, secret = file_one(client, units)
    case = DisclosureRequest.objects.get()
    office = Actor(staff["office"])
    case = request_register(actor=office, case=case, date_received=clock.today())
    request_correction_notice(actor=office, case=case, items="请写明所需预算的年度和科目。")
    _lookup(client, code, secret)
    page = client.get(reverse("yisqgk:case", args=[code])).content.decode()
    assert "请写明所需预算的年度和科目" in page and "提交补正" in page
    resp = client.post(reverse("yisqgk:correction", args=[code]), {"corrected_text": ""})
    assert resp.status_code == 400 and "请填写补正内容" in resp.content.decode()
    resp = client.post(
        reverse("yisqgk:correction", args=[code]),
        {"corrected_text": "2025年度一般公共预算", "attachments": [SimpleUploadedFile("补正.pdf", PDF)]},
    )
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.state == State.CORRECTED and case.corrected_text == "2025年度一般公共预算"
    assert RequestAttachment.objects.filter(purpose="correction").count() == 1
    page = client.get(reverse("yisqgk:case", args=[code])).content.decode()
    assert "重新计算" in page and "还剩 20 个工作日" in page


def test_session_is_tied_to_the_secret(client, units) -> None:  # type: ignore[no-untyped-def]
    code, _secret = file_one(client, units)
    session = client.session
    session["yisqgk_cases"] = {code: "0" * 64}  # a forged session value
    session.save()
    assert client.get(reverse("yisqgk:case", args=[code])).status_code == 302


# --- the public API ---------------------------------------------------------------------------


def api_payload(units: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    payload = {
        "applicant_kind": "natural_person",
        "applicant_name": "张三",
        "id_type": "resident_id",
        "id_number": PERSON_ID,
        "phone": "13912345678",
        "description": "请公开2025年部门预算。",
        "medium": "electronic",
        "delivery": "online",
        "addressee_unit": units["finance"].code,
    }
    payload.update(overrides)
    return payload


def test_api_files_and_tracks(client, units) -> None:  # type: ignore[no-untyped-def]
    resp = client.post("/api/v1/disclosure/requests", api_payload(units), content_type="application/json")
    assert resp.status_code == 201, resp.content
    body = resp.json()
    code, secret = body["tracking_code"], body["secret"]
    assert body["state"] == "received"
    ok = client.get(f"/api/v1/disclosure/requests/{code}", HTTP_X_QUERY_SECRET=secret)
    assert ok.status_code == 200 and ok.json()["state_label"] == "待确认收到"
    for headers in ({"HTTP_X_QUERY_SECRET": "forged"}, {}):
        bad = client.get(f"/api/v1/disclosure/requests/{code}", **headers)
        assert bad.status_code == 404 and bad.json() == {"detail": "编号或查询码不正确。", "errors": {}}


def test_api_validation_and_idempotency(client, units) -> None:  # type: ignore[no-untyped-def]
    bad = client.post(
        "/api/v1/disclosure/requests",
        api_payload(units, id_number="110105194912310021"),
        content_type="application/json",
    )
    assert bad.status_code == 400 and "居民身份证号码不正确" in bad.json()["errors"]["id_number"][0]
    kw = {"content_type": "application/json", "HTTP_IDEMPOTENCY_KEY": "k-1"}
    assert client.post("/api/v1/disclosure/requests", api_payload(units), **kw).status_code == 201
    again = client.post("/api/v1/disclosure/requests", api_payload(units), **kw)
    assert again.status_code == 409 and "已经提交过" in again.json()["detail"]
    assert DisclosureRequest.objects.count() == 1


def test_api_in_openapi_schema(client) -> None:  # type: ignore[no-untyped-def]
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/disclosure/requests" in schema["paths"]
    get = schema["paths"]["/api/v1/disclosure/requests/{code}"]["get"]
    assert any(p["name"] == "X-Query-Secret" and p["in"] == "header" for p in get["parameters"])
