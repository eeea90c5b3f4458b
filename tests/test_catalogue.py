"""The French catalogue: every message of the sources is in it and translated, the compiled
.mo shipped in the package says what the .po says, and the French follows its typography."""

from __future__ import annotations

import gettext
import io
import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from mes_tui.present.language import LOCALE_DIR

REPO = Path(__file__).resolve().parent.parent
PO = LOCALE_DIR / "fr" / "LC_MESSAGES" / "mes_tui.po"
MO = PO.with_suffix(".mo")


def _catalogue():
    with PO.open("rb") as handle:
        return read_po(handle, locale="fr")


def _source_messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        REPO / "mes_tui",
        method_map=[("**.py", "python")],
        keywords={"_": None, "gettext": None, "ngettext": (1, 2), "N_": None},
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_every_message_of_the_sources_has_a_french_translation() -> None:
    catalogue = _catalogue()
    translated = {
        (m.id[0] if isinstance(m.id, tuple) else m.id)
        for m in catalogue
        if m.id
        and "fuzzy" not in m.flags
        and (all(m.string) if isinstance(m.string, tuple) else m.string)
    }
    wanted = _source_messages()
    assert len(wanted) > 250  # the extraction found the messages (an empty set cannot pass)
    missing = sorted(wanted - translated)
    assert not missing, f"no French for {missing} (run `make catalogue`, then translate)"


def test_the_shipped_mo_is_compiled_from_the_po() -> None:
    buffer = io.BytesIO()
    write_mo(buffer, _catalogue())
    fresh = gettext.GNUTranslations(io.BytesIO(buffer.getvalue()))
    with MO.open("rb") as handle:
        shipped = gettext.GNUTranslations(handle)
    assert shipped._catalog == fresh._catalog, "the .mo is stale: run `make catalogue`"  # type: ignore[attr-defined]


def test_translations_keep_their_placeholders() -> None:
    field = re.compile(r"\{[^{}]*\}|%\([^)]*\)[a-z]|%[sr]")
    for message in _catalogue():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = sorted(set(field.findall(ids[-1])))
        for text in strings:
            assert sorted(set(field.findall(text))) == wanted, (message.id, text)


def test_french_typography() -> None:
    """A no-break space before « : », a narrow one before « ; ? ! % », inside « guillemets »;
    a typographic apostrophe."""
    for message in _catalogue():
        for text in message.string if isinstance(message.string, tuple) else (message.string,):
            if not message.id or not text:
                continue
            assert not re.search(r"[^\u00a0\u202f]:(?=\s|$)", text.replace("://", "")), text
            assert not re.search(r"[^\u202f][;?!](?=\s|$)", text), text
            assert not re.search(r"\d %|[ ]%(?![(\w])", text), text
            assert "“" not in text and "”" not in text, text
            assert not re.search(r"«[^\u00a0]|[^\u00a0]»", text), text
            assert not re.search(r"\w'\w", text.replace("%(value)r", "")), text


def test_no_message_hides_inside_an_f_string() -> None:
    """Babel does not read inside f-strings: a message there would never be translated."""
    hidden = re.compile(r"""\{\s*(?:_|gettext|ngettext|N_)\(""")
    found = [
        f"{path.relative_to(REPO)}:{number}"
        for path in sorted((REPO / "mes_tui").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if hidden.search(line)
    ]
    assert not found, found
