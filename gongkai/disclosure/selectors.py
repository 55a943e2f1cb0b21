"""Reads on 依申请公开 cases, each checking what the user may see.

Personal data of applicants (``models.request.PERSONAL_FIELDS``) is read only through
:func:`request_personal_data`, which checks the permission and writes a "view" audit event every time.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from gongkai.accounts.models import Role, User
from gongkai.calendars.selectors import get_calendar
from gongkai.calendars.workdays import WorkdayCalendar
from gongkai.core.audit import audit_record
from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import NotFound, NotPermitted
from gongkai.disclosure import permissions
from gongkai.disclosure.choices import ReplyReason, State
from gongkai.disclosure.clock import CaseClock, case_clock
from gongkai.disclosure.constants import (
    BULK_MIN_REQUESTS,
    BULK_WINDOW_NATURAL_DAYS,
    REPEAT_SIMILARITY,
    REPEAT_WINDOW_NATURAL_DAYS,
)
from gongkai.disclosure.lifecycle import ENDED_STATES, OPEN_STATES
from gongkai.disclosure.models import Appeal, ClockEvent, DisclosureRequest, Notification
from gongkai.disclosure.models.request import PERSONAL_FIELDS
from gongkai.disclosure.services.common import clock_rows
from gongkai.documents.selectors import staff_units
from gongkai.units.models import Unit

DAYS_LEFT_FILTERS = {
    "overdue": "已超期",
    "at_risk": "3个工作日内到期",
    "week": "5个工作日内到期",
    "paused": "暂停计时",
}


@dataclass(frozen=True)
class StaffFilters:
    state: str = ""
    unit: Unit | None = None
    applicant_kind: str = ""
    days_left: str = ""  # one of DAYS_LEFT_FILTERS
    text: str = ""  # tracking code or words of the description
    mine: bool = False


def request_list_for_staff(user: User, filters: StaffFilters | None = None) -> QuerySet[DisclosureRequest]:
    """Cases addressed to or assigned to the user's units (filters on the database side only)."""
    f = filters or StaffFilters()
    units = staff_units(user)
    qs = DisclosureRequest.objects.filter(Q(addressee_unit__in=units) | Q(assigned_unit__in=units))
    if f.state:
        qs = qs.filter(state=f.state)
    if f.unit is not None:
        qs = qs.filter(Q(assigned_unit=f.unit) | Q(assigned_unit__isnull=True, addressee_unit=f.unit))
    if f.applicant_kind:
        qs = qs.filter(applicant_kind=f.applicant_kind)
    if f.mine:
        qs = qs.filter(assigned_handler=user)
    if f.text:
        qs = qs.filter(Q(tracking_code=f.text.strip().upper()) | Q(description__icontains=f.text.strip()))
    return (
        qs.select_related("addressee_unit", "assigned_unit", "assigned_handler")
        .prefetch_related("clock_events")
        .order_by("-created_at", "-id")
    )


@dataclass(frozen=True)
class CaseRow:
    """A list row: the case and its clock as of today."""

    case: DisclosureRequest
    clock: CaseClock


def request_rows_with_clock(
    qs: QuerySet[DisclosureRequest], *, days_left: str = "", today: dt.date, limit: int = 500
) -> list[CaseRow]:
    """Rows with their deadlines, filtered by days left (computed, so done in Python on ≤ limit rows)."""
    calendar = get_calendar()
    rows = []
    for case in qs[:limit]:
        state = case_clock(clock_rows(case), calendar, today=today, ended=case.state in ENDED_STATES)
        if days_left and not _matches_days_left(state, days_left):
            continue
        rows.append(CaseRow(case=case, clock=state))
    if days_left:  # the most urgent first
        rows.sort(key=lambda r: r.clock.working_days_left if r.clock.working_days_left is not None else 999)
    return rows


def _matches_days_left(state: CaseClock, key: str) -> bool:
    if key == "overdue":
        return state.overdue
    if key == "at_risk":
        return state.at_risk or state.overdue
    if key == "week":
        return (
            state.phase == "running" and state.working_days_left is not None and state.working_days_left <= 5
        )
    if key == "paused":
        return state.phase == "paused"
    return True


def request_get_for_staff(user: User, pk: int) -> DisclosureRequest:
    case = (
        DisclosureRequest.objects.select_related(
            "addressee_unit", "assigned_unit", "assigned_handler", "replied_by", "created_by"
        )
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise NotFound("申请不存在。")
    if not permissions.can_view(user, case):
        raise NotPermitted("您无权查看其他单位的依申请公开件。")
    return case


def request_get_by_code(tracking_code: str) -> DisclosureRequest | None:
    """For the public tracking page (next engineer): check the secret with ``intake.secret_matches``."""
    code = (tracking_code or "").strip().upper()
    return DisclosureRequest.objects.select_related("addressee_unit").filter(tracking_code=code).first()


@dataclass(frozen=True)
class ApplicantData:
    applicant_name: str
    contact_person: str
    id_type_label: str
    id_number: str
    phone: str
    email: str
    address: str
    postcode: str


def request_personal_data(
    *, actor: Actor, case: DisclosureRequest, purpose: str = "查看案件", clock: Clock | None = None
) -> ApplicantData | None:
    """The applicant's personal data if the actor may see it (audited each time), else ``None``."""
    user = actor.user
    if user is None or not permissions.can_view_personal_data(user, case):
        return None
    audit_record(
        actor=actor,
        action="disclosure.view_personal",
        obj=case,
        changes={"fields": list(PERSONAL_FIELDS)},
        note=purpose,
        unit=case.handling_unit,
        clock=clock,
    )
    return ApplicantData(
        applicant_name=case.applicant_name,
        contact_person=case.contact_person,
        id_type_label=case.get_id_type_display(),  # type: ignore[attr-defined]
        id_number=case.id_number,
        phone=case.phone,
        email=case.email,
        address=case.address,
        postcode=case.postcode,
    )


def request_clock(
    case: DisclosureRequest, *, clock: Clock | None = None, calendar: WorkdayCalendar | None = None
) -> CaseClock:
    """The case's deadlines as of today."""
    clock = clock or get_clock()
    return case_clock(
        clock_rows(case), calendar or get_calendar(), today=clock.today(), ended=case.state in ENDED_STATES
    )


def request_clock_history(case: DisclosureRequest) -> QuerySet[ClockEvent]:
    return case.clock_events.select_related("by", "approved_by").order_by("at", "id")


def request_appeals(case: DisclosureRequest) -> QuerySet[Appeal]:
    return case.appeals.order_by("date_filed", "id")


def assignable_units(user: User, case: DisclosureRequest) -> QuerySet[Unit]:
    return Unit.objects.filter(path__startswith=case.addressee_unit.path, is_active=True).order_by("path")


def assignable_handlers(units: QuerySet[Unit]) -> QuerySet[User]:
    return User.objects.filter(
        unit__in=units, is_active=True, role__in=[Role.HANDLER, Role.UNIT_ADMIN, Role.OPENNESS_OFFICE]
    ).select_related("unit")


def extension_approvers(case: DisclosureRequest) -> list[User]:
    candidates = User.objects.filter(
        is_active=True, role__in=list(permissions.APPROVER_ROLES), unit__isnull=False
    ).select_related("unit")
    return [u for u in candidates if permissions.can_approve_extension(u, case)]


# --- suggestions: repeated and excessive applications (art. 35, art. 36(6)) ----------------------

_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def _normalise(text: str) -> str:
    return _NOISE.sub("", text or "").lower()


def description_similarity(a: str, b: str) -> float:
    """0..1 similarity of two descriptions, ignoring spaces and punctuation."""
    x, y = _normalise(a), _normalise(b)
    if not x or not y:
        return 0.0
    return difflib.SequenceMatcher(None, x, y, autojunk=False).ratio()


@dataclass(frozen=True)
class SimilarRequest:
    case: DisclosureRequest
    similarity: float


@dataclass(frozen=True)
class HandlingSuggestions:
    """Hints for the handler; the decision stays theirs."""

    similar: list[SimilarRequest] = field(default_factory=list)
    recent_count: int = 0  # the applicant's requests within BULK_WINDOW_NATURAL_DAYS
    bulk_suspected: bool = False
    suggested_reasons: list[str] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.similar or self.bulk_suspected)


def request_suggestions(case: DisclosureRequest, *, today: dt.date) -> HandlingSuggestions:
    """Earlier near-identical applications of the same applicant and a count of their recent ones."""
    anchor = case.date_received or case.date_arrived
    since = anchor - dt.timedelta(days=REPEAT_WINDOW_NATURAL_DAYS)
    earlier = (
        DisclosureRequest.objects.filter(applicant_key=case.applicant_key, date_arrived__gte=since)
        .exclude(pk=case.pk)
        .select_related("addressee_unit")
        .order_by("-date_arrived", "-id")[:200]
    )
    similar = [
        SimilarRequest(case=other, similarity=round(score, 2))
        for other in earlier
        if (score := description_similarity(case.description, other.description)) >= REPEAT_SIMILARITY
    ]
    bulk_since = anchor - dt.timedelta(days=BULK_WINDOW_NATURAL_DAYS)
    recent = DisclosureRequest.objects.filter(
        applicant_key=case.applicant_key, date_arrived__gte=bulk_since, date_arrived__lte=anchor
    ).count()
    bulk = recent >= BULK_MIN_REQUESTS
    reasons = []
    if any(s.case.state in {State.REPLIED, State.CLOSED} for s in similar):
        reasons.append(ReplyReason.REPEATED.value)
    if bulk:
        reasons.append(ReplyReason.EXCESSIVE.value)
    return HandlingSuggestions(
        similar=similar, recent_count=recent, bulk_suspected=bulk, suggested_reasons=reasons
    )


def request_state_counts(user: User) -> dict[str, int]:
    counts = dict.fromkeys(State.values, 0)
    rows = request_list_for_staff(user).order_by().values("state").annotate(n=Count("id"))
    for row in rows:
        counts[row["state"]] = row["n"]
    return counts


def notification_list_for_user(user: User, *, unread_only: bool = True) -> QuerySet[Notification]:
    qs = Notification.objects.filter(recipient=user).select_related("request")
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-id")


def open_states() -> frozenset[str]:
    return OPEN_STATES
