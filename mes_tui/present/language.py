"""Which language mes-tui speaks, and its messages (gettext catalogues under ``locale/``).

The language comes from ``--lang``, else ``MES_TUI_LANG``, else the locale variables ``LC_ALL``,
``LC_MESSAGES`` and ``LANG`` as they are set (a server need not have the French locale generated
for ``LANG=fr_FR.UTF-8`` to mean French); ``C`` and ``POSIX`` mean English.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

__all__ = [
    "LANGUAGES",
    "N_",
    "Language",
    "_",
    "current_language",
    "gettext",
    "language_from_env",
    "ngettext",
    "pgettext",
    "set_language",
    "translation",
]

Language = Literal["en", "fr"]
LANGUAGES: tuple[Language, ...] = ("en", "fr")
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "mes_tui"

_current: Language = "en"
_translations: dict[str, _gettext.NullTranslations] = {}


def language_of(value: str | None) -> Language | None:
    """The language a setting names ("fr", "fr_FR.UTF-8", "en_GB", "C"), or None if unset."""
    if not value:
        return None
    tag = value.split(":")[0].split(".")[0].split("@")[0].strip().lower()
    if not tag:
        return None
    if tag in ("c", "posix"):
        return "en"
    base = tag.replace("-", "_").split("_")[0]
    return "fr" if base == "fr" else "en"


def language_from_env(environ: Mapping[str, str] | None = None) -> Language:
    """``MES_TUI_LANG``, else the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set."""
    env = os.environ if environ is None else environ
    for name in ("MES_TUI_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        found = language_of(env.get(name))
        if found is not None:
            return found
    return "en"


def translation(lang: str) -> _gettext.NullTranslations:
    """The catalogue of ``lang`` (English is the source language: no catalogue)."""
    found = _translations.get(lang)
    if found is None:
        if lang == "en":
            found = _gettext.NullTranslations()
        else:
            found = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)
        _translations[lang] = found
    return found


def set_language(lang: str) -> Language:
    """Speak ``lang`` from now on (an unknown one means English); returns the language."""
    global _current
    _current = "fr" if lang == "fr" else "en"
    return _current


def current_language() -> Language:
    return _current


def gettext(message: str, lang: str | None = None) -> str:
    """``message`` in ``lang`` (default: the current language)."""
    return translation(lang or _current).gettext(message)


def ngettext(singular: str, plural: str, n: int, lang: str | None = None) -> str:
    return translation(lang or _current).ngettext(singular, plural, n)


def pgettext(context: str, message: str, lang: str | None = None) -> str:
    return translation(lang or _current).pgettext(context, message)


_ = gettext


def N_(message: str) -> str:
    """Marks ``message`` for the catalogue where it is defined; translated where it is shown."""
    return message
