"""主动公开目录: seeding, node maintenance and filing, through the services."""

from __future__ import annotations

import pytest

from gongkai.catalog.choices import STANDARD_NODES
from gongkai.catalog.models import CatalogFiling, CatalogNode
from gongkai.catalog.selectors import catalog_empty_nodes, catalog_tree, document_catalog_nodes
from gongkai.catalog.services import (
    catalog_node_create,
    catalog_node_delete,
    catalog_node_rename,
    catalog_seed_standard,
    document_file,
)
from gongkai.core.context import Actor
from gongkai.core.errors import InvalidInput, NotPermitted
from gongkai.core.models import AuditEvent
from tests.documents.factories import make_draft, make_published

pytestmark = pytest.mark.django_db


def seeded(unit, user):  # type: ignore[no-untyped-def]
    return {n.code: n for n in catalog_seed_standard(actor=Actor(user), unit=unit)}


def test_seed_is_idempotent_and_audited_once(clock, units, staff) -> None:
    first = catalog_seed_standard(actor=Actor(staff["admin"]), unit=units["finance"])
    again = catalog_seed_standard(actor=Actor(staff["admin"]), unit=units["finance"])
    assert [n.name for n in first] == [s.name for s in STANDARD_NODES]
    assert [n.pk for n in first] == [n.pk for n in again]
    assert CatalogNode.objects.filter(unit=units["finance"]).count() == len(STANDARD_NODES)
    assert AuditEvent.objects.filter(action="catalog.seed_standard").count() == 1


def test_seed_finds_renamed_standard_nodes_by_code(clock, units, staff) -> None:
    nodes = seeded(units["finance"], staff["admin"])
    catalog_node_rename(actor=Actor(staff["admin"]), node=nodes["zcwj"], name="政策法规")
    catalog_seed_standard(actor=Actor(staff["admin"]), unit=units["finance"])
    assert CatalogNode.objects.filter(unit=units["finance"]).count() == len(STANDARD_NODES)


def test_handler_of_another_unit_is_refused_and_nothing_saved(clock, units, staff) -> None:
    before = AuditEvent.objects.count()
    with pytest.raises(NotPermitted):
        catalog_node_create(actor=Actor(staff["other_handler"]), unit=units["finance"], name="专栏")
    with pytest.raises(NotPermitted):  # a handler may write documents but not maintain the catalogue
        catalog_seed_standard(actor=Actor(staff["handler"]), unit=units["finance"])
    with pytest.raises(NotPermitted):  # a unit admin only in their own subtree
        catalog_node_create(actor=Actor(staff["admin"]), unit=units["office"], name="专栏")
    with pytest.raises(NotPermitted):
        catalog_node_create(actor=Actor(staff["evaluator"]), unit=units["finance"], name="专栏")
    assert CatalogNode.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_unit_admin_and_openness_office_maintain_the_subtree(clock, units, staff) -> None:
    root = catalog_node_create(actor=Actor(staff["admin"]), unit=units["finance"], name="  财政 专栏 ")
    assert root.name == "财政 专栏"
    child = catalog_node_create(actor=Actor(staff["office"]), unit=units["finance"], name="预算", parent=root)
    assert child.parent == root
    with pytest.raises(InvalidInput):
        catalog_node_create(actor=Actor(staff["admin"]), unit=units["finance"], name="预算", parent=root)
    with pytest.raises(NotPermitted):
        catalog_node_create(actor=Actor(staff["district_office"]), unit=units["finance"], name="区级")
    renamed = catalog_node_rename(actor=Actor(staff["office"]), node=child, name="预算公开")
    assert renamed.name == "预算公开"
    with pytest.raises(InvalidInput):  # a parent is deleted only after its children
        catalog_node_delete(actor=Actor(staff["admin"]), node=root)
    catalog_node_delete(actor=Actor(staff["admin"]), node=child)
    assert not CatalogNode.objects.filter(pk=child.pk).exists()
    assert AuditEvent.objects.filter(action="catalog.node_delete").count() == 1


def test_parent_of_another_unit_is_refused(clock, units, staff) -> None:
    other = catalog_node_create(actor=Actor(staff["office"]), unit=units["office"], name="办公室专栏")
    with pytest.raises(InvalidInput):
        catalog_node_create(actor=Actor(staff["office"]), unit=units["finance"], name="子栏目", parent=other)


def test_node_with_documents_cannot_be_deleted(clock, units, staff) -> None:
    nodes = seeded(units["finance"], staff["admin"])
    doc = make_draft(staff["handler"])
    document_file(actor=Actor(staff["handler"]), document=doc, nodes=[nodes["zcwj"]])
    with pytest.raises(InvalidInput, match="1条政府信息"):
        catalog_node_delete(actor=Actor(staff["admin"]), node=nodes["zcwj"])
    assert CatalogNode.objects.filter(pk=nodes["zcwj"].pk).exists()


def test_filing_only_into_own_units_nodes(clock, units, staff) -> None:
    finance = seeded(units["finance"], staff["admin"])
    office = seeded(units["office"], staff["office"])
    doc = make_draft(staff["handler"])
    with pytest.raises(InvalidInput) as exc:
        document_file(actor=Actor(staff["handler"]), document=doc, nodes=[finance["zcwj"], office["zcwj"]])
    assert "nodes" in exc.value.errors
    assert CatalogFiling.objects.count() == 0  # nothing saved, also not the valid node
    with pytest.raises(NotPermitted):
        document_file(actor=Actor(staff["other_handler"]), document=doc, nodes=[finance["zcwj"]])
    with pytest.raises(InvalidInput):
        document_file(actor=Actor(staff["handler"]), document=doc, nodes=[])
    document_file(actor=Actor(staff["handler"]), document=doc, nodes=[finance["zcwj"], finance["zwdt"]])
    document_file(actor=Actor(staff["handler"]), document=doc, nodes=[finance["zcwj"]])  # again: no-op
    assert {n.code for n in document_catalog_nodes(doc)} == {"zcwj", "zwdt"}
    assert CatalogFiling.objects.count() == 2


def test_empty_nodes_count_only_public_documents(clock, units, staff) -> None:
    nodes = seeded(units["finance"], staff["admin"])
    sub = catalog_node_create(
        actor=Actor(staff["admin"]), unit=units["finance"], name="预算", parent=nodes["czxx"]
    )
    public = make_published(staff["handler"], staff["admin"])
    draft = make_draft(staff["handler"], title="尚未发布的通知")
    document_file(actor=Actor(staff["handler"]), document=public, nodes=[sub])
    document_file(actor=Actor(staff["handler"]), document=draft, nodes=[nodes["zcwj"]])
    empty = {n.name for n in catalog_empty_nodes([units["finance"]])}
    # A parent whose sub-column holds a public document is not empty; a draft does not count.
    assert "财政信息" not in empty
    assert "预算" not in empty
    assert "政策文件" in empty
    assert len(empty) == len(STANDARD_NODES) - 1
    tree = {t.node.code: t for t in catalog_tree(units["finance"])}
    assert tree["czxx"].total == 1 and tree["czxx"].own == 0
