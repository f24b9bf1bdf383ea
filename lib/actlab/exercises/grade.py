"""Grade submitted exercise notebooks: ``python -m actlab.exercises.grade ex00 subs/*.ipynb``.

Each submission runs in a kernel of its own, capped in time and memory, on a library without the
reference solutions; only the learner's functions are called there, on the exercise's cases and on
hidden random ones, and what they did comes back as data. Comparison, feedback and score are worked
out in this process by the exercise set's own checks, so nothing a notebook does to the checks, and
nothing it prints, changes its grade. (How: :mod:`actlab.exercises.grading`.)

One line per notebook is printed as it is graded; ``--csv`` writes the table, ``--report`` every
message (what is wrong, or why a notebook got 0)::

    python -m actlab.exercises.grade ex00 submissions/*.ipynb --csv grades.csv --report feedback.md

A submission runs its author's code on your machine: grade in a container or an account of its own
(see the instructor guide).
"""

import argparse
import csv
import importlib
import sys
from pathlib import Path

from actlab.exercises.grading.batch import Graded, Mark, grade_notebooks
from actlab.exercises.grading.kernel import Limits
from actlab.exercises.release import exercise_set_names

__all__ = ["Graded", "Limits", "Mark", "grade_notebooks", "main"]


def _line(graded, names):
    cells = [str(graded.notebook)] + [graded.status(n) for n in names]
    cells.append(f"{graded.score}/{len(names)}")
    if graded.reason:
        cells.append(f"({graded.reason})")
    return "  ".join(cells)


def _report(graded, names):
    lines = [f"## {graded.notebook}: {graded.score}/{len(names)}", ""]
    if graded.reason:
        lines += [f"Not graded: {graded.reason}.", ""]
    for name in names:
        mark = graded.marks.get(name)
        if mark:
            lines += [f"### {name}: {mark.status}", "", mark.message, ""]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m actlab.exercises.grade",
                                     description="Grade submitted exercise notebooks.")
    parser.add_argument("set_name", help=f"the exercise set: {', '.join(exercise_set_names())}")
    parser.add_argument("notebooks", nargs="+", type=Path, help="submitted notebooks")
    parser.add_argument("--csv", type=Path, help="also write the grades to this CSV file")
    parser.add_argument("--report", type=Path,
                        help="also write every answer's feedback to this Markdown file")
    parser.add_argument("--seed", type=int,
                        help="seed of the hidden cases (default: random; printed, to reproduce)")
    parser.add_argument("--jobs", type=int,
                        help="kernels at once (default: the number of CPUs + 1)")
    parser.add_argument("--timeout", type=float, default=Limits.timeout,
                        help="seconds allowed for each cell and for each question "
                             f"(default {Limits.timeout:g})")
    parser.add_argument("--memory", type=int, default=Limits.memory_mb, metavar="MB",
                        help=f"memory cap of each kernel, MiB (default {Limits.memory_mb})")
    args = parser.parse_args(argv)
    if args.set_name not in exercise_set_names():
        parser.error(f"no exercise set {args.set_name!r}; the sets are "
                     f"{', '.join(exercise_set_names())}")
    names = [q.name for q in importlib.import_module(f"actlab.exercises.{args.set_name}").questions]

    def show(graded):
        print(_line(graded, names), flush=True)

    try:
        grades, seed = grade_notebooks(
            args.notebooks, args.set_name, seed=args.seed, jobs=args.jobs,
            limits=Limits(timeout=args.timeout, memory_mb=args.memory), on_graded=show)
    except KeyboardInterrupt:
        print("interrupted: nothing written", file=sys.stderr)
        return 130
    print(f"hidden cases drawn with --seed {seed}")
    if args.csv:
        with args.csv.open("w", newline="") as handle:
            table = csv.writer(handle)
            table.writerow(["notebook"] + names + ["score", "reason"])
            for graded in grades:
                table.writerow([str(graded.notebook)] + [graded.status(n) for n in names]
                               + [f"{graded.score}/{len(names)}", graded.reason or ""])
        print(f"wrote {args.csv}")
    if args.report:
        args.report.write_text("\n".join(_report(graded, names) for graded in grades))
        print(f"wrote {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
