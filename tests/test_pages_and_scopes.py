"""Validation of published pages (address, excerpts, date), INSEE scope codes and periods.

Each test adds or breaks one record in a private copy of the bundled data and checks that the
problem names file, record and field, and that ``mes-tui validate`` exits 1.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from mes_tui.cli.main import main
from mes_tui.core import Problem, validate

PAGE = """
[[source]]
id = "2026-01-ameli-page"
description = "A press release of the Assurance maladie (made up by the test suite)."
outlet = "Assurance Maladie"
url = "https://www.assurance-maladie.ameli.fr/presse/2026-01-test"
published = 2026-01-20
published_precision = "day"
date_note = "Date printed on the page."
language = "fr"
kind = "press_release"
excerpts = ["Plus de 24 millions de Français ont activé leur profil Mon espace santé."]
"""

FIGURE = """
[[observation]]
id = "2026-01-accounts-activated-test"
metric = "accounts_activated"
value = 24_000_000
unit = "count"
qualifier = "at_least"
value_text = "24 millions"
period_start = 2026-01-20
period_end = 2026-01-20
period_precision = "day"
scope = "national"
actor = "cnam"
attribution = "stated"
source = "2026-01-ameli-page"
quote = "Plus de 24 millions de Français ont activé leur profil Mon espace santé."
"""


def with_page(root: Path, page: str = PAGE, figure: str = FIGURE) -> Path:
    with (root / "sources.toml").open("a", encoding="utf-8") as handle:
        handle.write(page)
    with (root / "observations.toml").open("a", encoding="utf-8") as handle:
        handle.write(figure)
    return root


def only(problems: list[Problem], file: str, record: str, field: str) -> Problem:
    """The one problem of the list, which must name ``file``, ``record`` and ``field``."""
    assert len(problems) == 1, problems
    problem = problems[0]
    assert (problem.file, problem.field) == (file, field), problem
    assert problem.record is not None and problem.record.startswith(record), problem
    return problem


def exits_1(root: Path, capsys) -> str:
    assert main(["validate", str(root)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return out


def test_a_page_with_its_address_and_excerpts_is_valid(data_copy: Path) -> None:
    assert validate(with_page(data_copy)) == []


@pytest.mark.parametrize(
    "address",
    [
        "htps://www.ameli.fr/x",
        "www.ameli.fr/presse",
        "https://www.ameli.fr/une page",
        "https://localhost/x",
        "javascript:alert(1)",
        "https:/www.ameli.fr",
    ],
)
def test_a_malformed_address(data_copy: Path, capsys, address: str) -> None:
    page = PAGE.replace("https://www.assurance-maladie.ameli.fr/presse/2026-01-test", address)
    # (without its figure: a rejected source leaves its figures' references dangling)
    problem = only(
        validate(with_page(data_copy, page, figure="")), "sources.toml", "2026-01-ameli-page", "url"
    )
    assert "is not a web address" in problem.message and "http" in problem.message
    assert "2026-01-ameli-page" in exits_1(data_copy, capsys)


def test_a_page_without_its_address(data_copy: Path, capsys) -> None:
    page = PAGE.replace('url = "https://www.assurance-maladie.ameli.fr/presse/2026-01-test"\n', "")
    problem = only(
        validate(with_page(data_copy, page)), "sources.toml", "2026-01-ameli-page", "url"
    )
    assert "needs its address" in problem.message
    exits_1(data_copy, capsys)


def test_a_page_without_excerpts(data_copy: Path, capsys) -> None:
    page = PAGE.replace(
        'excerpts = ["Plus de 24 millions de Français ont activé leur profil Mon espace santé."]\n',
        "",
    )
    problems = validate(with_page(data_copy, page, figure=""))
    problem = only(problems, "sources.toml", "2026-01-ameli-page", "excerpts")
    assert "needs its excerpts" in problem.message
    exits_1(data_copy, capsys)


def test_a_source_without_publication_date(data_copy: Path, capsys) -> None:
    page = PAGE.replace("published = 2026-01-20\n", "")
    problems = validate(with_page(data_copy, page, figure=""))
    problem = only(problems, "sources.toml", "2026-01-ameli-page", "published")
    assert "Field required" in problem.message and "YYYY-MM-DD" in problem.message
    exits_1(data_copy, capsys)


def test_a_quote_missing_from_the_pages_excerpts(data_copy: Path, capsys) -> None:
    figure = FIGURE.replace(
        'quote = "Plus de 24 millions', 'quote = "Désormais, plus de 24 millions'
    ).replace("leur profil Mon espace santé.", "leur profil.")
    problems = validate(with_page(data_copy, figure=figure))
    problem = only(problems, "observations.toml", "2026-01-accounts-activated-test", "quote")
    assert "the excerpts of source '2026-01-ameli-page'" in problem.message
    exits_1(data_copy, capsys)


# ── Scope codes ──────────────────────────────────────────────────────────────────────────


def regional(scope: str, code: str | None, detail: str = "Nouvelle-Aquitaine") -> str:
    lines = f'scope = "{scope}"\nscope_detail = "{detail}"\n'
    if code is not None:
        lines += f'scope_code = "{code}"\n'
    return FIGURE.replace('scope = "national"\n', lines)


@pytest.mark.parametrize(
    ("scope", "code", "says"),
    [
        ("region", "31", "not the INSEE code of a région"),  # 31 is a département
        ("region", None, "needs its INSEE code"),
        ("departement", "20", "not the INSEE code of a département"),  # 2A and 2B since 1976
        ("departement", "975", "not the INSEE code of a département"),
        ("departement", "96", "not the INSEE code of a département"),
        ("departement", None, "needs its INSEE code"),
        ("national", "75", "only a regional or département figure"),
        ("region", "Nouvelle-Aquitaine", "not the INSEE code of a région"),
    ],
)
def test_scope_codes(data_copy: Path, capsys, scope: str, code: str | None, says: str) -> None:
    problems = validate(with_page(data_copy, figure=regional(scope, code)))
    problem = only(problems, "observations.toml", "2026-01-accounts-activated-test", "scope_code")
    assert says in problem.message
    exits_1(data_copy, capsys)


@pytest.mark.parametrize(
    ("scope", "code"),
    [("region", "75"), ("region", "94"), ("departement", "2A"), ("departement", "974")],
)
def test_known_scope_codes_are_valid(data_copy: Path, scope: str, code: str) -> None:
    assert validate(with_page(data_copy, figure=regional(scope, code))) == []


def test_scope_codes_in_a_bulk_file(tmp_path: Path, frames, capsys) -> None:
    """observations.csv follows the same rules as observations.toml."""
    from mes_tui.core.generate import generate_dataset

    root = tmp_path / "big"
    generate_dataset(frames, root, 50, 0)
    path = root / "observations.csv"
    table = pl.read_csv(path, infer_schema=False)
    first, second, third = table["id"][0], table["id"][1], table["id"][2]
    table = table.with_columns(
        pl.when(pl.col("id") == first)
        .then(pl.lit("region"))
        .when(pl.col("id").is_in([second, third]))
        .then(pl.lit("departement"))
        .otherwise(pl.col("scope"))
        .alias("scope"),
        pl.when(pl.col("id") == first)
        .then(pl.lit("99"))
        .when(pl.col("id") == second)
        .then(pl.lit(None))
        .when(pl.col("id") == third)
        .then(pl.lit("2B"))
        .otherwise(pl.col("scope_code"))
        .alias("scope_code"),
    )
    table.write_csv(path)
    problems = [p for p in validate(root) if p.field == "scope_code"]
    assert {(p.file, (p.record or "").split(" ")[0]) for p in problems} == {
        ("observations.csv", first),
        ("observations.csv", second),
    }, problems
    assert any("région" in p.message for p in problems)
    assert any("needs its INSEE code" in p.message for p in problems)
    exits_1(root, capsys)


# ── Periods at month precision ───────────────────────────────────────────────────────────


def test_a_one_day_period_at_month_precision_must_be_the_months_end(data_copy: Path, capsys):
    """A figure known to the month spans it; one day at month precision is only "fin mai"."""
    first_day = FIGURE.replace(
        'period_start = 2026-01-20\nperiod_end = 2026-01-20\nperiod_precision = "day"',
        'period_start = 2026-01-01\nperiod_end = 2026-01-01\nperiod_precision = "month"',
    )
    problems = validate(with_page(data_copy, figure=first_day))
    problem = only(problems, "observations.toml", "2026-01-accounts-activated-test", "period_end")
    assert "period_end = 2026-01-31" in problem.message
    exits_1(data_copy, capsys)


@pytest.mark.parametrize(
    ("start", "end", "precision"),
    [
        ("2025-12-31", "2025-12-31", "month"),  # "fin décembre"
        ("2025-12-01", "2025-12-31", "month"),
        ("2025-01-01", "2025-12-31", "year"),
        ("2025-12-31", "2025-12-31", "year"),  # "fin 2025"
    ],
)
def test_periods_that_span_their_unit_are_valid(
    data_copy: Path, start: str, end: str, precision: str
) -> None:
    figure = FIGURE.replace(
        'period_start = 2026-01-20\nperiod_end = 2026-01-20\nperiod_precision = "day"',
        f'period_start = {start}\nperiod_end = {end}\nperiod_precision = "{precision}"',
    )
    assert validate(with_page(data_copy, figure=figure)) == []


def test_a_one_day_event_at_month_precision(data_copy: Path, replace_in) -> None:
    replace_in(
        data_copy / "events.toml",
        "date_start = 2024-05-31\ndate_end = 2024-05-31",
        "date_start = 2024-05-01\ndate_end = 2024-05-01",
    )
    problems = validate(data_copy)
    assert len(problems) == 1 and problems[0].file == "events.toml", problems
    assert problems[0].field == "date_end"
