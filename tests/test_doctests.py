"""Every example in the library's docstrings runs and prints what it says."""

import doctest
import importlib
import pkgutil

import pytest

import actlab

MODULES = ["actlab"] + [m.name for m in pkgutil.walk_packages(actlab.__path__, "actlab.")]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} failing example(s) in {name}"


def test_the_core_modules_have_examples():
    for name in ("actlab", "actlab.activations", "actlab.probabilities", "actlab.perceptron"):
        assert doctest.testmod(importlib.import_module(name)).attempted > 0, name
