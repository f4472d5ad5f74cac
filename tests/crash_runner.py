"""Run `irinsider` commands in forked children of one warm process and SIGKILL them on cue.

Used by test_crash_safety.py. Loading the coder takes seconds; this process loads it once,
then forks one child per command, so a child is the real command (`cli.main`) with warm
caches and a kill lands in its coding and writing instead of its start-up. The runner kills
only its own children, which it alone reaps, so a kill can never reach another process.

Protocol, one JSON object a line. The runner prints ``{"ready": pid}`` once loaded; then for
each request on stdin

    {"args": ["ingest", ...], "log": "run.log", "watch": "x.db-wal", "mark": "out/index.json",
     "kill": null | {...}}

it runs ``irinsider ARGS`` with stdout and stderr in LOG and answers

    {"status": 0, "seconds": 2.1, "changes": [0.31, ...], "marked": 1.7}

`status` is the exit code, -9 when killed; `changes` are the seconds (from the fork) at
which the file `watch` changed (size or mtime) and `marked` when the file `mark` first
existed (null if never). A kill is one of

    {"after": "start", "delay": 1.2}                 1.2 s after the fork
    {"after": "changes", "skip": 1, "delay": 0.05}   0.05 s into the second burst of changes
                                                     of `watch` (a burst ends after GAP s
                                                     without a change)
    {"after": "mark", "delay": 0.1}                  0.1 s after `mark` appears
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
import traceback
from typing import Any

GAP = 0.2  # seconds without a change that end a burst of writes
POLL = 0.001  # seconds between looks


def _stat(path: str | None) -> tuple[int, int] | None:
    if path is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _child(args: list[str], log: str) -> None:
    """In the forked child: run the command with its output in `log`; never return."""
    from irinsider.cli import main

    code = 1
    try:
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        main(args, prog_name="irinsider")
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def run(request: dict[str, Any]) -> dict[str, Any]:
    kill = request.get("kill")
    watch = request.get("watch")
    mark = request.get("mark")
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        _child(request["args"], request["log"])
    started = time.monotonic()
    changes: list[float] = []
    bursts = 0
    marked: float | None = None
    last = _stat(watch)
    deadline: float | None = None
    if kill and kill["after"] == "start":
        deadline = started + kill["delay"]
    killed = False  # the signal was sent (the child may have ended just before)
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        now = time.monotonic()
        state = _stat(watch)
        if state != last:
            last = state
            if not changes or now - started - changes[-1] >= GAP:
                bursts += 1
            changes.append(now - started)
            if kill and kill["after"] == "changes" and deadline is None and bursts > kill["skip"]:
                deadline = now + kill["delay"]
        if mark is not None and marked is None and os.path.exists(mark):
            marked = now - started
            if kill and kill["after"] == "mark":
                deadline = now + kill["delay"]
        if deadline is not None and now >= deadline and not killed:
            os.kill(pid, signal.SIGKILL)  # our own child, not yet reaped
            killed = True
        time.sleep(POLL)
    return {"status": os.waitstatus_to_exitcode(status),
            "seconds": round(time.monotonic() - started, 4), "changes": changes,
            "marked": marked}


def main() -> None:
    from irinsider import store  # noqa: F401  (imported before forking)
    from irinsider.pipeline import Pipeline

    Pipeline.load()
    print(json.dumps({"ready": os.getpid()}), flush=True)
    for line in sys.stdin:
        print(json.dumps(run(json.loads(line))), flush=True)


if __name__ == "__main__":
    main()
