"""Property-based robustness of loading: a damaged data directory yields problems, never a crash.

Each example takes the bundled dataset, damages one of its files (bytes or TOML structure), and
checks the contract of the core:

- ``validate(dir)`` returns a list of ``Problem`` (it never raises), each naming a file and
  saying something;
- ``load(dir)`` returns frames or raises ``DatasetError`` (nothing else), and the two agree;
- ``mes-tui validate DIR`` exits 0 or 1 without a traceback.

Hypothesis runs derandomized, so every run tries the same examples.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import tempfile
import tracemalloc
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mes_tui.cli.main import main
from mes_tui.core import DatasetError, Frames, Problem, load, validate
from mes_tui.core.loading import MAX_FILE_BYTES
from mes_tui.core.models import Observation

DATA = Path(__file__).resolve().parent / "data"  # the frozen test dataset (see conftest)
ORIGINAL: dict[str, bytes] = {
    str(p.relative_to(DATA)): p.read_bytes() for p in sorted(DATA.rglob("*")) if p.is_file()
}
TOML_FILES = sorted(name for name in ORIGINAL if name.endswith(".toml"))
TEXT_FILES = sorted(name for name in ORIGINAL if name.startswith("sources/"))
ALL_FILES = TOML_FILES + TEXT_FILES

FUZZ = settings(
    derandomize=True,
    max_examples=400,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FEW = settings(FUZZ, max_examples=40)

_KEY_LINE = re.compile(rb"^([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*(.*)$", re.MULTILINE)
_BLOCK = re.compile(rb"^\[\[[a-z]+\]\][ \t]*$", re.MULTILINE)

# A replacement value of another TOML type (as TOML source).
TOML_VALUES = [
    "42",
    "-1",
    "0",
    "3.5",
    "-0.0",
    "nan",
    "inf",
    "-inf",
    "1e400",
    "1" + "0" * 40,
    "true",
    "false",
    '""',
    '"text"',
    "'literal'",
    '"""multi\nline"""',
    "1979-05-27",
    "1979-05-27T07:32:00Z",
    "1979-05-27T07:32:00",
    "07:32:00",
    "0001-01-01",
    "9999-12-31",
    "[]",
    '[1, "a"]',
    '["x", "y"]',
    "[[]]",
    "{ a = 1 }",
    "{}",
    '"\\u0000"',
    '"\\t\\n"',
    '"../../../etc/passwd"',
    '"sources"',
    '"' + "x" * 600 + '"',
]
FIELD_NAMES = [
    *sorted(Observation.model_fields),
    "title",
    "short",
    "name",
    "kind",
    "text_file",
    "sha256",
    "published",
    "members",
    "parent",
    "unit",
    "label_en",
    "lookalikes",
    "date_start",
    "planned",
    "excerpts",
    "bogus",
    "ID",
    "id ",
]


@dataclass(frozen=True)
class Mutation:
    """One kind of damage to one file; integer arguments are taken modulo the file's size."""

    file: str
    kind: str
    args: tuple = ()


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def _toml_string(text: str) -> str:
    return json.dumps(text)  # JSON escapes are TOML basic-string escapes (mostly: fuzz them)


def apply(mutation: Mutation, data: bytes) -> bytes | None:
    """The damaged bytes of the file (None: delete it)."""
    kind, args = mutation.kind, mutation.args
    size = max(len(data), 1)
    if kind == "truncate":
        return data[: args[0] % size]
    if kind == "flip":
        at = args[0] % size
        return data[:at] + bytes([data[at] ^ (args[1] or 1)]) + data[at + 1 :] if data else data
    if kind == "insert":
        at = args[0] % (len(data) + 1)
        return data[:at] + args[1] + data[at:]
    if kind == "nul":
        at = args[0] % (len(data) + 1)
        return data[:at] + b"\x00" + data[at:]
    if kind == "bom":
        return b"\xef\xbb\xbf" + data
    if kind == "latin1":
        return data.decode("utf-8").encode("latin-1", errors="replace")
    if kind == "empty":
        return b""
    if kind == "delete":
        return None
    if kind == "delete_line":
        lines = _lines(data)
        if lines:
            del lines[args[0] % len(lines)]
        return b"".join(lines)
    if kind == "duplicate_block":
        starts = [m.start() for m in _BLOCK.finditer(data)]
        if not starts:
            return data
        i = args[0] % len(starts)
        end = starts[i + 1] if i + 1 < len(starts) else len(data)
        block = data[starts[i] : end]
        return data[:end] + (b"\n" if not block.endswith(b"\n") else b"") + block + data[end:]
    if kind in ("retype", "rename"):
        keys = list(_KEY_LINE.finditer(data))
        if not keys:
            return data
        match = keys[args[0] % len(keys)]
        if kind == "retype":
            new = match.group(1) + b" = " + args[1].encode("utf-8")
        else:
            new = args[1].encode("utf-8") + b" = " + match.group(2)
        return data[: match.start()] + new + data[match.end() :]
    if kind == "observation":
        lines = _lines(data)
        at = args[0] % (len(lines) + 1)
        table = "\n[[observation]]\n" + "".join(f"{key} = {value}\n" for key, value in args[1])
        if at and not lines[at - 1].endswith(b"\n"):
            lines[at - 1] += b"\n"
        return b"".join(lines[:at]) + table.encode("utf-8") + b"".join(lines[at:])
    raise AssertionError(f"unknown mutation {kind}")


_positions = st.integers(min_value=0, max_value=2**20)
_toml_values = st.one_of(st.sampled_from(TOML_VALUES), st.text(max_size=20).map(_toml_string))
_fields = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(FIELD_NAMES), st.from_regex(r"[a-z_]{1,12}", fullmatch=True)),
        _toml_values,
    ),
    max_size=8,
)


@st.composite
def mutations(draw) -> Mutation:
    kind = draw(
        st.sampled_from(
            [
                "truncate",
                "flip",
                "insert",
                "nul",
                "bom",
                "latin1",
                "empty",
                "delete",
                "delete_line",
                "duplicate_block",
                "retype",
                "rename",
                "observation",
            ]
        )
    )
    structural = kind in ("duplicate_block", "retype", "rename", "observation")
    file = draw(st.sampled_from(TOML_FILES if structural else ALL_FILES))
    args: tuple[Any, ...]
    if kind == "truncate":
        args = (draw(_positions),)
    elif kind == "flip":
        args = (draw(_positions), draw(st.integers(1, 255)))
    elif kind == "insert":
        args = (draw(_positions), draw(st.binary(min_size=1, max_size=8)))
    elif kind in ("nul", "delete_line", "duplicate_block"):
        args = (draw(_positions),)
    elif kind == "retype":
        args = (draw(_positions), draw(_toml_values))
    elif kind == "rename":
        args = (
            draw(_positions),
            draw(
                st.one_of(
                    st.sampled_from(FIELD_NAMES),
                    st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,10}", fullmatch=True),
                )
            ),
        )
    elif kind == "observation":
        args = (draw(_positions), tuple(draw(_fields)))
    else:
        args = ()
    return Mutation(file, kind, args)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@contextlib.contextmanager
def damaged(scratch: Path, mutation: Mutation):
    """A fresh copy of the dataset with ``mutation`` applied; removed afterwards."""
    root = Path(tempfile.mkdtemp(dir=scratch)) / "data"
    try:
        for name, data in ORIGINAL.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            new = apply(mutation, data) if name == mutation.file else data
            if new is not None:
                path.write_bytes(new)
        yield root
    finally:
        shutil.rmtree(root.parent, ignore_errors=True)


def check_contract(root: Path) -> list[Problem]:
    """validate() and load() keep their promises on ``root``; returns the problems."""
    problems = validate(root)
    assert isinstance(problems, list)
    for problem in problems:
        assert isinstance(problem, Problem), problem
        assert isinstance(problem.file, str), problem
        assert problem.file.strip(), problem
        assert isinstance(problem.message, str), problem
        assert problem.message.strip(), problem
        assert str(problem)
    refused: list[Problem] | None = None
    try:
        frames = load(root)
    except DatasetError as error:
        refused = error.problems
    if refused is not None:
        assert problems, "load() refused a dataset that validate() accepts"
        assert refused == problems
    else:
        assert isinstance(frames, Frames)
        assert problems == [], "load() accepted a dataset with problems"
    return problems


def expected_culprit(mutation: Mutation, data: bytes) -> str | None:
    """The name a problem must mention, when the damage is certain to be a problem."""
    new = apply(mutation, data)
    if new == data:
        return None
    if mutation.file in TEXT_FILES:
        # Every source text is pinned by its sha256: any change is reported on its source.
        return mutation.file
    if mutation.kind in ("bom", "empty", "delete", "nul", "latin1"):
        return mutation.file
    return None


def _key_index(file: str, key: bytes) -> int:
    """The ``args[0]`` of a retype/rename that hits the first ``key = …`` line of ``file``."""
    return [m.group(1) for m in _KEY_LINE.finditer(ORIGINAL[file])].index(key)


# A NUL in a text_file path: the path cannot even be looked up (see the dedicated test below).
NUL_TEXT_FILE = Mutation(
    "sources.toml", "retype", (_key_index("sources.toml", b"text_file"), '"sources/\\u0000.txt"')
)


@FUZZ
@pytest.mark.slow
@given(mutation=mutations())
@example(mutation=NUL_TEXT_FILE)
@example(mutation=Mutation("observations.toml", "observation", (10**6, ())))
@example(
    mutation=Mutation(
        "sources.toml", "retype", (_key_index("sources.toml", b"text_file"), '"sources"')
    )
)
@example(
    mutation=Mutation(
        "sources.toml",
        "retype",
        (_key_index("sources.toml", b"text_file"), '"../../../etc/passwd"'),
    )
)
@example(
    mutation=Mutation(
        "observations.toml", "rename", (_key_index("observations.toml", b"quote"), "qoute")
    )
)
def test_damaged_data_gives_problems_never_a_crash(scratch: Path, mutation: Mutation) -> None:
    with damaged(scratch, mutation) as root:
        problems = check_contract(root)
    culprit = expected_culprit(mutation, ORIGINAL[mutation.file])
    if culprit is not None:
        assert any(culprit in str(problem) for problem in problems), (culprit, problems)


@FEW
@pytest.mark.slow
@given(mutation=mutations())
def test_cli_validate_exits_0_or_1_without_a_traceback(scratch: Path, mutation: Mutation) -> None:
    out, err = io.StringIO(), io.StringIO()
    with damaged(scratch, mutation) as root:
        problems = validate(root)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["validate", str(root)])
    assert code == (1 if problems else 0), out.getvalue() + err.getvalue()
    assert "Traceback" not in out.getvalue() + err.getvalue()
    # One line of standard output per problem, each starting with the directory.
    assert len(out.getvalue().splitlines()) == len(problems)


# ── The cases the fuzzer may take long to meet ───────────────────────────────────────────


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    return root


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_nul_in_a_text_file_path_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    # TOML allows "\u0000" in a string; the path cannot be opened: that is the data's fault.
    root = _copy(tmp_path)
    _replace(
        root / "sources.toml",
        'text_file = "sources/2021-10-haute-garonne-pilot.txt"',
        'text_file = "sources/2021-10-haute-garonne-pilot.txt\\u0000"',
    )
    problems = check_contract(root)
    hits = [p for p in problems if p.file == "sources.toml" and p.field == "text_file"]
    assert hits and hits[0].record == "2021-10-haute-garonne-pilot", problems


def _move_first_figure(root: Path, published: str, period: str) -> None:
    """Publish the first source on ``published`` and date its first figure ``period``."""
    _replace(root / "sources.toml", "published = 2021-10-01\n", f"published = {published}\n")
    path = root / "observations.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index('id = "2021-10-pilot-departements"')
    block = text[start : text.index("[[observation]]", start)]
    moved = block.replace("period_start = 2021-10-01", f"period_start = {period}").replace(
        "period_end = 2021-10-31", f"period_end = {period}"
    )
    assert moved != block
    path.write_text(text.replace(block, moved), encoding="utf-8")


def test_a_figure_in_december_9999_is_checked_without_a_crash(tmp_path: Path) -> None:
    # A month-precision date in December 9999 ends on 9999-12-31; the month after overflows.
    root = _copy(tmp_path)
    _move_first_figure(root, "9999-12-01", "9999-12-20")
    problems = check_contract(root)
    # 9999-12-20 is within December 9999, the month of publication: not after it.
    assert not [p for p in problems if p.field == "period_start"], problems


def test_a_figure_after_a_source_published_in_october_9999_is_still_late(tmp_path: Path) -> None:
    # October 9999 at month precision ends on 9999-10-31: mid-November is after it.
    root = _copy(tmp_path)
    _move_first_figure(root, "9999-10-01", "9999-11-15")
    problems = check_contract(root)
    hits = [p for p in problems if p.field == "period_start"]
    assert len(hits) == 1 and "9999-10-31" in hits[0].message, problems


@pytest.mark.parametrize("value", ["1" + "0" * 400, "1e400", "nan", "-inf"])
def test_numbers_beyond_floats_are_problems(tmp_path: Path, value: str) -> None:
    root = _copy(tmp_path)
    _replace(root / "observations.toml", "value = 3\n", f"value = {value}\n")
    problems = check_contract(root)
    assert [
        p
        for p in problems
        if p.file == "observations.toml"
        and p.field == "value"
        and p.record
        and p.record.startswith("2021-10-pilot-departements")
    ], problems


# ── Files over the size limit ────────────────────────────────────────────────────────────


def _sparse(path: Path, size: int) -> None:
    """A file of ``size`` bytes made in no time: a comment, then a hole."""
    with path.open("wb") as handle:
        handle.write(b"# a very large file\n")
        handle.truncate(size)


BIG = 200 * 1024 * 1024


def test_a_200_mb_observations_file_is_refused_by_its_size(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "observations.toml"
    _sparse(path, BIG)
    assert path.stat().st_size == BIG
    tracemalloc.start()
    try:
        problems = validate(root)
        with pytest.raises(DatasetError):
            load(root)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    hits = [p for p in problems if p.file == "observations.toml"]
    assert len(hits) == 1, problems
    assert f"{BIG:,}" in hits[0].message and "limit" in hits[0].message, hits[0]
    # The file was never read into memory.
    assert peak < BIG // 10, f"peak {peak:,} bytes"


def test_a_file_one_byte_over_the_limit_is_refused(tmp_path: Path) -> None:
    # Real content, not a hole: comment lines up to one byte over the limit.
    root = _copy(tmp_path)
    path = root / "events.toml"
    line = b"# " + b"x" * 1021 + b"\n"
    with path.open("wb") as handle:
        for _ in range(MAX_FILE_BYTES // len(line)):
            handle.write(line)
        handle.write(b"#" * (MAX_FILE_BYTES % len(line) + 1))
    assert path.stat().st_size == MAX_FILE_BYTES + 1
    problems = check_contract(root)
    hits = [p for p in problems if p.file == "events.toml"]
    assert len(hits) == 1 and f"{MAX_FILE_BYTES + 1:,}" in hits[0].message, problems


def test_a_200_mb_source_text_is_refused_by_its_size(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    text = root / "sources" / "2023-02-first-assessment.txt"
    text.chmod(0o644)
    _sparse(text, BIG)
    problems = check_contract(root)
    hits = [p for p in problems if p.file == "sources.toml" and p.field == "text_file"]
    assert len(hits) == 1, problems
    assert "2023-02-first-assessment.txt" in hits[0].message and f"{BIG:,}" in hits[0].message


def test_cli_validate_of_a_200_mb_file(tmp_path: Path, capsys) -> None:
    root = _copy(tmp_path)
    _sparse(root / "metrics.toml", BIG)
    assert main(["validate", str(root)]) == 1
    out, err = capsys.readouterr()
    assert f"metrics.toml: is {BIG:,} bytes" in out
    assert "Traceback" not in out + err
