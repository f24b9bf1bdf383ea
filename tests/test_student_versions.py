"""Student exercise notebooks are generated from the solution notebooks and never drift from them."""

import shutil
from pathlib import Path

import nbformat
import pytest

from actlab.exercises import student_version
from actlab.exercises.student_version import (BEGIN, END, MarkerError, differences, strip_solutions,
                                              student_notebook, student_path)

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "exercises" / "solutions").glob("*.ipynb"))


def test_there_are_solution_notebooks():
    assert SOURCES, "no notebook in exercises/solutions/"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_committed_student_version_is_what_the_generator_makes(source):
    assert differences(source) == [], (
        f"regenerate with: python -m actlab.exercises.student_version "
        f"exercises/solutions/{source.name}")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_student_version_holds_no_solution(source):
    student = nbformat.read(student_path(source), as_version=4)
    solution = nbformat.read(source, as_version=4)
    text = "\n".join(cell.source for cell in student.cells)
    assert BEGIN not in text and END not in text
    for cell in solution.cells:
        inside = False
        for line in cell.source.split("\n"):
            if line.strip() in (BEGIN, END):
                inside = line.strip() == BEGIN
            elif inside and line.strip():
                assert line not in text.split("\n"), f"solution line leaked: {line!r}"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_committed_outputs_say_not_attempted_and_correct(source):
    """Every check cell of the student version says "not attempted yet", every one of the solutions
    says "correct" (nbval re-runs both and compares these outputs)."""
    for path, word in ((student_path(source), "not attempted yet"), (source, ": correct")):
        checks = [cell for cell in nbformat.read(path, as_version=4).cells
                  if cell.cell_type == "code" and ".check(" in cell.source
                  and not cell.source.lstrip().startswith("#")]
        assert checks, f"{path} has no check cell"
        for cell in checks:
            text = "".join(out.get("data", {}).get("text/plain", "") for out in cell.outputs)
            assert word in text, f"{path}: {cell.source!r} printed {text!r}"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_solution_cells_carry_nbgrader_metadata(source):
    student = nbformat.read(student_path(source), as_version=4)
    marked = [cell for cell in student.cells if "nbgrader" in cell.metadata]
    assert marked
    ids = [cell.metadata["nbgrader"]["grade_id"] for cell in marked]
    assert len(ids) == len(set(ids))
    for cell in marked:
        assert cell.metadata["nbgrader"]["solution"] is True
        assert student_version.CODE_STUB[1] in cell.source


def test_code_region_becomes_the_stub_at_the_markers_indentation():
    source = f"def f(x):\n    '''Doc.'''\n    {BEGIN}\n    y = x + 1\n    return y\n    {END}\n"
    assert strip_solutions(source) == ("def f(x):\n    '''Doc.'''\n    # YOUR CODE HERE\n"
                                       '    raise NotImplementedError("Replace this line with your '
                                       'solution")\n')


def test_markdown_region_becomes_your_answer_here():
    source = f"Why?\n\n{BEGIN}\nBecause the sum of linear maps is linear.\n{END}"
    assert strip_solutions(source, "markdown") == "Why?\n\nYOUR ANSWER HERE"


@pytest.mark.parametrize("source, words", [
    (f"def f():\n    {BEGIN}\n    return 1\n", "without ### END"),
    (f"def f():\n    return 1\n    {END}\n", "without ### BEGIN"),
    (f"def f():\n    {BEGIN}\n    {BEGIN}\n    {END}\n", "inside another"),
    (f"{BEGIN}\nanswer = 42\n{END}\n", "must be inside a function body"),
])
def test_misplaced_markers_are_refused_clearly(source, words):
    with pytest.raises(MarkerError, match=words):
        strip_solutions(source, where="exercises/solutions/x.ipynb, cell 3")


def test_a_stale_student_version_is_detected(tmp_path):
    solutions = tmp_path / "solutions"
    solutions.mkdir()
    source = shutil.copy(SOURCES[0], solutions / SOURCES[0].name)
    assert differences(source) == [f"{tmp_path / SOURCES[0].name} does not exist"]
    student_version.generate(source, run=False)
    assert differences(source) == []
    notebook = nbformat.read(source, as_version=4)
    notebook.cells[0].source += "\nA sentence added to the source only."
    nbformat.write(notebook, source)
    assert differences(source) == [f"{tmp_path / SOURCES[0].name}: cell 0 differs from the "
                                   f"generated one"]
    assert student_version.main(["--check", str(source)]) == 1


def test_generated_notebook_has_no_outputs_before_it_is_run():
    student = student_notebook(nbformat.read(SOURCES[0], as_version=4))
    for cell in student.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_cli_check_passes_on_the_repository(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert student_version.main(["--all", "--check"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_cli_refuses_a_missing_notebook(capsys):
    with pytest.raises(SystemExit) as stop:
        student_version.main(["exercises/solutions/no_such.ipynb"])
    assert stop.value.code == 2
    assert "no such notebook" in capsys.readouterr().err


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_nbgrader_source_adds_one_autograder_cell_per_check(source):
    solution = nbformat.read(source, as_version=4)
    graded = student_version.nbgrader_source(solution)
    checks = [c.source for c in solution.cells if c.cell_type == "code"
              and student_version._CHECK.match(c.source.strip())]
    tests = [c for c in graded.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert checks and [t.source for t in tests] == [
        f"assert {c.strip()}.passed" for c in checks]
    assert all(t.metadata["nbgrader"]["points"] == 1 and t.metadata["nbgrader"]["locked"]
               for t in tests)
    assert len(graded.cells) == len(solution.cells) + len(checks)


def test_cli_writes_an_nbgrader_course_source(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert student_version.main(["--all", "--nbgrader-course", str(tmp_path)]) == 0
    for source in SOURCES:
        written = tmp_path / "source" / source.stem / source.name
        assert "assert ex" in written.read_text()
