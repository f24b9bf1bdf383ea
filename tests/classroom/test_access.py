"""No one gets in where they don't belong, and nothing listens beyond 127.0.0.1.

Two learners, ada and bob, have their servers running with the course and a kernel each. Ada's
API token and ada's logged-in browser are refused everything in bob's server (list, open, start
or list kernels, connect to his kernel); a request with no credentials is refused; the hub's
admin API is refused to a learner; someone the instructor did not add cannot log in. Each refusal
has a control: the same request by the owner (or the instructor) succeeds, so a refusal is not
just a malformed request.
"""

import pytest
import requests
import websocket
from class_session import EXERCISES
from hub import LOOPBACK
from people import HubUser, VisitFailed

pytestmark = pytest.mark.classroom

REFUSED = {403, 404}


@pytest.fixture(scope="module")
def ada_and_bob(hub, course, instructor):
    """Two learners with the course, a token each, and a kernel each (``.kernel_id``)."""
    learners = instructor.enrol("ada", "bob")
    for learner in learners:
        learner.visit(course.link(hub.url, EXERCISES))
        learner.token = learner.new_token()
        kernel = learner.request("POST", f"{learner.server_url}api/kernels", json={"name": "python3"})
        kernel.raise_for_status()
        learner.kernel_id = kernel.json()["id"]
    return learners


def _server_requests(owner, course):
    """``(method, path, json)`` of what a learner does in ``owner``'s server: list, open, run."""
    return [
        ("GET", "api/contents", None),
        ("GET", f"api/contents/{course.name}/{EXERCISES}", None),
        ("GET", f"files/{course.name}/{EXERCISES}", None),
        ("GET", "api/kernels", None),
        ("GET", "api/sessions", None),
        ("POST", "api/kernels", {"name": "python3"}),
        ("GET", f"api/kernels/{owner.kernel_id}", None),
        ("POST", "api/sessions", {"path": f"{course.name}/{EXERCISES}", "type": "notebook",
                                  "kernel": {"name": "python3"}}),
    ]


def _with_token(token, method, url, json=None):
    """A request carrying ``token`` and nothing else (no token: no credentials at all)."""
    headers = {"Authorization": f"token {token}"} if token else {}
    return requests.request(method, url, json=json, headers=headers, timeout=60,
                            allow_redirects=False)


def test_each_learner_can_use_their_own_server_with_their_token(ada_and_bob, course):
    for learner in ada_and_bob:
        for method, path, json in _server_requests(learner, course):
            if method == "POST":
                continue  # starting more kernels is not needed to prove the token works
            response = _with_token(learner.token, method, learner.server_url + path)
            assert response.ok, (
                f"{learner.name} on their own server: {method} {path} -> {response.status_code}")


def test_a_learners_token_opens_nothing_in_another_learners_server(ada_and_bob, course):
    ada, bob = ada_and_bob
    for method, path, json in _server_requests(bob, course):
        response = _with_token(ada.token, method, bob.server_url + path, json)
        assert response.status_code in REFUSED, (
            f"ada's token on bob's server: {method} {path} -> {response.status_code} "
            f"{response.text[:200]}")


def test_a_learners_browser_opens_nothing_in_another_learners_server(ada_and_bob, course):
    ada, bob = ada_and_bob
    for method, path, json in _server_requests(bob, course):
        response = ada.request(method, bob.server_url + path, json=json)
        assert response.status_code in REFUSED, (
            f"ada's browser on bob's server: {method} {path} -> {response.status_code} "
            f"at {response.url}")


def test_a_learners_token_cannot_connect_to_another_learners_kernel(ada_and_bob):
    ada, bob = ada_and_bob
    url = f"{bob.server_url}api/kernels/{bob.kernel_id}/channels".replace("http", "ws", 1)
    own = websocket.create_connection(url, header=[f"Authorization: token {bob.token}"], timeout=30)
    own.close()
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        websocket.create_connection(url, header=[f"Authorization: token {ada.token}"], timeout=30)
    assert refused.value.status_code in REFUSED


def test_a_request_without_credentials_is_refused(ada_and_bob, course, hub):
    _, bob = ada_and_bob
    for method, path, json in _server_requests(bob, course):
        response = _with_token(None, method, bob.server_url + path, json)
        # An API call is refused outright; a page sends the browser to the hub's login.
        assert response.status_code in REFUSED or (
            response.status_code == 302 and "/hub/api/oauth2/authorize" in response.headers["Location"]
        ), f"anonymous {method} {path} -> {response.status_code}"
    for path in ("hub/api/users", "hub/api/users/bob", "hub/api/proxy"):
        assert _with_token(None, "GET", hub.url + path).status_code in REFUSED, path


def test_the_hubs_admin_api_is_refused_to_a_learner(ada_and_bob, hub, instructor):
    ada, _ = ada_and_bob
    admin_requests = [
        ("GET", "hub/api/users", None),
        ("GET", "hub/api/users/bob", None),
        ("POST", "hub/api/users", {"usernames": ["mallory"]}),
        ("POST", "hub/api/users/bob/tokens", {"note": "bob's, made by ada"}),
        ("DELETE", "hub/api/users/bob/server", None),
        ("POST", "hub/api/users/bob/server", None),
        ("PATCH", "hub/api/users/ada", {"admin": True}),
        ("GET", "hub/api/proxy", None),
    ]
    for method, path, json in admin_requests:
        response = _with_token(ada.token, method, hub.url + path, json)
        assert response.status_code in REFUSED, f"ada: {method} {path} -> {response.status_code}"
    assert _with_token(instructor.token, "GET", hub.url + "hub/api/users").ok
    assert _with_token(instructor.token, "GET", hub.url + "hub/api/users/bob").ok


def test_someone_the_instructor_did_not_add_cannot_log_in(hub):
    with pytest.raises(VisitFailed, match="cannot log in"):
        HubUser(hub.url, "intruder").visit(hub.url + "hub/home")


def test_nothing_listens_beyond_127_0_0_1(ada_and_bob, hub):
    listening = hub.listening_sockets()
    commands = " ".join(command for command, _, _ in listening)
    for part in ("jupyterhub", "configurable-http-proxy", "jupyterhub-singleuser", "ipykernel"):
        assert part in commands, f"no listening socket of {part} found among {listening}"
    elsewhere = [socket for socket in listening if socket[1] != LOOPBACK]
    assert not elsewhere, f"listening beyond {LOOPBACK}: {elsewhere}"
