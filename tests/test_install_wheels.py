"""The README's install command works on every Python a learner may have: for each CPython from 3.11
to the newest release on Linux, macOS and Windows, every package that requirements.txt brings in
(transitive dependencies and platform-only ones included) has a wheel, so pip never has to compile.

pip cannot check that from one machine: given --python-version and --platform it still evaluates
environment markers, in requirements.txt and in every dependency's metadata, for the Python running
it (pypa/pip#11664), so it would check 3.11's pins and Linux's dependencies everywhere. uv
resolves for another Python and platform with their own markers, and reads wheel metadata without
downloading the wheels. It resolves the way pip on that machine would, newest versions first and
source distributions allowed, so a version that only a compiler could install is not hidden behind
an older one that has a wheel. Which wheels count is decided by `packaging`, the tag logic pip
itself uses, not by uv.
"""

import os
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from itertools import chain, product
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import pytest
from exercise_helpers import ROOT
from packaging.tags import Tag, compatible_tags, cpython_tags, mac_platforms
from packaging.utils import parse_wheel_filename

REQUIREMENTS = ROOT / "requirements.txt"
PYPI = "https://pypi.org/simple"
UV_SECONDS = 300

# From the oldest Python the course supports (requires-python in pyproject.toml) to the newest
# CPython release (3.15.0, October 2026).
PYTHONS = ("3.11", "3.12", "3.13", "3.14", "3.15")


@dataclass(frozen=True)
class Platform:
    """A learner's machine: uv's name for it, and the wheel platform tags pip accepts there."""

    name: str
    uv_name: str
    wheel_platforms: tuple[str, ...]
    environment: dict[str, str] = field(default_factory=dict)


# glibc 2.34, the oldest of a mainstream Linux still supported (RHEL 9 and its rebuilds); Ubuntu
# 22.04 (2.35), Debian 12 (2.36) and newer accept every wheel it does. Like pip, every older
# manylinux level too; musllinux wheels are for Alpine's musl, which pip on glibc refuses.
LINUX = Platform("linux-x86_64", "x86_64-manylinux_2_34",
                 (*(f"manylinux_2_{minor}_x86_64" for minor in range(34, 4, -1)),
                  "manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64",
                  "linux_x86_64"))
# macOS 12 on Apple silicon: scipy and scikit-learn ship arm64 wheels for 12.0 and newer only; a
# newer macOS accepts every wheel 12 does.
MACOS = Platform("macos-arm64", "aarch64-apple-darwin", tuple(mac_platforms((12, 0), "arm64")),
                 {"MACOSX_DEPLOYMENT_TARGET": "12.0"})
WINDOWS = Platform("windows-x86_64", "x86_64-pc-windows-msvc", ("win_amd64",))
PLATFORMS = (LINUX, MACOS, WINDOWS)

COMBINATIONS = [pytest.param(python, platform, id=f"python{python}-{platform.name}")
                for python, platform in product(PYTHONS, PLATFORMS)]


@dataclass(frozen=True)
class Pick:
    """A package as pip would install it: its version and wheel (None: built from source)."""

    name: str
    version: str
    wheel: str | None


@pytest.fixture(scope="session")
def uv():
    """The uv executable that requirements-dev.txt installs."""
    try:
        from uv import find_uv_bin
    except ImportError:
        pytest.fail("uv is not installed: `.venv/bin/pip install -r requirements-dev.txt` "
                    "installs it")
    return find_uv_bin()


@pytest.fixture(scope="session")
def uv_cache(tmp_path_factory):
    """A cache of this run's own, so every run asks the index afresh."""
    return tmp_path_factory.mktemp("uv-cache")


def accepted_tags(python, platform):
    """The wheel tags pip on CPython `python` ("3.15") on `platform` installs."""
    version = tuple(int(part) for part in python.split("."))
    return frozenset(chain(cpython_tags(version, platforms=platform.wheel_platforms),
                           compatible_tags(version, "cp{}{}".format(*version),
                                           platform.wheel_platforms)))


def resolve(requirements, python, platform, uv, cache):
    """Resolve `requirements` for `python` on `platform` against PyPI as pip there would, and
    return every package it installs, with the wheel pip would take.

    The local project (`-e .`) is left out: it is pure Python and built on the learner's machine.
    """
    # --python: the interpreter uv would build with (nothing here needs building); without it, uv
    # hunts for, and tries to download, a CPython `python`. The resolution is for `python` all the
    # same.
    command = [uv, "pip", "compile", str(requirements), "--format", "pylock.toml", "--quiet",
               "--python-version", python, "--python-platform", platform.uv_name,
               "--python", sys.executable, "--default-index", PYPI, "--no-config"]
    # Only PyPI counts, as for a learner: none of this machine's uv settings (an index mirror, say);
    # uv never reads pip's configuration.
    environment = {name: value for name, value in os.environ.items()
                   if not name.startswith("UV_")}
    environment |= platform.environment | {"UV_CACHE_DIR": str(cache)}
    where = f"{requirements.name} for Python {python} on {platform.name}"
    try:
        run = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True,
                             timeout=UV_SECONDS)
    except subprocess.TimeoutExpired:
        pytest.fail(f"uv took over {UV_SECONDS} s to resolve {where}: is PyPI reachable? "
                    "(offline, deselect these tests with -m 'not index')")
    if run.returncode != 0:
        pytest.fail(f"uv could not resolve {where} (offline, deselect these tests with "
                    f"-m 'not index'):\n{run.stderr}")
    accepted = accepted_tags(python, platform)
    return [Pick(package["name"], package["version"], _installable_wheel(package, accepted))
            for package in tomllib.loads(run.stdout)["packages"] if "directory" not in package]


def _installable_wheel(package, accepted):
    """The file name of the first wheel in a pylock.toml package entry that pip accepts, or None."""
    for wheel in package.get("wheels", []):
        filename = PurePosixPath(urlsplit(wheel["url"]).path).name
        if parse_wheel_filename(filename)[3] & accepted:
            return filename
    return None


def wheel_missing(picks, python, platform):
    """The message naming the packages without a wheel for this Python and platform ("" if none)."""
    missing = [f"{pick.name} {pick.version}" for pick in picks if pick.wheel is None]
    if not missing:
        return ""
    return (f"Python {python} on {platform.name}: no wheel for {', '.join(missing)} (pip there "
            "would compile from source). In requirements.txt, pin a version with a wheel for "
            f"Python {python}, with an environment marker if other Pythons keep theirs.")


@pytest.mark.index
@pytest.mark.parametrize(("python", "platform"), COMBINATIONS)
def test_every_package_installs_from_a_wheel(python, platform, uv, uv_cache):
    message = wheel_missing(resolve(REQUIREMENTS, python, platform, uv, uv_cache), python, platform)
    assert not message, message


@pytest.mark.index
def test_a_pin_without_a_wheel_fails_the_check(tmp_path, uv, uv_cache):
    """The check can fail: numpy 2.4.6 for every Python, as before numpy got markers, has no wheel
    for 3.15, and the message says so."""
    lines = [line for line in REQUIREMENTS.read_text().splitlines()
             if not line.startswith("numpy")]
    old = tmp_path / "requirements.txt"
    old.write_text("\n".join([*lines, "numpy==2.4.6"]) + "\n")

    picks = resolve(old, "3.15", LINUX, uv, uv_cache)

    assert [pick.name for pick in picks if pick.wheel is None] == ["numpy"]
    assert wheel_missing(picks, "3.15", LINUX).startswith(
        "Python 3.15 on linux-x86_64: no wheel for numpy 2.4.6 (pip there would compile")


def test_the_accepted_tags_are_those_of_pip_on_each_platform():
    """Which wheels pip takes on each platform, for wheels whose fate there is known."""
    linux, macos, windows = (accepted_tags("3.15", platform) for platform in PLATFORMS)
    assert {Tag("cp315", "cp315", "manylinux_2_28_x86_64"), Tag("cp315", "cp315",
            "manylinux2014_x86_64"), Tag("py3", "none", "any")} <= linux
    assert not {Tag("cp315", "cp315", "manylinux_2_35_x86_64"), Tag("cp315", "cp315",
                "musllinux_1_2_x86_64"), Tag("cp314", "cp314", "manylinux_2_28_x86_64")} & linux
    assert {Tag("cp315", "cp315", "macosx_11_0_arm64"), Tag("cp315", "cp315", "macosx_12_0_arm64"),
            Tag("cp315", "cp315", "macosx_11_0_universal2")} <= macos
    assert not {Tag("cp315", "cp315", "macosx_14_0_arm64"),
                Tag("cp315", "cp315", "macosx_10_15_x86_64")} & macos
    assert {Tag("cp315", "cp315", "win_amd64"), Tag("cp312", "abi3", "win_amd64")} <= windows
    assert Tag("cp315", "cp315", "win32") not in windows
