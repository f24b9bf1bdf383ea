"""Every lesson has instructor notes in `docs/instructor/`, complete and true to the lesson.

The notes are prose, so what can be checked is checked here: the sections an instructor relies on are
there in order; the timing plans add up to 60 and 90 minutes; every discussion question has an answer;
every "Your turn" heading of the lesson is answered; every measured number quoted in the discussion,
the answers and the misconceptions is one the lesson itself shows (in its text or its committed
outputs); the exercise tasks named exist; relative links resolve; and the live-coding script runs.
"""

import importlib
import re
import subprocess
import textwrap
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
NOTES = ROOT / "docs" / "instructor"
SECTIONS = [
    "Objectives",
    "Timing plan",
    "Where to pause and what to ask",
    'Answers to "Your turn"',
    "Misconceptions to expect",
    "Live-coding script",
    "Exercises: in class and as homework",
]
QUOTED = SECTIONS[2:5]
YOUR_TURN = re.compile(r"^#+\s*(?:\d+\.\s*)?Your turn:\s*(.+?)\s*$", re.MULTILINE)
# A measured number: a decimal (0.958, 4.8e-5) or a percentage (96.9 %, 12%).
MEASURED = re.compile(r"(?<![\w.])(\d+\.\d+(?:e-?\d+)?|\d+(?:\.\d+)?\s?%)")


def notes_path(lesson):
    return NOTES / f"{lesson.stem}.md"


def sections(text):
    """The notes' `##` sections, as {heading: body}, in order."""
    parts = re.split(r"^## +(.+?)\s*$", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2]))


def lesson_text(lesson):
    """Everything a learner reads in a lesson: cell sources and text outputs."""
    notebook = nbformat.read(lesson, as_version=4)
    pieces = []
    for cell in notebook.cells:
        pieces.append(cell.source)
        for output in cell.get("outputs", []):
            pieces.append(output.get("text", ""))
            for kind in ("text/plain", "text/markdown", "text/html"):
                pieces.append(output.get("data", {}).get(kind, ""))
    return "\n".join(pieces)


def normalised(number):
    return number.replace(" ", "").replace("\u202f", "")


def read_notes(lesson):
    path = notes_path(lesson)
    if not path.exists():
        pytest.fail(f"{lesson.name} has no instructor notes: write {path.relative_to(ROOT)}",
                    pytrace=False)
    return path.read_text(encoding="utf-8")


def test_every_lesson_is_found():
    assert len(LESSONS) >= 12, [lesson.name for lesson in LESSONS]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_notes_have_every_section_in_order(lesson):
    text = read_notes(lesson)
    number = lesson.stem[:2]
    assert re.match(rf"# Lesson {number}: .+ — instructor notes\n", text), (
        f"{notes_path(lesson).name} must start with '# Lesson {number}: <title> — instructor notes'")
    found = list(sections(text))
    assert found == SECTIONS, f"{notes_path(lesson).name}: sections {found}, expected {SECTIONS}"
    for heading, body in sections(text).items():
        assert len(body.split()) >= 30, f"{notes_path(lesson).name}: section '{heading}' is nearly empty"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_timing_plans_add_up_to_60_and_90_minutes(lesson):
    plan = sections(read_notes(lesson))["Timing plan"]
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in plan.splitlines() if line.strip().startswith("|")]
    rows = [row for row in rows if not set("".join(row)) <= set("-: ")]
    header, *body = rows
    assert len(header) == 3 and "60" in header[1] and "90" in header[2], (
        f"the timing table's columns should be part | 60-minute | 90-minute, found {header}")
    total = [row for row in body if "total" in row[0].lower()]
    assert len(total) == 1, "the timing table needs one 'Total' row"
    parts = [row for row in body if row is not total[0]]

    def minutes(cell):
        found = re.findall(r"\d+", cell)
        return int(found[0]) if found else 0

    for column, expected in ((1, 60), (2, 90)):
        assert sum(minutes(row[column]) for row in parts) == expected, (
            f"{notes_path(lesson).name}: the {expected}-minute column adds up to "
            f"{sum(minutes(row[column]) for row in parts)}")
        assert minutes(total[0][column]) == expected


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_every_discussion_question_has_an_answer(lesson):
    pauses = sections(read_notes(lesson))["Where to pause and what to ask"]
    items = re.split(r"^\d+\.\s", pauses, flags=re.MULTILINE)[1:]
    assert len(items) >= 3, f"{notes_path(lesson).name}: fewer than three discussion questions"
    for item in items:
        assert "**Answer:**" in item, f"{notes_path(lesson).name}: no **Answer:** for {item[:80]!r}"
        answer = item.split("**Answer:**", 1)[1]
        assert len(answer.split()) >= 15, f"{notes_path(lesson).name}: a one-line answer to {item[:80]!r}"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_every_your_turn_of_the_lesson_is_answered(lesson):
    asked = YOUR_TURN.findall(lesson_text(lesson))
    answers = sections(read_notes(lesson))['Answers to "Your turn"']
    answered = dict(zip(*[iter(re.split(r"^### Your turn:\s*(.+?)\s*$", answers,
                                        flags=re.MULTILINE)[1:])] * 2))
    assert sorted(answered) == sorted(asked), (
        f"{notes_path(lesson).name}: the lesson asks {asked}, the notes answer {list(answered)}")
    for title, answer in answered.items():
        assert len(answer.split()) >= 40, f"{notes_path(lesson).name}: the answer to '{title}' is too short"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_quoted_numbers_are_the_lessons_own(lesson):
    """A number the notes quote about what the lesson shows is one the lesson prints or states."""
    shown = {normalised(number) for number in MEASURED.findall(lesson_text(lesson))}
    notes = sections(read_notes(lesson))
    strays = sorted({normalised(number) for heading in QUOTED
                     for number in MEASURED.findall(re.sub(r"\$[^$]*\$", "", notes[heading]))} - shown)
    assert not strays, (
        f"{notes_path(lesson).name} quotes numbers that {lesson.name} never shows: {strays}. "
        "Quote the lesson's own outputs, or re-execute the lesson if it changed.")


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_exercise_tasks_named_exist(lesson):
    named = set(re.findall(r"\bex(\d\d)\.(q\d+)\b", sections(read_notes(lesson))[SECTIONS[-1]]))
    assert named, f"{notes_path(lesson).name}: name the exercise tasks as exNN.qK"
    for number, question in sorted(named):
        module = importlib.import_module(f"actlab.exercises.ex{number}")
        assert hasattr(module, question), f"{notes_path(lesson).name} names ex{number}.{question}, which does not exist"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_relative_links_resolve(lesson):
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", read_notes(lesson)):
        if re.match(r"[a-z]+:", target):
            continue
        assert (NOTES / target).resolve().exists(), f"{notes_path(lesson).name} links to missing {target}"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_live_coding_script_runs(lesson, tmp_path):
    """The script's Python blocks, run in order in a fresh interpreter, raise nothing."""
    script = sections(read_notes(lesson))["Live-coding script"]
    blocks = [textwrap.dedent(block) for block in re.findall(r"```python\n(.*?)```", script, flags=re.DOTALL)]
    assert blocks, f"{notes_path(lesson).name}: the live-coding script has no ```python block"
    program = tmp_path / "live_coding.py"
    program.write_text("\n".join(blocks), encoding="utf-8")
    run = subprocess.run([sys.executable, str(program)], cwd=tmp_path, capture_output=True, text=True,
                         timeout=120, env={"MPLBACKEND": "Agg", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, f"{notes_path(lesson).name}: the live-coding script fails:\n{run.stderr[-2000:]}"
