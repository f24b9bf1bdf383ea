"""Exercise set 10 (vanishing and exploding gradients): the references agree with the engine and the
lesson, right answers in their usual forms pass, the untouched student notebook is "not attempted",
and every typical mistake gets its intended diagnosis."""

import numpy as np
import pytest
from exercise_helpers import ROOT, defined, function_cells

from actlab.exercises import ex10
from actlab.exercises.checking import NOT_ATTEMPTED
from actlab.network import Network, layer_statistics


def _answer(signature, body):
    """The learner's function ``def signature: body``, defined as in the notebook."""
    return defined(f"def {signature}:\n    " + body.replace("\n", "\n    ") + "\n",
                   signature.partition("(")[0])


# -- the references, against the engine ------------------------------------------------------------

def test_he_std_is_what_the_engine_draws_with():
    assert ex10.he_std(256, 256) == pytest.approx(1 / np.sqrt(128))
    for n_in, n_out in [(64, 10), (8, 100)]:
        net = Network.build([n_in, n_out], "relu", init="he_normal", seed=3)
        drawn = np.random.default_rng(3).normal(scale=ex10.he_std(n_in, n_out), size=(n_in, n_out))
        np.testing.assert_array_equal(net.layers[0].weights, drawn)


def test_the_backward_pass_is_the_engine_s():
    rng = np.random.default_rng(0)
    net = Network.build([6, 5, 4, 1], "tanh", seed=0)
    X, y = rng.normal(size=(7, 6)), rng.normal(size=7)
    trace = net.forward(X)
    grads = net.backward(trace, y)
    dH = grads[1].h           # ∂L/∂H of the mean loss; each example's own loss has n times it
    np.testing.assert_allclose(ex10.weight_gradient(trace.h[0], trace.z[1], 7 * dH),
                               grads[1].weights, rtol=1e-12)
    np.testing.assert_allclose(ex10.input_gradient(net.layers[1].weights, trace.z[1], dH),
                               grads[0].h, rtol=1e-12)


def test_gradient_norms_are_layer_statistics_grad_weights():
    rng = np.random.default_rng(1)
    net = Network.build([8, 16, 16, 1], "tanh", seed=0)
    X, y = rng.normal(size=(20, 8)), rng.normal(size=20)
    grads = net.backward(net.forward(X), y)
    np.testing.assert_allclose(ex10.gradient_norms([g.weights for g in grads]),
                               layer_statistics(net, X, y).grad_weights, rtol=1e-12)


# -- the student notebook, untouched ---------------------------------------------------------------

def test_the_untouched_student_notebook_is_not_attempted_on_every_task():
    stubs = function_cells(ROOT / "exercises" / "10_vanishing_gradients.ipynb")
    assert sorted(stubs) == sorted(q.function for q in ex10.questions)
    for question in ex10.questions:
        result = question.check(defined(stubs[question.function], question.function))
        assert result.status == NOT_ATTEMPTED, result


# -- right answers in other forms, and the diagnoses of typed mistakes -----------------------------

@pytest.mark.parametrize("question, signature, body", [
    (ex10.q1, "he_std(n_in, n_out)", "return (2 / n_in) ** 0.5"),
    (ex10.q1, "he_std(n_in, n_out)", "return np.sqrt(2) / np.sqrt(n_in)"),
    (ex10.q2, "weight_gradient(H_prev, Z, dH)",
     "dZ = dH * (1 - np.tanh(Z) ** 2)\nreturn np.einsum('ni,nj->ij', H_prev, dZ) / H_prev.shape[0]"),
    (ex10.q2, "weight_gradient(H_prev, Z, dH)",
     "return H_prev.T @ (dH / np.cosh(Z) ** 2) / len(Z)"),
    (ex10.q3, "input_gradient(W, Z, dH)", "return (dH * (1 - np.tanh(Z) ** 2)) @ W.T"),
    (ex10.q3, "input_gradient(W, Z, dH)", "return np.dot(dH * (1 - np.square(np.tanh(Z))), W.T)"),
    (ex10.q4, "gradient_norms(grads)", "return np.array([np.linalg.norm(g) for g in grads])"),
    (ex10.q4, "gradient_norms(grads)",
     "return np.array([np.linalg.norm(g, 'fro') for g in grads])"),
])
def test_other_forms_pass(question, signature, body):
    assert question.check(_answer(signature, body)).passed


@pytest.mark.parametrize("question, signature, body, phrase", [
    (ex10.q1, "he_std(n_in, n_out)", "return 2 / n_in", "That is the variance"),
    (ex10.q1, "he_std(n_in, n_out)", "return np.sqrt(2 / n_out)", "Fan-in and fan-out are swapped"),
    (ex10.q1, "he_std(n_in, n_out)", "return np.sqrt(2 / (n_in + n_out))", "That is Xavier's"),
    (ex10.q1, "he_std(n_in, n_out)", "return 1 / np.sqrt(n_in)", "the factor 2 is missing"),
    (ex10.q1, "he_std(n_in, n_out)", "return 2 / n_in ** 0.5", "Brackets"),
    (ex10.q2, "weight_gradient(H_prev, Z, dH)", "return H_prev.T @ dH / len(H_prev)",
     "The activation's derivative is missing"),
    (ex10.q2, "weight_gradient(H_prev, Z, dH)",
     "return H_prev.T @ (dH * (1 - np.tanh(Z) ** 2))", "You summed over the batch"),
    (ex10.q2, "weight_gradient(H_prev, Z, dH)",
     "return (dH * (1 - np.tanh(Z) ** 2)).T @ H_prev / len(H_prev)", "Your result is transposed"),
    (ex10.q2, "weight_gradient(H_prev, Z, dH)",
     "dH *= 1 - np.tanh(Z) ** 2\nreturn H_prev.T @ dH / len(H_prev)", "in place"),
    (ex10.q3, "input_gradient(W, Z, dH)", "return (dH * (1 - np.tanh(Z) ** 2)) @ W",
     "W is not transposed"),
    (ex10.q3, "input_gradient(W, Z, dH)", "return dH @ W.T", "The activation's derivative is missing"),
    (ex10.q3, "input_gradient(W, Z, dH)",
     "return (dH * (1 - np.tanh(Z) ** 2)) @ W.T / len(Z)", "No division here"),
    (ex10.q4, "gradient_norms(grads)", "return np.array([np.linalg.norm(g, 2) for g in grads])",
     "largest singular value"),
    (ex10.q4, "gradient_norms(grads)", "return np.array([np.sum(g ** 2) for g in grads])",
     "The square root is missing"),
    (ex10.q4, "gradient_norms(grads)", "return np.sqrt(sum(np.sum(g ** 2) for g in grads))",
     "one number for all layers"),
])
def test_typical_mistakes_get_their_diagnosis(question, signature, body, phrase):
    result = question.check(_answer(signature, body))
    assert not result.passed and phrase in result.message, result.message
