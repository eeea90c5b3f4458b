"""How figures, dates and periods read on screen and in exports (pure, no UI)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

__all__ = [
    "QUALIFIER_SIGNS",
    "SOURCE_KIND_NOUNS",
    "format_citation",
    "format_comparison",
    "format_date",
    "format_number",
    "format_period",
    "format_source",
    "format_value",
]

QUALIFIER_SIGNS = {"exact": "", "about": "≈ ", "at_least": "≥ ", "at_most": "≤ ", "target": "goal "}
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def format_number(value: float) -> str:
    """1 234 567 -> "1.2 M"; 220 000 -> "220,000"; 4.9 -> "4.9"."""
    magnitude = abs(value)
    if magnitude >= 1e9:
        return f"{value / 1e9:.3g} bn"
    if magnitude >= 1e6:
        return f"{value / 1e6:.3g} M"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_value(value: float, unit: str, qualifier: str = "exact") -> str:
    """The figure as a reader expects it: "≈ 300,000", "12 %", "goal 700 M €", "× 4"."""
    sign = QUALIFIER_SIGNS.get(qualifier, "")
    number = format_number(value)
    if unit == "percent":
        text = f"{number} %"
    elif unit == "eur":
        text = f"{number} €"
    elif unit == "ratio":
        text = f"× {number}"
    elif unit == "month":
        text = f"{number} month{'s' if value != 1 else ''}"
    else:
        text = number
    return f"{sign}{text}"


def format_date(day: date, precision: str = "day") -> str:
    """A date said only as precisely as it is known: "13 Feb 2023", "Sep 2021", "2027"."""
    if precision == "year":
        return str(day.year)
    if precision == "quarter":
        return f"Q{(day.month - 1) // 3 + 1} {day.year}"
    if precision == "month":
        return f"{_MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_period(start: date, end: date, precision: str = "day") -> str:
    """ "13 Feb 2023", "22–27 Nov 2023", "Dec 2023", "Dec 2022 – Feb 2023"."""
    first, last = format_date(start, precision), format_date(end, precision)
    if first == last:
        return first
    if precision == "day" and (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{last}"
    return f"{first} – {last}"


def format_comparison(row: Mapping[str, Any]) -> str:
    """A figure against the previous comparable one (see ``core.comparison``): "+186 M
    (+413 %)", "+3 pts" for a share, or, for flows over periods of different lengths, both per
    month: "per month 19 M vs 3.75 M" (no change is computed). Empty when there is none."""
    if row.get("comparison") == "per_month":
        now, before = row.get("per_month"), row.get("previous_per_month")
        if now is None or before is None:
            return ""
        return f"per month {format_number(now)} vs {format_number(before)}"
    change = row.get("change")
    if change is None:
        return ""
    sign = "+" if change >= 0 else "−"
    if row.get("unit") == "percent":  # a change of a share is in points, not in per cent
        return f"{sign}{format_number(abs(change))} pts"
    text = f"{sign}{format_value(abs(change), row.get('unit', 'count'))}"
    pct = row.get("change_pct")
    return text + (f" ({sign}{abs(pct):.1f} %)" if pct is not None else "")


# What an untitled source is called, by its kind: "untitled article, APM News".
SOURCE_KIND_NOUNS = {
    "press": "article",
    "press_release": "press release",
    "report": "report",
    "court_report": "report",
    "hearing": "hearing record",
    "survey_release": "survey release",
    "official_statistics": "statistics release",
    "dashboard": "dashboard",
}


def format_source(
    *,
    title: str | None,
    description: str | None = None,
    kind: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: date | None = None,
    precision: str | None = None,
    describe: bool = True,
) -> str:
    """How a source is cited: its title in quotes when it has one; otherwise it is named for
    what it is, never given a title it does not have: "untitled article (Press article on …)".
    Then the outlet when known, the publication date, the address when there is one.
    ``describe``: add an untitled source's description in brackets."""
    if title:
        parts = [f"“{title}”"]
    else:
        named = f"untitled {SOURCE_KIND_NOUNS.get(kind or '', 'document')}"
        parts = [f"{named} ({description})" if describe and description else named]
    if outlet:
        parts.append(outlet)
    if published is not None:
        parts.append(format_date(published, precision or "day"))
    if url:
        parts.append(url)
    return ", ".join(parts)


def format_citation(
    *, speaker: str | None, actor_short: str | None, actor_name: str | None, **source: object
) -> str:
    """ "Hela Ghariani (DNS), in “Title”, Outlet, Feb 2025": who said it, where, when
    (``source``: the arguments of ``format_source``). An untitled source is cited as what it
    is, without its description: "…, in untitled article, APM News, Jun 2024, https://…"."""
    who = f"{speaker} ({actor_short})" if speaker else (actor_name or actor_short or "")
    return f"{who}, in {format_source(**{'describe': False, **source})}"  # type: ignore[arg-type]
