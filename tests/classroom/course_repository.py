"""The course's git repository as the class gets it: a local repository the tests can commit to.

It holds every file git tracks in this checkout (``git ls-files``, as they are in the working
tree), in one commit on ``main``: what learners clone from the course's public repository. Its
``lib/`` is cloned too, but the learners' kernels import the course library installed in their
environment, as on a real hub.
"""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINK_SCRIPT = ROOT / "deploy" / "course_link.py"
NAME = "activation-functions-hands-on"  # the repository's name: the folder each learner gets
# The author of the test commits; never the signing or hooks of whoever runs the tests.
GIT_SETTINGS = ["-c", "user.name=Instructor", "-c", "user.email=instructor@example.edu",
                "-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null"]


def git(folder, *arguments):
    """Run git in ``folder``; return its output, or raise with git's message."""
    done = subprocess.run(["git", *GIT_SETTINGS, *arguments], cwd=folder,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"git {' '.join(arguments)} failed in {folder}:\n{done.stderr}")
    return done.stdout


class CourseRepository:
    """A copy of the course in ``parent``/NAME (created), committed on ``main``."""

    def __init__(self, parent):
        self.name = NAME
        self.folder = Path(parent) / NAME
        self.url = self.folder.as_uri()
        tracked = git(ROOT, "ls-files", "-z").split("\0")
        for relative in filter(None, tracked):
            source = ROOT / relative
            if source.is_file():  # a tracked file deleted in the working tree is not copied
                (self.folder / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, self.folder / relative)
        git(self.folder, "init", "--quiet", "--initial-branch=main")
        self.commit("The course")

    def path(self, relative):
        """The file ``relative`` (a path inside the course) of this repository's working tree."""
        return self.folder / relative

    def commit(self, message):
        """Commit everything in the folder (changes, new and deleted files) as the instructor."""
        git(self.folder, "add", "--all")
        git(self.folder, "commit", "--quiet", "-m", message)

    def link(self, hub_url, open_path):
        """The nbgitpuller link to this repository on ``hub_url``: ``deploy/course_link.py``'s."""
        done = subprocess.run(
            [sys.executable, str(LINK_SCRIPT), hub_url, self.url, "--open", open_path],
            capture_output=True, text=True, check=True,
        )
        return done.stdout.strip()
