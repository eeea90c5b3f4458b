"""``mes-tui metric ID`` in words: the report of one metric as plain text, JSON or Markdown,
in the reader's language. Derived figures are always labelled as such: in JSON every one
carries ``"derived": true``, ``"from"`` (the observation ids) and ``"formula"``."""

from __future__ import annotations

import json
from datetime import date
from typing import Literal

from mes_tui.core.frames import Frames
from mes_tui.core.metric_report import metric_report
from mes_tui.present.analysis import (
    derived_formula,
    derived_label,
    derived_note,
    derived_value,
    disagreement_reason,
    in_language,
    kind_name,
    metric_kind_name,
    metric_label,
    relation_name,
    unit_name,
)
from mes_tui.present.formats import change, colon, md_cell, one_line, period, quoted, value
from mes_tui.present.language import _, current_language
from mes_tui.present.tables import plain_table

__all__ = ["REPORT_FORMATS", "render_metric_report", "worded_report"]

REPORT_FORMATS: tuple[str, ...] = ("table", "json", "md")


def worded_report(frames: Frames, metric_id: str, lang: str | None = None) -> dict:
    """The core's report with the words a reader needs added: each derived figure's
    ``display``, ``label``, ``formula`` and ``note``, each disagreement's ``reason``."""
    lang = lang or current_language()
    report = metric_report(frames, metric_id)
    report["derived"] = [
        {
            **row,
            "display": derived_value(row, lang),
            "label": derived_label(row, lang),
            "formula": derived_formula(row, lang),
            "note": derived_note(row, lang),
        }
        for row in report["derived"]
    ]
    report["disagreements"] = [
        {**row, "reason": disagreement_reason(row, lang)} for row in report["disagreements"]
    ]
    return report


def render_metric_report(
    frames: Frames,
    metric_id: str,
    fmt: Literal["table", "json", "md"] = "table",
    lang: str | None = None,
) -> str:
    """The report of ``metric_id`` as plain text (``table``), JSON or Markdown."""
    if fmt not in REPORT_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(REPORT_FORMATS)}")
    lang = lang or current_language()
    report = worded_report(frames, metric_id, lang)
    if fmt == "json":
        return json.dumps(report, ensure_ascii=False, indent=2, default=_json_default) + "\n"
    return _markdown(report, lang) if fmt == "md" else _text(report, lang)


def _json_default(item: object) -> object:
    if isinstance(item, date):
        return item.isoformat()
    raise TypeError(f"{type(item).__name__} is not JSON serialisable")


def _value(row: dict, lang: str) -> str:
    return value(row["value"], row["unit"], row["qualifier"], lang)


def _period(row: dict, lang: str) -> str:
    return period(row["period_start"], row["period_end"], row["period_precision"], lang)


def _change(row: dict, lang: str) -> str:
    return change(row["change"], row["change_pct"], row["unit"], lang)


def _labels(m: dict, lang: str) -> tuple[str, str]:
    """The metric's label in the reader's language first, then in the other."""
    return (m["label_fr"], m["label_en"]) if lang == "fr" else (m["label_en"], m["label_fr"])


def _text(report: dict, lang: str) -> str:
    m = report["metric"]
    first, second = _labels(m, lang)
    lines = [f"{one_line(first)}  [{m['id']}]", one_line(second), ""]
    lines += [
        _("Definition: {text}", lang).format(text=one_line(in_language(m, "definition", lang))),
        _("Unit: {unit} · kind: {kind} · family: {family}", lang).format(
            unit=unit_name(m["unit"], lang),
            kind=metric_kind_name(m["kind"], lang),
            family=m["family"],
        ),
    ]
    if m["denominator"]:
        lines.append(
            _("Share of: {base}", lang).format(base=one_line(in_language(m, "denominator", lang)))
        )
    if m["lookalike_note"]:
        note = one_line(in_language(m, "lookalike_note", lang))
        lines.append(_("Do not confuse: {note}", lang).format(note=note))
    latest = report["latest"]
    if latest:
        lines.append(
            _("Latest: {value}, {period}, {actor}  [{id}]", lang).format(
                value=_value(latest, lang),
                period=_period(latest, lang),
                actor=one_line(latest["actor_short"]),
                id=latest["id"],
            )
        )
    lines += ["", _("PUBLISHED FIGURES", lang)]
    rows = [
        (
            _period(r, lang),
            _value(r, lang) + (f" ({r['category']})" if r["category"] else ""),
            _change(r, lang),
            r["actor_short"],
            r["id"],
        )
        for r in report["series"]
    ]
    headers = (
        _("DATE", lang),
        _("VALUE", lang),
        _("CHANGE", lang),
        _("ACTOR", lang),
        _("ID", lang),
    )
    lines.append(
        plain_table(headers, rows, right=(1, 2)) if rows else _("No published figure.", lang) + "\n"
    )
    lines += [f"  {r['id']}: “{one_line(r['quote'])}”" for r in report["series"]]
    lines.append("")
    lines.append(_("DERIVED FIGURES (computed here, not published)", lang))
    derived = [
        (kind_name(d["kind"], lang), d["display"], d["formula"], ", ".join(d["from"]))
        for d in report["derived"]
    ]
    derived_headers = (_("KIND", lang), _("VALUE", lang), _("FORMULA", lang), _("FROM", lang))
    lines.append(
        plain_table(derived_headers, derived, right=(1,)) if derived else _("None.", lang) + "\n"
    )
    lines.append(_("DISAGREEMENTS", lang))
    for d in report["disagreements"]:
        lines.append(
            f"- [{kind_name(d['kind'], lang)}] "
            + _("{a} vs {b}", lang).format(a=d["id_a"], b=d["id_b"])
            + colon(lang)
            + one_line(d["reason"])
        )
        for side in "ab":
            lines.append(f"    {d['id_' + side]}{colon(lang)}{quoted(d['quote_' + side], lang)}")
    if not report["disagreements"]:
        lines.append(_("None found.", lang))
    lines += ["", _("DEFINITIONS SIDE BY SIDE", lang)]
    for d in report["definitions"]:
        label = metric_label(d, lang)
        share = (
            " · "
            + _("share of {base}", lang).format(base=one_line(in_language(d, "denominator", lang)))
            if d["denominator"]
            else ""
        )
        lines.append(
            f"- {d['id']} ({relation_name(d['relation'], lang)}){colon(lang)}{one_line(label)}"
            f" · {unit_name(d['unit'], lang)}" + share
        )
        lines.append(f"    {one_line(in_language(d, 'definition', lang))}")
        if d["lookalike_note"]:
            note = one_line(in_language(d, "lookalike_note", lang))
            lines.append("    " + _("Note: {note}", lang).format(note=note))
    return "\n".join(lines) + "\n"


def _markdown(report: dict, lang: str) -> str:
    m = report["metric"]
    first, second = _labels(m, lang)
    lines = [
        f"# {md_cell(first)} (`{m['id']}`)",
        "",
        f"*{md_cell(second)}*",
        "",
        md_cell(in_language(m, "definition", lang)),
        "",
        "- "
        + _("Unit: {unit}; kind: {kind}; family: {family}", lang).format(
            unit=unit_name(m["unit"], lang),
            kind=metric_kind_name(m["kind"], lang),
            family=md_cell(m["family"]),
        ),
    ]
    if m["denominator"]:
        lines.append(
            "- "
            + _("Share of: {base}", lang).format(base=md_cell(in_language(m, "denominator", lang)))
        )
    if m["lookalike_note"]:
        note = md_cell(in_language(m, "lookalike_note", lang))
        warning = _("Do not confuse:", lang)
        lines.append(f"- **{warning}** {note}")
    lines += ["", "## " + _("Published figures", lang), ""]
    for r in report["series"]:
        moved = _change(r, lang)
        moved = f" ({md_cell(moved)})" if moved else ""
        lines.append(
            f"- **{md_cell(_value(r, lang))}**{moved}, {md_cell(_period(r, lang))}, "
            f"{md_cell(r['actor_short'])} `[{r['id']}]`  "
        )
        lines.append(f"  > {md_cell(r['quote'])}")
    lines += ["", "## " + _("Derived figures (computed here, not published)", lang), ""]
    for d in report["derived"]:
        sources = ", ".join(f"`{i}`" for i in d["from"])
        lines.append(
            f"- *{md_cell(kind_name(d['kind'], lang))}*: **{md_cell(d['display'])}** = "
            f"{md_cell(d['formula'])} (" + _("from {ids}", lang).format(ids=sources) + ")"
        )
    lines += ["", "## " + _("Disagreements", lang), ""]
    for d in report["disagreements"]:
        pair = _("{a} vs {b}", lang).format(a=f"`{d['id_a']}`", b=f"`{d['id_b']}`")
        lines.append(
            f"- *{md_cell(kind_name(d['kind'], lang))}* {pair}{colon(lang)}{md_cell(d['reason'])}"
        )
    if not report["disagreements"]:
        lines.append(_("None found.", lang))
    headers = (
        _("id", lang),
        _("relation", lang),
        _("label", lang),
        _("unit", lang),
        _("share of", lang),
        _("definition", lang),
    )
    lines += [
        "",
        "## " + _("Definitions side by side", lang),
        "",
        "| " + " | ".join(headers) + " |",
        "|---|---|---|---|---|---|",
    ]
    for d in report["definitions"]:
        cells = (
            d["id"],
            relation_name(d["relation"], lang),
            metric_label(d, lang),
            d["unit"],
            in_language(d, "denominator", lang) or "",
            in_language(d, "definition", lang),
        )
        lines.append("| " + " | ".join(md_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"
