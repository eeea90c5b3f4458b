"""The text of an article to extract from: a plain-text file, stdin, or an HTML page.

Everything here refuses bad input with an ``ArticleError`` that says what is wrong: a binary
file, an empty one, one too large to be an article, HTML with no article in it, a text that is
not French. HTML is reduced to its article with trafilatura (imported only for HTML).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from mes_tui.present.language import _

__all__ = ["MAX_ARTICLE_BYTES", "Article", "ArticleError", "read_article"]

# A long report is a few hundred kilobytes of text; a saved page with its scripts a few MB.
MAX_ARTICLE_BYTES = 8 * 1024 * 1024

_FRENCH = {
    "le",
    "la",
    "les",
    "de",
    "des",
    "du",
    "et",
    "est",
    "un",
    "une",
    "pour",
    "que",
    "qui",
    "dans",
    "sur",
    "pas",
    "au",
    "aux",
    "avec",
    "ce",
    "cette",
    "par",
    "en",
    "se",
    "ne",
    "sont",
    "ont",
    "été",
    "plus",
    "leur",
    "leurs",
    "son",
    "sa",
    "ses",
    "nous",
    "vous",
    "il",
    "elle",
    "ils",
    "elles",
}
_ENGLISH = {
    "the",
    "and",
    "of",
    "to",
    "is",
    "in",
    "that",
    "for",
    "with",
    "was",
    "are",
    "were",
    "be",
    "this",
    "by",
    "it",
    "on",
    "as",
    "has",
    "have",
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


class ArticleError(ValueError):
    """The input is not an article this command can read; the message says why (in the
    user's language)."""


@dataclass(frozen=True)
class Article:
    """The article's text and what the page said about itself (all optional)."""

    text: str
    name: str  # the file name, or "-" for standard input
    is_html: bool = False
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None


def read_article(data: bytes, name: str) -> Article:
    """The article in ``data`` (the bytes of the file ``name``), or ArticleError."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(
            _("{name}: {size} MB is too large for an article (at most {limit} MB)").format(
                name=name, size=round(len(data) / 1e6), limit=MAX_ARTICLE_BYTES // (1024 * 1024)
            )
        )
    if not data.strip():
        raise ArticleError(_("{name}: the file is empty").format(name=name))
    if b"\x00" in data[:65536]:
        raise ArticleError(_("{name}: a binary file, not a text or an HTML page").format(name=name))
    text = _decode(data, name)
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or re.search(
        r"<(html|body|article|head)[\s>]", text[:8192], re.IGNORECASE
    ):
        article = _from_html(text, name)
    else:
        article = Article(text=_clean(text), name=name)
    _check_french(article.text, name)
    return article


def _decode(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig",):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            pass
    else:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ArticleError(
                _("{name}: not text in UTF-8 (nor Windows-1252)").format(name=name)
            ) from None
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(8, len(text[:65536]) // 200):
        raise ArticleError(_("{name}: a binary file, not a text or an HTML page").format(name=name))
    return text


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch if ch in "\n\t" or ord(ch) >= 32 else " " for ch in text).strip()


def _from_html(html: str, name: str) -> Article:
    import trafilatura

    text = trafilatura.extract(
        html, include_comments=False, include_tables=True, favor_precision=False
    )
    if not text or len(_WORD.findall(text)) < 20:
        raise ArticleError(_("{name}: an HTML page with no article text in it").format(name=name))
    meta = trafilatura.extract_metadata(html)
    published = None
    title = outlet = url = None
    if meta is not None:
        title = meta.title or None
        outlet = meta.sitename or None
        url = meta.url if meta.url and meta.url.startswith(("http://", "https://")) else None
        if meta.date:
            try:
                published = date.fromisoformat(meta.date[:10])
            except ValueError:
                published = None
    return Article(
        text=_clean(text),
        name=name,
        is_html=True,
        title=title,
        outlet=outlet,
        url=url,
        published=published,
    )


def _check_french(text: str, name: str) -> None:
    words = [w.lower() for w in _WORD.findall(text[:200_000])]
    if len(words) < 8:
        raise ArticleError(
            _("{name}: too few words to be an article ({n})").format(name=name, n=len(words))
        )
    french = sum(w in _FRENCH for w in words)
    english = sum(w in _ENGLISH for w in words)
    if french < 0.08 * len(words) or english > french:
        raise ArticleError(
            _(
                "{name}: the text does not read as French "
                "({french} French and {english} English function words in {n})"
            ).format(name=name, french=french, english=english, n=len(words))
        )
