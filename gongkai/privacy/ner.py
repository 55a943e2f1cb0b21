"""Names, places, organisations and street addresses: LAC tokens + context rules."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .lexicon import (
    COMPOUND_SURNAMES,
    NAME_CONTEXT_WORDS,
    NAME_STOP_CHARS,
    NAME_TITLES,
    NOT_NAMES,
    OFFICE_TITLES,
    PLACE_BODY_WORDS,
    PLACE_NAMES,
    ROLE_WORDS,
    SINGLE_SURNAMES,
    SPEECH_VERBS,
)
from .types import ADDRESS, ORG, PERSON, PLACE, Finding

Token = tuple[str, str]

MAX_SENTENCE = 200
_SENT_END = re.compile(r"[。！？!?；;\n\r]+")
_SOFT_BREAK = re.compile(r"[，,、：:\s]")
_CJK = re.compile(r"[\u3400-\u9fff]")


def split_sentences(text: str) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, sentence)``; long runs are cut at a comma or, failing that, hard-cut."""
    start = 0
    for m in _SENT_END.finditer(text):
        yield from _cut(text, start, m.end())
        start = m.end()
    if start < len(text):
        yield from _cut(text, start, len(text))


def _cut(text: str, start: int, end: int) -> Iterator[tuple[int, str]]:
    while end - start > MAX_SENTENCE:
        window = text[start + MAX_SENTENCE // 2 : start + MAX_SENTENCE]
        cut = None
        for m in _SOFT_BREAK.finditer(window):
            cut = start + MAX_SENTENCE // 2 + m.end()
        if cut is None:
            cut = start + MAX_SENTENCE
        yield start, text[start:cut]
        start = cut
    if end > start:
        yield start, text[start:end]


# ------------------------------------------------------------------ gating
_SURNAME_CLASS = "".join(sorted(SINGLE_SURNAMES))
_TRIGGER = re.compile(
    "|".join(map(re.escape, sorted(NAME_CONTEXT_WORDS + NAME_TITLES, key=len, reverse=True)))
    + r"|[\d一二三四五六七八九十百零〇]+(?:号|弄|栋|幢|座|单元|楼|层|室|组)"
    + r"|[路街巷村镇乡]|小区|社区|花园|公寓|大厦"
    + rf"|[{_SURNAME_CLASS}][\u3400-\u9fff]"
)


def needs_ner(sentence: str) -> bool:
    """Cheap pre-filter: only sentences with a name/address trigger go through LAC."""
    return _TRIGGER.search(sentence) is not None


# ------------------------------------------------------------------ addresses
_ADDR_NUMBER = r"[0-9０-９一二三四五六七八九十百千零〇甲乙丙丁A-Za-z#\-－]{1,8}"
_ADDR_UNIT = r"(?:号楼|号院|号|弄|栋|幢|座|单元|楼|层|室|户|组|队)"
_ADDR_TAIL = re.compile(rf"(?:{_ADDR_NUMBER}{_ADDR_UNIT}|附{_ADDR_NUMBER}号)+")
_ADDR_TOKEN = re.compile(
    rf"^(?:{_ADDR_NUMBER}{_ADDR_UNIT})+$"
    r"|^[\u3400-\u9fff]{1,8}(?:路|街|大街|大道|巷|弄|胡同|小区|社区|花园|公寓|新村|家园|苑|大厦|村|组|镇|乡|街道)$"
)
_STREET_LEVEL = re.compile(
    rf"{_ADDR_NUMBER}{_ADDR_UNIT}|(?:小区|花园|公寓|新村|家园|苑|大厦)$"
    r"|[\u3400-\u9fff](?:路|街|大道|巷|弄|胡同|村|社区)[\u3400-\u9fff0-9]"
)
_ADMIN_SUFFIX = re.compile(r"(?:省|市|区|县|旗|州|盟|镇|乡|街道)$")


def _address_chains(offset: int, tokens: list[tuple[int, int, str, str]], sentence: str) -> Iterator[Finding]:
    i = 0
    n = len(tokens)
    while i < n:
        s, e, _word, tag = tokens[i]
        if tag != "LOC":
            i += 1
            continue
        j = i + 1
        end = e
        while j < n:
            _, e2, w2, t2 = tokens[j]
            if (
                t2 == "LOC"
                or _ADDR_TOKEN.match(w2)
                or (t2 == "m" and _ADDR_TAIL.match(sentence, tokens[j][0]))
            ):
                end = e2
                j += 1
                continue
            break
        m = _ADDR_TAIL.match(sentence, end)
        if m:
            end = m.end()
            while j < n and tokens[j][0] < end:
                j += 1
        text = sentence[s:end]
        if _STREET_LEVEL.search(text):
            yield Finding(offset + s, offset + end, ADDRESS, text, 0.85, "lac.address")
        else:
            yield Finding(offset + s, offset + end, PLACE, text, 0.6, "lac.loc")
        i = max(j, i + 1)


_GAZETTEER = re.compile("|".join(map(re.escape, sorted(PLACE_NAMES, key=len, reverse=True))))
_PLACE_BODY = re.compile(
    "(?:" + "|".join(map(re.escape, sorted(PLACE_NAMES, key=len, reverse=True))) + ")"
    "(?=(?:" + "|".join(PLACE_BODY_WORDS) + "))"
)


def gazetteer_places(text: str) -> Iterator[Finding]:
    """Known place names anywhere in the text (low confidence: model spans win any overlap)."""
    for m in _GAZETTEER.finditer(text):
        yield Finding(m.start(), m.end(), PLACE, m.group(), 0.5, "gazetteer.place")


# ------------------------------------------------------------------ persons
def surname_length(name: str) -> int:
    """1 or 2 (compound surname); 0 if the name does not start with a known surname."""
    if name[:2] in COMPOUND_SURNAMES:
        return 2
    return 1 if name[:1] in SINGLE_SURNAMES else 0


_CONTEXT_RE = re.compile(
    "(?:"
    + "|".join(map(re.escape, sorted(NAME_CONTEXT_WORDS, key=len, reverse=True)))
    + r")[\s:：为是系]{0,2}"
)
_TITLE_RE = re.compile("|".join(map(re.escape, NAME_TITLES)))
_LATIN_ALIAS = re.compile(r"\s?[（(]([A-Za-z][A-Za-z .\-]{1,40}[A-Za-z])[）)]")
_PREFIX_STOP = frozenset("和与及向对在由给请把被让跟同为是的了将从")


def _given_length(sentence: str, pos: int) -> int:
    k = 0
    while k < 2 and pos + k < len(sentence):
        c = sentence[pos + k]
        if c in NAME_STOP_CHARS or not _CJK.match(c):
            break
        k += 1
    return k


def _context_persons(
    offset: int, sentence: str, per_by_start: dict[int, int], per_by_end: dict[int, int]
) -> Iterator[Finding]:
    for m in _CONTEXT_RE.finditer(sentence):
        pos = m.end()
        if pos in per_by_start:
            end = per_by_start[pos]
            yield Finding(offset + pos, offset + end, PERSON, sentence[pos:end], 0.95, "context.role+lac")
            continue
        sl = surname_length(sentence[pos : pos + 2])
        if not sl:
            continue
        given = _given_length(sentence, pos + sl)
        if given == 0 or "某" in sentence[pos + sl : pos + sl + given]:
            continue
        end = pos + sl + given
        yield Finding(offset + pos, offset + end, PERSON, sentence[pos:end], 0.9, "context.role")
    for m in _TITLE_RE.finditer(sentence):
        p = m.start()
        if p in per_by_end:
            continue  # LAC already found it; the title only confirms (handled by caller)
        for length in (3, 2):
            s = p - length
            if s < 0:
                continue
            cand = sentence[s:p]
            sl = surname_length(cand)
            if not sl or len(cand) - sl < 1 or "某" in cand:
                continue
            if any(c in NAME_STOP_CHARS or not _CJK.match(c) for c in cand):
                continue
            if length == 3 and cand[0] in _PREFIX_STOP and surname_length(cand[1:]):
                continue
            yield Finding(offset + s, offset + p, PERSON, cand, 0.85, "context.title")
            break


# ------------------------------------------------------------------ rule-based name candidates
# LAC misses names it has not seen, or tags them as a common noun; a surname followed by one or two Han
# characters, aligned on LAC's word boundaries, is accepted when the context says "person".
_ROLE_BEFORE = re.compile(
    "(?:" + "|".join(map(re.escape, sorted(ROLE_WORDS, key=len, reverse=True))) + r")[\s:：]?$"
)
_RIGHT_CUE = re.compile(
    "(?:" + "|".join(map(re.escape, sorted(NAME_TITLES + SPEECH_VERBS, key=len, reverse=True))) + ")"
)
# Last characters of departments, bodies and ranks ("宣传部", "纪委", "计划处"), never of a name here.
_ORG_END = frozenset("部处科委局会组所院校厂司层队团室办厅站社党长记员师级奖门")
_SPEECH_RE = re.compile("|".join(map(re.escape, sorted(SPEECH_VERBS, key=len, reverse=True))))
_OFFICE_RE = re.compile("|".join(map(re.escape, sorted(NAME_TITLES + OFFICE_TITLES, key=len, reverse=True))))
# Tags of words that are never (part of) a name in LAC's tag set.
_NON_NAME_TAGS = frozenset(
    {"LOC", "ORG", "TIME", "m", "q", "w", "p", "c", "u", "xc", "f", "r", "d", "s", "t"}
)
_NAME_TOKEN_TAGS = frozenset({"PER", "n", "nz", "nw"})
_ENUM_SEP = frozenset("、")
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z\-]{1,19}$")


def _weak_end(sentence: str, e: int) -> bool:
    """The candidate ends a clause: punctuation, end of text, or a bracket follows."""
    return e >= len(sentence) or not _CJK.match(sentence[e])


def _candidate_ok(tokens: list[tuple[int, int, str, str]]) -> bool:
    """Tokens of a candidate name: one name-like word, or pieces of a name LAC split up."""
    if any(t[3] in _NON_NAME_TAGS for t in tokens):
        return False
    if len(tokens) == 1:
        return tokens[0][3] in _NAME_TOKEN_TAGS
    return True


def _rule_persons(
    offset: int, sentence: str, spans: list[tuple[int, int, str, str]], taken: set[int]
) -> Iterator[Finding]:
    """Surname + 1–2 characters between a role word before it or a title / speech verb after it."""
    by_start = {sp[0]: k for k, sp in enumerate(spans)}
    ends = {sp[1]: k for k, sp in enumerate(spans)}
    for k, (s, _e, _w, tag) in enumerate(spans):
        if s in taken or tag in _NON_NAME_TAGS or tag == "PER":
            continue
        sl = surname_length(sentence[s : s + 2])
        if not sl:
            continue
        left = bool(_ROLE_BEFORE.search(sentence, max(0, s - 6), s)) if s else False
        for given in (2, 1):
            e = s + sl + given
            if e > len(sentence) or e not in ends:
                continue
            cand = sentence[s:e]
            if (
                "某" in cand
                or cand in NOT_NAMES
                or any(c in NAME_STOP_CHARS or not _CJK.match(c) for c in cand)
            ):
                continue
            toks = spans[k : ends[e] + 1]
            if cand[-1] in _ORG_END or not _candidate_ok(toks):
                continue
            right = _RIGHT_CUE.match(sentence, e) is not None and e in by_start
            if not (left or right):
                continue
            if len(toks) == 1 and toks[0][3] != "PER" and not (left and (right or _weak_end(sentence, e))):
                continue  # a single common-noun word needs both sides to speak for a name
            conf = 0.88 if left and right else 0.8
            yield Finding(offset + s, offset + e, PERSON, cand, conf, "context.candidate")
            break


def _enumerated_persons(
    offset: int, sentence: str, spans: list[tuple[int, int, str, str]], per: dict[int, int]
) -> Iterator[Finding]:
    """Items of a 、-separated list next to a known name are names too ("张三、李四、王五")."""
    known = dict(per)
    index = {sp[0]: k for k, sp in enumerate(spans)}
    for _ in range(3):
        added = False
        for k, (s, e, w, _tag) in enumerate(spans):
            if w not in _ENUM_SEP:
                continue
            left_known = any(pe == s for pe in known.values())
            right_known = e in known
            if left_known == right_known:
                continue
            if left_known:  # the item after the separator
                j = k + 1
                if j >= len(spans):
                    continue
                item = spans[j]
                if item[0] not in index:
                    continue
            else:  # the item before it
                j = k - 1
                if j < 0:
                    continue
                item = spans[j]
            i_s, i_e, i_w, i_tag = item
            if i_tag in _NON_NAME_TAGS or i_tag == "v" or i_s in known:
                continue
            if not (2 <= len(i_w) <= 4 and all(_CJK.match(c) for c in i_w)) or not surname_length(i_w):
                continue
            if i_w in NOT_NAMES or "某" in i_w or i_w[-1] in _ORG_END:
                continue
            known[i_s] = i_e
            added = True
            yield Finding(offset + i_s, offset + i_e, PERSON, i_w, 0.75, "context.enumeration")
        if not added:
            break


def _is_plausible_person(word: str) -> bool:
    if len(word) < 2 or "某" in word or any(c.isdigit() for c in word):
        return False
    return not (word.isascii() and len(word) < 3)


def findings_from_tokens(offset: int, sentence: str, tokens: Iterable[Token]) -> list[Finding]:
    """Turn LAC tokens of one sentence (starting at ``offset`` in the text) into findings."""
    spans: list[tuple[int, int, str, str]] = []
    pos = 0
    for word, tag in tokens:
        spans.append((pos, pos + len(word), word, tag))
        pos += len(word)
    out: list[Finding] = []
    per_by_start: dict[int, int] = {}
    per_by_end: dict[int, int] = {}
    for s, e, word, tag in spans:
        if tag == "PER":
            stripped = word.strip(" \u3000·•")
            if len(stripped) == 1 and stripped in SINGLE_SURNAMES and _OFFICE_RE.match(sentence, e):
                # "江主席", "王局长": a bare surname with an office title
                out.append(Finding(offset + s, offset + e, PERSON, word, 0.8, "lac.per+title"))
                continue
            if not _is_plausible_person(stripped):
                continue
            s2 = s + word.index(stripped)
            e2 = s2 + len(stripped)
            per_by_start[s2] = e2
            per_by_end[e2] = s2
        elif tag == "ORG" and len(word.strip()) >= 2:
            place = _PLACE_BODY.match(word)
            if place:  # "中国政府": the place, not an organisation name
                out.append(
                    Finding(offset + s, offset + s + place.end(), PLACE, place.group(), 0.75, "lac.org+place")
                )
                continue
            out.append(Finding(offset + s, offset + e, ORG, word, 0.7, "lac.org"))
    titled = {s for e, s in per_by_end.items() if _TITLE_RE.match(sentence, e)}
    for s, e in per_by_start.items():
        word = sentence[s:e]
        conf = 0.8
        if s in titled or _CONTEXT_RE.search(sentence[max(0, s - 8) : s]):
            conf = 0.92
        elif surname_length(word):
            conf = 0.85
        elif word.isascii():
            conf = 0.6
        out.append(Finding(offset + s, offset + e, PERSON, word, conf, "lac.per"))
    for s in per_by_start:
        # "Hermes(黄远康)": a Latin nickname right before a name in brackets
        if s >= 3 and sentence[s - 1] in "(（":
            nick = _LATIN_NAME.search(sentence, max(0, s - 21), s - 1)
            if nick:
                out.append(
                    Finding(
                        offset + nick.start(),
                        offset + nick.end(),
                        PERSON,
                        nick.group(),
                        0.75,
                        "context.nickname",
                    )
                )
    for e in per_by_end:
        alias = _LATIN_ALIAS.match(sentence, e)
        if alias:
            a_s, a_e = alias.span(1)
            out.append(
                Finding(offset + a_s, offset + a_e, PERSON, alias.group(1), 0.75, "context.latin_alias")
            )
    out.extend(_context_persons(offset, sentence, per_by_start, per_by_end))
    rule_found = list(_rule_persons(offset, sentence, spans, set(per_by_start)))
    out.extend(rule_found)
    known = dict(per_by_start)
    known.update((f.start - offset, f.end - offset) for f in rule_found)
    out.extend(_enumerated_persons(offset, sentence, spans, known))
    out.extend(_address_chains(offset, spans, sentence))
    return out


def context_only_findings(offset: int, sentence: str) -> list[Finding]:
    """Context rules without LAC (used when the model is switched off)."""
    return list(_context_persons(offset, sentence, {}, {}))
