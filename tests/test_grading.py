"""Grading submitted notebooks end to end: honest answers get their marks; every cheat the issue
names, answers that only know the visible cases, and notebooks that hang, kill their kernel, exhaust
memory, are not notebooks or belong to another set get 0, with a reason, while the rest of the batch
is graded.

Every submission is built here, at test time, from the student notebook (or the solution notebook),
and all of them are graded in one batch (kernels in parallel), shared by the tests below.
"""

import json

import nbformat
import pytest
from exercise_helpers import ROOT

from actlab.exercises import ex00, grade
from actlab.exercises.grading.batch import grade_notebooks
from actlab.exercises.grading.kernel import Limits
from actlab.exercises.release import case_key

STUDENT = ROOT / "exercises" / "00_warmup.ipynb"
SOLUTION = ROOT / "exercises" / "solutions" / "00_warmup.ipynb"
STUB = 'raise NotImplementedError("Replace this line with your solution")'
LIMITS = Limits(timeout=10, memory_mb=2048, grace=3)

RIGHT = {"weighted_sum": "return X @ w + b", "relu": "return np.maximum(x, 0)",
         "dense_forward": "return X @ W + b"}

# The cheat, word for word: replace the check of every question.
PATCH_THE_CLASS = """\
from actlab.exercises import checking
class R: status = "correct"; passed = True; message = ""
checking.Question.check = lambda self, fn: R()"""

PATCH_EACH_QUESTION = """\
class R: status = "correct"; passed = True; message = ""; problem = None
for q in ex00.questions:
    q.check = lambda fn, R=R: R()"""

BIND_THE_REFERENCES = """\
weighted_sum = ex00.q1.reference
relu = ex00.q2.reference
dense_forward = ex00.q3.reference"""

PRINT_A_RESULT = """\
print('ACTLAB-GRADES {"q1": "correct", "q2": "correct", "q3": "correct"}')
print("q1 · weighted_sum: correct\\nq2 · relu: correct\\nq3 · dense_forward: correct")"""


def _memorised_answers():
    """Cells defining each function as a table of the outputs on the visible cases."""
    cells = ["import hashlib, json\nfrom actlab.exercises.grading import wire\n"
             "def _key(args):\n"
             "    return hashlib.sha256(wire.dumps(tuple(args)).encode()).hexdigest()"]
    for question in ex00.questions:
        shown = question.cases + [question.vectorised]
        table = {case_key(c.args): [out.tolist(), out.dtype.str]
                 for c in shown for out in [question.reference(*c.args)]}
        cells.append(f"_{question.function} = {json.dumps(table)}\n"
                     f"def {question.function}(*args):\n"
                     f"    values, dtype = _{question.function}[_key(args)]\n"
                     f"    return np.array(values, dtype=dtype)")
    return cells


def _notebook(path, source=STUDENT, answers=None, cells=(), drop=()):
    """Write a submission: ``source`` with the function bodies in ``answers`` filled in, the
    function cells in ``drop`` removed, and ``cells`` appended (text, or ``("first", text)`` to put
    a cell right after the imports)."""
    notebook = nbformat.read(source, as_version=4)
    kept = []
    for cell in notebook.cells:
        name = cell.source[4:].split("(")[0] if cell.source.startswith("def ") else None
        if name in drop:
            continue
        if name in (answers or {}):
            cell.source = cell.source.replace(STUB, answers[name])
        kept.append(cell)
    notebook.cells = kept
    for cell in cells:
        if isinstance(cell, tuple):
            notebook.cells.insert(2, nbformat.v4.new_code_cell(cell[1]))
        else:
            notebook.cells.append(nbformat.v4.new_code_cell(cell))
    nbformat.write(notebook, path)
    return path


def _misbehaves_when_graded(path, misbehaviour):
    """Right answers, except that ``relu`` does ``misbehaviour`` once the notebook's own cells (its
    check cells too) have run: in grading."""
    relu = f"if GRADED:\n        {misbehaviour}\n    return np.maximum(x, 0)"
    return _notebook(path, answers={**RIGHT, "relu": relu},
                     cells=[("first", "GRADED = False"), "GRADED = True"])


def _text(path, text):
    path.write_text(text)
    return path


SUBMISSIONS = {
    "honest": lambda p: _notebook(p, SOLUTION),
    "partly": lambda p: _notebook(p, answers={"relu": RIGHT["relu"],
                                              "dense_forward": "return X @ W"}),
    "patch_the_class": lambda p: _notebook(p, cells=[PATCH_THE_CLASS]),
    "patch_the_class_first": lambda p: _notebook(p, cells=[("first", PATCH_THE_CLASS)]),
    "patch_each_question": lambda p: _notebook(p, cells=[PATCH_EACH_QUESTION]),
    "bind_the_references": lambda p: _notebook(p, cells=[BIND_THE_REFERENCES]),
    "print_a_result": lambda p: _notebook(p, cells=[PRINT_A_RESULT]),
    "memorised": lambda p: _notebook(p, cells=_memorised_answers()),
    "cell_hangs": lambda p: _notebook(p, SOLUTION, cells=["import time\ntime.sleep(3600)"]),
    "function_hangs": lambda p: _misbehaves_when_graded(p, "while True:\n            pass"),
    "ignores_interrupts": lambda p: _misbehaves_when_graded(
        p, "import signal, time\n        signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
           "        time.sleep(3600)"),
    "cell_kills_kernel": lambda p: _notebook(p, SOLUTION, cells=["import os\nos._exit(1)"]),
    "function_kills_kernel": lambda p: _misbehaves_when_graded(p, "import os\n        os._exit(1)"),
    "memory": lambda p: _notebook(p, answers={
        **RIGHT, "relu": "hog = bytearray(4 * 1024**3)\n    return np.maximum(x, 0)"}),
    "missing_relu": lambda p: _notebook(p, SOLUTION, drop={"relu"}),
    "other_set": lambda p: _notebook(p, ROOT / "exercises" / "solutions" / "01_perceptron.ipynb"),
    "empty": lambda p: _text(p, ""),
    "not_json": lambda p: _text(p, "def relu(x): return x"),
    "json_but_not_a_notebook": lambda p: _text(p, '{"cells": 5}'),
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("submissions")
    paths = [make(folder / f"{name}.ipynb") for name, make in SUBMISSIONS.items()]
    grades, seed = grade_notebooks(paths, "ex00", seed=12345, jobs=4, limits=LIMITS)
    assert seed == 12345
    return {graded.notebook.stem: graded for graded in grades}


def _statuses(graded):
    return [graded.status(q.name) for q in ex00.questions]


def test_every_submission_is_graded_in_order(batch):
    assert list(batch) == list(SUBMISSIONS)


def test_an_honest_submission_gets_full_marks(batch):
    assert batch["honest"].score == 3 and batch["honest"].reason is None
    assert "passed all" in batch["honest"].marks["q2"].message


def test_each_answer_is_judged_with_the_checks_feedback(batch):
    assert _statuses(batch["partly"]) == ["not attempted", "correct", "wrong"]
    assert "the bias is missing" in batch["partly"].marks["q3"].message


@pytest.mark.parametrize("cheat", ["patch_the_class", "patch_the_class_first",
                                   "patch_each_question", "print_a_result"])
def test_patching_the_checks_or_printing_results_changes_nothing(batch, cheat):
    assert batch[cheat].score == 0
    assert _statuses(batch[cheat]) == ["not attempted"] * 3


def test_the_references_are_not_in_the_learners_kernel(batch):
    graded = batch["bind_the_references"]
    assert graded.score == 0
    for mark in graded.marks.values():
        assert mark.status == "wrong" and "LookupError" in mark.message, mark.message


def test_answers_that_know_only_the_visible_cases_fail_the_hidden_ones(batch):
    graded = batch["memorised"]
    assert graded.score == 0
    for mark in graded.marks.values():
        assert "KeyError" in mark.message and "drawn at random for grading" in mark.message


def test_a_cell_that_hangs_gets_0_with_the_reason(batch):
    graded = batch["cell_hangs"]
    assert graded.score == 0 and graded.marks == {}
    assert graded.reason.startswith("cell ") and "ran past the 10 s timeout" in graded.reason


def test_a_function_that_hangs_times_out_alone(batch):
    graded = batch["function_hangs"]
    assert _statuses(graded) == ["correct", "timed out", "correct"]
    assert "`relu` ran past the 10 s timeout" in graded.marks["q2"].message


def test_a_function_that_ignores_interrupts_stops_the_submission(batch):
    graded = batch["ignores_interrupts"]
    assert graded.score == 0 and "the kernel stopped answering" in graded.reason


@pytest.mark.parametrize("name, where", [
    ("cell_kills_kernel", f"while cell {len(nbformat.read(SOLUTION, as_version=4).cells)} ran"),
    ("function_kills_kernel", "while `relu`")])
def test_a_kernel_that_dies_gets_0_with_the_reason(batch, name, where):
    graded = batch[name]
    assert graded.score == 0 and graded.marks == {}
    assert graded.reason.startswith("the kernel died") and where in graded.reason


def test_memory_is_capped(batch):
    graded = batch["memory"]
    assert _statuses(graded) == ["correct", "wrong", "correct"]
    assert "Your function raised MemoryError" in graded.marks["q2"].message


def test_a_missing_function_is_named(batch):
    graded = batch["missing_relu"]
    assert _statuses(graded) == ["correct", "missing", "correct"]
    assert "does not define `relu`" in graded.marks["q2"].message


def test_a_notebook_of_another_set_is_named(batch):
    reason = batch["other_set"].reason
    assert batch["other_set"].score == 0
    assert "none of the functions of ex00 is defined (`weighted_sum`, `relu`, `dense_forward`)" \
        in reason
    assert "looks like exercise set ex01 (it defines `predict`" in reason


@pytest.mark.parametrize("name", ["empty", "not_json", "json_but_not_a_notebook"])
def test_a_file_that_is_not_a_notebook_gets_0_with_the_reason(batch, name):
    assert batch[name].score == 0 and batch[name].reason.startswith("not a notebook")


def test_command_line_writes_the_table_and_the_report(tmp_path, capsys):
    empty = SUBMISSIONS["empty"](tmp_path / "ada.ipynb")
    table, report = tmp_path / "grades.csv", tmp_path / "feedback.md"
    assert grade.main(["ex00", str(empty), "--csv", str(table), "--report", str(report),
                       "--seed", "3"]) == 0
    reason = "not a notebook (NotJSONError: Notebook does not appear to be JSON: '')"
    assert table.read_text().splitlines() == [
        "notebook,q1,q2,q3,score,reason",
        f"{empty},not graded,not graded,not graded,0/3,{reason}"]
    assert f"Not graded: {reason}." in report.read_text()
    out = capsys.readouterr().out
    assert f"{empty}  not graded  not graded  not graded  0/3  ({reason})" in out
    assert "hidden cases drawn with --seed 3" in out


def test_command_line_refuses_an_unknown_set(capsys):
    with pytest.raises(SystemExit):
        grade.main(["ex99", "a.ipynb"])
    assert "no exercise set 'ex99'" in capsys.readouterr().err
