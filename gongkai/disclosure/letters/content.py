"""What each letter says, generated from the case data by a per-type template.

The text is plain (paragraphs separated by line breaks); escaping is left to each output (HTML pages
auto-escape, Word writes text runs, the PDF escapes reportlab's mark-up), so whatever an applicant
typed stays inert in every rendering.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string

from gongkai.disclosure.choices import ClockEventKind, ReplyReason, ReplyType
from gongkai.disclosure.models import DisclosureRequest, LetterKind
from gongkai.units.models import Unit, UnitKind

# Kinds whose letter is an administrative decision the applicant may challenge (art. 51).
REMEDY_KINDS = frozenset({LetterKind.REPLY, LetterKind.CORRECTION, LetterKind.FEE})

TITLES: dict[str, str] = {
    LetterKind.RECEIPT: "政府信息公开申请受理回执",
    LetterKind.CORRECTION: "政府信息公开申请补正告知书",
    LetterKind.EXTENSION: "政府信息公开申请延期答复告知书",
    LetterKind.CONSULTATION: "政府信息公开第三方意见征询函",
    LetterKind.FEE: "政府信息公开信息处理费收费通知书",
    LetterKind.REPLY: "政府信息公开申请答复告知书",
}

ACT = "《中华人民共和国政府信息公开条例》"
_WITHHOLD = "本机关决定不予公开。"


def _w(fact: str, articles: str, conclusion: str) -> str:
    return f"{fact}根据{ACT}{articles}的规定，{conclusion}"


# The legal ground and the standard wording of each art. 36 outcome (sub-reason where there is one).
REPLY_GROUNDS: dict[str, str] = {
    ReplyType.DISCLOSE: _w("您申请获取的政府信息属于公开范围。", "第三十六条第二项", "本机关予以公开。"),
    ReplyType.PARTIAL: _w(
        "您申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理。",
        "第三十七条",
        "本机关向您提供可以公开的部分，对不予公开的部分说明理由如下。",
    ),
    ReplyReason.STATE_SECRET: _w(
        "您申请获取的政府信息属于依法确定的国家秘密。", "第十四条和第三十六条第三项", _WITHHOLD
    ),
    ReplyReason.LAW_FORBIDS: _w(
        "您申请获取的政府信息属于法律、行政法规禁止公开的政府信息。", "第十四条和第三十六条第三项", _WITHHOLD
    ),
    ReplyReason.THREE_SECURITY: _w(
        "您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。",
        "第十四条和第三十六条第三项",
        _WITHHOLD,
    ),
    ReplyReason.THIRD_PARTY_RIGHTS: _w(
        "您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。",
        "第十五条和第三十六条第三项",
        _WITHHOLD,
    ),
    ReplyReason.INTERNAL_AFFAIRS: _w(
        "您申请获取的政府信息属于人事管理、后勤管理、内部工作流程等内部事务信息。",
        "第十六条第一款和第三十六条第三项",
        _WITHHOLD,
    ),
    ReplyReason.PROCESS_INFO: _w(
        "您申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、"
        "磋商信函、请示报告等过程性信息。",
        "第十六条第二款和第三十六条第三项",
        _WITHHOLD,
    ),
    ReplyReason.ENFORCEMENT_FILE: _w(
        "您申请获取的政府信息属于行政执法案卷信息。", "第十六条第二款和第三十六条第三项", _WITHHOLD
    ),
    ReplyReason.INQUIRY_MATTER: _w(
        "您申请获取的信息属于法律、行政法规对信息的获取有特别规定的行政查询事项。",
        "第三十六条第七项",
        "请您按照有关法律、行政法规的规定办理。",
    ),
    ReplyReason.NOT_HELD: _w(
        "经检索，本机关未制作或获取您申请的政府信息。",
        "第三十六条第四项、第五项",
        "告知您该政府信息不存在或者不属于本机关负责公开。",
    ),
    ReplyReason.NEEDS_CREATION: _w(
        "您申请获取的信息需要本机关对现有政府信息进行加工、分析后另行制作。", "第三十八条", "本机关无法提供。"
    ),
    ReplyReason.STILL_UNCLEAR: _w(
        "本机关已告知您补正申请内容，但补正后申请内容仍不明确。", "第三十条", "本机关无法提供。"
    ),
    ReplyReason.PETITION: _w(
        "您的申请属于以政府信息公开申请的形式进行信访、投诉、举报等活动。",
        "第三十九条第一款",
        "本机关不作为政府信息公开申请处理，请您通过相应渠道提出。",
    ),
    ReplyReason.REPEATED: _w(
        "本机关已就您申请的政府信息作出过答复，您重复申请公开相同的政府信息。",
        "第三十六条第六项",
        "本机关不予重复处理。",
    ),
    ReplyReason.PUBLICATION: _w(
        "您申请获取的是公开出版物。", "第三十九条第二款", "请您通过公开出版物的获取途径自行获取。"
    ),
    ReplyReason.EXCESSIVE: _w(
        "您申请公开政府信息的数量、频次明显超过合理范围，且说明的理由不合理。",
        "第三十五条",
        "本机关不予处理。",
    ),
    ReplyReason.CONFIRM_OR_REISSUE: _w(
        "您的申请系要求行政机关确认或者重新出具已获取的信息。",
        "第三十九条",
        "本机关不作为政府信息公开申请处理。",
    ),
    ReplyReason.OTHER: "本机关对您的申请作如下处理：",
}


@dataclass(frozen=True)
class LetterText:
    title: str
    salutation: str
    body: str
    remedies: str
    signature: str
    date: dt.date


def reconsideration_authority(unit: Unit) -> str:
    """Who reviews the unit's decisions (《行政复议法》(2023) art. 24): a department is reviewed by its
    government at the same level, a government by the government one level up."""
    governments = {UnitKind.CITY_GOVERNMENT, UnitKind.DISTRICT_GOVERNMENT}
    node = unit.parent
    while node is not None:
        if node.kind in governments:
            return node.name
        node = node.parent
    return "上一级人民政府" if unit.kind in governments else "本级人民政府"


def remedies_sentence(unit: Unit) -> str:
    return (
        f"如对本告知书不服，可以自收到本告知书之日起60日内向{reconsideration_authority(unit)}申请行政复议，"
        "或者6个月内向人民法院提起行政诉讼。"
    )


def has_remedies(text: str) -> bool:
    return all(w in text for w in ("60日", "行政复议", "6个月", "行政诉讼"))


def _cn_date(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def _latest(case: DisclosureRequest, kind: str) -> Any:
    return case.clock_events.filter(kind=kind).order_by("-at", "-id").first()


def generate(
    case: DisclosureRequest,
    kind: str,
    *,
    today: dt.date,
    reply_type: str = "",
    reply_reason: str = "",
    reply_text: str = "",
    reply_due: dt.date | None = None,
) -> LetterText:
    """A first draft of the letter from the case data; the handler edits it before sending."""
    unit = case.addressee_unit
    info = case.info_title or case.doc_number or case.description
    if len(info) > 120:
        info = info[:120] + "……"
    context: dict[str, Any] = {
        "case": case,
        "unit": unit,
        "info": info,
        "date_arrived": _cn_date(case.date_arrived),
        "date_received": _cn_date(case.date_received),
        "reply_due": _cn_date(reply_due),
        "reply_text": reply_text.strip(),
    }
    salutation = f"{case.applicant_name}："
    if kind == LetterKind.CORRECTION:
        notice = _latest(case, ClockEventKind.CORRECTION_NOTICE)
        context["items"] = case.correction_items or (notice.reason if notice else "")
        context["period"] = notice.working_days if notice else 15
    elif kind == LetterKind.EXTENSION:
        ext = _latest(case, ClockEventKind.EXTENSION)
        context["days"] = ext.working_days if ext else 0
        context["reason"] = ext.reason if ext else ""
    elif kind == LetterKind.CONSULTATION:
        pause = _latest(case, ClockEventKind.PAUSE)
        party = pause.party if pause else ""
        context["reason"] = pause.reason if pause else ""
        salutation = f"{party or '（被征求意见的第三方）'}："
    elif kind == LetterKind.FEE:
        context["fee_yuan"] = case.fee_yuan
        context["method"] = case.get_fee_method_display()  # type: ignore[attr-defined]
    elif kind == LetterKind.REPLY:
        ground = REPLY_GROUNDS.get(reply_reason or reply_type, "")
        context["ground"] = ground
        context["reply_label"] = (
            f"{ReplyType(reply_type).label}"
            + (f"（{ReplyReason(reply_reason).label}）" if reply_reason else "")
            if reply_type
            else ""
        )
        context["delivery"] = case.get_delivery_display()  # type: ignore[attr-defined]
        context["medium"] = case.get_medium_display()  # type: ignore[attr-defined]
        context["disclose"] = reply_type in {ReplyType.DISCLOSE, ReplyType.PARTIAL}
    body = render_to_string(f"disclosure/letters/body_{kind}.txt", context).strip()
    body = "\n".join(line.strip() for line in body.splitlines() if line.strip())
    return LetterText(
        title=TITLES[kind],
        salutation=salutation,
        body=body,
        remedies=remedies_sentence(unit) if kind in REMEDY_KINDS else "",
        signature=unit.name,
        date=today,
    )
