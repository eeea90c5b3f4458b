"""CSV for French spreadsheets: ';' between fields, a decimal comma, UTF-8 with a byte-order
mark; chosen with an option, offered (and ticked) by the export dialog in French. The default
CSV stays RFC 4180."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from textual.widgets import Checkbox, Input

from mes_tui.cli.main import main
from mes_tui.core.filters import Filters
from mes_tui.present.export import render
from mes_tui.ui.app import create_app
from tests.ui_support import wait_for, wait_loaded


def _rows(text: str, delimiter: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=delimiter))


def test_french_csv_reads_back_with_semicolons_and_decimal_commas(frames) -> None:
    text = render(frames.observations, "csv", dialect="fr", lang="fr")
    assert text.startswith("\ufeff") and text.splitlines()[0].count(";") > 20
    rows = _rows(text, ";")
    assert len(rows) == frames.observations.height
    by_id = {row["id"]: row for row in rows}
    expected = dict(frames.observations.select("id", "value").iter_rows())
    for rid, row in by_id.items():
        assert float(row["value"].replace(",", ".")) == expected[rid]
    fractional = [r for r in rows if "," in r["value"]]
    assert fractional and all("." not in r["value"] for r in rows)
    # Every quote reads back whole, those holding ";" or "," included.
    quotes = dict(frames.observations.select("id", "quote").iter_rows())
    assert all(row["quote"] == quotes[rid] for rid, row in by_id.items())
    assert any(";" in q or "," in q for q in quotes.values())


def test_default_csv_stays_rfc4180(frames) -> None:
    text = render(frames.observations, "csv", lang="fr")
    assert not text.startswith("\ufeff")
    rows = _rows(text, ",")
    assert len(rows) == frames.observations.height
    assert all("," not in r["value"] for r in rows)


def test_query_takes_the_dialect(tmp_path: Path) -> None:
    out = tmp_path / "fr.csv"
    assert main(["query", "--format", "csv", "--csv-dialect", "fr", "--output", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith("\ufeff".encode()) and b";" in raw.splitlines()[0]


async def test_the_dialog_offers_french_csv_in_french(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    filters = Filters(metrics=frozenset({"activation_rate_created"}))
    async with create_app(filters=filters, lang="fr").run_test(size=(100, 30)) as pilot:
        screen = await wait_loaded(pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: pilot.app.screen is not screen)
        box = pilot.app.screen.query_one("#export-french-csv", Checkbox)
        assert box.value is True and "tableur français" in str(box.label)
        field = pilot.app.screen.query_one("#export-path", Input)
        assert field.value.endswith(".csv") and "mes-chiffres" in field.value
        await pilot.press("enter")
        await wait_for(pilot, lambda: pilot.app.screen is screen)
    written = next(tmp_path.glob("*.csv")).read_text(encoding="utf-8")
    rows = _rows(written, ";")
    assert rows and {r["metric"] for r in rows} == {"activation_rate_created"}
    assert written.startswith("\ufeff")


async def test_the_dialog_writes_rfc4180_in_english(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    async with create_app(lang="en").run_test(size=(100, 30)) as pilot:
        screen = await wait_loaded(pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: pilot.app.screen is not screen)
        assert pilot.app.screen.query_one("#export-french-csv", Checkbox).value is False
        await pilot.press("enter")
        await wait_for(pilot, lambda: pilot.app.screen is screen)
    written = next(tmp_path.glob("*.csv")).read_text(encoding="utf-8")
    assert not written.startswith("\ufeff")
    rows = _rows(written, ",")
    assert rows and all("," not in r["value"] for r in rows)
