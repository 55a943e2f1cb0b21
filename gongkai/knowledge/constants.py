"""Limits of the knowledge base, in one place."""

from __future__ import annotations

MAX_QUESTION_CHARS = 200
MAX_PHRASING_CHARS = 200
MAX_PHRASINGS = 20
MAX_ANSWER_CHARS = 20_000  # of the sanitised HTML
MAX_TAG_CHARS = 20
MAX_TAGS = 10
MAX_TAGS_FIELD_CHARS = 300  # ",社保,医保," stored form
MAX_SERVICE_NAME_CHARS = 200
MAX_URL_CHARS = 500
MAX_NOTE_CHARS = 500
MAX_REASON_CHARS = 500
# An entry is due for review this many days after publication when the author gives no date.
DEFAULT_REVIEW_DAYS = 365
