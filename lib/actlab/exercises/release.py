"""A graded release: the course as learners get it when their exercises count, without solutions.

Made by the student-version generator::

    python -m actlab.exercises.student_version --graded-release DIR

``DIR`` then holds what a learner needs and nothing more: the lessons (``notebooks/``), the student
exercise notebooks (``exercises/``, no ``solutions/``), ``requirements.txt`` and ``pyproject.toml``
to install it as the course is installed, and the library ``lib/actlab`` in which every exercise set
``exNN.py`` has lost the bodies of its reference functions (:func:`strip_references`). In their
place, ``lib/actlab/exercises/recorded/exNN.json`` holds the reference's results on the set's own
cases, the ones ``check`` shows; :func:`use_recorded` (called at the end of each stripped module)
makes each question compare with those. So in a graded release ``check`` works as before, offline
and instantly, ``hint`` too, and ``solution()`` says that the solutions are not included.

The grader's kernels load this same stripped library (:func:`write_library`), so a submission
cannot reach the references through ``actlab`` either; the grader itself judges with the full sets.
"""

import ast
import copy
import dataclasses
import hashlib
import importlib
import json
import pkgutil
import shutil
from pathlib import Path

from actlab.exercises.grading import wire

RECORDED = "recorded"
WITHHELD = ("This is a graded release of the course: it does not include the solutions. "
            "`{path}.hint()` gives a hint; your instructor can help further.")
_FOOTER = '''

# -- graded release --------------------------------------------------------------------------------
# The bodies of the reference functions above were removed; the questions compare with their
# recorded results on the cases (see actlab.exercises.release).
from actlab.exercises.release import use_recorded  # noqa: E402

use_recorded(questions)
'''


@dataclasses.dataclass(frozen=True)
class Withheld:
    """What ``solution()`` shows in a graded release."""

    question: str
    text: str

    def __str__(self):
        return f"Solution for {self.question}:\n\n{self.text}"

    __repr__ = __str__

    def _repr_markdown_(self):
        return f"**Solution for {self.question}**\n\n{self.text}\n"


def exercise_set_names():
    """The exercise sets of the course, ``["ex00", "ex01", ...]``."""
    package = importlib.import_module("actlab.exercises")
    return sorted(m.name for m in pkgutil.iter_modules(package.__path__)
                  if len(m.name) == 4 and m.name.startswith("ex") and m.name[2:].isdigit())


def case_key(args):
    """A short key that identifies a case by its arguments (exact bytes, dtypes and shapes)."""
    return hashlib.sha256(wire.dumps(tuple(args)).encode()).hexdigest()


# --------------------------------------------------------------------------------------------------
# Writing a release
# --------------------------------------------------------------------------------------------------

def strip_references(source, names):
    """``source`` of an exercise set with the body of each top-level function in ``names`` replaced
    by ``raise NotImplementedError`` (the signature and docstring stay), and :func:`use_recorded`
    called at the end."""
    lines = source.splitlines(keepends=True)
    functions = [node for node in ast.parse(source).body
                 if isinstance(node, ast.FunctionDef) and node.name in names]
    for node in sorted(functions, key=lambda n: n.lineno, reverse=True):
        first = node.body[0]
        has_docstring = (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
                         and isinstance(first.value.value, str))
        keep = first.end_lineno if has_docstring else first.lineno - 1
        indent = " " * first.col_offset
        lines[keep:node.end_lineno] = [
            f'{indent}raise NotImplementedError("not included in a graded release")\n']
    return "".join(lines).rstrip("\n") + "\n" + _FOOTER


def recorded_results(module):
    """``{question name: what use_recorded needs}`` for the exercise set ``module``: the reference's
    result on each case (keyed by :func:`case_key`), the names of a tuple result's values, and the
    names the reference sets or receives."""
    recorded = {}
    for question in module.questions:
        cases = list(question.cases) + ([question.vectorised] if question.vectorised else [])
        recorded[question.name] = {
            "returns": list(question.returns),
            "own_names": sorted(question._own_names),
            "expected": {case_key(case.args):
                         wire.encode(question.reference(*copy.deepcopy(case.args)))
                         for case in cases}}
    return recorded


def write_library(target):
    """Write the graded library to ``target/actlab`` and return ``target`` (the folder to put on
    ``sys.path``)."""
    target = Path(target)
    source = Path(importlib.import_module("actlab").__file__).parent
    shutil.copytree(source, target / "actlab",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", RECORDED))
    exercises = target / "actlab" / "exercises"
    (exercises / RECORDED).mkdir()
    for name in exercise_set_names():
        module = importlib.import_module(f"actlab.exercises.{name}")
        names = {question.reference.__name__ for question in module.questions}
        path = exercises / f"{name}.py"
        path.write_text(strip_references(path.read_text(), names))
        (exercises / RECORDED / f"{name}.json").write_text(
            json.dumps(recorded_results(module), separators=(",", ":")))
    return target


_README = """# Activation Functions, Hands-On: graded release

The lessons are in `notebooks/`, your exercises in `exercises/`. Each exercise checks your answer
instantly (`check`) and gives hints (`hint`); this release does not include the solutions.

You need Python 3.11 or newer. From this folder:

```bash
python3 -m venv .venv && .venv/bin/pip install -r requirements.txt
.venv/bin/jupyter lab exercises/00_warmup.ipynb
```

On Windows, use `py -m venv .venv` and `.venv\\Scripts\\` in place of `.venv/bin/`.
"""


def write_release(target, root="."):
    """Write a graded release of the course at ``root`` into the new folder ``target``."""
    root, target = Path(root), Path(target)
    target.mkdir(parents=True)
    for name in ("requirements.txt", "pyproject.toml", "runtime.txt"):
        if (root / name).exists():
            shutil.copy(root / name, target / name)
    (target / "README.md").write_text(_README)
    shutil.copytree(root / "notebooks", target / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    (target / "exercises").mkdir()
    for notebook in sorted((root / "exercises").glob("*.ipynb")):
        shutil.copy(notebook, target / "exercises" / notebook.name)
    write_library(target / "lib")
    return target


# --------------------------------------------------------------------------------------------------
# In a release: comparing with the recorded results
# --------------------------------------------------------------------------------------------------

class _RecordedReference:
    """Stands for a removed reference function: gives its recorded result for a case's arguments."""

    def __init__(self, question, expected):
        self._path, self._expected = question.path, expected

    def __call__(self, *args):
        found = self._expected.get(case_key(args))
        if found is None:
            raise LookupError(f"{self._path}: a graded release holds the reference's results on "
                              f"the exercise's own cases only")
        return wire.decode(found)


def use_recorded(questions):
    """Make ``questions`` (an exercise set of a graded release) compare with the recorded results
    and withhold their solutions."""
    set_name = questions[0].path.partition(".")[0]
    path = Path(__file__).parent / RECORDED / f"{set_name}.json"
    recorded = json.loads(path.read_text())
    for question in questions:
        entry = recorded[question.name]
        question.reference = _RecordedReference(question, entry["expected"])
        question.returns = tuple(entry["returns"])
        question._own_names = set(entry["own_names"])
        question.withheld = Withheld(question.label, WITHHELD.format(path=question.path))
