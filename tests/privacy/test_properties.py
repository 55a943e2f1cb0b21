"""Property tests: generated valid identifiers are found in random Chinese context; near misses are not."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.privacy import ScanOptions, scan_text
from gongkai.privacy import synthetic as syn
from gongkai.privacy.types import BANK_CARD, ID_CARD, MOBILE, USCC

OPTS = ScanOptions(ner="off")
# Chinese context without digits/latin letters (which would legitimately extend the number).
context = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), max_size=20)
seeds = st.integers(min_value=0, max_value=2**32)


def _found(label: str, before: str, value: str, after: str) -> bool:
    text = f"{before}，{value}。{after}"
    start = len(before) + 1
    return any(f.label == label and f.start <= start < f.end for f in scan_text(text, OPTS))


def _flagged(label: str, before: str, value: str, after: str) -> bool:
    return any(f.label == label for f in scan_text(f"{before}，{value}。{after}", OPTS))


@settings(max_examples=150, deadline=None)
@given(seeds, context, context)
def test_valid_ids_found(seed: int, before: str, after: str) -> None:
    assert _found(ID_CARD, before, syn.id18(random.Random(seed)), after)


@settings(max_examples=150, deadline=None)
@given(seeds, context, context)
def test_valid_mobiles_found(seed: int, before: str, after: str) -> None:
    assert _found(MOBILE, before, syn.mobile(random.Random(seed)), after)


@settings(max_examples=150, deadline=None)
@given(seeds, context, context)
def test_valid_uscc_found(seed: int, before: str, after: str) -> None:
    assert _found(USCC, before, syn.uscc(random.Random(seed)), after)


@settings(max_examples=150, deadline=None)
@given(seeds, context, context)
def test_valid_cards_found(seed: int, before: str, after: str) -> None:
    assert _found(BANK_CARD, before, syn.bank_card(random.Random(seed)), after)


@settings(max_examples=150, deadline=None)
@given(seeds, context, context)
def test_id_look_alikes_not_found(seed: int, before: str, after: str) -> None:
    rng = random.Random(seed)
    assert not _flagged(ID_CARD, before, syn.id18_bad_check(rng), after)
    assert not _flagged(ID_CARD, before, syn.id18_bad_date(rng), after)


@settings(max_examples=150, deadline=None)
@given(seeds, context, context)
def test_other_look_alikes_not_found(seed: int, before: str, after: str) -> None:
    rng = random.Random(seed)
    assert not _flagged(MOBILE, before, syn.mobile_near_miss(rng), after)
    assert not _flagged(USCC, before, syn.uscc_bad_check(rng), after)
    assert not _flagged(BANK_CARD, before, syn.bank_card_bad_luhn(rng), after)
