"""Every exercise set, whatever its lesson: the solution notebook, the module and the student version
agree; references pass; untouched stubs are "not attempted"; hints do not give the answer away."""

import pytest
from exercise_helpers import assert_wrong, defined, exercise_sets, forgot_return, function_cells

from actlab.exercises.checking import CORRECT, NOT_ATTEMPTED
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
