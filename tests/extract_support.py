"""Shared by the extraction tests: spaCy's French pipeline is loaded once per test session
(``load_pipeline`` is cached for the process), and the bundled dataset read once."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

from mes_tui.extract.candidates import Extraction, Knowledge, extract_candidates

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"

# A French article written for these tests (none of its sentences is in the record).
ARTICLE = """Mon espace santé : le carnet de santé numérique gagne du terrain

Selon l’Assurance maladie, près de 20 millions de personnes ont activé leur profil Mon espace santé depuis son lancement. En 2024, plus de 600 000 nouvelles activations ont été enregistrées chaque mois.
« Aujourd’hui, un Français sur trois utilise son espace chaque mois », explique Jeanne Martin, directrice du numérique de la Caisse nationale de l’Assurance maladie. Les professionnels de santé ont envoyé 40 millions de documents au cours des 3 derniers mois.
En Bretagne, 1,2 million de personnes ont activé leur compte fin janvier. Une enquête réalisée par Harris Interactive auprès de 1 500 personnes indique que 62 % des Français ont déjà entendu parler de Mon espace santé.
Le rapport (p. 42) a été publié en 2023 ; l’abonnement coûte 9 euros ; les jeunes de 18 à 25 ans sont visés. Le 12 mars, 2 500 salariés ont manifesté devant le ministère.
"""
PUBLISHED = date(2025, 3, 3)


@lru_cache(maxsize=1)
def knowledge() -> Knowledge:
    return Knowledge.from_data(DATA)


@lru_cache(maxsize=8)
def extract(text: str = ARTICLE, published: date = PUBLISHED) -> Extraction:
    return extract_candidates(text, published, knowledge())
