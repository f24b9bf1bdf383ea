"""Every exercise set, as a learner meets it: opened in JupyterLab and run, then one task answered
wrongly and rightly by typing in its solution cell."""

import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pytest
from notebook_page import NotebookPage, Problem, quote, report

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Answers:
    function: str   # the task's function
    wrong: str      # typed in place of its `raise NotImplementedError(...)` line
    diagnosis: str  # a piece of the feedback the wrong answer must get (backticks render as code)
    right: str      # typed in place of the wrong answer


# ------------------------------------------------------------------------------------------------
# What the learner types, and what the check must then say. Update the diagnoses here when the
# feedback of an exercise set (actlab/exercises/exNN.py) is reworded; every notebook needs an entry.
# ------------------------------------------------------------------------------------------------
ANSWERS = {
    "00_warmup": Answers("relu", wrong="return np.max(x, 0)",
                         diagnosis="np.max(x, 0) is a reduction",
                         right="return np.maximum(x, 0)"),
    "01_perceptron": Answers("predict", wrong="return np.where(X @ w + b > 0, 1, 0)",
                             diagnosis="compare with >=",
                             right="return np.where(X @ w + b >= 0, 1, 0)"),
    "02_nonlinearity": Answers("collapsed_weights", wrong="return W2 @ W1",
                               diagnosis="formula for column vectors",
                               right="return W1 @ W2"),
    "03_binary_step": Answers("central_difference", wrong="return (f(x + h) - f(x - h)) / h",
                              diagnosis="You divided by h, but x + h and x",
                              right="return (f(x + h) - f(x - h)) / (2 * h)"),
    "04_sigmoid": Answers("stable_sigmoid", wrong="return 1 / (1 + np.exp(-x))",
                          diagnosis="That is the textbook formula",
                          right="return np.exp(-np.logaddexp(0, -x))"),
    "05_tanh": Answers("tanh_from_sigmoid", wrong="return 2 * sigmoid(x) - 1",
                       diagnosis="The factor 2 inside is missing",
                       right="return 2 * sigmoid(2 * x) - 1"),
    "06_relu": Answers("relu_grad", wrong="return np.where(x >= 0, 1.0, 0.0)",
                       diagnosis="At x = 0 your derivative is 1",
                       right="return np.where(x > 0, 1.0, 0.0)"),
    "07_relu_family": Answers("gelu_tanh",
                              wrong="return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * x))",
                              diagnosis="The cubic term is missing",
                              right="return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * "
                                    "(x + 0.044715 * x ** 3)))"),
    "08_softmax": Answers("stable_softmax",
                          wrong="return np.exp(z) / np.sum(np.exp(z), axis=axis, keepdims=True)",
                          diagnosis="That is the textbook formula exp(z)",
                          right="e = np.exp(z - np.max(z, axis=axis, keepdims=True)); "
                                "return e / np.sum(e, axis=axis, keepdims=True)"),
    "09_properties": Answers("is_monotone",
                             wrong="return bool(np.all(np.diff(curve(name)(np.linspace(-10, 10, "
                                   "21))) >= 0))",
                             diagnosis="Your test calls the narrow dip monotone",
                             right="return bool(np.all(np.diff(curve(name)(np.linspace(-10, 10, "
                                   "200_001))) >= -1e-12))"),
    "10_vanishing_gradients": Answers("he_std", wrong="return np.sqrt(2 / n_out)",
                                      diagnosis="Fan-in and fan-out are swapped",
                                      right="return np.sqrt(2 / n_in)"),
    "11_choosing_an_activation": Answers("accuracy",
                                         wrong="return float(np.mean(np.argmax(scores, axis=0) "
                                               "== y))",
                                         diagnosis="takes the argmax down each column",
                                         right="return float(np.mean(np.argmax(scores, axis=1) "
                                               "== y))"),
}
# The headline of a check's box ends with one of these (actlab.exercises.checking).
NOT_ATTEMPTED, WRONG, CORRECT = "not attempted yet", "not quite", "correct"
STUB = "raise NotImplementedError"

EXERCISES = sorted((Path(__file__).resolve().parents[2] / "exercises").glob("*.ipynb"))
CHECK_CELL = re.compile(r"ex\d+\.(q\d+)\.check\((\w+)\)")


def test_every_exercise_set_has_a_wrong_and_a_right_answer():
    assert sorted(ANSWERS) == [exercise.stem for exercise in EXERCISES]


@pytest.mark.parametrize("exercise", EXERCISES, ids=[exercise.stem for exercise in EXERCISES])
def test_exercise_runs_cleanly_and_its_check_explains_a_wrong_answer(
        exercise, lab, browser_page, screenshot_dir, lesson_seconds):
    name, relative = exercise.name, f"exercises/{exercise.name}"
    notebook = NotebookPage(browser_page, lab.root / relative, lab.page_url(relative))
    lesson_seconds[f"exercises/{exercise.stem}"] = notebook.seconds
    checks, stubs = {}, {}  # function: (its check cell, question); function: its solution cell
    for index, cell in enumerate(notebook.cells):
        source = "".join(cell["source"]) if cell["cell_type"] == "code" else ""
        if match := CHECK_CELL.fullmatch(source.strip()):
            checks[match[2]] = (index, match[1])
        if STUB in source:
            stubs[re.search(r"def (\w+)\(", source)[1]] = index
    assert sorted(checks) == sorted(stubs), (
        f"{name}: the functions to write {sorted(stubs)} and those checked {sorted(checks)} differ")

    screenshot = screenshot_dir / f"exercises_{exercise.stem}.png" if screenshot_dir else None
    problems = notebook.check(screenshot)
    for function, (index, question) in checks.items():
        problems += box_problems(notebook, index, f"{question} · {function}", NOT_ATTEMPTED)
    if problems:
        pytest.fail(report(name, notebook, problems), pytrace=False)

    answers = ANSWERS[exercise.stem]
    solution = stubs[answers.function]
    check, question = checks[answers.function]
    for step, old, new, status, diagnosis in [
        ("wrong answer", STUB, answers.wrong, WRONG, answers.diagnosis),
        ("right answer", answers.wrong, answers.right, CORRECT, ""),
    ]:
        problems = notebook.timed(step, partial(notebook.answer, solution, old, new, check))
        problems = problems or box_problems(notebook, check, f"{question} · {answers.function}",
                                            status, diagnosis)
        if problems:
            typed = f"After typing `{new}` in {notebook.cell_title(solution)}, which now reads:\n"
            pytest.fail(report(name, notebook, problems) + "\n" + typed
                        + quote(notebook.source(solution)), pytrace=False)


def box_problems(notebook, index, label, status, diagnosis=""):
    """The problems of the check's box in cell ``index``: it must be the only output, its
    headline ``label: status``, and it must contain ``diagnosis``."""
    outputs = notebook.outputs(index)
    lines = "\n".join(outputs).strip().splitlines()
    headline = f"{label}: {status}"
    if len(outputs) == 1 and lines and headline in lines[0] and diagnosis in outputs[0]:
        return []
    shown = quote("\n".join(lines[:20] + ["..."] * (len(lines) > 20)), max_lines=21)
    expected = f"one box headed {headline!r}" + (f" explaining {diagnosis!r}" if diagnosis else "")
    return [Problem(index, f"should show {expected}; it shows:\n"
                           f"{shown if lines else '    (nothing)'}")]
