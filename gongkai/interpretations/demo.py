"""Demo data for the publishing depth: an interpretation and Q&A pairs of the seed notice
苏府办〔2018〕193号, and three 2018 issues of the 政府公报 that carry it. Safe to run repeatedly."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from gongkai.core.clock import Clock
from gongkai.core.context import Actor
from gongkai.documents.models import Document
from gongkai.documents.selectors import document_get_public_by_number, document_list_public
from gongkai.gazette.models import GazetteIssue, GazetteItem
from gongkai.gazette.services import gazette_issue_create, gazette_item_add
from gongkai.interpretations.models import Interpretation, Kind, PolicyQA
from gongkai.interpretations.services import (
    InterpretationInput,
    interpretation_create,
    interpretation_publish,
    policyqa_create,
)

SEED_DOC_NUMBER = "苏府办〔2018〕193号"
INTERPRETATION_TITLE = "《苏州市2018年政务公开工作要点实施方案》解读"
INTERPRETATION_BODY = """一、出台背景
为全面贯彻落实省政府办公厅《江苏省2018年政务公开工作要点及任务分工》，根据我市政务公开工作实际，市政府办公室制定了《苏州市2018年政务公开工作要点实施方案》，经市政府同意印发。
二、总体要求
各地各部门要着力推进决策、执行、管理、服务、结果公开，不断提升政务公开的质量和实效，推动转变政府职能、深化简政放权、创新监管方式，助力建设法治政府和服务型政府。
三、主要内容
实施方案从三个方面部署工作：高质量推进政务公开发布解读回应工作；着力提升政务服务公开质量和实效；强化政务公开制度保障和平台支撑。每项任务都明确了主要内容、牵头单位和责任单位。
四、落实要求
各地各部门要结合实际制定具体实施方案或工作安排并抓好落实，有关方案在实施方案公布后30个工作日内在本地区本部门网站公开。市政府办公室适时组织落实情况专项督查和第三方评估，并通报结果。"""

# Each answer is taken from the notice's own text (gongkai/demo/data/suzhou_2018_193.txt).
QA_PAIRS: tuple[tuple[str, str, str], ...] = (
    (
        "这份通知要求各地各部门做什么？",
        "各地各部门要结合实际，制定具体实施方案或工作安排，并抓好落实，着力推进决策、执行、管理、服务、结果公开。",
        "通知正文",
    ),
    (
        "各部门的实施方案要在多长时间内公开？在哪里公开？",
        "有关方案要在本实施方案公布后30个工作日内，在本地区本部门网站公开。",
        "通知正文",
    ),
    (
        "谁来监督这些工作的落实？",
        "市政府办公室适时组织落实情况专项督查和第三方评估，并通报结果。",
        "通知正文",
    ),
    (
        "什么是“政策简明问答”？由谁牵头？",
        "由各地各部门政务公开工作机构牵头，联合政策制定业务部门、宣传部门解读重点政策，把企业群众关注的政策信息"
        "从政策文件中提炼出来，通过一问一答方式进行解读。全市由市政府办公室牵头，各市（区）和市各有关部门负责。",
        "实施方案第（三）项",
    ),
    (
        "办事条件发生变化后，多长时间内要公开？",
        "办事条件发生变化的事项，应在完成审批程序后1个工作日内公开变更后的相关信息和具体实施时间。",
        "实施方案第（五）项",
    ),
)

# (number, date of issue); the seed notice (dated 2018-06-29) appears in issue 7.
GAZETTE_ISSUES_2018: tuple[tuple[int, dt.date], ...] = (
    (6, dt.date(2018, 6, 20)),
    (7, dt.date(2018, 7, 15)),
    (8, dt.date(2018, 8, 15)),
)
SEED_ISSUE_NUMBER = 7
OTHER_DOCUMENTS_PER_ISSUE = 2


@dataclass
class PublishingDemoResult:
    """What this run created."""

    interpretations: int = 0
    qa_pairs: int = 0
    gazette_issues: int = 0
    gazette_items: int = 0


def _section(doc: Document, seed: Document) -> str:
    return "市政府办公室文件" if doc.unit_id == seed.unit_id else "部门文件"


@transaction.atomic
def load_publishing_demo(*, actor: Actor, clock: Clock | None = None) -> PublishingDemoResult:
    """Add the demo interpretation, Q&A pairs and 2018 gazette issues; does nothing without the seed."""
    result = PublishingDemoResult()
    seed = document_get_public_by_number(SEED_DOC_NUMBER)
    if seed is None:
        return result
    if not Interpretation.objects.filter(title=INTERPRETATION_TITLE, documents=seed).exists():
        item = interpretation_create(
            actor=actor,
            unit=seed.unit,
            data=InterpretationInput(
                title=INTERPRETATION_TITLE,
                kind=Kind.TEXT,
                body=INTERPRETATION_BODY,
                interpreter_name="苏州市人民政府办公室",
                interpreter_role="政务公开工作机构",
            ),
            documents=[seed],
            clock=clock,
        )
        interpretation_publish(actor=actor, interpretation=item, clock=clock)
        result.interpretations += 1
    existing = set(PolicyQA.objects.filter(document=seed).values_list("question", flat=True))
    for order, (question, answer, clause) in enumerate(QA_PAIRS, start=1):
        if question not in existing:
            policyqa_create(
                actor=actor,
                document=seed,
                question=question,
                answer=answer,
                clause_ref=clause,
                sort_order=order,
                clock=clock,
            )
            result.qa_pairs += 1
    others = list(document_list_public().exclude(pk=seed.pk).order_by("id")[: 3 * OTHER_DOCUMENTS_PER_ISSUE])
    for index, (number, issued_on) in enumerate(GAZETTE_ISSUES_2018):
        issue = GazetteIssue.objects.filter(year=2018, number=number).first()
        if issue is None:
            issue = gazette_issue_create(
                actor=actor, year=2018, number=number, issued_on=issued_on, clock=clock
            )
            result.gazette_issues += 1
        docs = others[index * OTHER_DOCUMENTS_PER_ISSUE : (index + 1) * OTHER_DOCUMENTS_PER_ISSUE]
        if number == SEED_ISSUE_NUMBER:
            docs = [seed, *docs]
        for doc in docs:
            if not GazetteItem.objects.filter(issue=issue, document=doc).exists():
                gazette_item_add(
                    actor=actor, issue=issue, document=doc, section=_section(doc, seed), clock=clock
                )
                result.gazette_items += 1
    return result
