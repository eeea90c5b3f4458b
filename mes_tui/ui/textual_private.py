"""The one place the app reaches past Textual's public API, for what Textual offers no public
way to do. ``tests/test_textual_private.py`` fails when an upgrade of Textual breaks one; at
run time a broken workaround is skipped (the app then only loses what it was for)."""

from __future__ import annotations

from textual.reactive import Reactive
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

__all__ = ["FooterKey", "footer_keys_at_once"]


def footer_keys_at_once(footer: Footer) -> bool:
    """Let ``footer`` draw its keys when first composed; False when Textual changed.

    Textual's footer stays empty until the screen's bindings first change, which comes a
    refresh later, behind the private reactive ``Footer._bindings_ready``: the keys would pop
    in after the first frame. The bindings are already known when the footer is composed.
    """
    ready = vars(Footer).get("_bindings_ready")
    if not isinstance(ready, Reactive):
        return False
    footer.set_reactive(ready, True)
    return True
