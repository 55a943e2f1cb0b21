"""Attachments are checked by content and size; names never become paths."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from gongkai.core.context import Actor
from gongkai.core.errors import InvalidInput
from gongkai.documents.models import Attachment
from gongkai.documents.services import attachment_add
from tests.documents.factories import make_draft

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x00" * 40


def _docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


@pytest.mark.parametrize(("name", "data"), [("通知.pdf", PDF), ("附件1.docx", _docx()), ("图.png", PNG)])
def test_matching_content_is_accepted(clock, staff, name, data) -> None:
    doc = make_draft(staff["handler"])
    att = attachment_add(actor=Actor(staff["handler"]), document=doc, upload=SimpleUploadedFile(name, data))
    assert att.original_name == name
    assert att.file.read() == data


def test_content_not_matching_extension_is_refused(clock, staff) -> None:
    doc = make_draft(staff["handler"])
    with pytest.raises(InvalidInput, match=r"内容与扩展名 \.pdf 不符"):
        attachment_add(
            actor=Actor(staff["handler"]),
            document=doc,
            upload=SimpleUploadedFile("伪装.pdf", b"MZ\x90\x00 this is an exe"),
        )
    assert not Attachment.objects.exists()


def test_zip_renamed_to_docx_is_refused(clock, staff) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("evil.sh", "rm -rf /")
    doc = make_draft(staff["handler"])
    with pytest.raises(InvalidInput):
        attachment_add(
            actor=Actor(staff["handler"]), document=doc, upload=SimpleUploadedFile("a.docx", buf.getvalue())
        )


@override_settings(GONGKAI_MAX_ATTACHMENT_BYTES=1024)
def test_oversized_file_is_refused(clock, staff) -> None:
    doc = make_draft(staff["handler"])
    with pytest.raises(InvalidInput, match="超过大小上限"):
        attachment_add(
            actor=Actor(staff["handler"]),
            document=doc,
            upload=SimpleUploadedFile("big.pdf", PDF + b"0" * 2048),
        )
    assert not Attachment.objects.exists()


def test_unknown_extension_is_refused(clock, staff) -> None:
    doc = make_draft(staff["handler"])
    with pytest.raises(InvalidInput, match=r"不支持 \.exe"):
        attachment_add(actor=Actor(staff["handler"]), document=doc, upload=SimpleUploadedFile("a.exe", b"MZ"))


def test_path_in_name_is_dropped(clock, staff) -> None:
    doc = make_draft(staff["handler"])
    att = attachment_add(
        actor=Actor(staff["handler"]), document=doc, upload=SimpleUploadedFile("../../etc/passwd.pdf", PDF)
    )
    assert att.original_name == "passwd.pdf"
    assert ".." not in att.file.name
