"""A private JupyterLab server for the browser tests.

The server serves a temporary copy of the course (running cells in the browser writes outputs
into the notebook files), listens on a free port of 127.0.0.1 with a random token, and keeps its
configuration, settings, workspaces and IPython profile in a temporary folder, so neither the
learner's own Jupyter settings leak into the tests nor the tests into them.
"""

import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

# JupyterLab user settings that make a fresh lab quiet and deterministic for a robot:
# no news/update toast, no kernel-selection dialog, every cell attached to the DOM (the default
# windowing skips rendering cells outside the viewport), and no autosave into the copy.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification": {
        "fetchNews": "false", "checkForUpdates": False,
    },
    "@jupyterlab/notebook-extension/tracker": {
        "autoStartDefaultKernel": True, "windowingMode": "none",
    },
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
}

STARTUP_TIMEOUT_S = 90


class LabServer:
    """Start ``jupyter lab`` serving ``root``; stop it (and its kernels) with :meth:`stop`."""

    def __init__(self, root, home):
        self.root = Path(root)
        self.home = Path(home)
        self.token = secrets.token_hex(24)
        self.url = None
        self.log_path = self.home / "jupyter-lab.log"
        self._process = None

    def start(self):
        env = self._prepare_home()
        command = [
            sys.executable, "-m", "jupyter", "lab",
            "--no-browser",
            "--allow-root",
            "--ServerApp.ip=127.0.0.1",
            "--ServerApp.port=0",
            f"--ServerApp.root_dir={self.root}",
            f"--IdentityProvider.token={self.token}",
            "--ServerApp.terminals_enabled=False",
            "--LabApp.extension_manager=readonly",
            # window.jupyterapp tells whether the kernel is really connected (the toolbar
            # indicator already shows "idle" before the kernel's websocket is open).
            "--LabApp.expose_app_in_browser=True",
        ]
        with open(self.log_path, "wb") as log:
            self._process = subprocess.Popen(
                command, env=env, cwd=self.root, stdin=subprocess.DEVNULL,
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        try:
            self._wait_until_serving(env["JUPYTER_RUNTIME_DIR"])
        except BaseException:
            self.stop()
            raise

    def _prepare_home(self):
        """Make the server's private folders and settings; return its environment variables."""
        env = dict(os.environ)
        for name in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "MPLBACKEND"):
            env.pop(name, None)
        for name, sub in [
            ("JUPYTER_CONFIG_DIR", "config"),
            ("JUPYTER_DATA_DIR", "data"),
            ("JUPYTER_RUNTIME_DIR", "runtime"),
            ("JUPYTERLAB_SETTINGS_DIR", "lab-settings"),
            ("JUPYTERLAB_WORKSPACES_DIR", "lab-workspaces"),
            ("IPYTHONDIR", "ipython"),
        ]:
            env[name] = str(self.home / sub)
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        self.restore_settings()
        # The kernelspec "python3" runs `python`, which jupyter_client maps to this interpreter.
        env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
        return env

    def restore_settings(self):
        """Write the user settings of LAB_SETTINGS, and remove any other a test changed through
        JupyterLab (a page reads them when it opens, so they would outlive the test)."""
        folder = self.home / "lab-settings"
        for path in folder.rglob("*.jupyterlab-settings"):
            path.unlink()
        for plugin, values in LAB_SETTINGS.items():
            path = folder / f"{plugin}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values), encoding="utf-8")

    def _wait_until_serving(self, runtime_dir):
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(
                    f"jupyter lab exited with code {self._process.returncode} while starting:\n"
                    + self.log_tail()
                )
            for info_file in Path(runtime_dir).glob("jpserver-*.json"):
                try:
                    self.url = json.loads(info_file.read_text(encoding="utf-8"))["url"]
                    self.api("api/status")
                    return
                except (ValueError, KeyError, OSError):
                    pass  # file half-written or server not answering yet
            time.sleep(0.2)
        raise RuntimeError(
            f"jupyter lab did not answer within {STARTUP_TIMEOUT_S} s:\n" + self.log_tail()
        )

    def api(self, path, method="GET"):
        """Call the server's REST API (``path`` like ``"api/sessions"``); return the JSON answer."""
        request = urllib.request.Request(
            self.url + path, method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"null")

    def page_url(self, relative_path):
        """The address that opens ``relative_path`` (relative to the root) in a fresh workspace."""
        return f"{self.url}lab/tree/{relative_path}?reset&token={self.token}"

    def shut_down_kernels(self):
        """End every kernel of the server (one lesson's kernel must not outlive its test)."""
        for session in self.api("api/sessions"):
            try:
                self.api(f"api/sessions/{session['id']}", method="DELETE")
            except urllib.error.HTTPError as error:
                if error.code != 404:  # already gone
                    raise

    def log_tail(self, lines=40):
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self):
        """Stop the server and every process it started; safe to call twice."""
        process, self._process = self._process, None
        if process is None:
            return
        children = _descendants(process.pid)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)  # the server shuts its kernels down
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=15)
        for pid, started in children:
            if _start_time(pid) == started:  # still that process, not a reused id
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)


def _start_time(pid):
    """The start time of process ``pid`` (clock ticks since boot), or None once it is gone."""
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19])
    except (OSError, IndexError):
        return None


def _descendants(pid):
    """``(id, start time)`` of each descendant of ``pid`` (kernels have process groups of their own)."""
    children = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append((int(stat.parent.name), int(fields[19])))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child[0])
    return found


def copy_course(repo, destination, folders=("notebooks", "exercises")):
    """Copy the course folders the lessons may refer to (``../exercises``) into ``destination``."""
    for folder in folders:
        if (repo / folder).is_dir():
            shutil.copytree(
                repo / folder, destination / folder,
                ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"),
            )
