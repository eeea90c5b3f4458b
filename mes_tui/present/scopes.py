"""Scopes in words: the scope picker's choices and why a scope filter does not read (the core
gives the scope kinds, INSEE codes and the names the figures give them)."""

from __future__ import annotations

from mes_tui.core.filters import ScopeChoice, ScopeError
from mes_tui.present.language import N_, _

__all__ = ["SCOPE_NAMES", "scope_choice_label", "scope_error"]

SCOPE_NAMES = {
    "national": N_("national figures"),
    "region": N_("every région"),
    "departement": N_("every département"),
    "pilot_departements": N_("the pilot départements together"),
    "survey_sample": N_("survey samples"),
}


def scope_choice_label(choice: ScopeChoice, lang: str | None = None) -> str:
    """A line of the scope picker: the filter word, then what it keeps ("region:75  ·
    Nouvelle-Aquitaine", "national  ·  chiffres nationaux")."""
    if choice.code is None:
        said = _(SCOPE_NAMES[choice.scope], lang) if choice.scope in SCOPE_NAMES else choice.scope
    else:
        said = choice.name or choice.code
    return f"{choice.word}  ·  {said}"


def scope_error(error: ScopeError, lang: str | None = None) -> str:
    """Why a scope filter word does not read, with the valid choices."""
    if error.reason == "not_a_code":
        template = {
            "region": _("scope {word!r}: {code!r} is not the INSEE code of a région", lang),
            "departement": _(
                "scope {word!r}: {code!r} is not the INSEE code of a département", lang
            ),
        }.get(error.kind or "")
        if template:
            return template.format(word=error.word, code=error.code)
    if error.reason == "ambiguous":
        return _(
            "scope {word!r} is the INSEE code of a région and of a département: "
            "write region:{code} or departement:{code}",
            lang,
        ).format(word=error.word, code=error.code)
    return _(
        "unknown scope {word!r}; valid scopes: national, region, departement, pilot, survey, "
        "region:CODE, departement:CODE (INSEE codes, e.g. region:75, departement:31, 2A)",
        lang,
    ).format(word=error.word)
