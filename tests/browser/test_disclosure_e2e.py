"""Done-when #1 in headless Debian chromium over real HTTP: a new user files a request online and gets a
tracking code; staff register it and ask for a 补正; the applicant corrects on the tracking page; staff
assign, extend and answer with a reply letter; the applicant reads the reply and downloads the PDF."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from gongkai.core.context import Actor
from gongkai.disclosure.choices import State
from gongkai.disclosure.models import DisclosureRequest, Letter
from gongkai.disclosure.services import (
    request_assign,
    request_correction_notice,
    request_extend,
    request_register,
    request_start_handling,
)
from tests.disclosure.factories import PERSON_ID


@pytest.mark.django_db(transaction=True)
def test_applicant_files_corrects_and_reads_the_reply(
    live_server, browser, clock, staff, units, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    applicant = browser.new_context(locale="zh-CN", java_script_enabled=False, accept_downloads=True)
    page = applicant.new_page()

    # 1. a new user files online (no JavaScript)
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="依申请公开").first.click()
    page.get_by_role("link", name="在线提交申请").click()
    page.get_by_label("自然人").check()
    page.get_by_label("申请人姓名或名称").fill("张三")
    page.get_by_label("身份证明类型").select_option("resident_id")
    page.get_by_label("身份证明号码").fill("110105194912310021")  # wrong check digit first
    page.get_by_label("联系电话").fill("13912345678")
    page.get_by_label("电子邮箱").fill("zhangsan@example.com")
    page.get_by_label("受理机关").select_option(label="苏州市财政局")
    page.get_by_label("所需信息的内容描述").fill("请公开财政局的预算<script>alert(1)</script>")
    page.get_by_label("电子数据").check()
    page.get_by_label("网上获取").check()
    page.get_by_role("button", name="提交申请").click()
    assert "居民身份证号码不正确" in page.content()
    assert page.get_by_label("申请人姓名或名称").input_value() == "张三"  # input kept
    page.get_by_label("身份证明号码").fill(PERSON_ID)
    page.get_by_role("button", name="提交申请").click()
    assert page.get_by_role("heading", name="申请已提交").is_visible()
    assert page.get_by_text("请妥善保存").is_visible()
    code = page.locator("#tracking-code").inner_text()
    secret = page.locator("#tracking-secret").inner_text()
    case = DisclosureRequest.objects.get(tracking_code=code)
    assert case.state == State.RECEIVED

    # 2. staff register it and ask for a 补正
    office, handler = Actor(staff["office"]), Actor(staff["handler"])
    case = request_register(actor=office, case=case, date_received=clock.today())
    request_correction_notice(actor=office, case=case, items="请写明所需预算的年度。")

    # 3. the applicant corrects on the tracking page
    page.goto(live_server.url + "/yisqgk/track/")
    page.get_by_label("查询编号").fill(code)
    page.get_by_label("查询码").fill(secret)
    page.get_by_role("button", name="查询").click()
    assert "待补正" in page.content() and "请写明所需预算的年度" in page.content()
    page.get_by_label("补正内容").fill("2025年度部门预算")
    page.get_by_role("button", name="提交补正").click()
    assert "补正已提交" in page.content()
    case.refresh_from_db()
    assert case.state == State.CORRECTED

    # 4. staff assign, extend and answer with a letter (on the workbench pages)
    clock.advance(dt.timedelta(days=1))
    case = request_assign(actor=office, case=case, unit=units["finance"], handler=staff["handler"])
    case = request_start_handling(actor=handler, case=case)
    request_extend(
        actor=handler, case=case, working_days=10, reason="需要检索多年档案", approved_by=staff["admin"]
    )
    staff_client = Client()
    staff_client.force_login(staff["handler"], backend="django.contrib.auth.backends.ModelBackend")
    workbench = browser.new_context(locale="zh-CN")
    workbench.add_cookies(
        [{"name": "sessionid", "value": staff_client.cookies["sessionid"].value, "url": live_server.url}]
    )
    wb = workbench.new_page()
    wb.goto(f"{live_server.url}/workbench/disclosure/{case.pk}/")
    form = wb.locator("#letter-new")
    form.get_by_label("文书类型").select_option("reply")
    form.get_by_label("办理结果（答复告知书）").select_option("disclose")
    form.get_by_label("答复说明").fill("所申请的预算表见附件。")
    form.get_by_role("button", name="生成文书草稿").click()
    assert "未发现需处理的第三方个人信息" in wb.content()
    wb.get_by_role("button", name="发送政府信息公开申请答复告知书并答复").click()
    assert "文书已发送" in wb.content()
    case.refresh_from_db()
    assert case.state == State.REPLIED
    letter = Letter.objects.get(request=case, kind="reply")

    # 5. the applicant reads the reply and downloads the PDF
    page.goto(f"{live_server.url}/yisqgk/track/{code}/")
    assert "已答复" in page.content() and "予以公开" in page.content()
    assert "<script>alert(1)</script>" not in page.content()
    page.get_by_role("link", name="政府信息公开申请答复告知书", exact=True).click()
    assert page.get_by_role("heading", name="政府信息公开申请答复告知书").is_visible()
    assert "6个月内向人民法院提起行政诉讼" in page.content()
    page.goto(f"{live_server.url}/yisqgk/track/{code}/")
    with page.expect_download() as info:
        page.get_by_role("link", name="下载 PDF ：政府信息公开申请答复告知书").click()
    path = tmp_path / "reply.pdf"
    info.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF") and info.value.suggested_filename.endswith(".pdf")
    assert letter.current.title in info.value.suggested_filename
    page.screenshot(path=str(tmp_path / "tracking.png"), full_page=True)

    # 6. the openness office sees the request in the right cell of table 三: 予以公开, 自然人
    office_client = Client()
    office_client.force_login(staff["office"], backend="django.contrib.auth.backends.ModelBackend")
    office = browser.new_context(locale="zh-CN")
    office.add_cookies(
        [{"name": "sessionid", "value": office_client.cookies["sessionid"].value, "url": live_server.url}]
    )
    report = office.new_page()
    year = clock.today().year
    report.goto(f"{live_server.url}/workbench/disclosure/reports/?unit={units['finance'].code}&year={year}")
    row = report.locator("tr", has=report.locator("th", has_text="（一）予以公开"))
    cells = [c.strip() for c in row.locator("td").all_inner_texts()]
    assert cells == ["1", "0", "0", "0", "0", "0", "1"], cells
    new_row = report.locator("tr", has=report.locator("th", has_text="一、本年新收政府信息公开申请数量"))
    assert new_row.locator("td").first.inner_text().strip() == "1"
