"""Derived figures and disagreements in words: a derived figure's label, formula and note, and
why two published figures do not fit together (the core gives the numbers, dates and ids)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import polars as pl

from mes_tui.present.formats import MINUS, number, typeset_fr, value
from mes_tui.present.formats import format_date as _date
from mes_tui.present.language import N_, _, current_language

__all__ = [
    "KIND_NAMES",
    "RELATION_NAMES",
    "derived_formula",
    "derived_label",
    "derived_note",
    "derived_value",
    "disagreement_reason",
    "in_language",
    "in_language_column",
    "metric_kind_name",
    "metric_label",
    "source_kind_name",
    "stated_by",
    "unit_name",
]

Row = Mapping[str, Any]

KIND_NAMES = {
    "implied_denominator": N_("implied denominator"),
    "implied_rate": N_("implied rate"),
    "change_per_month": N_("change per month"),
    "per_month": N_("per month"),
    "time_to_target": N_("time to target"),
    "same_metric": N_("same metric"),
    "lookalike": N_("look-alike"),
    "implied_base": N_("implied base"),
}
UNIT_NAMES = {
    "count": N_("count"),
    "percent": N_("percent"),
    "eur": N_("euros"),
    "ratio": N_("ratio"),
    "month": N_("months"),
    "count_per_month": N_("count per month"),
}
METRIC_KIND_NAMES = {
    "stock": N_("stock"),
    "flow": N_("flow"),
    "pace": N_("pace"),
    "share": N_("share"),
    "ratio": N_("ratio"),
    "amount": N_("amount"),
    "duration": N_("duration"),
    "target": N_("target"),
}
SOURCE_KIND_NAMES = {
    "press": N_("press article"),
    "court_report": N_("Cour des comptes report"),
    "hearing": N_("hearing"),
    "survey_release": N_("survey release"),
    "press_release": N_("press release"),
    "report": N_("report"),
    "dashboard": N_("dashboard"),
    "official_statistics": N_("official statistics"),
    "other": N_("other"),
}
RELATION_NAMES = {
    "self": N_("this metric"),
    "lookalike": N_("look-alike"),
    "names it as a lookalike": N_("names it as a look-alike"),
    "lookalike of a lookalike, same family": N_("look-alike of a look-alike, same family"),
}


def kind_name(kind: str, lang: str | None = None) -> str:
    return _(KIND_NAMES.get(kind, kind), lang) if kind in KIND_NAMES else kind


def unit_name(unit: str, lang: str | None = None) -> str:
    return _(UNIT_NAMES[unit], lang) if unit in UNIT_NAMES else unit


def metric_kind_name(kind: str, lang: str | None = None) -> str:
    return _(METRIC_KIND_NAMES[kind], lang) if kind in METRIC_KIND_NAMES else kind


def source_kind_name(kind: str, lang: str | None = None) -> str:
    return _(SOURCE_KIND_NAMES[kind], lang) if kind in SOURCE_KIND_NAMES else kind


def relation_name(relation: str, lang: str | None = None) -> str:
    return _(RELATION_NAMES[relation], lang) if relation in RELATION_NAMES else relation


def in_language(row: Row, column: str, lang: str | None = None) -> Any:
    """``row[column]`` in the reader's language: the ``_fr`` column in French when the data
    has it, else the column itself."""
    if (lang or current_language()) == "fr" and row.get(f"{column}_fr"):
        return typeset_fr(row[f"{column}_fr"])
    return row.get(column)


def in_language_column(column: str, lang: str | None = None) -> pl.Expr:
    """``in_language`` over a whole frame: the ``_fr`` column in French where a row has it,
    else ``column`` (named ``column``). The ``_fr`` column must exist (the data's schema)."""
    if (lang or current_language()) == "fr":
        return pl.coalesce(f"{column}_fr", column).alias(column)
    return pl.col(column)


def stated_by(row: Row, lang: str | None = None) -> str:
    """Who stated a figure, then its breakdown category and, when not national, its place:
    "CNAM · médecins · Occitanie" (the metric pane's values and table)."""
    parts = [in_language(row, "actor_short", lang) or "?"]
    if row.get("category"):
        parts.append(row["category"])
    if row.get("scope", "national") != "national":
        parts.append(row.get("scope_detail") or row["scope"])
    return " · ".join(str(part) for part in parts)


def metric_label(row: Row, lang: str | None = None, short: bool = False) -> str:
    """A metric's label in the reader's language (``label_fr`` / ``label_en``)."""
    if (lang or current_language()) == "fr" and row.get("label_fr"):
        return row["label_fr"]
    return (short and row.get("short")) or row.get("label_en") or ""


def _label(row: Row, column: str, lang: str | None) -> str:
    return str(in_language(row, column, lang) or "")


def derived_value(row: Row, lang: str | None = None) -> str:
    """The derived figure, rounded as a result: "65,8 M", "12,2 %", "310 000/mois"."""
    return value(row["value"], row["unit"], "exact", lang, significant=3)


def _exact(amount: float, lang: str | None) -> str:
    return number(amount, lang, exact=True)


def _months(amount: float, lang: str | None) -> str:
    return value(round(amount, 1), "month", "exact", lang, exact=True)


def derived_formula(row: Row, lang: str | None = None) -> str:
    """How the figure was computed, with the published operands in full:
    "7 900 000 ÷ 12 % = 65,8 M"."""
    ops = list(row["operands"])
    result = derived_value(row, lang)
    kind = row["kind"]
    if kind == "implied_denominator":
        return f"{_exact(ops[0], lang)} ÷ {value(ops[1], 'percent', 'exact', lang)} = {result}"
    if kind == "implied_rate":
        return f"{_exact(ops[0], lang)} ÷ {_exact(ops[1], lang)} = {result}"
    if kind == "change_per_month":
        months = _months(row["months"], lang)
        return f"({_exact(ops[0], lang)} {MINUS} {_exact(ops[1], lang)}) ÷ {months} = {result}"
    if kind == "per_month":
        months = _months(row["months"], lang)
        return f"{_exact(ops[0], lang)} ÷ {months} = {result}"
    if kind == "time_to_target":
        pace = value(ops[2], "count_per_month", "exact", lang, significant=3)
        return f"({_exact(ops[0], lang)} {MINUS} {_exact(ops[1], lang)}) ÷ {pace} = {result}"
    return result


def derived_label(row: Row, lang: str | None = None) -> str:
    """What the figure is: "implied denominator of Activation rate (created accounts)"."""
    subject = _label(row, "subject_label", lang)
    kind = row["kind"]
    if kind == "implied_denominator":
        return _("implied denominator of {metric}", lang).format(metric=subject)
    if kind == "implied_rate":
        return _("{metric} as a share of {other}", lang).format(
            metric=subject, other=_label(row, "other_label", lang)
        )
    if kind == "change_per_month":
        return _("average change per month of {metric}", lang).format(metric=subject)
    if kind == "per_month":
        return _("{metric} per month", lang).format(metric=subject)
    if kind == "time_to_target":
        return _("time to reach the stated goal for {metric}", lang).format(metric=subject)
    return subject


def derived_note(row: Row, lang: str | None = None) -> str:
    """What to read it with, or ""."""
    kind = row["kind"]
    if kind == "implied_denominator" and row.get("base"):
        return _("the rate's stated denominator: {base}", lang).format(
            base=_label(row, "base", lang)
        )
    if kind == "implied_rate" and row.get("rate"):
        return _("compare with the published rate {rate}", lang).format(rate=row["rate"])
    if kind == "change_per_month" and row.get("since"):
        return _("between period midpoints {start} and {end}", lang).format(
            start=_date(row["since"], "day", lang), end=_date(row["until"], "day", lang)
        )
    if kind == "per_month" and row.get("paces"):
        return "; ".join(
            _("stated pace {pace} on {day} [{id}]", lang).format(
                pace=value(p["value"], "count_per_month", p["qualifier"], lang, exact=True),
                day=_date(p["date"], "day", lang),
                id=p["id"],
            )
            for p in row["paces"]
        )
    if kind == "time_to_target" and row.get("goal_end"):
        reach: date = row["period_end"]
        words = (
            _("at the latest pace, reached {reach}, within the goal's date {goal}", lang)
            if reach <= row["goal_end"]
            else _("at the latest pace, reached {reach}, after the goal's date {goal}", lang)
        )
        return words.format(
            reach=_date(reach, "month", lang), goal=_date(row["goal_end"], "day", lang)
        )
    return ""


def _said(row: Row, side: str, lang: str | None) -> str:
    """A published value as its source gives it, with its date: "13 M (30 juin 2024)"."""
    figure = value(row[f"value_{side}"], row[f"unit_{side}"], "exact", lang)
    return f"{figure} ({_date(row[f'period_end_{side}'], 'day', lang)})"


def disagreement_reason(row: Row, lang: str | None = None) -> str:
    """Why the two figures of a disagreement do not fit together."""
    kind = row["kind"]
    if kind == "same_metric":
        apart = value(round(row["difference"] * 100), "percent", "exact", lang)
        return _(
            "{actor_a} gives {said_a}, {actor_b} gives {said_b} for the same metric: {apart} apart",
            lang,
        ).format(
            actor_a=row["actor_short_a"],
            said_a=_said(row, "a", lang),
            actor_b=row["actor_short_b"],
            said_b=_said(row, "b", lang),
            apart=apart,
        )
    if kind == "lookalike":
        words = (
            _(
                "same value, different measures (not a confirmation): {said_a} is a share of "
                "{base_a}; {said_b} is a share of {base_b}",
                lang,
            )
            if row["same_value"]
            else _(
                "different denominators, not one series: {said_a} is a share of {base_a}; "
                "{said_b} is a share of {base_b}",
                lang,
            )
        )
        return words.format(
            said_a=_said(row, "a", lang),
            base_a=_label(row, "denominator_a", lang) or "?",
            said_b=_said(row, "b", lang),
            base_b=_label(row, "denominator_b", lang) or "?",
        )
    if kind == "implied_base":
        return _(
            "{said_a} ÷ {said_b} = {implied}, but the rate's base ({base}) was {base_value} "
            "({base_date}): the count and the rate do not describe the same stock",
            lang,
        ).format(
            said_a=_said(row, "a", lang),
            said_b=_said(row, "b", lang),
            implied=value(row["implied"], "count", "exact", lang, significant=3),
            base=_label(row, "denominator_b", lang) or "?",
            base_value=_exact(row["base_value"], lang),
            base_date=_date(row["base_end"], "day", lang),
        )
    return kind
