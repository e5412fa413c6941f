"""How long `tracker demo` takes, end to end, as a newcomer runs it (target: under 15 s).

    python bench/demo.py [--runs N]

Runs the installed command as a separate process N times (default 5) and
prints the median and range of the wall time, next to the start-up cost of
the same interpreter importing the command line alone (the floor any
command pays), measured in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

TARGET_SECONDS = 15.0


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    demo = [timed([sys.executable, "-m", "tracker.cli", "demo"]) for _ in range(runs)]
    floor = [timed([sys.executable, "-c", "import tracker.cli"]) for _ in range(runs)]
    median = statistics.median(demo)
    print(f"{'what':28} {'median s':>9} {'min s':>7} {'max s':>7}")
    print(f"{'tracker demo':28} {median:9.2f} {min(demo):7.2f} {max(demo):7.2f}")
    print(f"{'import tracker.cli (floor)':28} {statistics.median(floor):9.2f} {min(floor):7.2f} {max(floor):7.2f}")
    verdict = "met" if median < TARGET_SECONDS else "NOT met"
    print(f"target: demo under {TARGET_SECONDS:.0f} s — {verdict} ({median / TARGET_SECONDS:.0%} of the budget)")


if __name__ == "__main__":
    main()
