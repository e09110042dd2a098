"""Run a command and print its wall time and the peak RSS of its largest process.

    python benchmarks/measure.py -- corpuskit run pipeline.yaml --quiet

Prints one JSON line: {"wall_s", "peak_rss_mb", "returncode"}. The peak is the
largest resident set of any process in the command's tree (getrusage of children).
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
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"wall_s": round(wall, 3), "peak_rss_mb": round(peak_kb / 1024, 1),
                      "returncode": proc.returncode}))
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
