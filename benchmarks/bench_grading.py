"""Grading 30 submissions of the warm-up set (budget: 60 s on a 2-core machine).

The 30 notebooks are built from the student notebook ``exercises/00_warmup.ipynb``: a third
answer every task right, a third answer some right and some wrong (the typical mistakes of the
set), a third leave some or all of it blank. They are graded as ``python -m
actlab.exercises.grade`` grades them: each in a sandboxed kernel of its own, ``--jobs`` kernels at
once (default: the number of CPUs plus one).

Run: .venv/bin/python benchmarks/bench_grading.py [--jobs N]
"""

import argparse
import collections
import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from actlab.exercises.grading.batch import grade_notebooks

ROOT = Path(__file__).resolve().parents[1]
STUDENT = ROOT / "exercises" / "00_warmup.ipynb"
STUB = 'raise NotImplementedError("Replace this line with your solution")'
BUDGET_S = 60.0
SUBMISSIONS = 30

RIGHT = {"weighted_sum": "return X @ w + b", "relu": "return np.maximum(x, 0)",
         "dense_forward": "return X @ W + b"}
WRONG = {"weighted_sum": "return X @ w", "relu": "return np.abs(x)",
         "dense_forward": "return X @ W.T + b"}


def answers(k):
    """The answers of submission ``k``: all right, a mix, or partly/wholly blank."""
    names = list(RIGHT)
    if k % 3 == 0:
        return dict(RIGHT)
    if k % 3 == 1:
        return {name: (WRONG if (k + i) % 2 else RIGHT)[name] for i, name in enumerate(names)}
    return {name: RIGHT[name] for name in names[: k % 4]}


def write_submissions(folder):
    paths = []
    for k in range(SUBMISSIONS):
        notebook = nbformat.read(STUDENT, as_version=4)
        given = answers(k)
        for cell in notebook.cells:
            name = cell.source[4:].split("(")[0] if cell.source.startswith("def ") else None
            if name in given:
                cell.source = cell.source.replace(STUB, given[name])
        paths.append(folder / f"learner_{k:02d}.ipynb")
        nbformat.write(notebook, paths[-1])
    return paths


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int,
                        help="kernels at once (default: the number of CPUs + 1)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        paths = write_submissions(Path(folder))
        wall, cpu = time.perf_counter(), os.times()
        grades, _ = grade_notebooks(paths, "ex00", seed=0, jobs=args.jobs)
        wall, after = time.perf_counter() - wall, os.times()
    cpu = (after.user + after.system + after.children_user + after.children_system
           - cpu.user - cpu.system - cpu.children_user - cpu.children_system)
    scores = collections.Counter(graded.score for graded in grades)
    failed = [graded for graded in grades if graded.reason]
    print(f"{len(grades)} submissions of ex00 graded in {wall:.1f} s wall, {cpu:.1f} s CPU "
          f"(grader and kernels), {os.cpu_count()} CPUs, jobs={args.jobs or os.cpu_count() + 1}")
    print("scores: " + ", ".join(f"{s}/3 × {n}" for s, n in sorted(scores.items())))
    for graded in failed:
        print(f"  not graded: {graded.notebook.name}: {graded.reason}")
    ok = wall <= BUDGET_S and not failed
    print(f"budget {BUDGET_S:.0f} s: {'OK' if ok else 'EXCEEDED or failures'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
