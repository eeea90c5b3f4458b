"""One metric explained: its definition, its published series, what the figures imply, where
they disagree and what they must not be confused with (for ``mes-tui metric ID``).

Derived figures are always labelled as such: in JSON every one carries ``"derived": true``,
``"from"`` (the observation ids) and ``"formula"``; sourced figures carry ``"derived": false``.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any, Literal

import polars as pl

from mes_tui.core.derived import analysed_observations, derived_frame, known_metric
from mes_tui.core.disagreements import definitions, disagreements
from mes_tui.core.export import plain_table
from mes_tui.core.formatting import format_comparison, format_period, format_value
from mes_tui.core.frames import Frames
from mes_tui.core.queries import metric_series
from mes_tui.core.text import visible

__all__ = ["REPORT_FORMATS", "metric_report", "render_metric_report"]

REPORT_FORMATS: tuple[str, ...] = ("table", "json", "md")
_METRIC_FIELDS = (
    "id",
    "label_en",
    "label_fr",
    "unit",
    "kind",
    "family",
    "counts",
    "denominator",
    "definition",
    "lookalikes",
    "lookalike_note",
)
_SERIES_FIELDS = (
    "id",
    "date",
    "period_start",
    "period_end",
    "period_precision",
    "value",
    "unit",
    "qualifier",
    "value_text",
    "category",
    "scope",
    "scope_detail",
    "scope_code",
    "actor",
    "actor_short",
    "speaker",
    "attribution",
    "source",
    "source_title",
    "quote",
    "note",
)


def metric_report(frames: Frames, metric_id: str) -> dict[str, Any]:
    """Everything known about ``metric_id``. Raises KeyError (naming the valid ids) if unknown."""
    known_metric(frames, metric_id)
    record = frames.metrics.filter(pl.col("id") == metric_id).select(_METRIC_FIELDS).to_dicts()[0]
    series = metric_series(frames.observations, metric_id).select(
        *_SERIES_FIELDS,
        "comparison",
        "change",
        "change_pct",
        "previous_id",
        "months",
        "per_month",
        "previous_per_month",
        pl.lit(False).alias("derived"),
    )
    rows = series.to_dicts()
    analysed = analysed_observations(frames)  # shared by the derived figures and disagreements
    measured = [row for row in rows if row["qualifier"] != "target"]
    changes = [
        {
            key: row[key]
            for key in (
                "previous_id",
                "id",
                "date",
                "comparison",
                "change",
                "change_pct",
                "per_month",
                "previous_per_month",
                "unit",
            )
        }
        for row in rows
        if row["previous_id"] is not None
    ]
    return {
        "metric": record,
        "series": rows,
        "latest": measured[-1] if measured else None,
        "changes": changes,
        "derived": derived_frame(frames, metric_id, analysed=analysed).to_dicts(),
        "disagreements": disagreements(frames, metric_id, analysed=analysed).to_dicts(),
        "definitions": definitions(frames, metric_id).to_dicts(),
    }


def render_metric_report(
    frames: Frames, metric_id: str, fmt: Literal["table", "json", "md"] = "table"
) -> str:
    """The report of ``metric_id`` as plain text (``table``), JSON or Markdown."""
    if fmt not in REPORT_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(REPORT_FORMATS)}")
    report = metric_report(frames, metric_id)
    if fmt == "json":
        return json.dumps(report, ensure_ascii=False, indent=2, default=_json_default) + "\n"
    return _markdown(report) if fmt == "md" else _text(report)


def _json_default(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _value(row: dict[str, Any]) -> str:
    return format_value(row["value"], row["unit"], row["qualifier"])


def _period(row: dict[str, Any]) -> str:
    return format_period(row["period_start"], row["period_end"], row["period_precision"])


def _change(row: dict[str, Any]) -> str:
    return format_comparison(row)


def _place(row: dict[str, Any]) -> str:
    """Where a figure that is not national was counted: " [Nouvelle-Aquitaine]"."""
    if row["scope"] == "national":
        return ""
    return f" [{row['scope_detail'] or row['scope_code'] or row['scope']}]"


def _flat(text: object) -> str:
    return " ".join(visible(str(text or "")).split())


def _text(report: dict[str, Any]) -> str:
    m = report["metric"]
    lines = [f"{_flat(m['label_en'])}  [{m['id']}]", f"{_flat(m['label_fr'])}", ""]
    lines += [
        f"Definition: {_flat(m['definition'])}",
        f"Unit: {m['unit']} · kind: {m['kind']} · family: {m['family']}",
    ]
    if m["denominator"]:
        lines.append(f"Share of: {_flat(m['denominator'])}")
    if m["lookalike_note"]:
        lines.append(f"Do not confuse: {_flat(m['lookalike_note'])}")
    latest = report["latest"]
    if latest:
        lines.append(
            f"Latest: {_value(latest)}, {_period(latest)}, {_flat(latest['actor_short'])}"
            f"  [{latest['id']}]"
        )
    lines += ["", "PUBLISHED FIGURES"]
    rows = [
        (
            _period(r),
            _value(r) + (f" ({r['category']})" if r["category"] else "") + _place(r),
            _change(r),
            r["actor_short"],
            r["id"],
        )
        for r in report["series"]
    ]
    lines.append(
        plain_table(("DATE", "VALUE", "CHANGE", "ACTOR", "ID"), rows, right=(1, 2))
        if rows
        else "No published figure.\n"
    )
    lines += [f"  {r['id']}: “{_flat(r['quote'])}”" for r in report["series"]]
    lines.append("")
    lines.append("DERIVED FIGURES (computed here, not published)")
    derived = [
        (d["kind"], d["display"], d["formula"], ", ".join(d["from"])) for d in report["derived"]
    ]
    lines.append(
        plain_table(("KIND", "VALUE", "FORMULA", "FROM"), derived, right=(1,))
        if derived
        else "None.\n"
    )
    lines.append("DISAGREEMENTS")
    for d in report["disagreements"]:
        lines.append(f"- [{d['kind']}] {d['id_a']} vs {d['id_b']}: {_flat(d['reason'])}")
        for side in "ab":
            lines.append(f"    {d['id_' + side]}: “{_flat(d['quote_' + side])}”")
    if not report["disagreements"]:
        lines.append("None found.")
    lines += ["", "DEFINITIONS SIDE BY SIDE"]
    for d in report["definitions"]:
        lines.append(
            f"- {d['id']} ({d['relation']}): {_flat(d['label_en'])} · {d['unit']}"
            + (f" · share of {_flat(d['denominator'])}" if d["denominator"] else "")
        )
        lines.append(f"    {_flat(d['definition'])}")
        if d["lookalike_note"]:
            lines.append(f"    Note: {_flat(d['lookalike_note'])}")
    return "\n".join(lines) + "\n"


def _md(text: object) -> str:
    return "".join("\\" + ch if ch in "\\`*_[]<>|#" else ch for ch in _flat(text))


def _markdown(report: dict[str, Any]) -> str:
    m = report["metric"]
    lines = [
        f"# {_md(m['label_en'])} (`{m['id']}`)",
        "",
        f"*{_md(m['label_fr'])}*",
        "",
        _md(m["definition"]),
        "",
        f"- Unit: {m['unit']}; kind: {m['kind']}; family: {_md(m['family'])}",
    ]
    if m["denominator"]:
        lines.append(f"- Share of: {_md(m['denominator'])}")
    if m["lookalike_note"]:
        lines.append(f"- **Do not confuse:** {_md(m['lookalike_note'])}")
    lines += ["", "## Published figures", ""]
    for r in report["series"]:
        change = f" ({_change(r)})" if _change(r) else ""
        lines.append(
            f"- **{_md(_value(r))}**{change}, {_md(_period(r))}, "
            f"{_md(r['actor_short'])} `[{r['id']}]`  "
        )
        lines.append(f"  > {_md(r['quote'])}")
    lines += ["", "## Derived figures (computed here, not published)", ""]
    for d in report["derived"]:
        lines.append(
            f"- *{d['kind']}*: **{_md(d['display'])}** = {_md(d['formula'])} "
            f"(from {', '.join(f'`{i}`' for i in d['from'])})"
        )
    lines += ["", "## Disagreements", ""]
    for d in report["disagreements"]:
        lines.append(f"- *{d['kind']}* `{d['id_a']}` vs `{d['id_b']}`: {_md(d['reason'])}")
    if not report["disagreements"]:
        lines.append("None found.")
    lines += [
        "",
        "## Definitions side by side",
        "",
        "| id | relation | label | unit | share of | definition |",
        "|---|---|---|---|---|---|",
    ]
    for d in report["definitions"]:
        cells = (
            d["id"],
            d["relation"],
            d["label_en"],
            d["unit"],
            d["denominator"] or "",
            d["definition"],
        )
        lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"
