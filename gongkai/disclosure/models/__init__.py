"""依申请公开 models: the case, its clock rows, appeals, in-app notifications, letters and the public
side's attachments, form tokens and attempt counts."""

from gongkai.disclosure.models.appeal import Appeal
from gongkai.disclosure.models.clock import ClockEvent
from gongkai.disclosure.models.letter import Letter, LetterKind, LetterState, LetterVersion
from gongkai.disclosure.models.notification import Notification
from gongkai.disclosure.models.public import (
    AttachmentPurpose,
    PublicAttempt,
    RequestAttachment,
    SubmissionToken,
)
from gongkai.disclosure.models.request import DisclosureRequest

__all__ = [
    "Appeal",
    "AttachmentPurpose",
    "ClockEvent",
    "DisclosureRequest",
    "Letter",
    "LetterKind",
    "LetterState",
    "LetterVersion",
    "Notification",
    "PublicAttempt",
    "RequestAttachment",
    "SubmissionToken",
]
