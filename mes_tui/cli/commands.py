"""What each ``mes-tui`` command does. Parsing lives in ``main``; the work lives in the core."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tomllib
from datetime import date
from pathlib import Path

from mes_tui.cli.exits import EXIT_INVALID_DATA, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE
from mes_tui.core.paths import bundled_data_dir

__all__ = ["run"]


def _err(message: str) -> None:
    print(f"mes-tui: {message}", file=sys.stderr)


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    handler = {
        "explore": _explore,
        "validate": _validate,
        "query": _query,
        "metric": _metric,
        "chart": _chart,
        "latest": _latest,
        "serve": _serve,
        "generate": _generate,
        "metrics": _listing,
        "actors": _listing,
        "sources": _listing,
        "extract": _extract,
        "review": _review,
    }[args.handler]
    return handler(args)


def _extract(args: argparse.Namespace) -> int:
    from mes_tui.cli.extract_commands import run_extract

    return run_extract(args)


def _review(args: argparse.Namespace) -> int:
    from mes_tui.cli.extract_commands import run_review

    return run_review(args)


def _data_dir(args: argparse.Namespace) -> Path:
    return getattr(args, "data_dir", None) or getattr(args, "data", None) or bundled_data_dir()


def _filters(args: argparse.Namespace):
    from mes_tui.core.filters import Filters

    try:
        return Filters(
            metrics=frozenset(getattr(args, "metric", ())),
            actors=frozenset(getattr(args, "actor", ())),
            since=getattr(args, "since", None),
            until=getattr(args, "until", None),
            search=getattr(args, "search", ""),
            scopes=frozenset(getattr(args, "scope", ())),
        )
    except ValueError as error:
        detail = error.errors()[0]["msg"].removeprefix("Value error, ")  # type: ignore[attr-defined]
        _err(detail)
        return None


def _report_unknown(unknown: dict[str, tuple[list[str], list[str]]]) -> int:
    for field, (bad, valid) in unknown.items():
        _err(f"unknown {field} {', '.join(map(repr, bad))}; valid {field}s: {', '.join(valid)}")
    return EXIT_USAGE


def _where(data_dir: Path, problem) -> str:
    """A problem prefixed with its directory, unless it already names a full path."""
    if Path(problem.file).is_absolute() or problem.file == str(data_dir):
        return str(problem)
    return f"{data_dir}/{problem}"


def _load(data_dir: Path):
    """The frames of ``data_dir``, or None after printing every problem."""
    from mes_tui.core import DatasetError
    from mes_tui.core.cache import load_cached

    try:
        return load_cached(data_dir)
    except DatasetError as error:
        for problem in error.problems:
            print(_where(data_dir, problem), file=sys.stderr)
        _err(f"{data_dir}: {error}; run `mes-tui validate {data_dir}` after fixing")
        return None


def _validate(args: argparse.Namespace) -> int:
    from mes_tui.core.dataset import open_dataset

    data_dir = _data_dir(args)
    frames, problems = open_dataset(data_dir)
    for problem in problems:
        print(_where(data_dir, problem))
    if frames is None:
        _err(f"{data_dir}: {len(problems)} problem{'s' if len(problems) != 1 else ''}")
        return EXIT_INVALID_DATA
    _err(
        f"{data_dir}: valid — {frames.observations.height} observations, "
        f"{frames.events.height} events, {frames.sources.height} sources, "
        f"{frames.metrics.height} metrics, {frames.actors.height} actors"
    )
    return EXIT_OK


def _emit(text: str, args: argparse.Namespace) -> int:
    from mes_tui.core.export import ExportError, write_atomic

    if args.output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return EXIT_OK
    try:
        write_atomic(args.output, text, force=args.force)
    except ExportError as error:
        _err(str(error) + ("" if args.force else " (use --force to overwrite)"))
        return EXIT_OUTPUT
    _err(f"wrote {args.output}")
    return EXIT_OK


def _width() -> int | None:
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def _query(args: argparse.Namespace) -> int:
    from mes_tui.core.export import render
    from mes_tui.core.filters import apply, unknown_ids

    filters = _filters(args)
    if filters is None:
        return EXIT_USAGE
    frames = _load(_data_dir(args))
    if frames is None:
        return EXIT_INVALID_DATA
    if unknown := unknown_ids(filters, frames):
        return _report_unknown(unknown)
    result = apply(frames.observations, filters)
    if result.is_empty():
        _err(
            "no figure matches these filters; widen them (fewer --metric/--actor/--scope, "
            "a wider --since/--until, fewer --search words)"
        )
    width = _width() if args.output is None else None
    return _emit(render(result, args.format, width=width), args)


def _metric(args: argparse.Namespace) -> int:
    from mes_tui.core.metric_report import render_metric_report

    frames = _load(_data_dir(args))
    if frames is None:
        return EXIT_INVALID_DATA
    valid = frames.metrics["id"].to_list()
    if args.metric_id not in valid:
        return _report_unknown({"metric": ([args.metric_id], sorted(valid))})
    return _emit(render_metric_report(frames, args.metric_id, args.format), args)


def _chart(args: argparse.Namespace) -> int:
    """The chart of ``args.metrics`` over the figures the filters keep, with its sources."""
    import os

    from mes_tui.core.export import with_sources
    from mes_tui.core.filters import apply, unknown_ids
    from mes_tui.core.queries import metric_view
    from mes_tui.ui.chart_render import render_svg, render_text
    from mes_tui.ui.glyphs import unicode_ok

    filters = _filters(args)
    if filters is None:
        return EXIT_USAGE
    for name, value, least in (("width", args.width, 30), ("height", args.height, 8)):
        if value is not None and not least <= value <= 1000:
            _err(f"--{name} {value} is out of range; give a number from {least} to 1000")
            return EXIT_USAGE
    frames = _load(_data_dir(args))
    if frames is None:
        return EXIT_INVALID_DATA
    valid = frames.metrics["id"].to_list()
    if unknown := unknown_ids(filters, frames):
        return _report_unknown(unknown)
    if bad := [m for m in args.metrics if m not in valid]:
        return _report_unknown({"metric": (bad, sorted(valid))})
    observations = apply(frames.observations, filters)
    kept = type(frames)(**{**vars(frames), "observations": observations})
    views = [with_sources(kept, metric_view(kept, m)) for m in dict.fromkeys(args.metrics)]
    if not any(view.sources for view in views):
        _err("no figure of these metrics matches the filters; widen them")
    terminal = shutil.get_terminal_size()
    width = args.width or (terminal.columns if sys.stdout.isatty() else 80)
    height = args.height or (max(12, terminal.lines - 4) if sys.stdout.isatty() else 20)
    if args.output is not None:
        args.format = "svg"
        return _emit(render_svg(views, width=width, height=height), args)
    colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    text = render_text(views, width=width, height=height, colour=colour, unicode=unicode_ok())
    sys.stdout.write(text)
    sys.stdout.flush()
    return EXIT_OK


def _latest(args: argparse.Namespace) -> int:
    from mes_tui.core.filters import parse_scope
    from mes_tui.core.latest import headlines, latest_figures, render_latest

    try:
        headlines(args.headline)
        scopes = frozenset(parse_scope(s) for s in args.scope or ())
    except (KeyError, ValueError) as error:
        _err(str(error.args[0]))
        return EXIT_USAGE
    frames = _load(_data_dir(args))
    if frames is None:
        return EXIT_INVALID_DATA
    figures = latest_figures(frames, args.headline, scopes or None)
    if not figures:
        _err("no figure for these metrics in this scope")
    width = (_width() or 80) if args.output is None else 80
    return _emit(render_latest(figures, args.format, width=width), args)


_LISTINGS = {
    "metrics": (
        ("ID", "LABEL", "UNIT", "KIND", "FAMILY"),
        ("id", "label_en", "unit", "kind", "family"),
    ),
    "actors": (("ID", "SHORT", "NAME", "KIND"), ("id", "short", "name", "kind")),
    "sources": (
        ("ID", "PUBLISHED", "KIND", "OUTLET", "TITLE"),
        ("id", "published", "kind", "outlet", "title"),
    ),
}


def _listing(args: argparse.Namespace) -> int:
    import polars as pl

    from mes_tui.core.export import plain_table
    from mes_tui.core.formatting import format_source

    frames = _load(_data_dir(args))
    if frames is None:
        return EXIT_INVALID_DATA
    frame = getattr(frames, args.handler)
    headers, columns = _LISTINGS[args.handler]
    if args.handler == "sources" and args.format in ("table", "md"):
        # An untitled source is named for what it is, never shown as if titled.
        shown = [
            format_source(title=row["title"], description=row["description"], kind=row["kind"])
            for row in frame.select("title", "description", "kind").iter_rows(named=True)
        ]
        frame = frame.with_columns(pl.Series("title", shown, dtype=pl.String))
    if args.format == "json":
        records = [
            {k: v.isoformat() if isinstance(v, date) else v for k, v in row.items()}
            for row in frame.to_dicts()
        ]
        text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    elif args.format == "csv":
        text = frame.select(
            c for c in frame.columns if not str(frame.schema[c]).startswith("List")
        ).write_csv()
    elif args.format == "md":
        text = (
            "\n".join(
                [f"| {' | '.join(headers)} |", "|" + " --- |" * len(headers)]
                + [
                    f"| {' | '.join(str(row[c] or '').replace('|', '/') for c in columns)} |"
                    for row in frame.select(columns).to_dicts()
                ]
            )
            + "\n"
        )
    else:
        rows = [
            tuple(str(v) if v is not None else "" for v in row)
            for row in frame.select(columns).iter_rows()
        ]
        text = plain_table(headers, rows, width=_width(), shrink=((len(headers) - 1, 20),))
    return _emit(text, args)


def _serve(args: argparse.Namespace) -> int:
    import shlex

    from mes_tui.web import text
    from mes_tui.web.server import (
        TOKEN_MIN_LENGTH,
        GuardedServer,
        is_loopback,
        new_token,
        reach_warning,
        valid_token,
        visit_url,
    )

    filters = _filters(args)
    if filters is None:
        return EXIT_USAGE
    data_dir = _data_dir(args).resolve()
    if not data_dir.is_dir():
        _err(f"{data_dir} is not a directory")
        return EXIT_USAGE
    if not 0 < args.port < 65536:
        _err(f"--port {args.port} is not a port number (1–65535)")
        return EXIT_USAGE
    if args.max_sessions < 1:
        _err("--max-sessions must be at least 1")
        return EXIT_USAGE
    if not args.idle_timeout > 0:
        _err("--idle-timeout must be a number of seconds above 0")
        return EXIT_USAGE
    if args.no_token and not is_loopback(args.host):
        _err(text.NO_TOKEN_OFF_LOOPBACK.format(host=args.host))
        return EXIT_USAGE
    if args.token is not None and not valid_token(args.token):
        _err(text.TOKEN_TOO_SHORT.format(min_length=TOKEN_MIN_LENGTH))
        return EXIT_USAGE
    token = None if args.no_token else (args.token or new_token())
    problem = _cannot_listen(args.host, args.port)
    if problem:
        _err(f"cannot listen on {args.host} port {args.port}: {problem}")
        return EXIT_USAGE
    # Each browser session runs the explorer itself, with the same data and filters; ``exec``
    # makes the explorer the server's own child, so that it is the process the server ends.
    argv = [sys.executable, "-m", "mes_tui", "--data", str(data_dir)]
    for metric in sorted(filters.metrics):
        argv += ["--metric", metric]
    for actor in sorted(filters.actors):
        argv += ["--actor", actor]
    if filters.since:
        argv += ["--since", filters.since.isoformat()]
    if filters.until:
        argv += ["--until", filters.until.isoformat()]
    if filters.search:
        argv += ["--search", filters.search]
    for scope in sorted(filters.scopes):
        argv += ["--scope", scope]
    idle = (
        f"{args.idle_timeout / 60:g} min" if args.idle_timeout >= 60 else f"{args.idle_timeout:g} s"
    )
    warning = reach_warning(args.host, args.port)
    banner = (
        text.OPEN_AT.format(url=visit_url(args.host, args.port, token)),
        *([warning] if warning else []),
        text.LIMITS.format(max_sessions=args.max_sessions, idle=idle),
    )
    GuardedServer(
        "exec " + shlex.join(argv),
        host=args.host,
        port=args.port,
        token=token,
        max_sessions=args.max_sessions,
        idle_timeout=args.idle_timeout,
        banner=banner,
    ).serve()
    return EXIT_OK


def _cannot_listen(host: str, port: int) -> str | None:
    """Why the server could not listen on ``host``:``port`` (None: it can)."""
    import socket

    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        return str(getattr(error, "strerror", None) or error)
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            return error.strerror or str(error)
    return None


def _generate(args: argparse.Namespace) -> int:
    from mes_tui.core.generate import generate_dataset

    if args.out.exists():
        _err(f"{args.out} already exists; give a new directory")
        return EXIT_OUTPUT
    if args.observations < 1:
        _err("--observations must be at least 1")
        return EXIT_USAGE
    frames = _load(_data_dir(args))
    if frames is None:
        return EXIT_INVALID_DATA
    generate_dataset(frames, args.out, args.observations, args.seed)
    _err(f"wrote {args.observations:,} observations to {args.out}")
    return EXIT_OK


def _peek_ids(data_dir: Path) -> dict[str, list[str]] | None:
    """The metric and actor ids of ``data_dir`` without loading it; None if unreadable."""
    found = {}
    for field, stem, array in (("metric", "metrics", "metric"), ("actor", "actors", "actor")):
        try:
            document = tomllib.loads((data_dir / f"{stem}.toml").read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return None
        items = document.get(array)
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            return None  # malformed: the explorer's error screen will say how
        found[field] = sorted(str(item.get("id")) for item in items)
    return found


def _explore(args: argparse.Namespace) -> int:
    filters = _filters(args)
    if filters is None:
        return EXIT_USAGE
    data_dir = _data_dir(args)
    if not data_dir.is_dir():
        _err(f"{data_dir} is not a directory")
        return EXIT_USAGE
    # Bad ids are reported before the screen changes; a broken dataset is shown in the UI.
    known = _peek_ids(data_dir)
    if known is not None:
        unknown = {
            field: (bad, known[field])
            for field, wanted in (("metric", filters.metrics), ("actor", filters.actors))
            if (bad := sorted(set(wanted) - set(known[field])))
        }
        if unknown:
            return _report_unknown(unknown)
    from mes_tui.ui.app import create_app
    from mes_tui.ui.themes import KNOWN_THEMES

    if args.theme and args.theme not in KNOWN_THEMES:
        _err(f"unknown theme {args.theme!r}; themes: {', '.join(sorted(KNOWN_THEMES))}")
        return EXIT_USAGE
    app = create_app(data_dir=data_dir, filters=filters, theme=args.theme)
    app.run(mouse=not args.no_mouse)
    return app.return_code or EXIT_OK
