"""Every exercise set, whatever its lesson: the solution notebook, the module and the student version
agree; references pass; untouched stubs are "not attempted"; hints do not give the answer away."""

import numpy as np
import pytest
from exercise_helpers import assert_wrong, defined, exercise_sets, forgot_return, function_cells

from actlab.exercises.checking import (CORRECT, NOT_ATTEMPTED, WRONG, Case, Question,
                                       returns_like)
from actlab.exercises.checking.comparing import part
from actlab.exercises.checking.diagnoses import outcome, same_outcome
from actlab.exercises.student_version import BEGIN, END

QUESTIONS = [pytest.param(module, question, solution, student,
                          id=f"{module.__name__.rsplit('.', 1)[1]}-{question.name}")
             for module, solution, student in exercise_sets() for question in module.questions]
PARAMS = ("module", "question", "solution", "student")


def test_every_solution_notebook_has_a_module_and_a_student_version():
    sets = exercise_sets()
    assert len(sets) >= 3
    for module, _, student in sets:
        assert student.exists(), student
        assert len(module.questions) >= 3, module.__name__


@pytest.mark.parametrize(PARAMS, QUESTIONS)
def test_solution_shown_is_the_solution_notebooks_code(module, question, solution, student):
    source = function_cells(solution)[question.function]
    without_markers = "\n".join(line for line in source.split("\n")
                                if line.strip() not in (BEGIN, END))
    assert without_markers == question.solution_code
    assert str(question.solution()).endswith(question.solution_code)


@pytest.mark.parametrize(PARAMS, QUESTIONS)
def test_reference_and_notebook_solution_pass(module, question, solution, student):
    assert question.check(question.reference).status == CORRECT
    notebook_solution = defined(function_cells(solution)[question.function], question.function)
    result = question.check(notebook_solution)
    assert result.passed and "passed all" in result.message, result


@pytest.mark.parametrize(PARAMS, QUESTIONS)
def test_student_stub_is_not_attempted(module, question, solution, student):
    stub = defined(function_cells(student)[question.function], question.function)
    result = question.check(stub)
    assert result.status == NOT_ATTEMPTED and "not attempted yet" in str(result)
    assert not result.passed


@pytest.mark.parametrize(PARAMS, QUESTIONS)
def test_hint_points_the_way_without_the_full_answer(module, question, solution, student):
    hint = str(question.hint())
    assert hint.startswith(f"Hint for {question.name} · {question.function}:")
    assert question.solution_code.splitlines()[-1].strip() not in hint  # not the return line


@pytest.mark.parametrize(PARAMS, QUESTIONS)
def test_none_returned(module, question, solution, student):
    assert_wrong(question.check(forgot_return), "none", "did you forget `return`?")


@pytest.mark.parametrize(PARAMS, QUESTIONS)
def test_grading_cell_assertion(module, question, solution, student):
    assert question.check(question.reference).passed
    with pytest.raises(AssertionError):
        assert question.check(forgot_return).passed


# -- the cases tell the mistakes apart ---------------------------------------------------------------
# A returns_like diagnosis fires only when the learner's function behaves like its wrong formula on
# every case. So each formula must differ from the reference somewhere (or it could never fire), and
# from every other formula whose message differs (or a learner who made one mistake could be told
# about the other).

def _formulas(question):
    return [d for d in question.diagnoses if hasattr(d, "formula")]


def _outcomes(question, formula):
    """What ``formula`` gives on every case of ``question``: values or raised exceptions."""
    return [outcome(formula, case.args) for case in question.cases]


def never_firing(question):
    """The messages of the diagnoses whose wrong formula equals the reference on every case."""
    found = []
    for diagnosis in _formulas(question):
        right = [part(question.reference(*case.args), diagnosis.part) for case in question.cases]
        if all(map(same_outcome, _outcomes(question, diagnosis.formula), right)):
            found.append(diagnosis.message)
    return found


def indistinguishable(question):
    """The pairs of messages (that differ) whose wrong formulas agree on every case."""
    formulas, found = _formulas(question), []
    for index, first in enumerate(formulas):
        for second in formulas[index + 1:]:
            if first.message != second.message and first.part == second.part and all(map(
                    same_outcome, _outcomes(question, first.formula),
                    _outcomes(question, second.formula))):
                found.append((first.message, second.message))
    return found


def misdiagnosed(question):
    """The messages of the diagnoses that do not fire when their wrong formula is the answer."""
    found = []
    for diagnosis in _formulas(question):
        answer = diagnosis.formula
        if diagnosis.part:
            answer = _with_part(question.reference, diagnosis.part, diagnosis.formula)
        result = question.check(answer)
        if result.status != WRONG or diagnosis.message not in result.message:
            found.append(f"{diagnosis.message!r} — it says:\n{result.message}")
    return found


def _with_part(reference, path, formula):
    """The reference's answer, except for its part at ``path`` (one level: an index of a tuple or
    a key of a dict), which ``formula`` gives."""
    (key,) = path

    def answer(*args):
        result = reference(*args)
        if isinstance(result, tuple):
            return result[:key] + (formula(*args),) + result[key + 1:]
        return {**result, key: formula(*args)}
    return answer


@pytest.mark.parametrize(PARAMS, QUESTIONS)
def test_every_wrong_formula_differs_from_the_reference_on_some_case(module, question, solution,
                                                                     student):
    assert never_firing(question) == [], f"{question.path}: these diagnoses can never fire"


@pytest.mark.parametrize(PARAMS, QUESTIONS)
def test_the_cases_tell_every_two_diagnoses_apart(module, question, solution, student):
    assert indistinguishable(question) == [], f"{question.path}: no case tells these apart"


@pytest.mark.parametrize(PARAMS, QUESTIONS)
def test_each_wrong_formula_given_as_the_answer_gets_its_own_diagnosis(module, question, solution,
                                                                       student):
    assert misdiagnosed(question) == [], f"{question.path}: a wrong formula is told otherwise"


def _double(x):
    """Twice x."""
    return 2 * x


def test_the_three_checks_above_find_cases_that_cannot_tell_mistakes_apart():
    blind = Question("q1", _double, [Case(np.array([0.0, 0.0]))], hint="", diagnoses=[
        returns_like(lambda x: x, "DIAG x"), returns_like(lambda x: 3 * x, "DIAG 3x")])
    assert never_firing(blind) == ["DIAG x", "DIAG 3x"]   # on zeros every formula is right
    seeing = Question("q1", _double, [Case(np.array([1.0, 0.0]))], hint="", diagnoses=[
        returns_like(lambda x: x, "DIAG x"), returns_like(lambda x: x ** 2, "DIAG x²"),
        returns_like(lambda x: 3 * x, "DIAG 3x")])
    assert never_firing(seeing) == []
    assert indistinguishable(seeing) == [("DIAG x", "DIAG x²")]   # x² = x on 0 and 1
    assert len(misdiagnosed(seeing)) == 1                     # so x² is told "DIAG x"
