"""Exercise set 03 (the binary step): the references agree with the library and the lesson, right
answers in their usual forms pass, the untouched student notebook is "not attempted", and every
typical mistake gets its intended diagnosis."""

import numpy as np
import pytest
from exercise_helpers import ROOT, assert_wrong, defined, function_cells

from actlab import binary_step, sigmoid
from actlab.datasets import xor_clouds
from actlab.exercises import ex03
from actlab.exercises.checking import NOT_ATTEMPTED
from actlab.network import Dense, Network, loss_along_weight


def _surrogate(z):
    return (np.abs(z) <= 1).astype(float)


def _answer(signature, body):
    """The learner's function ``def signature: body``, defined as in the notebook."""
    return defined(f"def {signature}:\n    " + body.replace("\n", "\n    ") + "\n",
                   signature.partition("(")[0])


@pytest.fixture(scope="module")
def lesson_data():
    """The lesson's data (centred noisy XOR) and its step network."""
    X, y = xor_clouds(200, seed=0)
    return X - 0.5, y, Network.build([2, 16, 1], "binary_step", output="sigmoid", seed=0)


# -- the references, against the library and the lesson ---------------------------------------------

def test_central_difference_is_the_lessons_table():
    points = np.array([-2.0, -0.5, -0.001, 0.001, 0.5, 2.0])
    for h in (1e-8, 1e-6, 1e-4):
        assert np.all(ex03.central_difference("binary_step", points, h) == 0.0)
        assert ex03.central_difference("step", np.array([0.0]), h)[0] == 1 / (2 * h)
    x = np.linspace(-3, 3, 13)
    np.testing.assert_allclose(ex03.central_difference("sigmoid", x, 1e-5), sigmoid.grad(x),
                               atol=1e-10)
    assert ex03.central_difference("relu", np.array([0.0]), 0.01)[0] == 0.5


@pytest.mark.parametrize("row, column, low, high", [
    (0, 0, -2.0, 2.0), (1, 5, -0.5, 0.25), (0, 9, -10.0, 10.0), (1, 15, 0.0, 3.0)])
def test_flat_pieces_counts_the_exact_pieces_of_the_library_sweep(lesson_data, row, column, low,
                                                                   high):
    X, y, net = lesson_data
    sweep = loss_along_weight(net, X, y, np.linspace(low, high, 2001), row=row, column=column)
    z = net.forward(X).z[0][:, column]
    pieces = ex03.flat_pieces(z, X[:, row], sweep.original, low, high)
    edges, levels = sweep.steps(low, high)
    assert pieces == len(levels) == len(edges) - 1
    assert len(np.unique(sweep.losses)) <= pieces


def test_flat_pieces_of_the_lessons_sweep_are_201(lesson_data):
    X, y, net = lesson_data
    z = net.forward(X).z[0][:, 0]
    assert ex03.flat_pieces(z, X[:, 0], float(net.layers[0].weights[0, 0]), -2.0, 2.0) == 201


def test_straight_through_gradient_is_the_engines_backward_pass(lesson_data):
    X, y, _ = lesson_data
    for seed in range(3):
        net = Network.build([2, 16, 1], (binary_step, _surrogate), output="sigmoid", seed=seed,
                            init="pytorch_default")
        trace = net.forward(X)
        hidden, _ = net.backward(trace, y)
        dW, db = ex03.straight_through_gradient(X, trace.z[0], hidden.h)
        np.testing.assert_allclose(dW, hidden.weights, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(db, hidden.bias, rtol=1e-12, atol=1e-15)
        assert np.abs(dW).max() > 0


def test_blocked_units_are_exactly_those_the_engine_gives_no_gradient(lesson_data):
    X, y, _ = lesson_data
    rng = np.random.default_rng(0)
    # biases up to ±4: some hidden lines lie far from the data, where |z| > 1 on every example
    hidden_layer = Dense(rng.normal(size=(2, 16)), rng.uniform(-4, 4, size=16),
                         (binary_step, _surrogate))
    net = Network([hidden_layer, Dense(rng.normal(size=(16, 1)), [0.0])], output="sigmoid")
    trace = net.forward(X)
    hidden, _ = net.backward(trace, y)
    silent = np.all(hidden.weights == 0, axis=0) & (hidden.bias == 0)
    fraction = ex03.blocked_fraction(trace.z[0])
    assert 0 < fraction < 1
    assert fraction == np.mean(silent)


def test_steep_slope_is_k_sigma_prime():
    x = np.linspace(-0.1, 0.1, 41)
    for k in (1, 4, 16, 64):
        np.testing.assert_allclose(ex03.steep_slope(x, k), k * sigmoid.grad(k * x), rtol=1e-7,
                                   atol=1e-9 * k)
        assert ex03.steep_slope(np.array([0.0]), k)[0] == pytest.approx(k / 4, rel=1e-9)


# -- the student notebook, untouched -----------------------------------------------------------------

def test_the_untouched_student_notebook_is_not_attempted_on_every_task():
    stubs = function_cells(ROOT / "exercises" / "03_binary_step.ipynb")
    assert sorted(stubs) == sorted(q.function for q in ex03.questions)
    for question in ex03.questions:
        result = question.check(defined(stubs[question.function], question.function))
        assert result.status == NOT_ATTEMPTED, result
        assert "not attempted yet" in str(result)


# -- q1 central_difference ---------------------------------------------------------------------------

Q1 = "central_difference(name, x, h)"


@pytest.mark.parametrize("body", [
    "f = actlab.get(name)\nreturn (f(x + h) - f(x - h)) / (2 * h)",
    "f = actlab.get(name)\nreturn (f(x + h) - f(x - h)) / 2 / h",
    "f = actlab.get(name)\nreturn 0.5 * (f(x + h) - f(x - h)) / h",
    "f = actlab.get(name)\nreturn (f(x + h) - f(x - h)) / (h + h)",
])
def test_q1_accepts_other_forms(body):
    assert ex03.q1.check(_answer(Q1, body)).passed


@pytest.mark.parametrize("body, problem, phrase", [
    ("f = actlab.get(name)\nreturn (f(x + h) - f(x - h)) / h", "values",
     "You divided by h, but x + h and x − h are 2h apart"),
    ("f = actlab.get(name)\nreturn (f(x + h) - f(x)) / h", "values",
     "(f(x + h) − f(x)) / h, the forward difference"),
    ("f = actlab.get(name)\nreturn (f(x) - f(x - h)) / h", "values",
     "(f(x) − f(x − h)) / h, the backward difference"),
    ("f = actlab.get(name)\nreturn (f(x - h) - f(x + h)) / (2 * h)", "values",
     "Your signs are swapped"),
    ("f = actlab.get(name)\nreturn f(x + h) - f(x - h) / (2 * h)", "values",
     "Only f(x − h) was divided"),
    ("f = actlab.get(name)\nreturn (f(x + h) - f(x - h)) / 2 * h", "values",
     "`/ 2 * h` divides by 2 and then *multiplies* by h"),
    ("f = actlab.get(name)\nreturn f.grad(x)", "values",
     "That is the library's derivative `f.grad(x)`"),
    ("return (name(x + h) - name(x - h)) / (2 * h)", "error",
     "`name` is the activation's *name*"),
    ("f = actlab.get(name)\nx += h\nreturn (f(x) - f(x - 2 * h)) / (2 * h)", "mutation",
     "Your function changed x in place (e.g. `x += h`)"),
])
def test_q1_diagnoses(body, problem, phrase):
    assert_wrong(ex03.q1.check(_answer(Q1, body)), problem, phrase)


def test_q1_the_forward_difference_is_shown_at_the_steps_jump():
    result = ex03.q1.check(_answer(Q1, "f = actlab.get(name)\nreturn (f(x + h) - f(x)) / h"))
    assert_wrong(result, "values", "closer to the jump than h", "expected 500, received 1000")


def test_q1_the_given_line_deleted():
    result = ex03.q1.check(_answer(Q1, "return (f(x + h) - f(x - h)) / (2 * h)"))
    assert_wrong(result, "error", "Keep the cell's first line, `f = actlab.get(name)`",
                 "NameError: name 'f' is not defined")


# -- q2 flat_pieces ----------------------------------------------------------------------------------

Q2 = "flat_pieces(z, x, w, low, high)"
_CROSSINGS = "moving = x != 0\nc = w - z[moving] / x[moving]\n"


@pytest.mark.parametrize("body", [
    _CROSSINGS + "return len(np.unique(c[(c > low) & (c < high)])) + 1",
    _CROSSINGS + "return np.unique(c[(low < c) & (c < high)]).size + 1",
    "c = w - z[x != 0] / x[x != 0]\nreturn len(set(c[(c > low) & (c < high)].tolist())) + 1",
    "with np.errstate(divide='ignore', invalid='ignore'):\n    c = w - z / x\n"
    "return len(np.unique(c[(c > low) & (c < high)])) + 1",
])
def test_q2_accepts_other_forms(body):
    assert ex03.q2.check(_answer(Q2, body)).passed


@pytest.mark.parametrize("body, problem, phrase", [
    ("c = w - z / x\nreturn len(np.unique(c[(c > low) & (c < high)])) + 1", "warning",
     "An example with x = 0 never crosses"),
    (_CROSSINGS + "return len(np.unique(c[(c > low) & (c < high)]))", "values",
     "c crossings inside (low, high) make c + 1 flat pieces"),
    (_CROSSINGS + "return len(c[(c > low) & (c < high)]) + 1", "values",
     "count the *distinct* crossings"),
    (_CROSSINGS + "return np.sum((c > low) & (c < high)) + 1", "values",
     "count the *distinct* crossings"),
    (_CROSSINGS + "return len(np.unique(c[(c >= low) & (c <= high)])) + 1", "values",
     "A crossing exactly at low or high does not cut the interval"),
    (_CROSSINGS + "return len(np.unique(c)) + 1", "values",
     "You counted every crossing, also those outside the interval"),
    ("m = x != 0\nc = w + z[m] / x[m]\nreturn len(np.unique(c[(c > low) & (c < high)])) + 1",
     "values", "Check the sign of the crossing"),
    ("m = x != 0\nc = -z[m] / x[m]\nreturn len(np.unique(c[(c > low) & (c < high)])) + 1",
     "values", "the *change* of the weight"),
    ("m = x != 0\nc = (w - z[m]) / x[m]\nreturn len(np.unique(c[(c > low) & (c < high)])) + 1",
     "values", "`(w - z) / x` is not the crossing"),
    (_CROSSINGS + "return np.sort(c[(c > low) & (c < high)])", "type",
     "expected a single number"),
    ("x[x == 0] = np.inf\nc = w - z / x\nreturn len(np.unique(c[(c > low) & (c < high)])) + 1",
     "mutation", "changed z or x in place"),
])
def test_q2_diagnoses(body, problem, phrase):
    assert_wrong(ex03.q2.check(_answer(Q2, body)), problem, phrase)


def test_q2_an_answer_written_for_the_first_case_only_is_shown_the_next():
    result = ex03.q2.check(lambda z, x, w, low, high: 4)
    assert_wrong(result, "values", "crossings at 1, 0.5, −1 and −0.5", "expected 5, received 4")


# -- q3 straight_through_gradient --------------------------------------------------------------------

Q3 = "straight_through_gradient(X, Z, dH)"
_DZ = "dZ = dH * (np.abs(Z) <= 1)\n"


@pytest.mark.parametrize("body", [
    _DZ + "return X.T @ dZ, dZ.sum(axis=0)",
    "dZ = np.where(np.abs(Z) <= 1, dH, 0.0)\nreturn np.dot(X.T, dZ), np.sum(dZ, 0)",
    "dZ = dH * ((Z >= -1) & (Z <= 1)).astype(float)\nreturn (dZ.T @ X).T, dZ.sum(axis=0)",
    "dZ = dH * (np.abs(Z) <= 1)\nreturn np.einsum('nd,nk->dk', X, dZ), dZ.sum(0)",
])
def test_q3_accepts_other_forms(body):
    assert ex03.q3.check(_answer(Q3, body)).passed


@pytest.mark.parametrize("body, problem, phrase", [
    ("dZ = dH * actlab.binary_step.grad(Z)\nreturn X.T @ dZ, dZ.sum(axis=0)", "values",
     "Both are exactly 0: that is the true gradient"),
    ("return X.T @ dH, dH.sum(axis=0)", "values", "You passed dH through unchanged"),
    ("dZ = dH * (np.abs(Z) < 1)\nreturn X.T @ dZ, dZ.sum(axis=0)", "values",
     "Where |z| = 1 exactly your surrogate is 0"),
    ("dZ = dH * (Z <= 1)\nreturn X.T @ dZ, dZ.sum(axis=0)", "values",
     "Your surrogate is 1 for every z below −1 too"),
    ("dZ = dH * np.clip(Z, -1, 1)\nreturn X.T @ dZ, dZ.sum(axis=0)", "values",
     "clip(z, −1, 1), the surrogate *function*"),
    (_DZ + "return dZ.T @ X, dZ.sum(axis=0)", "shape", "dW is transposed"),
    (_DZ + "return X @ dZ, dZ.sum(axis=0)", "error", "`X @ dZ` pairs the wrong axes"),
    (_DZ + "return X.T @ dZ / len(X), dZ.sum(axis=0)", "values",
     "dW is divided by the number of examples"),
    (_DZ + "return X.T @ dZ, dZ.mean(axis=0)", "values", "db is the mean over the examples"),
    (_DZ + "return X.T @ dZ, dZ.sum(axis=1)", "shape", "db was summed along the wrong axis"),
    (_DZ + "return X.T @ dZ, dZ.sum()", "type", "db is one number per unit"),
    (_DZ + "return X.T @ dZ, dH.sum(axis=0)", "values", "db skips the surrogate"),
    ("dH[np.abs(Z) > 1] = 0\nreturn X.T @ dH, dH.sum(axis=0)", "mutation",
     "Your function changed dH (or X, Z) in place"),
])
def test_q3_diagnoses(body, problem, phrase):
    assert_wrong(ex03.q3.check(_answer(Q3, body)), problem, phrase)


def test_q3_the_feedback_names_the_value_that_is_wrong():
    result = ex03.q3.check(_answer(Q3, _DZ + "return X.T @ dZ, dZ.sum(axis=0, keepdims=True)"))
    assert_wrong(result, "shape", "The second value (`db`) has shape (1, 3), expected (3,)")
    result = ex03.q3.check(_answer(Q3, _DZ + "return X.T @ dZ"))
    assert_wrong(result, "type", "expected 2 values (`dW` and `db`): `return dW, db`")


# -- q4 blocked_fraction -----------------------------------------------------------------------------

Q4 = "blocked_fraction(Z)"


@pytest.mark.parametrize("body", [
    "return np.mean(np.all(np.abs(Z) > 1, axis=0))",
    "return np.count_nonzero(np.all(np.abs(Z) > 1, axis=0)) / Z.shape[1]",
    "return float((np.abs(Z) > 1).all(axis=0).sum() / Z.shape[1])",
    "return 1 - np.mean(np.any(np.abs(Z) <= 1, axis=0))",
])
def test_q4_accepts_other_forms(body):
    assert ex03.q4.check(_answer(Q4, body)).passed


@pytest.mark.parametrize("body, problem, phrase", [
    ("return np.mean(np.all(np.abs(Z) > 1, axis=1))", "values", "the fraction of *examples*"),
    ("return np.mean(np.any(np.abs(Z) > 1, axis=0))", "values", "`np.any` counts a unit"),
    ("return np.mean(np.abs(Z) > 1)", "values", "the fraction of all entries with |z| > 1"),
    ("return np.sum(np.all(np.abs(Z) > 1, axis=0))", "dtype", "That is the number of blocked"),
    ("return np.all(np.abs(Z) > 1, axis=0).sum() / Z.shape[0]", "values",
     "You divided by the number of examples (rows)"),
    ("return np.mean(np.all(Z < -1, axis=0))", "values", "as for a dead ReLU"),
    ("return np.mean(np.all(Z > 1, axis=0))", "values", "only units with z > 1"),
    ("return np.mean(np.all(np.abs(Z) >= 1, axis=0))", "values",
     "Where |z| = 1 exactly the surrogate is still 1"),
    ("return np.mean(np.any(np.abs(Z) <= 1, axis=0))", "values", "that *do* pass a gradient"),
    ("return 1.0", "values", "With the true derivative step'(z) = 0 every unit is blocked"),
    ("return np.all(np.abs(Z) > 1, axis=0)", "type", "expected a single number"),
    ("np.abs(Z, out=Z)\nreturn np.mean(np.all(Z > 1, axis=0))", "mutation",
     "Your function changed Z in place"),
])
def test_q4_diagnoses(body, problem, phrase):
    assert_wrong(ex03.q4.check(_answer(Q4, body)), problem, phrase)


# -- q5 steep_slope ----------------------------------------------------------------------------------

Q5 = "steep_slope(x, k)"


def _central(h):
    return f"h = {h}\nreturn (sigmoid(k * (x + h)) - sigmoid(k * (x - h))) / (2 * h)"


@pytest.mark.parametrize("body", [
    _central("1e-6"), _central("1e-5"), _central("1e-8"), _central("1e-10"),
    "eps = 1e-7\nreturn (sigmoid(k * x + k * eps) - sigmoid(k * x - k * eps)) / (2 * eps)",
    "return (sigmoid(k * (x + 1e-6)) - sigmoid(k * (x - 1e-6))) / 2e-6",
])
def test_q5_accepts_a_central_difference_with_a_sensible_step(body):
    assert ex03.q5.check(_answer(Q5, body)).passed


@pytest.mark.parametrize("h, phrase", [
    ("1e-3", "Your step h = 0.001 is too large for k = 16"),
    ("3e-4", "Your step h = 0.0003 is too large for k = 64"),
    ("0.1", "Your step h = 0.1 is too large for k = 1"),
])
def test_q5_a_step_too_large(h, phrase):
    result = ex03.q5.check(_answer(Q5, _central(h)))
    assert_wrong(result, "values", phrase, "Make h much smaller than 1/k")
    assert "too small" not in result.message


@pytest.mark.parametrize("h, phrase", [
    ("1e-12", "Your step h = 1e-12 is too small"),
    ("1e-15", "Your step h = 1e-15 is too small"),
])
def test_q5_a_step_too_small(h, phrase):
    result = ex03.q5.check(_answer(Q5, _central(h)))
    assert_wrong(result, "values", phrase, "rounding error")
    assert "too large" not in result.message


def test_q5_a_step_so_small_that_the_difference_vanishes():
    result = ex03.q5.check(_answer(Q5, _central("1e-20")))
    assert_wrong(result, "values", "Your step h = 1e-20 is too small",
                 "your estimate is exactly 0 where the slope is 0.105")


def test_q5_a_step_with_another_name_is_found():
    body = "delta = 0.01\nreturn (sigmoid(k * (x + delta)) - sigmoid(k * (x - delta))) / (2 * delta)"
    assert_wrong(ex03.q5.check(_answer(Q5, body)), "values",
                 "Your step delta = 0.01 is too large for k = 16")


@pytest.mark.parametrize("body, phrase", [
    ("return (sigmoid(k * (x + 1e-2)) - sigmoid(k * (x - 1e-2))) / 2e-2",
     "exactly those of a central difference with h = 0.01, and that step is too large"),
    ("return (sigmoid(k * (x + 1e-14)) - sigmoid(k * (x - 1e-14))) / 2e-14",
     "exactly those of a central difference with h = 1e-14, and that step is too small"),
    ("return (sigmoid(k * (x + 0.0123)) - sigmoid(k * (x - 0.0123))) / 0.0246",
     "Your estimates are a central difference with h ≈ 0.012, which is too large"),
    ("return (sigmoid(k * (x + 1e-20)) - sigmoid(k * (x - 1e-20))) / 2e-20",
     "Is h so small that x + h rounds to x"),
])
def test_q5_a_step_written_into_the_formula_is_read_from_the_estimates(body, phrase):
    assert_wrong(ex03.q5.check(_answer(Q5, body)), "values", phrase)


@pytest.mark.parametrize("body, problem, phrase", [
    ("h = 1e-6\nreturn (sigmoid(k * x + h) - sigmoid(k * x - h)) / (2 * h)", "values",
     "Your slope is k times too small"),
    ("h = 1e-6\nreturn (sigmoid(x + h) - sigmoid(x - h)) / (2 * h)", "values",
     "That is the slope of σ(x): k is missing"),
    ("h = 1e-6\nreturn (sigmoid(k * (x + h)) - sigmoid(k * (x - h))) / h", "values",
     "Your slopes are twice too large"),
    ("h = 1e-4\nreturn (sigmoid(k * (x + h)) - sigmoid(k * x)) / h", "values",
     "(σ(k(x + h)) − σ(kx)) / h, the forward difference"),
    ("h = 1e-4\nreturn (sigmoid(k * x) - sigmoid(k * (x - h))) / h", "values",
     "(σ(kx) − σ(k(x − h))) / h, the backward difference"),
    ("h = 1e-6\nx += h\nreturn (sigmoid(k * x) - sigmoid(k * (x - 2 * h))) / (2 * h)",
     "mutation", "Your function changed x in place"),
])
def test_q5_diagnoses(body, problem, phrase):
    result = ex03.q5.check(_answer(Q5, body))
    assert_wrong(result, problem, phrase)
    assert "is too small" not in result.message and "too large for" not in result.message


def test_q5_a_wrong_answer_with_a_sensible_step_is_not_blamed_on_the_step():
    # 1.01 times the right slope: no diagnosis names a cause that is not there
    result = ex03.q5.check(_answer(Q5, "h = 1e-6\nreturn 1.01 * (sigmoid(k * (x + h)) - "
                                       "sigmoid(k * (x - h))) / (2 * h)"))
    assert_wrong(result, "values", "wrong values")
    assert "step" not in result.message.split("\n\n")[0]
