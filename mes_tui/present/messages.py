"""Messages about what happened (an export refused, a write failed), in the user's language,
from the core's typed errors."""

from __future__ import annotations

from mes_tui.core.export import ExportError
from mes_tui.core.filters import DateBoundError
from mes_tui.present.language import _

__all__ = ["date_error", "export_error"]


def date_error(error: DateBoundError, lang: str | None = None) -> str:
    """Why a date typed by the user does not read."""
    if error.reason == "month":
        return _("{text!r} has no such month: months are 01 to 12", lang).format(text=error.text)
    if error.reason == "day":
        return _("{text!r} has no such day in its month", lang).format(text=error.text)
    return _("{text!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD", lang).format(
        text=error.text
    )


def export_error(error: ExportError, lang: str | None = None) -> str:
    """Why an export was not written."""
    words = {
        "exists": _("{path} already exists; choose another name or allow overwriting", lang),
        "not_a_directory": _("{path} is not a directory", lang),
        "appeared": _("{path} appeared while writing; nothing was overwritten", lang),
        "cannot_write_in": _("cannot write in {path}: {detail}", lang),
        "cannot_write": _("cannot write {path}: {detail}", lang),
    }
    path = error.path[:80] if error.reason == "cannot_write" else error.path
    template = words.get(error.reason)
    return template.format(path=path, detail=error.detail) if template else str(error)
