"""Every number of 一号答 in one place.

⚠ The time limits below are typical local 12345 hotline values (many cities' 12345 rules use
1 working day for urgent matters and 5–15 working days by type); they are *not* national law. They
seed the editable ``TimeLimitRule`` table (migration 0002); the services read the table, never these
constants, so a city changes its limits by editing rows. Urgent matters are often limited in hours
(e.g. 2 or 24 hours); this slice stores working days only and counts an urgent ticket as 1 working
day — an hour-based limit is future work.
"""

from __future__ import annotations

# (ticket type or "" for every type, urgency) → working days; the specific row wins over "".
DEFAULT_TIME_LIMITS: tuple[tuple[str, str, int], ...] = (
    ("", "urgent", 1),
    ("consultation", "normal", 5),
    ("help", "normal", 5),
    ("complaint", "normal", 10),
    ("report", "normal", 15),
    ("suggestion", "normal", 15),
    ("praise", "normal", 5),
    ("other", "normal", 10),
)
# Used only when the table has no matching row (never with the seeded table).
FALLBACK_TIME_LIMIT_WORKING_DAYS = 10

# House rule: a ticket is "at risk" when this many working days or fewer are left (1 for 1-day limits).
AT_RISK_WORKING_DAYS = 1

# A replied ticket may be reopened (重办) once.
MAX_REOPENS = 1

TRACKING_CODE_PREFIX = "YHD"
TRACKING_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
TRACKING_CODE_LENGTH = 10

MAX_SUBJECT_CHARS = 200
MAX_TEXT_CHARS = 5000
MAX_REASON_CHARS = 1000

# Routing suggestions: how many past tickets to compare with and how similar (bigram Jaccard) they must be.
ROUTING_HISTORY_LIMIT = 500
ROUTING_SIMILARITY = 0.25
ROUTING_MAX_SUGGESTIONS = 5

# 督办 (supervision of overdue tickets): a ticket still unreplied this many working days after its
# last 督办 is supervised again (level 2, repeated every this many working days). House rule.
SUPERVISION_REPEAT_WORKING_DAYS = 3
MAX_ACK_NOTE_CHARS = 1000

# Statistics: how many hot words to show, the most recent subjects read for them, extra stop-words.
STATS_HOT_WORDS = 20
STATS_HOT_SUBJECT_LIMIT = 5000
_STATS_STOPWORDS_TEXT = (
    "问题 反映 投诉 咨询 举报 建议 求助 表扬 关于 请求 希望 要求 处理 解决 情况 一下 没有 什么 怎么 如何 "
    "是否 可以 能否 不能 我们 我 你们 他们 这里 那里 一个 相关 进行 尽快 严重 市民 群众 附近"
)
STATS_EXTRA_STOPWORDS: frozenset[str] = frozenset(_STATS_STOPWORDS_TEXT.split(" "))
