"""Check-digit algorithms for Chinese identifiers (see shared/reference/disclosure-rules.md §4)."""

from __future__ import annotations

import datetime as dt

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"

# First two digits of GB/T 2260 administrative division codes (incl. 71 台湾, 81/82/83 居住证).
PROVINCE_CODES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46}
    | {50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83}
)

# Plausible birth years. The engine never reads the wall clock; the upper bound is generous.
MIN_BIRTH_YEAR = 1900
MAX_BIRTH_YEAR = 2035

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
USCC_FIRST = frozenset("123456789ANY")
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def id_check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for the first 17 digits of an ID number."""
    total = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def plausible_date(year: int, month: int, day: int) -> bool:
    if not MIN_BIRTH_YEAR <= year <= MAX_BIRTH_YEAR:
        return False
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def is_valid_id18(value: str) -> bool:
    """18-character ID: province code, real birth date, correct check character."""
    if len(value) != 18 or not value[:17].isdigit() or value[17] not in "0123456789Xx":
        return False
    if int(value[:2]) not in PROVINCE_CODES:
        return False
    if not plausible_date(int(value[6:10]), int(value[10:12]), int(value[12:14])):
        return False
    return id_check_char(value[:17]) == value[17].upper()


def id18_shape(value: str) -> bool:
    """Looks like an ID number (province + plausible date) whatever its check character."""
    if len(value) != 18 or not value[:17].isdigit():
        return False
    return int(value[:2]) in PROVINCE_CODES and plausible_date(
        int(value[6:10]), int(value[10:12]), int(value[12:14])
    )


def is_valid_id15(value: str) -> bool:
    """Legacy 15-digit ID: province code + YYMMDD (19YY) + 3 digits, no check digit."""
    if len(value) != 15 or not value.isdigit():
        return False
    if int(value[:2]) not in PROVINCE_CODES:
        return False
    return plausible_date(1900 + int(value[6:8]), int(value[8:10]), int(value[10:12]))


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def is_valid_uscc(value: str) -> bool:
    """统一社会信用代码 (GB 32100-2015) with its MOD 31 check character."""
    if len(value) != 18 or any(c not in USCC_CHARS for c in value):
        return False
    if value[0] not in USCC_FIRST or not value[2:8].isdigit():
        return False
    return uscc_check_char(value[:17]) == value[17]


def org_code_check_char(first8: str) -> str:
    """GB 11714 组织机构代码 check character."""
    total = 0
    for c, w in zip(first8, ORG_CODE_WEIGHTS, strict=True):
        total += (int(c) if c.isdigit() else ord(c) - ord("A") + 10) * w
    c9 = 11 - total % 11
    return "X" if c9 == 10 else "0" if c9 == 11 else str(c9)


def luhn_valid(digits: str) -> bool:
    if not digits.isdigit() or len(digits) < 2:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_check_digit(partial: str) -> str:
    """The digit to append to ``partial`` so that the result passes Luhn."""
    for d in "0123456789":
        if luhn_valid(partial + d):
            return d
    raise AssertionError("unreachable")
