"""Reading French figures: the words of a quote turned into a number in base units."""

from __future__ import annotations

import pytest

from mes_tui.core.numbers import (
    NumberFormatError,
    find_numbers,
    parse_value_text,
    read_number_words,
)

NBSP = "\u00a0"
NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # decimal comma and a scale word
        ("65,7 millions", 65_700_000),
        ("7,9 millions", 7_900_000),
        ("4 millions", 4_000_000),
        ("2 milliards", 2_000_000_000),
        ("700 millions", 700_000_000),
        # thousands separated by a space
        ("220 000", 220_000),
        ("1 450", 1_450),
        ("51 700", 51_700),
        ("2032", 2_032),
        # percents stay 0–100
        ("3,5 %", 3.5),
        ("0,7 %", 0.7),
        ("14%", 14),
        ("97 %", 97),
        # words
        ("un quart", 25),
        ("deux millions", 2_000_000),
        ("un Français sur deux", 50),
        ("Un document de santé sur deux", 50),
        ("une personne sur 4", 25),
        ("quatre fois", 4),
        ("une centaine", 100),
        ("troisième", 3),
        ("15 mois", 15),
        # a stray space after the decimal comma, as printed in one source
        ("10, 8 millions", 10_800_000),
    ],
)
def test_reads_the_figure_the_words_state(text: str, expected: float) -> None:
    assert parse_value_text(text) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"220{NBSP}000", 220_000),
        (f"220{NNBSP}000", 220_000),
        (f"1{NNBSP}450", 1_450),
        (f"1{NBSP}450", 1_450),
        (f"3,5{NBSP}%", 3.5),
        (f"3,5{NNBSP}%", 3.5),
        (f"65,7{NBSP}millions", 65_700_000),
        (f"un{NBSP}quart", 25),
    ],
)
def test_no_break_spaces_read_like_plain_spaces(text: str, expected: float) -> None:
    assert parse_value_text(text) == pytest.approx(expected, rel=1e-12)


def test_decimal_scaling_is_exact_in_base_units() -> None:
    # 65,7 millions must be 65 700 000 exactly enough to compare with a stored integer.
    assert parse_value_text("65,7 millions") == pytest.approx(65_700_000, abs=1e-3)
    assert parse_value_text("10, 8 millions") == pytest.approx(10_800_000, abs=1e-3)
    assert parse_value_text("10,8 millions") == parse_value_text("10, 8 millions")


def test_case_and_accents_do_not_matter() -> None:
    assert parse_value_text("TROISIÈME") == 3
    assert parse_value_text("Une centaine") == 100
    assert parse_value_text("Deux millions") == 2_000_000


def test_result_is_a_float() -> None:
    assert isinstance(parse_value_text("1 450"), float)


@pytest.mark.parametrize(
    "text",
    [
        "beaucoup",
        "",
        "   ",
        "abc %",
        "%",
        "millions",
        "1 2345",
        "12,",
        "sur deux",
        "plusieurs fois",
    ],
)
def test_nonsense_raises_number_format_error(text: str) -> None:
    with pytest.raises(NumberFormatError):
        parse_value_text(text)


def test_number_format_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="cannot read a figure in 'beaucoup'"):
        parse_value_text("beaucoup")


@pytest.mark.parametrize("text", ["un sur zéro", "1 sur 0"])
def test_one_in_zero_is_not_a_figure(text: str) -> None:
    # "one in zero" states no figure: the documented error is NumberFormatError, and
    # validation only catches that one (a ZeroDivisionError would crash `mes-tui validate`).
    with pytest.raises(NumberFormatError):
        parse_value_text(text)


# ── the same reader finds figures in running text (extraction) ──────────────────────────────


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("vingt-deux", 22),
        ("dix-sept", 17),
        ("soixante et onze", 71),
        ("soixante-dix-sept", 77),
        ("quatre-vingts", 80),
        ("quatre-vingt-dix-neuf", 99),
        ("trois cents", 300),
        ("deux cent cinquante mille", 250_000),
        ("mille", 1000),
    ],
)
def test_reads_compound_number_words(words: str, expected: float) -> None:
    assert read_number_words(words) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3.391.505", 3_391_505),
        ("11M", 11_000_000),
        ("2 Md", 2_000_000_000),
        ("trois sur cinq", 60),
        ("vingt-deux mille", 22_000),
        ("trois quarts", 75),
        ("15 pour cent", 15),
        ("14.5M", 14_500_000),
        ("2.5 millions", 2_500_000),
    ],
)
def test_validation_reads_the_forms_extraction_finds(text: str, expected: float) -> None:
    assert parse_value_text(text) == pytest.approx(expected)


def _found(text: str) -> list[tuple[str, float, str | None, float | None]]:
    return [(n.words, n.value, n.unit, n.high) for n in find_numbers(text)]


def test_finds_every_form_of_the_issue_in_running_text() -> None:
    text = (
        "65,7 millions de comptes, 3.391.505 profils, deux millions de visiteurs, un sur deux, "
        "un quart, trois sur cinq, quatre fois plus, plus de 600 000 personnes, 15 %, "
        "15 à 20 000 usagers, une centaine, entre 10 et 12 %."
    )
    assert _found(text) == [
        ("65,7 millions", 65_700_000, None, None),
        ("3.391.505", 3_391_505, None, None),
        ("deux millions", 2_000_000, None, None),
        ("un sur deux", 50, "percent", None),
        ("un quart", 25, "percent", None),
        ("trois sur cinq", 60, "percent", None),
        ("quatre fois", 4, "ratio", None),
        ("600 000", 600_000, None, None),
        ("15 %", 15, "percent", None),
        ("15 à 20 000", 15_000, None, 20_000),
        ("une centaine", 100, None, None),
        ("10 et 12 %", 10, "percent", 12),
    ]


def test_offsets_point_at_the_words_in_the_original_text() -> None:
    text = f"Au total, 10,{NBSP}8 millions et 220{NNBSP}000 activations ; le 1er juillet."
    found = find_numbers(text)
    assert [text[n.start : n.end] for n in found] == [n.words for n in found]
    assert [n.value for n in found] == [10_800_000, 220_000]  # "1er" is not a number


def test_a_decimal_point_is_read_before_a_scale_word_only() -> None:
    """ "14.5M" is 14,5 millions (it read 14), while "1.500" groups thousands and a version
    number is not a decimal figure."""
    assert _found("plus de 14.5M de Français") == [("14.5M", 14_500_000, None, None)]
    assert _found("2.5 milliards d’euros") == [("2.5 milliards", 2_500_000_000, "eur", None)]
    assert _found("1.500 médecins") == [("1.500", 1500, None, None)]
    assert [n.value for n in find_numbers("la version 2.5 du logiciel")] == [2]


def test_small_number_words_alone_and_ordinals_are_not_figures() -> None:
    assert _found("deux chantiers, un an, la troisième fois, 1er janvier") == []


def test_euros_are_a_unit_outside_the_words_that_state_the_value() -> None:
    [budget] = find_numbers("un budget de 700 millions d’euros")
    assert (budget.words, budget.value, budget.unit) == ("700 millions", 700_000_000, "eur")


def test_the_word_reader_agrees_with_text2num() -> None:
    """text2num (a library made for numbers in French words) checks the project's own reader,
    which validation needs without the extraction libraries."""
    from text_to_num import text2num

    phrases = [
        "vingt et un",
        "vingt-deux",
        "trente-quatre",
        "quarante-cinq",
        "cinquante-six",
        "soixante-sept",
        "soixante-dix",
        "soixante et onze",
        "soixante-dix-neuf",
        "quatre-vingts",
        "quatre-vingt-un",
        "quatre-vingt-dix",
        "quatre-vingt-dix-sept",
        "cent",
        "cent un",
        "deux cents",
        "deux cent cinquante",
        "neuf cent quatre-vingt-dix-neuf",
        "mille",
        "deux mille",
        "deux mille trois cents",
        "vingt-deux mille",
        "cent mille",
        "trois cent mille",
        "neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf",
    ]
    for phrase in phrases:
        assert read_number_words(phrase) == text2num(phrase, "fr"), phrase
