"""Attachments: PDF, Word, Excel and images, checked by their content, not by their name."""

from __future__ import annotations

import hashlib
import zipfile
from io import BytesIO
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from gongkai.core.audit import audit_record
from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import IllegalTransition, InvalidInput
from gongkai.documents.choices import Status
from gongkai.documents.models import Attachment, Document
from gongkai.documents.services.common import require_review, require_write

# extension → (MIME type, what the content must look like)
ALLOWED_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ofd": "application/ofd",
    "wps": "application/vnd.ms-works",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc / .xls / .wps compound file
_OOXML_MARKER = {"docx": "word/", "xlsx": "xl/"}
MAX_NAME_CHARS = 150


def content_matches(ext: str, data: bytes) -> bool:
    """True when the bytes really are a file of type ``ext`` (magic bytes or OOXML/OFD structure)."""
    if ext in {"doc", "xls", "wps"}:
        return data.startswith(_OLE_MAGIC)
    if ext in _OOXML_MARKER or ext == "ofd":
        try:
            names = zipfile.ZipFile(BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return False
        if ext == "ofd":
            return "OFD.xml" in names
        return any(n.startswith(_OOXML_MARKER[ext]) for n in names) and "[Content_Types].xml" in names
    kind = filetype.guess(data[:8192])
    if kind is None:
        return False
    expected = {"jpeg": "jpg"}.get(ext, ext)
    return bool(kind.extension == expected)


def safe_name(name: str) -> str:
    """The final component of an uploaded file name, without control or reserved characters."""
    # Keep only the final path component; the stored path never comes from the name.
    base = PurePath(name.replace("\\", "/")).name.strip().lstrip(".")
    base = "".join(ch for ch in base if ch >= " " and ch not in '<>:"|?*')
    return base[-MAX_NAME_CHARS:]


@transaction.atomic
def attachment_add(
    *, actor: Actor, document: Document, upload: UploadedFile, clock: Clock | None = None
) -> Attachment:
    """Attach a file to a draft after checking its size and that its content matches its extension."""
    clock = clock or get_clock()
    document = Document.objects.select_for_update().get(pk=document.pk)
    require_write(actor, document.unit)
    if document.status != Status.DRAFT:
        raise IllegalTransition("只有草稿可以添加附件。")
    name = safe_name(upload.name or "")
    if not name or "." not in name:
        raise InvalidInput("附件须有文件名和扩展名。", field="file")
    ext = name.rsplit(".", 1)[1].lower()
    if ext not in ALLOWED_TYPES:
        raise InvalidInput(
            f"不支持 .{ext} 格式的附件，仅允许：{'、'.join(sorted(ALLOWED_TYPES))}。", field="file"
        )
    limit = settings.GONGKAI_MAX_ATTACHMENT_BYTES
    if upload.size is not None and upload.size > limit:
        raise InvalidInput(f"附件“{name}”超过大小上限（{limit // (1024 * 1024)} MB）。", field="file")
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise InvalidInput(f"附件“{name}”超过大小上限（{limit // (1024 * 1024)} MB）。", field="file")
    if not data:
        raise InvalidInput(f"附件“{name}”是空文件。", field="file")
    if not content_matches(ext, data):
        raise InvalidInput(f"附件“{name}”的内容与扩展名 .{ext} 不符，已拒绝。", field="file")
    digest = hashlib.sha256(data).hexdigest()
    attachment = Attachment(
        document=document,
        original_name=name,
        extension=ext,
        content_type=ALLOWED_TYPES[ext],
        size_bytes=len(data),
        sha256=digest,
        uploaded_by=actor.user,
        uploaded_at=clock.now(),
    )
    attachment.file.save(name, ContentFile(data), save=False)
    attachment.save()
    audit_record(
        actor=actor,
        action="attachment.add",
        obj=document,
        changes={"attachment": [None, name]},
        note=f"sha256={digest}",
        clock=clock,
    )
    return attachment


@transaction.atomic
def attachment_remove(*, actor: Actor, attachment: Attachment, clock: Clock | None = None) -> None:
    """Remove an attachment from a draft (the file stays on disk: it may be shared by content hash)."""
    document = Document.objects.select_for_update().get(pk=attachment.document_id)
    if document.status == Status.DRAFT:
        require_write(actor, document.unit)
    else:
        require_review(actor, document.unit)
        raise IllegalTransition("已提交或发布的文件不能删除附件，请先撤回。")
    audit_record(
        actor=actor,
        action="attachment.remove",
        obj=document,
        changes={"attachment": [attachment.original_name, None]},
        clock=clock,
    )
    attachment.delete()
