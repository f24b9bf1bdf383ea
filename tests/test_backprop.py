"""actlab.network backpropagation: every gradient against central differences, and the exact zeros
the lessons rely on."""

import numpy as np
import pytest

import actlab
from actlab.network import (Dense, Network, OwnActivation, binary_cross_entropy, gradient_check,
                            mean_squared_error, softmax_cross_entropy)

OUTPUTS = {"identity": 2, "sigmoid": 1, "softmax": 3}
ACTIVATIONS = actlab.names() + ["prelu", ("leaky_relu", {"alpha": 0.1}), ("elu", {"alpha": 0.5}),
                                ("gelu", {"approximate": "tanh"})]


def _targets(output, n, rng):
    if output == "identity":
        return rng.normal(size=(n, OUTPUTS[output]))
    return rng.integers(0, max(OUTPUTS[output], 2), size=n)


def _network(activation, output, seed):
    net = Network.build([3, 5, 4, OUTPUTS[output]], activation, output=output, seed=seed,
                        init=("normal", {"std": 0.8}))
    for layer in net.layers:
        layer.bias += np.random.default_rng(seed).normal(scale=0.3, size=layer.bias.shape)
    return net


def _away_from_kinks(net, X, distance=1e-3):
    """The finite differences must not straddle a kink: every |z - kink| > distance."""
    trace = net.forward(X)
    for layer, z in zip(net.layers, trace.z):
        for kink in getattr(layer.activation, "kinks", ()) or ((0.0,) if layer.slope is not None
                                                               else ()):
            assert np.abs(z - kink).min() > distance, f"{layer}: a pre-activation sits on a kink"


@pytest.mark.parametrize("output", list(OUTPUTS))
@pytest.mark.parametrize("activation", ACTIVATIONS, ids=str)
def test_every_gradient_matches_central_differences(activation, output):
    rng = np.random.default_rng(7)
    X = rng.normal(size=(6, 3))
    net = _network(activation, output, seed=3)
    _away_from_kinks(net, X)
    check = gradient_check(net, X, _targets(output, 6, rng), max_entries=None)
    arrays = {(row["layer"], row["array"]) for row in check.rows}
    assert {(k, a) for k in (1, 2, 3) for a in ("weights", "bias", "z", "h")} <= arrays
    assert check.max_error < 1e-6, f"\n{check}"


def test_the_gradients_are_not_trivially_zero():
    """A check that compares zeros with zeros proves nothing: the gradients here are sizeable."""
    rng = np.random.default_rng(0)
    net = _network("tanh", "softmax", seed=0)
    check = gradient_check(net, rng.normal(size=(6, 3)), [0, 1, 2, 0, 1, 2])
    assert all(row["norm"] > 1e-3 for row in check.rows), check


def test_prelu_slopes_are_checked_and_learn():
    rng = np.random.default_rng(1)
    net = _network("prelu", "identity", seed=1)
    X, y = rng.normal(size=(6, 3)), rng.normal(size=(6, 2))
    check = gradient_check(net, X, y)
    slope_rows = [row for row in check.rows if row["array"] == "slope"]
    assert len(slope_rows) == 2 and all(row["norm"] > 0 for row in slope_rows)
    assert check.max_error < 1e-6
    before = net.layers[0].slope.copy()
    actlab.network.train(net, X, y, epochs=5, batch_size=6)
    assert not np.array_equal(before, net.layers[0].slope)


@pytest.mark.parametrize("own", [
    OwnActivation(lambda z: z**3 / 3 + z, lambda z: z**2 + 1, name="cubic"),
    (lambda z: np.sin(z), lambda z: np.cos(z)),
    actlab.softplus,   # a function with a .grad, as a learner might also write one
])
def test_a_learners_own_activation_trains_like_the_library_ones(own):
    rng = np.random.default_rng(2)
    net = Network.build([3, 4, 2], own, output="softmax", seed=2)
    assert gradient_check(net, rng.normal(size=(5, 3)), [0, 1, 1, 0, 1]).max_error < 1e-6


def test_a_wrong_derivative_is_caught_by_the_gradient_check():
    """The tool the lessons use to catch a wrong f' must catch one."""
    wrong = OwnActivation(np.tanh, lambda z: 1 - np.tanh(z), name="tanh with a wrong derivative")
    net = Network.build([3, 4, 2], wrong, output="softmax", seed=2)
    check = gradient_check(net, np.random.default_rng(2).normal(size=(5, 3)), [0, 1, 1, 0, 1])
    assert check.max_error > 1e-2 and not check.passed()


def test_no_gradient_passes_a_step_layer():
    """Lesson 03: behind a binary step, ∂L/∂W₁ is exactly 0.0, whatever the data."""
    rng = np.random.default_rng(3)
    net = Network.build([2, 8, 1], "binary_step", output="sigmoid", seed=3)
    X = rng.normal(size=(50, 2))
    grads = net.backward(net.forward(X), rng.integers(0, 2, size=50))
    assert np.all(grads[0].weights == 0.0) and np.all(grads[0].bias == 0.0)
    assert np.all(grads[0].z == 0.0)
    assert np.abs(grads[1].weights).max() > 0    # the output layer itself still learns
    assert np.abs(grads[0].h).max() > 0          # the signal reaches the step, and stops there


def test_softmax_cross_entropy_gradient_is_p_minus_y():
    rng = np.random.default_rng(4)
    S = rng.normal(size=(5, 4)) * 3
    labels = np.array([0, 3, 1, 1, 2])
    T = softmax_cross_entropy.targets(labels, 4)
    p = np.exp(S) / np.exp(S).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(softmax_cross_entropy.grad(S, T), (p - T) / 5, rtol=1e-12)
    np.testing.assert_allclose(softmax_cross_entropy.value(S, T),
                               -np.mean(np.log(p[np.arange(5), labels])), rtol=1e-12)


def test_binary_cross_entropy_from_logits_is_stable_where_the_naive_formula_fails():
    S = np.array([[-800.0], [800.0], [0.0], [30.0]])
    T = np.array([[1.0], [0.0], [1.0], [1.0]])
    # exact values: -log σ(-800) = 800, -log(1 - σ(800)) = 800, log 2, log(1 + e^-30)
    expected = np.mean([800.0, 800.0, np.log(2), np.log1p(np.exp(-30.0))])
    np.testing.assert_allclose(binary_cross_entropy.value(S, T), expected, rtol=1e-15)
    np.testing.assert_allclose(binary_cross_entropy.grad(S, T).ravel(),
                               np.array([-1.0, 1.0, -0.5, -1 / (1 + np.exp(30.0))]) / 4,
                               rtol=1e-12)


def test_mean_squared_error_matches_its_definition():
    S, T = np.array([[1.0, 2.0], [3.0, 5.0]]), np.array([[0.0, 2.0], [1.0, 1.0]])
    assert mean_squared_error.value(S, T) == (1 + 0 + 4 + 16) / 4
    np.testing.assert_array_equal(mean_squared_error.grad(S, T), 2 * (S - T) / 4)


def test_hand_computed_gradients_of_a_one_unit_network():
    """L = (w x + b - y)^2 by hand: dL/dw = 2 (w x + b - y) x, dL/db = 2 (w x + b - y)."""
    net = Network([Dense([[2.0]], [0.5])])
    grads = net.backward(net.forward([[3.0]]), [[1.0]])
    assert grads[0].weights.item() == 2 * (6.5 - 1) * 3
    assert grads[0].bias.item() == 2 * (6.5 - 1)


@pytest.mark.parametrize("output, loss", [("softmax", "mean_squared_error"),
                                          ("identity", "softmax_cross_entropy")])
def test_a_loss_that_does_not_fit_the_output_is_refused(output, loss):
    net = Network.build([2, 3], "relu", output=output)
    with pytest.raises(ValueError, match=f"the loss {loss!r} pairs with output="):
        net.backward(net.forward([[0.0, 1.0]]), [0], loss=loss)
