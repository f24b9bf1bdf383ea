"""Make a student exercise notebook from its solution notebook, so the two can never drift.

The solution notebook ``exercises/solutions/NN_name.ipynb`` is the single source. In its code cells
the reference code sits between nbgrader's markers, inside a function body::

    def relu(x):
        \"\"\"ReLU, elementwise.\"\"\"
        ### BEGIN SOLUTION
        return np.maximum(x, 0)
        ### END SOLUTION

The student version ``exercises/NN_name.ipynb`` gets, at the indentation of the markers::

        # YOUR CODE HERE
        raise NotImplementedError("Replace this line with your solution")

In markdown cells the region becomes ``YOUR ANSWER HERE``. Every other cell is copied as it is, with
its outputs cleared; cells with a solution get nbgrader's cell metadata (``solution: true`` and a
``grade_id``), so the notebooks also work in nbgrader. Then the student version is executed, so it is
committed with its outputs (every check says "not attempted yet").

Usage (from the repository root)::

    python -m actlab.exercises.student_version exercises/solutions/00_warmup.ipynb
    python -m actlab.exercises.student_version --all             # every solution notebook
    python -m actlab.exercises.student_version --all --check     # exit 1 if any is out of date
    python -m actlab.exercises.student_version --all --nbgrader-course ~/course   # for nbgrader
    python -m actlab.exercises.student_version --graded-release ~/release   # no solutions at all

A graded release is the course without its solutions, for work that counts: see
:mod:`actlab.exercises.release`.
"""

import argparse
import copy
import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from actlab.exercises.release import write_release

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
CODE_STUB = ["# YOUR CODE HERE", 'raise NotImplementedError("Replace this line with your solution")']
ANSWER_STUB = "YOUR ANSWER HERE"
SOLUTIONS_DIR = Path("exercises/solutions")

_DEFINED = re.compile(r"^def\s+(\w+)\s*\(", re.MULTILINE)
_CHECK = re.compile(r"^(\w+\.\w+)\.check\((\w+)\)$")


class MarkerError(ValueError):
    """The solution markers of a cell are unbalanced or misplaced."""


def strip_solutions(source, cell_type="code", where="cell"):
    """Return ``source`` with every marked solution region replaced by the stub.

    Parameters
    ----------
    source : str
        The cell's text.
    cell_type : {"code", "markdown"}
    where : str
        Names the cell in error messages.

    Raises
    ------
    MarkerError
        For a BEGIN without END (or the reverse), nested regions, or a code region that is not
        indented (outside a function body the stub would raise when the student runs the cell).
    """
    out, inside = [], False
    for number, line in enumerate(source.split("\n"), start=1):
        marker = line.strip()
        if marker == BEGIN:
            if inside:
                raise MarkerError(f"{where}, line {number}: {BEGIN} inside another solution region")
            inside = True
            indent = line[: len(line) - len(line.lstrip())]
            if cell_type == "code":
                if not indent:
                    raise MarkerError(f"{where}, line {number}: {BEGIN} must be inside a function "
                                      f"body (indented); at the top level the student's cell would "
                                      f"raise NotImplementedError when run")
                out.extend(indent + stub for stub in CODE_STUB)
            else:
                out.append(ANSWER_STUB)
        elif marker == END:
            if not inside:
                raise MarkerError(f"{where}, line {number}: {END} without {BEGIN}")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise MarkerError(f"{where}: {BEGIN} without {END}")
    return "\n".join(out)


def has_solution(source):
    return any(line.strip() == BEGIN for line in source.split("\n"))


def _nbgrader_metadata(grade_id):
    return {"grade": False, "grade_id": grade_id, "locked": False, "schema_version": 3,
            "solution": True, "task": False}


def student_notebook(solution, name="notebook"):
    """Return the student version of the solution notebook ``solution`` (not executed); ``name``
    names it in error messages."""
    student = copy.deepcopy(solution)
    for index, cell in enumerate(student.cells):
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        if cell.cell_type in ("code", "markdown") and has_solution(cell.source):
            where = f"{name}, cell {index}"
            names = _DEFINED.findall(cell.source)
            cell.source = strip_solutions(cell.source, cell.cell_type, where)
            cell.metadata["nbgrader"] = _nbgrader_metadata(names[0] if names else f"answer_{index}")
    return student


def execute(notebook, directory, timeout=300):
    """Run ``notebook`` top to bottom in a fresh python3 kernel, working directory ``directory``."""
    NotebookClient(notebook, timeout=timeout, kernel_name="python3", record_timing=False,
                   resources={"metadata": {"path": str(directory)}}).execute()
    return notebook


def nbgrader_source(solution):
    """Return a copy of the solution notebook for an nbgrader course: after each check cell
    ``exNN.qK.check(f)`` comes an autograder test cell ``assert exNN.qK.check(f).passed`` worth
    one point."""
    graded = copy.deepcopy(solution)
    cells = []
    for cell in graded.cells:
        cells.append(cell)
        found = _CHECK.match(cell.source.strip()) if cell.cell_type == "code" else None
        if found:
            question, function = found.groups()
            test = nbformat.v4.new_code_cell(f"assert {question}.check({function}).passed")
            test.metadata["nbgrader"] = {"grade": True, "grade_id": f"test_{function}",
                                         "locked": True, "points": 1, "schema_version": 3,
                                         "solution": False, "task": False}
            cells.append(test)
    graded.cells = cells
    return graded


def student_path(solution_path):
    """``exercises/solutions/NN_name.ipynb`` → ``exercises/NN_name.ipynb``."""
    solution_path = Path(solution_path)
    return solution_path.parent.parent / solution_path.name


def differences(solution_path):
    """List how the committed student version differs from what the generator makes (cell types and
    sources); empty when it is up to date."""
    solution_path = Path(solution_path)
    target = student_path(solution_path)
    if not target.exists():
        return [f"{target} does not exist"]
    wanted = student_notebook(nbformat.read(solution_path, as_version=4), solution_path).cells
    have = nbformat.read(target, as_version=4).cells
    found = []
    if len(wanted) != len(have):
        found.append(f"{target}: {len(have)} cells, the generator makes {len(wanted)}")
    for index, (want, got) in enumerate(zip(wanted, have)):
        if want.cell_type != got.cell_type or want.source != got.source:
            found.append(f"{target}: cell {index} differs from the generated one")
    return found


def generate(solution_path, run=True):
    """Write the student version of ``solution_path`` next to the solutions folder; return its path."""
    solution_path = Path(solution_path)
    target = student_path(solution_path)
    student = student_notebook(nbformat.read(solution_path, as_version=4), solution_path)
    if run:
        execute(student, target.parent)
    nbformat.write(student, target)
    return target


def _graded_release(parser, target):
    if target.exists():
        parser.error(f"{target} already exists: name a new folder")
    stale = [line for path in sorted(SOLUTIONS_DIR.glob("*.ipynb")) for line in differences(path)]
    if stale:
        print("\n".join(stale + ["Regenerate the student versions first: python -m "
                                  "actlab.exercises.student_version --all"]), file=sys.stderr)
        return 1
    print(f"graded release -> {write_release(target)}")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m actlab.exercises.student_version",
        description="Generate student exercise notebooks from their solution notebooks.")
    parser.add_argument("solutions", nargs="*", type=Path,
                        help="solution notebooks (exercises/solutions/NN_name.ipynb)")
    parser.add_argument("--all", action="store_true",
                        help=f"every notebook in {SOLUTIONS_DIR}/ (run from the repository root)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a committed student version is out of date")
    parser.add_argument("--no-execute", action="store_true",
                        help="write the student version without running it (no outputs)")
    parser.add_argument("--nbgrader-course", type=Path, metavar="COURSE_DIR",
                        help="instead, write nbgrader source notebooks with autograder cells to "
                             "COURSE_DIR/source/NN_name/NN_name.ipynb")
    parser.add_argument("--graded-release", type=Path, metavar="DIR",
                        help="instead, write the course without its solutions to the new folder "
                             "DIR: lessons, student versions, and a library without the reference "
                             "solutions (run from the repository root)")
    args = parser.parse_args(argv)
    if args.graded_release:
        return _graded_release(parser, args.graded_release)
    paths = list(args.solutions)
    if args.all:
        paths += sorted(SOLUTIONS_DIR.glob("*.ipynb"))
    if not paths:
        parser.error("name solution notebooks, or use --all")
    missing = [p for p in paths if not p.is_file()]
    if missing:
        parser.error(f"no such notebook: {', '.join(map(str, missing))}")
    try:
        if args.check:
            found = [d for p in paths for d in differences(p)]
            for line in found:
                print(line)
            if found:
                print("Regenerate with: python -m actlab.exercises.student_version "
                      + " ".join(map(str, paths)))
                return 1
            print(f"{len(paths)} student version(s) up to date")
            return 0
        for path in paths:
            if args.nbgrader_course:
                target = args.nbgrader_course / "source" / path.stem / path.name
                target.parent.mkdir(parents=True, exist_ok=True)
                nbformat.write(nbgrader_source(nbformat.read(path, as_version=4)), target)
                print(f"{path} -> {target}")
            else:
                print(f"{path} -> {generate(path, run=not args.no_execute)}")
    except MarkerError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except CellExecutionError as err:
        print(f"error: a cell of the student version failed while it ran:\n{err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
