"""The fast scans give exactly what the plain regex scans would.

Cue words are tried per first letter, grammar rules are skipped when their
literal hints are absent: both are shortcuts that must never change a result,
on any text, including the characters sre folds in surprising ways.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.extract import lexicon_en, lexicon_ru
from tracker.extract.cues import Cue, CueSet, branches
from tracker.extract.hints import fold, hint
from tracker.extract.languages import LANGUAGES
from tracker.extract.lead import WHITESPACE
from tracker.extract.normalize import _TO_FOLD, _TRANSLATE, _fold

_LETTERS = re.compile("[a-zа-яё]", re.IGNORECASE)
_FOLDABLE = "abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщъыьэюя"


def test_fold_is_sre_case_blindness() -> None:
    """Every character sre matches case-blind to a Latin or Cyrillic letter folds to that letter."""
    for x in map(chr, range(0x110000)):
        if _LETTERS.fullmatch(x):
            same = [c for c in _FOLDABLE if re.fullmatch(c, x, re.IGNORECASE)]
            assert same == [fold(x)], (hex(ord(x)), same, fold(x))
    assert fold("İSTANBUL ıf ſ K ᲀ ПРИВЕТ") == "istanbul if s k в привет"
    assert fold("Mİd-2026") == "mid-2026"  # the translate path keeps one character for one


def test_whitespace_is_sre_whitespace() -> None:
    """The look-ahead for clause breaks lists every character ``\\s`` matches."""
    assert set(WHITESPACE) == {x for x in map(chr, range(0x110000)) if re.fullmatch(r"\s", x)}


def test_branches() -> None:
    assert branches(r"a|b(?:c|d)|[|]|x\|y|[]|]|[^]|]|(?<!\bbe\s)z") == [
        "a",
        "b(?:c|d)",
        "[|]",
        r"x\|y",
        "[]|]",
        "[^]|]",
        r"(?<!\bbe\s)z",
    ]
    for cues in (lexicon_en.CUES, lexicon_ru.CUES):
        for source in cues.values():
            assert "|".join(branches(source)) == source
            for b in branches(source):
                re.compile(b)


def test_hints_read_from_patterns() -> None:
    h = hint(re.compile(r"(?P<n>\w+)-day\s+window", re.IGNORECASE))
    assert h is not None and h.words == ("-day",)  # as rare as "wind", and found first
    h = hint(re.compile(r"(?:19|20|21)\d\d"))
    assert h is not None and h.words == ("19", "20", "21") and not h.blind
    assert hint(re.compile(r"\d+")) is None
    assert hint(re.compile(r"(?i)ὀδυσσεύς")) is None  # a cased letter fold() does not know


_WORDS = sorted(
    {w for lex in (lexicon_en, lexicon_ru) for v in lex.CUES.values() for w in re.findall(r"[^\W\d_]+", v)}
    | {"January", "May", "Dec.", "Q3", "H2", "FY", "fiscal", "2020s", "1990's", "mid", "end of", "this year"}
    | {"spring", "today", "time on", "-day window opening", "году", "января", "весной", "в начале", "конце"}
)
_pieces = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from(["ı", "İ", "ſ", "K", "ᲀ", "ᲃ", "٢", "ǅ", "2026", "15", "-", ", ", ". ", "\n", "(", "'"]),
    st.text(max_size=3),
)
_texts = st.lists(_pieces, max_size=30).map(" ".join)
_CASES = st.sampled_from([str, str.upper, str.lower, str.title])


@settings(max_examples=300, deadline=None)
@given(_texts, _CASES)
def test_cue_dispatch_equals_combined_scan(text: str, case: object) -> None:
    assert callable(case)
    text = case(text)
    for code in ("en", "ru"):
        cues: CueSet = LANGUAGES[code].cues
        plain = sorted(
            Cue(m.start(), m.end(), m.lastgroup or "")
            for p in cues._patterns  # the combined alternations, scanned the slow way
            for m in p.finditer(text)
        )
        assert cues.find(text) == plain


@settings(max_examples=300, deadline=None)
@given(_texts, _CASES)
def test_absent_hints_mean_no_match(text: str, case: object) -> None:
    assert callable(case)
    text = case(text)
    folded = fold(text)
    for language in LANGUAGES.values():
        for rule in language.grammar.rules:
            if any(h.absent(text, folded) for h in rule.hints):
                # Skipped: so its pre-check must fail or its pattern find nothing.
                runs = rule.needs is None or rule.needs.search(text) is not None
                assert not runs or rule.pattern.search(text) is None, (rule.hints, text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from(sorted(map(chr, _TRANSLATE))), st.characters()), max_size=60))
def test_clean_folds_as_translate_would(text: str) -> None:
    assert _TO_FOLD.sub(_fold, text) == text.translate(_TRANSLATE)
