"""Exports: JSON, CSV, Markdown and the plain table, each figure with its citation."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import unicodedata
from pathlib import Path

import polars as pl
import pytest

from mes_tui.core.export import ExportError, write_atomic
from mes_tui.present.export import render
from mes_tui.present.tables import plain_table

REQUIRED_KEYS = {
    "id",
    "metric",
    "value",
    "unit",
    "qualifier",
    "period_start",
    "period_end",
    "actor",
    "speaker",
    "source",
    "quote",
}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NASTY = "Pire \x1b[2J effacé\x07 bip\r retour \u202e inversé \u200b fin \x9b"


def raw_controls(text: str) -> list[str]:
    """Characters a terminal would obey: C0/C1 controls (but newlines) and bidi/format ones."""
    return [ch for ch in text if ch != "\n" and unicodedata.category(ch) in ("Cc", "Cf")]


def poisoned(frames) -> pl.DataFrame:
    """The bundled observations with control sequences planted in every displayed text."""
    target = pl.col("id") == "2023-02-ambassadors"

    def plant(column: str) -> pl.Expr:
        return pl.when(target).then(pl.lit(NASTY)).otherwise(pl.col(column)).alias(column)

    return frames.observations.with_columns(
        plant("quote"),
        plant("metric_label"),
        plant("actor_short"),
        plant("speaker"),
        plant("category"),
        plant("source_title"),
    )


# ── JSON ─────────────────────────────────────────────────────────────────────────────────


def test_json_is_an_array_of_complete_figures(frames, raw) -> None:
    rows = json.loads(render(frames.observations, "json"))
    assert isinstance(rows, list)
    assert len(rows) == len(raw["observations"])
    for row in rows:
        assert set(row) >= REQUIRED_KEYS, REQUIRED_KEYS - set(row)
        assert ISO_DATE.match(row["period_start"]) and ISO_DATE.match(row["period_end"])


def test_json_values_are_in_base_units_and_quotes_verbatim(frames, raw) -> None:
    text = render(frames.observations, "json")
    rows = {row["id"]: row for row in json.loads(text)}
    created = rows["2023-02-accounts-created"]
    assert created["value"] == 65_700_000 and isinstance(created["value"], int)
    assert '"value": 65700000' in text
    assert rows["2021-09-haute-garonne-activation-rate"]["value"] == 3.5
    assert rows["2024-05-budget-segur-numerique"]["value"] == 2_000_000_000
    for obs in raw["observations"]:
        row = rows[obs["id"]]
        assert row["quote"] == obs["quote"]
        assert row["value"] == pytest.approx(obs["value"])
        assert row["period_start"] == obs["period_start"].isoformat()
        assert row["period_end"] == obs["period_end"].isoformat()
        assert row["metric"] == obs["metric"] and row["actor"] == obs["actor"]
        assert row["source"] == obs["source"] and row["unit"] == obs["unit"]
        assert row["qualifier"] == obs["qualifier"]
        assert row["speaker"] == obs.get("speaker")


def test_json_of_nothing_is_an_empty_array(frames) -> None:
    assert json.loads(render(frames.observations.clear(), "json")) == []


def test_json_keeps_control_characters_escaped(frames) -> None:
    text = render(poisoned(frames), "json")
    assert "\x1b" not in text and "\x07" not in text
    row = next(r for r in json.loads(text) if r["id"] == "2023-02-ambassadors")
    assert row["quote"] == NASTY  # the data itself is intact


# ── CSV ──────────────────────────────────────────────────────────────────────────────────


def test_csv_parses_with_the_csv_module(frames, raw) -> None:
    rows = list(csv.DictReader(io.StringIO(render(frames.observations, "csv"))))
    assert len(rows) == len(raw["observations"])
    by_id = {row["id"]: row for row in rows}
    assert set(rows[0]) >= REQUIRED_KEYS
    assert by_id["2023-02-accounts-created"]["value"] == "65700000"
    assert by_id["2021-09-haute-garonne-activation-rate"]["value"] == "3.5"
    for obs in raw["observations"]:
        row = by_id[obs["id"]]
        assert row["quote"] == obs["quote"]  # commas, quotes and apostrophes survive
        assert float(row["value"]) == pytest.approx(obs["value"])
        assert row["period_start"] == obs["period_start"].isoformat()


# ── Markdown ─────────────────────────────────────────────────────────────────────────────


def test_markdown_has_a_citation_line_per_figure(frames, raw) -> None:
    text = render(frames.observations, "md")
    citations = [line for line in text.splitlines() if line.lstrip().startswith("— ")]
    assert len(citations) == len(raw["observations"])
    # a source's title, or, untitled, what it is
    titles = {s["id"]: s.get("title", "untitled press article") for s in raw["sources"]}
    for obs in raw["observations"]:
        line = next(c for c in citations if f"[{obs['id']}]" in c)
        assert titles[obs["source"]] in line
    quotes = [
        line.strip()[2:].rstrip() for line in text.splitlines() if line.lstrip().startswith("> ")
    ]
    assert len(quotes) == len(raw["observations"])


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def test_citations_name_the_source_and_when_it_was_published(frames, raw) -> None:
    sources = {s["id"]: s for s in raw["sources"]}
    actors = {a["id"]: a for a in raw["actors"]}
    rows = json.loads(render(frames.observations, "json"))
    for row in rows:
        source = sources[row["source"]]
        day = source["published"]
        when = {
            "day": f"{day.day} {MONTHS[day.month - 1]} {day.year}",
            "month": f"{MONTHS[day.month - 1]} {day.year}",
            "year": str(day.year),
        }[source["published_precision"]]
        citation = row["citation"]
        if "title" in source:
            assert f"“{source['title']}”" in citation
        else:  # named for what it is, never by a title it does not have
            assert ", in untitled press article, " in citation
            assert "“" not in citation and source["description"] not in citation
        assert citation.endswith(when), (citation, when)
        if row["speaker"]:
            assert citation.startswith(f"{row['speaker']} ({actors[row['actor']]['short']})")
        else:
            assert citation.startswith(actors[row["actor"]]["name"])


def test_markdown_of_nothing_says_so(frames) -> None:
    text = render(frames.observations.clear(), "md")
    assert "No figure" in text


def test_markdown_escapes_markup_and_controls(frames) -> None:
    target = pl.col("id") == "2023-02-ambassadors"
    frame = poisoned(frames).with_columns(
        pl.when(target)
        .then(pl.lit("a *gras* | [lien](x) " + NASTY))
        .otherwise(pl.col("quote"))
        .alias("quote")
    )
    text = render(frame, "md")
    assert raw_controls(text) == []
    assert "\\*gras\\*" in text and "\\|" in text and "\\[lien\\]" in text


# ── Table ────────────────────────────────────────────────────────────────────────────────


def test_table_lists_every_figure(frames, raw) -> None:
    text = render(frames.observations, "table")
    for obs in raw["observations"]:
        assert obs["id"] in text
    # Data only: one line a figure under the header, no count (the CLI says it on stderr).
    assert len(text.splitlines()) == 1 + len(raw["observations"])


def test_table_never_sends_raw_control_characters(frames) -> None:
    frame = poisoned(frames)
    assert NASTY in frame["quote"].to_list()
    text = render(frame, "table")
    assert raw_controls(text) == []
    assert "\\x1b[2J" in text  # shown, not obeyed


def test_table_fits_the_width(frames) -> None:
    text = render(frames.observations, "table", width=100)
    assert max(len(line) for line in text.splitlines()) <= 100
    assert "…" in text  # something had to give


def test_table_of_nothing(frames) -> None:
    text = render(frames.observations.clear(), "table")
    assert text.splitlines() == ["DATE  METRIC  VALUE  ACTOR  ID"]


def test_plain_table_aligns_and_escapes() -> None:
    text = plain_table(("A", "B"), [("x", "1"), ("long\x1b", "22")], right=(1,))
    lines = text.splitlines()
    assert lines[0] == "A          B"
    assert lines[1] == "x          1"
    assert lines[2] == "long\\x1b  22"


# ── write_atomic ─────────────────────────────────────────────────────────────────────────


def test_write_atomic_writes(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    write_atomic(target, "[1, 2]\nété\n")
    assert target.read_text(encoding="utf-8") == "[1, 2]\nété\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_write_atomic_keeps_line_endings(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    write_atomic(target, "a,b\r\n1,2\r\n")
    assert target.read_bytes() == b"a,b\r\n1,2\r\n"


def test_write_atomic_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(ExportError, match="exists"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


def test_write_atomic_overwrites_with_force(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")
    write_atomic(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


def test_write_atomic_into_a_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(ExportError):
        write_atomic(tmp_path / "nowhere" / "out.md", "x")
    assert list(tmp_path.iterdir()) == []


def test_write_atomic_leaves_nothing_when_the_text_cannot_be_encoded(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    # The failure is the project's own error with a message, never a bare codec error.
    with pytest.raises(ExportError, match="encode"):
        write_atomic(target, "lone surrogate \ud800")
    assert list(tmp_path.iterdir()) == []


def test_write_atomic_leaves_nothing_when_the_rename_fails(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "out.txt"

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(ExportError, match="No space left"):
        write_atomic(target, "x")
    assert list(tmp_path.iterdir()) == []


def test_write_atomic_failure_keeps_the_old_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")

    def broken_fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(ExportError):
        write_atomic(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_an_export_gets_the_users_umask_not_a_private_mode(tmp_path) -> None:
    import os
    import stat

    from mes_tui.core.export import write_atomic

    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a.csv", "x")
        os.umask(0o077)
        write_atomic(tmp_path / "b.csv", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.csv").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "b.csv").stat().st_mode) == 0o600


def test_an_existing_file_is_reported_as_such(tmp_path) -> None:
    import pytest

    from mes_tui.core.export import ExportError, write_atomic

    (tmp_path / "a.csv").write_text("keep")
    with pytest.raises(ExportError) as caught:
        write_atomic(tmp_path / "a.csv", "x")
    assert caught.value.exists
    with pytest.raises(ExportError) as caught:
        write_atomic(tmp_path / "missing" / "a.csv", "x")
    assert not caught.value.exists
