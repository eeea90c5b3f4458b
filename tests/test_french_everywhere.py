"""What was still English in a French interface: the scope picker and scope errors, every
option's help, the served pages, extraction and review messages, the denominators of shares and
the actors named in English. The core gives the structure; ``present`` and the data say it."""

from __future__ import annotations

import argparse
import tomllib
from pathlib import Path

import pytest
from textual.widgets import OptionList

from mes_tui.cli.argparse_words import speak_argparse
from mes_tui.cli.main import build_parser, main
from mes_tui.core.filters import SCOPE_KINDS, ScopeChoice, ScopeError, parse_scope, scope_choices
from mes_tui.present.citation import citation, with_citation
from mes_tui.present.language import set_language
from mes_tui.present.scopes import scope_choice_label, scope_error
from mes_tui.ui.app import create_app
from mes_tui.ui.screens.pickers import ChoiceScreen
from tests.conftest import BUNDLED_DIR
from tests.ui_support import wait_for, wait_loaded


@pytest.fixture(autouse=True)
def _english_after() -> object:
    yield
    set_language("en")


# ── Scopes ──────────────────────────────────────────────────────────────────────────────


def test_the_core_gives_scope_choices_as_data_not_sentences(frames) -> None:
    choices = scope_choices(frames.observations)
    assert all(isinstance(c, ScopeChoice) for c in choices)
    assert [c.scope for c in choices[: len(SCOPE_KINDS)]] == list(SCOPE_KINDS)
    assert all(c.code is None and c.word == c.scope for c in choices[: len(SCOPE_KINDS)])
    places = choices[len(SCOPE_KINDS) :]
    assert places and all(c.word == f"{c.scope}:{c.code}" for c in places)
    # Every word a choice carries is a filter word the parser takes back as it is.
    assert all(parse_scope(c.word) == c.word for c in choices)


def test_the_scope_picker_says_each_scope_in_the_language() -> None:
    national, region = ScopeChoice("national", "national"), ScopeChoice("region", "region")
    place = ScopeChoice("region:75", "region", "75", "Nouvelle-Aquitaine")
    assert scope_choice_label(national, "en") == "national  ·  national figures"
    assert scope_choice_label(national, "fr") == "national  ·  chiffres nationaux"
    assert scope_choice_label(region, "fr") == "region  ·  toutes les régions"
    # A place is named as the figures name it, in either language.
    assert scope_choice_label(place, "fr") == scope_choice_label(place, "en")
    assert scope_choice_label(place, "fr") == "region:75  ·  Nouvelle-Aquitaine"


@pytest.mark.parametrize(
    ("word", "english", "french"),
    [
        ("region:31", "is not the INSEE code of a région", "n’est pas le code INSEE d’une région"),
        ("dep:99", "is not the INSEE code of a département", "n’est pas le code INSEE d’un dép"),
        ("75", "write region:75 or departement:75", "écrivez region:75 ou departement:75"),
        ("nowhere", "unknown scope 'nowhere'", "champ inconnu 'nowhere'"),
    ],
)
def test_a_scope_that_does_not_read_is_said_in_both_languages(
    word: str, english: str, french: str
) -> None:
    with pytest.raises(ScopeError) as raised:
        parse_scope(word)
    assert english in scope_error(raised.value, "en")
    assert french in scope_error(raised.value, "fr")


@pytest.mark.parametrize("command", ["query", "latest"])
def test_the_cli_says_a_bad_scope_in_french(command: str, capsys) -> None:
    assert main(["--lang", "fr", command, "--scope", "region:31"]) == 2
    err = capsys.readouterr().err
    assert "champ 'region:31'\u00a0: '31' n’est pas le code INSEE d’une région" in err
    assert main(["--lang", "en", command, "--scope", "region:31"]) == 2
    assert "scope 'region:31': '31' is not the INSEE code of a région" in capsys.readouterr().err


def test_an_unknown_headline_is_said_in_french(capsys) -> None:
    assert main(["--lang", "fr", "latest", "nothing_like_it"]) == 2
    err = capsys.readouterr().err
    assert "indicateur phare inconnu 'nothing_like_it'" in err and "accounts_activated" in err


async def test_the_scope_picker_reads_french() -> None:
    async with create_app(lang="fr").run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
        options = pilot.app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(5)]
        assert any("chiffres nationaux" in p for p in prompts), prompts
        assert not any("national figures" in p for p in prompts), prompts


# ── Help of every command ───────────────────────────────────────────────────────────────


def _helps(lang: str) -> dict[tuple[str, str], str]:
    """The help of every option and argument of every command, said in ``lang``."""
    set_language(lang)
    speak_argparse(lang)  # argparse's own words (-h), as ``main`` does
    parser = build_parser()
    found: dict[tuple[str, str], str] = {}
    parsers = {"": parser}
    for action in parser._actions:  # argparse keeps its subparsers here
        if isinstance(action, argparse._SubParsersAction):
            parsers.update(action.choices)
    for name, sub in parsers.items():
        found[(name, "description")] = sub.description or ""
        for action in sub._actions:
            if action.help and action.help is not argparse.SUPPRESS:
                found[(name, action.dest)] = action.help
    return found


def test_every_option_of_every_command_has_its_help_in_french() -> None:
    english, french = _helps("en"), _helps("fr")
    assert english.keys() == french.keys()
    assert {"latest", "serve", "extract", "review"} <= {name for name, _ in english}
    same = [key for key in english if english[key] == french[key] and english[key]]
    assert not same, same
    speak_argparse("en")


# ── Data in both languages ──────────────────────────────────────────────────────────────


def test_every_denominator_of_the_bundled_data_has_its_french() -> None:
    metrics = tomllib.loads((BUNDLED_DIR / "metrics.toml").read_text(encoding="utf-8"))["metric"]
    shares = [m for m in metrics if m.get("denominator")]
    assert len(shares) > 30
    assert not [m["id"] for m in shares if not m.get("denominator_fr")]


def test_the_metric_report_names_the_denominator_in_the_language(capsys) -> None:
    assert main(["--lang", "fr", "metric", "activation_rate_created"]) == 0
    out = capsys.readouterr().out
    assert "Part de\u00a0: comptes créés" in out and "accounts created" not in out
    assert main(["--lang", "en", "metric", "activation_rate_created"]) == 0
    assert "Share of: accounts created" in capsys.readouterr().out


def test_an_actor_named_in_english_is_named_in_french(frames) -> None:
    joint = frames.observations.filter(
        (frames.observations["actor"] == "dns-cnam-ans") & frames.observations["speaker"].is_null()
    )
    assert joint.height
    row = joint.row(0, named=True)
    assert citation(row, "fr").startswith("DNS, Assurance maladie et ANS (présentation commune)")
    assert citation(row, "en").startswith("DNS, Assurance maladie and ANS (joint presentation)")
    # The citations of a whole frame say the same.
    assert with_citation(joint.head(1), "fr")["citation"][0] == citation(row, "fr")


def test_the_actors_listing_and_the_actor_filter_speak_french(capsys) -> None:
    assert main(["--lang", "fr", "actors"]) == 0
    out = capsys.readouterr().out
    assert "présentation commune" in out and "joint presentation" not in out
    assert main(["--lang", "fr", "query", "--actor", "Presse", "-f", "json"]) == 0
    assert '"actor": "press"' in capsys.readouterr().out


# ── Served pages, extraction and review ─────────────────────────────────────────────────


def test_the_served_pages_speak_the_servers_language() -> None:
    from mes_tui.web.server import GuardedServer

    server = GuardedServer("true", host="127.0.0.1", port=8000, token="abcdefghijkl")
    set_language("fr")
    page = server._forbidden().text or ""
    assert '<html lang="fr">' in page and "Ce lien est incomplet" in page
    set_language("en")
    page = server._forbidden().text or ""
    assert '<html lang="en">' in page and "This link is incomplete" in page


def test_extraction_says_why_an_article_cannot_be_read_in_french(tmp_path: Path, capsys) -> None:
    empty = tmp_path / "vide.txt"
    empty.write_bytes(b"")
    assert main(["--lang", "fr", "extract", str(empty), "--published", "2025-01-01"]) == 4
    assert "le fichier est vide" in capsys.readouterr().err
    assert main(["--lang", "fr", "extract", str(empty), "--published", "hier soir"]) == 2
    assert "n’est pas une date" in capsys.readouterr().err
