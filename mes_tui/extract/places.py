"""French régions and départements with their INSEE codes, to tell a figure's scope."""

from __future__ import annotations

import re

from mes_tui.core.numbers import fold_same_length

__all__ = ["Place", "find_places"]

REGIONS = {
    "11": "Île-de-France",
    "24": "Centre-Val de Loire",
    "27": "Bourgogne-Franche-Comté",
    "28": "Normandie",
    "32": "Hauts-de-France",
    "44": "Grand Est",
    "52": "Pays de la Loire",
    "53": "Bretagne",
    "75": "Nouvelle-Aquitaine",
    "76": "Occitanie",
    "84": "Auvergne-Rhône-Alpes",
    "93": "Provence-Alpes-Côte d'Azur",
    "94": "Corse",
    "01": "Guadeloupe",
    "02": "Martinique",
    "03": "Guyane",
    "04": "La Réunion",
    "06": "Mayotte",
}
DEPARTEMENTS = {
    "01": "Ain",
    "02": "Aisne",
    "03": "Allier",
    "04": "Alpes-de-Haute-Provence",
    "05": "Hautes-Alpes",
    "06": "Alpes-Maritimes",
    "07": "Ardèche",
    "08": "Ardennes",
    "09": "Ariège",
    "10": "Aube",
    "11": "Aude",
    "12": "Aveyron",
    "13": "Bouches-du-Rhône",
    "14": "Calvados",
    "15": "Cantal",
    "16": "Charente",
    "17": "Charente-Maritime",
    "18": "Cher",
    "19": "Corrèze",
    "2A": "Corse-du-Sud",
    "2B": "Haute-Corse",
    "21": "Côte-d'Or",
    "22": "Côtes-d'Armor",
    "23": "Creuse",
    "24": "Dordogne",
    "25": "Doubs",
    "26": "Drôme",
    "27": "Eure",
    "28": "Eure-et-Loir",
    "29": "Finistère",
    "30": "Gard",
    "31": "Haute-Garonne",
    "32": "Gers",
    "33": "Gironde",
    "34": "Hérault",
    "35": "Ille-et-Vilaine",
    "36": "Indre",
    "37": "Indre-et-Loire",
    "38": "Isère",
    "39": "Jura",
    "40": "Landes",
    "41": "Loir-et-Cher",
    "42": "Loire",
    "43": "Haute-Loire",
    "44": "Loire-Atlantique",
    "45": "Loiret",
    "46": "Lot",
    "47": "Lot-et-Garonne",
    "48": "Lozère",
    "49": "Maine-et-Loire",
    "50": "Manche",
    "51": "Marne",
    "52": "Haute-Marne",
    "53": "Mayenne",
    "54": "Meurthe-et-Moselle",
    "55": "Meuse",
    "56": "Morbihan",
    "57": "Moselle",
    "58": "Nièvre",
    "59": "Nord",
    "60": "Oise",
    "61": "Orne",
    "62": "Pas-de-Calais",
    "63": "Puy-de-Dôme",
    "64": "Pyrénées-Atlantiques",
    "65": "Hautes-Pyrénées",
    "66": "Pyrénées-Orientales",
    "67": "Bas-Rhin",
    "68": "Haut-Rhin",
    "69": "Rhône",
    "70": "Haute-Saône",
    "71": "Saône-et-Loire",
    "72": "Sarthe",
    "73": "Savoie",
    "74": "Haute-Savoie",
    "75": "Paris",
    "76": "Seine-Maritime",
    "77": "Seine-et-Marne",
    "78": "Yvelines",
    "79": "Deux-Sèvres",
    "80": "Somme",
    "81": "Tarn",
    "82": "Tarn-et-Garonne",
    "83": "Var",
    "84": "Vaucluse",
    "85": "Vendée",
    "86": "Vienne",
    "87": "Haute-Vienne",
    "88": "Vosges",
    "89": "Yonne",
    "90": "Territoire de Belfort",
    "91": "Essonne",
    "92": "Hauts-de-Seine",
    "93": "Seine-Saint-Denis",
    "94": "Val-de-Marne",
    "95": "Val-d'Oise",
    "971": "Guadeloupe",
    "972": "Martinique",
    "973": "Guyane",
    "974": "La Réunion",
    "976": "Mayotte",
}
# Names that are also common words or other things are read only after "en", "dans le(s)",
# "de la", "du" or with "département": "Nord", "Var", "Lot", "Cher", "Paris", "Loire"…
_AMBIGUOUS = {
    "Nord",
    "Var",
    "Lot",
    "Cher",
    "Paris",
    "Loire",
    "Manche",
    "Marne",
    "Orne",
    "Indre",
    "Aube",
    "Aude",
    "Eure",
    "Gard",
    "Gers",
    "Jura",
    "Tarn",
    "Vienne",
    "Somme",
    "Ain",
    "Oise",
    "Meuse",
    "Rhône",
    "Savoie",
    "Allier",
    "Creuse",
    "Doubs",
    "Drôme",
    "Isère",
    "Landes",
    "Yonne",
    "Sarthe",
    "Corse",
    "Guyane",
}


class Place:
    __slots__ = ("code", "end", "kind", "name", "start")

    def __init__(self, kind: str, code: str, name: str, start: int, end: int) -> None:
        self.kind, self.code, self.name, self.start, self.end = kind, code, name, start, end

    def __repr__(self) -> str:
        return f"Place({self.kind}, {self.code}, {self.name})"


def _key(name: str) -> str:
    return re.sub(r"[-\s]+", " ", fold_same_length(name).replace("’", "'"))


_ENTRIES = [("region", c, n) for c, n in REGIONS.items()] + [
    ("departement", c, n) for c, n in DEPARTEMENTS.items()
]
_BY_KEY: dict[str, list[tuple[str, str, str]]] = {}
for _entry in _ENTRIES:
    _BY_KEY.setdefault(_key(_entry[2]), []).append(_entry)
# One alternation of plain names, longest first ("Haute-Garonne" before "Garonne").
_REGEX = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(re.escape(k).replace(r"\ ", "[- ]") for k in sorted(_BY_KEY, key=len, reverse=True))
    + r")(?![\w-])"
)
_AMBIGUOUS_KEYS = {_key(n) for n in _AMBIGUOUS}
_OVERSEAS = {"971": "01", "972": "02", "973": "03", "974": "04", "976": "06"}


def find_places(folded: str) -> list[Place]:
    """Régions and départements named in ``folded`` (a text folded by fold_same_length).

    A name that is also a common word ("Nord", "Var", "Somme"…) counts only after "en", "le",
    "la", "du" or "de"; a name that is both a région and a département is the région unless
    "département" is near.
    """
    out = []
    for match in _REGEX.finditer(folded):
        key = _key(match.group(0))
        if key in _AMBIGUOUS_KEYS and not re.search(
            r"\b(?:en|le|la|du|de|dans le|l') ?$", folded[max(0, match.start() - 8) : match.start()]
        ):
            continue
        entries = _BY_KEY[key]
        around = folded[max(0, match.start() - 40) : match.end() + 12]
        kinds = {e[0]: e for e in entries}
        if "region" in kinds and "departement" in kinds:
            kind, code, name = kinds["departement"] if "departement" in around else kinds["region"]
        else:
            kind, code, name = entries[0]
        if kind == "departement" and code in _OVERSEAS and "region" in around:
            kind, code = "region", _OVERSEAS[code]
        out.append(Place(kind, code, name, match.start(), match.end()))
    return out
