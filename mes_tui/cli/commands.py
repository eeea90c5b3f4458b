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
from mes_tui.present.formats import number
from mes_tui.present.language import N_, _, current_language, ngettext

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
    from mes_tui.present.formats import format_date

    scopes = _scopes(getattr(args, "scope", None))
    if scopes is None:
        return None
    since, until = getattr(args, "since", None), getattr(args, "until", None)
    if since and until and since > until:
        _err(
            _("since {since} is after until {until}").format(
                since=format_date(since), until=format_date(until)
            )
        )
        return None
    try:
        return Filters(
            metrics=frozenset(getattr(args, "metric", ())),
            actors=frozenset(getattr(args, "actor", ())),
            since=getattr(args, "since", None),
            until=getattr(args, "until", None),
            search=getattr(args, "search", ""),
            scopes=scopes,
        )
    except ValueError as error:
        detail = error.errors()[0]["msg"].removeprefix("Value error, ")  # type: ignore[attr-defined]
        _err(detail)
        return None


def _scopes(words: list[str] | None) -> frozenset[str] | None:
    """The canonical scope words of ``--scope`` (None, said on stderr, if one does not read)."""
    from mes_tui.core.filters import ScopeError, parse_scope
    from mes_tui.present.scopes import scope_error

    try:
        return frozenset(parse_scope(word) for word in words or ())
    except ScopeError as error:
        _err(scope_error(error))
        return None


_LISTING_OF = {"metric": "metrics", "actor": "actors"}


def _say_unresolved(field: str, resolution) -> None:
    listing = _("`mes-tui {listing}` lists them all").format(listing=_LISTING_OF[field])
    if resolution.ambiguous:
        shown = ", ".join(resolution.ambiguous[:6])
        more = len(resolution.ambiguous) - 6
        _err(
            _("--{field} {word} could mean {ids}").format(
                field=field, word=repr(resolution.word), ids=shown
            )
            + (" " + _("and {n} more").format(n=more) if more > 0 else "")
            + _("; give one of them")
        )
    elif resolution.suggestions:
        ids = ", ".join(resolution.suggestions[:-1])
        ids = (ids + " " + _("or") + " " if ids else "") + resolution.suggestions[-1]
        words = {
            "metric": _("unknown metric {word}; did you mean {ids}? ({listing})"),
            "actor": _("unknown actor {word}; did you mean {ids}? ({listing})"),
        }[field]
        _err(words.format(word=repr(resolution.word), ids=ids, listing=listing))
    else:
        words = {
            "metric": _("unknown metric {word}; {listing}"),
            "actor": _("unknown actor {word}; {listing}"),
        }[field]
        _err(words.format(word=repr(resolution.word), listing=listing))


def _names(frames) -> dict[str, dict[str, list[str]]]:
    """Every metric and actor id with the names a person may type instead."""
    return {
        "metric": {
            row[0]: [t for t in row[1:] if t]
            for row in frames.metrics.select("id", "label_en", "label_fr", "short").rows()
        },
        "actor": {
            row[0]: [t for t in row[1:] if t]
            for row in frames.actors.select("id", "short", "name", "short_fr", "name_fr").rows()
        },
    }


def _resolve_filters(filters, names: dict[str, dict[str, list[str]]]):
    """``filters`` with each --metric and --actor word read as the explorer reads it (an id, a
    prefix, a name, accents ignored); None after saying which word names nothing clear."""
    from mes_tui.core.suggestions import resolve

    resolved: dict[str, frozenset[str]] = {}
    failed = False
    for field, words in (("metric", filters.metrics), ("actor", filters.actors)):
        ids: set[str] = set()
        for word in sorted(words):
            resolution = resolve(word, names[field])
            if resolution.ids:
                ids.update(resolution.ids)
            else:
                _say_unresolved(field, resolution)
                failed = True
        resolved[field + "s"] = frozenset(ids)
    return None if failed else filters.replace(**resolved)


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
        count = len(error.problems)
        _err(
            ngettext(
                "{dir}: {n} problem in the dataset; run `mes-tui validate {dir}` after fixing",
                "{dir}: {n} problems in the dataset; run `mes-tui validate {dir}` after fixing",
                count,
            ).format(dir=data_dir, n=count)
        )
        return None


def _validate(args: argparse.Namespace) -> int:
    from mes_tui.core.dataset import open_dataset

    data_dir = _data_dir(args)
    frames, problems = open_dataset(data_dir)
    for problem in problems:
        print(_where(data_dir, problem))
    if frames is None:
        count = len(problems)
        _err(
            ngettext("{dir}: {n} problem", "{dir}: {n} problems", count).format(
                dir=data_dir, n=count
            )
        )
        return EXIT_INVALID_DATA
    _err(
        _(
            "{dir}: valid — {observations} observations, {events} events, {sources} sources, "
            "{metrics} metrics, {actors} actors"
        ).format(
            dir=data_dir,
            observations=frames.observations.height,
            events=frames.events.height,
            sources=frames.sources.height,
            metrics=frames.metrics.height,
            actors=frames.actors.height,
        )
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
        from mes_tui.present.messages import export_error

        _err(
            export_error(error)
            + (" " + _("(--force overwrites it)") if error.exists and not args.force else "")
        )
        return EXIT_OUTPUT
    _err(_("wrote {path}").format(path=args.output))
    return EXIT_OK


def _width() -> int | None:
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def _query(args: argparse.Namespace) -> int:
    from mes_tui.core.filters import apply
    from mes_tui.present.export import render
    from mes_tui.present.language import ngettext

    filters = _filters(args)
    if filters is None:
        return EXIT_USAGE
    frames = _load(_data_dir(args))
    if frames is None:
        return EXIT_INVALID_DATA
    filters = _resolve_filters(filters, _names(frames))
    if filters is None:
        return EXIT_USAGE
    result = apply(frames.observations, filters)
    if result.is_empty():
        _err(
            _(
                "no figure matches these filters; widen them (fewer --metric/--actor/--scope, "
                "a wider --since/--until, fewer --search words)"
            )
        )
    elif args.format == "table":
        _err(ngettext("{n} figure", "{n} figures", result.height).format(n=result.height))
    width = _width() if args.output is None else None
    text = render(result, args.format, width=width, dialect=args.csv_dialect)
    return _emit(text, args)


def _metric(args: argparse.Namespace) -> int:
    from mes_tui.present.metric_report import render_metric_report

    frames = _load(_data_dir(args))
    if frames is None:
        return EXIT_INVALID_DATA
    from mes_tui.core.suggestions import resolve

    resolution = resolve(args.metric_id, _names(frames)["metric"])
    if not resolution.ids:
        _say_unresolved("metric", resolution)
        return EXIT_USAGE
    return _emit(render_metric_report(frames, resolution.ids[0], args.format), args)


def _chart(args: argparse.Namespace) -> int:
    """The chart of ``args.metrics`` over the figures the filters keep, with its sources."""
    import os

    from mes_tui.core.filters import apply
    from mes_tui.core.queries import metric_view, with_sources
    from mes_tui.ui.chart_render import render_svg, render_text
    from mes_tui.ui.glyphs import unicode_ok

    filters = _filters(args)
    if filters is None:
        return EXIT_USAGE
    for name, value, least in (("width", args.width, 30), ("height", args.height, 8)):
        if value is not None and not least <= value <= 1000:
            _err(
                _("--{name} {value} is out of range; give a number from {least} to 1000").format(
                    name=name, value=value, least=least
                )
            )
            return EXIT_USAGE
    frames = _load(_data_dir(args))
    if frames is None:
        return EXIT_INVALID_DATA
    filters = _resolve_filters(filters, _names(frames))
    if filters is None:
        return EXIT_USAGE
    from mes_tui.core.suggestions import resolve

    metrics: list[str] = []
    for word in args.metrics:  # a metric is named as everywhere: id, prefix, label
        resolution = resolve(word, _names(frames)["metric"])
        if not resolution.ids:
            _say_unresolved("metric", resolution)
            return EXIT_USAGE
        metrics.append(resolution.ids[0])
    observations = apply(frames.observations, filters)
    kept = type(frames)(**{**vars(frames), "observations": observations})
    views = [with_sources(kept, metric_view(kept, m)) for m in dict.fromkeys(metrics)]
    if not any(view.sources for view in views):
        _err(_("no figure of these metrics matches the filters; widen them"))
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
    from mes_tui.core.latest import UnknownHeadline, headlines, latest_figures
    from mes_tui.present.latest import render_latest

    try:
        headlines(args.headline)
    except UnknownHeadline as error:
        _err(
            _("unknown headline {key!r}; valid: {keys}").format(
                key=error.key, keys=", ".join(error.valid)
            )
        )
        return EXIT_USAGE
    scopes = _scopes(args.scope)
    if scopes is None:
        return EXIT_USAGE
    frames = _load(_data_dir(args))
    if frames is None:
        return EXIT_INVALID_DATA
    figures = latest_figures(frames, args.headline, scopes or None)
    if not figures:
        _err(_("no figure for these metrics in this scope"))
    width = (_width() or 80) if args.output is None else 80
    return _emit(render_latest(figures, args.format, width=width), args)


_LISTINGS = {
    "metrics": (
        (N_("ID"), N_("LABEL"), N_("UNIT"), N_("KIND"), N_("FAMILY")),
        ("id", "label_en", "unit", "kind", "family"),
    ),
    "actors": ((N_("ID"), N_("SHORT"), N_("NAME"), N_("KIND")), ("id", "short", "name", "kind")),
    "sources": (
        (N_("ID"), N_("PUBLISHED"), N_("KIND"), N_("OUTLET"), N_("TITLE")),
        ("id", "published", "kind", "outlet", "title"),
    ),
}
# In French, the French column where the data has one.
_FRENCH_COLUMNS = {"label_en": "label_fr"}


def _listing(args: argparse.Namespace) -> int:
    import polars as pl

    from mes_tui.present.citation import source_words
    from mes_tui.present.tables import plain_table

    frames = _load(_data_dir(args))
    if frames is None:
        return EXIT_INVALID_DATA
    frame = getattr(frames, args.handler)
    headers, columns = _LISTINGS[args.handler]
    headers = tuple(_(h) for h in headers)
    if current_language() == "fr":
        columns = tuple(_FRENCH_COLUMNS.get(c, c) for c in columns)
    if args.handler == "actors" and args.format in ("table", "md"):
        from mes_tui.present.analysis import in_language_column

        frame = frame.with_columns(in_language_column("short"), in_language_column("name"))
    if args.handler == "sources" and args.format in ("table", "md"):
        # An untitled source is named for what it is, never shown as if titled.
        description = "description_fr" if current_language() == "fr" else "description"
        shown = [
            source_words(
                row["title"],
                None,
                None,
                None,
                description=row[description] or row["description"],
                kind=row["kind"],
                bare=True,
                describe=True,
            )
            for row in frame.select(
                *dict.fromkeys(("title", "description", description, "kind"))
            ).iter_rows(named=True)
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
        from mes_tui.present.formats import md_cell

        lines = [f"| {' | '.join(headers)} |", "|" + " --- |" * len(headers)]
        lines += [
            "| " + " | ".join(md_cell(row[c]) for c in columns) + " |"
            for row in frame.select(columns).to_dicts()
        ]
        text = "\n".join(lines) + "\n"
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
        _err(_("{path} is not a directory").format(path=data_dir))
        return EXIT_USAGE
    if not 0 < args.port < 65536:
        _err(_("--port {port} is not a port number (1–65535)").format(port=args.port))
        return EXIT_USAGE
    if args.max_sessions < 1:
        _err(_("--max-sessions must be at least 1"))
        return EXIT_USAGE
    if not args.idle_timeout > 0:
        _err(_("--idle-timeout must be a number of seconds above 0"))
        return EXIT_USAGE
    if args.no_token and not is_loopback(args.host):
        _err(_(text.NO_TOKEN_OFF_LOOPBACK).format(host=args.host))
        return EXIT_USAGE
    if args.token is not None and not valid_token(args.token):
        _err(_(text.TOKEN_TOO_SHORT).format(min_length=TOKEN_MIN_LENGTH))
        return EXIT_USAGE
    token = None if args.no_token else (args.token or new_token())
    problem = _cannot_listen(args.host, args.port)
    if problem:
        _err(
            _("cannot listen on {host} port {port}: {problem}").format(
                host=args.host, port=args.port, problem=problem
            )
        )
        return EXIT_USAGE
    # Each browser session runs the explorer itself, with the same data and filters; ``exec``
    # makes the explorer the server's own child, so that it is the process the server ends.
    from mes_tui.core.filters import filter_args

    argv = [sys.executable, "-m", "mes_tui", "--lang", current_language(), "--data", str(data_dir)]
    argv += filter_args(filters)
    idle = (
        f"{args.idle_timeout / 60:g} min" if args.idle_timeout >= 60 else f"{args.idle_timeout:g} s"
    )
    warning = reach_warning(args.host, args.port)
    banner = (
        _(text.OPEN_AT).format(url=visit_url(args.host, args.port, token)),
        *([warning] if warning else []),
        _(text.LIMITS).format(max_sessions=args.max_sessions, idle=idle),
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
        _err(_("{path} already exists; give a new directory").format(path=args.out))
        return EXIT_OUTPUT
    if args.observations < 1:
        _err(_("--observations must be at least 1"))
        return EXIT_USAGE
    frames = _load(_data_dir(args))
    if frames is None:
        return EXIT_INVALID_DATA
    generate_dataset(frames, args.out, args.observations, args.seed)
    _err(
        _("wrote {n} observations to {path}").format(
            n=number(args.observations, exact=True), path=args.out
        )
    )
    return EXIT_OK


_NAME_FIELDS = {
    "metric": ("label_en", "label_fr", "short"),
    "actor": ("short", "name", "short_fr", "name_fr"),
}


def _peek_names(data_dir: Path) -> dict[str, dict[str, list[str]]] | None:
    """The metric and actor ids of ``data_dir`` with their names, without loading it; None if
    unreadable."""
    found = {}
    for field, stem, array in (("metric", "metrics", "metric"), ("actor", "actors", "actor")):
        try:
            document = tomllib.loads((data_dir / f"{stem}.toml").read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return None
        items = document.get(array)
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            return None  # malformed: the explorer's error screen will say how
        found[field] = {
            str(item.get("id")): [str(item[k]) for k in _NAME_FIELDS[field] if item.get(k)]
            for item in items
        }
    return found


def _explore(args: argparse.Namespace) -> int:
    filters = _filters(args)
    if filters is None:
        return EXIT_USAGE
    data_dir = _data_dir(args)
    if not data_dir.is_dir():
        _err(_("{path} is not a directory").format(path=data_dir))
        return EXIT_USAGE
    # Bad ids are reported before the screen changes; a broken dataset is shown in the UI.
    known = _peek_names(data_dir)
    if known is not None:
        filters = _resolve_filters(filters, known)
        if filters is None:
            return EXIT_USAGE
    from mes_tui.ui.app import create_app
    from mes_tui.ui.themes import KNOWN_THEMES

    if args.theme and args.theme not in KNOWN_THEMES:
        _err(
            _("unknown theme {theme!r}; themes: {themes}").format(
                theme=args.theme, themes=", ".join(sorted(KNOWN_THEMES))
            )
        )
        return EXIT_USAGE
    app = create_app(data_dir=data_dir, filters=filters, theme=args.theme)
    app.run(mouse=not args.no_mouse)
    return app.return_code or EXIT_OK
