"""The instructor and the learners, using the hub over HTTP the way their browsers do.

:meth:`HubUser.visit` follows a link as a browser would: redirects, the login form, and what the
scripts of the hub's and nbgitpuller's pages do — the spawn-pending page moves on once the
server is up; nbgitpuller's page asks the learner's server to pull (``git-pull/api``, an event
stream), then opens ``urlpath``. Requests are authenticated as in a browser: by cookies, with
the ``_xsrf`` token Jupyter asks for.

A :class:`Learner` also works in their server as JupyterLab does, through its REST API and kernel
websocket: read and save notebooks, delete files, run a notebook's code cells in a kernel.
"""

import json
import re
import time
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

import nbformat
import requests
from kernel_channel import KernelChannel

PASSWORD = "any password"  # DummyAuthenticator takes any
INSTRUCTOR = "instructor"  # an admin in deploy/jupyterhub_config.py
HTTP_TIMEOUT_S = 300  # a class of 20 starting at once on 2 cores answers slowly
VISIT_TIMEOUT_S = 600  # from opening a link to its page, server start and pull included
PENDING_POLL_S = 0.5
CELL_TIMEOUT_S = 300


class VisitFailed(RuntimeError):
    """A link did not lead where it should; the message says where it stopped and why."""


class PageParts(HTMLParser):
    """The parts of a page a browser acts on: the form and the body's data attributes."""

    def __init__(self, html):
        super().__init__()
        self.form_action, self.form_fields, self.body_data = None, {}, {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.form_action = attrs.get("action")
        elif tag == "input" and attrs.get("type") == "hidden" and attrs.get("name"):
            self.form_fields[attrs["name"]] = attrs.get("value", "")
        elif tag == "body":
            self.body_data = {k[5:]: v for k, v in attrs.items() if k.startswith("data-")}


class HubUser:
    """Someone with a browser and an account ``name`` on the hub at ``hub_url``."""

    def __init__(self, hub_url, name):
        self.hub_url = hub_url
        self.name = name
        self.server_url = urljoin(hub_url, f"user/{name}/")
        self.http = requests.Session()
        self.pull_logs = []  # the output of each nbgitpuller sync this user's visits ran

    def visit(self, url):
        """Open ``url`` and act as its pages ask, until one that asks nothing is shown; return it."""
        response = self.http.get(url, timeout=HTTP_TIMEOUT_S)
        deadline = time.monotonic() + VISIT_TIMEOUT_S
        while True:
            path = urlsplit(response.url).path
            if time.monotonic() > deadline:
                raise VisitFailed(f"{self.name}: still at {path} after {VISIT_TIMEOUT_S} s")
            if path == "/hub/login":
                response = self._log_in(response)
            elif path.startswith("/hub/spawn-pending/") and response.ok:  # not "Spawn failed"
                time.sleep(PENDING_POLL_S)
                response = self.http.get(response.url, timeout=HTTP_TIMEOUT_S)
            elif path == f"/user/{self.name}/git-pull":
                response = self._pull(response)
            else:
                break
        if not response.ok:
            raise VisitFailed(f"{self.name}: the link ended at {path} with status "
                              f"{response.status_code}: {_text_of(response.text)}")
        return response

    def _log_in(self, page):
        form = PageParts(page.text)
        response = self.http.post(
            urljoin(page.url, form.form_action),
            data={**form.form_fields, "username": self.name, "password": PASSWORD},
            timeout=HTTP_TIMEOUT_S,
        )
        if urlsplit(response.url).path == "/hub/login":
            raise VisitFailed(f"{self.name} cannot log in (status {response.status_code}): "
                              f"{_text_of(response.text)}")
        return response

    def _pull(self, page):
        """Do what nbgitpuller's page does: ask the server to sync, then open the page it names."""
        data = {key: requests.utils.unquote(value)
                for key, value in PageParts(page.text).body_data.items()}
        if "repo" not in data:
            raise VisitFailed(f"{self.name}: {page.url} is not nbgitpuller's page: "
                              + _text_of(page.text))
        query = {"_xsrf": data["xsrf"], "repo": data["repo"], "targetpath": data["targetpath"]}
        query.update({key: data[key] for key in ("depth", "branch", "backup") if key in data})
        base = urljoin(page.url, data["base-url"])
        log, phase = [], None
        with self.http.get(f"{base}git-pull/api?{urlencode(query)}", stream=True,
                           timeout=HTTP_TIMEOUT_S) as stream:
            for line in stream.iter_lines(decode_unicode=True):
                if not line.startswith("data: "):
                    continue
                event = json.loads(line[len("data: "):])
                log.append(event.get("output", ""))
                phase = event["phase"]
                if phase == "error":
                    raise VisitFailed(f"{self.name}: nbgitpuller failed: {event['message']}\n"
                                      + "".join(log))
                if phase == "finished":
                    break
        if phase != "finished":
            raise VisitFailed(f"{self.name}: nbgitpuller's event stream ended before it finished:\n"
                              + "".join(log))
        self.pull_logs.append("".join(log))
        return self.http.get(urljoin(base, data["path"]), timeout=HTTP_TIMEOUT_S)

    def request(self, method, url, **kwargs):
        """A request with this browser's cookies and the ``_xsrf`` token Jupyter checks."""
        headers = {"X-XSRFToken": self._xsrf_for(url), **kwargs.pop("headers", {})}
        return self.http.request(method, url, headers=headers, timeout=HTTP_TIMEOUT_S, **kwargs)

    def _xsrf_for(self, url):
        """The ``_xsrf`` cookie the browser would send to ``url`` (the hub's and each server's)."""
        path = urlsplit(url).path
        matching = [c for c in self.http.cookies if c.name == "_xsrf" and path.startswith(c.path)]
        return max(matching, key=lambda c: len(c.path)).value if matching else ""

    def new_token(self, note="classroom test"):
        """An API token of this user's, made as on the hub's token page."""
        response = self.request("POST", urljoin(self.hub_url, f"hub/api/users/{self.name}/tokens"),
                                json={"note": note, "expires_in": 3600})
        response.raise_for_status()
        return response.json()["token"]


class Instructor(HubUser):
    """The hub's admin: logs in, makes an API token, adds learners."""

    def __init__(self, hub_url, name=INSTRUCTOR):
        super().__init__(hub_url, name)
        self.visit(urljoin(hub_url, "hub/home"))
        self.token = self.new_token()

    def enrol(self, *names):
        """Add these learners to the hub (as on its admin page); return them as Learners."""
        response = self.http.post(
            urljoin(self.hub_url, "hub/api/users"), json={"usernames": list(names)},
            headers={"Authorization": f"token {self.token}"}, timeout=HTTP_TIMEOUT_S,
        )
        if response.status_code != 201:
            raise RuntimeError(f"adding {names} to the hub: {response.status_code} {response.text}")
        return [Learner(self.hub_url, name) for name in names]

    def stop_server(self, name):
        """Stop ``name``'s server, as the admin page's Stop button (or the idle culler) does."""
        url = urljoin(self.hub_url, f"hub/api/users/{name}")
        headers = {"Authorization": f"token {self.token}"}
        response = self.http.delete(url + "/server", headers=headers, timeout=HTTP_TIMEOUT_S)
        if response.status_code not in (202, 204):
            raise RuntimeError(f"stopping {name}'s server: {response.status_code} {response.text}")
        deadline = time.monotonic() + HTTP_TIMEOUT_S
        while self.http.get(url, headers=headers, timeout=HTTP_TIMEOUT_S).json()["server"]:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name}'s server did not stop within {HTTP_TIMEOUT_S} s")
            time.sleep(PENDING_POLL_S)


class Learner(HubUser):
    """A learner: follows the course link, then reads, edits and runs notebooks in their server."""

    def contents(self, path, method="GET", **kwargs):
        """A call of the server's contents API for ``path`` (relative to the learner's home)."""
        return self.request(method, f"{self.server_url}api/contents/{path}", **kwargs)

    def read_notebook(self, path):
        """The notebook at ``path``, as the server reads it."""
        response = self.contents(path, params={"content": 1})
        response.raise_for_status()
        return nbformat.from_dict(response.json()["content"])

    def save_notebook(self, path, notebook):
        """Save ``notebook`` at ``path`` as JupyterLab's Save does."""
        self.contents(path, "PUT", json={"type": "notebook", "format": "json",
                                         "content": notebook}).raise_for_status()

    def save_text(self, path, text):
        """Save a text file at ``path``."""
        self.contents(path, "PUT", json={"type": "file", "format": "text",
                                         "content": text}).raise_for_status()

    def delete(self, path):
        """Delete ``path``, as JupyterLab's file browser does."""
        self.contents(path, "DELETE").raise_for_status()

    def run_notebook(self, path):
        """Open ``path`` in a kernel of the learner's server and run its code cells in order.

        Returns ``(probe, problems)``: what the kernel then reports about itself (its user, home
        and working folder, read in the kernel) and one line per cell that raised (unless tagged
        ``raises-exception``) or wrote to stderr. The kernel keeps running, as a learner's does.
        """
        notebook = self.read_notebook(path)
        response = self.request("POST", f"{self.server_url}api/sessions", json={
            "path": path, "name": path.rsplit("/", 1)[-1], "type": "notebook",
            "kernel": {"name": "python3"}})
        response.raise_for_status()
        url = f"{self.server_url}api/kernels/{response.json()['kernel']['id']}/channels"
        # The websocket's handshake carries what the browser would send: its cookies, its token.
        cookies = self.http.prepare_request(requests.Request("GET", url)).headers.get("Cookie", "")
        channel = KernelChannel(url.replace("http", "ws", 1),
                                [f"Cookie: {cookies}", f"X-XSRFToken: {self._xsrf_for(url)}"],
                                timeout=CELL_TIMEOUT_S)
        problems = []
        try:
            for number, cell in enumerate(notebook.cells):
                if cell.cell_type != "code":
                    continue
                run = channel.run(cell.source, self.name)
                raises = "raises-exception" in cell.metadata.get("tags", [])
                if run.stderr or bool(run.errors) != raises:
                    problems.append(f"{path} cell {number}: {run.status} {run.errors} {run.stderr!r}")
            probe = channel.run(
                "import json, os; print(json.dumps({'user': os.environ['JUPYTERHUB_USER'], "
                "'home': os.environ['HOME'], 'cwd': os.getcwd()}))", self.name)
        finally:
            channel.close()
        return json.loads(probe.stdout), problems


def _text_of(html, limit=600):
    """The visible text of a page, shortened, for an error message."""
    text = re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]+>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", text).strip()[:limit]
