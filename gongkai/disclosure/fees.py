"""信息处理费 by 国办函〔2020〕109号 (disclosure-rules.md §1.4): pure functions, amounts in 分."""

from __future__ import annotations

from gongkai.disclosure.constants import (
    FEE_PER_PAGE_TIERS,
    FEE_PER_REQUEST_FIRST_TIER_LAST,
    FEE_PER_REQUEST_FREE_COUNT,
    FEE_PER_REQUEST_STEP_FEN,
    FEE_PER_REQUEST_TIER_SIZE,
)


def fee_per_request_fen(ordinal_in_month: int) -> int:
    """按件计收: the fee for the applicant's ``ordinal_in_month``-th request of the calendar month.

    1st–10th free; 11th–30th 100 元; then each further tier of 10 adds 100 元 (31st–40th 200 元, …).
    """
    if ordinal_in_month < 1:
        raise ValueError("ordinal_in_month starts at 1")
    if ordinal_in_month <= FEE_PER_REQUEST_FREE_COUNT:
        return 0
    if ordinal_in_month <= FEE_PER_REQUEST_FIRST_TIER_LAST:
        return FEE_PER_REQUEST_STEP_FEN
    tier = (ordinal_in_month - FEE_PER_REQUEST_FIRST_TIER_LAST - 1) // FEE_PER_REQUEST_TIER_SIZE
    return FEE_PER_REQUEST_STEP_FEN * (2 + tier)


def fee_per_page_fen(pages: int) -> int:
    """按量计收 (progressive): pages 1–30 free, 31–100 10 元/页, 101–200 20 元/页, 201 on 40 元/页."""
    if pages < 0:
        raise ValueError("pages must not be negative")
    total = 0
    for first, last, rate_fen in FEE_PER_PAGE_TIERS:
        top = pages if last is None else min(pages, last)
        if top >= first:
            total += (top - first + 1) * rate_fen
    return total


def yuan(fen: int) -> str:
    """``170000`` → ``"1700.00"`` for display."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100}.{fen % 100:02d}"
