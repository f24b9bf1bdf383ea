"""A real JupyterHub for the classroom tests: the course's own configuration on 127.0.0.1.

The hub runs ``deploy/jupyterhub_config.py``, the file instructors deploy, with only what a test
machine must change replaced on the command line (:func:`machine_overrides`): JupyterHub's
built-in ``DummyAuthenticator`` (any password) and ``SimpleLocalProcessSpawner`` (each learner's
server a process of the account running the tests, its home a folder of its own), this
environment's ``jupyterhub-singleuser``, the repository's pinned configurable-http-proxy
(``npm ci``), free ports (the addresses stay the deployment's: 127.0.0.1) and a temporary state
folder (database, cookie secret, proxy token and pid file, the learners' homes, the log).

Every process of the hub's tree (the hub, the proxy, each learner's server and its kernels) is
recorded while it runs; :meth:`ClassroomHub.stop` ends them all, and :meth:`ClassroomHub.survivors`
lists any that outlived it.
"""

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import psutil
import requests
from traitlets.config.loader import PyFileConfigLoader

ROOT = Path(__file__).resolve().parents[2]
DEPLOY_CONFIG = ROOT / "deploy" / "jupyterhub_config.py"
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
LOOPBACK = "127.0.0.1"
STARTUP_TIMEOUT_S = 60
SHUTDOWN_TIMEOUT_S = 30


def free_ports(count):
    """``count`` distinct TCP ports of 127.0.0.1 that are free right now."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind((LOOPBACK, 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def deployment_config():
    """The settings of ``deploy/jupyterhub_config.py``, read as JupyterHub reads its file."""
    return PyFileConfigLoader(DEPLOY_CONFIG.name, path=str(DEPLOY_CONFIG.parent)).load_config()


def on_port(url, port):
    """``url`` with its port replaced: the tests keep the deployment's addresses, not its ports."""
    parts = urlsplit(url)
    return parts._replace(netloc=f"{parts.hostname}:{port}").geturl()


def machine_overrides(state, deployed, public_port, hub_port, proxy_api_port):
    """The command-line settings that replace the deployment's machine-specific ones.

    ``deployed`` is the deployment's configuration: its addresses are kept, on free ports.
    """
    return [
        "--JupyterHub.authenticator_class=dummy",
        "--JupyterHub.spawner_class=simple",
        f"--SimpleLocalProcessSpawner.home_dir_template={state / 'homes'}/{{username}}",
        f"--Spawner.cmd={Path(sys.executable).parent / 'jupyterhub-singleuser'}",
        f"--ConfigurableHTTPProxy.command={PROXY}",
        f"--JupyterHub.db_url=sqlite:///{state / 'jupyterhub.sqlite'}",
        f"--JupyterHub.cookie_secret_file={state / 'jupyterhub_cookie_secret'}",
        f"--ConfigurableHTTPProxy.pid_file={state / 'jupyterhub-proxy.pid'}",
        f"--JupyterHub.bind_url={on_port(deployed.JupyterHub.bind_url, public_port)}",
        f"--JupyterHub.hub_bind_url={on_port(deployed.JupyterHub.hub_bind_url, hub_port)}",
        "--ConfigurableHTTPProxy.api_url="
        + on_port(deployed.ConfigurableHTTPProxy.api_url, proxy_api_port),
        # The tests may run as root (in a container); Jupyter refuses that unless told.
        *(["--Spawner.args=--allow-root"] if os.geteuid() == 0 else []),
    ]


class ClassroomHub:
    """The hub, kept in ``state`` (a new or empty folder): :meth:`start` it, :meth:`stop` it all.

    Used as a context manager, it starts on entry and stops on exit, whatever happened inside.
    """

    def __init__(self, state):
        self.state = Path(state)
        self.homes = self.state / "homes"
        self.log_path = self.state / "jupyterhub.log"
        self.url = None
        self._process = None
        self._seen = {}  # pid -> psutil.Process, every process of the hub's tree seen so far

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exception):
        self.stop()

    def start(self):
        self.state.mkdir(parents=True, exist_ok=True)
        deployed = deployment_config()
        public_port, hub_port, proxy_api_port = free_ports(3)
        self.url = on_port(deployed.JupyterHub.bind_url, public_port).rstrip("/") + "/"
        env = dict(os.environ)
        for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_CONFIG_PATH", "JUPYTER_PATH", "MPLBACKEND"):
            env.pop(name, None)
        # The learners' servers inherit PATH: `python` and `git` must be this environment's.
        env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
        env["CONFIGPROXY_AUTH_TOKEN"] = secrets.token_hex(32)
        command = [
            sys.executable, "-m", "jupyterhub", "-f", str(DEPLOY_CONFIG),
            *machine_overrides(self.state, deployed, public_port, hub_port, proxy_api_port),
        ]
        with open(self.log_path, "wb") as log:
            self._process = subprocess.Popen(
                command, cwd=self.state, env=env, stdin=subprocess.DEVNULL,
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        self._seen[self._process.pid] = psutil.Process(self._process.pid)
        try:
            self._wait_until_serving()
        except BaseException:
            self.stop()
            raise

    def _wait_until_serving(self):
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(
                    f"jupyterhub exited with code {self._process.returncode} while starting:\n"
                    + self.log_tail()
                )
            try:
                if requests.get(self.url + "hub/api/", timeout=5).ok:
                    return
            except requests.ConnectionError:
                pass  # the proxy is not listening yet
            time.sleep(0.2)
        raise RuntimeError(
            f"jupyterhub did not answer within {STARTUP_TIMEOUT_S} s:\n" + self.log_tail()
        )

    def processes(self):
        """The processes of the hub's tree alive now: the hub, the proxy, servers, kernels."""
        if self._process is None:
            return []
        hub = self._seen[self._process.pid]
        try:
            tree = [hub, *hub.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []
        for process in tree:
            self._seen.setdefault(process.pid, process)
        return tree

    def listening_sockets(self):
        """``(command line, address, port)`` of every TCP socket the hub's tree listens on."""
        found = []
        for process in self.processes():
            try:
                connections = process.net_connections(kind="tcp")
                command = " ".join(process.cmdline()[:3])
            except psutil.NoSuchProcess:
                continue
            found += [(command, c.laddr.ip, c.laddr.port)
                      for c in connections if c.status == psutil.CONN_LISTEN]
        return found

    def survivors(self):
        """The processes ever seen in the hub's tree that are still running."""
        return [p for p in self._seen.values() if _is_alive(p)]

    def log_tail(self, lines=60):
        """The last ``lines`` of the hub's log (the proxy and the servers log there too)."""
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self):
        """Stop the hub (it stops the proxy and every server), then end anything left; safe twice."""
        if self._process is None:
            return
        self.processes()  # record the whole tree before it comes apart
        process, self._process = self._process, None
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=SHUTDOWN_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=SHUTDOWN_TIMEOUT_S)
        left = self.survivors()
        for survivor in left:
            with contextlib.suppress(psutil.NoSuchProcess):
                survivor.kill()
        psutil.wait_procs(left, timeout=SHUTDOWN_TIMEOUT_S)


def _is_alive(process):
    """Whether ``process`` still runs (a zombie has ended; a reused id is another process)."""
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
