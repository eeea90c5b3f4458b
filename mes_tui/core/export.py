"""Exports: the public columns a script can rely on, and a file written safely.

How the figures read in each format is ``mes_tui.present.export``'s business."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["PUBLIC_COLUMNS", "ExportError", "write_atomic"]

# The columns a script can rely on, in order.
PUBLIC_COLUMNS = [
    "id",
    "metric",
    "metric_label",
    "value",
    "unit",
    "qualifier",
    "value_text",
    "category",
    "period_start",
    "period_end",
    "period_precision",
    "period_text",
    "scope",
    "scope_detail",
    "actor",
    "actor_name",
    "speaker",
    "attribution",
    "commissioned_by",
    "source",
    "source_title",
    "source_outlet",
    "source_published",
    "source_url",
    "quote",
    "note",
    "citation",
    "derived",
]


class ExportError(Exception):
    """The export could not be written; nothing was changed on disk.

    ``reason`` says why (``exists``, ``not_a_directory``, ``appeared``, ``cannot_write``,
    ``cannot_write_in``), ``path`` where, ``detail`` the system's own words, if any;
    ``present.messages.export_error`` says it in the user's language."""

    _ENGLISH = {
        "exists": "{path} already exists; choose another name or allow overwriting",
        "not_a_directory": "{path} is not a directory",
        "appeared": "{path} appeared while writing; nothing was overwritten",
        "cannot_write_in": "cannot write in {path}: {detail}",
        "cannot_write": "cannot write {path!r}: {detail}",
    }

    def __init__(self, reason: str, path: Path | str, detail: str | None = None) -> None:
        self.reason, self.path, self.detail = reason, str(path), detail
        shown = self.path[:80] if reason == "cannot_write" else self.path
        super().__init__(self._ENGLISH[reason].format(path=shown, detail=detail))

    @property
    def exists(self) -> bool:
        """Whether the file is already there: allowing an overwrite would help, nothing else."""
        return self.reason in ("exists", "appeared")


def write_atomic(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename.

    An existing file is kept unless ``force``; an interrupted write leaves no partial file.
    """
    path = Path(path)
    try:
        exists = path.exists()
        directory = path.parent if str(path.parent) else Path(".")
        is_dir = directory.is_dir()
    except (OSError, ValueError) as error:  # a name too long, a NUL byte…
        reason = getattr(error, "strerror", None) or str(error)
        raise ExportError("cannot_write", path, reason) from None
    if exists and not force:
        raise ExportError("exists", path)
    if not is_dir:
        raise ExportError("not_a_directory", directory)
    try:
        # The temporary name stays short: the final name may be near the system's limit.
        fd, temp = tempfile.mkstemp(prefix=".mes-tui-export.", suffix=".part", dir=directory)
    except OSError as error:
        raise ExportError("cannot_write_in", directory, error.strerror) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if not force and path.exists():
            raise ExportError("appeared", path)
        # mkstemp makes the file private (0600): give it the mode any new file of the user
        # gets (0666 less the umask), as a shell redirection would.
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except BaseException as error:
        Path(temp).unlink(missing_ok=True)
        if isinstance(error, (OSError, ValueError)):  # ValueError: a NUL byte in the name
            reason = getattr(error, "strerror", None) or str(error)
            raise ExportError("cannot_write", path, reason) from None
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
