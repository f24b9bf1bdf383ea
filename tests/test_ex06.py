"""Exercise set 06 (ReLU): the references agree with the library, the engine and the lesson, right
answers in their usual forms pass, the untouched student notebook is "not attempted", and every
typical mistake gets its intended diagnosis."""

import math

import numpy as np
import pytest
from exercise_helpers import ROOT, assert_wrong, defined, function_cells

from actlab import relu
from actlab.experiments import dying_relu
from actlab.exercises import ex06
from actlab.exercises.checking import NOT_ATTEMPTED
from actlab.network import Dense, Network, layer_statistics


def _answer(signature, body):
    """The learner's function ``def signature: body``, defined as in the notebook."""
    return defined(f"def {signature}:\n    " + body.replace("\n", "\n    ") + "\n",
                   signature.partition("(")[0])


def _engine(weights, biases):
    """The same network in the engine (ReLU hidden layers; a linear unit on top, not counted)."""
    layers = [Dense(W, b, "relu") for W, b in zip(weights, biases)]
    return Network(layers + [Dense(np.ones((weights[-1].shape[1], 1)), [0.0])])


# -- the references, against the library, the engine and the lesson --------------------------------

def test_relu_grad_is_the_library_s():
    x = np.array([-3.0, -1e-300, -0.0, 0.0, 1e-300, 2.0])
    assert np.array_equal(ex06.relu_grad(x), relu.grad(x))
    assert ex06.relu_grad(np.array([0.0]))[0] == 0.0


@pytest.mark.parametrize("seed", range(4))
def test_count_dead_and_zero_fraction_are_the_engine_s(seed):
    rng = np.random.default_rng(seed)
    sizes = [3, 4, 4, 3, 2]
    weights = [rng.normal(size=(a, b)) for a, b in zip(sizes, sizes[1:])]
    biases = [rng.normal(size=b) - 0.5 for b in sizes[1:]]
    X = rng.normal(size=(25, 3))
    stats = layer_statistics(_engine(weights, biases), X)
    assert ex06.count_dead(X, weights, biases).tolist() == [
        int(units.sum()) for units in stats.dead_units[:-1]]
    np.testing.assert_allclose(ex06.zero_fraction(X, weights, biases), stats.zero[:-1],
                               rtol=0, atol=1e-15)


def test_the_hand_made_layer_has_a_dead_unit_with_weights_and_a_live_one_without():
    (W1, _), (b1, _) = ex06._HAND
    stats = layer_statistics(_engine(*ex06._HAND), ex06._X_HAND)
    assert stats.dead_units[0].tolist() == [True, False, True, False]
    assert np.any(W1[:, 0] != 0) and np.all(W1[:, 1] == 0) and b1[1] > 0


def test_relu_cosine_is_the_lesson_s_formula_and_iterates_to_its_numbers():
    c = np.linspace(-1, 1, 41)
    np.testing.assert_allclose(ex06.relu_cosine(c), dying_relu.relu_cosine_map(c), atol=1e-15)
    assert ex06.relu_cosine(np.array([0.0]))[0] == pytest.approx(1 / math.pi, abs=1e-15)
    value = np.array([0.0])
    for _ in range(20):
        value = ex06.relu_cosine(value)
    assert value[0] == pytest.approx(dying_relu.cosine_after_layers(0.0, 20)[-1], abs=1e-12)


# -- the student notebook, untouched ---------------------------------------------------------------

def test_the_untouched_student_notebook_is_not_attempted_on_every_task():
    stubs = function_cells(ROOT / "exercises" / "06_relu.ipynb")
    assert sorted(stubs) == sorted(q.function for q in ex06.questions)
    for question in ex06.questions:
        result = question.check(defined(stubs[question.function], question.function))
        assert result.status == NOT_ATTEMPTED, result
        assert "not attempted yet" in str(result)


# -- q1 relu_grad ----------------------------------------------------------------------------------

Q1 = "relu_grad(x)"


@pytest.mark.parametrize("body", [
    "return np.where(x > 0, 1.0, 0.0)",
    "return (x > 0).astype(float)",
    "return np.heaviside(x, 0.0)",
    "return relu.grad(x)",
    "g = np.zeros_like(x)\ng[x > 0] = 1\nreturn g",
])
def test_q1_accepts_other_forms(body):
    assert ex06.q1.check(_answer(Q1, body)).passed


@pytest.mark.parametrize("body, problem, phrase", [
    ("return np.where(x >= 0, 1.0, 0.0)", "values", "At x = 0 your derivative is 1"),
    ("return np.heaviside(x, 1.0)", "values", "At x = 0 your derivative is 1"),
    ("return np.heaviside(x, 0.5)", "values", "At x = 0 you returned 0.5"),
    ("return np.maximum(x, 0)", "values", "That is ReLU itself"),
    ("return np.sign(x)", "values", "`np.sign` gives −1 for negative x"),
    ("return np.where(x < 0, 1.0, 0.0)", "values", "Your 1s and 0s are swapped"),
    ("return x > 0", "dtype", "bool"),
    ("x[x > 0] = 1.0\nx[x <= 0] = 0.0\nreturn x", "mutation", "changed x in place"),
])
def test_q1_diagnoses(body, problem, phrase):
    assert_wrong(ex06.q1.check(_answer(Q1, body)), problem, phrase)


# -- q2 count_dead ---------------------------------------------------------------------------------

Q2 = "count_dead(X, weights, biases)"
_LOOP = "counts = []\nH = X\nfor W, b in zip(weights, biases):\n    Z = H @ W + b\n"


@pytest.mark.parametrize("body", [
    _LOOP + "    counts.append(np.sum(np.all(Z <= 0, axis=0)))\n    H = np.maximum(Z, 0)\n"
            "return np.array(counts)",
    _LOOP + "    H = relu(Z)\n    counts.append(np.count_nonzero(np.all(H == 0, axis=0)))\n"
            "return np.array(counts)",
    _LOOP + "    counts.append(int((~np.any(Z > 0, axis=0)).sum()))\n    H = np.maximum(Z, 0)\n"
            "return np.array(counts)",
])
def test_q2_accepts_other_forms(body):
    assert ex06.q2.check(_answer(Q2, body)).passed


def _q2_body(count, z="H @ W + b", feed="np.maximum(Z, 0)"):
    return (f"counts = []\nH = X\nfor W, b in zip(weights, biases):\n    Z = {z}\n"
            f"    counts.append({count})\n    H = {feed}\nreturn np.array(counts)")


@pytest.mark.parametrize("body, problem, phrase", [
    (_q2_body("np.sum(np.all(W == 0, axis=0))"), "values",
     "You counted the units whose weights are all 0"),
    (_q2_body("np.sum(np.any(Z <= 0, axis=0))"), "values", "off on *some* example"),
    (_q2_body("np.sum(np.all(Z < 0, axis=0))"), "values",
     "A unit whose z is exactly 0 on every example is dead too"),
    (_q2_body("np.sum(np.all(Z <= 0, axis=0))", z="H @ W"), "values", "You left out the bias"),
    (_q2_body("np.sum(np.all(Z <= 0, axis=1))"), "values", "You counted *examples*"),
    (_q2_body("np.sum(Z <= 0)"), "values", "You counted every entry with z ≤ 0"),
    (_q2_body("np.mean(np.all(Z <= 0, axis=0))"), "values", "That is the *fraction*"),
    (_q2_body("np.sum(np.all(Z <= 0, axis=0))", feed="H"), "error",
     "Every one of your layers starts again from X"),
])
def test_q2_diagnoses(body, problem, phrase):
    assert_wrong(ex06.q2.check(_answer(Q2, body)), problem, phrase)


def test_q2_every_layer_fed_x_is_told_so():
    result = ex06.q2.check(_answer(Q2, _q2_body("np.sum(np.all(Z <= 0, axis=0))",
                                                z="X @ W + b")))
    assert_wrong(result, "error", "Every one of your layers starts again from X")


# -- q3 zero_fraction ------------------------------------------------------------------------------

Q3 = "zero_fraction(X, weights, biases)"


def _q3_body(measure):
    return ("fractions = []\nH = X\nfor W, b in zip(weights, biases):\n    Z = H @ W + b\n"
            f"    H = np.maximum(Z, 0)\n    fractions.append({measure})\n"
            "return np.array(fractions)")


@pytest.mark.parametrize("body", [
    _q3_body("np.mean(H == 0)"),
    _q3_body("np.count_nonzero(H == 0) / H.size"),
    _q3_body("np.mean(Z <= 0)"),
    _q3_body("1 - np.count_nonzero(H) / H.size"),
])
def test_q3_accepts_other_forms(body):
    assert ex06.q3.check(_answer(Q3, body)).passed


@pytest.mark.parametrize("body, problem, phrase", [
    (_q3_body("np.mean(np.all(H == 0, axis=0))"), "values", "the fraction of *dead units*"),
    (_q3_body("np.sum(H == 0)"), "dtype", "That is the number of zeros"),
    (_q3_body("np.mean(Z < 0)"), "values", "You measured z < 0"),
    (_q3_body("np.mean(H != 0)"), "values", "the active ones"),
    (_q3_body("np.mean(H == 0, axis=0)"), "error", "You took the mean per unit"),
])
def test_q3_diagnoses(body, problem, phrase):
    assert_wrong(ex06.q3.check(_answer(Q3, body)), problem, phrase)


# -- q4 relu_cosine --------------------------------------------------------------------------------

Q4 = "relu_cosine(c)"


@pytest.mark.parametrize("body", [
    "t = np.arccos(np.clip(c, -1.0, 1.0))\nreturn (np.sin(t) + (np.pi - t) * np.cos(t)) / np.pi",
    "t = np.arccos(np.clip(c, -1, 1))\nreturn (np.sqrt(1 - np.cos(t) ** 2) + (np.pi - t) * "
    "np.clip(c, -1, 1)) / np.pi",
    "t = np.arccos(np.minimum(np.maximum(c, -1), 1))\nreturn np.sin(t) / np.pi + (1 - t / np.pi) "
    "* np.cos(t)",
])
def test_q4_accepts_other_forms(body):
    assert ex06.q4.check(_answer(Q4, body)).passed


@pytest.mark.parametrize("body, problem, phrase", [
    ("t = np.arccos(c)\nreturn (np.sin(t) + (np.pi - t) * np.cos(t)) / np.pi", "warning",
     "Clip c to [−1, 1] first"),
    ("t = np.arccos(np.clip(c, -1, 1))\nreturn np.sin(t) + (np.pi - t) * np.cos(t)", "values",
     "You left out the division by π"),
    ("t = np.arccos(np.clip(c, -1, 1))\nreturn (np.cos(t) + (np.pi - t) * np.sin(t)) / np.pi",
     "values", "Sine and cosine are swapped"),
    ("t = np.arccos(np.clip(c, -1, 1))\nreturn (np.sin(t) + (np.pi - t) * np.cos(t)) / (2 * np.pi)",
     "values", "You divided by 2π"),
    ("return (np.sin(c) + (np.pi - c) * np.cos(c)) / np.pi", "values",
     "You put the cosine c where the angle θ belongs"),
    ("return np.arccos(np.clip(c, -1, 1))", "values", "That is the angle θ"),
    ("np.clip(c, -1, 1, out=c)\nt = np.arccos(c)\nreturn (np.sin(t) + (np.pi - t) * np.cos(t)) "
     "/ np.pi", "mutation", "changed c in place"),
])
def test_q4_diagnoses(body, problem, phrase):
    assert_wrong(ex06.q4.check(_answer(Q4, body)), problem, phrase)
