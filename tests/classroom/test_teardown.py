"""Everything the hub started is stopped at the end, also when a test fails.

A second hub is started as the session's hub is (``with ClassroomHub(...)``, the fixture's
form), a learner's server and kernel are running in it, and the test fails inside: afterwards no
process of the hub, the proxy, the server or the kernel is left, by the hub's own record and by a
look at every process of the machine.
"""

import psutil
import pytest
from class_session import EXERCISES
from hub import ClassroomHub
from people import Instructor

pytestmark = pytest.mark.classroom


class ClassFailed(Exception):
    """The failure of the simulated test."""


def _processes_in(folder):
    """Processes of the machine working in ``folder`` or naming it on their command line."""
    found = []
    for process in psutil.process_iter(["cwd", "cmdline"]):
        cwd, cmdline = process.info["cwd"] or "", " ".join(process.info["cmdline"] or [])
        if cwd.startswith(str(folder)) or str(folder) in cmdline:
            found.append(process)
    return found


def test_a_failing_test_leaves_no_process_of_the_hub_behind(classroom_prerequisites, course, tmp_path):
    hub = ClassroomHub(tmp_path)
    with pytest.raises(ClassFailed):
        with hub:
            (dana,) = Instructor(hub.url).enrol("dana")
            dana.visit(course.link(hub.url, EXERCISES))
            kernel = dana.request("POST", f"{dana.server_url}api/kernels", json={"name": "python3"})
            kernel.raise_for_status()
            running = " ".join(" ".join(p.cmdline()) for p in hub.processes())
            for part in ("jupyterhub", "configurable-http-proxy", "jupyterhub-singleuser", "ipykernel"):
                assert part in running, f"no process of {part} while the class runs"
            assert _processes_in(tmp_path), "the look at the machine's processes finds nothing"
            raise ClassFailed("a test fails while the class is in session")
    assert not hub.survivors(), f"left behind: {hub.survivors()}"
    assert not _processes_in(tmp_path), f"left behind: {_processes_in(tmp_path)}"
