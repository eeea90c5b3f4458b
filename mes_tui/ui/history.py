"""Back and forward through the filters a person has had, like a browser's history."""

from __future__ import annotations

from mes_tui.core.filters import Filters

__all__ = ["FilterHistory"]


class FilterHistory:
    """The filter states in the order they were reached, and where we stand among them.

    Typing a search changes the filters at each key: those changes are one step, not one per
    letter, so going back leaves the search at once.
    """

    def __init__(self, start: Filters) -> None:
        self.states: list[Filters] = [start]
        self.position = 0

    @property
    def current(self) -> Filters:
        return self.states[self.position]

    def record(self, filters: Filters) -> None:
        """A new state reached by the user (not by going back or forward)."""
        if filters == self.current:
            return
        del self.states[self.position + 1 :]
        previous = self.states[self.position - 1] if self.position else None
        if (
            previous is not None
            and _same_but_search(filters, self.current)
            and self.current.search != previous.search
            and _same_but_search(self.current, previous)
        ):
            self.states[self.position] = filters  # still typing the same search
            return
        self.states.append(filters)
        self.position += 1

    def back(self) -> Filters | None:
        if not self.position:
            return None
        self.position -= 1
        return self.current

    def forward(self) -> Filters | None:
        if self.position + 1 >= len(self.states):
            return None
        self.position += 1
        return self.current


def _same_but_search(a: Filters, b: Filters) -> bool:
    return a.replace(search="") == b.replace(search="")
