"""Enumerations of 依申请公开 (disclosure-rules.md §1.4, §2.2 table 三, §2.3 table 四)."""

from __future__ import annotations

from django.db import models


class ApplicantKind(models.TextChoices):
    NATURAL_PERSON = "natural_person", "自然人"
    ORGANISATION = "organisation", "法人或其他组织"


class OrgKind(models.TextChoices):
    """The sub-kind of a 法人或其他组织: the five organisation columns of table 三."""

    COMMERCIAL = "commercial", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_WELFARE = "public_welfare", "社会公益组织"
    LEGAL_SERVICE = "legal_service", "法律服务机构"
    OTHER = "other", "其他"


class ApplicantColumn(models.TextChoices):
    """The applicant columns of table 三, in the printed order (总计 is their sum, not a column here)."""

    NATURAL_PERSON = "natural_person", "自然人"
    COMMERCIAL = "commercial", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_WELFARE = "public_welfare", "社会公益组织"
    LEGAL_SERVICE = "legal_service", "法律服务机构"
    OTHER = "other", "其他"


def applicant_column(kind: str, org_kind: str) -> str:
    """The table 三 column an applicant is counted in."""
    if kind == ApplicantKind.NATURAL_PERSON:
        return ApplicantColumn.NATURAL_PERSON
    return ApplicantColumn(org_kind or OrgKind.OTHER).value


class IdType(models.TextChoices):
    """Proof of identity (art. 29 ¶2 (1)). Only the first two are checked by algorithm."""

    RESIDENT_ID = "resident_id", "居民身份证"
    USCC = "uscc", "统一社会信用代码"
    PASSPORT = "passport", "护照"
    HK_MACAO_PERMIT = "hk_macao_permit", "港澳居民来往内地通行证"
    TAIWAN_PERMIT = "taiwan_permit", "台湾居民来往大陆通行证"
    RESIDENCE_PERMIT = "residence_permit", "港澳台居民居住证"
    OTHER = "other", "其他证件"


PERSON_ID_TYPES = frozenset(
    {
        IdType.RESIDENT_ID,
        IdType.PASSPORT,
        IdType.HK_MACAO_PERMIT,
        IdType.TAIWAN_PERMIT,
        IdType.RESIDENCE_PERMIT,
        IdType.OTHER,
    }
)
ORGANISATION_ID_TYPES = frozenset({IdType.USCC, IdType.OTHER})


class Channel(models.TextChoices):
    """How the application arrived; art. 31 fixes the receipt date per channel."""

    ONLINE = "online", "网上申请"
    IN_PERSON = "in_person", "当面提交"
    LETTER_REGISTERED = "letter_registered", "信函（需签收）"
    LETTER_ORDINARY = "letter_ordinary", "信函（平信）"
    FAX = "fax", "传真"


# art. 31: what the receipt date is for each channel (shown next to the date field).
RECEIPT_RULES: dict[str, str] = {
    Channel.IN_PERSON: "当面提交的，以提交之日为收到申请之日",
    Channel.LETTER_REGISTERED: "以邮政快递等需签收方式提交的，以签收之日为收到申请之日",
    Channel.LETTER_ORDINARY: "以平常信函等无需签收方式提交的，以与申请人确认之日为收到申请之日",
    Channel.ONLINE: "通过互联网渠道提交的，以双方确认之日为收到申请之日",
    Channel.FAX: "通过政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日",
}
# Channels whose receipt date must equal the day the application arrived.
SAME_DAY_CHANNELS = frozenset({Channel.IN_PERSON})


class Medium(models.TextChoices):
    """Form of the information wanted (art. 29 ¶2 (3), art. 40)."""

    PAPER = "paper", "纸质文本"
    ELECTRONIC = "electronic", "电子数据"


class Delivery(models.TextChoices):
    """Manner of obtaining it (获取信息的方式、途径)."""

    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    ONLINE = "online", "网上获取"
    PICKUP = "pickup", "自行领取"
    ON_SITE = "on_site", "当场阅读、抄录"


class State(models.TextChoices):
    """The case states; the transitions are in ``lifecycle.py``."""

    RECEIVED = "received", "待确认收到"
    REGISTERED = "registered", "已登记"
    CORRECTION_REQUESTED = "correction_requested", "待补正"
    CORRECTED = "corrected", "已补正"
    DEEMED_WITHDRAWN = "deemed_withdrawn", "逾期未补正（视为放弃）"
    ASSIGNED = "assigned", "已分办"
    IN_HANDLING = "in_handling", "办理中"
    CONSULTATION = "consultation", "征求意见中"
    FEE_NOTICE = "fee_notice", "待缴费"
    FEE_ABANDONED = "fee_abandoned", "逾期未缴费（视为放弃）"
    REPLIED = "replied", "已答复"
    CLOSED = "closed", "已归档"


class ClockEventKind(models.TextChoices):
    START = "start", "起算"
    CORRECTION_NOTICE = "correction_notice", "告知补正（停止计算）"
    RESTART_AFTER_CORRECTION = "restart_after_correction", "补正后重新起算"
    PAUSE = "pause", "暂停计算"
    RESUME = "resume", "恢复计算"
    EXTENSION = "extension", "延长答复期限"


class PauseCause(models.TextChoices):
    THIRD_PARTY = "third_party", "征求第三方意见（第三十二条）"
    CO_PRODUCER = "co_producer", "征求共同制作机关意见（第三十四条）"
    FEE = "fee", "收费通知待缴费"


CONSULTATION_CAUSES = frozenset({PauseCause.THIRD_PARTY, PauseCause.CO_PRODUCER})


class ReplyType(models.TextChoices):
    """The blocks of 三、本年度办理结果 (table 三, 2021 format)."""

    DISCLOSE = "disclose", "予以公开"
    PARTIAL = "partial", "部分公开"
    WITHHOLD = "withhold", "不予公开"
    CANNOT_PROVIDE = "cannot_provide", "无法提供"
    NOT_PROCESSED = "not_processed", "不予处理"
    OTHER = "other", "其他处理"


class ReplyReason(models.TextChoices):
    """The numbered sub-rows of （三）–（六）; codes are unique across blocks."""

    # （三）不予公开
    STATE_SECRET = "state_secret", "属于国家秘密"
    LAW_FORBIDS = "law_forbids", "其他法律行政法规禁止公开"
    THREE_SECURITY = "three_security", "危及“三安全一稳定”"
    THIRD_PARTY_RIGHTS = "third_party_rights", "保护第三方合法权益"
    INTERNAL_AFFAIRS = "internal_affairs", "属于三类内部事务信息"
    PROCESS_INFO = "process_info", "属于四类过程性信息"
    ENFORCEMENT_FILE = "enforcement_file", "属于行政执法案卷"
    INQUIRY_MATTER = "inquiry_matter", "属于行政查询事项"
    # （四）无法提供
    NOT_HELD = "not_held", "本机关不掌握相关政府信息"
    NEEDS_CREATION = "needs_creation", "没有现成信息需要另行制作"
    STILL_UNCLEAR = "still_unclear", "补正后申请内容仍不明确"
    # （五）不予处理
    PETITION = "petition", "信访举报投诉类申请"
    REPEATED = "repeated", "重复申请"
    PUBLICATION = "publication", "要求提供公开出版物"
    EXCESSIVE = "excessive", "无正当理由大量反复申请"
    CONFIRM_OR_REISSUE = "confirm_or_reissue", "要求行政机关确认或重新出具已获取信息"
    # （六）其他处理
    NO_CORRECTION = "no_correction", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    FEE_UNPAID = "fee_unpaid", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    OTHER = "other", "其他"


# Table 三 block by block, sub-rows in printed order. （一）（二） have no sub-rows.
REASONS_BY_TYPE: dict[str, tuple[str, ...]] = {
    ReplyType.DISCLOSE: (),
    ReplyType.PARTIAL: (),
    ReplyType.WITHHOLD: (
        ReplyReason.STATE_SECRET,
        ReplyReason.LAW_FORBIDS,
        ReplyReason.THREE_SECURITY,
        ReplyReason.THIRD_PARTY_RIGHTS,
        ReplyReason.INTERNAL_AFFAIRS,
        ReplyReason.PROCESS_INFO,
        ReplyReason.ENFORCEMENT_FILE,
        ReplyReason.INQUIRY_MATTER,
    ),
    ReplyType.CANNOT_PROVIDE: (ReplyReason.NOT_HELD, ReplyReason.NEEDS_CREATION, ReplyReason.STILL_UNCLEAR),
    ReplyType.NOT_PROCESSED: (
        ReplyReason.PETITION,
        ReplyReason.REPEATED,
        ReplyReason.PUBLICATION,
        ReplyReason.EXCESSIVE,
        ReplyReason.CONFIRM_OR_REISSUE,
    ),
    ReplyType.OTHER: (ReplyReason.NO_CORRECTION, ReplyReason.FEE_UNPAID, ReplyReason.OTHER),
}

# Set by the process itself (deem withdrawn / fee abandoned), never chosen in a reply.
PROCESS_REASONS = frozenset({ReplyReason.NO_CORRECTION, ReplyReason.FEE_UNPAID})

_BLOCK_NUMERALS: dict[str, str] = {
    ReplyType.DISCLOSE: "（一）",
    ReplyType.PARTIAL: "（二）",
    ReplyType.WITHHOLD: "（三）",
    ReplyType.CANNOT_PROVIDE: "（四）",
    ReplyType.NOT_PROCESSED: "（五）",
    ReplyType.OTHER: "（六）",
}


def table_three_rows() -> list[tuple[str, str, str]]:
    """The data rows of 三、本年度办理结果 before （七）总计: ``(reply_type, reason, printed label)``.

    （一）（二） are rows of their own; （三）–（六） count on their numbered sub-rows (22 rows in all).
    """
    rows: list[tuple[str, str, str]] = []
    for reply_type, reasons in REASONS_BY_TYPE.items():
        block = f"{_BLOCK_NUMERALS[reply_type]}{ReplyType(reply_type).label}"
        if not reasons:
            rows.append((reply_type, "", block))
        for n, reason in enumerate(reasons, start=1):
            rows.append((reply_type, reason, f"{block} {n}.{ReplyReason(reason).label}"))
    return rows


def reply_label(reply_type: str, reason: str) -> str:
    """``不予公开：属于国家秘密`` etc.; empty when there is no reply yet."""
    if not reply_type:
        return ""
    label = ReplyType(reply_type).label
    return f"{label}：{ReplyReason(reason).label}" if reason else label


class FeeMethod(models.TextChoices):
    PER_REQUEST = "per_request", "按件计收"
    PER_PAGE = "per_page", "按量计收"


class AppealKind(models.TextChoices):
    """The three groups of table 四."""

    RECONSIDERATION = "reconsideration", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "行政诉讼（未经复议直接起诉）"
    LITIGATION_AFTER_REVIEW = "litigation_after_review", "行政诉讼（复议后起诉）"


class AppealOutcome(models.TextChoices):
    """The result columns of table 四 (总计 is their sum)."""

    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"
    PENDING = "pending", "尚未审结"


class NotificationKind(models.TextChoices):
    AT_RISK = "at_risk", "即将到期"
    OVERDUE = "overdue", "已超期"
    CORRECTION_DUE = "correction_due", "补正期限已过"
    FEE_DUE = "fee_due", "缴费期限已过"
    CONSULTATION_DUE = "consultation_due", "征求意见期限已过"
