"""Exercise set 11 (choosing an activation): the references agree with the engine and the lesson,
right answers in their usual forms pass, the untouched student notebook is "not attempted", and
every typical mistake gets its intended diagnosis."""

import numpy as np
import pytest
from exercise_helpers import ROOT, assert_wrong, defined, function_cells

from actlab.datasets import digits
from actlab.exercises import ex11
from actlab.exercises.checking import NOT_ATTEMPTED
from actlab.experiments import choosing
from actlab.network import Dense, Network, train


def _answer(signature, body):
    """The learner's function ``def signature: body``, defined as in the notebook."""
    return defined(f"def {signature}:\n    " + body.replace("\n", "\n    ") + "\n",
                   signature.partition("(")[0])


# -- the references, against the engine and the lesson ---------------------------------------------

def test_accuracy_is_the_engine_s_validation_accuracy():
    data = digits()
    net = Network.build([64, 16, 10], "relu", output="softmax", seed=0)
    history = train(net, data.X_train, data.y_train, epochs=2, seed=0,
                    validation=(data.X_val, data.y_val))
    assert ex11.accuracy(net.scores(data.X_val), data.y_val) == history.val_accuracy[-1]


def test_sgd_step_is_one_step_of_the_engine():
    data = digits()
    X, y = data.X_train[:32], data.y_train[:32]
    rng = np.random.default_rng(0)
    W, b = rng.normal(scale=0.1, size=(64, 10)), rng.normal(scale=0.1, size=10)
    net = Network([Dense(W.copy(), b.copy())], output="softmax")
    train(net, X, y, learning_rate=0.1, epochs=1, batch_size=32, seed=0)   # one full batch
    new_W, new_b = ex11.sgd_step(W, b, X, y, 0.1)
    np.testing.assert_allclose(new_W, net.layers[0].weights, rtol=0, atol=1e-12)
    np.testing.assert_allclose(new_b, net.layers[0].bias, rtol=0, atol=1e-12)


def test_early_stop_is_the_lesson_s_rule():
    results = choosing.load_results()
    for run in results["patience"]:
        for patience in (1, 5, 20, 120):
            assert ex11.early_stop(np.array(run["val_loss"]), patience) == \
                choosing.early_stop(run["val_loss"], patience)


# -- the student notebook, untouched ---------------------------------------------------------------

def test_the_untouched_student_notebook_is_not_attempted_on_every_task():
    stubs = function_cells(ROOT / "exercises" / "11_choosing_an_activation.ipynb")
    assert sorted(stubs) == sorted(q.function for q in ex11.questions)
    for question in ex11.questions:
        result = question.check(defined(stubs[question.function], question.function))
        assert result.status == NOT_ATTEMPTED, result


# -- right answers in other forms ------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "return float(np.mean(np.argmax(scores, axis=1) == y))",
    "return np.mean(scores.argmax(axis=1) == y)",
    "return float(np.sum(np.argmax(softmax(scores, axis=1), axis=1) == y) / len(y))",
])
def test_q1_accepts_other_forms(body):
    assert ex11.q1.check(_answer("accuracy(scores, y)", body)).passed


def test_q2_accepts_another_form():
    body = ("S = X @ W + b\nP = np.exp(S - S.max(axis=1, keepdims=True))\n"
            "P /= P.sum(axis=1, keepdims=True)\nP[np.arange(len(y)), y] -= 1\nG = P / len(y)\n"
            "return W - learning_rate * X.T @ G, b - learning_rate * G.sum(axis=0)")
    assert ex11.q2.check(_answer("sgd_step(W, b, X, y, learning_rate)", body)).passed


# -- diagnoses -------------------------------------------------------------------------------------

@pytest.mark.parametrize("body, phrase", [
    ("return float(np.sum(np.argmax(scores, axis=1) == y))", "number of examples classified"),
    ("return 100 * np.mean(np.argmax(scores, axis=1) == y)", "That is a percentage"),
    ("return float(np.mean(np.max(scores, axis=1) == y))", "`np.max` gives the highest score"),
    ("return float(np.mean(np.argmin(scores, axis=1) == y))", "`np.argmin` picks"),
    ("return float(np.mean(np.argmax(scores) == y))", "without an axis is one number"),
    ("return float(np.mean(np.argmax(scores, axis=0) == y))", "`axis=0` takes the argmax down"),
])
def test_q1_diagnoses(body, phrase):
    result = ex11.q1.check(_answer("accuracy(scores, y)", body))
    assert not result.passed and phrase in result.message, result.message


_STEP = ("P = softmax(X @ W + b, axis=1)\nT = np.eye(W.shape[1])[y]\nG = {error}\n"
         "return {W}, {b}")


@pytest.mark.parametrize("error, W, b, phrase", [
    ("(P - T) / len(X)", "W + learning_rate * X.T @ G", "b + learning_rate * G.sum(axis=0)",
     "goes *up* the loss"),
    ("(T - P) / len(X)", "W - learning_rate * X.T @ G", "b - learning_rate * G.sum(axis=0)",
     "goes *up* the loss"),
    ("P - T", "W - learning_rate * X.T @ G", "b - learning_rate * G.sum(axis=0)",
     "n times too large"),
    ("(P - T) / len(X)", "W - learning_rate * X.T @ G", "b", "The biases did not move"),
    ("(P - T) / len(X)", "W - learning_rate * X.T @ G", "b - learning_rate * G.mean(axis=0)",
     "divides by n a second time"),
])
def test_q2_diagnoses(error, W, b, phrase):
    body = _STEP.format(error=error, W=W, b=b)
    result = ex11.q2.check(_answer("sgd_step(W, b, X, y, learning_rate)", body))
    assert not result.passed and phrase in result.message, result.message


def test_q2_diagnoses_scores_for_probabilities_and_changes_in_place():
    body = ("G = (X @ W + b - np.eye(W.shape[1])[y]) / len(X)\n"
            "return W - learning_rate * X.T @ G, b - learning_rate * G.sum(axis=0)")
    result = ex11.q2.check(_answer("sgd_step(W, b, X, y, learning_rate)", body))
    assert not result.passed and "scores S = XW + b" in result.message, result.message
    body = _STEP.format(error="(P - T) / len(X)", W="W", b="b").replace(
        "return W, b", "W -= learning_rate * X.T @ G\nb -= learning_rate * G.sum(axis=0)\n"
                       "return W, b")
    result = ex11.q2.check(_answer("sgd_step(W, b, X, y, learning_rate)", body))
    assert_wrong(result, "mutation", "changed `W` or `b` in place")


_STOP = ("best = 0\nstopped = len(val_loss) - 1\nfor epoch in range(1, len(val_loss)):\n"
         "    if {improved}:\n        best = epoch\n    elif {wait}:\n"
         "        stopped = epoch\n        break\nreturn stopped, {kept}")


@pytest.mark.parametrize("improved, wait, kept, phrase", [
    ("val_loss[epoch] <= val_loss[best]", "epoch - best >= patience", "best",
     "equal loss as an improvement"),
    ("val_loss[epoch] < val_loss[best]", "epoch - best > patience", "best",
     "one epoch late"),
    ("val_loss[epoch] < val_loss[epoch - 1]", "epoch - best >= patience", "best",
     "*previous* epoch"),
    ("val_loss[epoch] < val_loss[best]", "epoch - best >= patience", "stopped",
     "keeps the weights of the best epoch"),
])
def test_q3_diagnoses(improved, wait, kept, phrase):
    body = _STOP.format(improved=improved, wait=wait, kept=kept)
    result = ex11.q3.check(_answer("early_stop(val_loss, patience)", body))
    assert not result.passed and phrase in result.message, result.message
