"""Speed and peak memory of ``read_warc -> extract_html -> write_jsonl`` beside ``trafilatura.extract`` alone.

    python benchmarks/web/bench_web.py --repeat 25        # 82 dev pages x 25 = 2050 WARC records

The real pages of /work/shared/devdata/html (82) are packed, ``--repeat`` times each (each
copy under its own URL), into a temporary gzipped WARC. In the same run, on the same pages:

- ``trafilatura.extract`` alone, in this process, one core (the page as bytes, as a
  crawler hands it over; its default settings, which skip metadata and so htmldate);
- extract_html's page function (``extract_page`` after ``decode_page``), in this process,
  one core: the per-page cost of the stage without the run machinery (both after one
  untimed pass over the pages: the first call of htmldate's date search is slow);
- ``corpuskit run`` of read_warc -> extract_html -> write_jsonl with the serial executor
  (one core) and with the local executor and 2 workers: wall time, CPU seconds of all its
  processes (pages per CPU second is the per-core rate on a machine shared with other
  work, where wall time is not) and the peak RSS of the biggest process
  (``resource.getrusage(RUSAGE_CHILDREN)`` in a wrapper process per run);
- with ``--memory``, the serial run again on twice the records, to show peak memory flat
  in the number of pages.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

DEVDATA = Path("/work/shared/devdata/html")
REPO = Path(__file__).resolve().parents[2]
RSS_WRAPPER = ("import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]); "
               "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
               "print(u.ru_maxrss, u.ru_utime + u.ru_stime, done.returncode)")
"""Runs a command; prints the peak RSS of its biggest process (KiB), the CPU seconds of all its
processes, and its exit status."""


def dev_pages() -> list[bytes]:
    return [p.read_bytes() for p in sorted(DEVDATA.rglob("*.htm*"))]


def write_warc(path: Path, pages: list[bytes], repeat: int) -> int:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for copy in range(repeat):
            for i, body in enumerate(pages):
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
                url = f"https://site{i}.example/page/{i}?copy={copy}"
                writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                              http_headers=headers))
    return repeat * len(pages)


def time_in_process(pages: list[bytes], repeat: int) -> dict[str, float]:
    import trafilatura

    from corpuskit._stages.web.article import extract_page
    from corpuskit._stages.web.charset import decode_page

    rates = {}
    for label, fn in (("trafilatura.extract", lambda html: trafilatura.extract(html)),
                      ("extract_page (extract_html's per-page work)",
                       lambda html: extract_page(decode_page(html).text))):
        for page in pages:  # one untimed pass: imports and first-call costs (htmldate's) out of the timing
            fn(page)
        t0 = time.process_time()
        for _ in range(repeat):
            for page in pages:
                fn(page)
        rates[label] = repeat * len(pages) / (time.process_time() - t0)
    return rates


def time_run(warc: Path, work: Path, executor: str, workers: int, extra_stages: str = "",
             plugin: Path | None = None) -> tuple[float, int, float]:
    """Wall seconds, peak RSS (KiB) and CPU seconds of ``corpuskit run`` over the WARC."""
    config = work / f"bench-{executor}.yaml"
    config.write_text(f"name: bench-web-{executor}\nexecutor: {executor}\nstages:\n"
                      f"  - read_warc: {{paths: ['{warc}']}}\n  - extract_html\n{extra_stages}"
                      f"  - write_jsonl: {{path: '{work / f'out-{executor}.jsonl'}'}}\n")
    env = {**os.environ, "PYTHONPATH": f"{REPO}{os.pathsep}{REPO / 'plugins'}"}
    cmd = [sys.executable, "-c", RSS_WRAPPER, sys.executable, "-m", "corpuskit", "run", str(config),
           "--workers", str(workers), "--run-dir", str(work / f"run-{executor}")]
    if plugin is not None:
        cmd += ["--plugin", str(plugin)]
    t0 = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t0
    rss, cpu, rc = done.stdout.split()[-3:]
    if int(rc) != 0:
        raise SystemExit(f"corpuskit run failed ({rc})")
    return wall, int(rss), float(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=25, help="copies of each dev page in the WARC")
    parser.add_argument("--inproc-repeat", type=int, default=3, help="passes over the pages in process")
    parser.add_argument("--memory", action="store_true", help="also run serially on twice the records")
    args = parser.parse_args()
    pages = dev_pages()
    print(f"{len(pages)} pages, {sum(map(len, pages)) / len(pages) / 1024:.0f} KiB on average; "
          f"{os.cpu_count()} CPUs")
    for label, rate in time_in_process(pages, args.inproc_repeat).items():
        print(f"in process, one core  {label:45} {rate:7.1f} pages/s")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        warc = work / "pages.warc.gz"
        records = write_warc(warc, pages, args.repeat)
        print(f"WARC: {records} records, {warc.stat().st_size / 1e6:.1f} MB")
        for executor, workers in (("serial", 1), ("local", 2)):
            wall, rss, cpu = time_run(warc, work, executor, workers)
            print(f"corpuskit run {executor:6} workers={workers}  {records / wall:7.1f} pages/s "
                  f"({records / wall / workers:.1f} per worker), {wall:.1f} s wall; {records / cpu:.1f} pages "
                  f"per CPU second ({cpu:.1f} s CPU, all processes); peak RSS {rss / 1024:.0f} MiB")
        if args.memory:
            warc2 = work / "pages2.warc.gz"
            records2 = write_warc(warc2, pages, 2 * args.repeat)
            wall, rss, _ = time_run(warc2, work, "serial", 1)
            print(f"corpuskit run serial on {records2} records: {wall:.1f} s, peak RSS {rss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
