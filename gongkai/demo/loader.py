"""The demo data set: the seed plan's unit tree, demo staff, the seed notice and a few synthetic documents.

Everything goes through the ordinary services with the system as actor, and every step first looks
for what it would create, so loading twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction

from gongkai.accounts.models import Role, User
from gongkai.accounts.services import staff_create
from gongkai.catalog.demo import load_catalog_demo
from gongkai.core.clock import CHINA_TZ, Clock, get_clock
from gongkai.core.context import Actor
from gongkai.demo.catalog import CATALOG, ROOT, ensure_unit_tree
from gongkai.demo.seed import SeedDocument, load_seed
from gongkai.demo.synthetic import DocumentSpec, Planner, unit_profiles
from gongkai.documents.choices import Disclosure, Validity, topic_code_for
from gongkai.documents.models import Document
from gongkai.documents.services import DocumentInput, document_import_published, document_set_validity
from gongkai.interpretations.demo import load_publishing_demo
from gongkai.knowledge.demo import load_knowledge_demo
from gongkai.units.models import Unit

# Demo accounts only: fixed, published passwords (they satisfy the password policy: ≥10 characters,
# letters and digits). Never load the demo data set on a production installation.
DEMO_PASSWORD = "Suzhou2018demo"  # noqa: S105 - a published demo password
ADMIN_PASSWORD = "Gongkai2018admin"  # noqa: S105

OFFICE_CODE = "SZ0100001"  # 苏州市人民政府办公室
FINANCE_CODE = "SZ0100007"  # 苏州市财政局
GUSU_CODE = "SZ0200008"  # 苏州市姑苏区人民政府

SEED_PUBLISHED_AT = dt.datetime(2018, 6, 29, 10, 0, tzinfo=CHINA_TZ)  # the text gives no publication date
SEED_TOPIC = "综合政务\\政务公开"
DEMO_DOCUMENTS = 30
DEMO_DOCUMENTS_SEED = 193


@dataclass(frozen=True)
class DemoAccount:
    """A demo login."""

    username: str
    display_name: str
    unit_code: str
    role: str
    password: str = DEMO_PASSWORD
    superuser: bool = False


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("admin", "系统管理员", ROOT.code, Role.OPENNESS_OFFICE, ADMIN_PASSWORD, superuser=True),
    DemoAccount("gkb", "市政务公开办", ROOT.code, Role.OPENNESS_OFFICE),
    DemoAccount("pinggu", "第三方评估人", ROOT.code, Role.EVALUATOR),
    DemoAccount("szfb_admin", "王建国", OFFICE_CODE, Role.UNIT_ADMIN),
    DemoAccount("szfb_handler", "李晓燕", OFFICE_CODE, Role.HANDLER),
    DemoAccount("czj_admin", "陈志明", FINANCE_CODE, Role.UNIT_ADMIN),
    DemoAccount("czj_handler", "张丽华", FINANCE_CODE, Role.HANDLER),
    DemoAccount("gusu_handler", "周文杰", GUSU_CODE, Role.HANDLER),
)


@dataclass
class LoadResult:
    """What ``load_demo`` created this time, and the accounts to print."""

    units_created: int = 0
    staff_created: int = 0
    documents_created: int = 0
    accounts: list[tuple[str, str, str, str]] = field(default_factory=list)


@transaction.atomic
def load_demo(*, clock: Clock | None = None, documents: int = DEMO_DOCUMENTS) -> LoadResult:
    """Load (or complete) the demo data set; safe to run any number of times."""
    clock = clock or get_clock()
    actor = Actor.system()
    result = LoadResult()
    units, result.units_created = ensure_unit_tree(actor=actor)
    for account in DEMO_ACCOUNTS:
        unit = units[account.unit_code]
        if _ensure_account(account, unit, actor):
            result.staff_created += 1
        role = (
            "超级管理员（" + Role(account.role).label + "）"
            if account.superuser
            else Role(account.role).label
        )
        result.accounts.append((account.username, account.password, unit.name, role))
    seed = load_seed()
    if _import_seed(seed, units[OFFICE_CODE], actor, clock):
        result.documents_created += 1
    result.documents_created += _import_synthetic(units, actor, clock, documents)
    # Publishing depth: catalog columns and filings, grassroots entries, interpretation, Q&A, gazette.
    load_catalog_demo(actor=actor, clock=clock)
    load_publishing_demo(actor=actor, clock=clock)
    load_knowledge_demo(actor=actor, clock=clock)  # 知识库: published demo Q&A entries
    return result


def _ensure_account(account: DemoAccount, unit: Unit, actor: Actor) -> bool:
    if User.objects.filter(username=account.username).exists():
        return False
    user = staff_create(
        actor=actor,
        username=account.username,
        password=account.password,
        unit=unit,
        role=account.role,
        display_name=account.display_name,
    )
    if account.superuser:
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    return True


def seed_input(seed: SeedDocument) -> DocumentInput:
    """The seed notice as import input: its real metadata, 主题 综合政务\\政务公开, 文种 通知."""
    topic = topic_code_for(SEED_TOPIC)
    assert topic is not None
    return DocumentInput(
        title=seed.title,
        body=seed.body,
        date_written=seed.date_written,
        topic=topic,
        genre="通知",
        doc_number=seed.doc_number,
        issuer=seed.issuer,
        disclosure=Disclosure.PROACTIVE if seed.disclosure == "主动公开" else Disclosure.ON_REQUEST,
        keywords="政务公开 工作要点 实施方案",
        summary=f"印发《{seed.plan_title}》，明确{len(seed.goals)}个方面{len(seed.tasks)}项任务的主要内容、牵头单位和责任单位。",
    )


def _import_seed(seed: SeedDocument, office: Unit, actor: Actor, clock: Clock) -> bool:
    if Document.objects.filter(unit=office, doc_number=seed.doc_number).exists():
        return False
    document_import_published(
        actor=actor, unit=office, data=seed_input(seed), published_at=SEED_PUBLISHED_AT, clock=clock
    )
    return True


def _import_synthetic(units: dict[str, Unit], actor: Actor, clock: Clock, count: int) -> int:
    """A fixed handful of synthetic documents through the import service.

    The 发文字号 are numbered from the planner's own start (not from the database), so the same
    documents come out on every run and the ones already there are recognised by unit and 发文字号.
    """
    catalog_units = [units[spec.code] for spec in CATALOG]
    planner = Planner(profiles=unit_profiles(catalog_units), seed=DEMO_DOCUMENTS_SEED, now=clock.now())
    by_id = {unit.pk: unit for unit in catalog_units}
    created = 0
    for _ in range(count):
        spec = planner.next()
        unit = by_id[spec.unit_id]
        if spec.doc_number and Document.objects.filter(unit=unit, doc_number=spec.doc_number).exists():
            continue
        if (
            not spec.doc_number
            and Document.objects.filter(unit=unit, title=spec.title, is_synthetic=True).exists()
        ):
            continue
        document = document_import_published(
            actor=actor, unit=unit, data=_input(spec), published_at=spec.published_at, clock=clock
        )
        if spec.validity != Validity.VALID:
            document_set_validity(
                actor=actor,
                document=document,
                validity=spec.validity,
                date_changed=spec.date_validity_changed,
                clock=clock,
            )
        created += 1
    return created


def _input(spec: DocumentSpec) -> DocumentInput:
    return DocumentInput(
        title=spec.title,
        body=spec.body,
        date_written=spec.date_written,
        topic=spec.topic,
        genre=spec.genre,
        doc_number=spec.doc_number,
        issuer=spec.issuer,
        keywords=spec.keywords,
        summary=spec.summary,
        is_synthetic=True,
    )
