"""A class of N learners on the course's JupyterHub, timed (the classroom test holds one of 10).

Starts the hub of ``deploy/jupyterhub_config.py`` as the classroom tests do (127.0.0.1, a
temporary folder, configurable-http-proxy from ``npm ci``), and has N learners at once open the
course link, get the course cloned, and run lesson 01 and exercise set 00 in their own kernels.
Prints each learner's seconds per step, the class's wall-clock time, the CPU seconds and memory
(unique set size) of the hub, the proxy, the learners' servers and their kernels, the load of
the machine before and after (other work on the machine slows the class down), and the first
errors the hub logged, if any.

Run: .venv/bin/python benchmarks/bench_classroom.py [--learners N]
"""

import argparse
import collections
import os
import sys
import tempfile
from pathlib import Path

import psutil
from bench_activations import cpu_model

ROOT = Path(__file__).resolve().parents[1]
# The class is held by the classroom tests' own machinery, so the benchmark measures what they test.
sys.path.insert(0, str(ROOT / "tests" / "classroom"))

from class_session import EXERCISES, hold_class  # noqa: E402
from course_repository import CourseRepository  # noqa: E402
from hub import PROXY, ClassroomHub  # noqa: E402
from people import Instructor  # noqa: E402


def kind_of(process):
    """Which part of the classroom ``process`` is."""
    command = process.cmdline()
    if "ipykernel_launcher" in command:
        return "kernels"
    if any(part.endswith("jupyterhub-singleuser") for part in command[:2]):
        return "servers"
    if any(part.endswith("configurable-http-proxy") for part in command[:2]):
        return "proxy"
    return "hub"


def usage(hub):
    """CPU seconds and memory (MB, unique set size) of the hub's processes, by kind."""
    cpu, memory = collections.Counter(), collections.Counter()
    for process in hub.processes():
        try:
            times = process.cpu_times()
            cpu[kind_of(process)] += times.user + times.system
            memory[kind_of(process)] += process.memory_full_info().uss / 2**20
        except psutil.NoSuchProcess:
            continue
    return cpu, memory


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=10,
                        help="the size of the class (default: 10)")
    args = parser.parse_args()
    if args.learners < 1:
        parser.error("--learners must be at least 1")
    if not os.access(PROXY, os.X_OK):
        sys.exit(f"configurable-http-proxy is not installed at {PROXY}: run `npm ci` first")

    print(f"{args.learners} learners; {cpu_model()}, {os.cpu_count()} cores; "
          f"load average before {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as folder, ClassroomHub(Path(folder, "hub")) as hub:
        course = CourseRepository(Path(folder))
        names = (f"learner{number:02d}" for number in range(1, args.learners + 1))
        learners = Instructor(hub.url).enrol(*names)
        seconds, runs = hold_class(learners, course, course.link(hub.url, EXERCISES))
        cpu, memory = usage(hub)
        load_after = os.getloadavg()[0]
        log = hub.log_path.read_text(errors="replace").splitlines()
        errors = [line for line in log if line.startswith("[E ")]

    steps = ("link", "lesson 01", "exercises 00")
    print(f"{'learner':<12}" + "".join(f"{step:>14}" for step in steps) + f"{'problems':>10}")
    for run in runs:
        columns = "".join(f"{run.seconds.get(step, float('nan')):>14.1f}" for step in steps)
        print(f"{run.name:<12}{columns}{len(run.problems):>10}")
    for run in runs:
        for problem in run.problems:
            print(f"{run.name}: {problem}")
    print(f"the class of {args.learners}: {seconds:.1f} s from the first click to the last cell; "
          f"load average after {load_after:.1f}")
    for kind in ("hub", "proxy", "servers", "kernels"):
        print(f"{kind:<8} {cpu[kind]:7.1f} CPU s {memory[kind]:8.0f} MB")
    if errors:
        print(f"the hub logged {len(errors)} errors; the first:", *errors[:5], sep="\n")
    return 1 if any(run.problems for run in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
