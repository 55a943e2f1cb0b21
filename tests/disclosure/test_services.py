"""The services, walked through whole cases: every step audited, clock rows written, rules enforced."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from gongkai.core.context import Actor
from gongkai.core.errors import IllegalTransition, InvalidInput, NotPermitted
from gongkai.core.models import AuditEvent
from gongkai.disclosure.choices import (
    AppealKind,
    AppealOutcome,
    ApplicantColumn,
    Channel,
    ClockEventKind,
    FeeMethod,
    IdType,
    PauseCause,
    State,
)
from gongkai.disclosure.models import ClockEvent, DisclosureRequest
from gongkai.disclosure.selectors import request_clock
from gongkai.disclosure.services import (
    appeal_decide,
    appeal_record,
    request_assign,
    request_assign_bulk,
    request_close,
    request_consultation_finish,
    request_consultation_start,
    request_correction_notice,
    request_correction_receive,
    request_create,
    request_deem_withdrawn,
    request_extend,
    request_fee_abandon,
    request_fee_notice,
    request_fee_paid,
    request_register,
    request_reply,
    request_start_handling,
)
from gongkai.disclosure.services.intake import secret_matches
from tests.disclosure.factories import at, organisation_input, person_id, person_input, uscc

pytestmark = pytest.mark.django_db


def actions(case: DisclosureRequest) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="disclosure.disclosurerequest", object_id=str(case.pk))
        .order_by("at", "id")
        .values_list("action", flat=True)
    )


def test_whole_case_in_person_to_appeal(clock, staff, units, cases) -> None:  # type: ignore[no-untyped-def]
    office, handler, admin = cases.actor("office"), cases.actor("handler"), staff["admin"]
    created = request_create(
        actor=office,
        data=organisation_input(),
        addressee_unit=units["city"],
        channel=Channel.IN_PERSON,
        date_arrived=clock.today(),
        date_received=clock.today(),
    )
    case = created.request
    assert len(case.tracking_code) == 12 and secret_matches(case, created.secret)
    assert created.secret not in case.secret_hash and not secret_matches(case, "guess")
    assert case.state == State.REGISTERED and case.applicant_column == ApplicantColumn.LEGAL_SERVICE
    # Mon 15 Jun 2026; 19 Jun (端午) is a holiday: 20 working days end on Tue 14 Jul.
    assert request_clock(case).reply_due.date == dt.date(2026, 7, 14)  # type: ignore[union-attr]

    case = request_assign(actor=office, case=case, unit=units["finance"], handler=staff["handler"])
    case = request_start_handling(actor=handler, case=case)
    clock.move_to(at(dt.date(2026, 6, 17)))
    case = request_consultation_start(
        actor=handler,
        case=case,
        cause=PauseCause.THIRD_PARTY,
        party="苏州某某建设有限公司",
        reason="涉及第三方商业秘密",
    )
    assert case.state == State.CONSULTATION
    clock.move_to(at(dt.date(2026, 6, 26)))
    assert request_clock(case).phase == "paused"
    case = request_consultation_finish(
        actor=handler, case=case, date_answered=clock.today(), outcome="第三方同意公开"
    )
    # 18, 22–26 Jun (19 Jun 端午) = 6 working days left out: due moves from 14 Jul to 22 Jul.
    assert request_clock(case).paused_working_days == 6
    assert request_clock(case).reply_due.date == dt.date(2026, 7, 22)  # type: ignore[union-attr]

    case = request_extend(actor=handler, case=case, working_days=10, reason="信息量大", approved_by=admin)
    assert request_clock(case).reply_due.date == dt.date(2026, 8, 5)  # type: ignore[union-attr]

    case = request_fee_notice(actor=handler, case=case, method=FeeMethod.PER_PAGE, pages=150, reason="页数多")
    assert case.fee_amount_fen == 170000 and case.state == State.FEE_NOTICE
    clock.move_to(at(dt.date(2026, 7, 1)))
    case = request_fee_paid(actor=handler, case=case, date_paid=clock.today())
    assert case.date_fee_paid == dt.date(2026, 7, 1)

    case = request_reply(
        actor=handler, case=case, reply_type="partial", reply_text="部分公开，涉及商业秘密部分不予公开。"
    )
    assert case.state == State.REPLIED and case.reply_label == "部分公开"
    case = request_close(actor=handler, case=case)
    assert case.state == State.CLOSED and case.closed_at is not None

    appeal = appeal_record(
        actor=office,
        case=case,
        kind=AppealKind.RECONSIDERATION,
        authority="苏州市人民政府",
        date_filed=clock.today(),
    )
    with pytest.raises(InvalidInput):  # one pending appeal per kind
        appeal_record(
            actor=office,
            case=case,
            kind=AppealKind.RECONSIDERATION,
            authority="苏州市",
            date_filed=clock.today(),
        )
    appeal = appeal_decide(
        actor=office, appeal=appeal, outcome=AppealOutcome.UPHELD, date_decided=clock.today()
    )
    assert appeal.outcome == AppealOutcome.UPHELD
    with pytest.raises(IllegalTransition):
        appeal_decide(
            actor=office, appeal=appeal, outcome=AppealOutcome.CORRECTED, date_decided=clock.today()
        )

    assert actions(case) == [
        "disclosure.create",
        "disclosure.register",
        "disclosure.assign",
        "disclosure.start_handling",
        "disclosure.consultation_start",
        "disclosure.consultation_finish",
        "disclosure.extend",
        "disclosure.fee_notice",
        "disclosure.fee_paid",
        "disclosure.reply",
        "disclosure.close",
        "disclosure.appeal_record",
        "disclosure.appeal_decide",
    ]
    kinds = list(case.clock_events.order_by("at", "id").values_list("kind", flat=True))
    assert kinds == ["start", "pause", "resume", "extension", "pause", "resume"]
    # No personal data in the audit trail.
    trail = " ".join(str(e.changes) + e.note + e.object_label for e in AuditEvent.objects.all())
    assert "律师事务所" not in trail and case.id_number not in trail and "李四" not in trail


def test_online_application_waits_for_confirmation(clock, staff, units, cases) -> None:  # type: ignore[no-untyped-def]
    created = request_create(
        actor=Actor.system(), data=person_input(), addressee_unit=units["city"], channel=Channel.ONLINE
    )
    case = created.request
    assert case.state == State.RECEIVED and case.date_received is None
    assert request_clock(case).phase == "not_started"
    with pytest.raises(NotPermitted):
        request_create(
            actor=Actor.system(),
            data=person_input(),
            addressee_unit=units["city"],
            channel=Channel.ONLINE,
            date_received=clock.today(),
        )
    with pytest.raises(InvalidInput, match="不能晚于今天"):
        request_register(
            actor=cases.actor("office"), case=case, date_received=clock.today() + dt.timedelta(days=1)
        )
    clock.move_to(at(dt.date(2026, 6, 16)))
    case = request_register(actor=cases.actor("office"), case=case, date_received=clock.today())
    assert case.state == State.REGISTERED and case.date_received == dt.date(2026, 6, 16)
    assert case.clock_events.get().kind == ClockEventKind.START


def test_receipt_date_rules_per_channel(clock, units, cases) -> None:  # type: ignore[no-untyped-def]
    today = clock.today()
    with pytest.raises(InvalidInput, match="以提交之日为收到申请之日"):
        cases.registered(channel=Channel.IN_PERSON, date_arrived=today - dt.timedelta(days=2))
    with pytest.raises(InvalidInput, match="不能早于申请到达之日"):
        cases.registered(channel=Channel.LETTER_ORDINARY, date_received=today - dt.timedelta(days=1))
    # A registered letter signed for on Friday and entered on Monday keeps Friday as its receipt date.
    friday = today - dt.timedelta(days=3)
    case = cases.registered(channel=Channel.LETTER_REGISTERED, date_arrived=friday, date_received=friday)
    assert case.date_received == friday
    # An ordinary letter: the day the office confirmed with the applicant.
    case = cases.registered(channel=Channel.LETTER_ORDINARY, date_arrived=friday, date_received=today)
    assert case.date_received == today


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"id_number": "110105194912310021"}, "id_number"),  # wrong check digit
        ({"id_number": "11010519491231"}, "id_number"),
        ({"id_type": IdType.USCC, "id_number": uscc(2)}, "id_type"),  # a person with an organisation's code
        ({"applicant_name": " "}, "applicant_name"),
        ({"phone": "", "email": "", "address": "", "delivery": "pickup"}, "phone"),
        ({"delivery": "post", "address": ""}, "address"),
        ({"description": ""}, "description"),
        ({"medium": "floppy"}, "medium"),
        ({"email": "not-an-address"}, "email"),
    ],
)
def test_application_input_is_validated(cases, overrides, field) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput) as exc:
        cases.registered(data=person_input(**overrides))
    assert field in exc.value.errors
    assert not DisclosureRequest.objects.exists()


def test_organisation_needs_sub_kind_and_valid_uscc(cases) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput) as exc:
        cases.registered(data=organisation_input(org_kind="", id_number=uscc(1)[:-1] + "0"))
    assert {"org_kind", "id_number"} <= set(exc.value.errors) or "org_kind" in exc.value.errors
    case = cases.registered(data=organisation_input(id_number=uscc(7).lower()))
    assert case.id_number == uscc(7)


def test_correction_once_only_within_seven_working_days_and_restart(clock, cases) -> None:  # type: ignore[no-untyped-def]
    office = cases.actor("office")
    received = clock.today()  # Mon 15 Jun 2026; 7 wd end on Thu 25 Jun (19 Jun 端午)
    late = cases.registered()
    clock.move_to(at(dt.date(2026, 6, 26)))
    with pytest.raises(InvalidInput, match="已超过补正告知期限"):
        request_correction_notice(actor=office, case=late, items="请补充")
    late.refresh_from_db()
    assert late.state == State.REGISTERED

    clock.move_to(at(received))
    case = cases.registered()
    case = request_correction_notice(actor=office, case=case, items="请写明年份", period_working_days=10)
    assert case.state == State.CORRECTION_REQUESTED
    assert request_clock(case).reply_due is None
    with pytest.raises(IllegalTransition, match="一次性"):
        request_correction_notice(actor=office, case=case, items="再补一次")
    with pytest.raises(InvalidInput, match="期限届满后"):
        request_deem_withdrawn(actor=office, case=case)

    clock.move_to(at(dt.date(2026, 6, 22)))
    case = request_correction_receive(
        actor=office, case=case, date_corrected=clock.today(), corrected_text="2025年"
    )
    assert case.state == State.CORRECTED
    state = request_clock(case)
    assert state.date_start == dt.date(2026, 6, 22) and state.date_first_received == received
    assert state.reply_due.date == dt.date(2026, 7, 20)  # type: ignore[union-attr]
    with pytest.raises(IllegalTransition, match="一次性"):
        request_correction_notice(actor=office, case=case, items="又要补正")


def test_no_correction_in_time_is_deemed_withdrawn(clock, cases) -> None:  # type: ignore[no-untyped-def]
    case = cases.in_state(State.DEEMED_WITHDRAWN)
    assert case.state == State.DEEMED_WITHDRAWN
    assert (case.reply_type, case.reply_reason) == ("other", "no_correction")
    case = request_close(actor=cases.actor("office"), case=case)
    assert case.state == State.CLOSED


def test_fee_abandoned_after_twenty_working_days(clock, cases) -> None:  # type: ignore[no-untyped-def]
    case = cases.in_state(State.FEE_NOTICE)
    with pytest.raises(InvalidInput, match="期限届满后"):
        request_fee_abandon(actor=cases.actor("handler"), case=case)
    clock.advance(dt.timedelta(days=40))
    with pytest.raises(InvalidInput, match="缴费期限已于"):
        request_fee_paid(actor=cases.actor("handler"), case=case, date_paid=clock.today())
    case = request_fee_abandon(actor=cases.actor("handler"), case=case)
    assert case.state == State.FEE_ABANDONED and case.reply_reason == "fee_unpaid"


def test_fee_per_request_counts_the_applicants_month(clock, cases) -> None:  # type: ignore[no-untyped-def]
    handler = cases.actor("handler")
    made = [cases.in_state(State.IN_HANDLING) for _ in range(11)]
    other = cases.in_state(State.IN_HANDLING, data=person_input(id_number=person_id(3)))
    with pytest.raises(InvalidInput, match="本月第10件"):
        request_fee_notice(actor=handler, case=made[9], method=FeeMethod.PER_REQUEST, reason="数量多")
    case = request_fee_notice(actor=handler, case=made[10], method=FeeMethod.PER_REQUEST, reason="数量多")
    assert case.fee_ordinal == 11 and case.fee_amount_fen == 100_00
    with pytest.raises(InvalidInput, match="本月第1件"):
        request_fee_notice(actor=handler, case=other, method=FeeMethod.PER_REQUEST, reason="数量多")
    with pytest.raises(InvalidInput, match="30页"):
        request_fee_notice(actor=handler, case=made[0], method=FeeMethod.PER_PAGE, pages=30, reason="页数")
    with pytest.raises(InvalidInput, match="收费方式"):
        request_fee_notice(actor=handler, case=made[0], method="both", reason="页数")


def test_extension_needs_an_approver_and_at_most_twenty_days(staff, cases) -> None:  # type: ignore[no-untyped-def]
    handler = cases.actor("handler")
    case = cases.in_state(State.IN_HANDLING)
    with pytest.raises(NotPermitted, match="负责人"):
        request_extend(actor=handler, case=case, working_days=5, reason="量大", approved_by=staff["handler2"])
    with pytest.raises(NotPermitted):  # the evaluator cannot approve either
        request_extend(
            actor=handler, case=case, working_days=5, reason="量大", approved_by=staff["evaluator"]
        )
    with pytest.raises(InvalidInput, match="理由"):
        request_extend(actor=handler, case=case, working_days=5, reason=" ", approved_by=staff["admin"])
    case = request_extend(
        actor=handler, case=case, working_days=12, reason="量大", approved_by=staff["admin"]
    )
    with pytest.raises(InvalidInput, match="最多还可延长8个工作日"):
        request_extend(actor=handler, case=case, working_days=9, reason="量大", approved_by=staff["office"])
    case = request_extend(
        actor=handler, case=case, working_days=8, reason="量大", approved_by=staff["office"]
    )
    assert request_clock(case).extension_working_days == 20
    ext = ClockEvent.objects.filter(request=case, kind="extension")
    assert {e.approved_by.username for e in ext} == {"admin", "office"}  # type: ignore[union-attr]


def test_extension_refused_after_the_deadline(clock, staff, cases) -> None:  # type: ignore[no-untyped-def]
    case = cases.in_state(State.IN_HANDLING)
    clock.advance(dt.timedelta(days=60))
    with pytest.raises(IllegalTransition, match="届满"):
        request_extend(
            actor=cases.actor("handler"), case=case, working_days=5, reason="量大", approved_by=staff["admin"]
        )


def test_reply_requires_its_sub_reason(cases) -> None:  # type: ignore[no-untyped-def]
    handler = cases.actor("handler")
    case = cases.in_state(State.IN_HANDLING)
    version = case.version
    for reply_type, reason in [
        ("withhold", ""),
        ("cannot_provide", ""),
        ("not_processed", ""),
        ("withhold", "petition"),
    ]:
        with pytest.raises(InvalidInput):
            request_reply(
                actor=handler, case=case, reply_type=reply_type, reply_reason=reason, reply_text="答复"
            )
    with pytest.raises(InvalidInput, match="答复内容"):
        request_reply(actor=handler, case=case, reply_type="disclose", reply_text="")
    case.refresh_from_db()
    assert case.state == State.IN_HANDLING and case.version == version
    case = request_reply(
        actor=handler,
        case=case,
        reply_type="withhold",
        reply_reason="state_secret",
        reply_text="属于国家秘密。",
    )
    assert case.reply_label == "不予公开：属于国家秘密"


def test_reply_gate_hook_can_refuse(cases, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from gongkai.disclosure.services import reply

    def gate(case, text):  # type: ignore[no-untyped-def]
        if "身份证" in text:
            raise InvalidInput("答复内容含有第三方个人信息，请先去标识化。", field="reply_text")

    monkeypatch.setattr(reply, "reply_letter_gate", gate)
    case = cases.in_state(State.IN_HANDLING)
    with pytest.raises(InvalidInput, match="去标识化"):
        request_reply(
            actor=cases.actor("handler"), case=case, reply_type="disclose", reply_text="王五身份证号……"
        )


def test_assignment_rules_and_bulk_all_or_nothing(staff, units, cases) -> None:  # type: ignore[no-untyped-def]
    office = cases.actor("office")
    a, b = cases.registered(), cases.registered()
    with pytest.raises(NotPermitted, match="公开办或单位管理员"):
        request_assign(actor=cases.actor("handler"), case=a, unit=units["finance"])
    with pytest.raises(InvalidInput, match="承办人"):
        request_assign(actor=office, case=a, unit=units["finance"], handler=staff["other_handler"])
    done = cases.in_state(State.REPLIED)
    with pytest.raises(IllegalTransition):
        request_assign_bulk(actor=office, cases=[a, b, done], unit=units["finance"])
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.state == b.state == State.REGISTERED
    moved = request_assign_bulk(actor=office, cases=[a, b], unit=units["finance"], handler=staff["handler"])
    assert {c.state for c in moved} == {State.ASSIGNED}
    # Transfer needs a reason.
    with pytest.raises(InvalidInput, match="转办理由"):
        request_assign(actor=office, case=moved[0], unit=units["office"])
    case = request_assign(actor=office, case=moved[0], unit=units["office"], reason="职责属于办公室")
    assert case.assigned_unit == units["office"] and case.assigned_handler is None
    # The finance handler is no longer the handling unit.
    with pytest.raises(NotPermitted):
        request_start_handling(actor=cases.actor("handler"), case=case)


def test_appeal_only_on_ended_cases(cases) -> None:  # type: ignore[no-untyped-def]
    case = cases.in_state(State.IN_HANDLING)
    with pytest.raises(IllegalTransition, match="尚未办结"):
        appeal_record(
            actor=cases.actor("office"),
            case=case,
            kind=AppealKind.LITIGATION_DIRECT,
            authority="姑苏区人民法院",
            date_filed=dt.date(2026, 6, 15),
        )


def test_stale_copy_is_refused_with_a_clear_message(cases) -> None:  # type: ignore[no-untyped-def]
    case = cases.in_state(State.ASSIGNED)
    stale = DisclosureRequest.objects.get(pk=case.pk)
    request_start_handling(actor=cases.actor("handler"), case=case)
    with pytest.raises(IllegalTransition, match="已被其他工作人员处理"):
        request_start_handling(actor=cases.actor("handler2"), case=stale)
    case.refresh_from_db()
    assert case.assigned_handler.username == "handler"  # type: ignore[union-attr]


def test_input_dataclass_is_frozen() -> None:
    data = person_input()
    assert replace(data, applicant_name="王五").applicant_name == "王五"
