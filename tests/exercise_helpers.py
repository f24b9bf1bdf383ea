"""What the exercise-set tests share: reading function cells from notebooks, running them, and
asserting a specific diagnosis."""

import importlib
from pathlib import Path

import nbformat
import numpy as np

import actlab
from actlab.exercises.checking import WRONG

ROOT = Path(__file__).resolve().parents[1]


def exercise_sets():
    """(module exNN, solution notebook, student notebook) for every exercises/solutions/NN_*.ipynb."""
    sets = []
    for solution in sorted((ROOT / "exercises" / "solutions").glob("[0-9][0-9]_*.ipynb")):
        module = importlib.import_module(f"actlab.exercises.ex{solution.name[:2]}")
        sets.append((module, solution, ROOT / "exercises" / solution.name))
    return sets


def function_cells(path):
    """The code cells of a notebook that define a function, by function name."""
    cells = {}
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code" and cell.source.startswith("def "):
            cells[cell.source.split("(")[0][4:]] = cell.source
    return cells


def defined(source, name):
    """The function ``name`` defined by running ``source`` (with numpy as np, and ``actlab`` and
    its public names such as ``sigmoid``, which exercise notebooks import in their first cell)."""
    namespace = {"np": np, "actlab": actlab, **{n: getattr(actlab, n) for n in actlab.__all__}}
    exec(source, namespace)
    return namespace[name]


def assert_wrong(result, problem, *phrases):
    """The check failed at stage ``problem`` and its message says every one of ``phrases``."""
    assert result.status == WRONG and not result.passed, result
    assert result.problem == problem, result
    for phrase in phrases:
        assert phrase in result.message, result.message


def forgot_return(*args):
    answer = args[0] * 2  # noqa: F841  (computed, never returned)
