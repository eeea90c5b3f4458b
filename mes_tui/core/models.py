"""The records of the dataset: sources, actors, metrics, observations and events.

Every model is frozen and rejects unknown fields, so a typo in a data file is an error, not a
silently ignored key. Cross-record rules (references, quotes, values) live in ``checks``.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, ClassVar, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from mes_tui.core.insee import scope_code_problem

__all__ = [
    "RECORD_TYPES",
    "Actor",
    "ActorKind",
    "Attribution",
    "Event",
    "EventKind",
    "Metric",
    "MetricKind",
    "Observation",
    "Precision",
    "Qualifier",
    "Scope",
    "Source",
    "SourceKind",
    "Unit",
]

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
Line = Annotated[str, StringConstraints(min_length=1, max_length=500)]
# A published page's address: http or https, a host, no white space (checked by ``_url``).
_URL = re.compile(
    r"^https?://(?P<host>[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,})(?::[0-9]{1,5})?(?:[/?#]\S*)?$"
)


def _url(value: str | None) -> str | None:
    if value is not None and not _URL.match(value):
        shown = repr(value) if len(value) <= 80 else repr(value[:79] + "…")
        raise ValueError(
            f"{shown} is not a web address: it starts with http:// or https://, names a host "
            "(e.g. www.ameli.fr) and holds no space"
        )
    return value


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)

    # The (start, end) fields of the span a record covers, if any: the end may not come before
    # the start. One rule for the TOML files (below) and observations.csv (core.bulk).
    span: ClassVar[tuple[str, str] | None] = None

    @field_validator("*")
    @classmethod
    def _span_ordered(cls, value: object, info: ValidationInfo) -> object:
        if cls.span is not None and info.field_name == cls.span[1] and isinstance(value, date):
            start = info.data.get(cls.span[0])
            if start is not None and value < start:
                raise ValueError(f"{value} is before {cls.span[0]} {start}")
        return value


class Precision(StrEnum):
    """How precisely a date is known: a date at month precision names only its month."""

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class Unit(StrEnum):
    COUNT = "count"
    PERCENT = "percent"
    EUR = "eur"
    RATIO = "ratio"
    MONTH = "month"


class Qualifier(StrEnum):
    """What the words say about the figure's exactness."""

    EXACT = "exact"
    ABOUT = "about"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    TARGET = "target"  # a goal, a plan or a forecast: not a measurement


class Attribution(StrEnum):
    """How the source ties the figure to its actor."""

    QUOTED = "quoted"  # the actor's own words, in quotation marks
    STATED = "stated"  # the source says the actor gave the figure
    CONTEXT = "context"  # the actor is inferred from the surrounding text
    UNATTRIBUTED = "unattributed"  # the source's author states it


class Scope(StrEnum):
    NATIONAL = "national"
    REGION = "region"
    DEPARTEMENT = "departement"
    PILOT_DEPARTEMENTS = "pilot_departements"
    SURVEY_SAMPLE = "survey_sample"


class SourceKind(StrEnum):
    PRESS = "press"
    COURT_REPORT = "court_report"
    HEARING = "hearing"
    SURVEY_RELEASE = "survey_release"
    PRESS_RELEASE = "press_release"
    REPORT = "report"
    DASHBOARD = "dashboard"
    OFFICIAL_STATISTICS = "official_statistics"
    OTHER = "other"


class ActorKind(StrEnum):
    GOVERNMENT = "government"
    INSURER = "insurer"
    AGENCY = "agency"
    AUDITOR = "auditor"
    POLLSTER = "pollster"
    ASSOCIATION = "association"
    PARLIAMENT = "parliament"
    PRESS = "press"
    JOINT = "joint"


class MetricKind(StrEnum):
    STOCK = "stock"  # a count at a date
    FLOW = "flow"  # a count over a period
    PACE = "pace"  # a count per unit of time
    SHARE = "share"  # a percentage of a stated denominator
    RATIO = "ratio"  # "n times"
    AMOUNT = "amount"  # money
    DURATION = "duration"


class EventKind(StrEnum):
    PILOT = "pilot"
    CREATION = "creation"
    LAUNCH = "launch"
    ASSESSMENT = "assessment"
    SURVEY = "survey"
    DEPLOYMENT = "deployment"
    REVIEW = "review"
    HEARING = "hearing"
    PRESS = "press"


class Source(Record):
    id: Id
    title: Line | None = None  # the title as published; none when the source has none
    description: Line | None = None  # what the source is, in English (not its title)
    description_fr: Line | None = None  # the same in French
    outlet: Line | None = None
    url: Annotated[str, StringConstraints(max_length=500)] | None = None
    published: date
    published_precision: Precision
    date_note: Line
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")]
    kind: SourceKind
    text_file: Line | None = None
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None
    excerpts: list[Text] = Field(default_factory=list, validate_default=True)
    origin: Line | None = None
    note: Text | None = None

    _url_is_an_address = field_validator("url")(_url)

    @field_validator("excerpts")
    @classmethod
    def _has_words(cls, excerpts: list[str], info: ValidationInfo) -> list[str]:
        if not excerpts and info.data.get("text_file") is None:
            raise ValueError(
                "a published page (no text_file) needs its excerpts: the sentences its figures "
                "quote"
            )
        return excerpts

    @model_validator(mode="after")
    def _hash_has_text(self) -> Self:
        if self.sha256 is not None and self.text_file is None:
            raise ValueError("sha256 describes text_file, which is missing")
        return self


class Actor(Record):
    id: Id
    short: Line
    name: Line
    kind: ActorKind
    parent: Id | None = None
    members: list[Id] = Field(default_factory=list)
    note: Text | None = None
    short_fr: Line | None = None  # `short` in French, where it is not the same
    name_fr: Line | None = None  # `name` in French, where it is not the same

    @model_validator(mode="after")
    def _joint_has_members(self) -> Self:
        if (self.kind is ActorKind.JOINT) != bool(self.members):
            raise ValueError("a joint actor lists its members, and only a joint actor has members")
        return self


class Metric(Record):
    id: Id
    label_en: Line
    label_fr: Line
    short: Annotated[str, StringConstraints(min_length=1, max_length=28)] | None = None
    unit: Unit
    kind: MetricKind
    family: Id
    definition: Text
    counts: Line | None = None
    denominator: Line | None = None
    lookalikes: list[Id] = Field(default_factory=list)
    lookalike_note: Text | None = None
    definition_fr: Text | None = None  # `definition` in French
    lookalike_note_fr: Text | None = None  # `lookalike_note` in French
    denominator_fr: Line | None = None  # `denominator` in French

    @model_validator(mode="after")
    def _share_has_denominator(self) -> Self:
        if self.kind is MetricKind.SHARE and not self.denominator:
            raise ValueError("a share must say what it is a share of (denominator)")
        return self


class Observation(Record):
    id: Id
    metric: Id
    value: float
    unit: Unit
    qualifier: Qualifier
    value_text: Line
    category: Line | None = None
    period_start: date
    period_end: date
    period_precision: Precision
    period_text: Line | None = None
    period_note: Line | None = None
    scope: Scope
    scope_detail: Line | None = None
    scope_code: Line | None = Field(default=None, validate_default=True)  # INSEE, see core.insee
    actor: Id
    speaker: Line | None = None
    attribution: Attribution
    commissioned_by: Id | None = None
    source: Id
    quote: Text
    note: Text | None = None

    span = ("period_start", "period_end")

    @field_validator("scope_code")
    @classmethod
    def _known_code(cls, code: str | None, info: ValidationInfo) -> str | None:
        scope = info.data.get("scope")
        if scope is None:
            return code  # the scope is wrong, and already reported
        if problem := scope_code_problem(str(scope), code):
            raise ValueError(problem)
        return code


class Event(Record):
    id: Id
    title: Line
    title_fr: Line | None = None  # `title` in French
    kind: EventKind
    date_start: date
    date_end: date
    precision: Precision
    planned: bool = False
    actor: Id | None = None
    source: Id
    quote: Text
    note: Text | None = None

    span = ("date_start", "date_end")


# File name stem, TOML array name, model: the layout of a data directory.
RECORD_TYPES: dict[str, tuple[str, type[Record]]] = {
    "sources": ("source", Source),
    "actors": ("actor", Actor),
    "metrics": ("metric", Metric),
    "observations": ("observation", Observation),
    "events": ("event", Event),
}
