"""Lesson 03's library code: the loss along one weight (actlab.network.landscape), its plots
(actlab.plotting.steps) and its widget (actlab.widgets.step_loss), each against an independent
reference: the weight set by hand and the loss recomputed, central differences, closed forms."""

import copy

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

from actlab import binary_step, sigmoid
from actlab.datasets import logic_gate, xor_clouds
from actlab.network import Dense, Network, loss_along_weight, train
from actlab.plotting import (plot_accuracy_runs, plot_hidden_lines, plot_loss_along_weight,
                             plot_steepening_sigmoids, plot_step_unit)
from actlab.widgets import draw_step_loss, step_loss_widget


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def lesson_setup(seed=0, n=200):
    X, y = xor_clouds(n, seed=seed)
    X = X - 0.5
    return Network.build([2, 16, 1], "binary_step", output="sigmoid", seed=seed), X, y


def loss_with_weight(net, X, y, layer, row, column, w):
    """The reference: set the weight in a copy of the network and ask it for the loss."""
    other = copy.deepcopy(net)
    other.layers[layer].weights[row, column] = w
    return other.loss_value(X, y)


# -- loss_along_weight -------------------------------------------------------------------------------

@pytest.mark.parametrize(("sizes", "activation", "output", "layer", "row", "column"), [
    ([2, 16, 1], "binary_step", "sigmoid", 0, 0, 0),
    ([2, 16, 1], "binary_step", "sigmoid", 0, 1, 7),
    ([2, 6, 5, 3], "binary_step", "softmax", 1, 4, 2),
    ([2, 6, 1], "tanh", "identity", 0, 1, 3),
    ([2, 6, 5, 1], "relu", "sigmoid", 2, 3, 0),
])
def test_sweep_equals_setting_the_weight_by_hand(sizes, activation, output, layer, row, column):
    rng = np.random.default_rng(5)
    X = rng.normal(size=(60, 2))
    y = rng.normal(size=(60, 1)) if output == "identity" else rng.integers(0, sizes[-1] if
                                                                           sizes[-1] > 1 else 2, 60)
    net = Network.build(sizes, activation, output=output, seed=1)
    before = [p.copy() for p in net.parameters()]
    values = np.linspace(-3, 3, 41)
    sweep = loss_along_weight(net, X, y, values, layer=layer, row=row, column=column)
    expected = [loss_with_weight(net, X, y, layer, row, column, w) for w in values]
    np.testing.assert_allclose(sweep.losses, expected, rtol=1e-12)
    assert all(np.array_equal(p, q) for p, q in zip(before, net.parameters()))  # net untouched
    assert sweep.original == net.layers[layer].weights[row, column]


def test_a_smooth_network_has_the_backprop_slope_along_the_weight():
    """For tanh units L(w) is smooth: central differences of loss_at equal ∂L/∂W from backprop."""
    rng = np.random.default_rng(2)
    X, y = rng.normal(size=(30, 2)), rng.integers(0, 2, 30)
    net = Network.build([2, 5, 4, 1], "tanh", output="sigmoid", seed=3)
    grads = net.backward(net.forward(X), y)
    for layer, row, column in [(0, 1, 2), (1, 3, 0), (2, 2, 0)]:
        sweep = loss_along_weight(net, X, y, [0.0], layer=layer, row=row, column=column)
        w0, h = sweep.original, 1e-6
        slope = (sweep.loss_at(w0 + h) - sweep.loss_at(w0 - h)) / (2 * h)
        assert slope == pytest.approx(grads[layer].weights[row, column], rel=1e-6, abs=1e-10)


def test_crossings_are_where_an_example_changes_side():
    net, X, y = lesson_setup()
    sweep = loss_along_weight(net, X, y, np.linspace(-2, 2, 11), row=1, column=4)
    assert len(sweep.crossings) == len(X) and np.all(np.diff(sweep.crossings) >= 0)
    w_col, b = net.layers[0].weights[:, 4], net.layers[0].bias[4]
    # closed form, from the data directly: w* = -(b + w_1 x_1) / x_2
    expected = np.sort(-(b + w_col[0] * X[:, 0]) / X[:, 1])
    np.testing.assert_allclose(sweep.crossings, expected, rtol=1e-10)
    # at its crossing an example's pre-activation is 0
    for w in sweep.crossings[::25]:
        assert np.min(np.abs(sweep.pre_activation(w))) < 1e-12


def test_step_loss_is_constant_between_crossings_and_jumps_only_there():
    net, X, y = lesson_setup()
    values = np.linspace(-2, 2, 2001)
    sweep = loss_along_weight(net, X, y, values)
    edges, levels = sweep.steps()
    assert edges[0] == -2 and edges[-1] == 2 and len(levels) == len(edges) - 1
    # random weights strictly inside each piece, checked by hand against the piece's level
    rng = np.random.default_rng(0)
    for k in rng.choice(len(levels), 20, replace=False):
        left, right = edges[k], edges[k + 1]
        for w in rng.uniform(left, right, 3):
            if min(w - left, right - w) > 1e-9:
                assert loss_with_weight(net, X, y, 0, 0, 0, w) == levels[k]
    # every jump of the sweep is explained by a crossing between the two weights
    jumps = np.flatnonzero(np.diff(sweep.losses) != 0)
    for j in jumps:
        assert np.any((sweep.crossings > values[j]) & (sweep.crossings <= values[j + 1]))
    # ... and consecutive levels differ (a crossing changes the loss here)
    assert np.all(np.diff(levels) != 0)
    assert len(np.unique(sweep.losses)) <= len(X) + 1
    # the derivative is 0.0 exactly inside a piece, by central differences
    middle = (edges[:-1] + edges[1:]) / 2
    wide = np.diff(edges) > 1e-5
    for w in middle[wide][:30]:
        assert (sweep.loss_at(w + 1e-6) - sweep.loss_at(w - 1e-6)) / 2e-6 == 0.0


def test_piece_finds_the_neighbouring_crossings():
    X, y = logic_gate("xor")
    xor = Network([Dense([[1.0, 1.0], [1.0, 1.0]], [-0.5, -1.5], "binary_step"),
                   Dense([[1.0], [-1.0]], [-0.5], "binary_step")])
    sweep = loss_along_weight(xor, X, y, np.linspace(-1, 2, 7))
    np.testing.assert_array_equal(sweep.crossings, [-0.5, 0.5])
    assert sweep.piece(-3.0) == (-np.inf, -0.5)
    assert sweep.piece(0.0) == (-0.5, 0.5)
    assert sweep.piece(0.5) == (0.5, np.inf)            # at a crossing: the piece to its right
    edges, levels = sweep.steps(-1.0, 2.0)
    np.testing.assert_array_equal(edges, [-1.0, -0.5, 0.5, 2.0])
    # w < -0.5: (1,1) loses the OR unit too, w in (-0.5, 0.5): only (1,0) is wrong, then XOR
    np.testing.assert_array_equal(levels, [0.25, 0.25, 0.0])
    np.testing.assert_array_equal(sweep.unit_parameters(0.25)[0], [0.25, 1.0])
    assert sweep.unit_parameters(0.25)[1] == -0.5


def test_the_sweep_does_not_follow_later_training():
    net, X, y = lesson_setup()
    sweep = loss_along_weight(net, X, y, [0.0, 0.5])
    before = sweep.loss_at(0.3)
    train(net, X, y, epochs=3, batch_size=200)
    assert sweep.loss_at(0.3) == before


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"layer": 2}, "layer must be an integer from 0 to 1"),
    ({"row": 2}, "row must be an integer from 0 to 1"),
    ({"column": 16}, "column must be an integer from 0 to 15"),
    ({"column": 1.0}, "column must be an integer"),
    ({"values": [[0.0, 1.0]]}, "values must be a non-empty 1-D array"),
    ({"values": []}, "values must be a non-empty 1-D array"),
    ({"values": [0.0, np.nan]}, "values must be finite"),
])
def test_bad_arguments_are_named(kwargs, message):
    net, X, y = lesson_setup()
    args = {"values": [0.0, 1.0]} | kwargs
    with pytest.raises(ValueError, match=message):
        loss_along_weight(net, X, y, **args)


def test_steps_rejects_an_empty_range():
    net, X, y = lesson_setup()
    with pytest.raises(ValueError, match="low must be below high"):
        loss_along_weight(net, X, y, [0.0]).steps(1.0, 1.0)


# -- plots ---------------------------------------------------------------------------------------------

def test_plot_loss_along_weight_draws_the_exact_pieces_and_the_crossings():
    net, X, y = lesson_setup()
    sweep = loss_along_weight(net, X, y, np.linspace(-2, 2, 401))
    ax = plot_loss_along_weight(sweep, current=0.3, samples=True)
    lines = {line.get_label(): line for line in ax.get_lines()}
    xs, ys = lines["loss L(w)"].get_data()
    edges, levels = sweep.steps()
    np.testing.assert_array_equal(xs[::2], edges[:-1])
    np.testing.assert_array_equal(ys[::2], levels)
    inside = sweep.crossings[(sweep.crossings > -2) & (sweep.crossings < 2)]
    np.testing.assert_array_equal(lines["a point crosses the unit's line"].get_xdata(),
                                  np.unique(inside))
    np.testing.assert_array_equal(lines["sweep (401 values)"].get_ydata(), sweep.losses)
    value = loss_with_weight(net, X, y, 0, 0, 0, 0.3)
    left, right = sweep.piece(0.3)
    assert left < 0.3 < right
    assert ax.get_title().startswith(f"L = {value:.4f} at w = 0.30: flat for")
    piece = next(c for c in ax.collections if c.get_label().startswith("flat piece"))
    (start, end), = [segment[:, 0] for segment in piece.get_segments()]
    assert (start, end) == (left, right)
    assert ax.get_xlabel() and ax.get_ylabel() == "loss L (binary cross entropy)"


def test_plot_loss_along_weight_zooms_and_clips_the_piece():
    net, X, y = lesson_setup()
    sweep = loss_along_weight(net, X, y, np.linspace(-2, 2, 401))
    ax = plot_loss_along_weight(sweep, xlim=(1.0, 1.5), current=1.2)
    assert ax.get_xlim() == (1.0, 1.5)
    piece = next(c for c in ax.collections if c.get_label().startswith("flat piece"))
    start, end = piece.get_segments()[0][:, 0]
    assert 1.0 <= start < 1.2 < end <= 1.5


def test_plot_step_unit_shades_the_on_side_and_counts_it():
    X, y = xor_clouds(40, seed=3)
    w, b = np.array([1.0, -2.0]), 0.3
    ax = plot_step_unit(w, b, X, y)
    n_on = int(np.sum(X @ w + b >= 0))
    assert ax.get_title().endswith(f"on for {n_on} of 40 points")
    assert "step(x₁ − 2x₂ + 0.3)" in ax.get_title()
    shaded, = [p for p in ax.patches if p.get_label() == "h = 1 (unit on)"]
    assert np.all(shaded.get_xy() @ w + b >= -1e-9)
    line, = [line for line in ax.lines if line.get_label() == "its line"]
    for point in (line.get_xy1(), line.get_xy2()):
        assert np.dot(w, point) + b == pytest.approx(0, abs=1e-12)


def test_plot_hidden_lines_draws_one_line_per_unit_on_it():
    layer = Dense([[1.0, 0.0, 2.0], [1.0, 1.0, -1.0]], [0.5, -0.25, 0.0], "binary_step")
    fig, ax = plt.subplots()
    ax.set_xlim(-1, 1)
    ax.set_ylim(-1, 1)
    plot_hidden_lines(layer, ax)
    assert len(ax.lines) == 3 and ax.get_xlim() == (-1, 1)
    for line, w, b in zip(ax.lines, layer.weights.T, layer.bias):
        for point in (line.get_xy1(), line.get_xy2()):
            assert np.dot(w, point) + b == pytest.approx(0, abs=1e-12)
    with pytest.raises(ValueError, match="needs 2 inputs"):
        plot_hidden_lines(Dense(np.ones((3, 2)), np.zeros(2)), ax)


def test_plot_accuracy_runs_draws_the_median_and_every_run():
    net, X, y = lesson_setup(n=40)
    histories = [train(Network.build([2, 4, 1], "tanh", output="sigmoid", seed=s), X, y,
                       epochs=5, batch_size=40) for s in range(3)]
    ax = plot_accuracy_runs(histories, label="tanh", color="C2")
    median, *runs = ax.get_lines()
    np.testing.assert_array_equal(median.get_ydata(),
                                  np.median([h.train_accuracy for h in histories], axis=0))
    assert median.get_label() == "tanh: median of 3 runs" and len(runs) == 3
    assert ax.get_xlabel() == "epoch" and ax.get_ylabel() == "training accuracy"


def test_steepening_sigmoids_have_slope_k_over_4_at_zero():
    axes = plot_steepening_sigmoids([1, 4, 16])
    curves = [line for line in axes[0].get_lines() if line.get_label().startswith("σ")]
    slopes = axes[1].get_lines()
    assert [c.get_label() for c in curves] == ["σ(1x)", "σ(4x)", "σ(16x)"]
    for k, curve, slope in zip([1, 4, 16], curves, slopes):
        x, s = slope.get_data()
        assert s.max() == k / 4 and x[np.argmax(s)] == 0.0
        # central differences of the drawn curve agree with the drawn slope
        xc, f = curve.get_data()
        numeric = np.gradient(f, xc)
        interior = slice(1, -1)
        np.testing.assert_allclose(numeric[interior], s[interior], rtol=0.02, atol=1e-4)
        np.testing.assert_allclose(f, sigmoid(k * xc))
    step = [line for line in axes[0].get_lines() if line.get_label() == "step(x)"]
    assert len(step) == 1
    assert axes[1].get_yscale() == "log" and axes[0].get_xlabel() == "x"


# -- the widget ------------------------------------------------------------------------------------------

def test_draw_step_loss_returns_the_loss_and_its_piece():
    net, X, y = lesson_setup()
    sweep = loss_along_weight(net, X, y, np.linspace(-2, 2, 401))
    fig, axes = plt.subplots(1, 2)
    loss, (left, right) = draw_step_loss(axes, sweep, X, y, 0.7)
    assert loss == loss_with_weight(net, X, y, 0, 0, 0, 0.7)
    assert left < 0.7 < right
    unit_weights = net.layers[0].weights[:, 0].copy()
    unit_weights[0] = 0.7
    n_on = int(np.sum(binary_step(X @ unit_weights + net.layers[0].bias[0])))
    assert axes[0].get_title().endswith(f"on for {n_on} of 200 points")
    assert axes[1].get_title().startswith(f"L = {loss:.4f} at w = 0.70")
    assert axes[1].get_legend() is not None


def test_draw_step_loss_needs_a_first_layer_sweep():
    net = Network.build([2, 4, 3, 1], "binary_step", output="sigmoid", seed=0)
    X, y = xor_clouds(20, seed=0)
    sweep = loss_along_weight(net, X, y, [0.0, 1.0], layer=1)
    with pytest.raises(ValueError, match="first layer"):
        draw_step_loss(plt.subplots(1, 2)[1], sweep, X, y, 0.5)


def test_step_loss_widget_stays_flat_inside_a_piece_and_jumps_across_a_crossing(capsys):
    net, X, y = lesson_setup()
    sweep = loss_along_weight(net, X, y, np.linspace(-2, 2, 2001))
    widget = step_loss_widget(sweep, X, y)
    slider, output = widget.children
    assert isinstance(slider, ipywidgets.FloatSlider) and isinstance(output, ipywidgets.Output)
    assert (slider.min, slider.max, slider.step) == (-2.0, 2.0, 0.01)
    assert slider.value == pytest.approx(round(sweep.original, 2)) and not slider.continuous_update

    def title():
        return widget.result.axes[1].get_title()

    def loss():
        return float(title().split(" at ")[0].removeprefix("L = "))

    edges, _ = sweep.steps()
    widest = np.argmax(np.diff(edges))                  # a piece wider than the slider's step
    inside = np.round(np.arange(edges[widest] + 0.01, edges[widest + 1] - 0.005, 0.01), 2)
    slider.value = inside[0]
    first = widget.result
    flat = loss()
    slider.value = inside[-1]
    assert widget.result is not first and loss() == flat           # redrawn, same loss
    slider.value = round(edges[widest + 1] + 0.01, 2)               # across the crossing
    assert loss() != flat
    assert plt.get_fignums() == []
    capsys.readouterr()
