"""Nothing is ever lost: the explorer and the commands never write into the data directory, and
an export either lands whole or not at all (no partial file, no stray temporary file, an existing
file kept)."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import stat
from pathlib import Path

import pytest
from textual.widgets import Input

from mes_tui.cli.main import EXIT_INTERRUPTED, EXIT_OUTPUT, main
from mes_tui.core.export import ExportError, write_atomic
from mes_tui.core.paths import bundled_data_dir
from mes_tui.ui.app import create_app
from mes_tui.ui.explorer import ExplorerScreen
from mes_tui.ui.screens.export import ExportScreen
from mes_tui.ui.screens.help import HelpScreen
from mes_tui.ui.screens.source import SourceScreen
from tests.textual_private import app_error
from tests.ui_support import wait_for, wait_loaded

Snapshot = dict[str, tuple]


def snapshot(root: Path) -> Snapshot:
    """Every entry under ``root`` (itself included): kind, mode, mtime, size and bytes.

    A directory's mtime changes when an entry is created or removed in it, even a temporary
    file that is gone again: comparing it catches a write that left nothing behind.
    """
    out: Snapshot = {}
    for path in [root, *sorted(root.rglob("*"))]:
        info = path.lstat()
        key = str(path.relative_to(root))
        if stat.S_ISDIR(info.st_mode):
            out[key] = ("dir", info.st_mode, info.st_mtime_ns, sorted(os.listdir(path)))
        else:
            out[key] = ("file", info.st_mode, info.st_mtime_ns, info.st_size, path.read_bytes())
    return out


def chmod_tree(root: Path, writable: bool) -> None:
    for path in [root, *root.rglob("*")]:
        mode = path.stat().st_mode
        if writable:
            path.chmod(mode | stat.S_IWUSR)
        else:
            path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


@pytest.fixture
def frozen_data(tmp_path: Path):
    """A read-only copy of the dataset and its snapshot; the test must leave both unchanged.

    The tests run as root, for whom read-only is only advisory: the snapshot is the real check.
    """
    root = tmp_path / "frozen" / "data"
    shutil.copytree(bundled_data_dir(), root)
    chmod_tree(root, writable=False)
    before = snapshot(root)
    parent_before = sorted(os.listdir(root.parent))
    yield root
    after = snapshot(root)
    chmod_tree(root, writable=True)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert not changed, f"the data directory changed: {changed}"
    assert sorted(os.listdir(root.parent)) == parent_before


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch) -> Path:
    """The working directory of the test: exports go here, never next to the data."""
    out = tmp_path / "elsewhere"
    out.mkdir()
    monkeypatch.chdir(out)
    return out


# ── The data directory is never written ──────────────────────────────────────────────────


@pytest.mark.slow  # a long journey; each command and dialog: below
async def test_a_whole_session_leaves_the_data_untouched(frozen_data: Path, elsewhere: Path):
    app = create_app(data_dir=frozen_data)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_loaded(pilot)
        assert screen.frames is not None
        # Filter: search typed, then the pickers' results applied, then cleared.
        await pilot.press("slash", *"cazeneuve", "enter")
        await wait_for(pilot, lambda: screen.filters.search == "cazeneuve")
        assert screen.rows
        # Open the source of the selected figure, come back.
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SourceScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: pilot.app.screen is screen)
        # Copy its quote.
        await pilot.press("c")
        await pilot.pause()
        assert pilot.app.clipboard
        # Help, the overview, zoom.
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))
        await pilot.press("escape", "g", "z", "z", "x")
        await wait_for(pilot, lambda: screen.filters.search == "")
        # Export, once in each format, next to the test (not next to the data).
        for name in ("all.csv", "all.json", "all.md"):
            await pilot.press("e")
            await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExportScreen))
            pilot.app.screen.query_one("#export-path", Input).value = str(elsewhere / name)
            await pilot.press("enter")
            await wait_for(pilot, lambda: pilot.app.screen is screen)
        # A default export name, accepted as proposed: it lands in the working directory.
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExportScreen))
        await pilot.press("enter")
        await wait_for(pilot, lambda: pilot.app.screen is screen)
        await pilot.press("q")
    assert app.return_code in (0, None)
    assert app_error(app) is None
    written = sorted(p.name for p in elsewhere.iterdir())
    assert written[:3] == ["all.csv", "all.json", "all.md"] and len(written) == 4, written
    assert not [p for p in elsewhere.iterdir() if p.name.startswith(".")]


CLI_RUNS = [
    ["validate", "{data}"],
    *[["query", "--data", "{data}", "--format", fmt] for fmt in ("table", "csv", "json", "md")],
    [
        "query",
        "--data",
        "{data}",
        "--search",
        "cazeneuve",
        "--format",
        "json",
        "--output",
        "{out}/q.json",
    ],
    ["--data", "{data}", "query", "--metric", "accounts_created", "--format", "md"],
    *[
        ["metric", "accounts_created", "--data", "{data}", "--format", fmt]
        for fmt in ("table", "json", "md")
    ],
    ["metric", "accounts_created", "--data", "{data}", "--output", "{out}/m.md", "--format", "md"],
    *[
        [listing, "--data", "{data}", "--format", fmt]
        for listing in ("metrics", "actors", "sources")
        for fmt in ("table", "csv", "json", "md")
    ],
    ["sources", "--data", "{data}", "--output", "{out}/s.csv", "--format", "csv"],
    ["metric", "nope", "--data", "{data}"],  # usage errors must not write either
    ["query", "--data", "{data}", "--actor", "nope"],
]


def test_every_command_leaves_the_data_untouched(frozen_data: Path, elsewhere: Path) -> None:
    codes = []
    for argv in CLI_RUNS:
        args = [a.format(data=frozen_data, out=elsewhere) for a in argv]
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            codes.append(main(args))
        assert "Traceback" not in out.getvalue() + err.getvalue()
    assert codes[:-2] == [0] * (len(CLI_RUNS) - 2), list(zip(codes, CLI_RUNS, strict=False))
    assert codes[-2:] == [2, 2]
    assert sorted(p.name for p in elsewhere.iterdir()) == ["m.md", "q.json", "s.csv"]


def test_commands_run_from_inside_the_data_directory_write_nothing_there(
    frozen_data: Path, monkeypatch
) -> None:
    # The working directory is the data directory itself: still nothing may appear in it.
    monkeypatch.chdir(frozen_data)
    for argv in (
        ["validate", "."],
        ["query", "--data", ".", "--format", "csv"],
        ["metrics", "--data", "."],
    ):
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            assert main(argv) == 0, argv


# ── Exports are atomic ───────────────────────────────────────────────────────────────────


def _entries(directory: Path) -> list[str]:
    return sorted(os.listdir(directory))


class _Interrupt(BaseException):
    """Stands for an interruption the export code does not expect (like KeyboardInterrupt)."""


@pytest.mark.parametrize(
    "error", [OSError(28, "No space left on device"), KeyboardInterrupt(), _Interrupt()]
)
@pytest.mark.parametrize("stage", ["replace", "write"])
def test_an_interrupted_export_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch, error: BaseException, stage: str
) -> None:
    target = tmp_path / "figures.csv"
    target.write_text("precious", encoding="utf-8")
    before = _entries(tmp_path)
    real_fdopen = os.fdopen

    def broken_replace(src, dst):
        assert Path(src).exists()  # the temporary file was complete, and is about to be lost
        raise error

    class HalfWriter:
        """Writes half of the text, then fails: a disk filling up, a Ctrl+C mid-write."""

        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()
            return False

        def write(self, text: str) -> int:
            self.handle.write(text[: len(text) // 2])
            self.handle.flush()
            raise error

        def __getattr__(self, name):
            return getattr(self.handle, name)

    if stage == "replace":
        monkeypatch.setattr(os, "replace", broken_replace)
    else:
        monkeypatch.setattr(os, "fdopen", lambda *a, **k: HalfWriter(real_fdopen(*a, **k)))
    expected = ExportError if isinstance(error, OSError) else type(error)
    with pytest.raises(expected):
        write_atomic(target, "id,value\n" + "x,1\n" * 10_000, force=True)
    assert target.read_text(encoding="utf-8") == "precious"
    assert _entries(tmp_path) == before


@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_an_interrupted_new_export_leaves_nothing(
    tmp_path: Path, monkeypatch, error: BaseException
) -> None:
    def broken_replace(src, dst):
        raise error

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(ExportError if isinstance(error, OSError) else KeyboardInterrupt):
        write_atomic(tmp_path / "new.json", "[]\n")
    assert _entries(tmp_path) == []


def test_cli_interrupted_while_writing_keeps_the_existing_file(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    target = tmp_path / "figures.json"
    target.write_text("precious", encoding="utf-8")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    code = main(["query", "--format", "json", "--output", str(target), "--force"])
    out, err = capsys.readouterr()
    assert code == EXIT_INTERRUPTED
    assert "interrupted" in err and "Traceback" not in out + err
    assert out == ""
    assert target.read_text(encoding="utf-8") == "precious"
    assert _entries(tmp_path) == ["figures.json"]


def test_cli_disk_full_while_forcing_keeps_the_existing_file(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    target = tmp_path / "figures.csv"
    target.write_text("precious", encoding="utf-8")

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    code = main(["query", "--format", "csv", "--output", str(target), "--force"])
    out, err = capsys.readouterr()
    assert code == EXIT_OUTPUT
    assert "No space left" in err and "Traceback" not in out + err
    assert target.read_text(encoding="utf-8") == "precious"
    assert _entries(tmp_path) == ["figures.csv"]
    # Once the disk has room again, --force replaces it whole.
    monkeypatch.undo()
    assert main(["query", "--format", "csv", "--output", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8").startswith("id,")
    assert _entries(tmp_path) == ["figures.csv"]


def test_cli_output_with_a_file_name_too_long_is_an_output_error(tmp_path: Path, capsys) -> None:
    # NAME_MAX is 255 bytes on Linux: the name cannot exist. Exit 3 with a message, no traceback.
    target = tmp_path / ("f" * 300 + ".json")
    code = main(["query", "--format", "json", "--output", str(target)])
    out, err = capsys.readouterr()
    assert code == EXIT_OUTPUT, err
    assert out == "" and err
    assert _entries(tmp_path) == []


# ── The export dialog, interrupted ───────────────────────────────────────────────────────


async def _export_to(pilot, path: str) -> ExportScreen:
    await pilot.press("e")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExportScreen))
    dialog = pilot.app.screen
    dialog.query_one("#export-path", Input).value = path
    await pilot.press("enter")
    await pilot.pause()
    return dialog


def _dialog_error(dialog: ExportScreen) -> str:
    return str(dialog.query_one("#export-error").render())


async def test_dialog_disk_full_shows_the_error_and_leaves_nothing(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    app = create_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        dialog = await _export_to(pilot, str(tmp_path / "figures.csv"))
        assert pilot.app.screen is dialog, "the dialog stays open to let the user retry"
        assert "No space left" in _dialog_error(dialog)
        assert _entries(tmp_path) == []
        # Room again: the same dialog now writes the file.
        monkeypatch.undo()
        monkeypatch.chdir(tmp_path)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExplorerScreen))
        assert _entries(tmp_path) == ["figures.csv"]
        assert app_error(app) is None


async def test_dialog_missing_directory_is_an_error_not_a_crash(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = create_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        dialog = await _export_to(pilot, str(tmp_path / "missing" / "figures.json"))
        assert pilot.app.screen is dialog
        assert "not a directory" in _dialog_error(dialog)
        assert app.is_running and app_error(app) is None
    assert _entries(tmp_path) == []


@pytest.mark.parametrize(
    "name", ["f" * 300 + ".csv", "nul\x00byte.csv"], ids=["name-too-long", "nul-byte"]
)
async def test_dialog_unusable_file_name_is_an_error_not_a_crash(
    tmp_path: Path, monkeypatch, name: str
):
    # A name the file system refuses (typed or pasted): an error in the dialog, no crash.
    monkeypatch.chdir(tmp_path)
    app = create_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        dialog = await _export_to(pilot, str(tmp_path / name))
        assert app_error(app) is None, repr(app_error(app))
        assert app.is_running and pilot.app.screen is dialog
        assert _dialog_error(dialog)
    assert _entries(tmp_path) == []
