"""Run code in a kernel of a Jupyter server, over the websocket JupyterLab uses.

The server's kernel websocket (``api/kernels/<id>/channels``) speaks Jupyter's messaging protocol
as JSON text frames; only messages with binary buffers (widgets' data) come as binary frames, and
none of them is a reply, a status, a stream or an error, so they are skipped. A cell has finished
when the kernel has sent its ``execute_reply`` and gone back to ``idle``.
"""

import datetime
import json
import time
import uuid
from dataclasses import dataclass, field

import websocket

PROTOCOL_VERSION = "5.3"


@dataclass
class CellRun:
    """What running one cell produced: its reply's status, its errors, what it printed."""

    status: str = ""
    errors: list = field(default_factory=list)  # "Name: value" of each error output
    stderr: str = ""
    stdout: str = ""


class KernelChannel:
    """The open websocket of one kernel; :meth:`run` executes code and waits for the result.

    ``timeout`` (seconds) bounds each cell, and each wait for a message.
    """

    def __init__(self, url, headers, timeout):
        self.session = uuid.uuid4().hex
        self.timeout = timeout
        self._socket = websocket.create_connection(
            f"{url}?session_id={self.session}", header=headers, timeout=timeout,
        )

    def run(self, code, username):
        """Execute ``code`` as one cell; return its :class:`CellRun` once the kernel is idle again."""
        msg_id = uuid.uuid4().hex
        self._socket.send(json.dumps({
            "header": {
                "msg_id": msg_id, "msg_type": "execute_request", "session": self.session,
                "username": username, "version": PROTOCOL_VERSION,
                "date": datetime.datetime.now(datetime.timezone.utc).isoformat(),
            },
            "parent_header": {}, "metadata": {}, "buffers": [], "channel": "shell",
            "content": {"code": code, "silent": False, "store_history": True,
                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
        }))
        result, idle = CellRun(), False
        deadline = time.monotonic() + self.timeout
        while not (result.status and idle):
            if time.monotonic() > deadline:
                raise TimeoutError(f"the cell ran past {self.timeout} s:\n{code}")
            message = self._receive()
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message["header"]["msg_type"], message["content"]
            if kind == "execute_reply":
                result.status = content["status"]
            elif kind == "status":
                idle = content["execution_state"] == "idle"
            elif kind == "error":
                result.errors.append(f"{content['ename']}: {content['evalue']}")
            elif kind == "stream":
                setattr(result, content["name"], getattr(result, content["name"]) + content["text"])
        return result

    def _receive(self):
        """The next JSON message, or ``{}`` for any other frame (binary, ping, close)."""
        opcode, data = self._socket.recv_data()
        return json.loads(data) if opcode == websocket.ABNF.OPCODE_TEXT else {}

    def close(self):
        """Close the websocket (the kernel keeps running)."""
        self._socket.close()
