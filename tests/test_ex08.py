"""Exercise set 08 (softmax): the references agree with scipy, the library, the engine and finite
differences, right answers in their usual forms pass, the untouched student notebook is "not
attempted", and every typical mistake gets its intended diagnosis."""

import numpy as np
import pytest
from exercise_helpers import ROOT, assert_wrong, defined, function_cells
from scipy.special import logsumexp as scipy_logsumexp
from scipy.special import softmax as scipy_softmax

import actlab
from actlab.exercises import ex08
from actlab.exercises.checking import NOT_ATTEMPTED
from actlab.exercises.checking.diagnoses import warned_outcome
from actlab.network.losses import softmax_cross_entropy

pytestmark = pytest.mark.filterwarnings("error")


def _answer(signature, body):
    """The learner's function ``def signature: body``, defined as in the notebook."""
    return defined(f"def {signature}:\n    " + body.replace("\n", "\n    ") + "\n",
                   signature.partition("(")[0])


# -- the references, against scipy, the library, the engine and finite differences -----------------
# Every warning is an error here, so each call below also proves "no RuntimeWarning".

@pytest.mark.parametrize("axis", [0, 1, -1])
@pytest.mark.parametrize("scale", [1.0, 400.0])
def test_stable_softmax_is_scipys_and_the_librarys(axis, scale):
    z = np.random.default_rng(0).normal(scale=scale, size=(5, 7))
    np.testing.assert_allclose(ex08.stable_softmax(z, axis), scipy_softmax(z, axis=axis),
                               rtol=1e-12, atol=1e-300)
    np.testing.assert_array_equal(ex08.stable_softmax(z, axis), actlab.softmax(z, axis=axis))


def test_stable_softmax_gives_the_lessons_numbers_and_keeps_float32():
    assert np.array_equal(ex08.stable_softmax(np.array([1.0, 2.0, 3.0]), 0).round(4),
                          [0.0900, 0.2447, 0.6652])
    assert np.array_equal(ex08.stable_softmax(np.array([1000.0, 1001.0]), 0).round(4),
                          [0.2689, 0.7311])
    p = ex08.stable_softmax(np.array([100.0, 90.0], dtype=np.float32), 0)
    assert p.dtype == np.float32 and np.isclose(p.sum(), 1.0)


def test_logsumexp_is_scipys_and_within_the_lessons_bounds():
    z = np.random.default_rng(1).normal(scale=300.0, size=(6, 4))
    np.testing.assert_allclose(ex08.logsumexp(z), scipy_logsumexp(z, axis=-1), rtol=1e-13)
    assert np.all(z.max(axis=-1) <= ex08.logsumexp(z))
    assert np.all(ex08.logsumexp(z) <= z.max(axis=-1) + np.log(4))
    assert ex08.logsumexp(np.array([0.0, -1000.0])) == 0.0
    assert ex08.logsumexp(np.array([1000.0, 1000.0])) == pytest.approx(1000 + np.log(2))


@pytest.mark.parametrize("n", [2, 3, 6])
def test_softmax_jacobian_is_the_librarys_and_a_central_difference(n):
    z = np.random.default_rng(n).normal(scale=2.0, size=n)
    J = ex08.softmax_jacobian(z)
    np.testing.assert_allclose(J, actlab.softmax_jacobian(z), rtol=1e-15, atol=1e-17)
    h = 1e-6
    numeric = np.stack([(actlab.softmax(z + h * e) - actlab.softmax(z - h * e)) / (2 * h)
                        for e in np.eye(n)], axis=1)
    np.testing.assert_allclose(J, numeric, atol=1e-9)
    assert np.allclose(J.sum(axis=1), 0, atol=4 * np.finfo(float).eps) and np.array_equal(J, J.T)


def test_cross_entropy_grad_is_the_engines_and_a_central_difference():
    rng = np.random.default_rng(3)
    Z, labels = rng.normal(size=(5, 4)), rng.integers(0, 4, size=5)
    T = softmax_cross_entropy.targets(labels, 4)
    grad = ex08.cross_entropy_grad(Z, labels)
    np.testing.assert_allclose(grad, softmax_cross_entropy.grad(Z, T), rtol=1e-14, atol=1e-17)
    h = 1e-6
    numeric = np.zeros_like(Z)
    for index in np.ndindex(Z.shape):
        step = np.zeros_like(Z)
        step[index] = h
        numeric[index] = (softmax_cross_entropy.value(Z + step, T)
                          - softmax_cross_entropy.value(Z - step, T)) / (2 * h)
    np.testing.assert_allclose(grad, numeric, atol=1e-9)


# -- the student notebook, untouched ---------------------------------------------------------------

def test_the_untouched_student_notebook_is_not_attempted_on_every_task():
    stubs = function_cells(ROOT / "exercises" / "08_softmax.ipynb")
    assert sorted(stubs) == sorted(q.function for q in ex08.questions)
    for question in ex08.questions:
        result = question.check(defined(stubs[question.function], question.function))
        assert result.status == NOT_ATTEMPTED, result


# -- the diagnoses that compare warnings too (as in test_ex04.py) ----------------------------------

def _warning_diagnoses(question):
    return [d for d in question.diagnoses if hasattr(d, "warning_formula")]


WARNING_DIAGNOSES = [pytest.param(q, d, id=f"{q.name}-{i}") for q in ex08.questions
                     for i, d in enumerate(_warning_diagnoses(q))]


@pytest.mark.filterwarnings("default")   # the naive formulas warn, inside the check
@pytest.mark.parametrize("question, diagnosis", WARNING_DIAGNOSES)
def test_each_warning_formula_given_as_the_answer_gets_its_own_diagnosis(question, diagnosis):
    result = question.check(diagnosis.warning_formula)
    assert result.status == "wrong" and diagnosis.message in result.message, result.message


@pytest.mark.filterwarnings("default")
def test_the_naive_formulas_differ_from_the_reference_on_some_case():
    for question in (ex08.q1, ex08.q2):
        (diagnosis,) = _warning_diagnoses(question)
        runs = [warned_outcome(diagnosis.warning_formula, case.args) for case in question.cases]
        assert any(kinds for _, kinds in runs)


# -- right answers in other forms pass -------------------------------------------------------------

Q1, Q2, Q3, Q4 = ("stable_softmax(z, axis)", "logsumexp(z)", "softmax_jacobian(z)",
                  "cross_entropy_grad(Z, labels)")


@pytest.mark.parametrize("body", [
    "shifted = z - z.max(axis=axis, keepdims=True)\ne = np.exp(shifted)\n"
    "return e / e.sum(axis=axis, keepdims=True)",
    "m = np.max(z, axis=axis, keepdims=True)\n"
    "return np.exp(z - m - np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True)))",
])
def test_q1_accepts_other_forms(body):
    assert ex08.q1.check(_answer(Q1, body)).passed


@pytest.mark.parametrize("body", [
    "m = z.max(axis=-1, keepdims=True)\n"
    "return (m + np.log(np.exp(z - m).sum(axis=-1, keepdims=True)))[..., 0]",
    "m = np.max(z, axis=-1)\nreturn m + np.log1p(np.sum(np.exp(z - m[..., None]), axis=-1) - 1)",
])
def test_q2_accepts_other_forms(body):
    assert ex08.q2.check(_answer(Q2, body)).passed


@pytest.mark.parametrize("body", [
    "p = softmax(z)\nreturn np.diag(p) - p[:, None] * p[None, :]",
    "p = softmax(z)\nreturn -np.outer(p, p) + np.eye(len(p)) * p",
])
def test_q3_accepts_other_forms(body):
    assert ex08.q3.check(_answer(Q3, body)).passed


@pytest.mark.parametrize("body", [
    "Y = np.eye(Z.shape[1])[labels]\nreturn (softmax(Z, axis=1) - Y) / len(Z)",
    "Y = np.zeros_like(Z)\nY[np.arange(len(labels)), labels] = 1\n"
    "return (softmax(Z, axis=1) - Y) / Z.shape[0]",
])
def test_q4_accepts_other_forms(body):
    assert ex08.q4.check(_answer(Q4, body)).passed


# -- typical mistakes, each told what is wrong -----------------------------------------------------

@pytest.mark.filterwarnings("default")
@pytest.mark.parametrize("body, problem, phrase", [
    ("return np.exp(z) / np.sum(np.exp(z), axis=axis, keepdims=True)", "warning",
     "without the shift"),
    ("return z / np.sum(z, axis=axis, keepdims=True)", "values", "source article's mistake"),
    ("e = np.exp(z - np.max(z, axis=axis))\nreturn e / np.sum(e, axis=axis, keepdims=True)",
     "error", "keepdims=True"),
    ("e = np.exp(z - np.max(z, axis=axis, keepdims=True))\nreturn e / np.sum(e, axis=axis)",
     "error", "keepdims=True"),
    ("e = np.exp(z - np.max(z, axis=-1, keepdims=True))\n"
     "return e / np.sum(e, axis=-1, keepdims=True)", "values", "whatever `axis` says"),
    ("e = np.exp(z - np.max(z))\nreturn e / np.sum(e)", "values", "over the *whole array*"),
    ("z -= np.max(z, axis=axis, keepdims=True)\ne = np.exp(z)\n"
     "return e / np.sum(e, axis=axis, keepdims=True)", "mutation", "changed z in place"),
])
def test_q1_diagnoses(body, problem, phrase):
    assert_wrong(ex08.q1.check(_answer(Q1, body)), problem, phrase)


@pytest.mark.filterwarnings("default")
@pytest.mark.parametrize("body, problem, phrase", [
    ("return np.log(np.sum(np.exp(z), axis=-1))", "warning", "m + log Σ exp(z − m)"),
    ("m = np.max(z, axis=-1, keepdims=True)\nreturn np.log(np.sum(np.exp(z - m), axis=-1))",
     "values", "did not add it back"),
    ("return np.max(z, axis=-1)", "values", "*smooth* maximum"),
    ("m = np.max(z, axis=-1)\nreturn m + np.log(np.mean(np.exp(z - m[..., None]), axis=-1))",
     "values", "averaged the exponentials"),
    ("m = np.max(z, axis=-1, keepdims=True)\n"
     "return m + np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True))", "type",
     "kept the reduced axis"),
])
def test_q2_diagnoses(body, problem, phrase):
    assert_wrong(ex08.q2.check(_answer(Q2, body)), problem, phrase)


@pytest.mark.parametrize("body, problem, phrase", [
    ("p = softmax(z)\nreturn np.diag(p * (1 - p))", "values", "Only the diagonal"),
    ("p = softmax(z)\nreturn p * (1 - p)", "shape", "n × n matrix"),
    ("p = softmax(z)\nreturn np.diag(p) + np.outer(p, p)", "values", "Sign of p pᵀ"),
    ("p = softmax(z)\nreturn np.outer(p, p) - np.diag(p)", "values", "Your matrix is −J"),
    ("p = softmax(z)\nreturn np.diag(p) - p * p", "values", "element by element"),
])
def test_q3_diagnoses(body, problem, phrase):
    assert_wrong(ex08.q3.check(_answer(Q3, body)), problem, phrase)


@pytest.mark.parametrize("body, problem, phrase", [
    ("return softmax(Z, axis=1) - np.eye(Z.shape[1])[labels]", "values", "*mean*"),
    ("return (np.eye(Z.shape[1])[labels] - softmax(Z, axis=1)) / len(Z)", "values",
     "not y − p"),
    ("return softmax(Z, axis=1) / len(Z)", "values", "The target is missing"),
    ("return (softmax(Z, axis=1) - labels[:, None]) / len(Z)", "values", "*one-hot*"),
    ("return (softmax(Z, axis=0) - np.eye(Z.shape[1])[labels]) / len(Z)", "values",
     "each *column*"),
])
def test_q4_diagnoses(body, problem, phrase):
    assert_wrong(ex08.q4.check(_answer(Q4, body)), problem, phrase)


def test_q4_a_python_loop_is_told_to_vectorise():
    body = ("G = np.zeros_like(Z)\nfor i in range(len(Z)):\n    p = softmax(Z[i])\n"
            "    p[labels[i]] -= 1\n    G[i] = p / len(Z)\nreturn G")
    assert_wrong(ex08.q4.check(_answer(Q4, body)), "loop", "loop")


def test_the_random_cases_are_quiet_and_finite_for_the_reference():
    rng = np.random.default_rng(0)
    for question in ex08.questions:
        for _ in range(20):
            case = question.random_case(rng)
            result = question.reference(*case.args)          # a warning would be an error here
            assert np.all(np.isfinite(result)), (question.name, case)
