"""Every statutory and house number of 依申请公开, in one place (see disclosure-rules.md §1.4).

Periods are in working days counted by ``calendars.workdays.WorkdayCalendar`` (the start day itself
is not counted); money is in 分 (``*_fen``).
"""

from __future__ import annotations

# 《政府信息公开条例》 art. 33 ¶2: reply within 20 working days of receipt.
REPLY_WORKING_DAYS = 20
# art. 33 ¶2: an extension, approved by the head of the disclosure office, is at most 20 working days.
MAX_EXTENSION_WORKING_DAYS = 20
# art. 30: the correction notice (补正告知) goes out within 7 working days of receipt, once and in full.
CORRECTION_NOTICE_WORKING_DAYS = 7
# art. 30 leaves the applicant's correction period to the organ ("合理的补正期限"); many local rules
# use 15 working days (⚠ local practice, not national law). The handler may set another period.
DEFAULT_CORRECTION_PERIOD_WORKING_DAYS = 15
MAX_CORRECTION_PERIOD_WORKING_DAYS = 60
# arts 32 and 34: a third party / co-producing organ has 15 working days from receiving the letter.
CONSULTATION_WORKING_DAYS = 15
# 国办函〔2020〕109号 as implemented locally: pay within 20 working days counted from the day after
# the fee notice is received, otherwise the application is deemed abandoned.
FEE_PAYMENT_WORKING_DAYS = 20

# House rule: a case is "at risk" when this many working days or fewer are left.
AT_RISK_WORKING_DAYS = 3

# 国办函〔2020〕109号 按件计收: per applicant per calendar month, by the request's ordinal in the month.
FEE_PER_REQUEST_FREE_COUNT = 10  # the 1st–10th request of the month are free
FEE_PER_REQUEST_FIRST_TIER_LAST = 30  # the 11th–30th cost the first tier rate
FEE_PER_REQUEST_TIER_SIZE = 10  # from the 31st, every further 10 requests …
FEE_PER_REQUEST_STEP_FEN = 100_00  # … cost 100 元 more per request (100, 200, 300 … 元/件)

# 国办函〔2020〕109号 按量计收: per application, progressive by page: (first page, last page, 分/页).
FEE_PER_PAGE_TIERS: tuple[tuple[int, int | None, int], ...] = (
    (1, 30, 0),
    (31, 100, 10_00),
    (101, 200, 20_00),
    (201, None, 40_00),
)
MAX_FEE_PAGES = 1_000_000

# Tracking codes: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L).
TRACKING_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
TRACKING_CODE_LENGTH = 12

# Suggestions to the handler (art. 35 and 36(6)); never decided automatically.
REPEAT_WINDOW_NATURAL_DAYS = 180  # look this far back for an earlier near-identical application
REPEAT_SIMILARITY = 0.85  # 0..1 similarity of the normalised descriptions
BULK_WINDOW_NATURAL_DAYS = 30  # "many requests from one applicant" …
BULK_MIN_REQUESTS = 10  # … means at least this many within the window

MAX_TEXT_CHARS = 5000
MAX_REASON_CHARS = 1000
