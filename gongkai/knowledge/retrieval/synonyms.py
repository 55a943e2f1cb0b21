"""Synonym and colloquial-term expansion (社保 ↔ 社会保险, 娃 ↔ 孩子, 落户 ↔ 户口迁入).

The table is a plain text file carried in the repository (``data/synonyms.txt``, one group of
interchangeable terms a line); a caller can add groups (the search app's synonym table, maintained by
the openness office) when it builds a :class:`SynonymTable`.

Expansion is symmetric and conservative: a group member found in the question adds the *other*
members' tokens at a reduced weight (:data:`EXPANSION_WEIGHT`), so an exact wording still outranks a
synonym and a wrong expansion can only nudge the ranking, never take it over.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from gongkai.knowledge.retrieval.text import normalise

DATA_FILE = Path(__file__).parent / "data" / "synonyms.txt"
# Weight of an expansion's tokens relative to the question's own tokens.
EXPANSION_WEIGHT = 0.6
MAX_GROUP_SIZE = 12


@dataclass(frozen=True, slots=True)
class Expansion:
    """A term found in the question and the alternatives it brings in."""

    term: str
    alternatives: tuple[str, ...]


def read_groups(path: Path = DATA_FILE) -> list[tuple[str, ...]]:
    """Groups of the table file (comments and blank lines skipped)."""
    groups: list[tuple[str, ...]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        terms = tuple(dict.fromkeys(line.split()))
        if len(terms) >= 2:
            groups.append(terms)
    return groups


class SynonymTable:
    """Term → group lookup over normalised terms."""

    def __init__(self, groups: Iterable[Sequence[str]] | None = None, *, builtin: bool = True) -> None:
        all_groups: list[Sequence[str]] = list(read_groups()) if builtin else []
        all_groups.extend(groups or ())
        self._groups: dict[str, set[str]] = {}
        for group in all_groups:
            terms = [t for t in (normalise(g).strip() for g in group[:MAX_GROUP_SIZE]) if t]
            for term in terms:
                self._groups.setdefault(term, set()).update(t for t in terms if t != term)
        # Longest first, so 住房公积金 is found before 公积金 inside it.
        self._terms = sorted(self._groups, key=len, reverse=True)

    @property
    def terms(self) -> list[str]:
        """Every term of the table (normalised), longest first."""
        return list(self._terms)

    def expansions(self, normalised_query: str, words: Sequence[str]) -> list[Expansion]:
        """Terms of the table found in the question, with their alternatives.

        A term of two or more characters counts when it occurs anywhere in the question (the
        segmenter may have split it differently); a one-character term (娃) only when the segmenter
        made it a word of its own, so 娃 does not fire inside 娃娃机 … but does in 我家娃.
        """
        found: list[Expansion] = []
        covered: list[tuple[int, int]] = []
        word_set = set(words)
        for term in self._terms:
            if len(term) == 1:
                if term not in word_set:
                    continue
                start = normalised_query.find(term)
            else:
                start = normalised_query.find(term)
                if start < 0:
                    continue
            end = start + len(term)
            # A shorter term inside a longer one already found adds nothing new.
            if any(s <= start and end <= e for s, e in covered):
                continue
            covered.append((start, end))
            alternatives = tuple(sorted(self._groups[term] - {term}))
            found.append(Expansion(term=term, alternatives=alternatives))
        return found


_default: SynonymTable | None = None


def default_table() -> SynonymTable:
    """The built-in table (loaded once)."""
    global _default
    if _default is None:
        _default = SynonymTable()
    return _default
