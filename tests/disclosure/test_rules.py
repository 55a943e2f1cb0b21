"""Pure rules: the state machine map, table 三 / 四 enumerations, fee tables, reply validation."""

from __future__ import annotations

import pytest

from gongkai.core.errors import InvalidInput
from gongkai.disclosure.choices import (
    REASONS_BY_TYPE,
    AppealKind,
    AppealOutcome,
    ApplicantColumn,
    ApplicantKind,
    OrgKind,
    ReplyReason,
    ReplyType,
    State,
    applicant_column,
    table_three_rows,
)
from gongkai.disclosure.fees import fee_per_page_fen, fee_per_request_fen, yuan
from gongkai.disclosure.lifecycle import ALLOWED_TRANSITIONS, ENDED_STATES, OPEN_STATES, TERMINAL_STATES
from gongkai.disclosure.services.reply import validate_reply

# The printed rows of 三、本年度办理结果 (2021 format), disclosure-rules.md §2.2, in order.
TABLE_THREE = [
    "（一）予以公开",
    "（二）部分公开",
    "（三）不予公开 1.属于国家秘密",
    "（三）不予公开 2.其他法律行政法规禁止公开",
    "（三）不予公开 3.危及“三安全一稳定”",
    "（三）不予公开 4.保护第三方合法权益",
    "（三）不予公开 5.属于三类内部事务信息",
    "（三）不予公开 6.属于四类过程性信息",
    "（三）不予公开 7.属于行政执法案卷",
    "（三）不予公开 8.属于行政查询事项",
    "（四）无法提供 1.本机关不掌握相关政府信息",
    "（四）无法提供 2.没有现成信息需要另行制作",
    "（四）无法提供 3.补正后申请内容仍不明确",
    "（五）不予处理 1.信访举报投诉类申请",
    "（五）不予处理 2.重复申请",
    "（五）不予处理 3.要求提供公开出版物",
    "（五）不予处理 4.无正当理由大量反复申请",
    "（五）不予处理 5.要求行政机关确认或重新出具已获取信息",
    "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "（六）其他处理 3.其他",
]


def test_transition_map_matches_the_state_enumeration() -> None:
    assert set(ALLOWED_TRANSITIONS) == set(State.values)
    for targets in ALLOWED_TRANSITIONS.values():
        assert targets <= set(State.values)
    assert all(not ALLOWED_TRANSITIONS[s] for s in TERMINAL_STATES)
    assert {s for s, t in ALLOWED_TRANSITIONS.items() if not t} == TERMINAL_STATES
    # Every state is reachable from "received" and every state can reach a terminal one.
    seen, todo = {State.RECEIVED.value}, [State.RECEIVED.value]
    while todo:
        for nxt in ALLOWED_TRANSITIONS[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    assert seen == set(State.values)
    for state in State.values:
        reach, todo = {state}, [state]
        while todo:
            for nxt in ALLOWED_TRANSITIONS[todo.pop()]:
                if nxt not in reach:
                    reach.add(nxt)
                    todo.append(nxt)
        assert reach & TERMINAL_STATES, state
    assert not (OPEN_STATES & ENDED_STATES)
    assert OPEN_STATES | ENDED_STATES | {State.RECEIVED} == set(State.values)


def test_the_lifecycle_diagram_names_every_transition() -> None:
    import gongkai.disclosure.lifecycle as lifecycle

    doc = lifecycle.__doc__ or ""
    for source, targets in ALLOWED_TRANSITIONS.items():
        assert source in doc
        for target in targets:
            assert target in doc


def test_reply_enumeration_maps_one_to_one_onto_table_three() -> None:
    rows = table_three_rows()
    assert [label for _, _, label in rows] == TABLE_THREE
    assert len(rows) == 21  # + （七）总计 = the 22 rows of block 三
    assert {(t, r) for t, r, _ in rows} == {(t, r) for t, rs in REASONS_BY_TYPE.items() for r in rs or [""]}
    assert set(REASONS_BY_TYPE) == set(ReplyType.values)
    all_reasons = [r for rs in REASONS_BY_TYPE.values() for r in rs]
    assert sorted(all_reasons) == sorted(ReplyReason.values)  # each sub-reason in exactly one block


def test_applicant_columns_of_table_three() -> None:
    assert [c.label for c in ApplicantColumn] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    assert applicant_column(ApplicantKind.NATURAL_PERSON, "") == ApplicantColumn.NATURAL_PERSON
    for org in OrgKind:
        assert applicant_column(ApplicantKind.ORGANISATION, org) == org.value


def test_table_four_groups_and_outcomes() -> None:
    assert [k.label for k in AppealKind] == [
        "行政复议",
        "行政诉讼（未经复议直接起诉）",
        "行政诉讼（复议后起诉）",
    ]
    assert [o.label for o in AppealOutcome] == ["结果维持", "结果纠正", "其他结果", "尚未审结"]


@pytest.mark.parametrize(
    ("ordinal", "yuan_each"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400), (95, 800)],
)
def test_fee_per_request_tiers(ordinal: int, yuan_each: int) -> None:
    assert fee_per_request_fen(ordinal) == yuan_each * 100


@pytest.mark.parametrize(
    ("pages", "total_yuan"),
    [
        (0, 0),
        (30, 0),
        (31, 10),
        (100, 700),
        (101, 720),
        (150, 1700),
        (200, 2700),
        (201, 2740),
        (250, 4700),
    ],
)
def test_fee_per_page_is_progressive(pages: int, total_yuan: int) -> None:
    assert fee_per_page_fen(pages) == total_yuan * 100


def test_fee_input_checks_and_display() -> None:
    with pytest.raises(ValueError):
        fee_per_request_fen(0)
    with pytest.raises(ValueError):
        fee_per_page_fen(-1)
    assert yuan(170000) == "1700.00" and yuan(1005) == "10.05"


@pytest.mark.parametrize(
    ("reply_type", "reason", "message"),
    [
        ("disclose", "state_secret", "无需选择"),
        ("partial", "other", "无需选择"),
        ("withhold", "", "不予公开的理由"),
        ("cannot_provide", "", "无法提供的原因"),
        ("not_processed", "", "不予处理的原因"),
        ("other", "", "具体情形"),
        ("withhold", "not_held", "不属于"),
        ("not_processed", "state_secret", "不属于"),
        ("other", "no_correction", "由系统按流程办结"),
        ("other", "fee_unpaid", "由系统按流程办结"),
        ("cannot_provide", "still_unclear", "第三十条"),
        ("nonsense", "", "请选择办理结果"),
    ],
)
def test_reply_validation_refuses(reply_type: str, reason: str, message: str) -> None:
    with pytest.raises(InvalidInput) as exc:
        validate_reply(reply_type, reason, had_correction=False)
    assert message in exc.value.message


def test_reply_validation_accepts_each_row() -> None:
    for reply_type, reason, _ in table_three_rows():
        if reason in {"no_correction", "fee_unpaid"}:
            continue
        assert validate_reply(reply_type, reason, had_correction=True) == (reply_type, reason)


def test_every_action_edge_is_a_transition_and_every_transition_has_an_action() -> None:
    from gongkai.disclosure.lifecycle import ACTIONS

    action_edges = {(src, target) for sources, target in ACTIONS.values() for src in sources}
    map_edges = {(src, t) for src, targets in ALLOWED_TRANSITIONS.items() for t in targets}
    assert action_edges == map_edges
