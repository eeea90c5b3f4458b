"""The language: chosen by --lang, MES_TUI_LANG or the locale variables; switched from the
palette while running; French and English labels both found, accents and case ignored."""

from __future__ import annotations

import re

import pytest

from mes_tui.cli.main import main
from mes_tui.present.language import language_from_env
from mes_tui.ui.app import create_app
from mes_tui.ui.footer import KeysFooter
from tests.ui_support import palette_offers, settled, wait_for, wait_loaded


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_BE"}, "fr"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),  # a language mes-tui does not speak: English
        ({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "C"}, "en"),
        ({"LANG": "C", "LC_MESSAGES": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "C", "LC_MESSAGES": "C", "LC_ALL": "fr_CA.UTF-8"}, "fr"),
        ({"LC_ALL": "fr_FR.UTF-8", "MES_TUI_LANG": "en"}, "en"),
        ({"LANG": "C", "MES_TUI_LANG": "fr"}, "fr"),
        ({"LANG": "fr_FR.UTF-8", "MES_TUI_LANG": ""}, "fr"),  # empty: not set
    ],
)
def test_language_from_the_environment(environ: dict[str, str], expected: str) -> None:
    assert language_from_env(environ) == expected


def test_the_option_wins_over_the_environment(monkeypatch, capsys) -> None:
    monkeypatch.setenv("MES_TUI_LANG", "en")
    assert main(["--lang", "fr", "query", "--metric", "accounts_activated"]) == 0
    out, err = capsys.readouterr()
    # The table is data only; its count is a message, on standard error.
    assert "INDICATEUR" in out and "19 févr. 2025" in out and re.search(r"\d+ chiffres", err)
    monkeypatch.setenv("MES_TUI_LANG", "fr")
    assert main(["query", "--lang", "en", "--metric", "accounts_activated"]) == 0
    out, err = capsys.readouterr()
    assert "METRIC" in out and "19 Feb 2025" in out and re.search(r"\d+ figures", err)


def test_the_locale_variables_choose_french(monkeypatch, capsys) -> None:
    monkeypatch.delenv("MES_TUI_LANG")
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")  # need not be generated on the machine
    assert main(["metrics"]) == 0
    assert "LIBELLÉ" in capsys.readouterr().out
    monkeypatch.setenv("LC_ALL", "C")
    assert main(["metrics"]) == 0
    assert "LABEL" in capsys.readouterr().out


def test_help_and_usage_errors_in_french(capsys) -> None:
    assert main(["--lang", "fr", "--help"]) == 0
    out = capsys.readouterr().out
    assert "afficher cette aide et quitter" in out and "codes de sortie\u00a0:" in out
    assert "usage\u00a0: mes-tui" in out
    assert main(["--lang", "fr", "query", "--format", "xml"]) == 2
    err = capsys.readouterr().err
    assert "erreur\u00a0:" in err and "choix invalide" in err
    assert main(["--lang", "fr", "query", "--metric", "nope"]) == 2
    assert "indicateur inconnu 'nope'" in capsys.readouterr().err


async def test_the_palette_switches_the_language_while_running() -> None:
    async with create_app(lang="en").run_test(size=(120, 40)) as pilot:
        screen = await wait_loaded(pilot)
        summary = screen.query_one("#summary")
        assert "figures" in str(summary.render())
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Langue")
        await wait_for(pilot, lambda: palette_offers(pilot, "Langue\u00a0: français"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: "chiffres" in str(summary.render()))
        assert screen.query_one("#timeline").border_title == "Chronologie"
        footer = screen.query_one(KeysFooter)
        await wait_for(
            pilot,
            lambda: "Chercher" in [getattr(key, "description", "") for key in footer.children],
        )
        # And back, from the French entry.
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Language")
        await wait_for(pilot, lambda: palette_offers(pilot, "Language: English"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: "figures" in str(summary.render()))


@pytest.mark.parametrize(
    ("typed", "metric"),
    [
        ("comptes actives", "accounts_activated"),
        pytest.param(  # the same search, upper case: a further variant (slow tier)
            "TAUX D'ACTIVATION (DES COMPTES CREES)",
            "activation_rate_created",
            marks=pytest.mark.slow,
        ),
    ],
)
async def test_the_palette_finds_french_labels_without_accents(typed: str, metric: str) -> None:
    async with create_app(lang="en").run_test(size=(120, 40)) as pilot:
        screen = await wait_loaded(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*typed)
        await wait_for(pilot, lambda: palette_offers(pilot, f"show only {metric}"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.filters.metrics == frozenset({metric}))


def test_the_data_speaks_french_too(raw) -> None:
    """Every definition, look-alike note, denominator, source description and event title has
    its French."""
    missing = [
        f"{stem}: {record['id']}: {field}_fr"
        for stem, fields in (
            ("metrics", ("definition", "lookalike_note", "denominator")),
            ("sources", ("description",)),
            ("events", ("title",)),
        )
        for record in raw[stem]
        for field in fields
        if record.get(field) and not record.get(f"{field}_fr")
    ]
    assert not missing, missing
    assert all(record.get("label_fr") for record in raw["metrics"])


def test_the_cli_shows_french_data(capsys) -> None:
    assert main(["--lang", "fr", "metric", "accounts_created"]) == 0
    out = capsys.readouterr().out
    assert "Définition\u00a0: Espaces Mon espace santé créés automatiquement" in out
    assert "À ne pas confondre\u00a0: Créé n'est pas activé" in out


async def test_the_palette_lists_whole_words_first() -> None:
    """ "taux" lists the rates first: the French labels are in the palette's entries."""
    from textual.command import CommandList, CommandPalette

    async with create_app(lang="fr").run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"taux")
        palette = pilot.app.screen
        assert isinstance(palette, CommandPalette)

        def first_hits() -> list[str]:
            options = palette.query_one(CommandList).options
            return [str(option.prompt).split("\n")[0] for option in options[:3]]

        await wait_for(pilot, lambda: len(first_hits()) == 3)
        await settled(pilot)  # the palette's search (a worker) has listed every hit
        assert all("Taux" in hit for hit in first_hits()), first_hits()


def test_markdown_and_json_in_french(capsys) -> None:
    assert main(["--lang", "fr", "query", "--metric", "accounts_activated", "-f", "md"]) == 0
    md = capsys.readouterr().out
    assert md.startswith("# Mon espace santé\u00a0: chiffres publiés")
    assert "**Comptes / profils activés**" in md and "févr. 2025" in md
    assert main(["--lang", "fr", "query", "--metric", "accounts_activated", "-f", "json"]) == 0
    import json

    rows = json.loads(capsys.readouterr().out)
    # Values stay in base units and dates ISO in JSON, whatever the language; only the
    # citation is worded.
    assert all(isinstance(r["value"], (int, float)) for r in rows)
    assert all(len(r["period_start"]) == 10 for r in rows)
    assert any("févr. 2025" in r["citation"] for r in rows)


def test_a_reversed_date_range_is_said_in_french(capsys) -> None:
    assert main(["--lang", "fr", "query", "--since", "2025", "--until", "2024"]) == 2
    assert "le début (1 janv. 2025) est après la fin (31 déc. 2024)" in capsys.readouterr().err
