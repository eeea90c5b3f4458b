"""One article under review: its text, the candidates, the page's details, the decisions.

Shared by ``mes-tui extract`` (which prints it) and the review screen (which edits it).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from mes_tui.core.loading import read_dataset
from mes_tui.core.text import find_span
from mes_tui.extract.article import Article
from mes_tui.extract.candidates import Candidate, Extraction, Knowledge, extract_candidates
from mes_tui.extract.draft import (
    Draft,
    candidate_json,
    draft_from_candidates,
    read_draft,
    write_into_data,
)
from mes_tui.present.formats import number
from mes_tui.present.formats import period as format_period
from mes_tui.present.formats import value as format_value
from mes_tui.present.language import N_, _

__all__ = ["LEFT_OUT_NAMES", "REASON_NAMES", "Session", "reason_names"]

# Why a number is not a figure (``Candidate.left_out``), in words.
LEFT_OUT_NAMES = {
    "date": N_("date"),
    "year": N_("year"),
    "duration": N_("duration"),
    "page": N_("page"),
    "price": N_("price"),
    "other_subject": N_("other subject"),
    "since": N_("since"),
}
# The reasons of a metric's choice that are not the article's own words.
REASON_NAMES = {
    "per unit of time": N_("per unit of time"),
    "over a stretch of time": N_("over a stretch of time"),
    "from the draft": N_("from the draft"),
    "edited by hand": N_("edited by hand"),
    "no metric's words in the context": N_("no metric's words in the context"),
}
_HEADERS = (
    N_("VALUE"),
    N_("METRIC"),
    N_("CONF"),
    N_("PERIOD"),
    N_("STATER"),
    N_("RECORD"),
    N_("WORDS"),
)


def _left_out_name(kind: str) -> str:
    """Why a number is not a figure, in brackets: "(year)", "(année)"."""
    return "(" + (_(LEFT_OUT_NAMES[kind]) if kind in LEFT_OUT_NAMES else kind) + ")"


def reason_names(reasons: tuple[str, ...]) -> str:
    """Why a metric was chosen: the article's words as they are, the rest in the user's
    language."""
    return ", ".join(_(REASON_NAMES[r]) if r in REASON_NAMES else r for r in reasons)


@dataclass
class Session:
    text: str
    name: str
    data_dir: Path
    knowledge: Knowledge
    extraction: Extraction
    published: date
    precision: str
    url: str | None
    outlet: str | None
    title: str | None
    kind: str
    date_note: str
    # Review state: one decision per figure (None undecided, True accepted, False rejected).
    figures: list[Candidate] = field(default_factory=list)
    decisions: list[bool | None] = field(default_factory=list)

    @classmethod
    def start(cls, article: Article, data_dir: Path, **details) -> Session:
        knowledge = Knowledge.from_data(data_dir)
        extraction = extract_candidates(
            article.text, details["published"], knowledge, details["precision"]
        )
        session = cls(article.text, article.name, data_dir, knowledge, extraction, **details)
        session.figures = list(extraction.figures)
        session.decisions = [None] * len(session.figures)
        return session

    @classmethod
    def from_draft(cls, path: Path, data_dir: Path) -> Session:
        draft = read_draft(path.read_text(encoding="utf-8"))
        source = draft.source
        text = "\n\n".join(source.get("excerpts") or [])
        knowledge = Knowledge.from_data(data_dir)
        figures = []
        for record in draft.observations:
            span = find_span(text, record["quote"]) or (0, 0)
            inner = find_span(text[span[0] : span[1]], str(record["value_text"])) or (0, 0)
            figures.append(
                Candidate(
                    start=span[0] + inner[0],
                    end=span[0] + inner[1],
                    value=float(record["value"]),
                    value_high=None,
                    unit=record["unit"],
                    qualifier=record["qualifier"],
                    value_text=str(record["value_text"]),
                    quote=record["quote"],
                    quote_start=span[0],
                    metric=record.get("metric"),
                    confidence=1.0,
                    reasons=("from the draft",),
                    period_start=record["period_start"],
                    period_end=record["period_end"],
                    period_precision=record["period_precision"],
                    period_text=record.get("period_text"),
                    scope=record["scope"],
                    scope_detail=record.get("scope_detail"),
                    scope_code=record.get("scope_code"),
                    actor=record["actor"],
                    speaker=record.get("speaker"),
                    attribution=record["attribution"],
                    commissioned_by=record.get("commissioned_by"),
                )
            )
        published = source["published"]
        extraction = Extraction(text, published, None, tuple(figures))  # type: ignore[arg-type]
        session = cls(
            text,
            str(path),
            data_dir,
            knowledge,
            extraction,
            published,
            source.get("published_precision", "day"),
            source.get("url"),
            source.get("outlet"),
            source.get("title"),
            source.get("kind", "press"),
            source.get("date_note", "From the draft."),
        )
        session.figures = figures
        session.decisions = [None] * len(figures)
        return session

    # ── output ──
    def as_json(self, candidate: Candidate) -> dict:
        from mes_tui.extract.draft import source_id

        source = {
            "id": source_id(self.published, self.url, self.outlet, self.title),
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
        }
        return candidate_json(
            candidate, self.knowledge.metric_labels, self.knowledge.actor_names, source
        )

    def comment(self, candidate: Candidate) -> str:
        known = f"known as {candidate.known_as}; " if candidate.known_as else ""
        return f"{known}confidence {candidate.confidence:.2f}; decided by: {', '.join(candidate.reasons) or '—'}"

    def table(self, candidates: list[Candidate], width: int | None) -> str:
        from mes_tui.present.tables import plain_table

        rows: list[tuple[str, ...]] = []
        for c in candidates:
            rows.append(
                (
                    format_value(c.value, c.unit, c.qualifier)
                    + (f"–{format_value(c.value_high, c.unit)}" if c.value_high else ""),
                    c.metric or (_left_out_name(c.left_out) if c.left_out else "?"),
                    number(c.confidence, exact=True) if c.left_out is None else "",
                    format_period(c.period_start, c.period_end, c.period_precision),
                    c.actor,
                    _("known as {id}").format(id=c.known_as)
                    if c.known_as
                    else (_("new") if c.left_out is None else ""),
                    c.value_text,
                )
            )
        return plain_table(
            tuple(_(header) for header in _HEADERS),
            rows,
            width=width,
            right=(0, 2),
            shrink=((6, 10), (1, 16)),
        )

    def taken_ids(self) -> set[str]:
        """Ids already used in the data directory (read afresh: it may have changed)."""
        dataset, _ = read_dataset(self.data_dir)
        return {o.id for o in dataset.observations} | {s.id for s in dataset.sources}

    def draft(self, candidates: list[Candidate]) -> Draft:
        return draft_from_candidates(
            [c for c in candidates if c.metric],
            published=self.published,
            published_precision=self.precision,
            url=self.url,
            outlet=self.outlet,
            title=self.title,
            kind=self.kind,
            date_note=self.date_note,
            taken_ids=self.taken_ids() if candidates else set(),
        )

    # ── review ──
    def accepted(self) -> list[Candidate]:
        return [c for c, d in zip(self.figures, self.decisions, strict=False) if d]

    def edit(self, index: int, **changes) -> None:
        self.figures[index] = replace(self.figures[index], **changes)

    def write(self) -> Path:
        """Add the accepted figures and their source to the data directory (validated first)."""
        return write_into_data(self.data_dir, self.draft(self.accepted()))
