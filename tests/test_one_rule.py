"""Each rule of wording is written once: the disagreements issue 13 found between the
explorer, the citations, the CLI and the metric report (each of these failed before)."""

from __future__ import annotations

import unicodedata
from datetime import date

import polars as pl

from mes_tui.cli.main import main
from mes_tui.core.derived import derived_frame
from mes_tui.core.queries import metric_view
from mes_tui.present.analysis import derived_formula
from mes_tui.present.citation import with_citation
from mes_tui.present.formats import change, format_date, number
from mes_tui.present.metric_report import render_metric_report


def test_a_quarter_reads_the_same_in_a_citation_as_in_the_explorer(frames) -> None:
    """A source dated to a quarter was "Q3 2024" in the explorer, "1 Jul 2024" in a citation."""
    row = frames.observations.head(1).with_columns(
        pl.lit(date(2024, 7, 1)).alias("source_published"),
        pl.lit("quarter").alias("source_precision"),
    )
    cited = with_citation(row, "en")["citation"][0]
    assert cited.endswith(", Q3 2024") and format_date(date(2024, 7, 1), "quarter", "en") in cited
    assert with_citation(row, "fr")["citation"][0].endswith(", T3 2024")


def test_sources_in_markdown_escape_control_characters(data_copy, capsys) -> None:
    """`mes-tui sources --format md` printed the data's control characters as they were."""
    path = data_copy / "sources.toml"
    text = path.read_text(encoding="utf-8")
    first = text.index("outlet = ")
    end = text.index("\n", first)
    path.write_text(
        text[:first] + 'outlet = "Bad\\u001b[2J outlet|x"' + text[end:], encoding="utf-8"
    )
    assert main(["sources", "--data", str(data_copy), "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "Bad\\\\x1b\\[2J outlet\\|x" in out
    assert not [ch for ch in out if ch != "\n" and unicodedata.category(ch) == "Cc"]


def test_a_count_in_full_is_grouped_the_same_everywhere(frames) -> None:
    """Formulas said "7 900 000" where the explorer and exports said "7,900,000"."""
    row = next(
        r
        for r in derived_frame(frames).to_dicts()
        if r["kind"] == "implied_denominator" and r["operands"][0] == 7.9e6
    )
    assert derived_formula(row, "en").startswith(number(7.9e6, "en", exact=True) + " ÷ ")
    assert number(7.9e6, "en", exact=True) == "7,900,000"
    assert derived_formula(row, "fr").startswith("7\u202f900\u202f000 ÷ ")


def test_a_change_has_one_precision_in_the_pane_and_the_report(frames) -> None:
    """The metric pane said +36.7 % and `mes-tui metric` +37 % for the same change."""
    view = metric_view(frames, "accounts_activated")
    row = next(r for r in view.series if r["change_pct"] is not None)
    said = change(row["change"], row["change_pct"], row["unit"], "en")
    assert f"{number(round(abs(row['change_pct']), 1), 'en')} %)" in said
    assert said in render_metric_report(frames, "accounts_activated", "table", "en")
