"""Every figure about Mon espace santé that an article states, as candidate observations.

``extract_candidates`` reads the article once: its numbers (the core's reader), its period
expressions, its sentences and people (spaCy), its actors, places and survey; then each number
becomes a candidate (value, unit, qualifier, words, quote, metric with reasons and confidence,
period, scope, stater and speaker, and the record that already holds it) or is left out with
the reason (a year, a date, an age, a page number, a price, another subject).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from mes_tui.core.loading import read_dataset
from mes_tui.core.models import ActorKind, Metric, Observation
from mes_tui.core.numbers import FoundNumber, find_numbers, fold_same_length
from mes_tui.extract.metric_choice import Context, MetricChooser, stems
from mes_tui.extract.periods import MONTHS, Period, PeriodPhrase, find_periods, shift_months
from mes_tui.extract.places import find_places
from mes_tui.extract.sentences import Paragraph, Sentence, split_article
from mes_tui.extract.staters import ActorIndex, role_near

__all__ = ["Candidate", "Extraction", "Knowledge", "extract_candidates"]

# Words that show a paragraph is about Mon espace santé (or what it grew from).
_TOPIC = re.compile(
    r"mon espace sante|espace sante|espace numerique de sante|\bens\b|carnet de sante|"
    r"dossier medical partage|\bdmp\b|carnet numerique|segur (?:du )?numerique"
)
_TOPIC_ACRONYM = re.compile(r"\bMES\b")
_SURVEY = re.compile(r"\b(sondage|enquete|barometre|repondants|personnes interrogees)")
_SAYING = re.compile(
    r"\b(explique|ajoute|complete|souligne|indique|precise|affirme|declare|annonce|"
    r"assure|rappelle|estime|detaille|a fait valoir|a indique|a precise|a declare|a annonce|"
    r"selon|d'apres|pour)\b"
)
_ABOUT = re.compile(
    r"(?:\bpres de|\bpres d'|\benviron|\bautour de|\bautour des|\bquelque|\bpresque|"
    r"\bapproximativement|\bde l'ordre de|\bgrosso modo|\ben moyenne)[\s,]*$"
)
_AT_LEAST = re.compile(
    r"(?:plus de|au moins|au-dela de|superieur a|superieure a|depasse|franchi|franchir|"
    r"depasser|plus d')\s*(?:la |les )?$"
)
_AT_MOST = re.compile(r"(?:moins de|jusqu'a|au plus|au maximum|pas plus de|moins d')\s*$")
_TARGET = re.compile(
    r"\b(objectif|objectifs|vise|visent|viser|prevu|prevue|prevoit|ambition|ambitionne|"
    r"devrait|devraient|d'ici|cible de|atteindre|horizon)\b"
)
_PAGE = re.compile(r"(?:\bp\.|\bpage|\bpages|\bn°|\bnumero|\bno\.|\bchapitre|\barticle)\s*$")
_AGE = re.compile(r"\b(age|ages|agee|agees|tranche|ans et plus|enfants de|jeunes de)\b")
_COUNT_NOUN = re.compile(r"^\s+(?:de |d')?(?!ans\b|mois\b|jours?\b)[a-z]+[sx]\b")
_FUNCTION = {
    "dans",
    "puis",
    "alors",
    "depuis",
    "plus",
    "moins",
    "sans",
    "sous",
    "vers",
    "mais",
    "pas",
    "les",
    "des",
    "ces",
    "ses",
    "nos",
    "vos",
    "leurs",
    "tous",
    "toutes",
    "apres",
    "lors",
    "jusqu",
    "avons",
    "avait",
    "sera",
    "etait",
    "fois",
}
_BREAK = re.compile(r",|;|:|\(|\b(?:mais|et|dont|soit|avec|alors que|tandis que|contre)\b")
_UNITS = {None: "count", "percent": "percent", "eur": "eur", "ratio": "ratio", "month": "month"}


@dataclass(frozen=True)
class Knowledge:
    """What extraction reads from the dataset: vocabularies, the record, the launch date."""

    metrics: tuple[Metric, ...]
    actors: ActorIndex
    observations: tuple[Observation, ...]
    launch: date | None
    metric_labels: dict[str, str] = field(default_factory=dict)
    actor_names: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_data(cls, root: Path) -> Knowledge:
        dataset, _ = read_dataset(root)
        launches = [e.date_start for e in dataset.events if e.kind.value == "launch"]
        return cls(
            metrics=dataset.metrics,
            actors=ActorIndex(dataset.actors),
            observations=dataset.observations,
            launch=min(launches) if launches else None,
            metric_labels={m.id: m.label_en for m in dataset.metrics},
            actor_names={a.id: a.name for a in dataset.actors},
        )


@dataclass(frozen=True)
class Candidate:
    """One figure found (``left_out`` None), or a number that is not one (``left_out`` says
    what it is: year, date, age, duration, page, price, other_subject)."""

    start: int  # offsets of ``value_text`` in the article
    end: int
    value: float
    value_high: float | None
    unit: str
    qualifier: str
    value_text: str
    quote: str
    quote_start: int
    metric: str | None
    confidence: float
    reasons: tuple[str, ...]
    period_start: date
    period_end: date
    period_precision: str
    period_text: str | None
    scope: str
    scope_detail: str | None
    scope_code: str | None
    actor: str
    speaker: str | None
    attribution: str
    commissioned_by: str | None
    known_as: str | None = None
    left_out: str | None = None


@dataclass(frozen=True)
class Extraction:
    text: str
    published: date
    reference: Period  # the date the article's figures are "as of" by default
    candidates: tuple[Candidate, ...]

    @property
    def figures(self) -> tuple[Candidate, ...]:
        return tuple(c for c in self.candidates if c.left_out is None)

    @property
    def left_out(self) -> tuple[Candidate, ...]:
        return tuple(c for c in self.candidates if c.left_out is not None)


# ── the pass over an article ────────────────────────────────────────────────────────────────


def extract_candidates(
    text: str,
    published: date,
    knowledge: Knowledge,
    published_precision: str = "day",
    *,
    on_topic: bool = False,
) -> Extraction:
    """The candidates of ``text``. ``on_topic``: every paragraph is known to be about the
    subject (excerpts chosen for it), so none is left out as another subject's."""
    folded = fold_same_length(text)
    numbers = find_numbers(text)
    # A date without its year is placed before the end of the publication's month (or year)
    # when the publication is known only to the month (or year).
    horizon = _horizon(published, published_precision)
    first_pass = find_periods(folded, horizon, published, knowledge.launch)
    body = (0, len(text)) if on_topic else _body(text, folded)
    reference = _reference(first_pass, published, published_precision, body)
    phrases = find_periods(folded, horizon, reference.end, knowledge.launch)
    in_body = [n for n in numbers if body[0] <= n.start < body[1]]
    paragraphs = split_article(text, {n.start for n in in_body})
    survey_period = _survey_period(phrases, folded)
    places = find_places(folded)
    chooser = MetricChooser(knowledge.metrics)
    doc = _Document(
        text,
        folded,
        published,
        reference,
        phrases,
        paragraphs,
        places,
        survey_period,
        knowledge,
        chooser,
        numbers,
    )
    doc.on_topic = on_topic
    doc.classify(body)
    candidates = [doc.candidate(number) for number in numbers]
    return Extraction(text, published, reference, tuple(_merge_same(candidates)))


def _horizon(published: date, precision: str) -> date:
    if precision == "year":
        return date(published.year, 12, 31)
    if precision in ("month", "quarter"):
        months = 3 if precision == "quarter" else 1
        last = shift_months(published.replace(day=1), months) - timedelta(days=1)
        return last
    return published


def _body(text: str, folded: str) -> tuple[int, int]:
    """From the first paragraph about the subject to the last: teasers and advertisements
    around an article are left out."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", folded)]
    on_topic = [
        i
        for i, s in enumerate(spans)
        if _TOPIC.search(folded[s[0] : s[1]]) or _TOPIC_ACRONYM.search(text[s[0] : s[1]])
    ]
    if not on_topic:
        return (0, len(text))  # the subject is never named: let the metrics decide
    last = on_topic[-1]
    # Prose right after the last paragraph naming the subject still belongs to the article;
    # a short line (a headline, "Source …", a teaser's title) ends it.
    while last + 1 < len(spans) and _is_prose(folded[spans[last + 1][0] : spans[last + 1][1]]):
        last += 1
    return (spans[on_topic[0]][0], spans[last][1])


def _is_prose(line: str) -> bool:
    return len(line.split()) >= 10 and bool(re.search(r"[.!?…»]\s*$", line))


def _reference(phrases: list[PeriodPhrase], published: date, precision: str, body) -> Period:
    """The day the article's figures are as of: the first day it names that is close before
    its publication (the assessment, the hearing, the press briefing), else the publication."""
    for phrase in phrases:
        if phrase.kind != "date" or not (body[0] <= phrase.start < body[1]):
            continue
        day = phrase.period.start
        if 0 <= (published - day).days <= 62 or (
            precision != "day" and day.year == published.year and day.month == published.month
        ):
            return Period(day, day, "day")
    return Period(published, published, precision)


def _survey_period(phrases: list[PeriodPhrase], folded: str) -> Period | None:
    for phrase in phrases:
        if phrase.kind not in ("range", "month", "date"):
            continue
        line_start = folded.rfind("\n", 0, phrase.start) + 1
        sentence = folded[max(line_start, phrase.start - 200) : phrase.end + 100]
        if _SURVEY.search(sentence):
            return phrase.period
    return None


def metric_kind(knowledge: Knowledge, choice) -> str | None:
    if choice is None or choice.metric is None:
        return None
    return next((m.kind.value for m in knowledge.metrics if m.id == choice.metric), None)


def _merge_same(candidates: list[Candidate]) -> list[Candidate]:
    """ "un Français sur deux (50 %)": one figure, said twice; the digits are kept."""
    out: list[Candidate] = []
    for candidate in candidates:
        if out and candidate.left_out is None and out[-1].left_out is None:
            previous = out[-1]
            close = 0 <= candidate.start - previous.end <= 3
            if (
                close
                and abs(previous.value - candidate.value) < 1e-6
                and previous.unit == candidate.unit
            ):
                out[-1] = candidate if candidate.value_text[0].isdigit() else previous
                continue
        out.append(candidate)
    return out


class _Document:
    def __init__(
        self,
        text,
        folded,
        published,
        reference,
        phrases,
        paragraphs,
        places,
        survey_period,
        knowledge,
        chooser,
        numbers,
    ):
        self.text, self.folded = text, folded
        self.published, self.reference = published, reference
        self.phrases: list[PeriodPhrase] = phrases
        self.paragraphs: list[Paragraph] = paragraphs
        self.places = places
        self.survey_period = survey_period
        self.knowledge: Knowledge = knowledge
        self.chooser: MetricChooser = chooser
        self.numbers: list[FoundNumber] = numbers
        self.quotes = [(m.start(), m.end()) for m in re.finditer(r"«[^«»]*»|“[^“”]*”", text)]
        self.pollsters = {a for a, k in knowledge.actors.kinds.items() if k is ActorKind.POLLSTER}
        self.all_mentions = knowledge.actors.mentions(text, folded)
        self.on_topic = False

    def _mentions(self, start: int, end: int):
        return [m for m in self.all_mentions if start <= m.start < end]

    # ── locating ──
    def _where(self, offset: int) -> tuple[Paragraph, int]:
        for paragraph in self.paragraphs:
            if paragraph.start <= offset < paragraph.end:
                for i, sentence in enumerate(paragraph.sentences):
                    if offset < sentence.end or i == len(paragraph.sentences) - 1:
                        return paragraph, i
        raise LookupError(offset)

    def classify(self, body) -> None:
        """Tell figures from other numbers first: only figures share a sentence's words."""
        self.left_out_of: dict[int, str | None] = {}
        for number in self.numbers:
            paragraph, index = self._where(number.start)
            self.left_out_of[number.start] = self._left_out(
                number, body, paragraph.sentences[index]
            )
        self.figure_numbers = [n for n in self.numbers if self.left_out_of[n.start] is None]

    def candidate(self, number: FoundNumber) -> Candidate:
        paragraph, index = self._where(number.start)
        sentence = paragraph.sentences[index]
        left_out = self.left_out_of[number.start]
        unit = _UNITS.get(number.unit, "count")
        survey = self._survey(paragraph, index, unit)
        phrase_kind, period, period_text = self._period(number, sentence, paragraph, index, survey)
        scope, scope_detail, scope_code = self._scope(
            number, sentence, paragraph, index, survey, unit
        )
        window = self._window(number, sentence)
        context = Context(
            clause=self.folded[window[0] : window[1]],
            sentence=self.folded[sentence.start : sentence.end],
            before=self.folded[
                paragraph.sentences[index - 1].start : paragraph.sentences[index - 1].end
            ]
            if index
            else "",
            paragraph=self.folded[paragraph.start : paragraph.end],
            document="",
            unit=unit,
            period_kind=phrase_kind,
            pace_unit=self._pace_unit(number, sentence),
            survey=survey,
            scope=scope,
        )
        choice = self.chooser.choose(context) if left_out is None else None
        if (
            left_out is None
            and choice is not None
            and choice.metric is None
            and not _TOPIC.search(self.folded[sentence.start : sentence.end])
            and not self.on_topic
        ):
            left_out = "other_subject"
        if metric_kind(self.knowledge, choice) == "stock" and phrase_kind == "since":
            period, period_text = self.reference, None
        qualifier = self._qualifier(number, window, phrase_kind)
        actor, speaker, attribution, sponsor = self._stater(
            number, sentence, paragraph, index, survey
        )
        metric = choice.metric if choice else None
        if metric == "survey_sample_size":
            scope, scope_detail, scope_code = "survey_sample", None, None
        elif survey and unit == "percent" and scope == "national":
            scope = "survey_sample"
        candidate = Candidate(
            start=number.start,
            end=number.end,
            value=number.value,
            value_high=number.high,
            unit=unit,
            qualifier=qualifier,
            value_text=number.words,
            quote=sentence.text,
            quote_start=sentence.start,
            metric=metric,
            confidence=choice.confidence if choice else 0.0,
            reasons=choice.reasons if choice else (),
            period_start=period.start,
            period_end=period.end,
            period_precision=period.precision,
            period_text=period_text,
            scope=scope,
            scope_detail=scope_detail,
            scope_code=scope_code,
            actor=actor,
            speaker=speaker,
            attribution=attribution,
            commissioned_by=sponsor,
            left_out=left_out,
        )
        if left_out is None and metric:
            candidate = replace(candidate, known_as=self._known(candidate))
        return candidate

    def _window(self, number: FoundNumber, sentence: Sentence) -> tuple[int, int]:
        """The words that belong to this figure: the sentence cut between figures, at the last
        comma or conjunction before each ("créés … mais seulement 12 % d'entre eux")."""
        figures = [n for n in self.figure_numbers if sentence.start <= n.start < sentence.end]
        if number not in figures:
            figures = sorted([*figures, number], key=lambda n: n.start)
        i = figures.index(number)
        start = self._cut(figures[i - 1].end, number.start) if i else sentence.start
        end = self._cut(number.end, figures[i + 1].start) if i + 1 < len(figures) else sentence.end
        return start, end

    def _cut(self, left: int, right: int) -> int:
        gap = self.folded[left:right]
        breaks = [m.start() for m in _BREAK.finditer(gap)]
        return left + breaks[-1] if breaks else left

    # ── what is not a figure ──
    def _left_out(self, number: FoundNumber, body, sentence: Sentence) -> str | None:
        folded = self.folded
        after = folded[number.end : number.end + 24]
        before = folded[max(0, number.start - 24) : number.start]
        for phrase in self.phrases:
            if phrase.start <= number.start < phrase.end:
                return (
                    "date"
                    if phrase.kind in ("date", "range", "month", "since")
                    else "year"
                    if phrase.kind in ("year", "deadline")
                    else "date"
                )
        if re.match(
            r"^\s*(?:(?:et|au|-|a) (?:le )?\d{1,2} )?(?:" + "|".join(MONTHS) + r")\b", after
        ):
            return "date"
        if number.form == "digits" and re.fullmatch(r"(?:19|20)\d\d", number.words):
            following = re.match(r"^\s+(?:de |d')?([a-z]+)", after)
            if not (_COUNT_NOUN.match(after) and following and following.group(1) not in _FUNCTION):
                return "year"
        if number.unit == "year":
            return (
                "age"
                if (
                    _AGE.search(folded[max(0, number.start - 60) : number.end + 20])
                    or number.form == "range"
                )
                else "duration"
            )
        if number.unit in ("day", "week"):
            return "duration"
        if _PAGE.search(before):
            return "page"
        if number.unit == "eur" and number.value < 10_000:
            return "price"
        if not (body[0] <= number.start < body[1]):
            return "other_subject"
        if re.match(r"^\s*(?:h|heures?)\b", after):
            return "date"
        return None

    # ── period ──
    def _phrase_kind(self, phrase: PeriodPhrase, sentence: Sentence) -> str:
        """ "Depuis le déploiement … engagé dès fin 2022": a date that starts something."""
        lead = self.folded[max(sentence.start, phrase.start - 70) : phrase.start]
        if phrase.kind in ("date", "month", "year") and re.search(
            r"\b(?:depuis|des)\b[^,;]*$", lead
        ):
            return "since"
        return phrase.kind

    def _leading(self, sentence: Sentence) -> list[PeriodPhrase]:
        first = min(
            (n.start for n in self.figure_numbers if sentence.start <= n.start < sentence.end),
            default=sentence.end,
        )
        return [
            p
            for p in self.phrases
            if sentence.start <= p.start
            and p.end <= first
            and self._phrase_kind(p, sentence) != "since"
        ]

    def _period(self, number, sentence: Sentence, paragraph: Paragraph, index: int, survey: bool):
        """The nearest period words in the figure's clause; else those opening its sentence;
        else a date opening the sentence before (the story goes on); else the survey's
        fieldwork for a survey's figure; else the day the article's figures are as of."""
        window = self._window(number, sentence)
        own = [
            p
            for p in self.phrases
            if window[0] <= p.start and p.end <= window[1] and not (p.start <= number.start < p.end)
        ]
        # "quatre fois plus … qu'en 20 ans": the base of a comparison is not the figure's period.
        own = [
            p
            for p in own
            if not re.search(r"\b(?:qu'|que )$", self.folded[max(0, p.start - 4) : p.start])
        ]
        pace = next((p for p in own if p.kind == "pace"), None)
        own = [p for p in own if p.kind != "pace"]

        def distance(p: PeriodPhrase) -> int:
            return min(abs(p.start - number.end), abs(number.start - p.end))

        chosen = min(own, key=distance) if own else None
        if chosen is None and (leading := self._leading(sentence)):
            chosen = leading[-1]
        if chosen is None and index and not own:
            previous = [
                p
                for p in self._leading(paragraph.sentences[index - 1])
                if p.kind in ("date", "month")
            ]
            if previous and not (survey and self.survey_period):
                chosen = previous[-1]
        if chosen is not None:
            kind = "pace" if pace is not None else self._phrase_kind(chosen, sentence)
            words = self.text[chosen.start : chosen.end]
            return kind, chosen.period, words
        if pace is not None:
            return "pace", self.reference, None
        if self.survey_period and survey:
            return "survey", self.survey_period, None
        return None, self.reference, None

    def _pace_unit(self, number: FoundNumber, sentence: Sentence) -> str | None:
        window = self._window(number, sentence)
        for phrase in self.phrases:
            if phrase.kind == "pace" and window[0] <= phrase.start < window[1]:
                word = phrase.words.split()[-1]
                return {"annee": "an"}.get(word, word)
        return None

    def _survey(self, paragraph: Paragraph, index: int, unit: str = "percent") -> bool:
        here = self.folded[paragraph.sentences[index].start : paragraph.sentences[index].end]
        if _SURVEY.search(here):
            return True
        return bool(
            index
            and unit == "percent"
            and _SURVEY.search(
                self.folded[
                    paragraph.sentences[index - 1].start : paragraph.sentences[index - 1].end
                ]
            )
        )

    # ── scope ──
    def _scope(
        self, number, sentence: Sentence, paragraph: Paragraph, index: int, survey: bool, unit: str
    ):
        """Places named in the sentence; else a place that frames an earlier sentence of the
        paragraph ("En Haute-Garonne, …"); several départements of a pilot are its pilot."""
        here = [p for p in self.places if sentence.start <= p.start < sentence.end]
        framing = [
            p
            for p in self.places
            if paragraph.start <= p.start < sentence.start
            and any(
                s.start <= p.start
                and re.match(r"\s*(?:en|dans|a)\b", self.folded[s.start : p.start])
                and p.start - s.start < 12
                for s in paragraph.sentences[:index]
            )
        ]
        pilot = "experim" in stems(self.folded[paragraph.start : paragraph.end])
        names = {p.name for p in here}
        if index:
            previous = paragraph.sentences[index - 1]
            names |= {p.name for p in self.places if previous.start <= p.start < previous.end}
        if pilot and len(names) >= 2:
            return "pilot_departements", ", ".join(sorted(names)), None
        if here:
            place = here[-1]
            return place.kind, place.name, place.code
        if survey and unit == "percent":
            return "survey_sample", None, None
        if framing:
            place = framing[-1]
            return place.kind, place.name, place.code
        return "national", None, None

    # ── qualifier ──
    def _qualifier(self, number: FoundNumber, window, phrase_kind) -> str:
        before = self.folded[max(window[0], number.start - 30) : number.start]
        if phrase_kind == "deadline":
            return "target"
        clause = self.folded[window[0] : window[1]]
        if _TARGET.search(clause) and "population cible" not in clause:
            return "target"
        if number.form == "collective" or _ABOUT.search(before):
            return "about"
        if _AT_LEAST.search(before):
            return "at_least"
        if _AT_MOST.search(before):
            return "at_most"
        return "exact"

    # ── stater and speaker ──
    def _stater(self, number, sentence: Sentence, paragraph: Paragraph, index: int, survey: bool):
        actors = self.knowledge.actors
        text = self.text
        bracket = re.search(r"\[[^\]]*$", text[sentence.start : number.start])
        if bracket and re.match(r"[^\]]*\bNDLR\b", text[number.start : sentence.end]):
            return "press", None, "unattributed", None
        quote = next(((s, e) for s, e in self.quotes if s <= number.start < e), None)
        if quote is not None:
            person = self._person_for_quote(quote, paragraph)
            if person is not None:
                name, role_actor, role = person
                speaker = f"{name}, {role}" if role else name
                return role_actor or "press", speaker, "quoted", None
        mentions = self._mentions(sentence.start, sentence.end)
        if survey:
            pool = mentions + self._mentions(0, paragraph.end)
            pollster = next((m for m in pool if m.actor in self.pollsters), None)
            if pollster is not None:
                sponsor = next(
                    (
                        m.actor
                        for m in pool
                        if m.actor not in self.pollsters
                        and m.start > pollster.start
                        and m.start - pollster.end < 120
                    ),
                    None,
                )
                return pollster.actor, None, "stated", sponsor
        stating = [m for m in mentions if not m.agent and not m.sponsor]
        person = self._person_in(sentence)
        if person is not None:
            name, role_actor, role = person
            speaker = f"{name}, {role}" if role else name
            return (
                role_actor or actors.joint([m.actor for m in stating]) or "press",
                speaker,
                "stated",
                None,
            )
        if stating:
            return actors.joint([m.actor for m in stating]) or "press", None, "stated", None
        for previous in reversed(paragraph.sentences[:index]):
            found = [
                m
                for m in self._mentions(previous.start, previous.end)
                if not m.agent and not m.sponsor
            ]
            if found:
                return actors.joint([m.actor for m in found]) or "press", None, "context", None
        return "press", None, "unattributed", None

    def _person_for_quote(self, quote, paragraph: Paragraph):
        start, end = quote
        people = [p for s in paragraph.sentences for p in s.people]
        after = [p for p in people if end <= p[0] <= end + 80]
        before = [p for p in people if start - 160 <= p[1] <= start]
        for person in after[:1] + before[-1:]:
            return self._describe(person)
        return None

    def _person_in(self, sentence: Sentence):
        folded = self.folded[sentence.start : sentence.end]
        if not sentence.people or not _SAYING.search(folded):
            return None
        return self._describe(sentence.people[0])

    def _describe(self, person):
        start, end, name = person
        role = role_near(self.text, start, end)
        role_actor = None
        if role:
            role_actor = self.knowledge.actors.actor_of_role(role, fold_same_length(role))
        if role_actor is None:
            # The person may have been introduced earlier with a role: look at their first mention.
            first = self.text.find(name)
            if 0 <= first < start:
                earlier = role_near(self.text, first, first + len(name))
                if earlier:
                    role = role or earlier
                    role_actor = self.knowledge.actors.actor_of_role(
                        earlier, fold_same_length(earlier)
                    )
        return name.strip(), role_actor, role

    # ── already in the record ──
    def _known(self, candidate: Candidate) -> str | None:
        for observation in self.knowledge.observations:
            if observation.metric != candidate.metric:
                continue
            if abs(observation.value - candidate.value) > 1e-6 * max(1.0, abs(candidate.value)):
                continue
            if (
                observation.period_start <= candidate.period_end
                and candidate.period_start <= observation.period_end
            ) or (
                (observation.period_end.year, observation.period_end.month)
                == (candidate.period_end.year, candidate.period_end.month)
            ):
                return observation.id
        return None
