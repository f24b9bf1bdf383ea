"""Grade submitted exercise notebooks with the same checks the learners ran.

Each submission is executed top to bottom in a fresh kernel (a failing cell does not stop it), then
every question of the exercise set checks the function of its name left in the kernel, exactly
``exNN.qK.check(function)``. One line a notebook is printed, and with ``--csv`` written to a file::

    python -m actlab.exercises.grade ex00 submissions/*.ipynb --csv grades.csv

A submission runs its author's code on your machine: grade inside the course's environment, in a
container or an account of its own when the class is large or unknown to you.
"""

import argparse
import csv
import importlib
import json
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

_MARK = "ACTLAB-GRADES "


def _grading_cell(set_name):
    # Runs in the learner's kernel, after their own cells; names start with _ to not clash.
    return (f"import json as _json\n"
            f"from actlab.exercises import {set_name} as _set\n"
            f"print({_MARK!r} + _json.dumps({{_q.name: _q.check(globals().get(_q.function)).status "
            f"for _q in _set.questions}}))")


def grade(path, set_name, timeout=120):
    """Return ``{question name: status}`` for the submitted notebook ``path``.

    Parameters
    ----------
    path : path-like
        A learner's copy of the exercise notebook.
    set_name : str
        The exercise set, e.g. ``"ex00"`` (a module of ``actlab.exercises`` with ``questions``).
    timeout : float
        Seconds allowed for each cell.

    Raises
    ------
    RuntimeError
        When the notebook cannot be graded (its kernel died or a cell ran past ``timeout``).
    """
    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(_grading_cell(set_name)))
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3", allow_errors=True,
                            record_timing=False, resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except (CellTimeoutError, DeadKernelError) as err:
        raise RuntimeError(f"{path}: could not be graded: {type(err).__name__}") from err
    for output in notebook.cells[-1].outputs:
        for line in output.get("text", "").splitlines():
            if line.startswith(_MARK):
                return json.loads(line[len(_MARK):])
    raise RuntimeError(f"{path}: could not be graded: the grading cell printed no result")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m actlab.exercises.grade",
                                     description="Grade submitted exercise notebooks.")
    parser.add_argument("set_name", help="the exercise set, e.g. ex00")
    parser.add_argument("notebooks", nargs="+", type=Path, help="submitted notebooks")
    parser.add_argument("--csv", type=Path, help="also write the grades to this CSV file")
    parser.add_argument("--timeout", type=float, default=120, help="seconds allowed per cell")
    args = parser.parse_args(argv)
    try:
        questions = importlib.import_module(f"actlab.exercises.{args.set_name}").questions
    except ImportError:
        parser.error(f"no exercise set actlab.exercises.{args.set_name}")
    names = [q.name for q in questions]
    rows = []
    for path in args.notebooks:
        try:
            statuses = grade(path, args.set_name, args.timeout)
        except (OSError, ValueError, RuntimeError) as err:
            print(f"{path}: {err}", file=sys.stderr)
            statuses = {}
        score = sum(statuses.get(n) == "correct" for n in names)
        rows.append([str(path)] + [statuses.get(n, "not graded") for n in names]
                    + [f"{score}/{len(names)}"])
        print("  ".join(rows[-1]))
    if args.csv:
        with args.csv.open("w", newline="") as handle:
            csv.writer(handle).writerows([["notebook"] + names + ["score"]] + rows)
        print(f"wrote {args.csv}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
