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
    "quote",
    "note",
    "citation",
    "derived",
]


class ExportError(Exception):
    """The export could not be written; nothing was changed on disk. ``exists``: because the
    file is already there (allowing an overwrite would help; nothing else would)."""

    def __init__(self, message: str, *, exists: bool = False) -> None:
        super().__init__(message)
        self.exists = exists


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
        raise ExportError(
            f"cannot write {str(path)[:80]}: {getattr(error, 'strerror', None) or error}"
        ) from None
    if exists and not force:
        raise ExportError(
            f"{path} already exists; choose another name or allow overwriting", exists=True
        )
    if not is_dir:
        raise ExportError(f"{directory} is not a directory")
    try:
        # The temporary name stays short: the final name may be near the system's limit.
        fd, temp = tempfile.mkstemp(prefix=".mes-tui-export.", suffix=".part", dir=directory)
    except OSError as error:
        raise ExportError(f"cannot write in {directory}: {error.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if not force and path.exists():
            raise ExportError(
                f"{path} appeared while writing; nothing was overwritten", exists=True
            )
        # mkstemp makes the file private (0600): give it the mode any new file of the user
        # gets (0666 less the umask), as a shell redirection would.
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except BaseException as error:
        Path(temp).unlink(missing_ok=True)
        if isinstance(error, (OSError, ValueError)):  # ValueError: a NUL byte in the name
            reason = getattr(error, "strerror", None) or str(error)
            raise ExportError(f"cannot write {str(path)[:80]!r}: {reason}") from None
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
