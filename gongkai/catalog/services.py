"""Writes on the catalogues. Each service checks permissions, runs in one transaction and audits."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction

from gongkai.accounts import permissions
from gongkai.catalog.choices import CHANNELS, STANDARD_NODES, Audience, EntryMethod, Level
from gongkai.catalog.models import CatalogEntry, CatalogFiling, CatalogNode, GrassrootsDomain
from gongkai.core.audit import audit_record, diff, snapshot
from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import InvalidInput, NotPermitted
from gongkai.documents.models import Document
from gongkai.units.models import Unit

NAME_MAX = 60


def require_catalog_manage(actor: Actor, unit: Unit) -> None:
    """Unit admins and the openness office maintain the catalogues of their subtree; the system may too."""
    if actor.user is None:
        return  # the system itself (demo loader, migrations of data)
    if not permissions.can_review(actor.user, unit):
        raise NotPermitted(f"只有“{unit.name}”的单位管理员或公开办可以维护公开目录。")


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidInput("请填写栏目名称。", field="name")
    if len(cleaned) > NAME_MAX:
        raise InvalidInput(f"栏目名称不能超过{NAME_MAX}个字符。", field="name")
    return cleaned


def _check_sibling_name(
    unit: Unit, parent: CatalogNode | None, name: str, exclude: int | None = None
) -> None:
    siblings = CatalogNode.objects.filter(unit=unit, parent=parent, name=name)
    if exclude is not None:
        siblings = siblings.exclude(pk=exclude)
    if siblings.exists():
        raise InvalidInput(f"同一级下已有名为“{name}”的栏目。", field="name")


@transaction.atomic
def catalog_seed_standard(*, actor: Actor, unit: Unit, clock: Clock | None = None) -> list[CatalogNode]:
    """Create the standard columns (``choices.STANDARD_NODES``) the unit does not have yet.

    Idempotent: a standard node is found again by its code, so running it twice, or after a clerk
    renamed a column, creates nothing new. Returns the unit's standard nodes in standard order.
    """
    require_catalog_manage(actor, unit)
    clock = clock or get_clock()
    existing = {n.code: n for n in CatalogNode.objects.filter(unit=unit, parent=None).exclude(code="")}
    nodes: list[CatalogNode] = []
    created: list[str] = []
    for position, spec in enumerate(STANDARD_NODES, start=1):
        node = existing.get(spec.code)
        if node is None:
            # A custom root column may already carry the standard name; adopt it rather than fail.
            node = CatalogNode.objects.filter(unit=unit, parent=None, name=spec.name).first()
            if node is not None:
                node.code, node.is_standard = spec.code, True
                node.save(update_fields=["code", "is_standard"])
            else:
                node = CatalogNode.objects.create(
                    unit=unit,
                    name=spec.name,
                    code=spec.code,
                    sort_order=position * 10,
                    is_standard=True,
                    created_at=clock.now(),
                )
                created.append(spec.name)
        nodes.append(node)
    if created:
        audit_record(
            actor=actor,
            action="catalog.seed_standard",
            obj=unit,
            unit=unit,
            changes={"nodes": [None, created]},
            clock=clock,
        )
    return nodes


@transaction.atomic
def catalog_node_create(
    *,
    actor: Actor,
    unit: Unit,
    name: str,
    parent: CatalogNode | None = None,
    code: str = "",
    sort_order: int = 100,
    clock: Clock | None = None,
) -> CatalogNode:
    """Add a column to ``unit``'s catalogue, at the top or under ``parent`` (a node of the same unit)."""
    require_catalog_manage(actor, unit)
    clock = clock or get_clock()
    name = _clean_name(name)
    if parent is not None and parent.unit_id != unit.pk:
        raise InvalidInput("上级栏目不属于该单位。", field="parent")
    _check_sibling_name(unit, parent, name)
    code = code.strip()
    if code and CatalogNode.objects.filter(unit=unit, code=code).exists():
        raise InvalidInput(f"栏目代码“{code}”已被使用。", field="code")
    node = CatalogNode.objects.create(
        unit=unit, parent=parent, name=name, code=code, sort_order=sort_order, created_at=clock.now()
    )
    audit_record(
        actor=actor, action="catalog.node_create", obj=node, changes={"name": [None, name]}, clock=clock
    )
    return node


@transaction.atomic
def catalog_node_rename(
    *, actor: Actor, node: CatalogNode, name: str, clock: Clock | None = None
) -> CatalogNode:
    """Give a column a new name (unique among its siblings)."""
    require_catalog_manage(actor, node.unit)
    name = _clean_name(name)
    before = node.name
    if name == before:
        return node
    _check_sibling_name(node.unit, node.parent, name, exclude=node.pk)
    node.name = name
    node.save(update_fields=["name"])
    audit_record(
        actor=actor, action="catalog.node_rename", obj=node, changes={"name": [before, name]}, clock=clock
    )
    return node


@transaction.atomic
def catalog_node_delete(*, actor: Actor, node: CatalogNode, clock: Clock | None = None) -> None:
    """Delete an empty column; a column holding documents or sub-columns is refused."""
    require_catalog_manage(actor, node.unit)
    filed = node.filings.count()
    if filed:
        raise InvalidInput(f"栏目“{node.name}”下有{filed}条政府信息，请先移出后再删除。")
    if node.children.exists():
        raise InvalidInput(f"栏目“{node.name}”下还有子栏目，请先删除子栏目。")
    audit_record(
        actor=actor,
        action="catalog.node_delete",
        obj=node,
        unit=node.unit,
        changes={"name": [node.name, None]},
        clock=clock,
    )
    node.delete()


@transaction.atomic
def document_file(
    *, actor: Actor, document: Document, nodes: Sequence[CatalogNode], clock: Clock | None = None
) -> list[CatalogFiling]:
    """File ``document`` under ``nodes`` (added to any filing it already has); all must be of its unit.

    Whoever may write the document's unit may file it, so a handler files their own documents.
    """
    if actor.user is not None and not permissions.can_write(actor.user, document.unit):
        raise NotPermitted(f"您无权处理“{document.unit.name}”的文件。")
    if not nodes:
        raise InvalidInput("请至少选择一个目录栏目。", field="nodes")
    foreign = [n.name for n in nodes if n.unit_id != document.unit_id]
    if foreign:
        raise InvalidInput(
            f"只能归入本单位（{document.unit.name}）的目录栏目：{'、'.join(foreign)}不属于本单位。",
            field="nodes",
        )
    clock = clock or get_clock()
    filings: list[CatalogFiling] = []
    added: list[str] = []
    for node in nodes:
        filing, created = CatalogFiling.objects.get_or_create(
            node=node, document=document, defaults={"filed_by": actor.user, "filed_at": clock.now()}
        )
        filings.append(filing)
        if created:
            added.append(node.name)
    if added:
        audit_record(
            actor=actor,
            action="catalog.document_file",
            obj=document,
            changes={"catalog": [None, added]},
            clock=clock,
        )
    return filings


@dataclass(frozen=True)
class EntryInput:
    """The standard columns of a 公开事项 (reference §6.3)."""

    item: str
    content: str
    sub_item: str = ""
    basis: str = ""
    time_limit_text: str = "信息形成（变更）之日起20个工作日内"
    time_limit_days: int | None = 20
    channels: list[str] = field(default_factory=lambda: ["政府网站"])
    audience: str = Audience.PUBLIC
    method: str = EntryMethod.PROACTIVE
    level: str = Level.COUNTY
    sort_order: int = 100


def _validate_entry(data: EntryInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not data.item.strip():
        errors["item"] = ["请填写公开事项。"]
    if not data.content.strip():
        errors["content"] = ["请填写公开内容。"]
    if data.time_limit_days is not None and not 1 <= data.time_limit_days <= 365:
        errors["time_limit_days"] = ["公开时限应为1至365个工作日。"]
    unknown = [c for c in data.channels if c not in CHANNELS]
    if unknown:
        errors["channels"] = [f"不支持的公开渠道：{'、'.join(unknown)}。"]
    for name, enum in (("audience", Audience), ("method", EntryMethod), ("level", Level)):
        if getattr(data, name) not in enum.values:
            errors[name] = ["取值不正确。"]
    return errors


@transaction.atomic
def catalog_entry_create(
    *, actor: Actor, unit: Unit, domain: GrassrootsDomain, data: EntryInput, clock: Clock | None = None
) -> CatalogEntry:
    """Add a row to ``unit``'s 政务公开事项目录 (the unit is its 公开主体)."""
    require_catalog_manage(actor, unit)
    errors = _validate_entry(data)
    if errors:
        raise InvalidInput("公开事项填写有误，请检查标出的字段。", errors=errors)
    if CatalogEntry.objects.filter(
        unit=unit, domain=domain, item=data.item.strip(), sub_item=data.sub_item.strip()
    ).exists():
        raise InvalidInput("该领域下已有同名的公开事项。", field="item")
    clock = clock or get_clock()
    entry = CatalogEntry.objects.create(
        unit=unit,
        domain=domain,
        item=data.item.strip(),
        sub_item=data.sub_item.strip(),
        content=data.content.strip(),
        basis=data.basis.strip(),
        time_limit_text=data.time_limit_text.strip(),
        time_limit_days=data.time_limit_days,
        channels=list(data.channels),
        audience=data.audience,
        method=data.method,
        level=data.level,
        sort_order=data.sort_order,
        created_at=clock.now(),
    )
    audit_record(
        actor=actor,
        action="catalog.entry_create",
        obj=entry,
        changes={"item": [None, str(entry)]},
        clock=clock,
    )
    return entry


@transaction.atomic
def catalog_entry_link_documents(
    *, actor: Actor, entry: CatalogEntry, documents: Iterable[Document], clock: Clock | None = None
) -> CatalogEntry:
    """Link public documents that fulfil an entry; they must come from the entry's unit subtree.

    A draft or withdrawn document fulfils nothing for the public, so it is refused.
    """
    require_catalog_manage(actor, entry.unit)
    docs = list(documents)
    foreign = [d.title for d in docs if not d.unit.is_within(entry.unit)]
    if foreign:
        raise InvalidInput(
            f"只能关联公开主体（{entry.unit.name}及其下属单位）的政府信息。", field="documents"
        )
    hidden = [d.title for d in docs if not d.is_public]
    if hidden:
        raise InvalidInput(
            f"只能关联已发布的主动公开政府信息：《{'》《'.join(hidden)}》未公开。", field="documents"
        )
    new = [d for d in docs if not entry.documents.filter(pk=d.pk).exists()]
    if new:
        entry.documents.add(*new)
        audit_record(
            actor=actor,
            action="catalog.entry_link",
            obj=entry,
            changes={"documents": [None, [d.title for d in new]]},
            clock=clock,
        )
    return entry


@transaction.atomic
def document_set_filings(
    *, actor: Actor, document: Document, nodes: Sequence[CatalogNode], clock: Clock | None = None
) -> list[CatalogNode]:
    """Make ``nodes`` exactly the columns ``document`` is filed under: new ones are added, the others
    removed (so a wrong filing can be undone). An empty list unfiles the document. All nodes must be of
    the document's unit; nothing is saved otherwise. Returns the columns the document is now filed under.
    """
    if actor.user is not None and not permissions.can_write(actor.user, document.unit):
        raise NotPermitted(f"您无权处理“{document.unit.name}”的文件。")
    foreign = [n.name for n in nodes if n.unit_id != document.unit_id]
    if foreign:
        raise InvalidInput(
            f"只能归入本单位（{document.unit.name}）的目录栏目：{'、'.join(foreign)}不属于本单位。",
            field="nodes",
        )
    clock = clock or get_clock()
    wanted = {n.pk: n for n in nodes}
    current = {f.node_id: f for f in CatalogFiling.objects.filter(document=document).select_related("node")}
    removed = [current[pk] for pk in current if pk not in wanted]
    added = [wanted[pk] for pk in wanted if pk not in current]
    if removed:
        CatalogFiling.objects.filter(pk__in=[f.pk for f in removed]).delete()
    for node in added:
        CatalogFiling.objects.create(node=node, document=document, filed_by=actor.user, filed_at=clock.now())
    if removed or added:
        audit_record(
            actor=actor,
            action="catalog.document_set_filings",
            obj=document,
            changes={
                "catalog": [
                    sorted(f.node.name for f in current.values()),
                    sorted(n.name for n in wanted.values()),
                ]
            },
            clock=clock,
        )
    return sorted(wanted.values(), key=lambda n: (n.sort_order, n.pk))


def document_unfile(
    *, actor: Actor, document: Document, node: CatalogNode, clock: Clock | None = None
) -> list[CatalogNode]:
    """Take ``document`` out of one column (a wrong filing), keeping its other filings."""
    kept = [f.node for f in CatalogFiling.objects.filter(document=document).select_related("node")]
    return document_set_filings(
        actor=actor, document=document, nodes=[n for n in kept if n.pk != node.pk], clock=clock
    )


_ENTRY_FIELDS = (
    "domain",
    "item",
    "sub_item",
    "content",
    "basis",
    "time_limit_text",
    "time_limit_days",
    "channels",
    "audience",
    "method",
    "level",
    "sort_order",
)


@transaction.atomic
def catalog_entry_update(
    *,
    actor: Actor,
    entry: CatalogEntry,
    data: EntryInput,
    domain: GrassrootsDomain | None = None,
    clock: Clock | None = None,
) -> CatalogEntry:
    """Replace the standard columns of an entry (and move it to ``domain`` when given)."""
    require_catalog_manage(actor, entry.unit)
    errors = _validate_entry(data)
    if errors:
        raise InvalidInput("公开事项填写有误，请检查标出的字段。", errors=errors)
    domain = domain or entry.domain
    if (
        CatalogEntry.objects.filter(
            unit=entry.unit, domain=domain, item=data.item.strip(), sub_item=data.sub_item.strip()
        )
        .exclude(pk=entry.pk)
        .exists()
    ):
        raise InvalidInput("该领域下已有同名的公开事项。", field="item")
    before = snapshot(entry, _ENTRY_FIELDS)
    entry.domain = domain
    entry.item = data.item.strip()
    entry.sub_item = data.sub_item.strip()
    entry.content = data.content.strip()
    entry.basis = data.basis.strip()
    entry.time_limit_text = data.time_limit_text.strip()
    entry.time_limit_days = data.time_limit_days
    entry.channels = list(data.channels)
    entry.audience = data.audience
    entry.method = data.method
    entry.level = data.level
    entry.sort_order = data.sort_order
    changes = diff(before, snapshot(entry, _ENTRY_FIELDS))
    if changes:
        entry.save()
        audit_record(actor=actor, action="catalog.entry_update", obj=entry, changes=changes, clock=clock)
    return entry


@transaction.atomic
def catalog_entry_unlink_documents(
    *, actor: Actor, entry: CatalogEntry, documents: Iterable[Document], clock: Clock | None = None
) -> CatalogEntry:
    """Remove documents from an entry (a wrong link); documents not linked are ignored."""
    require_catalog_manage(actor, entry.unit)
    linked = set(entry.documents.values_list("pk", flat=True))
    gone = [d for d in documents if d.pk in linked]
    if gone:
        entry.documents.remove(*gone)
        audit_record(
            actor=actor,
            action="catalog.entry_unlink",
            obj=entry,
            changes={"documents": [[d.title for d in gone], None]},
            clock=clock,
        )
    return entry
