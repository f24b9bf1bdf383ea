"""Lesson 10: vanishing and exploding gradients — the experiment module, its committed results,
normalisation and residual connections checked against finite differences, the plot and the widget."""

import math
import random

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

from actlab.experiments import vanishing
from actlab.network import Dense, Network, layer_statistics
from actlab.plotting import plot_gradient_grid
from actlab.widgets import draw_gradient_flow, gradient_flow_widget


@pytest.fixture(scope="module")
def results():
    return vanishing.load_results()


def _loss(net, X, y, **options):
    return vanishing.stack_gradients(net, X, y, **options)[4]


def _small(activation="tanh", depth=4, width=6, seed=3):
    net = vanishing.probe_network(activation, "Xavier", depth, width=width, seed=seed)
    X, y = vanishing.probe_batch(width, 7, seed)
    return net, X, y


# -- products of Jacobians -------------------------------------------------------------------------

def test_a_product_of_100_random_matrices_explodes_and_is_computed_without_overflow():
    logs = vanishing.jacobian_product(100, 4, trials=200, seed=0)
    assert logs.shape == (200,) and np.all(np.isfinite(logs))
    assert 24 < np.median(logs) < 26


def test_the_renormalised_product_equals_the_plain_one():
    rng = np.random.default_rng(0)
    M = rng.normal(size=(6, 3, 4, 4))
    plain = np.abs(M[0] @ M[1] @ M[2] @ M[3] @ M[4] @ M[5]).max(axis=(1, 2))
    assert vanishing.jacobian_product(6, 4, trials=3, seed=0) == pytest.approx(np.log10(plain))


# -- normalisation and residual connections --------------------------------------------------------

def test_normalise_gives_mean_0_and_variance_1_and_its_backward_is_the_derivative():
    rng = np.random.default_rng(1)
    z, g = rng.normal(3.0, 2.0, size=(9, 4)), rng.normal(size=(9, 4))
    norm = vanishing.Normalise()
    z_hat, scale = norm.forward(z)
    assert np.allclose(z_hat.mean(axis=0), 0) and np.allclose(z_hat.var(axis=0), 1, atol=1e-5)
    analytic = norm.backward(z_hat, scale, g)
    numeric = np.zeros_like(z)
    for idx in np.ndindex(z.shape):
        step = np.zeros_like(z)
        step[idx] = 1e-6
        numeric[idx] = (np.sum(norm.forward(z + step)[0] * g)
                        - np.sum(norm.forward(z - step)[0] * g)) / 2e-6
    assert np.allclose(analytic, numeric, rtol=1e-5, atol=1e-8)


def test_without_options_stack_gradients_is_the_engine_s_backward_pass():
    net, X, y = _small()
    h, grad_h, grad_w, grads, loss = vanishing.stack_gradients(net, X, y)
    engine = net.backward(net.forward(X), y)
    for (dW, db), g in zip(grads, engine):
        assert np.allclose(dW, g.weights, rtol=1e-12, atol=1e-15) and np.allclose(db, g.bias)
    assert np.allclose(grad_h, [np.linalg.norm(g.h) for g in engine[:-1]])
    assert np.allclose(grad_w, [np.linalg.norm(g.weights) for g in engine[:-1]])
    assert loss == pytest.approx(net.loss_value(X, y))
    assert all(np.allclose(a, b) for a, b in zip(h, net.layer_outputs(X)[:-1]))


@pytest.mark.parametrize("options", [{"normalise": True}, {"residual": True},
                                     {"normalise": True, "residual": True}])
@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_stack_gradients_with_normalisation_and_residuals_match_finite_differences(options,
                                                                                   activation):
    net, X, y = _small(activation)
    grads = vanishing.stack_gradients(net, X, y, **options)[3]
    rng = np.random.default_rng(7)
    for k, layer in enumerate(net.layers):
        for array, grad in ((layer.weights, grads[k][0]), (layer.bias, grads[k][1])):
            for _ in range(4):
                idx = tuple(rng.integers(0, n) for n in array.shape)
                old = array[idx]
                array[idx] = old + 1e-6
                up = _loss(net, X, y, **options)
                array[idx] = old - 1e-6
                down = _loss(net, X, y, **options)
                array[idx] = old
                numeric = (up - down) / 2e-6
                assert grad[idx] == pytest.approx(numeric, rel=1e-4, abs=1e-9), (k, idx)


def test_a_residual_connection_keeps_the_gradient_of_a_deep_sigmoid_network():
    net = vanishing.probe_network("sigmoid", "Xavier", 20, width=32)
    X, y = vanishing.probe_batch(32, 16)
    plain = vanishing.stack_gradients(net, X, y)[1]
    residual = vanishing.stack_gradients(net, X, y, residual=True)[1]
    assert plain[0] / plain[-1] < 1e-8 and 0.1 < residual[0] / residual[-1] < 10


def test_residual_connections_need_square_layers():
    net = Network([Dense(np.ones((3, 4)), np.zeros(4), "relu"), Dense(np.ones((4, 1)), [0.0])])
    with pytest.raises(ValueError, match="square"):
        vanishing.stack_gradients(net, np.ones((2, 3)), [0.0, 1.0], residual=True)


# -- the probe networks and the committed results --------------------------------------------------

def test_gradient_profile_is_the_engine_s_statistics_of_the_hidden_layers():
    stats = vanishing.gradient_profile("tanh", "He", 5, width=16, batch=8, seed=2)
    net = vanishing.probe_network("tanh", "He", 5, width=16, seed=2)
    full = layer_statistics(net, *vanishing.probe_batch(16, 8, 2))
    assert len(stats.grad_h) == 5 and np.array_equal(stats.grad_h, full.grad_h[:5])
    assert np.array_equal(stats.h_std, full.h_std[:5])


def test_the_results_cover_the_whole_grid(results):
    assert set(results) == {(a, i, d) for a in vanishing.ACTIVATIONS for i in vanishing.INITS
                            for d in vanishing.DEPTHS}
    for (_, _, depth), cell in results.items():
        assert all(len(cell[name]) == depth for name in vanishing.STATISTICS)


@pytest.mark.parametrize("sample", range(2))
def test_a_random_sample_of_the_results_recomputes_exactly(results, sample):
    key = random.Random().choice(sorted(results))
    live = vanishing.grid_entry(*key)
    for name in vanishing.STATISTICS:
        assert np.array_equal(live[name], results[key][name], equal_nan=True), (key, name)


def test_the_lesson_s_numbers(results):
    relu_x, relu_he = results[("relu", "Xavier", 30)], results[("relu", "He", 30)]
    assert 2e-5 < relu_x["h_std"][-1] < 5e-5 and 0.7 < relu_he["h_std"][-1] < 1.5
    assert 0.5 < relu_x["grad_weights"][0] / relu_x["grad_weights"][-1] < 3  # the trap
    tanh_n = results[("tanh", "N(0, 1)", 50)]
    assert 1e22 < tanh_n["grad_h"][0] / tanh_n["grad_h"][-1] < 1e24
    assert [round(results[("tanh", "Xavier", 50)]["h_std"][k], 2) for k in (0, 9)] == [0.63, 0.23]
    # Var(z) halves in every ReLU layer with Xavier on square layers
    assert relu_x["h_std"][-1] == pytest.approx(math.sqrt(0.5 ** 30), rel=0.3)


# -- the plot and the widget -----------------------------------------------------------------------

def test_plot_gradient_grid_draws_one_line_an_initialisation(results):
    axes = plot_gradient_grid(results, statistic="grad_weights", depth=10)
    assert [ax.get_title() for ax in axes] == list(vanishing.ACTIVATIONS)
    line = axes[2].lines[list(vanishing.INITS).index("He")]
    assert np.allclose(line.get_ydata(), results[("relu", "He", 10)]["grad_weights"])
    assert axes[0].get_yscale() == "log"
    plt.close(axes[0].figure)
    with pytest.raises(ValueError, match="depth 7"):
        plot_gradient_grid(results, depth=7)


def test_draw_gradient_flow_draws_the_engine_s_gradient_norms():
    fig, axes = plt.subplots(1, 2)
    stats = draw_gradient_flow(axes, depth=12, activation="tanh", init="He")
    net = vanishing.probe_network("tanh", "He", 12, width=64)
    expected = layer_statistics(net, *vanishing.probe_batch(64, 32))
    assert np.allclose(axes[0].lines[0].get_ydata(), expected.grad_h[:12])
    assert np.allclose(axes[0].lines[1].get_ydata(), expected.grad_weights[:12])
    assert "tanh, He" in axes[0].get_title() and axes[0].get_yscale() == "log"
    assert len(axes[1].get_yticks()) == 12 and np.array_equal(stats.grad_h, expected.grad_h)
    plt.close(fig)


def test_draw_gradient_flow_copes_with_exploding_and_vanishing_networks():
    fig, axes = plt.subplots(1, 2)
    with np.errstate(all="raise"):
        draw_gradient_flow(axes, depth=50, activation="relu", init="N(0, 1)")
        axes[0].clear(), axes[1].clear()
        draw_gradient_flow(axes, depth=50, activation="sigmoid", init="small N(0, 0.01²)")
    assert len(axes[1].get_yticks()) == 10  # every 5th layer, labelled with its number
    fig.canvas.draw()
    assert [t.get_text() for t in axes[1].get_yticklabels()] == [str(k) for k in range(1, 50, 5)]
    with pytest.raises(ValueError, match="depth"):
        draw_gradient_flow(axes, depth=0)
    plt.close(fig)


def test_gradient_flow_widget_redraws_on_every_control(capsys):
    widget = gradient_flow_widget()
    depth, activation, init, output = widget.children
    assert isinstance(depth, ipywidgets.IntSlider) and not depth.continuous_update
    assert isinstance(output, ipywidgets.Output)
    first = widget.result
    depth.value = 10
    assert widget.result is not first and "layer 10" in widget.result.axes[0].get_title()
    activation.value = "sigmoid"
    init.value = "He"
    assert widget.result.axes[0].get_title().startswith("sigmoid, He")
    assert plt.get_fignums() == []
    capsys.readouterr()
