"""Statistics and annual-report tables: table 三's identities on generated years, the cross-year
carry-over, the counting of edge cases, table 四, the exports, the command and the permissions."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from gongkai.api.services import api_token_create
from gongkai.core.clock import CHINA_TZ, FrozenClock
from gongkai.core.context import Actor
from gongkai.disclosure.choices import AppealKind, AppealOutcome, Channel, State
from gongkai.disclosure.models import DisclosureRequest
from gongkai.disclosure.reports.exporters import csv_text, xlsx_bytes
from gongkai.disclosure.reports.scope import ReportScope
from gongkai.disclosure.reports.synthetic import ROOT_CODE, generate_year
from gongkai.disclosure.reports.table_four import compute_table_four
from gongkai.disclosure.reports.table_three import (
    CARRIED_IN,
    CARRIED_OUT,
    NEW,
    RESULT_ROWS,
    TOTAL_DECIDED,
    check_carry_over,
    check_table_three,
    compute_table_three,
)
from gongkai.disclosure.services import (
    appeal_decide,
    appeal_record,
    request_create,
    request_register,
    request_reply,
    request_start_handling,
)
from gongkai.units.models import Unit
from tests.conftest import PASSWORD
from tests.disclosure.factories import organisation_input, person_input

pytestmark = pytest.mark.django_db

# The printed labels of table 三, copied from disclosure-rules.md §2.2 (2021 format), in order.
REFERENCE_LABELS = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "（四）无法提供",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "（五）不予处理",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "（六）其他处理",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
]
HEADER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def at_day(day: dt.date) -> FrozenClock:
    return FrozenClock(dt.datetime(day.year, day.month, day.day, 10, tzinfo=CHINA_TZ))


def identity_holds(cells: dict[str, tuple[int, ...]]) -> None:
    for c in range(7):
        assert cells[NEW][c] + cells[CARRIED_IN][c] == cells[TOTAL_DECIDED][c] + cells[CARRIED_OUT][c], c
        assert cells[TOTAL_DECIDED][c] == sum(cells[r.key][c] for r in RESULT_ROWS), c
    for key, row in cells.items():
        assert row[6] == sum(row[:6]), key


def test_generated_years_hold_every_rule_and_carry_over(clock) -> None:  # type: ignore[no-untyped-def]
    first = generate_year(year=2024, count=300, seed=7, units=10)
    second = generate_year(year=2025, count=80, seed=7, units=10)
    assert first.refused == 0 and second.refused == 0, (first.refusals, second.refusals)
    assert first.created == 300 and second.carried_walked > 0
    root = Unit.objects.get(code=ROOT_CODE)
    units = list(Unit.objects.filter(path__startswith=root.path))
    assert len(units) == 10
    for unit in units:
        for sub in (False, True):
            t24 = compute_table_three(ReportScope(unit, 2024, sub))
            t25 = compute_table_three(ReportScope(unit, 2025, sub))
            for t in (t24, t25):
                assert t.ok, t.failed
                identity_holds(t.cells)
            assert check_carry_over(t24, t25).ok
            assert t24.cells[CARRIED_OUT] == t25.cells[CARRIED_IN]
    whole = compute_table_three(ReportScope(root, 2024, True))
    # 一 counts exactly the requests whose art. 31 receipt day is in the year.
    received = DisclosureRequest.objects.filter(
        addressee_unit__path__startswith=root.path, date_received__year=2024
    ).count()
    assert whole.value(NEW) == received
    # Every result row of the table is exercised by a generated year, and every applicant column.
    assert all(whole.value(r.key) > 0 for r in RESULT_ROWS), [
        r.label for r in RESULT_ROWS if not whole.value(r.key)
    ]
    assert all(n > 0 for n in whole.cells[NEW])
    assert whole.value(CARRIED_OUT) > 0
    four = compute_table_four(ReportScope(root, 2024, True))
    assert four.ok
    for g, cells in four.cells.items():
        assert cells[4] == sum(cells[:4]) > 0, g


def test_partial_disclosure_counts_only_under_row_two(cases, staff) -> None:  # type: ignore[no-untyped-def]
    handler = cases.actor("handler")
    case = cases.in_state(State.IN_HANDLING)
    request_reply(actor=handler, case=case, reply_type="partial", reply_text="部分公开。")
    t = compute_table_three(ReportScope(cases.units["city"], 2026))
    assert t.value("partial") == 1 and t.value(TOTAL_DECIDED) == 1
    assert sum(t.value(r.key) for r in RESULT_ROWS if r.key != "partial") == 0
    assert t.ok


def test_process_endings_count_under_six(cases) -> None:  # type: ignore[no-untyped-def]
    cases.in_state(State.DEEMED_WITHDRAWN)
    cases.in_state(State.FEE_ABANDONED)
    t = compute_table_three(ReportScope(cases.units["city"], 2026))
    assert t.value("other:no_correction") == 1 and t.value("other:fee_unpaid") == 1
    assert t.value(TOTAL_DECIDED) == 2 and t.ok


def test_received_in_december_answered_in_january(staff, units) -> None:  # type: ignore[no-untyped-def]
    office = Actor(staff["office"])
    city = units["city"]
    dec = dt.date(2025, 12, 29)
    case = request_create(
        actor=office,
        data=organisation_input(),
        addressee_unit=city,
        channel=Channel.IN_PERSON,
        date_arrived=dec,
        date_received=dec,
        clock=at_day(dec),
    ).request
    case = request_start_handling(actor=office, case=case, clock=at_day(dec))
    request_reply(
        actor=office,
        case=case,
        reply_type="disclose",
        reply_text="予以公开。",
        date_replied=dt.date(2026, 1, 8),
        clock=at_day(dt.date(2026, 1, 8)),
    )
    # An online application arriving on 12-30 and confirmed on 01-04 is received (art. 31) in 2026.
    online = request_create(
        actor=Actor.system(),
        data=person_input(),
        addressee_unit=city,
        channel=Channel.ONLINE,
        date_arrived=dt.date(2025, 12, 30),
        clock=at_day(dt.date(2025, 12, 30)),
    ).request
    request_register(
        actor=office, case=online, date_received=dt.date(2026, 1, 4), clock=at_day(dt.date(2026, 1, 4))
    )
    t25 = compute_table_three(ReportScope(city, 2025))
    t26 = compute_table_three(ReportScope(city, 2026))
    legal = 4  # the 法律服务机构 column
    assert t25.cells[NEW][legal] == 1 and t25.value(NEW) == 1
    assert t25.value(TOTAL_DECIDED) == 0 and t25.cells[CARRIED_OUT][legal] == 1
    assert t26.cells[CARRIED_IN][legal] == 1 and t26.value(CARRIED_IN) == 1
    assert t26.cells["disclose"][legal] == 1
    assert t26.value(NEW) == 1 and t26.cells[NEW][0] == 1  # the online one, natural person
    assert t26.value(CARRIED_OUT) == 1  # the online one is still open
    assert t25.ok and t26.ok and check_carry_over(t25, t26).ok


def test_table_four_counts_filed_and_carried_appeals(cases, staff) -> None:  # type: ignore[no-untyped-def]
    office = cases.actor("office")
    case = cases.in_state(State.REPLIED)  # replied 2026-06-15
    ended = cases.in_state(State.REPLIED)
    d = dt.date(2026, 7, 1)
    pending_over_year_end = appeal_record(
        actor=office,
        case=case,
        kind=AppealKind.RECONSIDERATION,
        authority="苏州市人民政府",
        date_filed=d,
        clock=at_day(d),
    )
    direct = appeal_record(
        actor=office,
        case=ended,
        kind=AppealKind.LITIGATION_DIRECT,
        authority="苏州市中级人民法院",
        date_filed=d,
        clock=at_day(d),
    )
    appeal_decide(
        actor=office,
        appeal=direct,
        outcome=AppealOutcome.CORRECTED,
        date_decided=dt.date(2026, 9, 1),
        clock=at_day(dt.date(2026, 9, 1)),
    )
    late = dt.date(2027, 2, 1)
    appeal_decide(
        actor=office,
        appeal=pending_over_year_end,
        outcome=AppealOutcome.UPHELD,
        date_decided=late,
        clock=at_day(late),
    )
    after = appeal_record(
        actor=office,
        case=case,
        kind=AppealKind.LITIGATION_AFTER_REVIEW,
        authority="法院",
        date_filed=late,
        clock=at_day(late),
    )
    assert after.outcome == AppealOutcome.PENDING
    city = cases.units["city"]
    t26 = compute_table_four(ReportScope(city, 2026))
    t27 = compute_table_four(ReportScope(city, 2027))
    assert t26.cells[AppealKind.RECONSIDERATION] == (0, 0, 0, 1, 1)  # decided only in 2027
    assert t26.cells[AppealKind.LITIGATION_DIRECT] == (0, 1, 0, 0, 1)
    assert t26.cells[AppealKind.LITIGATION_AFTER_REVIEW] == (0, 0, 0, 0, 0)
    assert t27.cells[AppealKind.RECONSIDERATION] == (1, 0, 0, 0, 1)  # carried in, decided
    assert t27.cells[AppealKind.LITIGATION_DIRECT] == (0, 0, 0, 0, 0)  # decided in 2026: not again
    assert t27.cells[AppealKind.LITIGATION_AFTER_REVIEW] == (0, 0, 0, 1, 1)
    assert len(t26.flat()) == 15 and t26.ok and t27.ok


def test_checks_name_the_failing_rule() -> None:
    cells = dict.fromkeys(["new", "carried_in", "decided_total", "carried_out"], (0,) * 7)
    cells.update({r.key: (0,) * 7 for r in RESULT_ROWS})
    cells["new"] = (1, 0, 0, 0, 0, 0, 1)
    failed = [c for c in check_table_three(cells) if not c.ok]
    assert len(failed) == 1 and "第一项加第二项之和" in failed[0].rule and "自然人" in failed[0].detail


def test_excel_and_csv_follow_the_national_layout(cases) -> None:  # type: ignore[no-untyped-def]
    cases.in_state(State.REPLIED)
    scope = ReportScope(cases.units["city"], 2026)
    three, four = compute_table_three(scope), compute_table_four(scope)
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(three, four)))
    ws = wb.worksheets[0]
    labels = [
        ws.cell(row=r, column=c).value
        for r in range(5, ws.max_row + 1)
        for c in (1, 2, 3)
        if isinstance(ws.cell(row=r, column=c).value, str)
    ]
    assert labels == REFERENCE_LABELS
    assert ws["A2"].value == HEADER_NOTE
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert {"A2:C4", "D2:J2", "D3:D4", "E3:I3", "J3:J4", "A7:A28"} <= merged
    assert [ws.cell(row=4, column=c).value for c in range(5, 10)] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    assert ws["D3"].value == "自然人" and ws["J3"].value == "总计"
    assert ws["J5"].value == 1 and ws["D5"].value == 1  # 一、本年新收: one natural person
    ws4 = wb.worksheets[1]
    assert ws4["A2"].value == "行政复议" and ws4["F2"].value == "行政诉讼"
    assert [ws4.cell(row=5, column=c).value for c in range(1, 16)] == [0] * 15
    text = csv_text(three, four)
    assert all(label in text for label in REFERENCE_LABELS) and HEADER_NOTE in text


def test_report_command_prints_tables_and_writes_xlsx(tmp_path: Path, cases) -> None:  # type: ignore[no-untyped-def]
    cases.in_state(State.REPLIED)
    out = io.StringIO()
    target = tmp_path / "r.xlsx"
    call_command("disclosure_report", unit="014000001", year=2026, xlsx=target, stats=True, stdout=out)
    printed = out.getvalue()
    assert "一、本年新收政府信息公开申请数量" in printed and "✗" not in printed and "行政复议" in printed
    assert openpyxl.load_workbook(target).worksheets[0]["A2"].value == HEADER_NOTE


def login(username: str) -> Client:
    c = Client(REMOTE_ADDR="192.0.2.10")
    resp = c.post(reverse("workbench:login"), {"username": username, "password": PASSWORD})
    assert resp.status_code == 302
    return c


def _late_case(cases) -> DisclosureRequest:  # type: ignore[no-untyped-def]
    handler = cases.actor("handler")
    case = cases.in_state(State.IN_HANDLING)
    day = dt.date(2026, 8, 31)
    return request_reply(
        actor=handler,
        case=case,
        reply_type="disclose",
        reply_text="公开。",
        date_replied=day,
        clock=at_day(day),
    )


def test_report_page_permissions_and_counts_only_for_evaluators(cases, units) -> None:  # type: ignore[no-untyped-def]
    late = _late_case(cases)
    url = reverse("disclosure:reports:report") + f"?unit={units['city'].code}&year=2026&sub=1"
    for username in ("handler", "admin", "other_handler", "district_office"):
        assert login(username).get(url).status_code == 403, username
    office = login("office").get(url)
    assert office.status_code == 200
    page = office.content.decode()
    assert HEADER_NOTE in page and "（七）总计" in page and "✓" in page and "表格校验未通过" not in page
    assert late.tracking_code in page  # the office sees which replies were late
    evaluator = login("evaluator").get(url)
    assert evaluator.status_code == 200
    page = evaluator.content.decode()
    assert "逾期答复" in page and late.tracking_code not in page and "张三" not in page
    export = login("evaluator").get(
        reverse("disclosure:reports:export", args=["xlsx"]) + f"?unit={units['city'].code}&year=2026"
    )
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")
    csv_resp = login("office").get(
        reverse("disclosure:reports:export", args=["csv"]) + f"?unit={units['city'].code}&year=2026"
    )
    assert csv_resp.status_code == 200 and "（七）总计" in csv_resp.content.decode("utf-8-sig")
    assert login("handler").get(reverse("disclosure:reports:export", args=["csv"])).status_code == 403


def test_report_page_shows_a_red_warning_for_a_failed_rule(monkeypatch, cases, units) -> None:  # type: ignore[no-untyped-def]
    from gongkai.disclosure.reports import views

    real = views.compute_table_three

    def broken(scope: ReportScope) -> Any:
        t = real(scope)
        cells = dict(t.cells)
        cells[NEW] = (5, 0, 0, 0, 0, 0, 5)
        return dataclasses.replace(t, cells=cells, checks=check_table_three(cells))

    monkeypatch.setattr(views, "compute_table_three", broken)
    page = (
        login("office")
        .get(reverse("disclosure:reports:report") + f"?unit={units['city'].code}&year=2026")
        .content.decode()
    )
    assert (
        "表格校验未通过" in page and "第一项加第二项之和，等于第三项加第四项之和" in page and "自然人" in page
    )


def test_api_counts_for_office_and_evaluator_403_for_handler(cases, staff) -> None:  # type: ignore[no-untyped-def]
    cases.in_state(State.REPLIED)
    base = "/api/v1/staff/disclosure/reports"
    query = "?unit=014000001&year=2026&include_subunits=true"

    def client(key: str) -> Client:
        _, token = api_token_create(actor=Actor.system(), user=staff[key], name="测试")
        return Client(HTTP_AUTHORIZATION=f"Bearer {token}")

    for path in ("table-three", "table-four", "statistics"):
        assert client("handler").get(f"{base}/{path}{query}").status_code == 403
        assert client("admin").get(f"{base}/{path}{query}").status_code == 403
    body = client("evaluator").get(f"{base}/table-three{query}").json()
    assert [r["label"] for r in body["rows"]] == REFERENCE_LABELS and body["ok"] is True
    assert body["rows"][0]["values"] == [1, 0, 0, 0, 0, 0, 1] and body["header_note"] == HEADER_NOTE
    stats = client("evaluator").get(f"{base}/statistics{query}")
    assert stats.status_code == 200 and "张三" not in stats.content.decode()
    assert stats.json()["received"] == 1
    four = client("office").get(f"{base}/table-four{query}").json()
    assert [g["group"] for g in four["groups"]] == ["行政复议", "未经复议直接起诉", "复议后起诉"]
