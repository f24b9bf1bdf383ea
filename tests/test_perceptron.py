"""actlab.perceptron against a plain-Python perceptron, and the convergence facts lesson 01 teaches."""

import doctest

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import actlab.perceptron
from actlab.datasets import blobs, logic_gate, xor_clouds
from actlab.perceptron import History, Perceptron, learning_rule_step, train

finite = st.floats(-10, 10, allow_nan=False)
rates = st.floats(0.01, 5.0)


def reference_train(X, y, eta, max_epochs, w, b):
    """Rosenblatt's rule with Python floats and lists only: (weights per epoch, errors per epoch)."""
    w, b = [float(v) for v in w], float(b)
    weights, errors = [(list(w), b)], []
    for _ in range(max_epochs):
        mistakes = 0
        for x, target in zip(X.tolist(), y.tolist()):
            z = sum(wi * xi for wi, xi in zip(w, x)) + b
            output = 1 if z >= 0 else 0
            if output != target:
                mistakes += 1
                w = [wi + eta * (target - output) * xi for wi, xi in zip(w, x)]
                b = b + eta * (target - output)
        weights.append((list(w), b))
        errors.append(mistakes)
        if mistakes == 0:
            break
    return weights, errors


def test_docstring_examples():
    assert doctest.testmod(actlab.perceptron).failed == 0


def test_weighted_sum_and_predict_by_hand():
    p = Perceptron([2.0, -1.0], bias=0.5)
    X = [[0, 0], [1, 0], [0, 1], [1, 3]]
    np.testing.assert_allclose(p.weighted_sum(X), [0.5, 2.5, -0.5, -0.5])
    np.testing.assert_array_equal(p.predict(X), [1, 1, 0, 0])
    assert p.predict(X).dtype == np.int64


def test_a_point_on_the_boundary_is_class_one():
    p = Perceptron([1.0, 1.0], bias=-1.0)
    assert p.weighted_sum([1.0, 0.0]) == 0.0
    assert p.predict([1.0, 0.0]) == 1
    assert p.predict([1.0, -1e-12]) == 0


def test_single_input_gives_a_scalar_result():
    p = Perceptron([1.0, 1.0], -1.5)
    assert p.predict([1, 1]).shape == ()
    assert p.weighted_sum([1, 1]) == pytest.approx(0.5)


def test_weights_are_copied_not_shared():
    w = np.array([1.0, 1.0])
    p = Perceptron(w, -1.5)
    w[0] = -100.0
    assert p.weights[0] == 1.0


@pytest.mark.parametrize("gate, weights, bias", [("and", (1, 1), -1.5), ("or", (1, 1), -0.5),
                                                 ("nand", (-1, -1), 1.5)])
def test_hand_set_weights_compute_the_gates(gate, weights, bias):
    X, y = logic_gate(gate)
    np.testing.assert_array_equal(Perceptron(weights, bias).predict(X), y)


@settings(max_examples=300, deadline=None)
@given(w1=finite, w2=finite, b=finite)
def test_no_line_computes_xor(w1, w2, b):
    X, y = logic_gate("xor")
    assert not np.array_equal(Perceptron([w1, w2], b).predict(X), y)


@pytest.mark.parametrize("target, start, expected", [
    (1, ([-1.0, -1.0], -1.0), ([0.0, 1.0], 0.0)),    # z = -4, missed 1: w moves towards x
    (0, ([1.0, 1.0], 0.0), ([0.0, -1.0], -1.0)),     # z = 3, false 1: w moves away from x
    (1, ([1.0, 1.0], 0.0), ([1.0, 1.0], 0.0)),       # z = 3, correct: no change
])
def test_learning_rule_step_by_hand(target, start, expected):
    w, b = start
    new_w, new_b = learning_rule_step(np.array(w), b, np.array([1.0, 2.0]), target)
    np.testing.assert_allclose(new_w, expected[0])
    assert new_b == expected[1]


def test_learning_rule_step_scales_with_the_learning_rate_and_leaves_inputs_alone():
    w, x = np.array([0.0, 0.0]), np.array([1.0, 2.0])
    new_w, new_b = learning_rule_step(w, -1.0, x, 1, learning_rate=0.5)
    np.testing.assert_allclose(new_w, [0.5, 1.0])
    assert new_b == -0.5
    np.testing.assert_array_equal(w, [0.0, 0.0])
    np.testing.assert_array_equal(x, [1.0, 2.0])


@pytest.mark.parametrize("gate", ["and", "or", "nand"])
def test_training_converges_on_separable_gates(gate):
    X, y = logic_gate(gate)
    history = train(X, y)
    assert history.converged
    assert history.errors[-1] == 0 and np.all(history.errors[:-1] > 0)
    assert history.epochs < 100
    np.testing.assert_array_equal(history.perceptron.predict(X), y)


def test_training_never_converges_on_xor():
    X, y = logic_gate("xor")
    for max_epochs in (1, 10, 500):
        history = train(X, y, max_epochs=max_epochs)
        assert not history.converged
        assert history.epochs == max_epochs
        assert np.all(history.errors >= 1)


@settings(max_examples=60, deadline=None)
@given(eta=rates, w1=finite, w2=finite, b=finite)
def test_convergence_from_any_start(eta, w1, w2, b):
    for gate in ("and", "or"):
        X, y = logic_gate(gate)
        history = train(X, y, learning_rate=eta, weights=[w1, w2], bias=b, max_epochs=2000)
        assert history.converged, gate
        np.testing.assert_array_equal(history.perceptron.predict(X), y)
    history = train(*logic_gate("xor"), learning_rate=eta, weights=[w1, w2], bias=b,
                    max_epochs=50)
    assert not history.converged
    assert np.all(history.errors >= 1)


@pytest.mark.parametrize("gate", ["and", "or", "nand", "xor"])
@pytest.mark.parametrize("eta, start", [(1.0, ((0, 0), 0)), (0.3, ((0.5, -2.0), 1.0))])
def test_history_matches_the_plain_python_perceptron(gate, eta, start):
    X, y = logic_gate(gate)
    history = train(X, y, learning_rate=eta, weights=start[0], bias=start[1], max_epochs=40)
    weights, errors = reference_train(X, y, eta, 40, *start)
    np.testing.assert_array_equal(history.errors, errors)
    np.testing.assert_allclose(history.weights, [w for w, _ in weights], atol=1e-12)
    np.testing.assert_allclose(history.biases, [b for _, b in weights], atol=1e-12)
    assert history.weights.shape == (history.epochs + 1, 2)
    assert history.biases.shape == (history.epochs + 1,)


def test_history_is_a_record_of_arrays():
    history = train(*logic_gate("or"))
    assert isinstance(history, History)
    assert history.errors.dtype == np.int64
    np.testing.assert_array_equal(history.weights[0], [0.0, 0.0])


def test_training_converges_on_separable_blobs_but_not_on_xor_clouds():
    X, y = blobs(200, seed=3, separation=1.0, margin=0.05)
    history = train(X, y, max_epochs=1000)
    assert history.converged
    np.testing.assert_array_equal(history.perceptron.predict(X), y)
    assert not train(*xor_clouds(80), max_epochs=50).converged


def test_training_does_not_modify_its_inputs():
    X, y = logic_gate("and")
    w = np.array([0.3, -0.2])
    train(X, y, weights=w)
    np.testing.assert_array_equal(X, logic_gate("and")[0])
    np.testing.assert_array_equal(w, [0.3, -0.2])


@pytest.mark.parametrize("call, error, message", [
    (lambda: Perceptron([[1.0, 2.0]]), ValueError, "Perceptron: weights must be a non-empty 1-D"),
    (lambda: Perceptron([]), ValueError, "Perceptron: weights must be a non-empty 1-D"),
    (lambda: Perceptron([1.0, np.nan]), ValueError, "Perceptron: weights must be finite"),
    (lambda: Perceptron(["a", "b"]), TypeError, "Perceptron: weights must hold real numbers"),
    (lambda: Perceptron([[1.0], [2.0, 3.0]]), ValueError, "weights could not be read as one rect"),
    (lambda: Perceptron(None), TypeError, "Perceptron: weights must be a number or an array"),
    (lambda: Perceptron([1.0, 1.0], bias=[1.0, 2.0]), ValueError, "bias must be a single number"),
    (lambda: Perceptron([1.0, 1.0]).predict([[1.0, 2.0, 3.0]]), ValueError,
     r"inputs must have shape \(n, 2\) or \(2,\) to match 2 weights, got shape \(1, 3\)"),
    (lambda: train([0, 1], [0, 1]), ValueError, "train: X must be a 2-D array"),
    (lambda: train([[0, 1], [1]], [0, 1]), ValueError, "train: X could not be read as one rect"),
    (lambda: train([[0, 1]], [0, 1]), ValueError, "train: X has 1 rows but y has 2 labels"),
    (lambda: train([[0, 1]], [2]), ValueError, "train: labels must be 0 or 1, got 2"),
    (lambda: train([[0, 1]], [-1]), ValueError, "train: labels must be 0 or 1, got -1"),
    (lambda: train([[0, 1]], ["yes"]), ValueError, "train: labels must be 0 or 1, got 'yes'"),
    (lambda: train([[0, 1]], [1], max_epochs=0), ValueError, "train: max_epochs must be a positive"),
    (lambda: train([[0, 1]], [1], learning_rate=0), ValueError,
     "train: learning_rate must be positive"),
    (lambda: train([[0, 1]], [1], weights=[1.0]), ValueError, r"train: weights must have shape \(2,\)"),
    (lambda: learning_rule_step([0, 0], 0, [[1, 1]], 1), ValueError,
     "learning_rule_step: x must be one example"),
    (lambda: learning_rule_step([0, 0], 0, [1, 1], [1]), ValueError,
     "learning_rule_step: expected a single label"),
])
def test_bad_input_gets_a_clear_message(call, error, message):
    with pytest.raises(error, match=message):
        call()
