#!/usr/bin/env python3
"""Times dateparser.search_dates (the Python baseline) on a text sample.

The sample is searched line by line (its paragraphs), the way search_dates is meant to be
used; each run searches the whole sample. Prints the median time and throughput.
"""
import statistics
import sys
import time

from dateparser.search import search_dates


def main() -> None:
    path = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    with open(path, encoding="utf-8", errors="replace") as handle:
        text = handle.read()
    size = len(text.encode("utf-8"))
    lines = [line for line in text.split("\n") if line.strip()]
    settings = {"STRICT_PARSING": False}
    search_dates("warm up in 1949", languages=["en"], settings=settings)
    timings = []
    found = 0
    for run in range(runs):
        start = time.perf_counter()
        found = 0
        for line in lines:
            result = search_dates(line, languages=["en"], settings=settings)
            found += len(result or [])
        timings.append(time.perf_counter() - start)
        print(f"dateparser run {run + 1}: {timings[-1]:.2f} s", flush=True)
    median = statistics.median(timings)
    print(
        f"dateparser: {size} bytes, {found} dates; median {median:.2f} s,"
        f" {size / 1e6 / median:.4f} MB/s over {runs} runs"
    )


if __name__ == "__main__":
    main()
