"""Which tier of the suite is running: `make test-fast` (the inner loop) sets
MES_TUI_TEST_TIER=fast; `make test`, and so CI, runs the full tier."""

from __future__ import annotations

import os

FAST = os.environ.get("MES_TUI_TEST_TIER") == "fast"


def examples(full: int) -> int:
    """A property test's number of examples: ``full`` in the full tier, a fifth (at least 30)
    in the fast one."""
    return max(30, full // 5) if FAST else full
