"""Run a command and print its wall time and the peak RSS of its largest process.

    python benchmarks/measure.py -- corpuskit run pipeline.yaml --quiet

Prints one JSON line: {"wall_s", "cpu_s", "peak_rss_mb", "returncode"}. The peak is the
largest resident set of any process in the command's tree, ``cpu_s`` the user + system
time of the whole tree (getrusage of children): on a shared machine it says more than
the wall time.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main() -> int:
    args = sys.argv[1:]
    if args and args[0] == "--":
        args = args[1:]
    t0 = time.perf_counter()
    proc = subprocess.run(args)
    wall = time.perf_counter() - t0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_kb = usage.ru_maxrss
    print(json.dumps({"wall_s": round(wall, 3), "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
                      "peak_rss_mb": round(peak_kb / 1024, 1),
                      "returncode": proc.returncode}))
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
