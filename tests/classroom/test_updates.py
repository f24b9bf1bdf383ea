"""Work is never lost: the course is updated mid-term and a learner opens the course link again.

A learner, cleo, gets the course (lesson 01 still has a typo), then works in it through her
server: answers task 2 of the warm-up exercises, edits lesson 01 and adds a note to it, deletes
exercise set 01 to start it over, writes a file of her own, writes a ``notes.md``, and adds a note
to exercise set 02. Her server is stopped (the session is over). Then the instructor commits an
update: the typo fixed, a new lesson, a new wording of the very line cleo replaced with her
answer, a ``notes.md`` of the course's, exercise sets 02 and 03 removed. Cleo opens the link
again: her server starts, and nbgitpuller merges. Each test checks one of nbgitpuller's rules
(``deploy/README.md`` states them):

- her edits stay; changes to other lines of the same file arrive (git merges line by line);
- a line both she and the course changed keeps her version;
- new files arrive; a file of hers in the way of a new one is renamed ``name__<timestamp>.ext``;
- a file she deleted comes back as the course has it now;
- a file the course removed goes, unless she edited it: then her version stays;
- her own files are left alone, and every notebook still opens.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from class_session import EXERCISES, LESSON
from course_repository import CourseRepository, git

pytestmark = pytest.mark.classroom

NEW_LESSON = "notebooks/12_what_next.ipynb"
ANSWER = "    return np.maximum(x, 0)"
STUB = re.compile(r"^\s*raise NotImplementedError\(.*\)$", re.M)
NEW_STUB_WORDING = '    raise NotImplementedError("Write relu here: one line of numpy")'
LESSON_EDIT = "# cleo: tried other weights here"
LESSON_NOTE = "**My note:** the boundary moves when the bias changes."
OWN_FILE, OWN_TEXT = "my_answers.md", "cleo's own answers\n"
NOTES, CLEOS_NOTES, COURSE_NOTES = "notes.md", "cleo's notes\n", "The course's notes for this week\n"


@dataclass
class Update:
    """The scenario once cleo has opened the link again."""

    course: CourseRepository
    cleo: object
    folder: Path  # cleo's copy of the course
    landed_on: str  # where the second visit of the link ended
    deleted: str  # the exercise set cleo deleted
    edited: str  # the exercise set cleo edited and the course removed
    untouched: str  # the exercise set the course removed and cleo never opened


def _a_word_with_a_typo(line):
    """``line`` with two letters of its first long word swapped, or None if it has none."""
    for word in re.findall(r"\b[a-z]{7,}\b", line):
        if word[2] != word[3]:
            return line.replace(word, word[:2] + word[3] + word[2] + word[4:], 1)
    return None


def _edit_cell(notebook, starts_with, edit):
    """Apply ``edit`` to the source of the code cell whose source starts with ``starts_with``."""
    cell = next(c for c in notebook.cells
                if c.cell_type == "code" and c.source.startswith(starts_with))
    cell.source = edit(cell.source)


def _commit_a_typo(course):
    """Commit lesson 01 with a typo in its first paragraph; return (the line, the line with the typo).

    Both are returned as they are written in the notebook's file (JSON strings), for fixing it.
    """
    lesson = course.path(LESSON)
    paragraph = nbformat.read(lesson, as_version=4).cells[0].source.splitlines(keepends=True)
    correct = next(line for line in paragraph if _a_word_with_a_typo(line))
    encoded = json.dumps(correct, ensure_ascii=False)
    typo = json.dumps(_a_word_with_a_typo(correct), ensure_ascii=False)
    text = lesson.read_text(encoding="utf-8")
    assert text.count(encoded) == 1, f"cannot place a typo in {correct!r}"
    lesson.write_text(text.replace(encoded, typo), encoding="utf-8")
    course.commit("Lesson 01 (with a typo)")
    return encoded, typo


def _work_of_cleo(cleo, mine, to_delete, to_edit):
    """What cleo does in her copy of the course (``mine``), through her server, as in JupyterLab."""
    exercises = cleo.read_notebook(mine + EXERCISES)
    _edit_cell(exercises, "def relu(", lambda source: STUB.sub(ANSWER, source))
    cleo.save_notebook(mine + EXERCISES, exercises)
    lesson = cleo.read_notebook(mine + LESSON)
    [c for c in lesson.cells if c.cell_type == "code"][-1].source += "\n" + LESSON_EDIT
    lesson.cells.append(nbformat.v4.new_markdown_cell(LESSON_NOTE))
    cleo.save_notebook(mine + LESSON, lesson)
    cleo.delete(mine + to_delete)
    cleo.save_text(mine + OWN_FILE, OWN_TEXT)
    cleo.save_text(mine + NOTES, CLEOS_NOTES)
    edited = cleo.read_notebook(mine + to_edit)
    edited.cells.append(nbformat.v4.new_markdown_cell(LESSON_NOTE))
    cleo.save_notebook(mine + to_edit, edited)


def _commit_the_update(course, typo, encoded, removed):
    """The instructor's update: the typo fixed, lesson 12, the stub reworded, notes, ``removed`` gone."""
    lesson = course.path(LESSON)
    lesson.write_text(lesson.read_text(encoding="utf-8").replace(typo, encoded), encoding="utf-8")
    new_lesson = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 12 · What next")])
    nbformat.write(new_lesson, course.path(NEW_LESSON))
    exercises = nbformat.read(course.path(EXERCISES), as_version=4)
    _edit_cell(exercises, "def relu(", lambda source: STUB.sub(NEW_STUB_WORDING, source))
    nbformat.write(exercises, course.path(EXERCISES))
    course.path(NOTES).write_text(COURSE_NOTES, encoding="utf-8")
    for path in removed:
        course.path(path).unlink()
    course.commit("Typo in lesson 01 fixed; lesson 12; exercise sets 02 and 03 withdrawn")


@pytest.fixture(scope="module")
def updated(hub, instructor, tmp_path_factory):
    """Run the scenario once, for all the tests of this module."""
    course = CourseRepository(tmp_path_factory.mktemp("upstream-updated"))
    encoded, typo = _commit_a_typo(course)
    to_delete, to_edit, untouched = sorted(
        p.relative_to(course.folder).as_posix()
        for p in course.folder.glob("exercises/[0-9][0-9]_*.ipynb")
    )[1:4]
    (cleo,) = instructor.enrol("cleo")
    link = course.link(hub.url, EXERCISES)
    cleo.visit(link)
    _work_of_cleo(cleo, f"{course.name}/", to_delete, to_edit)
    instructor.stop_server("cleo")  # the session is over; she comes back after the update
    _commit_the_update(course, typo, encoded, removed=(to_edit, untouched))
    landed_on = cleo.visit(link).url
    return Update(course, cleo, hub.homes / "cleo" / course.name, landed_on,
                  to_delete, to_edit, untouched)


def test_the_second_visit_pulls_and_lands_on_the_exercises(updated, hub):
    assert updated.landed_on == f"{hub.url}user/cleo/lab/tree/{updated.course.name}/{EXERCISES}"
    assert len(updated.cleo.pull_logs) == 2 and "merge" in updated.cleo.pull_logs[1]


def test_her_clone_has_the_courses_new_commit(updated):
    upstream = git(updated.course.folder, "rev-parse", "HEAD").strip()
    git(updated.folder, "merge-base", "--is-ancestor", upstream, "HEAD")  # raises if it is not


def test_her_answer_is_kept_over_the_courses_change_to_the_same_line(updated):
    source = next(c.source for c in nbformat.read(updated.folder / EXERCISES, as_version=4).cells
                  if c.source.startswith("def relu("))
    assert ANSWER in source and NEW_STUB_WORDING not in source, source


def test_her_edit_of_the_lesson_is_kept_and_the_typo_fix_arrives(updated):
    hers = nbformat.read(updated.folder / LESSON, as_version=4)
    assert LESSON_EDIT in [c for c in hers.cells if c.cell_type == "code"][-1].source
    assert hers.cells[-1].source == LESSON_NOTE
    fixed = nbformat.read(updated.course.path(LESSON), as_version=4).cells[0].source
    assert hers.cells[0].source == fixed, "the typo fix did not reach her copy of the lesson"


def test_the_new_lesson_arrives(updated):
    assert (updated.folder / NEW_LESSON).read_bytes() == updated.course.path(NEW_LESSON).read_bytes()


def test_a_file_she_deleted_comes_back_as_the_course_has_it(updated):
    restored = (updated.folder / updated.deleted).read_bytes()
    assert restored == updated.course.path(updated.deleted).read_bytes()


def test_her_file_in_the_way_of_a_new_course_file_is_renamed(updated):
    assert (updated.folder / NOTES).read_text(encoding="utf-8") == COURSE_NOTES
    renamed = list(updated.folder.glob("notes__*.md"))
    assert len(renamed) == 1 and renamed[0].read_text(encoding="utf-8") == CLEOS_NOTES, renamed


def test_a_file_the_course_removed_stays_only_if_she_edited_it(updated):
    assert not updated.course.path(updated.edited).exists()
    assert nbformat.read(updated.folder / updated.edited, as_version=4).cells[-1].source == LESSON_NOTE
    assert not updated.course.path(updated.untouched).exists()
    assert not (updated.folder / updated.untouched).exists()


def test_her_own_files_are_left_alone(updated):
    assert (updated.folder / OWN_FILE).read_text(encoding="utf-8") == OWN_TEXT


def test_every_notebook_in_her_folder_still_opens(updated):
    for path in sorted(updated.folder.rglob("*.ipynb")):
        if ".ipynb_checkpoints" not in path.parts:
            relative = f"{updated.course.name}/{path.relative_to(updated.folder).as_posix()}"
            nbformat.validate(updated.cleo.read_notebook(relative))

