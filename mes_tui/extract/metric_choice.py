"""Which metric of ``metrics.toml`` a figure is about, with the words that decided it.

Each metric is described by the stems of its French label (and French definition) and by a
few cue words of the press for the same thing; a figure's context is weighed by closeness
(its own clause counts most, the rest of the sentence less, the sentence before a little).
Structure counts too: the unit must match; a flow wants a stretch of time, a pace "par mois";
survey metrics want a survey in the context and pilot metrics a pilot; a share's denominator
words help. A metric nobody could describe by words still wins on structure alone when it is
the only one of its unit. Confidence is the winner's share of the two best scores.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from functools import lru_cache

from mes_tui.core.models import Metric, MetricKind
from mes_tui.core.numbers import fold_same_length

__all__ = ["Choice", "Context", "MetricChooser", "stems"]

_STOP = {
    "avec",
    "dans",
    "pour",
    "leur",
    "leurs",
    "sans",
    "sous",
    "plus",
    "moins",
    "mais",
    "cette",
    "entre",
    "ainsi",
    "dont",
    "etre",
    "avoir",
    "sont",
    "elles",
    "nous",
    "vous",
    "depuis",
    "comme",
    "tout",
    "tous",
    "toute",
    "toutes",
    "chaque",
    "autre",
    "autres",
    "selon",
    "declare",
    "declarent",
    "mon",
    "espace",
    "sante",
    "numerique",
    "outil",
    "parmi",
    "mois",
    "semaine",
    "semaines",
    "jour",
    "jours",
    "annee",
    "annees",
    "periode",
    "personne",
    "personnes",
    "gens",
    "francais",
    "francaises",
    "individus",
}
# Families of words the press uses for one idea, reduced to one stem.
_FAMILIES = [
    (re.compile(r"^(cree|crea|creer|crees|creee|creees|creat)"), "cree"),
    (re.compile(r"^(activ|activa)"), "activ"),
    (re.compile(r"^(utilis|usage$)"), "utilis"),
    (re.compile(r"^(docum)"), "docum"),
    (re.compile(r"^(sondag|enquet|interr|repond|barome)"), "sondag"),
    (re.compile(r"^(ambas|benev|volont)"), "ambas"),
    (re.compile(r"^(refus|oppos)"), "refus"),
    (re.compile(r"^(experimenta|pilote)"), "experim"),
    (re.compile(r"^(envoy|envoi|telever|depos|alimen)"), "envoy"),
    (re.compile(r"^(equip)"), "equip"),
    (re.compile(r"^(visit|connex|connec)"), "visit"),
]
# Cue words of the press for a metric's idea, beyond its label: general wordings, not a text's.
CUES: dict[str, str] = {
    "accounts_created": "cree automatiquement defaut ouvert comptes profils detenteurs disposent possedent",
    "insured_people": "assures beneficiaires",
    "insured_with_space_share": "assures ouvert disposent possedent",
    "opposition_rate": "refus opposition opposes",
    "accounts_activated": "activ comptes profils",
    "activation_rate_created": "activ comptes crees",
    "activation_rate_target_population": "activ population !cible",
    "activation_rate_population": "activ population francais",
    "activation_rate_pilot": "taux activation experim",
    "activations_in_period": "activations nouvelles",
    "activations_monthly_pace": "activations nouvelles",
    "activations_share_by_age": "activations tranche ages",
    "spaces_used": "utilis utilisateurs",
    "usage_rate_created": "utilis total comptes crees",
    "weekly_unique_visitors": "visiteurs uniques semaine",
    "survey_declared_use": "declar utilis",
    "survey_activated_among_declared_users": "activ parmi",
    "survey_heard_of": "entendu parler connaissent",
    "survey_never_heard_of": "jamais entendu parler",
    "survey_would_use_if_doctor_recommends": "medecin recommand pretes changer",
    "survey_reason_not_activated": "faute manque raison utilite car",
    "survey_sample_size": "aupres echantillon interrogees @aupres|echantillon|interrogees|sondage",
    "documents_sent": "documents envoy",
    "documents_share_sent": "documents envoy",
    "documents_monthly_vs_dmp": "documents fois",
    "ambassadors": "ambas",
    "ambassadors_per_departement": "ambas departement",
    "ambassador_people_reached": "sensibilis personnes touchees",
    "ambassador_activations": "activ ambas",
    "pilot_population": "usagers habitants experim",
    "pilot_departements": "departements experim",
    "segur_equipped": "equip logiciels segur",
    "budget_mes_services": "budget applicatifs messagerie agenda",
    "budget_segur_numerique": "enveloppe segur",
    "months_to_usage_level": "mois",
}


_RHYTHM = {"semaine": "hebdo", "mois": "mensu", "jour": "quotid", "an": "annuel"}


@lru_cache(maxsize=8192)
def stems(folded: str) -> tuple[str, ...]:
    """The stems of a folded text's words (families of the press's words reduced to one)."""
    out = []
    for word in re.findall(r"[a-z]{4,}", folded):
        if word in _STOP:
            continue
        for pattern, family in _FAMILIES:
            if pattern.match(word):
                out.append(family)
                break
        else:
            out.append(word[:6])
    return tuple(out)


@dataclass(frozen=True)
class Context:
    """What a figure's surroundings say, folded."""

    clause: str  # the words closest to the figure
    sentence: str
    before: str  # the sentence before
    paragraph: str
    document: str  # the words of the whole article
    unit: str  # count, percent, eur, ratio, month
    period_kind: str | None  # span, since, date, pace, deadline…
    survey: bool
    scope: str
    pace_unit: str | None = None  # "semaine", "mois"…: the rhythm of a pace ("par semaine")


@dataclass(frozen=True)
class Choice:
    metric: str | None
    confidence: float
    reasons: tuple[str, ...]
    score: float


class MetricChooser:
    def __init__(self, metrics: tuple[Metric, ...]) -> None:
        self.metrics = metrics
        self.profiles: dict[str, dict[str, float]] = {}
        self.required: dict[str, list[tuple[str, set[str]]]] = {}
        document_count: dict[str, int] = {}
        for metric in metrics:
            profile: dict[str, float] = {}
            for stem in stems(fold_same_length(metric.label_fr)):
                profile[stem] = max(profile.get(stem, 0), 1.0)
            cues = CUES.get(metric.id, "")
            for stem in stems(re.sub(r"[@!]\S+", "", cues)):
                profile[stem] = max(profile.get(stem, 0), 1.0)
            # "!a|b": one of these words must be in the sentence; "@a|b": in the figure's clause.
            self.required[metric.id] = [
                (mark, set(stems(words.replace("|", " "))))
                for mark, words in re.findall(r"([!@])(\S+)", cues)
            ]
            if metric.definition_fr:
                for stem in stems(fold_same_length(metric.definition_fr)):
                    profile.setdefault(stem, 0.3)
            self.profiles[metric.id] = profile
            for stem in profile:
                document_count[stem] = document_count.get(stem, 0) + 1
        total = max(len(metrics), 1)
        self.idf = {s: 0.5 + math.log(total / n) for s, n in document_count.items()}
        self.is_survey = {
            m.id: m.family == "survey" or "sondage" in fold_same_length(m.label_fr) for m in metrics
        }
        self.is_pilot = {
            m.id: m.family == "pilot" or "experim" in stems(fold_same_length(m.label_fr))
            for m in metrics
        }
        self.denominators = {
            m.id: set(stems(fold_same_length(m.denominator or ""))) for m in metrics
        }

    def choose(self, context: Context) -> Choice:
        weights: dict[str, float] = {}
        anaphora = re.match(
            r"\s*(?:il|elle|ils|elles|on|ce|cela|ceux-ci|celles-ci)\b", context.sentence
        )
        for text, weight in (
            (context.before, 1.0 if anaphora else 0.4),
            (context.paragraph, 0.15),
            (context.sentence, 1.0),
            (context.clause, 5.0),
        ):
            for stem in stems(text):
                weights[stem] = max(weights.get(stem, 0.0), weight)
        clause_stems = set(stems(context.clause))
        sentence_stems = clause_stems | set(stems(context.sentence))
        pilot_context = "experim" in stems(context.paragraph) or context.scope in (
            "departement",
            "pilot_departements",
        )
        ambassador_context = "ambas" in stems(context.paragraph)
        scored: list[tuple[float, str, list[str]]] = []
        for metric in self.metrics:
            if metric.unit.value != context.unit:
                continue
            score, reasons = 0.0, []
            profile, kind = self.profiles[metric.id], metric.kind
            for stem, strength in profile.items():
                if stem in weights:
                    score += weights[stem] * strength * self.idf.get(stem, 1.0)
                    if weights[stem] >= 1.0:
                        reasons.append(stem)
            # Many words describe a metric loosely; a few describe it well.
            score /= max(len(profile), 1) ** 0.35
            for mark, needed in self.required[metric.id]:
                where = clause_stems if mark == "@" else sentence_stems
                if not needed & where:
                    score -= 3.0
            if context.pace_unit and kind is MetricKind.PACE:
                label = fold_same_length(metric.label_fr)
                if context.pace_unit[:4] in label or _RHYTHM.get(context.pace_unit, "-") in label:
                    score += 2.0
                    reasons.append(f"par {context.pace_unit}")
            if kind is MetricKind.FLOW and context.period_kind not in ("span", "month", "year"):
                score -= 1.5  # a flow is counted over a stretch of time the words must give
            if context.period_kind == "pace":
                score += 3.0 if kind is MetricKind.PACE else -1.0
                if kind is MetricKind.PACE:
                    reasons.append("per unit of time")
            elif kind is MetricKind.PACE:
                score -= 2.0
            if context.period_kind == "span" and kind is MetricKind.FLOW:
                score += 2.0
                reasons.append("over a stretch of time")
            if self.is_survey[metric.id]:
                score += 1.5 if context.survey else -4.0
            elif context.survey and context.unit == "percent":
                score -= 1.5
            if self.is_pilot[metric.id]:
                score += 1.5 if pilot_context else -3.0
            if metric.family == "outreach" or metric.id.startswith("ambassador"):
                score += 1.5 if ambassador_context else -3.0
            if self.denominators[metric.id] & set(stems(context.clause)):
                score += 1.0
            scored.append((score, metric.id, reasons))
        if not scored:
            return Choice(None, 0.0, (f"no metric in {context.unit}",), 0.0)
        scored.sort(key=lambda s: -s[0])
        if os.environ.get("MES_TUI_DEBUG_METRIC"):
            print(context.clause[:70], [(round(a, 2), b) for a, b, _ in scored[:3]])
        best, metric_id, reasons = scored[0]
        second = scored[1][0] if len(scored) > 1 else 0.0
        if best <= 0.5:
            return Choice(None, 0.0, ("no metric's words in the context",), best)
        # The margin over the runner-up, on a scale where 2 points of evidence make it likely.
        confidence = round(max(0.05, min(0.99, 1 - math.exp(-(best - max(second, 0)) / 2))), 2)
        if len(scored) == 1:
            confidence = 0.9
        return Choice(metric_id, confidence, tuple(dict.fromkeys(reasons))[:6], best)
