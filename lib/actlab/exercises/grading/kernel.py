"""A submission's own kernel: run its cells, then ask it questions, within limits.

Each submission runs in a fresh IPython kernel started by :mod:`.sandbox` (memory capped), in an
empty working folder of its own, with the graded library (no reference solutions) first on its
path. Its cells run top to bottom; a cell that raises does not stop the others. Nothing the notebook
prints or displays is kept: the grader reads only the replies to its own requests (the
``user_expressions`` of an execute request), and those replies are data (:mod:`.wire`).

Failures are of two sizes. :class:`QuestionFailed`: one request could not be answered (it ran past
the timeout and the kernel recovered from the interrupt, or the learner's code broke the probe):
that question gets 0. :class:`SubmissionFailed`: the submission as a whole cannot be graded (a cell
ran past the timeout, the kernel died or stopped answering): every question gets 0, with the reason.
"""

import ast
import asyncio
import atexit
import contextlib
import dataclasses
import json
import os
import queue
import subprocess
import sys
from pathlib import Path

from jupyter_client import AsyncKernelManager
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

KERNEL_NAME = "actlab-grading"
#: A reply larger than this (characters) is refused: no honest answer comes near it.
MAX_REPLY = 64 * 1024 * 1024
_DIED = ("the kernel died while {what} ran (the code called os._exit, crashed the interpreter, or "
         "ran out of memory)")


class SubmissionFailed(Exception):
    """The submission cannot be graded; the message is the reason."""


class QuestionFailed(Exception):
    """One request to the kernel got no usable answer; the message is the reason, ``timed_out``
    says whether it ran past the timeout."""

    def __init__(self, reason, timed_out=False):
        super().__init__(reason)
        self.timed_out = timed_out


@dataclasses.dataclass(frozen=True)
class Limits:
    """What a submission may use.

    Attributes
    ----------
    timeout : float
        Seconds for each cell of the notebook, and for each question's calls.
    memory_mb : int
        The kernel's address space, in MiB.
    startup : float
        Seconds for the kernel to start.
    grace : float
        Seconds the kernel has to answer again after an interrupt.
    """

    timeout: float = 60.0
    memory_mb: int = 2048
    startup: float = 60.0
    grace: float = 5.0


class Sandbox:
    """Where submission kernels run: ``folder`` gets the kernel spec and one working folder per
    submission; ``library`` (a folder holding the graded ``actlab``) goes first on their path."""

    def __init__(self, folder, library, limits=Limits()):
        self.folder, self.library, self.limits = Path(folder), Path(library), limits
        spec = self.folder / "kernels" / KERNEL_NAME
        spec.mkdir(parents=True, exist_ok=True)
        argv = [sys.executable, "-m", "actlab.exercises.grading.sandbox",
                "--memory-mb", str(limits.memory_mb), "-f", "{connection_file}",
                "--HistoryManager.hist_file=:memory:"]
        (spec / "kernel.json").write_text(json.dumps(
            {"argv": argv, "display_name": "actlab grading", "language": "python",
             "interrupt_mode": "signal"}))
        self._count = 0

    def workdir(self):
        """A new, empty working folder for one submission."""
        self._count += 1
        path = self.folder / "submissions" / str(self._count)
        path.mkdir(parents=True)
        return path

    def environment(self, workdir):
        env = dict(os.environ)
        path = [str(self.library)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
        env.update(PYTHONPATH=os.pathsep.join(path), IPYTHONDIR=str(workdir / ".ipython"),
                   OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1",
                   MPLBACKEND="agg", PYDEVD_DISABLE_FILE_VALIDATION="1")
        return env

    def kernel_manager(self):
        specs = KernelSpecManager(kernel_dirs=[str(self.folder / "kernels")])
        return AsyncKernelManager(kernel_name=KERNEL_NAME, kernel_spec_manager=specs)


class _Client(NotebookClient):
    """Runs the cells and keeps none of their outputs: what a notebook prints is never read."""

    def output(self, outs, msg, display_id, cell_index):
        return None


class Session:
    """A running submission kernel (see :func:`session`)."""

    def __init__(self, client, limits):
        self._client, self._limits = client, limits

    async def run_cells(self):
        """Run every code cell; raise :class:`SubmissionFailed` if one runs past the timeout or the
        kernel dies."""
        client = self._client
        for index, cell in enumerate(client.nb.cells):
            try:
                await client.async_execute_cell(cell, index,
                                                execution_count=client.code_cells_executed + 1)
            except CellTimeoutError as err:
                raise SubmissionFailed(f"cell {index} ran past the {self._limits.timeout:g} s "
                                       f"timeout") from err
            except DeadKernelError as err:
                raise SubmissionFailed(_DIED.format(what=f"cell {index}")) from err

    async def ask(self, expression, what):
        """Evaluate ``expression`` in the kernel and return its value, which must be a string.

        ``what`` names what runs, for the reasons given on failure ("`relu`").
        """
        client = self._client
        msg_id = client.kc.execute("", silent=True, store_history=False, allow_stdin=False,
                                   user_expressions={"answer": expression})
        reply = await self._reply(msg_id, self._limits.timeout, what)
        if reply is None:
            await client.km.interrupt_kernel()
            if await self._reply(msg_id, self._limits.grace, what) is None:
                raise SubmissionFailed(f"the kernel stopped answering: {what} ran past the "
                                       f"{self._limits.timeout:g} s timeout and did not stop when "
                                       f"interrupted")
            raise QuestionFailed(f"{what} ran past the {self._limits.timeout:g} s timeout",
                                 timed_out=True)
        answer = reply["content"].get("user_expressions", {}).get("answer", {})
        if answer.get("status") != "ok":
            raise QuestionFailed(f"the grader could not evaluate {what}: "
                                 f"{answer.get('ename', 'no answer')}: {answer.get('evalue', '')}")
        text = answer.get("data", {}).get("text/plain", "")
        if not isinstance(text, str) or len(text) > MAX_REPLY:
            raise QuestionFailed(f"the kernel's reply about {what} is not data the grader reads")
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            value = None
        if not isinstance(value, str):
            raise QuestionFailed(f"the kernel's reply about {what} is not data the grader reads")
        return value

    async def _reply(self, msg_id, timeout, what):
        """The shell reply to ``msg_id``, or None after ``timeout`` seconds."""
        client = self._client
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while (remaining := deadline - loop.time()) > 0:
            try:
                reply = await client.kc.get_shell_msg(timeout=min(remaining, 0.5))
            except queue.Empty:
                if not await client.km.is_alive():
                    raise SubmissionFailed(_DIED.format(what=what)) from None
                continue
            if reply.get("parent_header", {}).get("msg_id") == msg_id:
                return reply
        return None


class EventLoop(asyncio.SelectorEventLoop):
    """The event loop to grade in (``asyncio.Runner(loop_factory=EventLoop)``).

    nbclient would install a SIGINT and SIGTERM handler for each kernel, which only cleans that
    kernel up and swallows the signal; this loop refuses them (as a loop outside the main thread
    does), so Ctrl-C stops the whole batch, every kernel being shut down on the way.
    """

    def add_signal_handler(self, sig, callback, *args):
        raise RuntimeError("the grading loop installs no signal handlers")


@contextlib.asynccontextmanager
async def session(notebook, sandbox):
    """Start a kernel for ``notebook`` in ``sandbox``; yield a :class:`Session`; always shut the
    kernel down. Raises :class:`SubmissionFailed` when the kernel does not start."""
    limits = sandbox.limits
    workdir = sandbox.workdir()
    client = _Client(notebook, km=sandbox.kernel_manager(), timeout=limits.timeout,
                     startup_timeout=limits.startup, allow_errors=True, record_timing=False,
                     shutdown_kernel="immediate", resources={"metadata": {"path": str(workdir)}})
    try:
        async with client.async_setup_kernel(cleanup_kc=True, env=sandbox.environment(workdir),
                                             stdout=subprocess.DEVNULL,
                                             stderr=subprocess.DEVNULL):
            yield Session(client, limits)
    except DeadKernelError as err:
        raise SubmissionFailed("the kernel died as it started") from err
    except RuntimeError as err:   # jupyter_client: the kernel did not start (in time)
        if "Kernel died" in str(err):
            raise SubmissionFailed("the kernel died as it started") from err
        if "Kernel didn't respond" in str(err):
            raise SubmissionFailed(f"the kernel did not start within {limits.startup:g} s") from err
        raise
    finally:   # nbclient's exit hook for this kernel, left registered when the batch is interrupted
        atexit.unregister(client._cleanup_kernel)
