"""Extraction of the figures of a French article: values, metric, period, scope, stater, record."""

from __future__ import annotations

from datetime import date

import pytest

from mes_tui.core.models import Metric
from mes_tui.core.numbers import fold_same_length
from mes_tui.extract.metric_choice import Context, MetricChooser
from tests.extract_support import DATA, extract, knowledge


def by_value(value: float):
    [figure] = [c for c in extract().figures if c.value == pytest.approx(value)]
    return figure


def test_every_figure_of_the_article_and_no_other() -> None:
    assert [c.value_text for c in extract().figures] == [
        "20 millions",
        "600 000",
        "un Français sur trois",
        "40 millions",
        "1,2 million",
        "1 500",
        "62 %",
    ]


def test_numbers_that_are_not_figures_are_left_out_with_the_reason() -> None:
    left = {c.value_text: c.left_out for c in extract().left_out}
    assert left == {
        "2024": "year",
        "3": "date",
        "42": "page",
        "2023": "year",
        "9": "price",
        "18 à 25 ans": "age",
        "12": "date",
        "2 500": "other_subject",
    }


def test_qualifiers() -> None:
    assert by_value(20_000_000).qualifier == "about"  # près de
    assert by_value(600_000).qualifier == "at_least"  # plus de
    assert by_value(40_000_000).qualifier == "exact"


def test_metric_period_and_stater_of_a_cumulated_stock() -> None:
    figure = by_value(20_000_000)
    assert figure.metric == "accounts_activated"
    assert (figure.period_start, figure.period_end) == (date(2025, 3, 3), date(2025, 3, 3))
    assert (figure.actor, figure.attribution) == ("cnam", "stated")  # "Selon l'Assurance maladie"
    assert figure.confidence > 0.3 and "activ" in figure.reasons


def test_a_pace_in_a_year() -> None:
    figure = by_value(600_000)
    assert figure.metric == "activations_monthly_pace"
    assert (figure.period_start, figure.period_end) == (date(2024, 1, 1), date(2024, 12, 31))


def test_a_flow_over_the_last_months() -> None:
    figure = by_value(40_000_000)
    assert figure.metric == "documents_sent"
    assert (figure.period_start, figure.period_end) == (date(2024, 12, 3), date(2025, 3, 3))


def test_a_quoted_speaker_and_the_actor_of_her_role() -> None:
    figure = by_value(100 / 3)
    assert figure.attribution == "quoted"
    assert figure.speaker.startswith("Jeanne Martin, directrice du numérique")
    assert figure.actor == "cnam"


def test_a_regional_figure_has_its_insee_code() -> None:
    figure = by_value(1_200_000)
    assert (figure.scope, figure.scope_detail, figure.scope_code) == ("region", "Bretagne", "53")
    assert (figure.period_start, figure.period_precision) == (date(2025, 1, 31), "month")


def test_a_survey_figure_names_its_pollster_and_sample() -> None:
    share, sample = by_value(62), by_value(1_500)
    assert (share.metric, share.scope, share.actor) == (
        "survey_heard_of",
        "survey_sample",
        "harris-interactive",
    )
    assert (sample.metric, sample.scope) == ("survey_sample_size", "survey_sample")


def test_a_figure_the_dataset_holds_is_known_by_its_id() -> None:
    text = (DATA / "sources" / "2025-02-senate-hearing.txt").read_text(encoding="utf-8")
    figures = extract(text, date(2025, 2, 20)).figures
    known = {c.value_text: c.known_as for c in figures}
    assert known["18 millions"] == "2025-02-accounts-activated"
    assert known["deux millions"] == "2025-02-weekly-unique-visitors"


def test_a_new_figure_is_not_known() -> None:
    assert by_value(40_000_000).known_as is None


def _metric(id_: str, label_fr: str, unit: str = "count", kind: str = "stock", **extra) -> Metric:
    return Metric(
        id=id_,
        label_en=id_,
        label_fr=label_fr,
        unit=unit,
        kind=kind,
        family="x",
        definition="d",
        **extra,
    )


def _context(clause: str, unit: str = "count", period_kind: str | None = None) -> Context:
    folded = fold_same_length(clause)
    return Context(folded, folded, "", folded, "", unit, period_kind, False, "national")


def test_metric_choice_generalises_to_a_metric_known_only_by_its_label() -> None:
    chooser = MetricChooser(
        (*knowledge().metrics, _metric("app_downloads", "Téléchargements de l'application"))
    )
    choice = chooser.choose(
        _context("l'application a été téléchargée : 4 millions de téléchargements")
    )
    assert choice.metric == "app_downloads"
    assert "telech" in choice.reasons


def test_metric_choice_needs_the_unit_and_says_when_nothing_fits() -> None:
    chooser = MetricChooser((_metric("app_downloads", "Téléchargements de l'application"),))
    assert chooser.choose(_context("4 millions de téléchargements", unit="percent")).metric is None
    assert chooser.choose(_context("4 millions de bananes")).metric is None


def test_a_flow_wants_a_stretch_of_time_and_a_pace_a_rhythm() -> None:
    chooser = MetricChooser(knowledge().metrics)
    clause = "300 000 nouvelles activations"
    assert chooser.choose(_context(clause, period_kind="pace")).metric == "activations_monthly_pace"
    assert chooser.choose(_context(clause, period_kind="span")).metric == "activations_in_period"
