"""Grading a batch of submitted notebooks, several at a time, each in a kernel of its own.

For every submission: read it (a file that is not a notebook gets 0, with the reason); run its
cells in a sandboxed kernel (:mod:`.kernel`); ask which functions it defines (none of the set's: 0,
and the reason names the set the notebook looks like); have each question's function called there
on the visible and the hidden cases (:mod:`.probe`); judge the records here (:mod:`.judge`). A
submission that fails in any way is graded 0 with its reason, and the others go on.
"""

import asyncio
import concurrent.futures
import dataclasses
import importlib
import json
import os
import re
import secrets
import tempfile
import traceback
import warnings
from pathlib import Path

import nbformat

from actlab.exercises.checking import CORRECT
from actlab.exercises.grading import judge
from actlab.exercises.grading.kernel import (EventLoop, Limits, QuestionFailed, Sandbox,
                                             SubmissionFailed, session)
from actlab.exercises.release import exercise_set_names, write_library

MISSING = "missing"
TIMED_OUT = "timed out"
NOT_GRADED = "not graded"

_PROBE = '__import__("actlab.exercises.grading.probe", fromlist=["probe"])'
_IMPORTED_SET = re.compile(r"(?:from\s+actlab\.exercises\s+import\s+|actlab\.exercises\.)(ex\d\d)")


@dataclasses.dataclass(frozen=True)
class Mark:
    """The grade of one question of one submission.

    Attributes
    ----------
    question : str
        ``"q1"``, ...
    status : str
        ``"correct"``, ``"wrong"``, ``"not attempted"`` (as ``check`` says), ``"missing"`` (no
        function of that name), ``"timed out"`` or ``"not graded"`` (the kernel's answer was
        unusable).
    message : str
        The feedback, or why it could not be graded.
    """

    question: str
    status: str
    message: str


@dataclasses.dataclass(frozen=True)
class Graded:
    """One submission's grades: ``marks`` by question name, or, when the submission as a whole could
    not be graded, no marks and the ``reason``."""

    notebook: Path
    marks: dict
    reason: str | None = None

    @property
    def score(self):
        """The number of correct answers."""
        return sum(mark.status == CORRECT for mark in self.marks.values())

    def status(self, question):
        """The status of ``question`` ("q1"...): its mark's, or "not graded"."""
        mark = self.marks.get(question)
        return mark.status if mark else NOT_GRADED


def read_submission(path):
    """The notebook at ``path``; raises :class:`SubmissionFailed` for a file that is not one."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            notebook = nbformat.read(path, as_version=4)
            nbformat.validate(notebook)
    except Exception as err:   # nbformat's errors for bad JSON, bad structure, unreadable files...
        text = " ".join(str(err).split())
        raise SubmissionFailed(f"not a notebook ({type(err).__name__}: "
                               f"{text[:150] + '...' if len(text) > 150 else text})") from err
    return notebook


def _functions_of_every_set():
    """``{set name: [function names]}`` for every exercise set."""
    return {name: [q.function for q in
                   importlib.import_module(f"actlab.exercises.{name}").questions]
            for name in exercise_set_names()}


def _wrong_set_reason(set_name, sets, defined, notebook):
    """Why a notebook defining none of the set's functions gets 0, naming the set it looks like."""
    wanted = sets[set_name]
    counts = {name: sum(f in defined for f in functions) for name, functions in sets.items()}
    likely = max(counts, key=counts.get) if max(counts.values()) else None
    if likely is None:
        sources = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
        imported = _IMPORTED_SET.findall(sources)
        likely = imported[0] if imported else None
    reason = (f"none of the functions of {set_name} is defined "
              f"({', '.join(f'`{f}`' for f in wanted)})")
    if likely and likely != set_name:
        found = [f for f in sets[likely] if f in defined]
        reason += (f"; the notebook looks like exercise set {likely}"
                   + (f" (it defines {', '.join(f'`{f}`' for f in found)})" if found else "")
                   + f": grade it with `python -m actlab.exercises.grade {likely}`")
    return reason


class _Grader:
    """One grading run: the set's questions with their hidden cases, and the sandbox."""

    def __init__(self, set_name, seed, sandbox, jobs):
        module = importlib.import_module(f"actlab.exercises.{set_name}")
        self.set_name, self.seed, self.sandbox = set_name, seed, sandbox
        self.questions = [judge.with_cases(q, judge.hidden_cases(q, seed))
                          for q in module.questions]
        self.requests = {q.name: judge.request(q) for q in self.questions}
        self.sets = _functions_of_every_set()
        self.jobs = asyncio.Semaphore(jobs)

    async def grade(self, path):
        try:
            notebook = read_submission(path)
            async with self.jobs:
                records = await self._records(notebook)
            return Graded(Path(path), {q.name: self._mark(q, records[q.name])
                                       for q in self.questions})
        except SubmissionFailed as failure:
            return Graded(Path(path), {}, str(failure))
        except Exception as bug:   # the grader's own failure must not stop the batch
            traceback.print_exc()
            return Graded(Path(path), {}, f"the grader failed ({type(bug).__name__}: {bug}): "
                                          f"please report it to the course authors")

    async def _records(self, notebook):
        every = sorted({f for functions in self.sets.values() for f in functions})
        async with session(notebook, self.sandbox) as kernel:
            await kernel.run_cells()
            try:
                defined = set(json.loads(await kernel.ask(
                    f"{_PROBE}.defined(globals(), {json.dumps(every)!r})",
                    "the grader's look-up of the defined functions")))
            except (QuestionFailed, ValueError, TypeError, RecursionError) as err:
                raise SubmissionFailed(f"the kernel did not say which functions the notebook "
                                       f"defines ({err})") from err
            if not defined & set(self.sets[self.set_name]):
                raise SubmissionFailed(_wrong_set_reason(self.set_name, self.sets, defined,
                                                         notebook))
            records = {}
            for question in self.questions:
                try:
                    records[question.name] = await kernel.ask(
                        f"{_PROBE}.record(globals(), {self.requests[question.name]!r})",
                        f"`{question.function}`")
                except QuestionFailed as failure:
                    records[question.name] = failure
            return records

    @staticmethod
    def _mark(question, record):
        if isinstance(record, QuestionFailed):
            status = TIMED_OUT if record.timed_out else NOT_GRADED
            return Mark(question.name, status, str(record))
        try:
            result = judge.judge(question, record)
        except (judge.ReplyError, ValueError) as err:
            return Mark(question.name, NOT_GRADED, f"the kernel's record of `{question.function}` "
                                                   f"could not be read: {err}")
        if result is None:
            return Mark(question.name, MISSING,
                        f"the notebook does not define `{question.function}` (was its cell "
                        f"deleted, or the function renamed?)")
        return Mark(question.name, result.status, result.message)


def grade_notebooks(notebooks, set_name, seed=None, jobs=None, limits=Limits(), on_graded=None):
    """Grade the submitted ``notebooks`` against the exercise set ``set_name``.

    Parameters
    ----------
    notebooks : list of path-like
    set_name : str
        ``"ex00"``, ...
    seed : int, optional
        Seeds the hidden cases (the same for every notebook of the run); random by default.
    jobs : int, optional
        How many kernels run at once; by default one more than the number of CPUs (a kernel spends
        part of its time waiting).
    limits : Limits
        Timeouts and the memory cap.
    on_graded : callable, optional
        Called with each :class:`Graded` as soon as it is ready (for progress).

    Returns
    -------
    (list of Graded, int)
        The grades, in the order of ``notebooks``, and the seed used.
    """
    if set_name not in exercise_set_names():
        raise ValueError(f"no exercise set {set_name!r}; the sets are "
                         f"{', '.join(exercise_set_names())}")
    seed = secrets.randbelow(2**32) if seed is None else int(seed)
    jobs = jobs or (os.cpu_count() or 1) + 1
    with tempfile.TemporaryDirectory(prefix="actlab-grading-") as folder:
        sandbox = Sandbox(folder, write_library(Path(folder) / "lib"), limits)

        async def run():
            grader = _Grader(set_name, seed, sandbox, jobs)

            async def one(path):
                graded = await grader.grade(path)
                if on_graded:
                    on_graded(graded)
                return graded
            return await asyncio.gather(*(one(path) for path in notebooks))

        return _run_in_a_loop_of_its_own(run), seed


def _run_in_a_loop_of_its_own(coroutine_function):
    """The result of ``coroutine_function()``, run in a new :class:`EventLoop`.

    Where an event loop already runs in this thread (in a Jupyter kernel, or beside Playwright's
    sync API), a new loop cannot start here: the grading then runs in a thread of its own.
    """
    def run():
        with asyncio.Runner(loop_factory=EventLoop) as runner:
            return list(runner.run(coroutine_function()))
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return run()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()
