"""The command line: data on standard output, messages on standard error, documented exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mes_tui.cli.main import main

REPO = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mes_tui", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )


def query_json(capsys, *args: str) -> list[dict]:
    code = main(["query", "--format", "json", *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def norm(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f\u2009\u2007]+", " ", text).strip()


# ── query, through a real process ────────────────────────────────────────────────────────


def test_query_json_lists_every_observation_verbatim(data_dir: Path, raw) -> None:
    result = run("query", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    declared = len(
        re.findall(
            r"^\[\[observation\]\]\s*$",
            (data_dir / "observations.toml").read_text(encoding="utf-8"),
            re.MULTILINE,
        )
    )
    assert len(rows) == declared == len(raw["observations"])
    texts = {
        s["id"]: (data_dir / s["text_file"]).read_text(encoding="utf-8") for s in raw["sources"]
    }
    quotes = {o["id"]: o["quote"] for o in raw["observations"]}
    for row in rows:
        assert row["quote"] == quotes[row["id"]]
        assert norm(row["quote"]) in norm(texts[row["source"]])
    assert "Traceback" not in result.stderr


def test_query_with_data_pointing_at_a_broken_copy(data_copy: Path, replace_in) -> None:
    replace_in(
        data_copy / "observations.toml", "le taux de refus stagnait", "le taux de refus plafonnait"
    )
    result = run("query", "--data", str(data_copy))
    assert result.returncode == 1
    assert result.stdout == ""
    problem_lines = [
        line for line in result.stderr.splitlines() if "2021-09-haute-garonne-refusal-rate" in line
    ]
    assert len(problem_lines) == 1
    assert "observations.toml" in problem_lines[0] and ": quote:" in problem_lines[0]
    assert "Traceback" not in result.stdout + result.stderr


def test_help_mentions_exit_codes() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "exit codes" in result.stdout
    for code in ("0", "1", "2", "3"):
        assert re.search(rf"^\s+{code}\s+\S", result.stdout, re.MULTILINE), code


# ── query, in process ────────────────────────────────────────────────────────────────────


def test_query_by_metric(capsys, raw) -> None:
    rows = query_json(capsys, "--metric", "accounts_activated")
    assert {r["id"] for r in rows} == {
        o["id"] for o in raw["observations"] if o["metric"] == "accounts_activated"
    }
    assert {r["metric"] for r in rows} == {"accounts_activated"}


def test_query_by_several_metrics(capsys, raw) -> None:
    rows = query_json(capsys, "-m", "accounts_activated", "-m", "accounts_created")
    wanted = {"accounts_activated", "accounts_created"}
    assert {r["id"] for r in rows} == {
        o["id"] for o in raw["observations"] if o["metric"] in wanted
    }


def test_query_by_actor_finds_joint_statements(capsys) -> None:
    rows = query_json(capsys, "--actor", "ans")
    assert {r["actor"] for r in rows} == {"dns-cnam-ans", "dns-ans"}


def test_query_since_until(capsys, raw) -> None:
    rows = query_json(capsys, "--since", "2024", "--until", "2024")
    from datetime import date

    since, until = date(2024, 1, 1), date(2024, 12, 31)
    expected = {
        o["id"]
        for o in raw["observations"]
        if o["period_end"] >= since and o["period_start"] <= until
    }
    assert expected and {r["id"] for r in rows} == expected


def test_query_until_a_month_keeps_that_whole_month(capsys) -> None:
    # "fin septembre" 2021 is stored as 2021-09-30: --until 2021-09 must keep it.
    ids = {r["id"] for r in query_json(capsys, "--until", "2021-09")}
    assert "2021-09-haute-garonne-activation-rate" in ids


def test_query_search(capsys) -> None:
    # "Ces volontaires ont permis de sensibiliser près de 14 000 personnes, ..."
    rows = query_json(capsys, "--search", "SENSIBILISER pres")
    assert {r["id"] for r in rows} == {
        "2023-02-ambassador-activations",
        "2023-02-ambassador-people-reached",
    }
    assert query_json(capsys, "-s", "sensibiliser zzz") == []


def test_query_with_no_match_succeeds_and_says_so_on_stderr(capsys) -> None:
    code = main(["query", "--format", "json", "--search", "zzzzzz"])
    out, err = capsys.readouterr()
    assert code == 0
    assert json.loads(out) == []
    assert "no figure" in err


def test_query_formats(capsys, raw) -> None:
    assert main(["query", "--format", "csv", "-m", "accounts_created"]) == 0
    out, _ = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["id"] for r in rows} == {
        o["id"] for o in raw["observations"] if o["metric"] == "accounts_created"
    }
    assert main(["query", "--format", "md", "-m", "accounts_created"]) == 0
    out, _ = capsys.readouterr()
    assert "[2023-02-accounts-created]" in out
    assert main(["query", "-m", "accounts_created"]) == 0
    out, _ = capsys.readouterr()
    assert "65.7 M" in out and "2023-02-accounts-created" in out


def test_unknown_metric_exits_2_and_points_to_the_listing(capsys) -> None:
    code = main(["query", "--metric", "nope"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert "'nope'" in err and "mes-tui metrics" in err
    assert "did you mean" not in err  # nothing is close to it: no noise
    assert len(err.splitlines()) == 1


def test_a_typo_gets_at_most_three_suggestions_not_every_id(capsys) -> None:
    code = main(["query", "--metric", "accounts_activatd"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert "did you mean accounts_activated" in err
    suggested = err.split("did you mean", 1)[1].split("?")[0]
    assert 1 <= len(re.findall(r"[a-z]+_[a-z_]+", suggested)) <= 3
    assert "budget_segur_numerique" not in err  # not the whole list


def test_unknown_actor_suggests_the_close_one(capsys) -> None:
    code = main(["query", "--actor", "cuor"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert "did you mean cour-des-comptes" in err and "mes-tui actors" in err


@pytest.mark.parametrize("typed", ["cour", "Cour des comptes", "COUR DES COMPTES", "cour-des"])
def test_actor_by_prefix_or_name_as_the_explorer_accepts(capsys, typed: str) -> None:
    rows = query_json(capsys, "--actor", typed)
    assert rows and {r["actor"] for r in rows} == {"cour-des-comptes"}


def test_metric_by_name_with_accents_ignored(capsys) -> None:
    by_id = query_json(capsys, "--metric", "accounts_activated")
    label = by_id[0]["metric_label"]
    by_name = query_json(capsys, "--metric", label.upper())
    assert [r["id"] for r in by_name] == [r["id"] for r in by_id]
    by_french = query_json(capsys, "--metric", "PROFILS ACTIVES")  # "profils activés"
    assert {r["metric"] for r in by_french} == {"accounts_activated"}


def test_an_ambiguous_word_names_its_candidates(capsys) -> None:
    code = main(["query", "--metric", "rate"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert "could mean" in err and "activation_rate_created" in err


def test_table_output_has_only_data_on_stdout(capsys) -> None:
    assert main(["query", "--actor", "cour"]) == 0
    out, err = capsys.readouterr()
    assert "figure" not in out.splitlines()[-1]
    assert re.search(r"\d+ figures?", err)


def test_metric_command_accepts_a_name(capsys) -> None:
    assert main(["metric", "accounts activated", "--format", "json"]) == 0
    out, _ = capsys.readouterr()
    assert json.loads(out)["metric"]["id"] == "accounts_activated"


@pytest.mark.parametrize("bad", ["2023-13", "yesterday", "2023-02-30", "23"])
def test_bad_date_exits_2(capsys, bad: str) -> None:
    code = main(["query", "--since", bad])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert bad in err


def test_since_after_until_exits_2(capsys) -> None:
    code = main(["query", "--since", "2024", "--until", "2023"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert "1 Jan 2024" in err and "31 Dec 2023" in err


def test_unknown_option_exits_2(capsys) -> None:
    code = main(["query", "--colour"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert "--colour" in err


def test_unknown_format_exits_2(capsys) -> None:
    assert main(["query", "--format", "xml"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "xml" in err


# ── --output ─────────────────────────────────────────────────────────────────────────────


def test_output_writes_a_file_and_nothing_on_stdout(capsys, tmp_path: Path, raw) -> None:
    target = tmp_path / "figures.json"
    code = main(["query", "--format", "json", "--output", str(target)])
    out, err = capsys.readouterr()
    assert code == 0
    assert out == ""
    assert str(target) in err
    assert len(json.loads(target.read_text(encoding="utf-8"))) == len(raw["observations"])


def test_output_refuses_an_existing_file_unless_forced(capsys, tmp_path: Path) -> None:
    target = tmp_path / "figures.csv"
    target.write_text("precious", encoding="utf-8")
    code = main(["query", "--format", "csv", "-o", str(target)])
    out, err = capsys.readouterr()
    assert code == 3
    assert out == ""
    assert "--force" in err
    assert target.read_text(encoding="utf-8") == "precious"
    code = main(["query", "--format", "csv", "-o", str(target), "--force"])
    capsys.readouterr()
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("id,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figures.csv"]


def test_output_into_a_missing_directory_exits_3(capsys, tmp_path: Path) -> None:
    code = main(["query", "-o", str(tmp_path / "missing" / "x.json"), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 3 and out == ""
    assert err
    assert "--force" not in err  # it would not help


# ── listings ─────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("kind", ["metrics", "actors", "sources"])
def test_listings_show_every_id(capsys, raw, kind: str) -> None:
    assert main([kind]) == 0
    out, err = capsys.readouterr()
    table_ids = {line.split()[0] for line in out.splitlines()[1:] if line.strip()}
    assert table_ids == {r["id"] for r in raw[kind]}
    assert err == ""
    assert main([kind, "--format", "json"]) == 0
    out, _ = capsys.readouterr()
    assert [r["id"] for r in json.loads(out)] == [r["id"] for r in raw[kind]]


def test_listing_csv_and_md(capsys, raw) -> None:
    assert main(["actors", "--format", "csv"]) == 0
    out, _ = capsys.readouterr()
    assert [r["id"] for r in csv.DictReader(io.StringIO(out))] == [a["id"] for a in raw["actors"]]
    assert main(["sources", "--format", "md"]) == 0
    out, _ = capsys.readouterr()
    rows = [line for line in out.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == len(raw["sources"]) + 1  # header and one row per source


def test_listing_json_dates_are_iso(capsys, raw) -> None:
    assert main(["sources", "--format", "json"]) == 0
    out, _ = capsys.readouterr()
    published = {r["id"]: r["published"] for r in json.loads(out)}
    assert published == {s["id"]: s["published"].isoformat() for s in raw["sources"]}


def test_listing_with_a_broken_copy_exits_1(capsys, data_copy: Path) -> None:
    (data_copy / "metrics.toml").unlink()
    code = main(["metrics", "--data", str(data_copy)])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert "metrics.toml" in err and "missing" in err


def test_global_data_option_before_the_command(capsys, data_copy: Path) -> None:
    (data_copy / "events.toml").write_text("", encoding="utf-8")
    code = main(["--data", str(data_copy), "query"])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert "events.toml" in err


# ── validate ─────────────────────────────────────────────────────────────────────────────


def test_validate_the_bundled_data(capsys, raw) -> None:
    assert main(["validate"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert f"{len(raw['observations'])} observations" in err


def test_validate_a_broken_copy(capsys, data_copy: Path, replace_in) -> None:
    replace_in(data_copy / "observations.toml", 'metric = "opposition_rate"', 'metric = "nope"')
    assert main(["validate", str(data_copy)]) == 1
    out, err = capsys.readouterr()
    (line,) = out.splitlines()
    assert "observations.toml" in line and "2021-09-haute-garonne-refusal-rate" in line
    assert ": metric:" in line
    assert "1 problem" in err


def test_version(capsys) -> None:
    assert main(["--version"]) == 0
    out, _ = capsys.readouterr()
    assert re.match(r"mes-tui \d+\.\d+", out)


def test_help_import_stays_light() -> None:
    code = (
        "import sys; from mes_tui.cli.main import build_parser; build_parser(); "
        "print(sorted(m for m in ('polars', 'textual', 'rich') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_query_by_scope(capsys) -> None:
    rows = query_json(capsys, "--scope", "departement:31")
    assert {(r["scope"], r["scope_detail"]) for r in rows} == {
        ("departement", "Haute-Garonne (31)")
    }
    national = query_json(capsys, "--scope", "national", "-m", "accounts_activated")
    assert national and {r["scope"] for r in national} == {"national"}


def test_an_ambiguous_or_unknown_scope_exits_2(capsys) -> None:
    assert main(["query", "--scope", "75"]) == 2
    assert "region:75 or departement:75" in capsys.readouterr().err
    assert main(["query", "--scope", "somewhere"]) == 2
    assert "valid scopes" in capsys.readouterr().err
