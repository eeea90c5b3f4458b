"""A broken dataset opens the error screen (every problem, naming file, record and field), and q
leaves with exit code 1: never a crash, never a half-working explorer.

The same broken copies make ``mes-tui query`` exit 1 with the problems on standard error, and
``mes-tui --data BROKEN`` (the explorer, run headless here) exit 1 too.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.app import App

from mes_tui.cli.main import EXIT_INVALID_DATA, main
from mes_tui.core import validate
from mes_tui.core.paths import bundled_data_dir
from mes_tui.ui.app import MesApp, create_app
from mes_tui.ui.explorer import ExplorerScreen
from mes_tui.ui.screens.errors import DataErrorScreen
from tests.textual_private import app_error
from tests.ui_support import wait_started

OBS = "2021-09-haute-garonne-refusal-rate"


def _edit(name: str, old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    return edit


def _latin1(name: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / name
        path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1", errors="replace"))

    return edit


def _bom(name: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())

    return edit


def _missing(name: str) -> Callable[[Path], None]:
    return lambda root: (root / name).unlink()


def _unlink_all(paths: Iterable[Path]) -> None:
    for path in paths:
        path.unlink()


def _sparse(name: str, size: int) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        with (root / name).open("wb") as handle:
            handle.truncate(size)

    return edit


@dataclass(frozen=True)
class Damage:
    name: str
    edit: Callable[[Path], None]
    file: str  # the file a problem must name
    record: str | None = None  # the start of the record label, when the problem is in a record
    field: str | None = None
    words: str = ""  # a fragment of the message


DAMAGES = [
    Damage(
        "invalid-toml",
        _edit("observations.toml", "[[observation]]", "[[observation]", 1),
        "observations.toml",
        words="TOML",
    ),
    Damage("latin1", _latin1("actors.toml"), "actors.toml", words="UTF-8"),
    Damage("bom", _bom("metrics.toml"), "metrics.toml", words="byte-order mark"),
    Damage("missing", _missing("events.toml"), "events.toml", words="missing"),
    Damage(
        "missing-source-text",
        _missing("sources/2023-02-first-assessment.txt"),
        "sources.toml",
        record="2023-02-first-assessment",
        field="text_file",
        words="missing",
    ),
    Damage(
        "dangling-metric",
        _edit("observations.toml", 'metric = "opposition_rate"', 'metric = "no_such_metric"'),
        "observations.toml",
        record=OBS,
        field="metric",
        words="no_such_metric",
    ),
    Damage(
        "dangling-parent",
        _edit("actors.toml", 'members = ["dns", "ans"]', 'members = ["dns", "nobody"]'),
        "actors.toml",
        record="dns-ans",
        field="members",
        words="nobody",
    ),
    Damage(
        "quote-not-in-source",
        _edit("observations.toml", "le taux de refus stagnait", "le taux de refus plafonnait"),
        "observations.toml",
        record=OBS,
        field="quote",
        words="not found verbatim",
    ),
    Damage(
        "edited-source-text",
        lambda root: _append(root / "sources" / "2021-10-haute-garonne-pilot.txt"),
        "sources.toml",
        record="2021-10-haute-garonne-pilot",
        field="sha256",
    ),
    Damage(
        "markup-in-a-value",
        _edit(
            "observations.toml",
            'metric = "opposition_rate"',
            'metric = "[bold red]x[/] [@click=app.quit]q[/]"',
        ),
        "observations.toml",
        record=OBS,
        field="metric",
        words="[@click=app.quit]",
    ),
    Damage(
        "over-the-size-limit",
        _sparse("observations.toml", 200 * 1024 * 1024),
        "observations.toml",
        words="209,715,200 bytes",
    ),
    Damage(
        "empty-directory",
        lambda root: _unlink_all(root.glob("*.toml")),
        "sources.toml",
        words="missing",
    ),
]


def _append(path: Path) -> None:
    path.chmod(0o644)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\nUne phrase de plus.\n")


def _broken_copy(tmp_path: Path, damage: Damage) -> tuple[Path, Damage]:
    root = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), root)
    damage.edit(root)
    return root, damage


@pytest.fixture(params=DAMAGES, ids=[d.name for d in DAMAGES])
def broken(request, tmp_path: Path) -> tuple[Path, Damage]:
    return _broken_copy(tmp_path, request.param)


def _tiered(fast: set[str]) -> list:
    """Every damage, those not in ``fast`` for `make test` only (marked slow)."""
    return [
        pytest.param(d, marks=() if d.name in fast else pytest.mark.slow, id=d.name)
        for d in DAMAGES
    ]


# The error screen on each damage in `make test`; in `make test-fast`, on a damaged file, a
# damaged record, markup in the data (shown literally) and an empty directory. The problems of
# every damage are checked in both tiers, through the command line (below).
@pytest.fixture(
    params=_tiered({"invalid-toml", "dangling-metric", "markup-in-a-value", "empty-directory"})
)
def broken_on_screen(request, tmp_path: Path) -> tuple[Path, Damage]:
    return _broken_copy(tmp_path, request.param)


# The explorer started by the command line on each damage: a damaged file and a damaged record
# in `make test-fast`, every damage in `make test`.
@pytest.fixture(params=_tiered({"invalid-toml", "dangling-metric"}))
def broken_for_the_explorer(request, tmp_path: Path) -> tuple[Path, Damage]:
    return _broken_copy(tmp_path, request.param)


def _matches(problem, damage: Damage) -> bool:
    return (
        problem.file == damage.file
        and (damage.record is None or (problem.record or "").startswith(damage.record))
        and (damage.field is None or problem.field == damage.field)
        and damage.words in problem.message
    )


async def test_the_error_screen_lists_the_problems_and_q_exits_1(broken_on_screen) -> None:
    root, damage = broken_on_screen
    app = create_app(data_dir=root)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_started(pilot)
        assert isinstance(screen, DataErrorScreen), screen
        assert screen.problems == validate(root)
        assert [p for p in screen.problems if _matches(p, damage)], screen.problems
        # What is shown is each problem in full, literally (markup in the data is not applied).
        shown = [str(w.render()) for w in screen.query(".problem")]
        assert shown == [str(p) for p in screen.problems]
        head = str(screen.query_one("#error-head").render())
        assert str(root) in head and f"{len(screen.problems)} problem" in head
        # The explorer's keys do nothing here; only q (or escape) leaves.
        await pilot.press("m", "slash", "e", "o", "down", "pagedown")
        assert pilot.app.screen is screen and app.is_running
        await pilot.press("q")
    assert app.return_code == 1
    assert app_error(app) is None


async def test_escape_also_leaves_with_1(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), root)
    (root / "metrics.toml").unlink()
    app = create_app(data_dir=root)
    async with app.run_test(size=(60, 12)) as pilot:
        screen = await wait_started(pilot)
        assert isinstance(screen, DataErrorScreen)
        await pilot.resize_terminal(1, 1)
        await pilot.resize_terminal(60, 12)
        await pilot.press("escape")
    assert app.return_code == 1 and app_error(app) is None


async def test_many_problems_scroll_without_trouble(tmp_path: Path) -> None:
    # Every observation points at a missing metric, actor and source: dozens of problems.
    root = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), root)
    path = root / "observations.toml"
    text = path.read_text(encoding="utf-8")
    for key in ("metric", "actor", "source"):
        text = text.replace(f'\n{key} = "', f'\n{key} = "gone-')
    path.write_text(text, encoding="utf-8")
    app = create_app(data_dir=root)
    async with app.run_test(size=(80, 20)) as pilot:
        screen = await wait_started(pilot)
        assert isinstance(screen, DataErrorScreen)
        assert len(screen.problems) >= 40
        assert {p.field for p in screen.problems} >= {"metric", "actor", "source"}
        await pilot.press(*["pagedown"] * 10, "end", "home", "tab", "down")
        assert app.is_running and app_error(app) is None
        await pilot.press("q")
    assert app.return_code == 1


def test_cli_query_on_a_broken_copy_exits_1_with_the_problems_on_stderr(broken, capsys) -> None:
    root, damage = broken
    code = main(["query", "--data", str(root), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == EXIT_INVALID_DATA
    assert out == ""
    assert "Traceback" not in err
    problems = validate(root)
    lines = err.splitlines()
    for problem in problems:
        assert any(line.endswith(str(problem)) for line in lines), problem
    assert [p for p in problems if _matches(p, damage)]
    assert f"{len(problems)} problem" in lines[-1] and "mes-tui validate" in lines[-1]


def test_cli_explorer_on_a_broken_copy_exits_1(
    broken_for_the_explorer, monkeypatch, capsys
) -> None:
    """``mes-tui --data BROKEN``: the real command, with the app run headless by an autopilot."""
    root, _ = broken_for_the_explorer
    seen: list[type] = []

    async def autopilot(pilot) -> None:
        screen = await wait_started(pilot)
        seen.append(type(screen))
        await pilot.press("q")

    def headless_run(self: App, **kwargs):
        return App.run(self, headless=True, size=(100, 30), auto_pilot=autopilot)

    monkeypatch.setattr(MesApp, "run", headless_run)
    code = main(["--data", str(root)])
    out, err = capsys.readouterr()
    assert seen == [DataErrorScreen], (seen, err)
    assert code == EXIT_INVALID_DATA
    assert "Traceback" not in out + err


@pytest.mark.parametrize(
    "top",
    [
        "metric = 3",  # the other shapes in `make test` only: each starts the explorer
        pytest.param("metric = 2024-01-01", marks=pytest.mark.slow),
        pytest.param("metric = true", marks=pytest.mark.slow),
        pytest.param('metric = "abc"', marks=pytest.mark.slow),
        pytest.param("metric = { id = 'x' }", marks=pytest.mark.slow),
    ],
)
def test_cli_explorer_with_a_malformed_metrics_file_exits_1(
    tmp_path: Path, monkeypatch, capsys, top: str
) -> None:
    # Valid TOML of the wrong shape: the explorer peeks at the metric ids before it starts.
    root = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), root)
    (root / "metrics.toml").write_text(top + "\n", encoding="utf-8")
    seen: list[type] = []

    async def autopilot(pilot) -> None:
        screen = await wait_started(pilot)
        seen.append(type(screen))
        await pilot.press("q")

    monkeypatch.setattr(
        MesApp,
        "run",
        lambda self, **kw: App.run(self, headless=True, size=(100, 30), auto_pilot=autopilot),
    )
    code = main(["--data", str(root), "--metric", "accounts_created"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert code == EXIT_INVALID_DATA, err
    assert seen == [DataErrorScreen]


async def test_a_valid_copy_still_opens_the_explorer(tmp_path: Path) -> None:
    # The control: the same path through the fixtures, undamaged, gives the explorer.
    root = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), root)
    app = create_app(data_dir=root)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_started(pilot)
        assert isinstance(screen, ExplorerScreen) and screen.rows
