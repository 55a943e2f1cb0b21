"""A realistic synthetic year of 依申请公开, created through the real services (``disclosure_generate_year``).

Decision: every case is walked through the same service functions the workbench calls (create,
register, 补正, 分办, consultation, fee, extension, reply, close, appeal), each with a ``FrozenClock``
set to the day of that step, so every rule of the state machine and the clock is enforced on the
synthetic data exactly as on real data, and the audit trail is written. No bulk inserts: a step the
services refuse is counted in ``refused`` (the generator is meant to keep that at zero). One
transaction per batch of cases keeps the commit cost down.

Each case is walked step by step up to 12-31 of the year; what is not finished by then stays open
(carried into the next year), and an online application arriving in the last days may still wait for
confirmation. Running the next year first walks the synthetic cases left open (and confirms the
waiting ones) in its January, then creates the new year's cases.

Everything is marked: the units are a separate tree under ``（合成数据）示例市人民政府`` (codes
``SYN……``), the acting user is ``synthetic-office``, and every description starts with
``【合成数据】``.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count

from gongkai.accounts.models import Role, User
from gongkai.accounts.services import staff_create
from gongkai.core.clock import CHINA_TZ, FrozenClock
from gongkai.core.context import Actor
from gongkai.core.errors import ApplicationError
from gongkai.disclosure.choices import (
    PROCESS_REASONS,
    REASONS_BY_TYPE,
    AppealKind,
    AppealOutcome,
    ApplicantKind,
    Channel,
    ClockEventKind,
    Delivery,
    FeeMethod,
    IdType,
    Medium,
    OrgKind,
    PauseCause,
    ReplyReason,
    ReplyType,
    State,
)
from gongkai.disclosure.lifecycle import OPEN_STATES
from gongkai.disclosure.models import Appeal, DisclosureRequest
from gongkai.disclosure.services import (
    RequestInput,
    appeal_decide,
    appeal_record,
    request_assign,
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
from gongkai.disclosure.services.common import current_clock
from gongkai.privacy.checksums import id_check_char, uscc_check_char
from gongkai.units.models import Unit, UnitKind
from gongkai.units.services import unit_create

MARK = "【合成数据】"
ROOT_CODE = "SYN000000"
ROOT_NAME = "（合成数据）示例市人民政府"
OFFICE_USERNAME = "synthetic-office"
BATCH = 200

_DEPARTMENTS = (
    "财政局",
    "自然资源和规划局",
    "住房和城乡建设局",
    "生态环境局",
    "公安局",
    "教育局",
    "卫生健康委员会",
    "人力资源和社会保障局",
    "市场监督管理局",
    "交通运输局",
    "水务局",
    "民政局",
    "农业农村局",
    "商务局",
    "应急管理局",
    "城市管理局",
    "司法局",
    "文化广电和旅游局",
    "税务局",
    "审计局",
)
_DISTRICTS = ("东城区", "西城区", "南湖区", "北山区", "高新区", "滨江区")
_TOPICS = (
    "征收补偿安置方案",
    "建设工程规划许可证",
    "部门预算执行情况",
    "环境影响评价批复",
    "行政处罚决定书",
    "学校划片方案",
    "土地出让合同",
    "拆迁补偿标准",
    "道路改造工程招标文件",
    "食品抽检结果",
    "社会保险基金收支情况",
    "河道整治项目批复",
    "养老机构补贴发放明细",
    "老旧小区改造计划",
)
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_COLUMN_WEIGHTS = (
    ((ApplicantKind.NATURAL_PERSON, ""), 70),
    ((ApplicantKind.ORGANISATION, OrgKind.COMMERCIAL), 10),
    ((ApplicantKind.ORGANISATION, OrgKind.RESEARCH), 3),
    ((ApplicantKind.ORGANISATION, OrgKind.PUBLIC_WELFARE), 3),
    ((ApplicantKind.ORGANISATION, OrgKind.LEGAL_SERVICE), 8),
    ((ApplicantKind.ORGANISATION, OrgKind.OTHER), 6),
)
_CHANNEL_WEIGHTS = (
    (Channel.ONLINE, 55),
    (Channel.IN_PERSON, 15),
    (Channel.LETTER_REGISTERED, 15),
    (Channel.LETTER_ORDINARY, 8),
    (Channel.FAX, 7),
)
# Reply types (answers chosen by a handler; the process endings come from the plan's flags).
_REPLY_WEIGHTS = (
    (ReplyType.DISCLOSE, 45),
    (ReplyType.PARTIAL, 12),
    (ReplyType.WITHHOLD, 9),
    (ReplyType.CANNOT_PROVIDE, 22),
    (ReplyType.NOT_PROCESSED, 9),
    (ReplyType.OTHER, 3),
)
_REASON_WEIGHTS: dict[str, int] = {
    ReplyReason.NOT_HELD: 60,
    ReplyReason.NEEDS_CREATION: 30,
    ReplyReason.STILL_UNCLEAR: 6,
    ReplyReason.THIRD_PARTY_RIGHTS: 25,
    ReplyReason.PROCESS_INFO: 25,
    ReplyReason.STATE_SECRET: 4,
    ReplyReason.PETITION: 30,
    ReplyReason.REPEATED: 20,
}
# Every reply a handler can choose: the first cases take them in turn, so even a small year has all.
REPLYABLE: tuple[tuple[str, str], ...] = tuple(
    (t, r) for t, reasons in REASONS_BY_TYPE.items() for r in (reasons or ("",)) if r not in PROCESS_REASONS
)
_REPLY_TEXT: dict[str, str] = {
    ReplyType.DISCLOSE: "经查，您申请的信息属于公开范围，现予以提供。",
    ReplyType.PARTIAL: "经查，您申请的信息中含有不应公开的内容，现对可以公开的部分予以提供。",
    ReplyType.WITHHOLD: "经审查，您申请的信息依法不予公开。",
    ReplyType.CANNOT_PROVIDE: "经查，本机关无法提供您申请的信息。",
    ReplyType.NOT_PROCESSED: "您的申请不属于政府信息公开申请的处理范围，本机关不予处理。",
    ReplyType.OTHER: "经研究，对您的申请作如下处理。",
}


@dataclass
class Plan:
    """What happens to one case; the dates are drawn as it is walked."""

    reply: tuple[str, str]
    correction: bool = False
    corrected: bool = True
    assign: bool = False
    consult: bool = False
    fee: bool = False
    fee_paid: bool = True
    extend: bool = False
    late: bool = False
    close: bool = True
    appeals: tuple[tuple[str, str], ...] = ()  # (kind, outcome) in order
    done: set[str] = field(default_factory=set)


@dataclass
class GenerateResult:
    year: int
    created: int = 0
    carried_walked: int = 0
    appeals: int = 0
    refused: int = 0
    seconds: float = 0.0
    units: int = 0
    states: Counter[str] = field(default_factory=Counter)
    refusals: Counter[str] = field(default_factory=Counter)


class _Stop(Exception):
    """The next step falls after the year's end: the case stays as it is."""


def _at(day: dt.date) -> FrozenClock:
    return FrozenClock(dt.datetime(day.year, day.month, day.day, 10, tzinfo=CHINA_TZ))


def synthetic_units(n: int) -> list[Unit]:
    """The synthetic unit tree (created once, reused): a government, departments, districts."""
    system = Actor.system()
    root = Unit.objects.filter(code=ROOT_CODE).first()
    if root is None:
        root = unit_create(actor=system, name=ROOT_NAME, code=ROOT_CODE, kind=UnitKind.CITY_GOVERNMENT)
    units = [root]
    districts: list[Unit] = []
    i = 1
    while len(units) < max(n, 1):
        code = f"SYN{i:06d}"
        existing = Unit.objects.filter(code=code).first()
        if existing is None:
            if i % 5 == 0 and len(districts) < len(_DISTRICTS):
                name, parent, kind = (
                    f"{_DISTRICTS[len(districts)]}人民政府",
                    root,
                    UnitKind.DISTRICT_GOVERNMENT,
                )
            elif districts and i % 5 in (2, 4):
                d = districts[i % len(districts)]
                name, parent, kind = (
                    f"{d.name[:3]}{_DEPARTMENTS[i % len(_DEPARTMENTS)]}",
                    d,
                    UnitKind.DISTRICT_DEPARTMENT,
                )
            else:
                name, parent, kind = (
                    f"示例市{_DEPARTMENTS[i % len(_DEPARTMENTS)]}",
                    root,
                    UnitKind.CITY_DEPARTMENT,
                )
            if Unit.objects.filter(parent=parent, name=name).exists():
                name = f"{name}（{i}）"
            existing = unit_create(actor=system, name=name, code=code, kind=kind, parent=parent)
        if existing.kind == UnitKind.DISTRICT_GOVERNMENT:
            districts.append(existing)
        units.append(existing)
        i += 1
    return units


def synthetic_office(root: Unit) -> User:
    user = User.objects.filter(username=OFFICE_USERNAME).first()
    if user is None:
        user = staff_create(
            actor=Actor.system(),
            username=OFFICE_USERNAME,
            password=secrets.token_urlsafe(24) + "Aa1",
            unit=root,
            role=Role.OPENNESS_OFFICE,
            display_name="合成数据（公开办）",
        )
    return user


def _person_id(rng: random.Random) -> str:
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 50))
    first17 = f"320501{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + id_check_char(first17)


def _uscc(rng: random.Random) -> str:
    first17 = f"91320500MA{rng.randrange(10_000_000):07d}"
    return first17 + uscc_check_char(first17)


def _applicant(rng: random.Random, column: tuple[str, str], n: int) -> RequestInput:
    kind, org = column
    topic = rng.choice(_TOPICS)
    common: dict[str, Any] = {
        "description": f"{MARK}请公开{topic}（第{n}件）。",
        "info_title": f"{MARK}{topic}",
        "medium": rng.choice(Medium.values),
        "delivery": Delivery.EMAIL,
        "email": f"applicant{n}@example.com",
        "phone": f"139{rng.randrange(10**8):08d}",
    }
    if kind == ApplicantKind.NATURAL_PERSON:
        id_type = IdType.RESIDENT_ID if rng.random() < 0.95 else IdType.PASSPORT
        number = _person_id(rng) if id_type == IdType.RESIDENT_ID else f"E{rng.randrange(10**8):08d}"
        return RequestInput(
            applicant_kind=kind,
            applicant_name=f"{rng.choice(_SURNAMES)}合成{n}",
            id_type=id_type,
            id_number=number,
            **common,
        )
    return RequestInput(
        applicant_kind=kind,
        org_kind=org,
        applicant_name=f"合成{OrgKind(org).label}{n}",
        contact_person="联系人",
        id_type=IdType.USCC,
        id_number=_uscc(rng),
        **common,
    )


def _weighted(rng: random.Random, pairs: Any) -> Any:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _plan(rng: random.Random, index: int) -> Plan:
    if index < len(REPLYABLE):
        reply = REPLYABLE[index]
    else:
        t = _weighted(rng, _REPLY_WEIGHTS)
        reasons = [r for r in REASONS_BY_TYPE[t] if r not in PROCESS_REASONS]
        weights = [_REASON_WEIGHTS.get(r, 10) for r in reasons]
        reply = (t, rng.choices(reasons, weights=weights)[0] if reasons else "")
    plan = Plan(
        reply=reply,
        correction=rng.random() < 0.08,
        corrected=rng.random() < 0.7,
        assign=rng.random() < 0.6,
        consult=rng.random() < 0.05,
        fee=rng.random() < 0.03,
        fee_paid=rng.random() < 0.6,
        extend=rng.random() < 0.07,
        late=rng.random() < 0.06,
        close=rng.random() < 0.7,
    )
    if reply[1] == ReplyReason.STILL_UNCLEAR:
        plan.correction, plan.corrected = True, True
    # A few fixed shapes early on, so that a small year still shows every path.
    forced = index - len(REPLYABLE)
    if forced == 0:
        plan.correction, plan.corrected = True, False  # deemed withdrawn
    elif forced == 1:
        plan.fee, plan.fee_paid = True, False  # fee abandoned
    elif forced == 2:
        plan.fee, plan.fee_paid = True, True
    elif forced == 3:
        plan.consult = True
    elif forced == 4:
        plan.extend = True
    elif forced == 5:
        plan.late = True
    if index < 12:
        kinds = list(AppealKind.values)
        outcomes = list(AppealOutcome.values)
        kind, outcome = kinds[index % 3], outcomes[index % 4]
        plan.appeals = ((kind, outcome),)
        if kind == AppealKind.LITIGATION_AFTER_REVIEW:
            plan.appeals = ((AppealKind.RECONSIDERATION, AppealOutcome.UPHELD), (kind, outcome))
    elif rng.random() < 0.015:
        r = rng.random()
        outcome = _weighted(
            rng,
            (
                (AppealOutcome.UPHELD, 60),
                (AppealOutcome.CORRECTED, 15),
                (AppealOutcome.OTHER, 15),
                (AppealOutcome.PENDING, 10),
            ),
        )
        if r < 0.6:
            plan.appeals = ((AppealKind.RECONSIDERATION, outcome),)
        elif r < 0.85:
            plan.appeals = ((AppealKind.LITIGATION_DIRECT, outcome),)
        else:
            plan.appeals = (
                (AppealKind.RECONSIDERATION, AppealOutcome.UPHELD),
                (AppealKind.LITIGATION_AFTER_REVIEW, outcome),
            )
    return plan


def _carried_plan(rng: random.Random, case: DisclosureRequest) -> Plan:
    """The rest of the road of a case left open last year: finished early in the new year."""
    plan = _plan(rng, 10_000 + case.pk)
    plan.appeals = ()
    plan.done.update({"correction", "consult", "fee", "extend", "assign"})
    if plan.reply[1] == ReplyReason.STILL_UNCLEAR:
        plan.reply = (ReplyType.CANNOT_PROVIDE, ReplyReason.NOT_HELD)
    return plan


class _Walker:
    def __init__(
        self, *, rng: random.Random, office: User, units: list[Unit], horizon: dt.date, result: GenerateResult
    ):
        self.rng, self.office, self.units, self.horizon, self.result = rng, office, units, horizon, result
        self.floor = dt.date(horizon.year, 1, 1)  # nothing is dated before the year being generated
        self.actor = Actor(office, ip="192.0.2.10")
        self.public = Actor.system()
        self.children: dict[int, list[Unit]] = {}
        for u in units:
            if u.parent_id is not None:
                self.children.setdefault(u.parent_id, []).append(u)

    def days(self, lo: int, hi: int) -> dt.timedelta:
        return dt.timedelta(days=self.rng.randint(lo, hi))

    def step(self, day: dt.date, fn: Callable[..., Any], **kw: Any) -> Any:
        if day < self.floor:
            kw = {k: (self.floor if v == day else v) for k, v in kw.items()}
            day = self.floor
        if day > self.horizon:
            raise _Stop
        return fn(clock=_at(day), **kw)

    def walk(self, case: DisclosureRequest, plan: Plan, day: dt.date) -> DisclosureRequest:
        """Take the case step by step until it is closed, or the next step is after the horizon."""
        try:
            for _ in range(30):
                case, day, more = self._next(case, plan, day)
                if not more:
                    break
        except _Stop:
            pass
        except ApplicationError as exc:
            self.result.refused += 1
            self.result.refusals[f"{case.state}: {exc}"[:120]] += 1
            case.refresh_from_db()
        return case

    def _next(
        self, case: DisclosureRequest, plan: Plan, day: dt.date
    ) -> tuple[DisclosureRequest, dt.date, bool]:
        a, s = self.actor, case.state
        day = max(day, self.floor)
        if s == State.RECEIVED:
            day = max(day, case.date_arrived) + self.days(0, 3)
            return self.step(day, request_register, actor=a, case=case, date_received=day), day, True
        if s in {State.REGISTERED, State.CORRECTED}:
            if s == State.REGISTERED and plan.correction and "correction" not in plan.done:
                plan.done.add("correction")
                clock_now = current_clock(case, _at(day))
                assert clock_now.correction_notice_due is not None
                day = min(day + self.days(1, 6), clock_now.correction_notice_due.date)
                case = self.step(
                    day,
                    request_correction_notice,
                    actor=a,
                    case=case,
                    items="请写明所需信息的具体名称、文号或年份。",
                    date_notice=day,
                    date_applicant_received=day + self.days(0, 3),
                )
                return case, day, True
            day += self.days(0, 2)
            targets = self.children.get(case.addressee_unit_id, [])
            if plan.assign and targets and "assign" not in plan.done:
                plan.done.add("assign")
                unit = self.rng.choice(targets)
                return self.step(day, request_assign, actor=a, case=case, unit=unit), day, True
            return self.step(day, request_start_handling, actor=a, case=case), day, True
        if s == State.ASSIGNED:
            day += self.days(0, 2)
            return self.step(day, request_start_handling, actor=a, case=case), day, True
        if s == State.CORRECTION_REQUESTED:
            due = current_clock(case, _at(day)).correction_due
            assert due is not None
            if plan.corrected and due.date > day:
                day = min(day + self.days(1, 10), max(due.date, day))
                case = self.step(
                    day,
                    request_correction_receive,
                    actor=a,
                    case=case,
                    date_corrected=day,
                    corrected_text="补正：所需信息为2024年度的相关文件。",
                )
                return case, day, True
            day = due.date + self.days(1, 5)
            return self.step(day, request_deem_withdrawn, actor=a, case=case), day, True
        if s == State.IN_HANDLING:
            return self._handle(case, plan, day)
        if s == State.CONSULTATION:
            pause = current_clock(case, _at(day)).open_pause
            assert pause is not None
            day = max(day, pause.date_party_received) + self.days(2, 20)
            case = self.step(
                day,
                request_consultation_finish,
                actor=a,
                case=case,
                date_answered=day,
                outcome="第三方回复意见：不同意公开涉及其商业秘密的部分。",
            )
            return case, day, True
        if s == State.FEE_NOTICE:
            state = current_clock(case, _at(day))
            assert state.party_due is not None and state.open_pause is not None
            if plan.fee_paid and state.party_due.date > day:
                span = (state.party_due.date - day).days
                day += self.days(1, max(span, 1))
                day = min(day, state.party_due.date)
                return self.step(day, request_fee_paid, actor=a, case=case, date_paid=day), day, True
            day = state.party_due.date + self.days(1, 5)
            return self.step(day, request_fee_abandon, actor=a, case=case), day, True
        if s in {State.REPLIED, State.DEEMED_WITHDRAWN, State.FEE_ABANDONED}:
            self._appeals(case, plan, day)
            if plan.close:
                day += self.days(1, 10)
                return self.step(day, request_close, actor=a, case=case), day, False
            return case, day, False
        return case, day, False

    def _handle(
        self, case: DisclosureRequest, plan: Plan, day: dt.date
    ) -> tuple[DisclosureRequest, dt.date, bool]:
        a = self.actor
        if plan.consult and "consult" not in plan.done:
            plan.done.add("consult")
            day += self.days(1, 5)
            case = self.step(
                day,
                request_consultation_start,
                actor=a,
                case=case,
                cause=self.rng.choice([PauseCause.THIRD_PARTY, PauseCause.CO_PRODUCER]),
                party="合成某某有限公司",
                reason="所申请信息涉及第三方商业秘密，公开可能损害其合法权益。",
                date_sent=day,
                date_party_received=day + self.days(1, 3),
            )
            return case, day, True
        if plan.fee and "fee" not in plan.done:
            plan.done.add("fee")
            day += self.days(1, 5)
            case = self.step(
                day,
                request_fee_notice,
                actor=a,
                case=case,
                method=FeeMethod.PER_PAGE,
                pages=self.rng.randint(40, 400),
                reason="申请所需信息页数明显超过合理范围。",
                date_notice=day,
                date_notice_received=day + self.days(1, 3),
            )
            return case, day, True
        due = current_clock(case, _at(day)).reply_due
        assert due is not None
        if plan.extend and "extend" not in plan.done and day < due.date:
            plan.done.add("extend")
            day = max(day, due.date - self.days(1, 8))
            case = self.step(
                day,
                request_extend,
                actor=a,
                case=case,
                working_days=self.rng.choice([10, 15, 20]),
                reason="需要调取多年档案并进行审查，无法在规定期限内答复。",
                approved_by=self.office,
                date_approved=day,
            )
            return case, day, True
        if plan.late:
            day = max(day, due.date) + self.days(1, 15)
        else:
            day = min(day + self.days(1, 25), max(due.date, day))
        reply_type, reason = plan.reply
        if (
            reason == ReplyReason.STILL_UNCLEAR
            and not case.clock_events.filter(kind=ClockEventKind.CORRECTION_NOTICE).exists()
        ):
            reply_type, reason = ReplyType.CANNOT_PROVIDE, ReplyReason.NOT_HELD
        case = self.step(
            day,
            request_reply,
            actor=a,
            case=case,
            reply_type=reply_type,
            reply_reason=reason,
            reply_text=_REPLY_TEXT[reply_type],
            date_replied=day,
        )
        return case, day, True

    def _appeals(self, case: DisclosureRequest, plan: Plan, day: dt.date) -> None:
        filed = day
        for kind, outcome in plan.appeals:
            filed = filed + self.days(5, 40)
            if filed > self.horizon:
                return
            authority = "示例市人民政府" if kind == AppealKind.RECONSIDERATION else "示例市中级人民法院"
            appeal = appeal_record(
                actor=self.actor,
                case=case,
                kind=kind,
                authority=authority,
                date_filed=filed,
                clock=_at(filed),
            )
            self.result.appeals += 1
            if outcome == AppealOutcome.PENDING:
                return
            decided = filed + self.days(20, 90)
            if decided > self.horizon:
                return
            appeal_decide(
                actor=self.actor, appeal=appeal, outcome=outcome, date_decided=decided, clock=_at(decided)
            )
            filed = decided


def generate_year(
    *, year: int, count: int, seed: int = 1, units: int = 12, progress: Callable[[str], None] | None = None
) -> GenerateResult:
    """Create ``count`` synthetic cases arriving in ``year`` and walk them to 12-31 (see module doc)."""
    started = time.perf_counter()
    rng = random.Random(f"{seed}:{year}")
    tree = synthetic_units(units)
    office = synthetic_office(tree[0])
    horizon = dt.date(year, 12, 31)
    result = GenerateResult(year=year, units=len(tree))
    walker = _Walker(rng=rng, office=office, units=tree, horizon=horizon, result=result)

    # 1. Synthetic cases left open (or unconfirmed) before this year: finish them in January.
    leftovers = DisclosureRequest.objects.filter(
        addressee_unit__path__startswith=tree[0].path,
        state__in=[*OPEN_STATES, State.RECEIVED],
        date_arrived__lt=dt.date(year, 1, 1),
    ).select_related("addressee_unit")
    for case in leftovers.order_by("pk"):
        with transaction.atomic():
            walker.walk(case, _carried_plan(rng, case), dt.date(year, 1, 2))
        result.carried_walked += 1
    # Leftover appeals: decide the ones still pending from before this year, some in this year.
    for appeal in Appeal.objects.filter(
        request__addressee_unit__path__startswith=tree[0].path,
        outcome=AppealOutcome.PENDING,
        date_filed__lt=dt.date(year, 1, 1),
    ):
        decided = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(10, 200))
        outcome = rng.choice([AppealOutcome.UPHELD, AppealOutcome.CORRECTED, AppealOutcome.OTHER])
        appeal_decide(
            actor=walker.actor, appeal=appeal, outcome=outcome, date_decided=decided, clock=_at(decided)
        )

    # 2. The new year's cases, arriving evenly over the year (weekdays twice as often).
    weights = [(2 if d.weekday() < 5 else 1) for d in _days(year)]
    all_days = _days(year)
    weights_early = weights[:120]
    columns = [c for c, _ in _COLUMN_WEIGHTS]
    column_weights = [w for _, w in _COLUMN_WEIGHTS]
    unit_weights = [
        6 if i == 0 else (3 if u.kind == UnitKind.DISTRICT_GOVERNMENT else 2) for i, u in enumerate(tree)
    ]
    for start in range(0, count, BATCH):
        with transaction.atomic():
            for index in range(start, min(start + BATCH, count)):
                plan = _plan(rng, index)
                early = index < len(REPLYABLE) + 12
                arrived = rng.choices(
                    all_days[:120] if early else all_days, weights=weights_early if early else weights
                )[0]
                unit = tree[0] if index < 12 else rng.choices(tree, weights=unit_weights)[0]
                if plan.appeals and index < 12:
                    unit = tree[0]
                column = (
                    columns[index % len(columns)]
                    if index < len(columns)
                    else rng.choices(columns, weights=column_weights)[0]
                )
                channel = _weighted(rng, _CHANNEL_WEIGHTS)
                data = _applicant(rng, column, index + 1)
                try:
                    if channel == Channel.ONLINE:
                        case = request_create(
                            actor=walker.public,
                            data=data,
                            addressee_unit=unit,
                            channel=channel,
                            date_arrived=arrived,
                            clock=_at(arrived),
                        ).request
                    else:
                        received = (
                            arrived
                            if channel in {Channel.IN_PERSON, Channel.LETTER_REGISTERED}
                            else min(arrived + walker.days(0, 3), horizon)
                        )
                        case = request_create(
                            actor=walker.actor,
                            data=data,
                            addressee_unit=unit,
                            channel=channel,
                            date_arrived=arrived,
                            date_received=received,
                            clock=_at(received),
                        ).request
                        arrived = received
                except ApplicationError as exc:
                    result.refused += 1
                    result.refusals[f"create: {exc}"[:120]] += 1
                    continue
                result.created += 1
                walker.walk(case, plan, arrived)
        if progress is not None:
            progress(f"{min(start + BATCH, count)}/{count} 件，用时 {time.perf_counter() - started:.1f} 秒")
    result.states = Counter(
        dict(
            DisclosureRequest.objects.filter(
                addressee_unit__path__startswith=tree[0].path, date_arrived__year=year
            )
            .values_list("state")
            .annotate(n=Count("id"))
            .order_by()
        )
    )
    result.seconds = time.perf_counter() - started
    return result


def _days(year: int) -> list[dt.date]:
    first = dt.date(year, 1, 1)
    return [first + dt.timedelta(days=i) for i in range((dt.date(year + 1, 1, 1) - first).days)]
