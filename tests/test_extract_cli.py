"""`mes-tui extract`: formats, the draft written into a dataset, and bad input refused."""

from __future__ import annotations

import io
import json
import sys
import tomllib
from pathlib import Path

import pytest

from mes_tui.cli.main import EXIT_INPUT, EXIT_OK, EXIT_USAGE, main
from mes_tui.core.dataset import validate
from mes_tui.extract.draft import WriteRefused, read_draft, write_into_data
from tests.extract_support import ARTICLE

QUERY_FIELDS = {
    "metric",
    "metric_label",
    "value",
    "unit",
    "qualifier",
    "value_text",
    "period_start",
    "period_end",
    "period_precision",
    "period_text",
    "scope",
    "scope_detail",
    "actor",
    "actor_name",
    "speaker",
    "attribution",
    "commissioned_by",
    "source",
    "source_title",
    "source_outlet",
    "source_published",
    "quote",
}


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def extract(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["extract", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_the_query_fields_plus_confidence_and_reasons(capsys, article) -> None:
    code, out, err = extract(capsys, str(article), "--published", "2025-03-03", "--format", "json")
    assert code == EXIT_OK, err
    rows = json.loads(out)
    assert len(rows) == 7
    assert QUERY_FIELDS | {"confidence", "reasons", "known_as"} <= set(rows[0])
    first = rows[0]
    assert (first["value"], first["unit"], first["metric"]) == (
        20_000_000,
        "count",
        "accounts_activated",
    )
    assert first["period_start"] == "2025-03-03" and isinstance(first["reasons"], list)
    assert "7 figures" in err


def test_all_lists_the_numbers_left_out(capsys, article) -> None:
    code, out, _ = extract(
        capsys, str(article), "--published", "2025-03-03", "--format", "json", "--all"
    )
    assert code == EXIT_OK
    left = {r["value_text"]: r["left_out"] for r in json.loads(out) if r["left_out"]}
    assert left["2024"] == "year" and left["9"] == "price" and left["18 à 25 ans"] == "age"


def test_table_names_metric_stater_and_record(capsys, article) -> None:
    code, out, _ = extract(capsys, str(article), "--published", "5 mars 2025")
    assert code == EXIT_OK
    assert out.splitlines()[0].split() == [
        "VALUE",
        "METRIC",
        "CONF",
        "PERIOD",
        "STATER",
        "RECORD",
        "WORDS",
    ]
    assert "documents_sent" in out and "harris-interactive" in out


def test_stdin_is_read_with_a_dash(capsys, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    code, out, _ = extract(capsys, "-", "--published", "2025-03-03", "--format", "json")
    assert code == EXIT_OK and len(json.loads(out)) == 7


def test_toml_draft_is_in_the_format_of_data_and_adds_a_valid_source(
    capsys, article, data_copy
) -> None:
    url = "https://www.exemple-sante.fr/actualites/mon-espace-sante-20-millions"
    code, out, err = extract(
        capsys,
        str(article),
        "--published",
        "2025-03-03",
        "--url",
        url,
        "--outlet",
        "Exemple Santé",
        "--format",
        "toml",
    )
    assert code == EXIT_OK, err
    document = tomllib.loads(out)
    [source] = document["source"]
    assert source["url"] == url and source["outlet"] == "Exemple Santé" and "title" not in source
    assert all(o["quote"] in source["excerpts"] for o in document["observation"])
    # only the quoted sentences: not the headline, nor the sentences without a figure kept
    assert not any("salariés" in e or "gagne du terrain" in e for e in source["excerpts"])
    backup = write_into_data(data_copy, read_draft(out))
    assert validate(data_copy) == []
    assert (backup / "observations.toml").read_text() != (
        data_copy / "observations.toml"
    ).read_text()
    added = tomllib.loads((data_copy / "observations.toml").read_text())["observation"]
    assert {o["source"] for o in added[-7:]} == {source["id"]}


def test_a_draft_that_would_not_validate_writes_nothing(capsys, article, data_copy) -> None:
    code, out, _ = extract(capsys, str(article), "--published", "2025-03-03", "--format", "toml")
    assert code == EXIT_OK
    draft = read_draft(out)
    draft.observations[0]["metric"] = "no_such_metric"
    before = {p.name: p.read_bytes() for p in data_copy.glob("*.toml")}
    with pytest.raises(WriteRefused) as refused:
        write_into_data(data_copy, draft)
    assert any("no_such_metric" in str(p) for p in refused.value.problems)
    assert {p.name: p.read_bytes() for p in data_copy.glob("*.toml")} == before
    assert not (data_copy / ".backups").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n ", "empty"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 4, "binary"),
        (
            (
                b"The health insurance fund said on Monday that twenty million people have "
                b"activated their account, and that the number of documents is growing fast in "
                b"the country, with the usual caveats of the statisticians of the ministry."
            ),
            "does not read as French",
        ),
        (
            (
                b"<!doctype html><html><head><title>x</title><script>var a=1;</script></head>"
                b"<body><nav><a href='/'>Accueil</a></nav></body></html>"
            ),
            "no article",
        ),
        (b"\xff\xfe\x00M\x00e\x00s", "binary"),
    ],
)
def test_bad_input_is_refused_with_a_message(capsys, tmp_path, content, message) -> None:
    path = tmp_path / "input"
    path.write_bytes(content)
    code, out, err = extract(capsys, str(path), "--published", "2025-03-03")
    assert code == EXIT_INPUT
    assert out == ""
    assert message in err and str(path) in err and "Traceback" not in err


def test_a_fifty_megabyte_file_is_refused(capsys, tmp_path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.write(
            ("Mon espace santé compte 18 millions de profils activés. " * 20).encode() * 45_000
        )
    assert path.stat().st_size > 50_000_000
    code, out, err = extract(capsys, str(path), "--published", "2025-03-03")
    assert code == EXIT_INPUT and out == "" and "too large" in err


def test_a_missing_file_and_a_bad_date_or_address(capsys, tmp_path, article) -> None:
    code, _, err = extract(capsys, str(tmp_path / "nope.txt"), "--published", "2025-03-03")
    assert code == EXIT_INPUT and "nope.txt" in err
    code, _, err = extract(capsys, str(article), "--published", "pas une date du tout")
    assert code == EXIT_USAGE and "--published" in err
    code, _, err = extract(capsys, str(article), "--published", "2025-03-03", "--url", "ftp://x")
    assert code == EXIT_USAGE and "--url" in err
    code, _, err = extract(capsys, str(article))
    assert code == EXIT_USAGE and "--published" in err


def test_an_html_page_is_reduced_to_its_article(capsys, tmp_path) -> None:
    paragraphs = "".join(f"<p>{line}</p>" for line in ARTICLE.splitlines() if line.strip())
    html = (
        "<!doctype html><html lang='fr'><head><title>Le carnet gagne du terrain</title>"
        "<meta property='og:site_name' content='Exemple Santé'>"
        "<meta property='article:published_time' content='2025-03-03'></head><body>"
        "<nav><ul><li>Accueil</li><li>Abonnez-vous pour 1 euro</li></ul></nav>"
        f"<article><h1>Le carnet gagne du terrain</h1>{paragraphs}</article>"
        "<footer>© 2025 Exemple Santé — 12 rue de la Paix</footer></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    code, out, err = extract(capsys, str(path), "--format", "json")  # the date comes from the page
    assert code == EXIT_OK, err
    rows = json.loads(out)
    assert [r["value"] for r in rows][:2] == [20_000_000, 600_000]
    assert rows[0]["source_published"] == "2025-03-03"
