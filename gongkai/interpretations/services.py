"""Writes on interpretations and Q&A pairs: each one transaction, permission-checked and audited."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlparse

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from gongkai.accounts import permissions
from gongkai.core.audit import audit_record
from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import IllegalTransition, InvalidInput, NotPermitted
from gongkai.documents.models import Document

# The attachment checks already decide "is this really a JPEG/PNG/GIF" by content; reuse them.
from gongkai.documents.services.attachments import content_matches, safe_name
from gongkai.interpretations.models import Interpretation, InterpretationStatus, Kind, PolicyQA
from gongkai.units.models import Unit

IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "gif"}
MAX_TITLE_CHARS = 300
MAX_QUESTION_CHARS = 300


@dataclass(frozen=True)
class InterpretationInput:
    """What a clerk enters for an interpretation (the image comes separately as an upload)."""

    title: str
    kind: str = Kind.TEXT
    body: str = ""
    video_url: str = ""
    interpreter_name: str = ""
    interpreter_role: str = ""


def _require_write(actor: Actor, unit: Unit) -> None:
    if actor.user is not None and not permissions.can_write(actor.user, unit):
        raise NotPermitted(f"您无权为“{unit.name}”撰写政策解读或问答。")


def _require_review(actor: Actor, unit: Unit) -> None:
    if actor.user is not None and not permissions.can_review(actor.user, unit):
        raise NotPermitted(f"只有“{unit.name}”的单位管理员或公开办可以发布或撤回政策解读。")


def _validate(data: InterpretationInput, *, has_image: bool) -> InterpretationInput:
    errors: dict[str, list[str]] = {}
    title = data.title.strip()
    if not title:
        errors["title"] = ["请填写标题。"]
    elif len(title) > MAX_TITLE_CHARS:
        errors["title"] = [f"标题不能超过{MAX_TITLE_CHARS}字。"]
    if data.kind not in Kind.values:
        errors["kind"] = ["解读形式不正确。"]
    video_url = data.video_url.strip()
    if video_url:
        parsed = urlparse(video_url)
        # Only web links: javascript:, data: or file: addresses must never reach a public page.
        if parsed.scheme not in {"http", "https"} or not parsed.netloc:
            errors["video_url"] = ["视频地址须以 http:// 或 https:// 开头。"]
    if data.kind == Kind.TEXT and not data.body.strip():
        errors["body"] = ["文字解读须填写解读正文。"]
    if data.kind == Kind.IMAGE and not has_image:
        errors["image"] = ["图片解读须上传解读图片。"]
    if data.kind == Kind.VIDEO and not video_url:
        errors.setdefault("video_url", ["视频解读须填写视频地址。"])
    if errors:
        first = next(iter(errors.values()))[0]
        raise InvalidInput(first, errors=errors)
    return InterpretationInput(
        title=title,
        kind=data.kind,
        body=data.body.strip(),
        video_url=video_url,
        interpreter_name=data.interpreter_name.strip()[:50],
        interpreter_role=data.interpreter_role.strip()[:100],
    )


def _read_image(upload: UploadedFile) -> tuple[str, bytes]:
    name = safe_name(upload.name or "")
    ext = name.rsplit(".", 1)[1].lower() if "." in name else ""
    if ext not in IMAGE_EXTENSIONS:
        raise InvalidInput("解读图片仅支持 jpg、png、gif 格式。", field="image")
    limit = settings.GONGKAI_MAX_ATTACHMENT_BYTES
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise InvalidInput(f"解读图片超过大小上限（{limit // (1024 * 1024)} MB）。", field="image")
    if not data or not content_matches(ext, data):
        raise InvalidInput(f"图片“{name}”的内容与扩展名 .{ext} 不符，已拒绝。", field="image")
    return ("jpg" if ext == "jpeg" else ext), data


def _check_documents(actor: Actor, documents: Sequence[Document]) -> list[Document]:
    """Policies may be linked when public, or when the actor may see them in the workbench (a policy
    and its interpretation are often drafted together, before either is published)."""
    checked = []
    for doc in documents:
        if doc.is_public or actor.user is None or permissions.can_read_workbench(actor.user, doc.unit):
            checked.append(doc)
        else:
            raise InvalidInput(f"未找到编号为 {doc.pk} 的政策文件。", field="documents")
    return checked


@transaction.atomic
def interpretation_create(
    *,
    actor: Actor,
    unit: Unit,
    data: InterpretationInput,
    documents: Sequence[Document] = (),
    image: UploadedFile | None = None,
    clock: Clock | None = None,
) -> Interpretation:
    """A draft interpretation by ``unit``, linked to the policies it explains."""
    clock = clock or get_clock()
    _require_write(actor, unit)
    clean = _validate(data, has_image=image is not None)
    docs = _check_documents(actor, documents)
    now = clock.now()
    item = Interpretation(
        unit=unit,
        title=clean.title,
        kind=clean.kind,
        body=clean.body,
        video_url=clean.video_url,
        interpreter_name=clean.interpreter_name,
        interpreter_role=clean.interpreter_role,
        created_by=actor.user,
        created_at=now,
        updated_at=now,
    )
    if image is not None:
        ext, content = _read_image(image)
        item.image_extension = ext
        item.image_sha256 = hashlib.sha256(content).hexdigest()
        item.image.save(f"image.{ext}", ContentFile(content), save=False)
    item.save()
    item.documents.set(docs)
    audit_record(
        actor=actor,
        action="interpretation.create",
        obj=item,
        changes={"title": [None, item.title], "documents": [None, [d.pk for d in docs]]},
        clock=clock,
    )
    return item


@transaction.atomic
def interpretation_link_documents(
    *, actor: Actor, interpretation: Interpretation, documents: Sequence[Document], clock: Clock | None = None
) -> Interpretation:
    """Replace the set of policies an interpretation explains."""
    item = Interpretation.objects.select_for_update().select_related("unit").get(pk=interpretation.pk)
    _require_write(actor, item.unit)
    docs = _check_documents(actor, documents)
    before = sorted(item.documents.values_list("pk", flat=True))
    if item.status == InterpretationStatus.PUBLISHED and not any(d.is_public for d in docs):
        raise InvalidInput("已发布的政策解读须至少关联一件已公开的政策文件。", field="documents")
    item.documents.set(docs)
    item.updated_at = (clock or get_clock()).now()
    item.save(update_fields=["updated_at"])
    audit_record(
        actor=actor,
        action="interpretation.link",
        obj=item,
        changes={"documents": [before, sorted(d.pk for d in docs)]},
        clock=clock,
    )
    return item


@transaction.atomic
def interpretation_publish(
    *, actor: Actor, interpretation: Interpretation, clock: Clock | None = None
) -> Interpretation:
    """Draft or withdrawn → published; refused unless at least one linked policy is public."""
    clock = clock or get_clock()
    item = Interpretation.objects.select_for_update().select_related("unit").get(pk=interpretation.pk)
    _require_review(actor, item.unit)
    if item.status == InterpretationStatus.PUBLISHED:
        raise IllegalTransition("该政策解读已经发布。")
    if not any(d.is_public for d in item.documents.all()):
        # An interpretation of nothing the public can read would point readers at a dead end.
        raise InvalidInput("发布前须至少关联一件已公开的政策文件。", field="documents")
    before = item.status
    item.status = InterpretationStatus.PUBLISHED
    item.published_at = clock.now()
    item.updated_at = clock.now()
    item.save()
    audit_record(
        actor=actor,
        action="interpretation.publish",
        obj=item,
        changes={"status": [before, item.status]},
        clock=clock,
    )
    return item


@transaction.atomic
def interpretation_withdraw(
    *, actor: Actor, interpretation: Interpretation, reason: str, clock: Clock | None = None
) -> Interpretation:
    """Published → withdrawn (hidden from the portal, the API and feeds), with a reason."""
    clock = clock or get_clock()
    item = Interpretation.objects.select_for_update().select_related("unit").get(pk=interpretation.pk)
    _require_review(actor, item.unit)
    if item.status != InterpretationStatus.PUBLISHED:
        raise IllegalTransition("只有已发布的政策解读可以撤回。")
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("请填写撤回理由。", field="reason")
    item.status = InterpretationStatus.WITHDRAWN
    item.updated_at = clock.now()
    item.save()
    audit_record(
        actor=actor,
        action="interpretation.withdraw",
        obj=item,
        changes={"status": [InterpretationStatus.PUBLISHED, item.status]},
        note=reason[:1000],
        clock=clock,
    )
    return item


@transaction.atomic
def policyqa_create(
    *,
    actor: Actor,
    document: Document,
    question: str,
    answer: str,
    clause_ref: str = "",
    sort_order: int | None = None,
    clock: Clock | None = None,
) -> PolicyQA:
    """A Q&A pair on a policy, written by staff of the policy's unit; shown once the policy is public."""
    clock = clock or get_clock()
    document = Document.objects.select_related("unit").get(pk=document.pk)
    _require_write(actor, document.unit)
    question, answer, clause_ref = question.strip(), answer.strip(), clause_ref.strip()
    errors: dict[str, list[str]] = {}
    if not question:
        errors["question"] = ["请填写问题。"]
    elif len(question) > MAX_QUESTION_CHARS:
        errors["question"] = [f"问题不能超过{MAX_QUESTION_CHARS}字。"]
    if not answer:
        errors["answer"] = ["请填写回答。"]
    if len(clause_ref) > 100:
        errors["clause_ref"] = ["条款不能超过100字。"]
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], errors=errors)
    if sort_order is None:
        last = PolicyQA.objects.filter(document=document).order_by("-sort_order").first()
        sort_order = (last.sort_order + 1) if last else 1
    qa = PolicyQA.objects.create(
        document=document,
        question=question,
        answer=answer,
        clause_ref=clause_ref,
        sort_order=sort_order,
        written_by=actor.user,
        created_at=clock.now(),
    )
    audit_record(
        actor=actor,
        action="policyqa.create",
        obj=qa,
        unit=document.unit,
        changes={"question": [None, question]},
        clock=clock,
    )
    return qa


@transaction.atomic
def policyqa_delete(*, actor: Actor, qa: PolicyQA, clock: Clock | None = None) -> None:
    """Remove a Q&A pair."""
    qa = PolicyQA.objects.select_related("document__unit").get(pk=qa.pk)
    _require_write(actor, qa.document.unit)
    audit_record(
        actor=actor,
        action="policyqa.delete",
        obj=qa,
        unit=qa.document.unit,
        changes={"question": [qa.question, None]},
        clock=clock,
    )
    qa.delete()
