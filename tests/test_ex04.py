"""Exercise set 04 (the sigmoid): the references agree with scipy, the library and the lesson, right
answers in their usual forms pass, the untouched student notebook is "not attempted", and every
typical mistake gets its intended diagnosis."""

import numpy as np
import pytest
from exercise_helpers import ROOT, assert_wrong, defined, function_cells
from scipy.special import expit, log_expit

from actlab import sigmoid
from actlab.datasets import xor_clouds
from actlab.exercises import ex04
from actlab.exercises.checking import NOT_ATTEMPTED
from actlab.exercises.checking.diagnoses import same_outcome, warned_outcome
from actlab.exercises.grading import judge, probe
from actlab.network import Dense, Network
from actlab.network.losses import binary_cross_entropy

FLOATS = [np.float64, np.float32, np.float16]


def _answer(signature, body):
    """The learner's function ``def signature: body``, defined as in the notebook."""
    return defined("import math\n\n"
                   f"def {signature}:\n    " + body.replace("\n", "\n    ") + "\n",
                   signature.partition("(")[0])


# -- the references, against scipy, the library and the lesson ---------------------------------------
# pytest turns every warning into an error here, so each call below also proves "no RuntimeWarning".

@pytest.mark.parametrize("dtype", FLOATS)
def test_stable_sigmoid_is_scipys_expit_in_every_float_dtype(dtype):
    x = np.concatenate([np.linspace(-700, 700, 2801), [-np.inf, np.inf]]).astype(dtype)
    result = ex04.stable_sigmoid(x)
    assert result.dtype == dtype and result.shape == x.shape
    rtol = {np.float64: 1e-14, np.float32: 1e-6, np.float16: 1e-3}[dtype]
    # scipy flushes σ to 0 where it would be subnormal (float64: below x ≈ −708); ours does not
    np.testing.assert_allclose(result, expit(x), rtol=rtol, atol=np.finfo(dtype).tiny)
    assert result[-2] == 0.0 and result[-1] == 1.0


def test_stable_sigmoid_keeps_the_negative_tail_as_the_library_does():
    x = np.linspace(-800, 40, 8401)
    np.testing.assert_allclose(ex04.stable_sigmoid(x), sigmoid(x), rtol=1e-14, atol=0)
    assert ex04.stable_sigmoid(np.array([-745.0]))[0] == np.nextafter(0.0, 1.0)
    assert ex04.stable_sigmoid(np.array([-800.0]))[0] == 0.0          # the lesson's myth check
    assert np.isnan(ex04.stable_sigmoid(np.array([np.nan]))[0])


def test_sigmoid_slope_is_the_librarys_derivative_and_a_central_difference():
    z = np.linspace(-30, 30, 601)
    # from the output, 1 - s cancels where s is near 1: its error is about eps = 2.2e-16, absolute
    np.testing.assert_allclose(ex04.sigmoid_slope(sigmoid(z)), sigmoid.grad(z), rtol=1e-12,
                               atol=np.finfo(float).eps)
    h = 1e-6
    np.testing.assert_allclose(ex04.sigmoid_slope(sigmoid(z)),
                               (expit(z + h) - expit(z - h)) / (2 * h), atol=1e-9)   # ≈ eps/h
    assert ex04.sigmoid_slope(np.array([0.5]))[0] == 0.25
    assert ex04.sigmoid_slope(np.array([0.0, 1.0])).tolist() == [0.0, 0.0]


def _lessons_one_sign_share(net, X, y):
    """Section 5 of the lesson, verbatim: one example at a time through the engine, the share of
    (example, unit) pairs of layer 2 whose weight gradient has one sign."""
    per_example = []
    for k in range(len(X)):
        g = net.backward(net.forward(X[k:k + 1]), y[k:k + 1])[1].weights
        per_example.append(np.all(g > 0, axis=0) | np.all(g < 0, axis=0))
    return np.mean(per_example)


@pytest.mark.parametrize("activation, expected", [("sigmoid", 1.0), ("tanh", 0.0)])
def test_one_sign_share_is_the_lessons_measurement_on_the_whole_batch(activation, expected):
    X, y = xor_clouds(200, seed=0)
    net = Network.build([2, 16, 16, 1], activation, output="sigmoid", seed=0)
    trace = net.forward(X)
    gradients = net.backward(trace, y)
    share = ex04.one_sign_share(trace.h[0], gradients[1].z)   # layer 2's inputs and its dL/dz
    assert share == _lessons_one_sign_share(net, X, y)
    assert share == pytest.approx(expected, abs=0.01)           # the lesson's 100 % and 0 %


def test_bce_gradient_is_the_engines_and_a_central_difference_of_scipys_loss():
    rng = np.random.default_rng(0)
    z, y = rng.normal(scale=4.0, size=50), rng.integers(0, 2, size=50)
    engine = binary_cross_entropy.grad(z.reshape(-1, 1), y.reshape(-1, 1).astype(float))
    np.testing.assert_allclose(ex04.bce_gradient(z, y), engine.ravel(), rtol=1e-12, atol=1e-18)

    def loss(scores):
        return -np.mean(y * log_expit(scores) + (1 - y) * log_expit(-scores))

    h = 1e-6
    numerical = [(loss(z + h * e) - loss(z - h * e)) / (2 * h) for e in np.eye(len(z))]
    np.testing.assert_allclose(ex04.bce_gradient(z, y), numerical, atol=1e-9)


def test_bce_gradient_gives_the_lessons_push_at_z_minus_10():
    cross = Network([Dense([[1.0]], [0.0])], output="sigmoid")      # the lesson's section 6
    z, label = np.array([[-10.0]]), np.array([1])
    engine = cross.backward(cross.forward(z), label)[0].z[0, 0]
    assert ex04.bce_gradient(np.array([-10.0]), label)[0] == pytest.approx(engine, rel=1e-12)
    assert round(ex04.bce_gradient(np.array([-10.0]), label)[0], 5) == -0.99995


@pytest.mark.parametrize("dtype", FLOATS)
def test_log_sigmoid_is_scipys_log_expit_in_every_float_dtype(dtype):
    x = np.linspace(-800, 800, 3201).astype(dtype)
    x = x[np.isfinite(x)]                                    # float16 ends at 65504
    result = ex04.log_sigmoid(x)
    assert result.dtype == dtype and result.shape == x.shape
    rtol = {np.float64: 1e-14, np.float32: 1e-6, np.float16: 1e-3}[dtype]
    # near 0 (large x) the result is subnormal in float16: compare there with its smallest normal
    np.testing.assert_allclose(result, log_expit(x), rtol=rtol, atol=np.finfo(dtype).tiny)


def test_log_sigmoid_of_minus_800_is_minus_800_as_the_lesson_says():
    assert ex04.log_sigmoid(np.array([-800.0]))[0] == -800.0 == log_expit(-800.0)
    assert ex04.log_sigmoid(np.array([40.0]))[0] == pytest.approx(log_expit(40.0), rel=1e-14)
    assert ex04.log_sigmoid(np.array([-np.inf, np.inf])).tolist() == [-np.inf, 0.0]


# -- the student notebook, untouched -----------------------------------------------------------------

def test_the_untouched_student_notebook_is_not_attempted_on_every_task():
    stubs = function_cells(ROOT / "exercises" / "04_sigmoid.ipynb")
    assert sorted(stubs) == sorted(q.function for q in ex04.questions)
    for question in ex04.questions:
        result = question.check(defined(stubs[question.function], question.function))
        assert result.status == NOT_ATTEMPTED, result
        assert "not attempted yet" in str(result)


# -- the diagnoses that compare warnings too ---------------------------------------------------------
# tests/test_exercise_sets.py proves for every returns_like diagnosis that the cases tell it apart;
# these do the same for warns_and_returns_like, whose formulas may return the right values.

def _warning_diagnoses(question):
    return [d for d in question.diagnoses if hasattr(d, "warning_formula")]


WARNING_DIAGNOSES = [pytest.param(q, d, id=f"{q.name}-{i}") for q in ex04.questions
                     for i, d in enumerate(_warning_diagnoses(q))]


@pytest.mark.parametrize("question, diagnosis", WARNING_DIAGNOSES)
def test_each_warning_formula_given_as_the_answer_gets_its_own_diagnosis(question, diagnosis):
    result = question.check(diagnosis.warning_formula)
    assert result.status == "wrong" and diagnosis.message in result.message, result.message


@pytest.mark.parametrize("question", [q for q in ex04.questions if _warning_diagnoses(q)],
                         ids=lambda q: q.name)
def test_the_cases_tell_every_two_warning_formulas_apart(question):
    def behaviour(formula):
        return [warned_outcome(formula, case.args) for case in question.cases]

    found = _warning_diagnoses(question)
    for index, first in enumerate(found):
        for second in found[index + 1:]:
            if first.message == second.message:
                continue
            pairs = zip(behaviour(first.warning_formula), behaviour(second.warning_formula))
            assert not all(same_outcome(a, b) and kinds_a == kinds_b
                           for (a, kinds_a), (b, kinds_b) in pairs), (first.message, second.message)


def test_a_right_answer_computed_with_warnings_silenced_is_not_blamed():
    # np.where's discarded branch overflows, but the learner silenced it: right values, no warning
    body = ("with np.errstate(all='ignore'):\n"
            "    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))")
    assert ex04.q1.check(_answer(Q1, body)).passed


@pytest.mark.parametrize("question, body", [
    (ex04.q1, "return 1 / (1 + np.exp(-x))"),
    (ex04.q1, "return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))"),
    (ex04.q5, "return np.log(sigmoid(x))"),
], ids=["naive", "where", "log"])
def test_the_grader_gives_a_warning_diagnosis_as_the_live_check_does(question, body):
    answer = _answer(f"{question.function}({', '.join(question.params)})", body)
    live = question.check(answer)
    graded = judge.judge(question, probe.record({question.function: answer},
                                                judge.request(question)))
    assert (graded.status, graded.problem, graded.message) == (live.status, live.problem,
                                                               live.message)
    assert live.problem == "warning"


# -- q1 stable_sigmoid -------------------------------------------------------------------------------

Q1 = "stable_sigmoid(x)"
_E = "e = np.exp(-np.abs(x))\n"


@pytest.mark.parametrize("body", [
    _E + "return np.where(x >= 0, 1 / (1 + e), e / (1 + e))",
    _E + "return np.where(x > 0, 1 / (1 + e), e / (1 + e))",
    _E + "return np.where(x < 0, e, 1) / (1 + e)",
    "out = np.empty_like(x)\npos = x >= 0\nout[pos] = 1 / (1 + np.exp(-x[pos]))\n"
    "out[~pos] = np.exp(x[~pos]) / (1 + np.exp(x[~pos]))\nreturn out",
    "return np.exp(-np.logaddexp(0, -x))",
    "return 0.5 * (1 + np.tanh(x / 2))",
    "return 1 / (1 + np.exp(-np.clip(x, -80, 80)))",
])
def test_q1_accepts_other_forms(body):
    assert ex04.q1.check(_answer(Q1, body)).passed


@pytest.mark.parametrize("body, problem, phrase", [
    ("return 1 / (1 + np.exp(-x))", "warning", "That is the textbook formula 1/(1 + exp(−x))"),
    ("return np.exp(x) / (1 + np.exp(x))", "warning", "it overflows at the other end"),
    ("return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))", "warning",
     "numpy computes both a and b for *every* element"),
    ("pos = x >= 0\nout = np.zeros_like(x)\nout[pos] = np.exp(x[pos]) / (1 + np.exp(x[pos]))\n"
     "out[~pos] = 1 / (1 + np.exp(-x[~pos]))\nreturn out", "warning",
     "Your split is the wrong way round"),
    ("return np.where(x >= 0, np.exp(x) / (1 + np.exp(x)), 1 / (1 + np.exp(-x)))", "warning",
     "Your split is the wrong way round"),
    (_E + "return np.where(x >= 0, e / (1 + e), 1 / (1 + e))", "values",
     "you computed σ(−x) = 1 − σ(x)"),
    ("return 1 / (1 + np.exp(x))", "values", "you computed σ(−x) = 1 − σ(x)"),
    ("return 1 / (1 + np.exp(-np.abs(x)))", "values", "You computed 1/(1 + exp(−|x|)) = σ(|x|)"),
    (_E + "return e / (1 + e)", "values", "that is σ(−|x|)"),
    ("if x >= 0:\n    return 1 / (1 + np.exp(-x))\nreturn np.exp(x) / (1 + np.exp(x))", "error",
     "`if x >= 0:` asks one yes-or-no question about the whole array"),
    ("return np.array([1 / (1 + math.exp(-v)) for v in x.ravel()], dtype=x.dtype)"
     ".reshape(x.shape)", "error", "`math.exp` works on one Python number"),
    ("return 1 / (1 + np.exp(-np.clip(x, -500, 500)))", "warning",
     "quiet on every float64 input but overflows in float32"),
    ("m = np.maximum(x, 0)\nreturn np.exp(x - m) / (np.exp(-m) + np.exp(x - m))", "warning",
     "At x = +inf your function returned NaN, where σ is 1.0"),
    ("return np.exp(x - np.logaddexp(0, x))", "warning", "At x = +inf your function returned NaN"),
    ("np.abs(x, out=x)\nreturn np.where(x >= 0, 1 / (1 + np.exp(-x)), 0.0)", "mutation",
     "Your function changed x in place"),
])
def test_q1_diagnoses(body, problem, phrase):
    assert_wrong(ex04.q1.check(_answer(Q1, body)), problem, phrase)


def test_q1_the_naive_formula_is_shown_the_input_that_overflows():
    result = ex04.q1.check(_answer(Q1, "return 1 / (1 + np.exp(-x))"))
    assert_wrong(result, "warning", "overflow encountered in exp", "-1000.", "large negative x")
    assert "np.where" not in result.message            # not told about a branch it never wrote


def test_q1_a_float64_answer_for_float32_input_is_told_to_keep_the_dtype():
    body = ("x = np.asarray(x, dtype=float)\n" + _E
            + "return np.where(x >= 0, 1 / (1 + e), e / (1 + e))")
    assert_wrong(ex04.q1.check(_answer(Q1, body)), "dtype",
                 "float64 numbers, but the input was float32")


# -- q2 sigmoid_slope --------------------------------------------------------------------------------

Q2 = "sigmoid_slope(s)"


@pytest.mark.parametrize("body", [
    "return s * (1 - s)", "return s - s ** 2", "return s - s * s", "return 0.25 - (s - 0.5) ** 2",
    "return np.multiply(s, 1 - s)",
])
def test_q2_accepts_other_forms(body):
    assert ex04.q2.check(_answer(Q2, body)).passed


@pytest.mark.parametrize("body, problem, phrase", [
    ("return s - s^2", "error", "In Python `^` is bitwise XOR"),
    ("return s * (1 + s)", "values", "Sign: s(1 + s) grows with s"),
    ("return s ** 2", "values", "σ² is not the slope"),
    ("return s * s", "values", "σ² is not the slope"),
    ("return 1 - s", "values", "1 − σ is only the second factor"),
    ("return 1 - s ** 2", "values", "tanh's slope from its outputs"),
    ("return sigmoid(s) * (1 - sigmoid(s))", "values", "you applied the sigmoid a second time"),
    ("return sigmoid.grad(s)", "values", "you applied the sigmoid a second time"),
    ("return np.exp(-s) / (1 + np.exp(-s)) ** 2", "values",
     "you applied the sigmoid a second time"),
    ("return s * 1 - s", "values", "`s * 1 - s` is (s·1) − s = 0"),
    ("return s @ (1 - s)", "type", "`@` (and `np.dot`) is a matrix or dot product"),
    ("return np.dot(s, 1 - s)", "type", "`@` (and `np.dot`) is a matrix or dot product"),
    ("s *= 1 - s\nreturn s", "mutation", "Your function changed `s` in place"),
])
def test_q2_diagnoses(body, problem, phrase):
    assert_wrong(ex04.q2.check(_answer(Q2, body)), problem, phrase)


# -- q3 one_sign_share -------------------------------------------------------------------------------

Q3 = "one_sign_share(H, dZ)"
_G = "G = H[:, :, None] * dZ[:, None, :]\n"


@pytest.mark.parametrize("body", [
    _G + "return np.mean(np.all(G > 0, axis=1) | np.all(G < 0, axis=1))",
    "G = np.einsum('nd,nk->ndk', H, dZ)\nreturn (np.all(G > 0, 1) | np.all(G < 0, 1)).mean()",
    "G = H[:, None, :] * dZ[:, :, None]\n"
    "return np.mean(np.all(G > 0, axis=2) | np.all(G < 0, axis=2))",
    "pairs = [np.all(np.outer(h, dz) > 0, axis=0) | np.all(np.outer(h, dz) < 0, axis=0)\n"
    "         for h, dz in zip(H, dZ)]\nreturn np.mean(pairs)",
])
def test_q3_accepts_other_forms(body):
    assert ex04.q3.check(_answer(Q3, body)).passed


@pytest.mark.parametrize("body, problem, phrase", [
    ("G = H * dZ\nreturn np.mean(np.all(G > 0, axis=1) | np.all(G < 0, axis=1))", "error",
     "`H * dZ` pairs the inputs"),
    (_G + "return np.mean(np.all(G > 0, axis=1))", "values",
     "You counted only the pairs where every component is positive"),
    (_G + "return np.mean(np.all(G >= 0, axis=1) | np.all(G <= 0, axis=1))", "values",
     "A component that is exactly 0"),
    (_G + "return np.mean(np.any(G > 0, axis=1) | np.any(G < 0, axis=1))", "values",
     "`np.any` asks whether *some* component"),
    (_G + "return np.mean(np.all(G > 0, axis=0) | np.all(G < 0, axis=0))", "values",
     "You asked along the examples"),
    (_G + "return np.mean(np.all(G > 0, axis=2) | np.all(G < 0, axis=2))", "values",
     "You asked along the units"),
    ("G = H.T @ dZ\nreturn np.mean(np.all(G > 0, axis=0) | np.all(G < 0, axis=0))", "values",
     "`H.T @ dZ` sums the gradients over the examples"),
    (_G + "return np.sum(np.all(G > 0, axis=1) | np.all(G < 0, axis=1))", "dtype",
     "That is the number of pairs with one sign"),
    (_G + "return np.sum(np.all(G > 0, axis=1) | np.all(G < 0, axis=1)) / len(H)", "values",
     "You divided by the number of examples, n"),
    (_G + "return np.all(G > 0, axis=1) | np.all(G < 0, axis=1)", "type",
     "That is the (n, k) mask"),
    ("H *= dZ[:, :1]\nreturn 1.0", "mutation", "Your function changed H or dZ in place"),
])
def test_q3_diagnoses(body, problem, phrase):
    assert_wrong(ex04.q3.check(_answer(Q3, body)), problem, phrase)


# -- q4 bce_gradient ---------------------------------------------------------------------------------

Q4 = "bce_gradient(z, y)"


@pytest.mark.parametrize("body", [
    "return (sigmoid(z) - y) / len(z)",
    "return (sigmoid(z) - y) / z.size",
    "return ((1 - y) * sigmoid(z) - y * sigmoid(-z)) / len(y)",
    "p = 1 / (1 + np.exp(-z))\nreturn (p - y) / len(z)",
])
def test_q4_accepts_other_forms(body):
    assert ex04.q4.check(_answer(Q4, body)).passed


@pytest.mark.parametrize("body, problem, phrase", [
    ("return sigmoid(z) - y", "values", "That is the gradient of one example's loss"),
    ("return (y - sigmoid(z)) / len(z)", "values", "The sign is flipped"),
    ("return y - sigmoid(z)", "values", "Two things: the sign is flipped"),
    ("p = sigmoid(z)\nreturn 2 * (p - y) * p * (1 - p) / len(z)", "values",
     "That is the gradient of squared error"),
    ("return (sigmoid(z) - y) * sigmoid.grad(z) / len(z)", "values",
     "That is the gradient of squared error"),
    ("p = sigmoid(z)\nreturn 2 * (p - y) * p * (1 - p)", "values",
     "That is the gradient of squared error"),
    ("p = sigmoid(z)\nreturn (-y / p + (1 - y) / (1 - p)) / len(z)", "values",
     "That is the derivative with respect to the probability p = σ(z)"),
    ("return (z - y) / len(z)", "values", "You used the score z where the probability"),
    ("return np.mean(sigmoid(z) - y)", "type", "That is one number, the mean of the examples'"),
    ("p = sigmoid(z)\nreturn -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))", "type",
     "That is the loss itself"),
    ("z -= y\nreturn (sigmoid(z + y) - y) / len(z)", "mutation", "Your function changed z or y"),
])
def test_q4_diagnoses(body, problem, phrase):
    assert_wrong(ex04.q4.check(_answer(Q4, body)), problem, phrase)


def test_q4_the_mean_is_shown_on_the_first_case_with_several_examples():
    result = ex04.q4.check(_answer(Q4, "return sigmoid(z) - y"))
    assert_wrong(result, "values", "4 examples", "expected -0.0298007, received -0.119203")


# -- q5 log_sigmoid ----------------------------------------------------------------------------------

Q5 = "log_sigmoid(x)"


@pytest.mark.parametrize("body", [
    "return np.minimum(x, 0) - np.log1p(np.exp(-np.abs(x)))",
    "return np.minimum(x, 0) - np.log(1 + np.exp(-np.abs(x)))",
    "e = np.exp(-np.abs(x))\nreturn np.where(x >= 0, -np.log1p(e), x - np.log1p(e))",
    "return -np.logaddexp(0, -x)",
    "return x - np.logaddexp(0, x)",
])
def test_q5_accepts_other_forms(body):
    assert ex04.q5.check(_answer(Q5, body)).passed


@pytest.mark.parametrize("body, problem, phrase", [
    ("return np.log(sigmoid(x))", "warning", "That is log(σ(x)), the log of a computed sigmoid"),
    ("return np.log(1 / (1 + np.exp(-x)))", "warning", "log(1/(1 + exp(−x))) computes exp(800)"),
    ("return -np.log(1 + np.exp(-x))", "warning", "−log(1 + exp(−x)) is log σ(x) on paper"),
    ("return -np.log1p(np.exp(-x))", "warning", "−log(1 + exp(−x)) is log σ(x) on paper"),
    ("return np.where(x >= 0, -np.log1p(np.exp(-x)), x - np.log1p(np.exp(x)))", "warning",
     "the branch for x ≥ 0 is also computed at x = −800"),
    ("return -np.logaddexp(0, x)", "values", "That is log σ(−x) = log(1 − σ(x))"),
    ("return np.logaddexp(0, -x)", "values", "The outer sign is missing"),
    ("return -np.log1p(np.exp(-np.abs(x)))", "values", "For x < 0 the term x is missing"),
    ("return np.maximum(x, 0) - np.log1p(np.exp(-np.abs(x)))", "values",
     "it is min(x, 0), not max(x, 0), in front"),
    ("return -np.log(1 + np.exp(-np.clip(x, -500, 500)))", "values",
     "Your values stop at about -500"),
    ("return np.log(sigmoid(np.maximum(x, -100)))", "values", "Your values stop at about -100"),
    ("np.abs(x, out=x)\nreturn -np.log1p(np.exp(-x))", "mutation",
     "Your function changed x in place"),
])
def test_q5_diagnoses(body, problem, phrase):
    assert_wrong(ex04.q5.check(_answer(Q5, body)), problem, phrase)


def test_q5_a_clipped_answer_that_is_right_on_every_case_is_not_blamed():
    # clipping far below every case's x changes nothing here: no diagnosis, the answer passes
    body = "return np.minimum(x, 0) - np.log1p(np.exp(-np.abs(np.maximum(x, -1e6))))"
    assert ex04.q5.check(_answer(Q5, body)).passed
