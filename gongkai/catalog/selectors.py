"""Reads on the catalogues and the art. 26 proactive-disclosure clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q, QuerySet

from gongkai.accounts import permissions
from gongkai.accounts.models import User
from gongkai.calendars.selectors import get_calendar
from gongkai.calendars.workdays import WorkdayCalendar
from gongkai.catalog.choices import PROACTIVE_DISCLOSURE_WORKING_DAYS
from gongkai.catalog.models import CatalogEntry, CatalogFiling, CatalogNode, GrassrootsDomain
from gongkai.core.clock import Clock, china_date, get_clock
from gongkai.core.errors import InvalidInput, NotFound, NotPermitted
from gongkai.documents.choices import Disclosure, Status
from gongkai.documents.docnumber import normalise_doc_number
from gongkai.documents.models import Document
from gongkai.documents.selectors import document_list_public
from gongkai.units.models import Unit
from gongkai.units.selectors import unit_subtree

# Documents counted as public: the same rule as documents.selectors.document_list_public.
_PUBLIC_FILING = Q(
    filings__document__status=Status.PUBLISHED, filings__document__disclosure=Disclosure.PROACTIVE
)
# Not yet public but meant to be: the states in which the art. 26 clock is running.
PENDING_STATES = (Status.DRAFT, Status.IN_REVIEW, Status.SCHEDULED)


# --- 主动公开目录 ----------------------------------------------------------------------------------


@dataclass
class TreeNode:
    """A node with its public document counts (``own``: filed directly; ``total``: with sub-columns)."""

    node: CatalogNode
    own: int
    total: int = 0
    children: list[TreeNode] = field(default_factory=list)


def _nodes_with_counts(units: Iterable[Unit] | QuerySet[Unit]) -> QuerySet[CatalogNode]:
    return (
        CatalogNode.objects.filter(unit__in=units)
        .select_related("unit")
        .annotate(public_count=Count("filings", filter=_PUBLIC_FILING, distinct=True))
        .order_by("unit__path", "sort_order", "id")
    )


def _build_forest(nodes: Iterable[CatalogNode]) -> list[TreeNode]:
    by_id = {n.pk: TreeNode(node=n, own=n.public_count) for n in nodes}  # type: ignore[attr-defined]
    roots: list[TreeNode] = []
    for tree_node in by_id.values():
        parent = by_id.get(tree_node.node.parent_id) if tree_node.node.parent_id else None
        (parent.children if parent else roots).append(tree_node)

    def total(t: TreeNode) -> int:
        t.total = t.own + sum(total(c) for c in t.children)
        return t.total

    for root in roots:
        total(root)
    return roots


def catalog_tree(unit: Unit) -> list[TreeNode]:
    """The unit's catalogue as a forest of top-level columns, each with public document counts."""
    return _build_forest(_nodes_with_counts([unit]))


def flatten(forest: Iterable[TreeNode], depth: int = 0) -> list[tuple[int, TreeNode]]:
    """``[(depth, node), …]`` in display order, for templates and the API."""
    rows: list[tuple[int, TreeNode]] = []
    for t in forest:
        rows.append((depth, t))
        rows.extend(flatten(t.children, depth + 1))
    return rows


def catalog_node_get(pk: int, *, unit: Unit | None = None) -> CatalogNode:
    """One node (of ``unit`` when given), or ``NotFound``."""
    qs = CatalogNode.objects.select_related("unit", "parent").filter(pk=pk)
    if unit is not None:
        qs = qs.filter(unit=unit)
    node = qs.first()
    if node is None:
        raise NotFound("未找到该目录栏目。")
    return node


def _descendant_ids(node: CatalogNode) -> list[int]:
    ids = [node.pk]
    frontier = [node.pk]
    while frontier:  # catalogues are a few levels deep; one query per level
        frontier = list(CatalogNode.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids.extend(frontier)
    return ids


def catalog_node_documents_public(node: CatalogNode) -> QuerySet[Document]:
    """Public documents filed under the node or its sub-columns, newest first."""
    return (
        document_list_public()
        .filter(catalog_filings__node_id__in=_descendant_ids(node))
        .distinct()
        .order_by("-published_at", "-id")
    )


def document_catalog_nodes(document: Document) -> list[CatalogNode]:
    """The columns a document is filed under (for its public page)."""
    return list(
        CatalogNode.objects.filter(filings__document=document)
        .select_related("unit", "parent")
        .order_by("sort_order", "id")
    )


def catalog_empty_nodes(units: Iterable[Unit] | QuerySet[Unit]) -> list[CatalogNode]:
    """Columns with no public document in them or below them (an empty column is an inspection fault)."""
    empty: list[CatalogNode] = []
    for _depth, t in flatten(_build_forest(_nodes_with_counts(units))):
        if t.total == 0:
            empty.append(t.node)
    return empty


# --- 条例第二十六条: the proactive-disclosure clock ----------------------------------------------


@dataclass(frozen=True)
class DueDocument:
    """A not-yet-public proactive document and where it stands against the 20-working-day limit."""

    document: Document
    formed: dt.date
    deadline: dt.date
    days_left: int  # working days after today up to the deadline; negative = working days overdue
    overdue: bool
    uncertain: bool  # counted through a year without holiday data: the dates may be off by days
    uncertain_years: tuple[int, ...]

    @property
    def days_overdue(self) -> int:
        return max(0, -self.days_left)


def due_for(document: Document, today: dt.date, calendar: WorkdayCalendar) -> DueDocument:
    """The art. 26 position of one document on ``today``."""
    formed = document.date_formed or document.date_written
    deadline = calendar.add_working_days(formed, PROACTIVE_DISCLOSURE_WORKING_DAYS)
    if today <= deadline.date:
        span = calendar.working_days_between(today, deadline.date)
        days_left = span.days
    else:
        span = calendar.working_days_between(deadline.date, today)
        days_left = -span.days
    years = tuple(sorted(set(deadline.uncertain_years) | set(span.uncertain_years)))
    return DueDocument(
        document=document,
        formed=formed,
        deadline=deadline.date,
        days_left=days_left,
        overdue=today > deadline.date,
        uncertain=bool(years),
        uncertain_years=years,
    )


def proactive_due(units: Iterable[Unit] | QuerySet[Unit], clock: Clock | None = None) -> list[DueDocument]:
    """Proactive documents of ``units`` not yet published, with their art. 26 deadline; soonest first."""
    today = (clock or get_clock()).today()
    calendar = get_calendar()
    docs = Document.objects.filter(
        unit__in=units, status__in=PENDING_STATES, disclosure=Disclosure.PROACTIVE
    ).select_related("unit")
    rows = [due_for(d, today, calendar) for d in docs]
    return sorted(rows, key=lambda r: (r.deadline, r.document.pk))


# --- 政务公开事项目录 ------------------------------------------------------------------------------


def grassroots_domains() -> QuerySet[GrassrootsDomain]:
    """The 26 domains in their listed order, each with the number of entries."""
    return GrassrootsDomain.objects.annotate(entry_count=Count("entries")).order_by("number")


def catalog_entries(
    *, unit: Unit | None = None, domain: GrassrootsDomain | None = None
) -> QuerySet[CatalogEntry]:
    """Catalogue entries, optionally of one 公开主体 and one domain."""
    qs = CatalogEntry.objects.select_related("unit", "domain")
    if unit is not None:
        qs = qs.filter(unit=unit)
    if domain is not None:
        qs = qs.filter(domain=domain)
    return qs.order_by("domain__number", "sort_order", "id")


def domain_get(number: int) -> GrassrootsDomain:
    domain = GrassrootsDomain.objects.filter(number=number).first()
    if domain is None:
        raise NotFound(f"没有序号为 {number} 的领域。")
    return domain


@dataclass(frozen=True)
class EntryStatus:
    """Whether an entry is kept up: its newest public document against its 公开时限."""

    entry: CatalogEntry
    latest: dt.datetime | None
    working_days_since: int | None
    overdue: bool
    reason: str
    uncertain: bool


def entry_status(entry: CatalogEntry, today: dt.date, calendar: WorkdayCalendar) -> EntryStatus:
    """An entry is overdue when it has no public document, or its newest is older than its time limit."""
    latest: dt.datetime | None = getattr(entry, "latest_public", None)
    if latest is None:
        return EntryStatus(entry, None, None, True, "尚无已公开的对应政府信息", False)
    since = calendar.working_days_between(china_date(latest), today)
    limit = entry.time_limit_days
    if limit is not None and since.days > limit:
        reason = f"最近一次公开已过{since.days}个工作日，超过{limit}个工作日的公开时限"
        return EntryStatus(entry, latest, since.days, True, reason, not since.certain)
    return EntryStatus(entry, latest, since.days, False, "", not since.certain)


def catalog_entries_with_status(
    units: Iterable[Unit] | QuerySet[Unit], clock: Clock | None = None
) -> list[EntryStatus]:
    """Every entry of ``units`` with its status."""
    today = (clock or get_clock()).today()
    calendar = get_calendar()
    qs = (
        CatalogEntry.objects.filter(unit__in=units)
        .select_related("unit", "domain")
        .annotate(
            latest_public=Max(
                "documents__published_at",
                filter=Q(documents__status=Status.PUBLISHED, documents__disclosure=Disclosure.PROACTIVE),
            )
        )
        .order_by("unit__path", "domain__number", "sort_order", "id")
    )
    return [entry_status(e, today, calendar) for e in qs]


def catalog_entries_overdue(
    units: Iterable[Unit] | QuerySet[Unit], clock: Clock | None = None
) -> list[EntryStatus]:
    """The overdue entries of ``units``."""
    return [s for s in catalog_entries_with_status(units, clock) if s.overdue]


# --- the openness office's overview -------------------------------------------------------------


@dataclass
class UnitOverview:
    unit: Unit
    due: list[DueDocument] = field(default_factory=list)
    empty_nodes: list[CatalogNode] = field(default_factory=list)
    overdue_entries: list[EntryStatus] = field(default_factory=list)

    @property
    def overdue_count(self) -> int:
        return sum(1 for d in self.due if d.overdue)

    @property
    def has_findings(self) -> bool:
        return bool(self.due or self.empty_nodes or self.overdue_entries)


def office_overview(units: QuerySet[Unit], clock: Clock | None = None) -> list[UnitOverview]:
    """Per unit (tree order): art. 26 due/overdue documents, empty columns, overdue entries."""
    clock = clock or get_clock()
    by_unit: dict[int, UnitOverview] = {u.pk: UnitOverview(unit=u) for u in units.order_by("path")}
    for due in proactive_due(units, clock):
        by_unit[due.document.unit_id].due.append(due)
    for node in catalog_empty_nodes(units):
        by_unit[node.unit_id].empty_nodes.append(node)
    for status in catalog_entries_overdue(units, clock):
        by_unit[status.entry.unit_id].overdue_entries.append(status)
    return list(by_unit.values())


# --- staff reads (workbench pages and the staff API) ----------------------------------------------


def staff_can_see_unit(user: User, unit: Unit) -> bool:
    """Whether ``unit``'s catalogues are open to ``user`` in the workbench (read only for some roles)."""
    return user.is_superuser or (permissions.is_staff_member(user) and permissions.in_scope(user, unit))


def catalog_node_get_for_staff(user: User, pk: int) -> CatalogNode:
    """A node of a unit in the user's scope; ``NotFound`` / ``NotPermitted`` otherwise."""
    node = catalog_node_get(pk)
    if not staff_can_see_unit(user, node.unit):
        raise NotPermitted("您无权查看其他单位的目录。")
    return node


def catalog_nodes_by_ids(ids: Iterable[int]) -> list[CatalogNode]:
    """The nodes named by ``ids``, in catalogue order; ``InvalidInput`` when one does not exist."""
    wanted = set(ids)
    nodes = list(
        CatalogNode.objects.filter(pk__in=wanted).select_related("unit").order_by("sort_order", "id")
    )
    if len(nodes) != len(wanted):
        raise InvalidInput("所选目录栏目不存在，可能已被删除，请刷新后重试。", field="nodes")
    return nodes


@dataclass(frozen=True)
class FilingChoice:
    depth: int
    node: CatalogNode
    checked: bool


def document_filing_choices(document: Document) -> list[FilingChoice]:
    """Every column of the document's unit in tree order, marked when the document is filed there."""
    filed = set(CatalogFiling.objects.filter(document=document).values_list("node_id", flat=True))
    return [
        FilingChoice(depth=depth, node=t.node, checked=t.node.pk in filed)
        for depth, t in flatten(catalog_tree(document.unit))
    ]


def catalog_entry_get_for_staff(user: User, pk: int) -> CatalogEntry:
    """An entry of a unit in the user's scope; ``NotFound`` / ``NotPermitted`` otherwise."""
    entry = CatalogEntry.objects.select_related("unit", "domain").filter(pk=pk).first()
    if entry is None:
        raise NotFound("未找到该公开事项。")
    if not staff_can_see_unit(user, entry.unit):
        raise NotPermitted("您无权查看其他单位的公开事项。")
    return entry


def catalog_entry_documents(entry: CatalogEntry) -> QuerySet[Document]:
    """All documents linked to an entry, whatever their state (staff see withdrawn links too)."""
    return entry.documents.select_related("unit").order_by("-published_at", "-id")


def document_for_entry(entry: CatalogEntry, ref: str) -> Document:
    """The document named by ``ref`` (its 文件编号 or 发文字号) for linking to ``entry``.

    A 发文字号 is unique only within a unit, so it is looked up in the entry's unit subtree first.
    The rules (subtree, public) are the service's: a document outside them is returned and refused there.
    """
    ref = (ref or "").strip()
    if ref.isdigit():
        doc = Document.objects.select_related("unit").filter(pk=int(ref)).first()
        if doc is None:
            raise InvalidInput(f"未找到编号为 {ref} 的文件。", field="documents")
        return doc
    number = normalise_doc_number(ref)
    if not number:
        raise InvalidInput("请填写文件编号或发文字号（如 苏府办〔2018〕193号）。", field="documents")
    candidates = Document.objects.select_related("unit").filter(doc_number=number)
    inside = list(candidates.filter(unit__in=unit_subtree(entry.unit)).order_by("pk")[:2])
    if len(inside) > 1:
        raise InvalidInput(f"发文字号 {number} 对应多份文件，请改用文件编号。", field="documents")
    if inside:
        return inside[0]
    other = candidates.order_by("pk").first()
    if other is None:
        raise InvalidInput(f"未找到发文字号为 {number} 的文件。", field="documents")
    return other
