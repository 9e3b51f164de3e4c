"""Count the Python lines a call runs in one module: work measured without a clock.

A speed guard that times a call fails on a slow or busy machine and passes a regression that
happens to run on a fast one. The number of lines a module runs is the same on every machine,
so a test can bound it: a loop that went back to one round a character, or a quadratic rescan,
shows up as many times more lines.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType, ModuleType
from typing import Any


def lines_run(module: ModuleType, call: Callable[[], object]) -> int:
    """How many lines of `module`'s own code `call()` runs (its callees elsewhere not counted)."""
    filename = module.__file__
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def on_call(frame: FrameType, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename == filename else None

    previous = sys.gettrace()
    sys.settrace(on_call)
    try:
        call()
    finally:
        sys.settrace(previous)
    return count
