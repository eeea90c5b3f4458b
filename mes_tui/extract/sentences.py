"""Paragraphs and sentences of an article, and the people it names (spaCy's French pipeline).

The pipeline (``fr_core_news_sm``, installed as a package) is loaded once per process, the
first time it is needed. Only paragraphs that state a figure go through it: the others hold
nothing to extract, and skipping them keeps a long article fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = ["Paragraph", "Sentence", "load_pipeline", "split_article"]

MODEL = "fr_core_news_sm"


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets in the article's text
    end: int
    text: str
    people: tuple[tuple[int, int, str], ...] = ()  # named people: (start, end, name)


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    text: str
    sentences: tuple[Sentence, ...] = field(default_factory=tuple)


@lru_cache(maxsize=1)
def load_pipeline():
    """spaCy's small French pipeline with its statistical sentence splitter and names."""
    import spacy

    try:
        nlp = spacy.load(
            MODEL, exclude=["parser", "lemmatizer", "morphologizer", "attribute_ruler"]
        )
    except OSError as error:  # the package is missing: say how to install it
        raise RuntimeError(
            f"spaCy's French pipeline {MODEL!r} is not installed "
            "(pip install 'mes-tui[extract]', or make setup)"
        ) from error
    nlp.enable_pipe("senter")
    return nlp


_END = re.compile(r"[.!?…](?=\s+(?:[«“\"]\s?)?[A-ZÀ-Ý])\s+")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\bM|\bMme|\bMM|\bDr|\bPr|\bSt|\bcf|\bp|\bn°|\bet al)\.$")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")


def split_article(text: str, wanted: set[int]) -> list[Paragraph]:
    """The paragraphs of ``text``; those holding an offset in ``wanted`` are split into
    sentences (with the people they name), the others keep one sentence each."""
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    busy = [p for p in paragraphs if any(p[0] <= w < p[1] for w in wanted)]
    docs = {}
    if busy:
        nlp = load_pipeline()
        for (start, _end), doc in zip(busy, nlp.pipe(text[s:e] for s, e in busy), strict=False):
            docs[start] = doc
    out = []
    for start, end in paragraphs:
        chunk = text[start:end]
        doc = docs.get(start)
        sentences: tuple[Sentence, ...]
        sentences = (Sentence(start, end, chunk),) if doc is None else tuple(_sentences(doc, start))
        out.append(Paragraph(start, end, chunk, sentences))
    return out


def _sentences(doc, offset: int) -> list[Sentence]:
    people = [
        (ent.start_char + offset, ent.end_char + offset, ent.text)
        for ent in doc.ents
        if ent.label_ == "PER" and " " in ent.text.strip()
    ]
    spans = [(s.start_char, s.end_char) for s in doc.sents]
    merged: list[list[int]] = []
    for start, end in spans:
        piece = doc.text[start:end]
        # A piece that does not close a sentence (no final mark) and a piece starting in lower
        # case or with a name cut in two are glued back: the statistical splitter errs there.
        if merged and (
            not re.search(r"[.!?…»\"”)\]:]\s*$", doc.text[merged[-1][0] : merged[-1][1]])
            or re.match(r"\s*[a-zà-ÿ,;)]", piece)
        ):
            merged[-1][1] = end
        else:
            merged.append([start, end])
    # The splitter also misses some ends: a full stop then a capital or an opening quotation
    # mark ends a sentence, unless the word before is an initial or a title ("M.", "Dr.").
    split: list[list[int]] = []
    for start, end in merged:
        cut = start
        for m in _END.finditer(doc.text, start, end):
            before = doc.text[cut : m.start() + 1]
            if _ABBREVIATION.search(before):
                continue
            split.append([cut, m.start() + 1])
            cut = m.end()
        split.append([cut, end])
    out = []
    for start, end in split:
        text = doc.text[start:end].rstrip()
        end = start + len(text)
        out.append(
            Sentence(
                start + offset,
                end + offset,
                text,
                tuple(p for p in people if start + offset <= p[0] < end + offset),
            )
        )
    return out
