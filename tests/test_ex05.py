"""Exercise set 05 (tanh): the references agree with the library and the lesson, right answers in
their usual forms pass, the untouched student notebook is "not attempted", and every typical mistake
gets its intended diagnosis."""

import math
import warnings

import numpy as np
import pytest
from exercise_helpers import ROOT, assert_wrong, defined, function_cells

from actlab import tanh
from actlab.exercises import ex05
from actlab.exercises.checking import NOT_ATTEMPTED
from actlab.network import Network, layer_statistics


def _answer(signature, body):
    """The learner's function ``def signature: body``, defined as in the notebook (numpy as np,
    ``sigmoid`` and ``tanh`` imported)."""
    return defined(f"def {signature}:\n    " + body.replace("\n", "\n    ") + "\n",
                   signature.partition("(")[0])


# -- the references, against the library and the lesson --------------------------------------------

def test_tanh_from_sigmoid_is_tanh_everywhere_without_warnings():
    x = np.concatenate([np.linspace(-10, 10, 2001), [-1000.0, -745.0, 745.0, 1000.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = ex05.tanh_from_sigmoid(x)
        got32 = ex05.tanh_from_sigmoid(x.astype(np.float32))
    np.testing.assert_allclose(got, np.tanh(x), rtol=0, atol=1e-15)   # the lesson's 2.2e-16
    np.testing.assert_allclose(got, tanh(x), rtol=0, atol=1e-15)
    assert got32.dtype == np.float32
    np.testing.assert_allclose(got32, np.tanh(x), rtol=0, atol=1e-6)
    assert list(ex05.tanh_from_sigmoid(np.array([-1000.0, 0.0, 1000.0]))) == [-1.0, 0.0, 1.0]


def test_tanh_slope_from_the_outputs_is_the_librarys_slope_from_z():
    z = np.linspace(-6, 6, 1201)
    np.testing.assert_allclose(ex05.tanh_slope(tanh(z)), tanh.grad(z), rtol=0, atol=1e-15)
    assert ex05.tanh_slope(np.array([0.0]))[0] == 1.0
    # the lesson's example: from h = tanh(20) = 1.0 the slope is exactly 0, the library's sech² not
    assert ex05.tanh_slope(tanh(np.array([20.0])))[0] == 0.0 < tanh.grad(20.0)


def test_saturated_fraction_averages_to_layer_statistics_saturated():
    """layer_statistics calls a tanh output saturated where tanh'(z) < 0.01, which is
    |h| > √0.99: the mean over the units of saturated_fraction is its share."""
    X = np.random.default_rng(0).normal(size=(100, 64))
    for std in (0.05, 0.125, 0.5):
        net = Network.build([64, 64, 64, 1], "tanh", output="sigmoid",
                            init=("normal", {"std": std}), seed=0)
        stats = layer_statistics(net, X, np.zeros(100))
        for k, H in enumerate(net.layer_outputs(X)[:2]):
            per_unit = ex05.saturated_fraction(H, math.sqrt(0.99))
            assert per_unit.shape == (64,)
            assert per_unit.mean() == pytest.approx(stats.saturated[k], abs=1e-12)
        if std == 0.5:
            assert stats.saturated[1] > 0.3     # the case is not trivially 0


def test_xavier_std_is_what_the_engine_draws_with():
    assert ex05.xavier_std(256, 256) == 1 / 16                 # the lesson's N(0, 1/n)
    for n_in, n_out in [(2, 8), (8, 1), (784, 100)]:
        net = Network.build([n_in, n_out], "tanh", init="xavier_normal", seed=3)
        drawn = np.random.default_rng(3).normal(scale=ex05.xavier_std(n_in, n_out),
                                                size=(n_in, n_out))
        np.testing.assert_array_equal(net.layers[0].weights, drawn)


def test_layer_spreads_are_layer_statistics_h_std():
    X = np.random.default_rng(1).normal(size=(100, 32))
    for init in (("normal", {"std": 0.01}), ("normal", {"std": 1.0}), "xavier_normal"):
        net = Network.build([32] * 8 + [1], "tanh", output="sigmoid", init=init, seed=0)
        assert all(np.all(layer.bias == 0) for layer in net.layers)
        stats = layer_statistics(net, X, np.zeros(100))
        spreads = ex05.layer_spreads(X, [layer.weights for layer in net.layers[:-1]])
        np.testing.assert_allclose(spreads, stats.h_std[:7], rtol=1e-12)


def test_layer_spreads_tell_the_lessons_story():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(100, 256))
    spreads = {std: ex05.layer_spreads(X, [rng.normal(scale=std, size=(256, 256))
                                           for _ in range(10)])
               for std in (0.01, 1.0, ex05.xavier_std(256, 256))}
    assert spreads[0.01][-1] < 1e-7                                 # collapse
    assert spreads[1.0].min() > 0.9                                 # piled up at ±1
    assert 0.15 < spreads[1 / 16][-1] < spreads[1 / 16][0] < 0.7    # healthy, slowly falling


# -- the student notebook, untouched ---------------------------------------------------------------

def test_the_untouched_student_notebook_is_not_attempted_on_every_task():
    stubs = function_cells(ROOT / "exercises" / "05_tanh.ipynb")
    assert sorted(stubs) == sorted(q.function for q in ex05.questions)
    for question in ex05.questions:
        result = question.check(defined(stubs[question.function], question.function))
        assert result.status == NOT_ATTEMPTED, result
        assert "not attempted yet" in str(result)


# -- q1 tanh_from_sigmoid --------------------------------------------------------------------------

Q1 = "tanh_from_sigmoid(x)"


@pytest.mark.parametrize("body", [
    "return 2 * sigmoid(2 * x) - 1",
    "return 2.0 * sigmoid(2.0 * x) - 1.0",
    "return sigmoid(2 * x) * 2 - 1",
    "return sigmoid(2 * x) - sigmoid(-2 * x)",
    "s = sigmoid(x + x)\nreturn s + s - 1",
])
def test_q1_accepts_other_forms(body):
    assert ex05.q1.check(_answer(Q1, body)).passed


_OVERFLOW = "An exponential of a large number overflows"


@pytest.mark.parametrize("body, problem, phrase", [
    ("return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))", "warning", _OVERFLOW),
    ("return 2 / (1 + np.exp(-2 * x)) - 1", "warning", _OVERFLOW),
    ("return np.sinh(x) / np.cosh(x)", "warning", _OVERFLOW),
    ("return 2 * sigmoid(x) - 1", "values", "The factor 2 inside is missing"),
    ("return 2 * sigmoid(x / 2) - 1", "values", "stretches the sigmoid sideways"),
    ("return 2 * sigmoid(2 * x)", "values", "The shift is missing: 2σ(2x) runs from 0 to 2"),
    ("return sigmoid(2 * x) - 1", "values", "The outer factor 2 is missing"),
    ("return 2 * (sigmoid(2 * x) - 1)", "values", "Brackets: 2(σ(2x) − 1) = 2σ(2x) − 2"),
    ("return 1 - 2 * sigmoid(2 * x)", "values", "That is −tanh(x), the mirror image"),
    ("return 2 * sigmoid(-2 * x) - 1", "values", "That is −tanh(x), the mirror image"),
    ("return sigmoid(2 * x)", "values", "σ(2x) is only the first of the three steps"),
    ("return sigmoid(x)", "values", "That is the sigmoid itself"),
    ("x *= 2\nreturn 2 * sigmoid(x) - 1", "mutation",
     "changed `x` in place (for example `x *= 2`)"),
])
def test_q1_diagnoses(body, problem, phrase):
    assert_wrong(ex05.q1.check(_answer(Q1, body)), problem, phrase)


def test_q1_float64_for_a_float32_input():
    assert_wrong(ex05.q1.check(_answer(Q1, "return 2 * sigmoid(2 * x.astype(float)) - 1")), "dtype",
                 "float64 numbers, but the input was float32")


def test_q1_python_loop():
    assert_wrong(ex05.q1.check(_answer(Q1, "return np.array([2 * sigmoid(2 * v) - 1 for v in x])")),
                 "loop", "runs a Python loop")


# -- q2 tanh_slope ---------------------------------------------------------------------------------

Q2 = "tanh_slope(h)"


@pytest.mark.parametrize("body", [
    "return 1 - h ** 2",
    "return 1 - np.square(h)",
    "return 1 - h * h",
    "return (1 - h) * (1 + h)",
])
def test_q2_accepts_other_forms(body):
    assert ex05.q2.check(_answer(Q2, body)).passed


_TWICE = "h is already tanh(z): you applied tanh a second time"


@pytest.mark.parametrize("body, problem, phrase", [
    ("return 1 - h ^ 2", "error", "In Python `^` is bitwise XOR, not a power"),
    ("return 1 - h", "values", "The square is missing"),
    ("return h * (1 - h)", "values", "h(1 − h) is the sigmoid's formula"),
    ("return 1 - np.tanh(h) ** 2", "values", _TWICE),
    ("return tanh.grad(h)", "values", _TWICE),
    ("return 4 * sigmoid.grad(2 * h)", "values", _TWICE),
    ("return 1 / np.cosh(h) ** 2", "values", _TWICE),
    ("return 4 * h * (1 - h)", "values", "4h(1 − h) puts h where σ(2z) belongs"),
    ("return 1 - h @ h", "type", "`h @ h` (and `np.dot(h, h)`) is a matrix or dot product"),
    ("return 1 - np.dot(h, h)", "type", "`h @ h` (and `np.dot(h, h)`) is a matrix or dot product"),
    ("h **= 2\nreturn 1 - h", "mutation", "changed `h` in place (for example `h **= 2`)"),
])
def test_q2_diagnoses(body, problem, phrase):
    assert_wrong(ex05.q2.check(_answer(Q2, body)), problem, phrase)


def test_q2_float64_for_a_float32_input():
    assert_wrong(ex05.q2.check(_answer(Q2, "return np.ones(h.shape) - h ** 2")), "dtype",
                 "float64 numbers, but the input was float32")


# -- q3 saturated_fraction -------------------------------------------------------------------------

Q3 = "saturated_fraction(H, threshold)"


@pytest.mark.parametrize("body", [
    "return np.mean(np.abs(H) > threshold, axis=0)",
    "return (np.abs(H) > threshold).mean(axis=0)",
    "return np.count_nonzero(np.abs(H) > threshold, axis=0) / len(H)",
    "return np.sum(np.abs(H) > threshold, axis=0) / H.shape[0]",
    "return np.mean((H > threshold) | (H < -threshold), axis=0)",
    "n, k = H.shape\nreturn np.array([np.mean(np.abs(H[:, j]) > threshold) for j in range(k)])",
])
def test_q3_accepts_other_forms(body):
    assert ex05.q3.check(_answer(Q3, body)).passed


_COUNTS = "Those are counts, how many examples saturate each unit"
_NO_ABS = "Only the outputs near +1 are counted. Tanh saturates at both ends"


@pytest.mark.parametrize("body, problem, phrase", [
    ("return np.mean(H > threshold, axis=0)", "values", _NO_ABS),
    ("return np.abs(H > threshold).mean(axis=0)", "values", _NO_ABS),
    ("return np.mean(np.abs(H) < threshold, axis=0)", "values", "*not* saturated"),
    ("return np.mean(1 - H ** 2 < threshold, axis=0)", "values",
     "You compared the slope 1 − h² with `threshold`"),
    ("return np.mean(np.abs(H) > threshold, axis=1)", "shape",
     "You averaged along axis 1, across the units"),
    ("return np.mean(np.abs(H) > threshold)", "type", "That is one number for the whole layer"),
    ("return np.sum(np.abs(H) > threshold, axis=0)", "dtype", _COUNTS),
    ("return np.count_nonzero(np.abs(H) > threshold, axis=0)", "dtype", _COUNTS),
    ("return np.sum(np.abs(H) > threshold, axis=0) / H.size", "values",
     "You divided by `H.size`"),
    ("return np.abs(H) > threshold", "dtype", "That is the mask of saturated outputs"),
    ("np.abs(H, out=H)\nreturn np.mean(H > threshold, axis=0)", "mutation",
     "changed `H` in place"),
    ("H[H < 0] *= -1\nreturn np.mean(H > threshold, axis=0)", "mutation", "changed `H` in place"),
])
def test_q3_diagnoses(body, problem, phrase):
    assert_wrong(ex05.q3.check(_answer(Q3, body)), problem, phrase)


def test_q3_python_loop_over_the_examples():
    body = ("counts = np.zeros(H.shape[1])\nfor row in H:\n    counts += np.abs(row) > threshold\n"
            "return counts / len(H)")
    assert_wrong(ex05.q3.check(_answer(Q3, body)), "loop", "runs a Python loop")


# -- q4 xavier_std ---------------------------------------------------------------------------------

Q4 = "xavier_std(n_in, n_out)"


@pytest.mark.parametrize("body", [
    "return np.sqrt(2 / (n_in + n_out))",
    "import math\nreturn math.sqrt(2 / (n_in + n_out))",
    "return (2 / (n_in + n_out)) ** 0.5",
    "return np.sqrt(2) / np.sqrt(n_in + n_out)",
    "return 1 / np.sqrt((n_in + n_out) / 2)",
])
def test_q4_accepts_other_forms(body):
    assert ex05.q4.check(_answer(Q4, body)).passed


@pytest.mark.parametrize("body, phrase", [
    ("return 2 / (n_in + n_out)", "That is the variance, 2/(n_in + n_out)"),
    ("return np.sqrt(1 / n_in)", "That is √(1/n_in), the N(0, 1/n) of section 3"),
    ("return 1 / np.sqrt(n_in)", "That is √(1/n_in), the N(0, 1/n) of section 3"),
    ("return np.sqrt(2 / n_in)", "That is He's √(2/n_in), made for ReLU"),
    ("return np.sqrt(1 / (n_in + n_out))", "The 2 is missing"),
    ("return np.sqrt(6 / (n_in + n_out))", "Xavier's *uniform* form"),
    ("return np.sqrt(2 / n_in + n_out)", "`2 / n_in + n_out` divides 2 by n_in only"),
    ("return 2 / (n_in + n_out) ** 0.5", "`**` binds more tightly than `/`"),
])
def test_q4_diagnoses(body, phrase):
    assert_wrong(ex05.q4.check(_answer(Q4, body)), "values", phrase)


def test_q4_the_square_layer_case_alone_cannot_tell_lecun_from_xavier():
    """LeCun's √(1/n_in) is right for 256 → 256: the feedback shows a case where it is not."""
    result = ex05.q4.check(_answer(Q4, "return np.sqrt(1 / n_in)"))
    assert "2 → 8" in result.message and "256 → 256" not in result.message


# -- q5 layer_spreads ------------------------------------------------------------------------------

Q5 = "layer_spreads(X, weights)"
_LOOP = "for W in weights:\n    H = np.tanh(H @ W)\n"


@pytest.mark.parametrize("body", [
    "spreads = []\nH = X\n" + _LOOP + "    spreads.append(H.std())\nreturn np.array(spreads)",
    "spreads = np.zeros(len(weights))\nH = X\nfor l, W in enumerate(weights):\n"
    "    H = tanh(H @ W)\n    spreads[l] = np.std(H)\nreturn spreads",
    "H, out = X, []\nfor W in weights:\n    H = np.tanh(np.dot(H, W))\n    out.append(np.std(H))\n"
    "return np.asarray(out)",
])
def test_q5_accepts_other_forms(body):
    assert ex05.q5.check(_answer(Q5, body)).passed


@pytest.mark.parametrize("body, problem, phrase", [
    ("spreads = []\nH = X\nfor W in weights:\n    H = np.tanh(W @ H)\n    spreads.append(H.std())\n"
     "return np.array(spreads)", "error", "The sizes in a matrix product must meet in the middle"),
    ("spreads = []\nfor W in weights:\n    H = np.tanh(X @ W)\n    spreads.append(H.std())\n"
     "return np.array(spreads)", "values", "Every one of your layers starts again from X"),
    ("spreads = []\nH = X\nfor W in weights:\n    H = H @ W\n    spreads.append(H.std())\n"
     "return np.array(spreads)", "values", "There is no tanh: your layers are linear"),
    ("spreads = []\nH = X\nfor W in weights:\n    Z = H @ W\n    spreads.append(Z.std())\n"
     "    H = np.tanh(Z)\nreturn np.array(spreads)", "values",
     "You measured the pre-activations z = H W, before tanh"),
    ("H = X\nspreads = [H.std()]\n" + _LOOP + "    spreads.append(H.std())\n"
     "return np.array(spreads)", "shape", "Your first value is the spread of X itself"),
    ("H = X\n" + _LOOP + "return H.std()", "type", "the spread of the last layer only"),
    ("spreads = []\nH = X\n" + _LOOP + "spreads.append(H.std())\nreturn np.array(spreads)",
     "shape", "is your `append` after the loop"),
    ("spreads = []\nH = X\n" + _LOOP + "    spreads.append(H.std())\n    return np.array(spreads)",
     "shape", "is your `return` inside the loop?"),
    ("spreads = []\nH = X\n" + _LOOP + "    spreads.append(H.var())\nreturn np.array(spreads)",
     "values", "That is the variance, the square of the spread"),
    ("spreads = []\nH = X\n" + _LOOP + "    spreads.append(H.mean())\nreturn np.array(spreads)",
     "values", "That is the mean of each layer's outputs"),
    ("spreads = []\nH = X\n" + _LOOP + "    spreads.append(H.std(axis=0))\n"
     "return np.array(spreads)", "shape", "You took the standard deviation of each unit"),
])
def test_q5_diagnoses(body, problem, phrase):
    assert_wrong(ex05.q5.check(_answer(Q5, body)), problem, phrase)


def test_q5_a_list_is_told_to_become_an_array():
    body = "spreads = []\nH = X\n" + _LOOP + "    spreads.append(H.std())\nreturn spreads"
    assert_wrong(ex05.q5.check(_answer(Q5, body)), "type", "Python list", "np.array(...)")


def test_q5_the_feedback_shows_the_weights_briefly():
    body = "spreads = []\nH = X\n" + _LOOP + "    spreads.append(H.var())\nreturn np.array(spreads)"
    message = ex05.q5.check(_answer(Q5, body)).message
    assert "array of shape (16, 16), dtype float64" in message and "e-01" not in message
