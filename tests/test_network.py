"""actlab.network: layers against explicit sums, the collapse identity, ReLU-piece fits."""

import doctest

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.interpolate import make_lsq_spline

import actlab.network
from actlab import binary_step, relu, sigmoid
from actlab.datasets import logic_gate
from actlab.network import Dense, Network, collapse, fit_relu_pieces


def test_docstring_examples():
    assert doctest.testmod(actlab.network).failed == 0


def test_dense_layer_is_the_sum_over_inputs_unit_by_unit():
    rng = np.random.default_rng(0)
    W, b, X = rng.normal(size=(3, 4)), rng.normal(size=4), rng.normal(size=(5, 3))
    layer = Dense(W, b, "sigmoid")
    expected = [[1 / (1 + np.exp(-(sum(X[n, i] * W[i, j] for i in range(3)) + b[j])))
                 for j in range(4)] for n in range(5)]
    np.testing.assert_allclose(layer(X), expected, rtol=1e-12)
    np.testing.assert_allclose(layer.pre_activation(X[0]), X[0] @ W + b)
    assert layer.shape == (3, 4)
    assert layer.activation is sigmoid


def test_dense_accepts_an_activation_object_and_defaults_to_identity():
    assert Dense([[1.0]], [0.0], relu).activation is relu
    np.testing.assert_array_equal(Dense([[2.0]], [1.0])([[-3.0]]), [[-5.0]])


def test_network_applies_layers_in_order_and_reports_each_output():
    first = Dense([[1.0, -1.0]], [0.0, 0.0], "relu")
    second = Dense([[1.0], [1.0]], [0.5])
    net = Network([first, second])
    x = np.array([[-2.0], [3.0]])
    hidden, out = net.layer_outputs(x)
    np.testing.assert_array_equal(hidden, [[0.0, 2.0], [3.0, 0.0]])
    np.testing.assert_array_equal(out, [[2.5], [3.5]])
    np.testing.assert_array_equal(net(x), out)


dims = st.integers(1, 6)


@settings(max_examples=50, deadline=None)
@given(d_in=dims, d_hidden=dims, d_out=dims, seed=st.integers(0, 2**32 - 1))
def test_two_linear_layers_collapse_to_one(d_in, d_hidden, d_out, seed):
    rng = np.random.default_rng(seed)
    first = Dense(rng.normal(size=(d_in, d_hidden)), rng.normal(size=d_hidden))
    second = Dense(rng.normal(size=(d_hidden, d_out)), rng.normal(size=d_out))
    X = rng.normal(size=(7, d_in))
    single = collapse(first, second)
    assert single.shape == (d_in, d_out)
    np.testing.assert_allclose(single(X), second(first(X)), rtol=1e-10, atol=1e-10)
    # column-vector form, as textbooks write it: W = W2 W1, b = W2 b1 + b2 with W_k = weights.T
    np.testing.assert_allclose(single.weights.T, second.weights.T @ first.weights.T, atol=1e-12)
    np.testing.assert_allclose(single.bias, second.weights.T @ first.bias + second.bias,
                               atol=1e-12)


def test_collapse_keeps_the_second_activation_and_refuses_a_nonlinear_first_layer():
    linear = Dense([[1.0, 2.0]], [0.0, 1.0])
    out = Dense([[1.0], [-1.0]], [0.0], "relu")
    assert collapse(linear, out).activation is relu
    with pytest.raises(ValueError, match="collapse: the first layer must be linear.*'relu'"):
        collapse(Dense([[1.0, 2.0]], [0.0, 1.0], "relu"), out)


def test_relu_between_layers_breaks_the_collapse():
    """With a ReLU in between, no single linear layer matches: the best least-squares one misses."""
    X, y = logic_gate("xor")
    net = Network([Dense([[1, 1], [1, 1]], [0, -1], "relu"), Dense([[1], [-2]], [0])])
    np.testing.assert_array_equal(net(X).ravel(), y)
    design = np.column_stack([X, np.ones(4)])
    best_linear = design @ np.linalg.lstsq(design, y, rcond=None)[0]
    np.testing.assert_allclose(best_linear, [0.5] * 4, atol=1e-12)


def test_hand_built_step_network_computes_xor():
    X, y = logic_gate("xor")
    net = Network([Dense([[1, 1], [1, 1]], [-0.5, -1.5], binary_step),
                   Dense([[1], [-1]], [-0.5], binary_step)])
    hidden, out = net.layer_outputs(X)
    np.testing.assert_array_equal(hidden[:, 0], logic_gate("or")[1])
    np.testing.assert_array_equal(hidden[:, 1], logic_gate("and")[1])
    np.testing.assert_array_equal(out.ravel(), y)


@pytest.mark.parametrize("n_pieces", [1, 2, 5, 12, 40])
def test_relu_fit_equals_the_least_squares_linear_spline(n_pieces):
    """A sum of ReLUs with knots k_i is a linear spline; scipy fits the same space by B-splines."""
    x = np.linspace(-3, 3, 301)
    y = np.sin(2 * x) + x**2 / 4
    net = fit_relu_pieces(x, y, n_pieces)
    knots = np.linspace(-3, 3, n_pieces + 1)
    spline = make_lsq_spline(x, y, np.r_[-3, knots, 3], k=1)
    np.testing.assert_allclose(net(x.reshape(-1, 1)).ravel(), spline(x), atol=1e-9)
    np.testing.assert_allclose(-net.layers[0].bias, knots[:-1])
    assert net.layers[0].activation is relu and net.layers[0].shape == (1, n_pieces)


def test_relu_fit_reproduces_piecewise_linear_curves_exactly():
    x = np.linspace(0, 4, 81)
    y = np.interp(x, [0, 1, 2, 3, 4], [0, 2, -1, -1, 3])
    net = fit_relu_pieces(x, y, 4)
    np.testing.assert_allclose(net(x.reshape(-1, 1)).ravel(), y, atol=1e-12)


def test_relu_fit_error_shrinks_like_one_over_n_squared():
    x = np.linspace(-3, 3, 2001)
    y = np.sin(2 * x) + x**2 / 4
    errors = [np.abs(fit_relu_pieces(x, y, n)(x.reshape(-1, 1)).ravel() - y).max()
              for n in (8, 16, 32, 64)]
    ratios = np.array(errors[:-1]) / np.array(errors[1:])
    assert np.all((ratios > 3.0) & (ratios < 5.5)), ratios


@pytest.mark.parametrize("call, error, message", [
    (lambda: Dense([1.0, 2.0], [0.0]), ValueError, r"Dense: weights must be a 2-D array"),
    (lambda: Dense([[1.0, 2.0]], [0.0]), ValueError, r"Dense: bias must have shape \(2,\)"),
    (lambda: Dense([[1.0]], [0.0], "rleu"), ValueError, "Did you mean 'relu'"),
    (lambda: Dense([[1.0]], [0.0], np.tanh), TypeError, "Dense: activation must be a name"),
    (lambda: Dense([[np.inf]], [0.0]), ValueError, "Dense: weights must be finite"),
    (lambda: Dense([[1.0]], [0.0])([[1.0, 2.0]]), ValueError,
     r"Dense: input must have shape \(n, 1\) to match weights of shape \(1, 1\)"),
    (lambda: Network([]), TypeError, "Network: layers must be a non-empty sequence"),
    (lambda: Network([Dense([[1.0, 1.0]], [0, 0]), Dense([[1.0]], [0])]), ValueError,
     "Network: layer 0 has 2 outputs but layer 1 expects 1 inputs"),
    (lambda: collapse(Dense([[1.0]], [0]), "layer"), TypeError, "collapse: both layers"),
    (lambda: collapse(Dense([[1.0, 1.0]], [0, 0]), Dense([[1.0]], [0])), ValueError,
     "collapse: the first layer has 2 outputs"),
    (lambda: fit_relu_pieces([0, 1], [0, 1], 0), ValueError, "n_pieces must be a positive integer"),
    (lambda: fit_relu_pieces([0, 1], [0, 1, 2], 2), ValueError, "same length"),
    (lambda: fit_relu_pieces([1, 1], [0, 1], 2), ValueError, "two distinct values"),
])
def test_bad_input_gets_a_clear_message(call, error, message):
    with pytest.raises(error, match=message):
        call()
