"""Text normalisation: folding for search, squashing spaces, finding quotes, showing safely."""

from __future__ import annotations

import pytest

from mes_tui.core.text import find_span, fold, squash_spaces, visible

NBSP = "\u00a0"
NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Activés", "actives"),
        ("ÉLÈVE", "eleve"),
        ("Mon Espace Santé", "mon espace sante"),
        ("l’Assurance maladie", "l'assurance maladie"),
        ("l‘ANS", "l'ans"),
        ("Haute-Garonne", "haute-garonne"),
        ("français", "francais"),
        (f"3,5{NBSP}%", "3,5 %"),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_fold_makes_accented_and_plain_equal() -> None:
    assert fold("Département") == fold("DEPARTEMENT") == fold("département")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  a  b  ", "a b"),
        (f"220{NBSP}000", "220 000"),
        (f"1{NNBSP}450", "1 450"),
        ("a\n\tb", "a b"),
        (f"a {NBSP}{NNBSP}\u2009\u2007 b", "a b"),
        ("", ""),
    ],
)
def test_squash_spaces(text: str, expected: str) -> None:
    assert squash_spaces(text) == expected


def test_find_span_plain() -> None:
    haystack = "Le taux de refus stagnait."
    span = find_span(haystack, "taux de refus")
    assert span is not None
    start, end = span
    assert haystack[start:end] == "taux de refus"
    assert start == haystack.index("taux")


def test_find_span_offsets_are_into_the_original_text_with_no_break_spaces() -> None:
    haystack = f"Préambule. Le taux{NBSP}de 3,5{NNBSP}% ici."
    span = find_span(haystack, "taux de 3,5 %")
    assert span is not None
    start, end = span
    # The offsets cover the original characters, no-break spaces included.
    assert haystack[start:end] == f"taux{NBSP}de 3,5{NNBSP}%"
    assert start == len("Préambule. Le ")
    assert end == start + len(f"taux{NBSP}de 3,5{NNBSP}%")


def test_find_span_across_a_line_break() -> None:
    haystack = "un premier\nbilan"
    span = find_span(haystack, "premier bilan")
    assert span is not None
    start, end = span
    assert haystack[start:end] == "premier\nbilan"


def test_find_span_treats_the_needle_literally() -> None:
    haystack = "soit (environ) 12 % des comptes"
    span = find_span(haystack, "(environ) 12 %")
    assert span is not None
    start, end = span
    assert haystack[start:end] == "(environ) 12 %"
    assert find_span("abc", "a.c") is None


def test_find_span_absent_or_empty_needle() -> None:
    assert find_span("abc", "xyz") is None
    assert find_span("abc", "") is None
    assert find_span("abc", "   ") is None


@pytest.mark.parametrize(
    ("raw", "escape"),
    [
        ("\x1b", "\\x1b"),
        ("\x07", "\\x07"),
        ("\r", "\\x0d"),
        ("\u202e", "\\u202e"),
        ("\u200b", "\\u200b"),
        ("\x9b", "\\x9b"),
    ],
)
def test_visible_escapes_control_and_format_characters(raw: str, escape: str) -> None:
    shown = visible(f"avant{raw}après")
    assert raw not in shown
    assert shown == f"avant{escape}après"


def test_visible_escapes_a_terminal_sequence() -> None:
    shown = visible("x\x1b[2Jy")
    assert "\x1b" not in shown
    assert shown == "x\\x1b[2Jy"


@pytest.mark.parametrize(
    "text",
    [
        "Mon espace santé",
        "déjà ÉTÉ œuvre",
        "emoji 😀 ok",
        "guillemets « ici »",
        "l’ANS",
        f"220{NBSP}000",
        "deux\nlignes",
        "tab\there",
    ],
)
def test_visible_keeps_ordinary_text(text: str) -> None:
    assert visible(text) == text


def test_visible_output_is_free_of_control_characters() -> None:
    nasty = (
        "".join(chr(c) for c in range(0x20)) + "\x7f" + "".join(chr(c) for c in range(0x80, 0xA0))
    )
    shown = visible(nasty)
    allowed = {"\n", "\t"}
    assert all(ch.isprintable() or ch in allowed for ch in shown)


# ── The search key of each row (core.frames) ────────────────────────────────────────────


def test_search_keys_are_each_row_folded_and_joined() -> None:
    import polars as pl

    from mes_tui.core.frames import folded_concat

    rows: list[dict[str, str | None]] = [
        {"quote": "Les Français ont ACTIVÉ", "actor": "CNAM", "speaker": None},
        {"quote": "L’Assurance\u00a0maladie  dit", "actor": None, "speaker": "Thomas Fatôme"},
        {"quote": "Les Français ont ACTIVÉ", "actor": "CNAM", "speaker": None},
        {"quote": "Les Français ont ACTIVÉ", "actor": "DNS", "speaker": None},
        {"quote": None, "actor": None, "speaker": None},
    ] * 3
    frame = pl.DataFrame(
        rows, schema={"quote": pl.String, "actor": pl.String, "speaker": pl.String}
    )
    keys = folded_concat(frame, ["quote", "actor", "speaker"], " | ")
    assert keys.dtype == pl.Categorical and keys.len() == frame.height
    expected = [
        " | ".join(fold(v) for v in (row["quote"], row["actor"], row["speaker"]) if v is not None)
        for row in rows
    ]
    assert keys.cast(pl.String).to_list() == expected
    assert keys.cast(pl.String).n_unique() == 4


def test_search_keys_of_no_rows() -> None:
    import polars as pl

    from mes_tui.core.frames import folded_concat

    frame = pl.DataFrame(schema={"quote": pl.String})
    assert folded_concat(frame, ["quote"], " | ").len() == 0
