"""Validation names every problem precisely: file, record, field and a useful message.

Each test breaks a private copy of the bundled data, then checks both the core ``validate()``
and, for a representative set, the ``mes-tui validate`` command.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path

import pytest

from mes_tui.cli.main import main
from mes_tui.core import DatasetError, Problem, load, validate

REPO = Path(__file__).resolve().parent.parent

OBS_REFUSAL = "2021-09-haute-garonne-refusal-rate"
OBS_PILOT_RATE = "2021-09-haute-garonne-activation-rate"


def line_of(path: Path, needle: str) -> int:
    """1-based number of the only line of ``path`` that contains ``needle``."""
    hits = [
        n
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if needle in line
    ]
    assert len(hits) == 1, (needle, hits)
    return hits[0]


def find(problems: list[Problem], *, file: str, field: str | None, record: str | None = None):
    """The problems of ``file`` for ``field`` (and for the record whose id is ``record``)."""
    out = []
    for p in problems:
        if p.file != file or p.field != field:
            continue
        if record is not None and (
            p.record is None or not re.match(rf"{re.escape(record)}\b(?!-)", p.record)
        ):
            continue
        out.append(p)
    return out


def test_the_bundled_data_has_no_problem(data_dir: Path) -> None:
    assert validate(data_dir) == []


def test_an_untouched_copy_is_valid(data_copy: Path) -> None:
    assert validate(data_copy) == []


# ── Quotes ───────────────────────────────────────────────────────────────────────────────


def test_a_corrupted_quote_names_file_record_and_field(data_copy: Path, replace_in) -> None:
    obs_file = data_copy / "observations.toml"
    replace_in(obs_file, "le taux de refus stagnait", "le taux de refus plafonnait")
    problems = validate(data_copy)
    hits = find(problems, file="observations.toml", field="quote", record=OBS_REFUSAL)
    assert len(hits) == 1, problems
    assert "2021-10-haute-garonne-pilot" in hits[0].message  # the source it was looked for in
    # The record label carries the line of the record's id.
    id_line = line_of(obs_file, 'id = "' + OBS_REFUSAL + '"')
    assert f"line {id_line}" in hits[0].record
    # Nothing else is reported: the value still reads from the (unchanged) value_text.
    assert len(problems) == 1, problems


def test_a_corrupted_event_quote_is_reported_in_events_toml(data_copy: Path, replace_in) -> None:
    replace_in(
        data_copy / "events.toml",
        "programmée entre le 10 et le 25 octobre",
        "programmée entre le 11 et le 25 octobre",
    )
    problems = validate(data_copy)
    hits = find(
        problems, file="events.toml", field="quote", record="2021-10-pilot-automatic-creation"
    )
    assert len(hits) == 1 and len(problems) == 1, problems


def test_an_edited_source_text_fails_its_sha256(data_copy: Path, replace_in) -> None:
    replace_in(data_copy / "sources/2024-06-cour-des-comptes-apm.txt", "onglet\n", "Onglet\n")
    problems = validate(data_copy)
    hits = find(
        problems, file="sources.toml", field="sha256", record="2024-06-cour-des-comptes-apm"
    )
    assert len(hits) == 1 and len(problems) == 1, problems
    assert "2024-06-cour-des-comptes-apm.txt" in hits[0].message


def test_a_quote_edited_out_of_the_source_text_is_caught_twice(data_copy: Path) -> None:
    path = data_copy / "sources/2023-02-first-assessment.txt"
    text = path.read_text(encoding="utf-8")
    assert text.count("65,7 millions de comptes") == 1
    path.write_text(
        text.replace("65,7 millions de comptes", "65,8 millions de comptes"), encoding="utf-8"
    )
    problems = validate(data_copy)
    assert find(problems, file="sources.toml", field="sha256", record="2023-02-first-assessment")
    quoting = {"2023-02-accounts-created", "2023-02-activation-rate", "2023-02-accounts-activated"}
    for obs_id in quoting:
        assert find(problems, file="observations.toml", field="quote", record=obs_id), obs_id


def test_a_missing_source_text(data_copy: Path) -> None:
    (data_copy / "sources/2025-02-senate-hearing.txt").unlink()
    problems = validate(data_copy)
    hits = find(problems, file="sources.toml", field="text_file", record="2025-02-senate-hearing")
    assert len(hits) == 1, problems
    assert "missing" in hits[0].message


def test_a_text_file_outside_the_data_directory_is_refused(data_copy: Path, replace_in) -> None:
    outside = data_copy.parent / "outside.txt"
    outside.write_text("anything", encoding="utf-8")
    replace_in(
        data_copy / "sources.toml",
        'text_file = "sources/2025-02-senate-hearing.txt"',
        'text_file = "../outside.txt"',
    )
    problems = validate(data_copy)
    hits = find(problems, file="sources.toml", field="text_file", record="2025-02-senate-hearing")
    assert len(hits) == 1, problems
    assert "outside" in hits[0].message


# ── References and ids ───────────────────────────────────────────────────────────────────


def test_a_dangling_metric_names_the_field_and_lists_valid_ids(
    data_copy: Path, replace_in, raw
) -> None:
    replace_in(data_copy / "observations.toml", 'metric = "opposition_rate"', 'metric = "nope"')
    problems = validate(data_copy)
    hits = find(problems, file="observations.toml", field="metric", record=OBS_REFUSAL)
    assert len(hits) == 1, problems
    assert "'nope'" in hits[0].message
    for metric in raw["metrics"]:
        assert metric["id"] in hits[0].message


def test_a_dangling_actor_lists_the_valid_actors(data_copy: Path, replace_in, raw) -> None:
    replace_in(data_copy / "observations.toml", 'actor = "csa"', 'actor = "sca"')
    problems = validate(data_copy)
    hits = find(problems, file="observations.toml", field="actor", record="2021-csa-heard-of")
    assert len(hits) == 1, problems
    assert all(a["id"] in hits[0].message for a in raw["actors"])


def test_a_duplicate_id_is_reported_on_field_id(data_copy: Path, replace_in) -> None:
    replace_in(
        data_copy / "observations.toml",
        'id = "2023-02-activation-rate"',
        'id = "2023-02-accounts-created"',
    )
    problems = validate(data_copy)
    hits = find(problems, file="observations.toml", field="id", record="2023-02-accounts-created")
    assert len(hits) == 1, problems
    assert "duplicate" in hits[0].message.lower()


# ── Values ───────────────────────────────────────────────────────────────────────────────


def test_a_percent_out_of_range(data_copy: Path, replace_in) -> None:
    replace_in(data_copy / "observations.toml", "value = 3.5\n", "value = 157\n")
    problems = validate(data_copy)
    hits = find(problems, file="observations.toml", field="value", record=OBS_PILOT_RATE)
    # One problem says it is out of range for a percent.
    assert any("157" in p.message and "100" in p.message for p in hits), problems
    assert all(p.record and p.record.startswith(OBS_PILOT_RATE) for p in problems)


def test_a_value_that_its_words_do_not_say(data_copy: Path, replace_in) -> None:
    replace_in(data_copy / "observations.toml", "value = 220_000\n", "value = 230_000\n")
    problems = validate(data_copy)
    hits = find(
        problems, file="observations.toml", field="value", record="2023-02-activations-two-months"
    )
    assert len(hits) == 1 and len(problems) == 1, problems
    assert "230000" in hits[0].message and "220 000" in hits[0].message


def test_value_text_absent_from_the_quote(data_copy: Path, replace_in) -> None:
    # "221 000" reads as a figure but the quote says "220 000".
    replace_in(data_copy / "observations.toml", 'value_text = "220 000"', 'value_text = "221 000"')
    problems = validate(data_copy)
    hits = find(
        problems,
        file="observations.toml",
        field="value_text",
        record="2023-02-activations-two-months",
    )
    assert len(hits) == 1, problems
    assert "221 000" in hits[0].message


def test_unreadable_value_text(data_copy: Path, replace_in) -> None:
    replace_in(data_copy / "observations.toml", 'value_text = "3,5 %"', 'value_text = "beaucoup"')
    problems = validate(data_copy)
    hits = find(problems, file="observations.toml", field="value_text", record=OBS_PILOT_RATE)
    assert hits, problems
    assert any("beaucoup" in p.message for p in hits)


def test_value_text_one_in_zero_is_a_problem_not_a_crash(data_copy: Path, replace_in) -> None:
    replace_in(
        data_copy / "observations.toml", 'value_text = "3,5 %"', 'value_text = "un sur zéro"'
    )
    problems = validate(data_copy)  # must not raise
    hits = find(problems, file="observations.toml", field="value_text", record=OBS_PILOT_RATE)
    assert hits, problems


# ── Record shapes ────────────────────────────────────────────────────────────────────────


def test_period_end_before_period_start(data_copy: Path, replace_in) -> None:
    obs_file = data_copy / "observations.toml"
    replace_in(
        obs_file,
        'period_start = 2021-09-30\nperiod_end = 2021-09-30\nperiod_precision = "month"\n'
        'period_text = "fin septembre"\nperiod_note = "End of',
        'period_start = 2021-09-30\nperiod_end = 2021-09-01\nperiod_precision = "month"\n'
        'period_text = "fin septembre"\nperiod_note = "End of',
    )
    problems = validate(obs_file.parent)
    hits = find(problems, file="observations.toml", field="period_end", record=OBS_PILOT_RATE)
    assert len(hits) == 1 and len(problems) == 1, problems
    assert "2021-09-01" in hits[0].message and "2021-09-30" in hits[0].message


def test_event_end_before_start(data_copy: Path, replace_in) -> None:
    replace_in(
        data_copy / "events.toml",
        "date_start = 2021-10-10\ndate_end = 2021-10-25",
        "date_start = 2021-10-25\ndate_end = 2021-10-10",
    )
    problems = validate(data_copy)
    hits = find(
        problems, file="events.toml", field="date_end", record="2021-10-pilot-automatic-creation"
    )
    assert len(hits) == 1 and len(problems) == 1, problems


def test_an_unknown_field(data_copy: Path, replace_in) -> None:
    replace_in(
        data_copy / "observations.toml",
        f'id = "{OBS_REFUSAL}"\n',
        f'id = "{OBS_REFUSAL}"\nsoruce_note = "typo"\n',
    )
    problems = validate(data_copy)
    hits = find(problems, file="observations.toml", field="soruce_note", record=OBS_REFUSAL)
    assert len(hits) == 1 and len(problems) == 1, problems
    assert "unknown field" in hits[0].message


def test_a_missing_required_field(data_copy: Path, replace_in) -> None:
    replace_in(data_copy / "observations.toml", 'value_text = "3,5 %"\n', "")
    problems = validate(data_copy)
    hits = find(problems, file="observations.toml", field="value_text", record=OBS_PILOT_RATE)
    assert len(hits) == 1, problems
    assert "required" in hits[0].message.lower()


def test_a_wrong_type_shows_what_it_got(data_copy: Path, replace_in) -> None:
    replace_in(data_copy / "observations.toml", "value = 3.5\n", 'value = "3,5"\n')
    problems = validate(data_copy)
    hits = find(problems, file="observations.toml", field="value", record=OBS_PILOT_RATE)
    assert hits and "3,5" in hits[0].message, problems


def test_a_joint_actor_without_members(data_copy: Path, replace_in) -> None:
    replace_in(data_copy / "actors.toml", 'members = ["dns", "ans"]\n', "")
    problems = validate(data_copy)
    assert [
        p
        for p in problems
        if p.file == "actors.toml"
        and p.record
        and p.record.startswith("dns-ans")
        and "member" in p.message
    ], problems


# ── Files ────────────────────────────────────────────────────────────────────────────────


def test_invalid_toml_reports_the_line(data_copy: Path, replace_in) -> None:
    obs_file = data_copy / "observations.toml"
    text = replace_in(obs_file, "value = 3.5\n", "value = = 3.5\n")
    broken_line = text.splitlines().index("value = = 3.5") + 1
    problems = validate(data_copy)
    hits = [p for p in problems if p.file == "observations.toml"]
    assert len(hits) == 1, problems
    assert hits[0].record is None
    assert "TOML" in hits[0].message
    assert re.search(rf"\bline {broken_line}\b", hits[0].message), hits[0].message


def test_a_file_with_a_byte_order_mark(data_copy: Path) -> None:
    path = data_copy / "metrics.toml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    problems = validate(data_copy)
    hits = [p for p in problems if p.file == "metrics.toml"]
    assert len(hits) == 1, problems
    assert hits[0].record is None
    assert "byte-order mark" in hits[0].message or "BOM" in hits[0].message


def test_a_latin1_file_names_the_first_bad_line(data_copy: Path) -> None:
    path = data_copy / "actors.toml"
    text = path.read_text(encoding="utf-8")
    encoded = text.encode("latin-1")
    path.write_bytes(encoded)
    first_bad_line = next(
        n for n, line in enumerate(text.splitlines(), 1) if any(ord(ch) > 127 for ch in line)
    )
    problems = validate(data_copy)
    hits = [p for p in problems if p.file == "actors.toml"]
    assert len(hits) == 1, problems
    assert "UTF-8" in hits[0].message
    assert re.search(rf"\bline {first_bad_line}\b", hits[0].message), hits[0].message


def test_an_empty_file(data_copy: Path) -> None:
    (data_copy / "events.toml").write_text("", encoding="utf-8")
    problems = validate(data_copy)
    hits = [p for p in problems if p.file == "events.toml"]
    assert len(hits) == 1, problems
    assert "empty" in hits[0].message


def test_a_missing_file(data_copy: Path) -> None:
    (data_copy / "metrics.toml").unlink()
    problems = validate(data_copy)
    hits = [p for p in problems if p.file == "metrics.toml"]
    assert len(hits) == 1, problems
    assert "missing" in hits[0].message


def test_a_missing_directory(tmp_path: Path) -> None:
    problems = validate(tmp_path / "nowhere")
    assert len(problems) == 1
    assert "not a directory" in problems[0].message


def test_a_wrong_top_level_key(data_copy: Path) -> None:
    path = data_copy / "actors.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("[[actor]]", "[[actors]]"), encoding="utf-8"
    )
    problems = validate(data_copy)
    assert [p for p in problems if p.file == "actors.toml" and p.field == "actors"], problems


# ── Problem values, load(), nothing written ──────────────────────────────────────────────


def test_problem_str_joins_file_record_field_and_message() -> None:
    problem = Problem("observations.toml", "x (line 3)", "quote", "not found")
    assert str(problem) == "observations.toml: x (line 3): quote: not found"
    assert str(Problem("metrics.toml", None, None, "is missing")) == "metrics.toml: is missing"


def test_load_raises_dataset_error_with_the_problems(data_copy: Path, replace_in) -> None:
    replace_in(data_copy / "observations.toml", 'metric = "opposition_rate"', 'metric = "nope"')
    with pytest.raises(DatasetError) as caught:
        load(data_copy)
    assert caught.value.problems == validate(data_copy)
    assert any(p.field == "metric" for p in caught.value.problems)
    assert "1 problem" in str(caught.value)


def test_validation_writes_nothing(data_copy: Path, replace_in, snapshot_tree) -> None:
    before_valid = snapshot_tree(data_copy)
    assert validate(data_copy) == []
    assert snapshot_tree(data_copy) == before_valid
    replace_in(data_copy / "observations.toml", "value = 220_000\n", "value = 230_000\n")
    before = snapshot_tree(data_copy)
    parent_before = sorted(p.name for p in data_copy.parent.iterdir())
    assert validate(data_copy)
    assert main(["validate", str(data_copy)]) == 1
    assert snapshot_tree(data_copy) == before
    assert sorted(p.name for p in data_copy.parent.iterdir()) == parent_before


# ── The command ──────────────────────────────────────────────────────────────────────────


def test_cli_validate_prints_every_problem_with_file_record_field(
    data_copy: Path, replace_in, capsys
) -> None:
    replace_in(
        data_copy / "observations.toml", "le taux de refus stagnait", "le taux de refus plafonnait"
    )
    replace_in(data_copy / "observations.toml", 'metric = "survey_heard_of"', 'metric = "nope"')
    code = main(["validate", str(data_copy)])
    out, err = capsys.readouterr()
    assert code == 1
    problems = validate(data_copy)
    assert len(problems) == 2
    lines = out.splitlines()
    assert len(lines) == len(problems)
    quote_line = next(line for line in lines if OBS_REFUSAL in line)
    assert "observations.toml" in quote_line and ": quote:" in quote_line
    metric_line = next(line for line in lines if "2021-csa-heard-of" in line)
    assert "observations.toml" in metric_line and ": metric:" in metric_line
    assert "2 problems" in err
    assert "Traceback" not in out + err


@pytest.mark.parametrize(
    ("breakage", "expect"),
    [
        ("toml", "observations.toml"),
        ("one_in_zero", "value_text"),
        # further variants, in `make test` only
        pytest.param("bom", "metrics.toml", marks=pytest.mark.slow),
        pytest.param("latin1", "actors.toml", marks=pytest.mark.slow),
        pytest.param("missing", "events.toml", marks=pytest.mark.slow),
    ],
)
def test_cli_validate_never_shows_a_traceback(data_copy: Path, breakage: str, expect: str) -> None:
    if breakage == "bom":
        path = data_copy / "metrics.toml"
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    elif breakage == "latin1":
        path = data_copy / "actors.toml"
        path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    elif breakage == "toml":
        path = data_copy / "observations.toml"
        path.write_text(
            path.read_text(encoding="utf-8").replace("[[observation]]", "[[observation]", 1),
            encoding="utf-8",
        )
    elif breakage == "missing":
        (data_copy / "events.toml").unlink()
    else:
        path = data_copy / "observations.toml"
        path.write_text(
            path.read_text(encoding="utf-8").replace(
                'value_text = "3,5 %"', 'value_text = "un sur zéro"'
            ),
            encoding="utf-8",
        )
    result = subprocess.run(
        [sys.executable, "-m", "mes_tui", "validate", str(data_copy)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert expect in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_a_broken_copy_keeps_the_rest_of_the_records_readable(data_copy: Path) -> None:
    # The other files still parse: a broken observations file does not hide metric problems.
    path = data_copy / "observations.toml"
    path.write_text("[[observation]\n", encoding="utf-8")
    metrics = data_copy / "metrics.toml"
    doc = tomllib.loads(metrics.read_text(encoding="utf-8"))
    assert doc["metric"]
    metrics.write_text(
        metrics.read_text(encoding="utf-8").replace('unit = "count"', 'unit = "bananas"', 1),
        encoding="utf-8",
    )
    problems = validate(data_copy)
    assert {p.file for p in problems} >= {"observations.toml", "metrics.toml"}
    assert [p for p in problems if p.file == "metrics.toml" and p.field == "unit"]


def test_a_measurement_dated_after_its_source_was_published(data_copy: Path, replace_in) -> None:
    # The source is dated October 2021 (month precision): the end of November is after it.
    obs_file = data_copy / "observations.toml"
    replace_in(
        obs_file,
        'period_start = 2021-09-30\nperiod_end = 2021-09-30\nperiod_precision = "month"\n'
        'period_text = "fin septembre"\nperiod_note = "End of',
        'period_start = 2021-11-30\nperiod_end = 2021-11-30\nperiod_precision = "month"\n'
        'period_text = "fin septembre"\nperiod_note = "End of',
    )
    problems = validate(data_copy)
    hits = find(problems, file="observations.toml", field="period_start", record=OBS_PILOT_RATE)
    assert len(hits) == 1 and len(problems) == 1, problems
    # The last day of the month of publication is still within a month-precision date.
    text = obs_file.read_text(encoding="utf-8").replace("2021-11-30", "2021-10-31")
    obs_file.write_text(text, encoding="utf-8")
    assert validate(data_copy) == []


def test_cli_validate_of_a_missing_directory_names_it_once(capsys, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    assert main(["validate", str(missing)]) == 1
    out, _err = capsys.readouterr()
    assert "not a directory" in out
    # The path is printed once, not "<dir>/<dir>: is not a directory".
    assert out.count(str(missing)) == 1, out


def test_a_late_measurement_is_found_however_many_come_before_it(tmp_path: Path) -> None:
    """Legitimate figures inside the month of publication must not hide a late one."""
    import polars as pl

    from mes_tui.core.checks import MAX_PER_RULE, _periods_vs_publication
    from mes_tui.core.loading import Dataset

    fine = MAX_PER_RULE + 5  # more than one rule reports by name
    observations = pl.DataFrame(
        {
            "id": [f"ok-{i}" for i in range(fine)] + ["late"],
            "qualifier": ["exact"] * (fine + 1),
            "source": ["s"] * (fine + 1),
            "period_start": [date(2024, 1, 15)] * fine + [date(2024, 6, 1)],
        }
    )
    sources = pl.DataFrame(
        {"id": ["s"], "published": [date(2024, 1, 10)], "published_precision": ["month"]}
    )
    problems = _periods_vs_publication(Dataset(root=tmp_path), observations, sources)
    assert [(p.record, p.field) for p in problems] == [("late", "period_start")]
    assert "2024-01-31" in problems[0].message
