"""Dynamic programme over bead shapes within a band around the diagonal."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

Shape = tuple[int, int]
CostFn = Callable[[int, int, Shape], float]


def _band(n_ar: int, n_en: int, width: int) -> list[tuple[int, int]]:
    """For each Arabic index, the English range [lo, hi] the path may visit.

    Translations rarely drift far from the diagonal; a band keeps books near-linear.
    """
    slope = n_en / n_ar if n_ar else 0.0
    out = []
    for i in range(n_ar + 1):
        centre = round(i * slope)
        out.append((max(0, centre - width), min(n_en, centre + width)))
    return out


def best_path(
    n_ar: int, n_en: int, shapes: Sequence[Shape], cost: CostFn, width: int = 60
) -> list[tuple[int, int, Shape, float]]:
    """Cheapest sequence of beads covering ``n_ar`` × ``n_en`` sentences.

    ``cost(i, j, shape)`` prices the bead that takes ``shape`` sentences starting at Arabic
    sentence ``i`` and English sentence ``j``. Returns ``(i, j, shape, cost)`` per bead.
    """
    width = max(width, abs(n_ar - n_en) + 2)
    band = _band(n_ar, n_en, width)
    table: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], Shape] = {}
    for i in range(n_ar + 1):
        lo, hi = band[i]
        if i == n_ar:
            hi = n_en
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                continue
            best, arg = math.inf, None
            for shape in shapes:
                prev = table.get((i - shape[0], j - shape[1]))
                if prev is None:
                    continue
                c = prev + cost(i - shape[0], j - shape[1], shape)
                if c < best:
                    best, arg = c, shape
            if arg is not None:
                table[i, j] = best
                back[i, j] = arg
    steps: list[tuple[int, int, Shape, float]] = []
    i, j = n_ar, n_en
    while i or j:
        shape = back[i, j]
        pi, pj = i - shape[0], j - shape[1]
        steps.append((pi, pj, shape, table[i, j] - table[pi, pj]))
        i, j = pi, pj
    steps.reverse()
    return steps
