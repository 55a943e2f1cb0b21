"""Demo data for the catalogues; the demo loader calls :func:`load_catalog_demo` after the documents."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from gongkai.catalog.choices import NEWS_NODE_CODE, POLICY_GENRES, POLICY_NODE_CODE, Level
from gongkai.catalog.models import CatalogEntry, CatalogFiling, CatalogNode, GrassrootsDomain
from gongkai.catalog.services import EntryInput, catalog_entry_create, catalog_seed_standard
from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.documents.selectors import document_list_public
from gongkai.units.models import Unit, UnitKind

# Two typical items per domain, modelled on published county catalogues (reference §6.3).
DEMO_ITEMS: list[tuple[str, str, str]] = [
    ("政策文件", "与本领域相关的法律法规、规章、规范性文件及政策解读", "《中华人民共和国政府信息公开条例》"),
    (
        "办事指南",
        "办理依据、条件、程序、时限、收费标准及咨询方式",
        "《中华人民共和国政府信息公开条例》第二十条",
    ),
]


@dataclass
class CatalogDemoResult:
    units_seeded: int = 0
    documents_filed: int = 0
    entries_created: int = 0


def is_policy(genre: str, title: str) -> bool:
    """Policy documents go under 政策文件; 办法/规定/细则 in a title mark a rule whatever its genre."""
    return genre in POLICY_GENRES or any(word in title for word in ("办法", "规定", "细则"))


def load_catalog_demo(*, actor: Actor, clock: Clock | None = None) -> CatalogDemoResult:
    """Seed the standard catalogue of every unit, file published documents, and add grassroots entries.

    Idempotent: seeding finds existing columns by code, documents already filed are skipped, and an
    entry that exists is not created again.
    """
    result = CatalogDemoResult()
    for unit in Unit.objects.filter(is_active=True).order_by("path"):
        nodes = {n.code: n for n in catalog_seed_standard(actor=actor, unit=unit, clock=clock)}
        result.units_seeded += 1
        result.documents_filed += _file_unfiled(unit, nodes, clock)
    district = Unit.objects.filter(kind=UnitKind.DISTRICT_GOVERNMENT, is_active=True).order_by("path").first()
    if district is not None:
        result.entries_created = _demo_entries(actor, district, clock)
    return result


def _file_unfiled(unit: Unit, nodes: dict[str, CatalogNode], clock: Clock | None) -> int:
    """File the unit's unfiled public documents in bulk.

    A bulk import path like ``generate_documents``: after a million synthetic documents the per-document
    service (with its audit row each) would take hours; demo filings by the system need no trail.
    """
    now = (clock or get_clock()).now()
    filed = CatalogFiling.objects.filter(document=OuterRef("pk"))
    # Read fully before writing: SQLite gives no isolation between a cursor and writes on one connection.
    rows = list(
        document_list_public()
        .filter(unit=unit)
        .filter(~Exists(filed))
        .order_by()
        .values_list("pk", "genre", "title")
    )
    batch: list[CatalogFiling] = []
    count = 0
    for pk, genre, title in rows:
        node = nodes[POLICY_NODE_CODE if is_policy(genre, title) else NEWS_NODE_CODE]
        batch.append(CatalogFiling(node=node, document_id=pk, filed_by=None, filed_at=now))
        if len(batch) >= 5000:
            count += len(CatalogFiling.objects.bulk_create(batch, ignore_conflicts=True))
            batch = []
    count += len(CatalogFiling.objects.bulk_create(batch, ignore_conflicts=True))
    return count


def _demo_entries(actor: Actor, unit: Unit, clock: Clock | None) -> int:
    created = 0
    for domain in GrassrootsDomain.objects.order_by("number"):
        for position, (sub_item, content, basis) in enumerate(DEMO_ITEMS, start=1):
            item = f"{domain.name}信息"
            if CatalogEntry.objects.filter(unit=unit, domain=domain, item=item, sub_item=sub_item).exists():
                continue
            data = EntryInput(
                item=item,
                sub_item=sub_item,
                content=content,
                basis=basis,
                channels=["政府网站", "政务服务中心"],
                level=Level.COUNTY,
                sort_order=position * 10,
            )
            catalog_entry_create(actor=actor, unit=unit, domain=domain, data=data, clock=clock)
            created += 1
    return created
