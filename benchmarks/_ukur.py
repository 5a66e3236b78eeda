"""What the benchmark scripts share: timing a step several times."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def ukur(fn: Callable[[], object], ulang: int) -> tuple[float, float, object]:
    """(best s, median s, last result) of `ulang` runs: the best is the machine's real cost,
    the median shows the noise of a shared machine."""
    waktu, hasil = [], None
    for _ in range(ulang):
        t0 = time.perf_counter()
        hasil = fn()
        waktu.append(time.perf_counter() - t0)
    return min(waktu), statistics.median(waktu), hasil
