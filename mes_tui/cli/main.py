"""``mes-tui``: the explorer, and quick lookups that need no UI.

Only data goes to standard output; messages go to standard error. Heavy imports (polars,
textual) wait until a command needs them, so ``--help`` and bad flags answer at once.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from mes_tui import __version__
from mes_tui.cli.exits import (
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_INVALID_DATA,
    EXIT_OK,
    EXIT_OUTPUT,
    EXIT_USAGE,
)
from mes_tui.present.language import LANGUAGES, _, language_from_env, set_language
from mes_tui.web import DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_SESSIONS

__all__ = [
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_INVALID_DATA",
    "EXIT_OK",
    "EXIT_OUTPUT",
    "EXIT_USAGE",
    "build_parser",
    "main",
]


def exit_codes() -> str:
    """The exit codes, for the end of every --help."""
    rows = [
        (EXIT_OK, _("success (a query that matches nothing still succeeds)")),
        (
            EXIT_INVALID_DATA,
            _("the dataset is invalid: every problem is printed with file, record and field"),
        ),
        (EXIT_USAGE, _("bad usage: an unknown option, id or date (the valid choices are listed)")),
        (
            EXIT_OUTPUT,
            _("the output file could not be written (it exists, or the directory is missing)"),
        ),
        (
            EXIT_INPUT,
            _("the article could not be read (binary, empty, too large, not French, no article)"),
        ),
        (EXIT_INTERNAL, _("an internal error (a bug: set MES_TUI_DEBUG=1 to see where)")),
        (EXIT_INTERRUPTED, _("interrupted (Ctrl+C)")),
    ]
    return _("exit codes:") + "\n" + "".join(f"  {code:<5}{text}\n" for code, text in rows)


def chosen_language(argv: list[str]) -> str:
    """``--lang`` from the command line, else ``MES_TUI_LANG``, else the locale variables."""
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg.startswith("--lang="):
            value = arg.partition("=")[2]
        elif arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        else:
            continue
        if value in LANGUAGES:
            return value
    return language_from_env()


def _date(end: bool):
    def parse(text: str) -> date:
        from mes_tui.core.filters import DateBoundError, parse_date_bound
        from mes_tui.present.messages import date_error

        try:
            return parse_date_bound(text, end=end)
        except DateBoundError as error:
            raise argparse.ArgumentTypeError(date_error(error)) from None

    parse.__name__ = "date"
    return parse


def _filter_options() -> argparse.ArgumentParser:
    # SUPPRESS: a subcommand's absent option must not erase the same option given before it.
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group(_("filters"))
    group.add_argument(
        "--metric",
        "-m",
        action="append",
        metavar="ID",
        default=argparse.SUPPRESS,
        help=_("keep this metric (repeat for several; see `mes-tui metrics`)"),
    )
    group.add_argument(
        "--actor",
        "-a",
        action="append",
        metavar="ID",
        default=argparse.SUPPRESS,
        help=_("keep figures stated by this actor, alone or jointly (repeatable)"),
    )
    group.add_argument(
        "--scope",
        action="append",
        metavar=_("SCOPE"),
        default=argparse.SUPPRESS,
        help=_(
            "keep figures of this scope: national, region, departement, pilot, survey, or one "
            "région or département by its INSEE code (region:75, departement:31, 2A); repeatable"
        ),
    )
    group.add_argument(
        "--since",
        type=_date(end=False),
        metavar=_("DATE"),
        default=argparse.SUPPRESS,
        help=_("keep figures whose period ends on or after DATE (YYYY[-MM[-DD]])"),
    )
    group.add_argument(
        "--until",
        type=_date(end=True),
        metavar=_("DATE"),
        default=argparse.SUPPRESS,
        help=_("keep figures whose period starts on or before DATE (YYYY[-MM[-DD]])"),
    )
    group.add_argument(
        "--search",
        "-s",
        metavar=_("TEXT"),
        default=argparse.SUPPRESS,
        help=_(
            "keep figures whose quote or labels contain every word of TEXT "
            "(accents and case ignored)"
        ),
    )
    return parent


def _common_options() -> argparse.ArgumentParser:
    """Options every command takes: the language."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help=_("language of messages, numbers and dates (default: MES_TUI_LANG, else LANG)"),
    )
    return parent


def _data_option(parser: argparse.ArgumentParser, suppress: bool) -> None:
    parser.add_argument(
        "--data",
        "-d",
        type=Path,
        metavar=_("DIR"),
        default=argparse.SUPPRESS if suppress else None,
        help=_("dataset directory (default: the bundled data)"),
    )


def build_parser() -> argparse.ArgumentParser:
    """The command line, said in the current language (``set_language`` first)."""
    filters = _filter_options()
    common = _common_options()
    epilog = exit_codes()
    parser = argparse.ArgumentParser(
        prog="mes-tui",
        description=_(
            "Explore every published figure about the adoption of Mon espace santé. "
            "Without a command, opens the explorer (filters open it already filtered)."
        ),
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[filters, common],
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"mes-tui {__version__}",
        help=_("show program's version number and exit"),
    )
    _data_option(parser, suppress=False)
    ui = parser.add_argument_group(_("explorer"))
    ui.add_argument(
        "--theme", metavar=_("NAME"), help=_("Textual theme, e.g. textual-dark, ansi-dark")
    )
    ui.add_argument("--no-mouse", action="store_true", help=_("do not capture the mouse"))
    parser.set_defaults(handler="explore")
    commands = parser.add_subparsers(title=_("commands"), metavar=_("COMMAND"))

    def command(name: str, help_text: str, *parents: argparse.ArgumentParser):
        sub = commands.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=epilog,
            formatter_class=argparse.RawDescriptionHelpFormatter,
            parents=[*parents, common],
        )
        sub.set_defaults(handler=name)
        return sub

    validate = command("validate", _("check a dataset and list every problem"))
    validate.add_argument(
        "data_dir",
        nargs="?",
        type=Path,
        metavar="DATA_DIR",
        help=_("dataset directory (default: the bundled data)"),
    )

    query = command("query", _("print the figures that match the filters"), filters)
    _data_option(query, suppress=True)
    _format_options(query, csv_dialect=True)

    metric = command(
        "metric",
        _(
            "one metric in depth: definition, every value, derived figures "
            "(marked as such), disagreements, look-alike definitions"
        ),
    )
    metric.add_argument("metric_id", metavar="ID", help=_("a metric id (see `mes-tui metrics`)"))
    _data_option(metric, suppress=True)
    _format_options(metric, formats=("table", "json", "md"))

    chart = command(
        "chart",
        _(
            "print the chart of one or more metrics (each on its own axes) with its sources, "
            "or save it as SVG"
        ),
        filters,
    )
    chart.add_argument("metrics", nargs="+", metavar=_("METRIC"), help=_("metric ids to chart"))
    chart.add_argument("--width", type=int, default=None, metavar="W", help=_("columns"))
    chart.add_argument("--height", type=int, default=None, metavar="H", help=_("rows per chart"))
    chart.add_argument(
        "--output",
        "-o",
        type=Path,
        metavar=_("FILE.svg"),
        help=_("save the chart and its sources as SVG (never half-written)"),
    )
    chart.add_argument("--force", action="store_true", help=_("overwrite FILE if it exists"))
    _data_option(chart, suppress=True)
    latest = command(
        "latest",
        _(
            "where it stands now: the latest figure of each headline metric (accounts activated, "
            "spaces created, each activation rate by its base, users per month, documents per "
            "month and per year), with its date, who stated it and the words"
        ),
    )
    latest.add_argument(
        "headline",
        nargs="*",
        metavar=_("METRIC"),
        help=_("only these (a metric id, or documents_sent:month / documents_sent:year)"),
    )
    latest.add_argument(
        "--scope",
        action="append",
        metavar=_("SCOPE"),
        help=_(
            "national (the default), region, departement, pilot, survey, or region:75, "
            "departement:31…: the latest figure of each place"
        ),
    )
    _data_option(latest, suppress=True)
    _format_options(latest, formats=("table", "json", "md"))

    serve = command(
        "serve", _("serve the explorer to a web browser (each visitor gets their own)"), filters
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help=_("address to listen on (default: 127.0.0.1, this machine only)"),
    )
    serve.add_argument("--port", type=int, default=8000, help=_("port (default: 8000)"))
    guard = serve.add_mutually_exclusive_group()
    guard.add_argument(
        "--token",
        metavar="TOKEN",
        help=_("the token visitors need in the link (default: a new random one, printed at start)"),
    )
    guard.add_argument(
        "--no-token",
        action="store_true",
        help=_("ask no token (only with a loopback --host: this machine only)"),
    )
    serve.add_argument(
        "--max-sessions",
        type=int,
        default=DEFAULT_MAX_SESSIONS,
        metavar="N",
        help=_("visitors at once, each an explorer process of about 100 MB (default: %(default)s)"),
    )
    serve.add_argument(
        "--idle-timeout",
        type=float,
        default=DEFAULT_IDLE_TIMEOUT,
        metavar=_("SECONDS"),
        help=_("end a session after this long without a key press (default: %(default)s)"),
    )
    _data_option(serve, suppress=True)

    generate = command(
        "generate",
        _("write a large dataset made from the bundled one (for benchmarks and tests of scale)"),
    )
    generate.add_argument("out", type=Path, metavar="OUT_DIR", help=_("a new directory"))
    generate.add_argument(
        "--observations",
        "-n",
        type=int,
        default=100_000,
        metavar="N",
        help=_("how many observations (default: 100000)"),
    )
    generate.add_argument("--seed", type=int, default=0, help=_("varies the dates (default: 0)"))
    _data_option(generate, suppress=True)

    from mes_tui.cli.extract_commands import add_parsers

    add_parsers(command)

    for name, what in (
        ("metrics", _("list the metrics (the vocabulary of figures)")),
        ("actors", _("list the actors who state figures")),
        ("sources", _("list the source documents")),
    ):
        listing = command(name, what)
        _data_option(listing, suppress=True)
        _format_options(listing)
    return parser


def _format_options(
    parser: argparse.ArgumentParser,
    formats: tuple[str, ...] = ("table", "csv", "json", "md"),
    csv_dialect: bool = False,
) -> None:
    parser.add_argument(
        "--format",
        "-f",
        choices=formats,
        default="table",
        help=_("output format (default: table)"),
    )
    if csv_dialect:
        parser.add_argument(
            "--csv-dialect",
            choices=("rfc4180", "fr"),
            default="rfc4180",
            help=_(
                "CSV for French spreadsheets with 'fr': ';' between fields, a decimal comma, "
                "UTF-8 with a byte-order mark (default: rfc4180, comma-separated)"
            ),
        )
    parser.add_argument(
        "--output",
        "-o",
        type=Path,
        metavar=_("FILE"),
        help=_("write to FILE instead of standard output (never half-written)"),
    )
    parser.add_argument("--force", action="store_true", help=_("overwrite FILE if it exists"))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    lang = set_language(chosen_language(argv))
    from mes_tui.cli.argparse_words import speak_argparse

    speak_argparse(lang)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    from mes_tui.cli import commands

    try:
        return commands.run(args, parser)
    except KeyboardInterrupt:
        print("mes-tui: " + _("interrupted"), file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`mes-tui query | head`): not an error worth a message.
        sys.stderr.close()
        return EXIT_OK
    except Exception as error:
        if os.environ.get("MES_TUI_DEBUG"):
            raise
        print(
            "mes-tui: "
            + _("internal error: {kind}: {error} (a bug; MES_TUI_DEBUG=1 shows where)").format(
                kind=type(error).__name__, error=error
            ),
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
