"""The applicant's side: filing online (with attachments, a one-time form token and a per-address
limit), looking a case up with its code and query password, and correcting online after a 补正 notice.

Nothing here logs anybody in: the applicant proves who they are with the tracking code and the query
password (stored only as a hash, compared in constant time). Wrong pairs get one generic answer and
are counted per client address and per code.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction

from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import ApplicationError, InvalidInput
from gongkai.disclosure.choices import Channel
from gongkai.disclosure.models import (
    AttachmentPurpose,
    DisclosureRequest,
    PublicAttempt,
    RequestAttachment,
    SubmissionToken,
)
from gongkai.disclosure.services.common import record
from gongkai.disclosure.services.correction import request_correction_receive
from gongkai.disclosure.services.intake import CreatedRequest, RequestInput, request_create, secret_hash
from gongkai.documents.services.attachments import ALLOWED_TYPES, content_matches, safe_name
from gongkai.units.models import Unit, UnitKind

# Limits of the public side (house rules, not law).
FILINGS_PER_HOUR = 5  # online applications per client address per hour
LOOKUP_FAILURES_PER_WINDOW = 10  # wrong code/password pairs per client address …
LOOKUP_FAILURES_PER_CODE = 20  # … and per tracking code …
LOOKUP_WINDOW = dt.timedelta(minutes=15)  # … within this window
MAX_FILES = 5
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_TOTAL_BYTES = 20 * 1024 * 1024
PUBLIC_TYPES = frozenset({"pdf", "doc", "docx", "ofd", "jpg", "jpeg", "png"})
WRONG_PAIR = "编号或查询码不正确。"
ACCEPTING_KINDS = (
    UnitKind.CITY_GOVERNMENT,
    UnitKind.CITY_DEPARTMENT,
    UnitKind.DISTRICT_GOVERNMENT,
    UnitKind.DISTRICT_DEPARTMENT,
)


class RateLimited(ApplicationError):
    status_code = 429


class DuplicateSubmission(ApplicationError):
    """The same form was posted again; the application it filed is ``request``."""

    status_code = 409

    def __init__(self, message: str, *, request: DisclosureRequest) -> None:
        super().__init__(message)
        self.request = request


def accepting_units():  # type: ignore[no-untyped-def]
    """Units that accept applications (art. 27: governments and their departments), in tree order."""
    return Unit.objects.filter(is_active=True, kind__in=ACCEPTING_KINDS).order_by("path")


def max_file_bytes() -> int:
    return int(getattr(settings, "GONGKAI_DISCLOSURE_MAX_FILE_BYTES", MAX_FILE_BYTES))


def _client_key(ip: str | None) -> str:
    """A keyed hash of the client address: limits work without keeping raw addresses."""
    return hmac.new(settings.SECRET_KEY.encode(), (ip or "-").encode(), hashlib.sha256).hexdigest()


def _count(scope: str, key: str, since: dt.datetime) -> int:
    return PublicAttempt.objects.filter(scope=scope, key=key, at__gt=since).count()


def _hit(scope: str, key: str, now: dt.datetime) -> None:
    PublicAttempt.objects.create(scope=scope, key=key, at=now)
    # keep the table small: rows older than a day are of no use to any limit
    PublicAttempt.objects.filter(scope=scope, key=key, at__lt=now - dt.timedelta(days=1)).delete()


def check_filing_limit(ip: str | None, *, clock: Clock | None = None) -> None:
    clock = clock or get_clock()
    if _count("file", _client_key(ip), clock.now() - dt.timedelta(hours=1)) >= FILINGS_PER_HOUR:
        raise RateLimited(
            f"提交过于频繁：同一网络地址每小时最多提交{FILINGS_PER_HOUR}件申请，请稍后再试。"
            "如确有大量申请，请与受理机关联系。"
        )


@dataclass(frozen=True)
class CheckedFile:
    name: str
    extension: str
    data: bytes


def check_uploads(uploads: Sequence[UploadedFile], *, field: str = "attachments") -> list[CheckedFile]:
    """Every file checked like a document attachment: by content, size-limited; all or nothing."""
    files = [u for u in uploads if u is not None]
    if len(files) > MAX_FILES:
        raise InvalidInput(f"最多上传{MAX_FILES}个附件。", field=field)
    limit = max_file_bytes()
    mb = max(limit // (1024 * 1024), 1)
    out: list[CheckedFile] = []
    total = 0
    for upload in files:
        name = safe_name(upload.name or "")
        if not name or "." not in name:
            raise InvalidInput("附件须有文件名和扩展名。", field=field)
        ext = name.rsplit(".", 1)[1].lower()
        if ext not in PUBLIC_TYPES:
            allowed = "、".join(sorted(PUBLIC_TYPES))
            raise InvalidInput(f"不支持 .{ext} 格式的附件，仅允许：{allowed}。", field=field)
        if upload.size is not None and upload.size > limit:
            raise InvalidInput(f"附件“{name}”超过大小上限（{mb} MB）。", field=field)
        data = upload.read(limit + 1)
        if len(data) > limit:
            raise InvalidInput(f"附件“{name}”超过大小上限（{mb} MB）。", field=field)
        if not data:
            raise InvalidInput(f"附件“{name}”是空文件。", field=field)
        if not content_matches(ext, data):
            raise InvalidInput(f"附件“{name}”的内容与扩展名 .{ext} 不符，已拒绝。", field=field)
        total += len(data)
        if total > MAX_TOTAL_BYTES:
            raise InvalidInput(f"附件合计不能超过{MAX_TOTAL_BYTES // (1024 * 1024)} MB。", field=field)
        out.append(CheckedFile(name, ext, data))
    return out


def _store(case: DisclosureRequest, files: Sequence[CheckedFile], purpose: str, now: dt.datetime) -> None:
    for f in files:
        digest = hashlib.sha256(f.data).hexdigest()
        att = RequestAttachment(
            request=case,
            purpose=purpose,
            original_name=f.name,
            extension=f.extension,
            content_type=ALLOWED_TYPES[f.extension],
            size_bytes=len(f.data),
            sha256=digest,
            uploaded_at=now,
        )
        att.file.save(f.name, ContentFile(f.data), save=False)
        att.save()


def token_hash(token: str) -> str:
    return hashlib.sha256(f"yisqgk-form:{token}".encode()).hexdigest()


@transaction.atomic
def request_file_online(
    *,
    actor: Actor,
    data: RequestInput,
    addressee_unit: Unit,
    uploads: Sequence[UploadedFile] = (),
    form_token: str = "",
    clock: Clock | None = None,
) -> CreatedRequest:
    """An online application by the public (state ``received``: art. 31, receipt is the day both
    sides confirm, i.e. when the office registers it). The same ``form_token`` files only once."""
    clock = clock or get_clock()
    if form_token:
        existing = (
            SubmissionToken.objects.filter(token_hash=token_hash(form_token))
            .select_related("request")
            .first()
        )
        if existing is not None and existing.request is not None:
            raise DuplicateSubmission(
                f"该申请已经提交过（查询编号 {existing.request.tracking_code}），请勿重复提交。",
                request=existing.request,
            )
    check_filing_limit(actor.ip, clock=clock)
    if addressee_unit.kind not in ACCEPTING_KINDS:
        raise InvalidInput("请选择受理机关。", field="addressee_unit")
    files = check_uploads(uploads)
    created = request_create(
        actor=actor, data=data, addressee_unit=addressee_unit, channel=Channel.ONLINE, clock=clock
    )
    now = clock.now()
    if form_token:
        try:
            with transaction.atomic():
                SubmissionToken.objects.create(
                    token_hash=token_hash(form_token), request=created.request, used_at=now
                )
        except IntegrityError:
            # A twin post got there first (it holds the unique row): this one files nothing.
            twin = SubmissionToken.objects.get(token_hash=token_hash(form_token))
            raise DuplicateSubmission("该申请已经提交过，请勿重复提交。", request=twin.request) from None  # type: ignore[arg-type]
    _store(created.request, files, AttachmentPurpose.APPLICATION, now)
    _hit("file", _client_key(actor.ip), now)
    if files:
        record(
            actor=actor,
            action="attachments",
            case=created.request,
            clock=clock,
            changes={"attachments": [f.name for f in files]},
        )
    return created


def request_lookup(
    *, tracking_code: str, secret: str, ip: str | None, clock: Clock | None = None
) -> DisclosureRequest:
    """The case whose code and query password match, or ``InvalidInput(WRONG_PAIR)`` — the same answer
    for an unknown code and a wrong password, after the same amount of work. Failures are limited."""
    clock = clock or get_clock()
    now = clock.now()
    code = (tracking_code or "").strip().upper()[:20]
    since = now - LOOKUP_WINDOW
    ip_key = _client_key(ip)
    code_key = hashlib.sha256(code.encode()).hexdigest()
    if _count("lookup", ip_key, since) >= LOOKUP_FAILURES_PER_WINDOW or (
        _count("lookup_code", code_key, since) >= LOOKUP_FAILURES_PER_CODE
    ):
        raise RateLimited("查询失败次数过多，请15分钟后再试。")
    case = DisclosureRequest.objects.select_related("addressee_unit").filter(tracking_code=code).first()
    expected = case.secret_hash if case is not None else "0" * 64
    ok = hmac.compare_digest(expected, secret_hash((secret or "").strip()))
    if case is None or not ok:
        with transaction.atomic():
            _hit("lookup", ip_key, now)
            _hit("lookup_code", code_key, now)
        raise InvalidInput(WRONG_PAIR)
    return case


def session_matches(case: DisclosureRequest, stored_hash: str) -> bool:
    return hmac.compare_digest(case.secret_hash, stored_hash or "")


@transaction.atomic
def request_correct_online(
    *,
    actor: Actor,
    case: DisclosureRequest,
    corrected_text: str,
    late_reason: str = "",
    uploads: Sequence[UploadedFile] = (),
    clock: Clock | None = None,
) -> DisclosureRequest:
    """The applicant's correction through the tracking page: received today (the clock restarts)."""
    clock = clock or get_clock()
    files = check_uploads(uploads)
    case = request_correction_receive(
        actor=actor,
        case=case,
        date_corrected=clock.today(),
        corrected_text=corrected_text,
        late_reason=late_reason,
        clock=clock,
    )
    _store(case, files, AttachmentPurpose.CORRECTION, clock.now())
    return case
