"""A class session: every learner at once opens the course link and does the first lesson.

Each learner, in a thread of their own, opens the nbgitpuller link (logging in, their server
starting, the course cloned into their home, JupyterLab opening the warm-up exercises), then runs
lesson 01 and exercise set 00 cell by cell in kernels of their own server. The session is timed
from the moment the first learner opens the link to the moment the last one has finished.
"""

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

LESSON = "notebooks/01_perceptron.ipynb"
EXERCISES = "exercises/00_warmup.ipynb"


@dataclass
class LearnerRun:
    """What one learner did: seconds for each step, what their kernels said about themselves."""

    name: str
    seconds: dict = field(default_factory=dict)  # step -> seconds
    probes: dict = field(default_factory=dict)  # notebook -> the kernel's user, home, folder
    # the cells that raised or wrote to stderr, or the failure that stopped the learner
    problems: list = field(default_factory=list)
    landed_on: str = ""  # the address the link ended at


def work_through(learner, course, link):
    """One learner's session: open ``link``, then run the lesson and the exercises.

    A failure (a page that does not come, a server that does not start) ends the learner's
    session and is recorded with the problems, so that one learner's failure does not hide the
    others' results.
    """
    run = LearnerRun(learner.name)
    start = time.monotonic()
    try:
        run.landed_on = learner.visit(link).url
        run.seconds["link"] = time.monotonic() - start
        for step, notebook in (("lesson 01", LESSON), ("exercises 00", EXERCISES)):
            begin = time.monotonic()
            probe, problems = learner.run_notebook(f"{course.name}/{notebook}")
            run.seconds[step] = time.monotonic() - begin
            run.probes[notebook] = probe
            run.problems += problems
    except Exception as failure:  # noqa: BLE001  (any failure of the session is the learner's result)
        run.problems.append(f"stopped after {time.monotonic() - start:.0f} s: "
                            f"{type(failure).__name__}: {failure}")
    return run


def hold_class(learners, course, link):
    """All ``learners`` at once; returns ``(wall-clock seconds, [LearnerRun, ...])``."""
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(learners)) as pool:
        runs = list(pool.map(lambda learner: work_through(learner, course, link), learners))
    return time.monotonic() - start, runs
