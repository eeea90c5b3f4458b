"""A chart's value axis: round ticks (1, 2, 2.5, 5 × 10ⁿ) and a range from 0 for counts and
shares unless the reader asks for the values' own range. Pure; no UI."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

__all__ = ["FROM_ZERO_UNITS", "ValueAxis", "value_axis"]

# Units whose natural origin is 0: a count, a share, a sum of money.
FROM_ZERO_UNITS: Final = frozenset({"count", "percent", "eur", "count_per_month"})
_STEPS: Final = (1.0, 2.0, 2.5, 5.0, 10.0)


@dataclass(frozen=True, slots=True)
class ValueAxis:
    low: float
    high: float
    ticks: tuple[float, ...]


def value_axis(values: list[float], unit: str, from_zero: bool = True, most: int = 5) -> ValueAxis:
    """The y range and at most ``most`` + 1 round ticks for ``values``: from 0 when ``from_zero``
    and the unit is a count or share with no negative value, else around the values."""
    if not values:
        return ValueAxis(0.0, 1.0, (0.0, 1.0))
    low, high = min(values), max(values)
    if from_zero and unit in FROM_ZERO_UNITS and low >= 0:
        low = 0.0
    if high - low < 1e-12:  # one value: room around it
        pad = abs(high) * 0.2 or 1.0
        low, high = (0.0 if low == 0 else low - pad), high + pad
    raw = (high - low) / max(1, most)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in _STEPS if m * magnitude >= raw * (1 - 1e-9))
    first = math.floor(low / step + 1e-9) * step
    last = math.ceil(high / step - 1e-9) * step
    count = round((last - first) / step)
    ticks = tuple(round(first + i * step, 10) for i in range(count + 1))
    return ValueAxis(first, last, ticks)
