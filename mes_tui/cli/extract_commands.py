"""``mes-tui extract`` and ``mes-tui review``: the figures of a new article, proposed and reviewed.

The extraction libraries load here, on demand; nothing else in the CLI imports them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from mes_tui.cli.exits import EXIT_INPUT, EXIT_OK, EXIT_USAGE
from mes_tui.present.language import _, ngettext

if TYPE_CHECKING:
    from mes_tui.extract.session import Session

__all__ = ["add_parsers", "run_extract", "run_review"]


def _err(message: str) -> None:
    print(f"mes-tui: {message}", file=sys.stderr)


def add_parsers(command) -> None:
    """The two subcommands, on the main parser's ``command`` factory."""
    extract = command(
        "extract",
        _("propose every figure about Mon espace santé in a French article (text or HTML)"),
    )
    extract.add_argument(
        "file", metavar=_("FILE"), help=_("the article: a text or HTML file, or - for stdin")
    )
    _article_options(extract)
    extract.add_argument(
        "--format",
        "-f",
        choices=("table", "json", "toml"),
        default="table",
        help=_(
            "table (default), json (the fields of `query --format json` plus confidence and "
            "reasons), or toml (a draft for `mes-tui review`, in the format of data/)"
        ),
    )
    extract.add_argument(
        "--all",
        action="store_true",
        help=_("also list the numbers left out (years, dates, ages…)"),
    )
    extract.add_argument(
        "--review", action="store_true", help=_("open the review screen on the figures")
    )
    review = command(
        "review",
        _(
            "review an article's figures (or a draft from `extract --format toml`): accept, "
            "reject, edit; confirmed figures are added to the data directory, validated first"
        ),
    )
    review.add_argument(
        "file", metavar=_("DRAFT"), help=_("a TOML draft, or the article itself (text or HTML)")
    )
    _article_options(review)


def _article_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--published",
        metavar=_("DATE"),
        help=_(
            "the article's publication date: YYYY-MM-DD, YYYY-MM, or French words "
            '("5 février 2024"); default: the HTML page\'s own date'
        ),
    )
    parser.add_argument("--url", metavar="URL", help=_("the page's address (http or https)"))
    parser.add_argument("--outlet", metavar=_("NAME"), help=_("who publishes the page"))
    parser.add_argument(
        "--title", metavar=_("TITLE"), help=_("the page's own headline, when it has one")
    )
    parser.add_argument(
        "--kind",
        default="press",
        choices=(
            "press",
            "press_release",
            "report",
            "hearing",
            "survey_release",
            "official_statistics",
            "dashboard",
            "other",
        ),
        help=_("what the page is (default: press)"),
    )
    parser.add_argument(
        "--data",
        "-d",
        type=Path,
        metavar=_("DIR"),
        help=_("dataset directory (default: the bundled data)"),
    )


def parse_published(text: str) -> tuple[date, str]:
    """A publication date and its precision, from ISO forms or French words."""
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text), "day"
        if re.fullmatch(r"\d{4}-\d{2}", text):
            return date.fromisoformat(text + "-01"), "month"
        if re.fullmatch(r"\d{4}", text):
            return date(int(text), 1, 1), "year"
    except ValueError:
        raise ValueError(_("--published {text!r} is not a date").format(text=text)) from None
    import dateparser  # type: ignore[import-untyped]

    parsed = dateparser.parse(
        text, languages=["fr", "en"], settings={"PREFER_DAY_OF_MONTH": "first"}
    )
    if parsed is None:
        raise ValueError(
            _('--published {text!r} is not a date (YYYY-MM-DD, or e.g. "5 février 2024")').format(
                text=text
            )
        )
    return parsed.date(), "day" if re.search(r"\d{1,2}\s+\D", text) else "month"


def _data_dir(args) -> Path:
    from mes_tui.core.paths import bundled_data_dir

    return args.data or bundled_data_dir()


def _read_input(name: str) -> bytes:
    from mes_tui.extract.article import MAX_ARTICLE_BYTES

    if name == "-":
        return sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1)
    path = Path(name)
    if path.is_dir():
        raise OSError(_("{path} is a directory").format(path=name))
    with path.open("rb") as handle:
        return handle.read(MAX_ARTICLE_BYTES + 1)


def prepare(args) -> tuple[int, Session | None]:
    """Read, check and extract: (exit code, session) — the session is None on failure."""
    from mes_tui.extract.article import ArticleError, read_article

    if args.url and not re.fullmatch(
        r"https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:[0-9]+)?(/\S*)?", args.url
    ):
        _err(_("--url {url!r} is not an http(s) address").format(url=args.url))
        return EXIT_USAGE, None
    published = None
    if args.published:
        try:
            published = parse_published(args.published)
        except ValueError as error:
            _err(str(error))
            return EXIT_USAGE, None
    data_dir = _data_dir(args)
    if not (data_dir / "metrics.toml").is_file():
        _err(_("{path}: not a dataset directory (no metrics.toml)").format(path=data_dir))
        return EXIT_USAGE, None
    try:
        data = _read_input(args.file)
    except OSError as error:
        _err(
            _("cannot read {path}: {detail}").format(
                path=args.file, detail=getattr(error, "strerror", None) or error
            )
        )
        return EXIT_INPUT, None
    try:
        article = read_article(data, args.file)
    except ArticleError as error:
        _err(str(error))
        return EXIT_INPUT, None
    if published is None:
        if article.published is None:
            _err(
                _(
                    "{path}: give the article's date with --published (periods are read from it)"
                ).format(path=args.file)
            )
            return EXIT_USAGE, None
        published = (article.published, "day")
        date_note = "The page's own date (its metadata)."
    else:
        date_note = f"Given with --published {args.published}."
    from mes_tui.extract.session import Session

    session = Session.start(
        article,
        data_dir,
        published=published[0],
        precision=published[1],
        url=args.url or article.url,
        outlet=args.outlet or article.outlet,
        title=args.title or article.title,
        kind=args.kind,
        date_note=date_note,
    )
    return EXIT_OK, session


def run_extract(args) -> int:
    code, session = prepare(args)
    if session is None:
        return code
    if args.review:
        return _review(session)
    figures = session.extraction.figures
    shown = list(session.extraction.candidates if args.all else figures)
    if args.format == "json":
        rows = [session.as_json(c) for c in shown]
        text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    elif args.format == "toml":
        from mes_tui.extract.draft import render_toml

        draft = session.draft(list(figures))
        notes = [session.comment(c) for c in figures]
        text = render_toml(draft, notes) if figures else ""
    else:
        text = session.table(shown, width=_width())
    if not figures:
        _err(_("{path}: no figure about Mon espace santé found").format(path=args.file))
    sys.stdout.write(text)
    left = len(session.extraction.left_out)
    found = ngettext("{path}: {n} figure", "{path}: {n} figures", len(figures))
    _err(
        found.format(path=args.file, n=len(figures))
        + (
            ngettext(
                ", {n} other number left out (--all lists them)",
                ", {n} other numbers left out (--all lists them)",
                left,
            ).format(n=left)
            if left and not args.all
            else ""
        )
    )
    return EXIT_OK


def _width() -> int | None:
    import shutil

    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def run_review(args) -> int:
    path = Path(args.file)
    if path.suffix == ".toml" and path.is_file():
        from mes_tui.extract.session import Session

        try:
            draft_session = Session.from_draft(path, _data_dir(args))
        except (OSError, ValueError, KeyError) as error:
            _err(
                _("{path}: not a draft this command can read: {detail}").format(
                    path=args.file, detail=error
                )
            )
            return EXIT_INPUT
        return _review(draft_session)
    code, session = prepare(args)
    if session is None:
        return code
    return _review(session)


def _review(session) -> int:
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        _err(_("review needs a terminal (standard input and output)"))
        return EXIT_USAGE
    from mes_tui.ui.review import ReviewApp

    app = ReviewApp(session)
    app.run()
    return app.return_code or EXIT_OK
