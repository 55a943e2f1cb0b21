"""Receiving and registering applications (arts 29, 31)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import InvalidInput, NotPermitted
from gongkai.disclosure import permissions
from gongkai.disclosure.choices import (
    ORGANISATION_ID_TYPES,
    PERSON_ID_TYPES,
    RECEIPT_RULES,
    SAME_DAY_CHANNELS,
    ApplicantKind,
    Channel,
    ClockEventKind,
    Delivery,
    IdType,
    Medium,
    OrgKind,
    State,
)
from gongkai.disclosure.constants import MAX_TEXT_CHARS, TRACKING_CODE_ALPHABET, TRACKING_CODE_LENGTH
from gongkai.disclosure.models import DisclosureRequest
from gongkai.disclosure.services.common import (
    add_event,
    day_not_future,
    locked,
    record,
    require_register,
    require_transition,
    save,
)
from gongkai.privacy.checksums import is_valid_id18, is_valid_uscc
from gongkai.units.models import Unit

_SPACES = re.compile(r"[\s\-]+")
_PHONE = re.compile(r"^[0-9+()\-\s]{7,30}$")
_POSTCODE = re.compile(r"^\d{6}$")
_OTHER_ID = re.compile(r"^[A-Z0-9()（）]{5,40}$")


@dataclass(frozen=True)
class RequestInput:
    """What an application says (art. 29 ¶2); validated by :func:`validate_request_input`."""

    applicant_kind: str
    applicant_name: str
    id_type: str
    id_number: str
    description: str
    medium: str
    delivery: str
    org_kind: str = ""
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""
    info_title: str = ""
    doc_number: str = ""


@dataclass(frozen=True)
class CreatedRequest:
    """A new case and its query password, shown to the applicant once and stored only as a hash."""

    request: DisclosureRequest
    secret: str


def normalise_id_number(id_type: str, number: str) -> str:
    return _SPACES.sub("", number or "").upper()


def applicant_key(id_type: str, number: str) -> str:
    """The matching key of an applicant: the same person or organisation gets the same key."""
    group = "org" if id_type == IdType.USCC else id_type
    return hashlib.sha256(f"{group}:{normalise_id_number(id_type, number)}".encode()).hexdigest()


def secret_hash(secret: str) -> str:
    # The secret carries 128 random bits, so a plain digest cannot be reversed by guessing.
    return hashlib.sha256(secret.encode()).hexdigest()


def secret_matches(case: DisclosureRequest, secret: str) -> bool:
    return hmac.compare_digest(case.secret_hash, secret_hash(secret or ""))


def new_tracking_code() -> str:
    return "".join(secrets.choice(TRACKING_CODE_ALPHABET) for _ in range(TRACKING_CODE_LENGTH))


def _valid_id(id_type: str, number: str) -> str | None:
    """An error message, or ``None`` when the number is acceptable for its type."""
    if not number:
        return "请填写身份证明号码。"
    if id_type == IdType.RESIDENT_ID:
        if not is_valid_id18(number):
            return "居民身份证号码不正确（应为18位，校验码须正确）。"
    elif id_type == IdType.USCC:
        if not is_valid_uscc(number):
            return "统一社会信用代码不正确（应为18位，校验码须正确）。"
    elif not _OTHER_ID.match(number):
        return "证件号码格式不正确。"
    return None


def validate_request_input(data: RequestInput) -> RequestInput:
    """Check every field at once; ``InvalidInput`` lists all the problems per field."""
    errors: dict[str, list[str]] = {}

    def err(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    name = data.applicant_name.strip()
    number = normalise_id_number(data.id_type, data.id_number)
    org_kind = data.org_kind
    if data.applicant_kind not in ApplicantKind.values:
        err("applicant_kind", "请选择申请人类型。")
    elif data.applicant_kind == ApplicantKind.NATURAL_PERSON:
        org_kind = ""
        if data.id_type not in PERSON_ID_TYPES:
            err("id_type", "自然人请选择个人身份证件。")
    else:
        if org_kind not in OrgKind.values:
            err("org_kind", "请选择法人或其他组织的类别。")
        if data.id_type not in ORGANISATION_ID_TYPES:
            err("id_type", "法人或其他组织请提供统一社会信用代码或其他身份证明。")
    if not name:
        err("applicant_name", "请填写申请人姓名或名称。")
    elif len(name) > 100:
        err("applicant_name", "申请人姓名或名称不能超过100字。")
    if data.id_type in IdType.values:
        problem = _valid_id(data.id_type, number)
        if problem:
            err("id_number", problem)
    elif "id_type" not in errors:
        err("id_type", "请选择身份证明类型。")
    phone, email, address = data.phone.strip(), data.email.strip(), data.address.strip()
    if not (phone or email or address):
        err("phone", "请至少填写一种联系方式（电话、电子邮箱或通信地址）。")
    if phone and not _PHONE.match(phone):
        err("phone", "联系电话格式不正确。")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            err("email", "电子邮箱格式不正确。")
    if data.postcode.strip() and not _POSTCODE.match(data.postcode.strip()):
        err("postcode", "邮政编码应为6位数字。")
    if data.delivery == Delivery.POST and not address:
        err("address", "选择邮寄的，请填写通信地址。")
    if data.delivery == Delivery.EMAIL and not email:
        err("email", "选择电子邮件的，请填写电子邮箱。")
    description = data.description.strip()
    if not (description or data.info_title.strip() or data.doc_number.strip()):
        err("description", "请填写所需信息的名称、文号或便于查询的其他特征性描述。")
    if len(description) > MAX_TEXT_CHARS:
        err("description", f"内容描述不能超过{MAX_TEXT_CHARS}字。")
    if data.medium not in Medium.values:
        err("medium", "请选择信息载体形式。")
    if data.delivery not in Delivery.values:
        err("delivery", "请选择获取方式。")
    for field, limit in (("info_title", 300), ("doc_number", 60), ("contact_person", 50)):
        if len(getattr(data, field).strip()) > limit:
            err(field, f"不能超过{limit}字。")
    if errors:
        first = next(iter(errors.values()))[0]
        raise InvalidInput(first, errors=errors)
    return RequestInput(
        applicant_kind=data.applicant_kind,
        applicant_name=name,
        id_type=data.id_type,
        id_number=number,
        description=description,
        medium=data.medium,
        delivery=data.delivery,
        org_kind=org_kind,
        contact_person=data.contact_person.strip(),
        phone=phone,
        email=email,
        address=address,
        postcode=data.postcode.strip(),
        info_title=data.info_title.strip(),
        doc_number=data.doc_number.strip(),
    )


def _check_receipt(*, channel: str, date_arrived: dt.date, date_received: dt.date, today: dt.date) -> None:
    """Art. 31: the receipt date per channel."""
    day_not_future(date_received, today, "收到申请之日", "date_received")
    if date_received < date_arrived:
        raise InvalidInput("收到申请之日不能早于申请到达之日。", field="date_received")
    if channel in SAME_DAY_CHANNELS and date_received != date_arrived:
        raise InvalidInput(f"{RECEIPT_RULES[channel]}。", field="date_received")


@transaction.atomic
def request_create(
    *,
    actor: Actor,
    data: RequestInput,
    addressee_unit: Unit,
    channel: str,
    date_arrived: dt.date | None = None,
    date_received: dt.date | None = None,
    clock: Clock | None = None,
) -> CreatedRequest:
    """A new application. With ``date_received`` (staff registering an in-person, letter or fax
    application) it is registered at once and the reply clock starts; without it (the public online
    form) it waits in ``received`` for the office to confirm receipt (art. 31: 双方确认之日).
    """
    clock = clock or get_clock()
    today = clock.today()
    if channel not in Channel.values:
        raise InvalidInput("请选择申请渠道。", field="channel")
    if actor.user is None:
        if channel != Channel.ONLINE or date_received is not None:
            raise NotPermitted("网上申请须由受理机关确认收到。")
    elif not permissions.can_register_for(actor.user, addressee_unit):
        raise NotPermitted(f"您无权为“{addressee_unit.name}”登记申请。")
    if not addressee_unit.is_active:
        raise InvalidInput("该机关已停用，不能受理申请。", field="addressee_unit")
    data = validate_request_input(data)
    date_arrived = day_not_future(date_arrived or today, today, "申请到达日期", "date_arrived")
    if date_received is not None:
        _check_receipt(channel=channel, date_arrived=date_arrived, date_received=date_received, today=today)

    code = new_tracking_code()
    while DisclosureRequest.objects.filter(tracking_code=code).exists():  # pragma: no cover - 31^12
        code = new_tracking_code()
    secret = secrets.token_urlsafe(16)
    now = clock.now()
    case = DisclosureRequest.objects.create(
        tracking_code=code,
        secret_hash=secret_hash(secret),
        applicant_kind=data.applicant_kind,
        org_kind=data.org_kind,
        applicant_name=data.applicant_name,
        contact_person=data.contact_person,
        id_type=data.id_type,
        id_number=data.id_number,
        applicant_key=applicant_key(data.id_type, data.id_number),
        phone=data.phone,
        email=data.email,
        address=data.address,
        postcode=data.postcode,
        info_title=data.info_title,
        doc_number=data.doc_number,
        description=data.description,
        medium=data.medium,
        delivery=data.delivery,
        addressee_unit=addressee_unit,
        channel=channel,
        date_arrived=date_arrived,
        state=State.RECEIVED,
        created_at=now,
        created_by=actor.user,
        updated_at=now,
    )
    record(
        actor=actor,
        action="create",
        case=case,
        clock=clock,
        changes={"channel": channel, "date_arrived": date_arrived, "state": [None, State.RECEIVED]},
    )
    if date_received is not None:
        _register(case, actor=actor, date_received=date_received, clock=clock)
    return CreatedRequest(request=case, secret=secret)


def _register(case: DisclosureRequest, *, actor: Actor, date_received: dt.date, clock: Clock) -> None:
    before = case.state
    case.date_received = date_received
    case.state = State.REGISTERED
    save(case, clock)
    add_event(
        case,
        actor=actor,
        clock=clock,
        kind=ClockEventKind.START,
        date=date_received,
        reason=RECEIPT_RULES[case.channel],
    )
    record(
        actor=actor,
        action="register",
        case=case,
        clock=clock,
        changes={"state": [before, State.REGISTERED], "date_received": [None, date_received]},
    )


@transaction.atomic
def request_register(
    *, actor: Actor, case: DisclosureRequest, date_received: dt.date, clock: Clock | None = None
) -> DisclosureRequest:
    """Received → registered: the office confirms receipt; the reply clock starts at ``date_received``."""
    clock = clock or get_clock()
    case = locked(case)
    require_register(actor, case)
    require_transition(case, "register", "登记")
    _check_receipt(
        channel=case.channel, date_arrived=case.date_arrived, date_received=date_received, today=clock.today()
    )
    _register(case, actor=actor, date_received=date_received, clock=clock)
    return case
