"""What the fuzzers share: a target (a Hypothesis strategy and a check) run for one round,
with what failed and what was slow tallied.

    tally = Tally()
    run_target(name, strategy, check, tally, examples=100, run_seed=7, slow=5.0)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis.strategies import SearchStrategy


@dataclass
class Tally:
    tried: int = 0
    failures: list[str] = field(default_factory=list)
    slow: list[tuple[float, str]] = field(default_factory=list)


def shown(value: Any, size: int = 300) -> str:
    """`value`'s repr, cut to `size` characters."""
    text = repr(value)
    return text if len(text) <= size else f"{text[:size]}... ({len(text):,} characters)"


def run_target(name: str, strategy: SearchStrategy[Any], check: Callable[[Any], None],
               tally: Tally, examples: int, run_seed: int, slow: float) -> None:
    """One round of `examples` inputs; a failure is shrunk, printed and tallied."""
    failing: list[Any] = []

    @seed(run_seed)
    @settings(max_examples=examples, deadline=None, database=None, print_blob=False,
              suppress_health_check=list(HealthCheck), phases=[Phase.generate, Phase.shrink])
    @given(strategy)
    def fuzz(value: Any) -> None:
        tally.tried += 1
        started = time.perf_counter()
        try:
            check(value)
        except BaseException:
            failing.append(value)
            raise
        took = time.perf_counter() - started
        if took > slow:
            tally.slow.append((took, shown(value, 120)))

    try:
        fuzz()
    except Exception as exc:  # what the smallest failing input raised
        where = shown(failing[-1]) if failing else "?"
        tally.failures.append(f"{type(exc).__name__}: {str(exc)[:300]}\n    input: {where}")
        print(f"FAIL {name}: {type(exc).__name__}: {str(exc)[:300]}\n    input: {where}",
              flush=True)
