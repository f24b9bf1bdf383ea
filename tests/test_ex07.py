"""Exercise set 07 (the ReLU family and smooth units): the references agree with the library and
the lesson, right answers in their usual forms pass, the untouched student notebook is "not
attempted", and every typical mistake gets its intended diagnosis."""

import math

import numpy as np
import pytest
from exercise_helpers import ROOT, assert_wrong, defined, function_cells

import actlab
from actlab.exercises import ex07
from actlab.exercises.checking import NOT_ATTEMPTED
from actlab.properties import gaussian_moments

pytestmark = pytest.mark.filterwarnings("error")

SELU_CONSTANTS = "alpha = 1.6732632423543772\nlam = 1.0507009873554805\n"


def _answer(signature, body):
    """The learner's function ``def signature: body``, defined as in the notebook."""
    return defined(f"def {signature}:\n    " + body.replace("\n", "\n    ") + "\n",
                   signature.partition("(")[0])


# -- the references, against the library and the lesson --------------------------------------------

def test_references_agree_with_the_library():
    x = np.concatenate([np.linspace(-5, 5, 101), [-1000.0, 1000.0, -1e-12, 1e-12]])
    for alpha in (0.0, 0.01, 0.3, 2.0):
        value, slope = ex07.leaky_relu_and_slope(x, alpha)
        assert np.array_equal(value, actlab.leaky_relu(x, alpha=alpha))
        assert np.array_equal(slope, actlab.leaky_relu.grad(x, alpha=alpha))
    for alpha in (0.5, 1.0, 2.0):
        np.testing.assert_allclose(ex07.elu(x, alpha), actlab.elu(x, alpha=alpha), rtol=1e-15)
    # the plain formula cancels in 1 + tanh(...) for very negative x: close in absolute terms only
    np.testing.assert_allclose(ex07.gelu_tanh(x), actlab.gelu(x, approximate="tanh"),
                               rtol=1e-14, atol=1e-15)
    z = np.random.default_rng(0).normal(size=10_000)
    mean, variance = ex07.selu_moments(z)
    assert mean == pytest.approx(actlab.selu(z).mean(), abs=1e-14)
    assert variance == pytest.approx(actlab.selu(z).var(), abs=1e-14)


def test_selu_moments_approach_the_fixed_point_with_many_samples():
    mean, variance = ex07.selu_moments(np.random.default_rng(1).normal(size=2_000_000))
    want_mean, want_variance = gaussian_moments("selu")
    assert abs(mean - want_mean) < 3e-3 and abs(variance - want_variance) < 3e-3


def test_the_tanh_form_is_within_the_lessons_error_of_the_exact_gelu():
    x = np.linspace(-10, 10, 200_001)
    assert abs(np.abs(ex07.gelu_tanh(x) - actlab.gelu(x)).max() - 4.7e-4) < 5e-6


# -- the student notebook, untouched ---------------------------------------------------------------

def test_the_untouched_student_notebook_is_not_attempted_on_every_task():
    stubs = function_cells(ROOT / "exercises" / "07_relu_family.ipynb")
    assert sorted(stubs) == sorted(q.function for q in ex07.questions)
    for question in ex07.questions:
        result = question.check(defined(stubs[question.function], question.function))
        assert result.status == NOT_ATTEMPTED, result
    assert SELU_CONSTANTS.replace("\n", "\n    ") in stubs["selu_moments"]


# -- q1 leaky_relu_and_slope -----------------------------------------------------------------------

Q1 = "leaky_relu_and_slope(x, alpha)"


@pytest.mark.parametrize("body", [
    "return np.where(x >= 0, x, alpha * x), np.where(x > 0, 1.0, alpha)",
    "value = np.where(x < 0, alpha * x, x)\nslope = np.where(x <= 0, alpha, 1.0)\n"
    "return value, slope",
    "slope = np.where(x > 0, 1.0, alpha)\nreturn x * slope, slope",
    "return actlab.leaky_relu(x, alpha=alpha), actlab.leaky_relu.grad(x, alpha=alpha)",
])
def test_q1_accepts_other_forms(body):
    assert ex07.q1.check(_answer(Q1, body)).passed


@pytest.mark.parametrize("body, problem, phrase", [
    ("return np.where(x >= 0, alpha * x, x), np.where(x > 0, alpha, 1.0)", "values",
     "The slope α is on the wrong side"),
    ("return np.where(x >= 0, x, alpha * x), np.where(x >= 0, 1.0, alpha)", "values",
     "Your slope at the kink x = 0 is 1"),
    ("return np.where(x >= 0, x, alpha * x), (x > 0).astype(float)", "values",
     "That is ReLU's slope"),
    ("return np.maximum(x, alpha * x), np.where(x > 0, 1.0, alpha)", "values",
     "`np.maximum(x, alpha * x)` is leaky ReLU only while α ≤ 1"),
    ("return np.where(x >= 0, x, alpha * x), np.where(x > 0, 1.0, alpha * x)", "values",
     "that is the *value* there"),
    ("return np.where(x >= 0, x, alpha * x)", "type", "2 values"),
])
def test_q1_diagnoses(body, problem, phrase):
    assert_wrong(ex07.q1.check(_answer(Q1, body)), problem, phrase)


def test_q1_the_feedback_names_the_slope():
    body = "return np.where(x >= 0, x, alpha * x), np.where(x > 0, 1, 0)"
    result = ex07.q1.check(_answer(Q1, body))
    assert_wrong(result, "dtype", "`slope`")


# -- q2 elu ----------------------------------------------------------------------------------------

Q2 = "elu(x, alpha)"


@pytest.mark.parametrize("body", [
    "return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0)))",
    "return np.where(x > 0, x, alpha * (np.exp(np.minimum(x, 0)) - 1))",
    "return np.maximum(x, 0) + alpha * np.expm1(np.minimum(x, 0))",
    "out = x.copy()\nneg = x <= 0\nout[neg] = alpha * np.expm1(x[neg])\nreturn out",
])
def test_q2_accepts_other_forms(body):
    assert ex07.q2.check(_answer(Q2, body)).passed


@pytest.mark.parametrize("body, problem, phrase", [
    ("return np.where(x > 0, x, alpha * (np.exp(x) - 1))", "warning",
     "`np.where` evaluates *both* branches"),
    ("return np.where(x > 0, x, alpha * np.expm1(x))", "warning",
     "`np.where` evaluates *both* branches"),
    ("return np.where(x > 0, x, alpha * np.exp(np.minimum(x, 0)))", "values", "The −1 is missing"),
    ("return np.where(x > 0, x, np.expm1(np.minimum(x, 0)))", "values", "α is missing"),
    ("return alpha * np.where(x > 0, x, np.expm1(np.minimum(x, 0)))", "values",
     "α multiplies only the negative branch"),
    ("return np.where(x > 0, x, alpha * x.expm1(np.minimum(x, 0)))", "error",
     "`expm1` is numpy's"),
])
def test_q2_diagnoses(body, problem, phrase):
    assert_wrong(ex07.q2.check(_answer(Q2, body)), problem, phrase)


def test_q2_the_overflow_is_shown_at_x_1000():
    result = ex07.q2.check(_answer(Q2, "return np.where(x > 0, x, alpha * (np.exp(x) - 1))"))
    assert_wrong(result, "warning", "overflow", "1000")


# -- q3 gelu_tanh ----------------------------------------------------------------------------------

Q3 = "gelu_tanh(x)"


@pytest.mark.parametrize("body", [
    "return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)))",
    "inner = np.sqrt(2 / np.pi) * (x + 0.044715 * x * x * x)\nreturn x * (1 + np.tanh(inner)) / 2",
    "return x * sigmoid(2 * np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3))",
    "return actlab.gelu(x, approximate='tanh')",
])
def test_q3_accepts_other_forms(body):
    assert ex07.q3.check(_answer(Q3, body)).passed


@pytest.mark.parametrize("body, phrase", [
    ("return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * x))", "The cubic term is missing"),
    ("return 0.5 * x * (1 + np.tanh(np.sqrt(2 * np.pi) * (x + 0.044715 * x ** 3)))",
     "not √(2π)"),
    ("return 0.5 * x * (1 + np.tanh(2 / np.pi * (x + 0.044715 * x ** 3)))", "you used 2/π"),
    ("return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 2)))", "a cube"),
    ("return actlab.gelu(x)", "That is the exact GELU"),
    ("from scipy.special import ndtr\nreturn x * ndtr(x)", "That is the exact GELU"),
    ("return x * sigmoid(1.702 * x)", "the sigmoid approximation"),
    ("return x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)))",
     "The factor ½ is missing"),
])
def test_q3_diagnoses(body, phrase):
    assert_wrong(ex07.q3.check(_answer(Q3, body)), "values", phrase)


# -- q4 selu_moments -------------------------------------------------------------------------------

Q4 = "selu_moments(z)"


@pytest.mark.parametrize("body", [
    "h = lam * np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0)))\nreturn h.mean(), h.var()",
    "h = actlab.selu(z)\nreturn np.mean(h), np.mean((h - h.mean()) ** 2)",
    "h = np.where(z > 0, lam * z, lam * alpha * (np.exp(np.minimum(z, 0)) - 1))\n"
    "return float(h.mean()), float(h.std() ** 2)",
])
def test_q4_accepts_other_forms(body):
    assert ex07.q4.check(_answer(Q4, SELU_CONSTANTS + body)).passed


@pytest.mark.parametrize("body, phrase", [
    ("h = np.where(z > 0, z, lam * alpha * np.expm1(np.minimum(z, 0)))\nreturn h.mean(), h.var()",
     "λ multiplies *both* branches"),
    ("h = lam * np.where(z > 0, z, lam * np.expm1(np.minimum(z, 0)))\nreturn h.mean(), h.var()",
     "the factor inside is α"),
    ("h = alpha * np.where(z > 0, z, lam * np.expm1(np.minimum(z, 0)))\nreturn h.mean(), h.var()",
     "α and λ are swapped"),
    ("h = lam * np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0)))\nreturn h.mean(), h.std()",
     "should be the variance"),
    ("h = lam * np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0)))\n"
     "return h.mean(), np.var(h, ddof=1)", "`ddof=1`"),
    ("return z.mean(), z.var()", "mean and variance of z itself"),
])
def test_q4_diagnoses(body, phrase):
    assert_wrong(ex07.q4.check(_answer(Q4, SELU_CONSTANTS + body)), "values", phrase)


def test_q4_an_overflowing_selu_is_told_so():
    body = "h = lam * np.where(z > 0, z, alpha * (np.exp(z) - 1))\nreturn h.mean(), h.var()"
    result = ex07.q4.check(_answer(Q4, SELU_CONSTANTS + body))
    assert result.passed or result.problem == "warning"
    assert math.isfinite(ex07.selu_moments(np.array([800.0]))[0])
