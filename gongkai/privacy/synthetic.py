"""Generators of valid identifiers (by the published algorithms) and near misses, for tests and the
``privacy_eval --synthetic`` check. Contexts are neutral filler written here, not evaluation data."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from . import checksums as cs
from .types import BANK_CARD, ID_CARD, MOBILE, USCC

_AREAS = ("110105", "310104", "320508", "330106", "440305", "510107", "610113", "420111", "370202", "500103")
_MOBILE_PREFIXES = ("134", "135", "138", "139", "150", "158", "166", "177", "181", "186", "189", "191", "199")
FILLER = (
    "根据有关规定，现将办理情况告知如下：",
    "经审查，该事项符合受理条件，",
    "本机关已于规定期限内作出答复，",
    "相关材料已存档备查。",
    "如对本决定不服，可依法申请行政复议。",
    "特此说明。",
)


def _date(rng: random.Random) -> dt.date:
    return dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 70))


def id18(rng: random.Random) -> str:
    body = rng.choice(_AREAS) + _date(rng).strftime("%Y%m%d") + f"{rng.randrange(1000):03d}"
    return body + cs.id_check_char(body)


def id18_bad_check(rng: random.Random) -> str:
    good = id18(rng)
    wrong = [c for c in "0123456789X" if c != good[-1]]
    return good[:-1] + rng.choice(wrong)


def id18_bad_date(rng: random.Random) -> str:
    body = (
        rng.choice(_AREAS)
        + rng.choice(("19900230", "19851301", "20010431", "18500101"))
        + f"{rng.randrange(1000):03d}"
    )
    return body + cs.id_check_char(body)


def mobile(rng: random.Random) -> str:
    return rng.choice(_MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def mobile_near_miss(rng: random.Random) -> str:
    kind = rng.randrange(3)
    if kind == 0:
        return rng.choice(("120", "110", "100", "121")) + f"{rng.randrange(10**8):08d}"  # no such segment
    if kind == 1:
        return mobile(rng)[:-1]  # 10 digits
    return mobile(rng) + str(rng.randrange(10))  # 12 digits


def uscc(rng: random.Random) -> str:
    first = rng.choice("159") + rng.choice("123")
    area = rng.choice(_AREAS)
    org = "".join(rng.choice(cs.USCC_CHARS) for _ in range(8))
    org_check = cs.org_code_check_char(org) if all(c.isdigit() or c.isupper() for c in org) else "0"
    if org_check not in cs.USCC_CHARS:
        org_check = "0"
    body = first + area + org + org_check
    return body + cs.uscc_check_char(body)


def uscc_bad_check(rng: random.Random) -> str:
    good = uscc(rng)
    return good[:-1] + rng.choice([c for c in cs.USCC_CHARS if c != good[-1]])


def bank_card(rng: random.Random) -> str:
    prefix = rng.choice(("622202", "621700", "622848", "623668", "436742", "524094"))
    length = rng.choice((16, 19)) if prefix.startswith("62") else 16
    body = prefix + "".join(str(rng.randrange(10)) for _ in range(length - len(prefix) - 1))
    return body + cs.luhn_check_digit(body)


def bank_card_bad_luhn(rng: random.Random) -> str:
    good = bank_card(rng)
    return good[:-1] + str((int(good[-1]) + rng.randrange(1, 10)) % 10)


GENERATORS: dict[str, tuple[Callable[[random.Random], str], Callable[[random.Random], str]]] = {
    ID_CARD: (id18, lambda r: id18_bad_check(r) if r.random() < 0.5 else id18_bad_date(r)),
    MOBILE: (mobile, mobile_near_miss),
    USCC: (uscc, uscc_bad_check),
    BANK_CARD: (bank_card, bank_card_bad_luhn),
}


def in_context(rng: random.Random, value: str) -> tuple[str, int]:
    """``value`` embedded in neutral Chinese filler; returns the text and the value's offset."""
    before = rng.choice(FILLER) + rng.choice(("号码为", "编号", "：", "（", " "))
    after = rng.choice(("）", "。", "，", " ")) + rng.choice(FILLER)
    return before + value + after, len(before)


def synthetic_check(n: int, seed: int = 20260615) -> dict[str, dict[str, float | int]]:
    """Recall on ``n`` valid values per kind and false-positive rate on ``n`` near misses."""
    from .scanner import ScanOptions, scan_many

    rng = random.Random(seed)
    options = ScanOptions(ner="off")
    out: dict[str, dict[str, float | int]] = {}
    for label, (good, bad) in GENERATORS.items():
        cases = [in_context(rng, good(rng)) for _ in range(n)]
        misses = [in_context(rng, bad(rng)) for _ in range(n)]
        found = scan_many([t for t, _ in cases], options)
        hit = sum(
            any(f.label == label and f.start <= off < f.end for f in fs)
            for (t, off), fs in zip(cases, found, strict=True)
        )
        found_bad = scan_many([t for t, _ in misses], options)
        fp = sum(any(f.label == label for f in fs) for fs in found_bad)
        out[label] = {"recall": round(hit / n, 4), "near_miss_flagged": round(fp / n, 4), "n": n}
    return out
