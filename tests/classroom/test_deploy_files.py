"""The instructors' files in ``deploy/`` agree with what the classroom tests run.

The one-machine configuration is run by the other classroom tests; the Kubernetes values and the
image are on paper, so here they are held to the tested configuration and pins. The link script
prints what the guide shows and refuses a hub address it cannot use.
"""

import re
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from hub import ROOT, deployment_config

pytestmark = pytest.mark.classroom

DEPLOY = ROOT / "deploy"
LINK_SCRIPT = DEPLOY / "course_link.py"
DOCUMENTS = [DEPLOY / "README.md", DEPLOY / "Dockerfile", ROOT / "docs" / "instructor_guide.md"]


def _pins(text):
    return dict(re.findall(r"\b(jupyterhub|nbgitpuller)==([0-9][0-9.]*[0-9])", text))


def _link(*arguments):
    return subprocess.run([sys.executable, str(LINK_SCRIPT), *arguments], capture_output=True, text=True)


def test_the_documents_install_the_tested_jupyterhub_and_nbgitpuller():
    tested = _pins((ROOT / "requirements-dev.txt").read_text(encoding="utf-8"))
    assert set(tested) == {"jupyterhub", "nbgitpuller"}
    for document in DOCUMENTS:
        found = _pins(document.read_text(encoding="utf-8"))
        assert found, f"{document.name} names no version of jupyterhub or nbgitpuller"
        for package, version in found.items():
            assert version == tested[package], (
                f"{document.name}: {package}=={version}, tested {tested[package]}")


def test_the_kubernetes_values_keep_the_tested_settings():
    config = deployment_config()
    values = yaml.safe_load((DEPLOY / "values.yaml").read_text(encoding="utf-8"))
    authenticator, singleuser = values["hub"]["config"]["Authenticator"], values["singleuser"]
    assert set(authenticator["admin_users"]) == config.Authenticator.admin_users
    assert authenticator["allow_all"] == config.Authenticator.allow_all
    assert authenticator["allow_existing_users"] == config.Authenticator.allow_existing_users
    assert singleuser["defaultUrl"] == config.Spawner.default_url
    assert singleuser["startTimeout"] == config.Spawner.start_timeout
    assert singleuser["memory"]["limit"] == config.Spawner.mem_limit
    assert singleuser["cpu"]["limit"] == config.Spawner.cpu_limit
    assert values["hub"]["config"]["JupyterHub"]["authenticator_class"] != "dummy"


def test_the_link_opens_the_file_asked_for_in_a_folder_named_after_the_repository():
    done = _link("https://hub.example.edu/", "https://github.com/OWNER/REPO.git",
                 "--branch", "spring", "--open", "exercises/00_warmup.ipynb")
    assert done.returncode == 0, done.stderr
    link = urlsplit(done.stdout.strip())
    assert (link.scheme, link.netloc) == ("https", "hub.example.edu")
    assert link.path == "/hub/user-redirect/git-pull"
    assert parse_qs(link.query) == {
        "repo": ["https://github.com/OWNER/REPO.git"], "branch": ["spring"], "targetpath": ["REPO"],
        "urlpath": ["lab/tree/REPO/exercises/00_warmup.ipynb"],
    }


def test_the_guides_link_is_what_the_script_prints():
    for document in (DEPLOY / "README.md", ROOT / "docs" / "instructor_guide.md"):
        text = document.read_text(encoding="utf-8")
        command = re.search(r"python deploy/course_link\.py (.+)", text)
        shown = re.search(r"^https://\S+/hub/user-redirect/git-pull\?\S+$", text, re.M)
        assert command and shown, f"{document.name} shows no course_link.py command and its link"
        assert _link(*command.group(1).split()).stdout.strip() == shown.group(0), document.name


@pytest.mark.parametrize("hub", ["hub.example.edu", "ftp://hub.example.edu", "https://"])
def test_a_hub_address_without_https_is_refused_with_a_message(hub):
    done = _link(hub, "https://github.com/OWNER/REPO")
    assert done.returncode == 2
    assert "must start with https://" in done.stderr and "Traceback" not in done.stderr
