"""Run a command and watch its whole process tree: wall time, CPU time and peak RSS.

    python benchmarks/datasets/treewatch.py -- CMD ...

Prints one JSON line like benchmarks/measure.py: {"wall_s", "cpu_s", "peak_rss_mb",
"returncode"}. ``getrusage`` of children misses processes their parent never waits for
(datatrove's pool workers); here /proc is read every 0.1 s, so every descendant is seen
while it lives: ``cpu_s`` sums each process's last user + system time (or getrusage's
figure where that is larger), ``peak_rss_mb`` is the largest single process seen. Linux only.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time

_TICK = os.sysconf("SC_CLK_TCK")
_PAGE = os.sysconf("SC_PAGE_SIZE")


def _table() -> dict[int, tuple[int, float, int]]:
    """pid -> (parent pid, CPU seconds, RSS bytes) of every process."""
    found = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        found[int(name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICK, int(fields[21]) * _PAGE)
    return found


def main() -> int:
    args = sys.argv[1:]
    if args and args[0] == "--":
        args = args[1:]
    t0 = time.perf_counter()
    proc = subprocess.Popen(args)
    cpu: dict[int, float] = {}
    peak = 0
    while proc.poll() is None:
        table = _table()
        tree = {proc.pid}
        grew = True
        while grew:
            grew = False
            for pid, (ppid, _, _) in table.items():
                if ppid in tree and pid not in tree:
                    tree.add(pid)
                    grew = True
        for pid in tree & table.keys():
            cpu[pid] = max(cpu.get(pid, 0.0), table[pid][1])
            peak = max(peak, table[pid][2])
        time.sleep(0.1)
    wall = time.perf_counter() - t0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"wall_s": round(wall, 3),
                      "cpu_s": round(max(sum(cpu.values()), usage.ru_utime + usage.ru_stime), 3),
                      "peak_rss_mb": round(max(peak, usage.ru_maxrss * 1024) / 2**20, 1),
                      "returncode": proc.returncode}))
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
