"""Exercise set 09 (properties, measured): the references agree with the library's checkers and the
facts table, right answers in their usual forms pass, the untouched student notebook is "not
attempted", and every typical mistake gets its intended diagnosis."""

import math

import numpy as np
import pytest
from exercise_helpers import ROOT, assert_wrong, defined, function_cells

import actlab
from actlab.activations import SELU_ALPHA, SELU_LAMBDA
from actlab.exercises import ex09
from actlab.exercises.checking import NOT_ATTEMPTED
from actlab.properties import check_monotonicity, check_nonlinearity, check_zero_centred

pytestmark = pytest.mark.filterwarnings("error")


def _answer(signature, body):
    """The learner's function ``def signature: body``, defined as in the notebook (where
    ``curve`` is imported in the first cell), its first line ``f = curve(name)``."""
    body = "f = curve(name)\n" + body
    source = f"def {signature}:\n    " + body.replace("\n", "\n    ") + "\n"
    namespace_source = "from actlab.exercises.ex09 import curve\n" + source
    return defined(namespace_source, signature.partition("(")[0])


# -- the references, against the library's checkers and the facts table ---------------------------

@pytest.mark.parametrize("name", actlab.names())
def test_references_agree_with_the_library_checkers(name):
    assert ex09.is_monotone(name) == check_monotonicity(name).holds
    # the Riemann sum counts the step's jump at its grid point 0 in full: off by φ(0)·Δz/2 ≈ 4e-5
    assert ex09.mean_output(name) == pytest.approx(check_zero_centred(name).value,
                                                abs=1e-4 if name == "binary_step" else 1e-7)


def test_reference_numbers_are_the_facts_table():
    assert ex09.mean_output("relu") == pytest.approx(1 / math.sqrt(2 * math.pi), abs=1e-8)
    assert ex09.mean_output("gelu") == pytest.approx(1 / (2 * math.sqrt(math.pi)), abs=1e-8)
    left, right = ex09.one_sided_slopes("selu", 0.0, 1e-7)
    assert left == pytest.approx(SELU_LAMBDA * SELU_ALPHA, abs=1e-6)
    assert right == pytest.approx(SELU_LAMBDA, abs=1e-6)
    assert ex09.one_sided_slopes("relu", 0.0, 1e-6) == (0.0, 1.0)
    rng = np.random.default_rng(0)
    a, b = rng.normal(0, 2, 1000), rng.normal(0, 2, 1000)
    assert ex09.additivity_failures("relu", a, b) == pytest.approx(
        np.mean(np.sign(a) != np.sign(b)))
    assert ex09.additivity_failures("3x", a, b) == 0.0
    assert ex09.additivity_failures("2x + 1", a, b) == 1.0
    assert check_nonlinearity(ex09.curve("2x + 1")).verdict.startswith("affine")


def test_the_narrow_dip_needs_a_fine_grid():
    x = np.linspace(-10, 10, 21)
    assert np.all(np.diff(ex09.curve(ex09.NARROW_DIP)(x)) >= 0)    # a grid of step 1 misses it
    assert not ex09.is_monotone(ex09.NARROW_DIP)
    assert check_monotonicity(ex09.curve(ex09.NARROW_DIP)).evidence[0]["to x"] == \
        pytest.approx(0.3, abs=0.02)
    assert not ex09.is_monotone("narrow dip at -4.37") and ex09.is_monotone("3x")
    assert ex09.curve("|x|")(np.array([-2.0])) == 2.0 and ex09.curve("selu") is actlab.selu


# -- the student notebook, untouched ---------------------------------------------------------------

def test_the_untouched_student_notebook_is_not_attempted_on_every_task():
    stubs = function_cells(ROOT / "exercises" / "09_properties.ipynb")
    assert sorted(stubs) == sorted(q.function for q in ex09.questions)
    for question in ex09.questions:
        result = question.check(defined(stubs[question.function], question.function))
        assert result.status == NOT_ATTEMPTED, result


# -- q1 is_monotone --------------------------------------------------------------------------------

Q1 = "is_monotone(name)"


@pytest.mark.parametrize("body", [
    "x = np.linspace(-10, 10, 200_001)\nreturn bool(np.all(np.diff(f(x)) >= -1e-12))",
    "x = np.linspace(-10, 10, 20_001)\nreturn np.all(np.diff(f(x)) >= 0)",
    "y = f(np.arange(-10, 10, 1e-4))\nreturn bool((y[1:] >= y[:-1] - 1e-12).all())",
    "y = f(np.linspace(-12, 12, 100_000))\nreturn not np.any(np.diff(y) < -1e-12)",
])
def test_q1_accepts_other_forms(body):
    assert ex09.q1.check(_answer(Q1, body)).passed


@pytest.mark.parametrize("body, phrase", [
    ("x = np.linspace(-10, 10, 21)\nreturn bool(np.all(np.diff(f(x)) >= 0))",
     "Your test calls the narrow dip monotone"),
    ("x = np.linspace(-10, 10, 81)\nreturn bool(np.all(np.diff(f(x)) >= 0))",
     "a coarse grid steps right over it"),
    ("x = np.linspace(0, 10, 100_001)\nreturn bool(np.all(np.diff(f(x)) >= 0))",
     "Your test calls GELU monotone"),
    ("x = np.linspace(-10, 10, 3)\nreturn bool(np.all(np.diff(f(x)) >= 0))",
     "too coarse, or does not reach far enough left"),
    ("x = np.linspace(-10, 10, 200_001)\nreturn bool(np.all(np.diff(f(x)) > 0))",
     "Your test calls ReLU not monotone"),
    ("x = np.linspace(-10, 10, 200_001)\nreturn bool(np.any(np.diff(f(x)) < -1e-12))",
     "the opposite of the right ones"),
])
def test_q1_diagnoses(body, phrase):
    assert_wrong(ex09.q1.check(_answer(Q1, body)), "values", phrase)


# -- q2 additivity_failures ------------------------------------------------------------------------

Q2 = "additivity_failures(name, a, b)"


@pytest.mark.parametrize("body", [
    "gap = np.abs(f(a + b) - (f(a) + f(b)))\nreturn float(np.mean(gap > 1e-9))",
    "return float(np.sum(~np.isclose(f(a + b), f(a) + f(b), rtol=0, atol=1e-9)) / len(a))",
    "fails = [abs(f(np.array([x + y]))[0] - f(np.array([x]))[0] - f(np.array([y]))[0]) > 1e-9 "
    "for x, y in zip(a, b)]\nreturn sum(fails) / len(fails)",
])
def test_q2_accepts_other_forms(body):
    assert ex09.q2.check(_answer(Q2, body)).passed


@pytest.mark.parametrize("body, phrase", [
    ("return float(np.mean(f(a + b) != f(a) + f(b)))", "`!=` compares floats exactly"),
    ("return float(np.sum(np.abs(f(a + b) - f(a) - f(b)) > 1e-9))", "the *number* of pairs"),
    ("return float(np.mean(np.abs(f(a + b) - f(a) - f(b)) <= 1e-9))", "additivity *holds*"),
    ("return float(np.mean(np.abs(f(a + b) - f(a) - f(b))))", "the mean *size* of the gap"),
    ("return float(np.mean(np.abs(f(a * b) - f(a) * f(b)) > 1e-9))", "You tested f(a·b)"),
])
def test_q2_diagnoses(body, phrase):
    assert_wrong(ex09.q2.check(_answer(Q2, body)), "values", phrase)


# -- q3 one_sided_slopes ---------------------------------------------------------------------------

Q3 = "one_sided_slopes(name, x0, h)"


@pytest.mark.parametrize("body", [
    "y = f(np.array([x0 - h, x0, x0 + h]))\nreturn float((y[1] - y[0]) / h), float((y[2] - y[1]) / h)",
    "left = (f(np.array(x0)) - f(np.array(x0 - h))) / h\nright = (f(np.array(x0 + h)) - "
    "f(np.array(x0))) / h\nreturn float(left), float(right)",
    # second-order one-sided differences are as good (the check allows 1e-4)
    "y = f(x0 + h * np.array([-2.0, -1.0, 0.0, 1.0, 2.0]))\n"
    "return float((3 * y[2] - 4 * y[1] + y[0]) / (2 * h)), float((-3 * y[2] + 4 * y[3] - y[4]) / (2 * h))",
])
def test_q3_accepts_other_forms(body):
    assert ex09.q3.check(_answer(Q3, body)).passed


@pytest.mark.parametrize("body, phrase", [
    ("s = float((f(np.array(x0 + h)) - f(np.array(x0 - h))) / (2 * h))\nreturn s, s",
     "the central difference"),
    ("y = f(np.array([x0 - h, x0, x0 + h]))\nreturn float((y[0] - y[1]) / h), float((y[2] - y[1]) / h)",
     "Your left slope has the wrong sign"),
    ("y = f(np.array([x0 - h, x0, x0 + h]))\nreturn float((y[2] - y[1]) / h), float((y[1] - y[0]) / h)",
     "Left and right are swapped"),
    ("y = f(np.array([x0 - h, x0, x0 + h]))\n"
     "return float((y[1] - y[0]) / (2 * h)), float((y[2] - y[1]) / (2 * h))", "not 2h"),
    ("y = f(np.array([x0 - h, x0, x0 + h]))\nreturn float((y[1] - y[0]) / h)", "2 values"),
])
def test_q3_diagnoses(body, phrase):
    result = ex09.q3.check(_answer(Q3, body))
    assert_wrong(result, "type" if phrase == "2 values" else "values", phrase)


# -- q4 mean_output --------------------------------------------------------------------------------

Q4 = "mean_output(name)"


@pytest.mark.parametrize("body", [
    "z = np.linspace(-10, 10, 100_001)\nphi = np.exp(-z ** 2 / 2) / np.sqrt(2 * np.pi)\n"
    "return float(np.sum(f(z) * phi) * (z[1] - z[0]))",
    "z = np.linspace(-12, 12, 20_001)\n"
    "return float(np.trapezoid(f(z) * np.exp(-z * z / 2) / np.sqrt(2 * np.pi), z))",
    "from scipy import integrate, stats\n"
    "return integrate.quad(lambda t: float(f(np.array([t]))[0]) * stats.norm.pdf(t), -np.inf, np.inf)[0]",
])
def test_q4_accepts_other_forms(body):
    assert ex09.q4.check(_answer(Q4, body)).passed


@pytest.mark.parametrize("body, phrase", [
    ("z = np.linspace(-10, 10, 100_001)\nreturn float(np.mean(f(z)))", "the plain average of f"),
    ("z = np.linspace(-8, 8, 50_001)\nreturn float(np.sum(f(z) * np.exp(-z ** 2 / 2)) * (z[1] - z[0]))",
     "√(2π) ≈ 2.5066 times too large"),
    ("z = np.linspace(-8, 8, 50_001)\nreturn float(np.sum(f(z) * np.exp(-z ** 2 / 2) / np.sqrt(2 * np.pi)))",
     "forget to multiply by the grid step"),
    ("return float(np.mean(f(np.random.default_rng(0).normal(size=1_000_000))))",
     "If you sampled"),
    ("z = np.linspace(-3, 3, 100_001)\nphi = np.exp(-z ** 2 / 2) / np.sqrt(2 * np.pi)\n"
     "return float(np.sum(f(z) * phi) * (z[1] - z[0]))", "too coarse or too narrow"),
])
def test_q4_diagnoses(body, phrase):
    assert_wrong(ex09.q4.check(_answer(Q4, body)), "values", phrase)
