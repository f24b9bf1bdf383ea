"""Lesson 06: the dying-ReLU experiments, their committed results, the plots and the widget."""

import math
import random

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from scipy import integrate

from actlab.datasets import digits
from actlab.experiments import dying_relu
from actlab.network import Dense, Network, layer_statistics
from actlab.plotting import (plot_born_dead, plot_cosine_by_depth, plot_dead_per_layer,
                             plot_evaluation_cost)
from actlab.widgets import dead_units_widget, draw_dead_units


@pytest.fixture
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


@pytest.fixture(scope="module")
def results():
    return dying_relu.load_results()


# -- the arc-cosine formula ------------------------------------------------------------------------

@pytest.mark.parametrize("c", [-0.9, -0.3, 0.0, 0.4, 0.8])
def test_the_arc_cosine_map_is_the_gaussian_expectation_it_claims(c):
    # E[relu(u) relu(v)] / E[relu(u)²] for (u, v) standard normal with correlation c, by quadrature
    def integrand(v, u):
        density = math.exp(-(u * u - 2 * c * u * v + v * v) / (2 * (1 - c * c)))
        return u * v * density / (2 * math.pi * math.sqrt(1 - c * c))
    both_on, _ = integrate.dblquad(integrand, 0, 12, 0, 12, epsabs=1e-11)
    assert dying_relu.relu_cosine_map(c) == pytest.approx(both_on / 0.5, abs=1e-7)


def test_the_arc_cosine_map_at_its_ends_and_iterated():
    assert dying_relu.relu_cosine_map(0.0) == pytest.approx(1 / math.pi, abs=1e-15)
    assert dying_relu.relu_cosine_map(1.0) == 1.0
    assert dying_relu.relu_cosine_map(-1.0) == pytest.approx(0.0, abs=1e-15)
    iterated = dying_relu.cosine_after_layers(0.0, 20)
    assert iterated.shape == (21,) and iterated[0] == 0.0
    assert np.all(np.diff(iterated) > 0) and iterated[-1] < 1
    assert iterated[[5, 10, 20]] == pytest.approx([0.736, 0.872, 0.948], abs=1e-3)


def test_the_simulated_cosine_follows_the_formula_and_is_seeded():
    simulated = dying_relu.simulated_cosine(10, width=800, seed=3)
    assert np.array_equal(simulated, dying_relu.simulated_cosine(10, width=800, seed=3))
    assert np.allclose(simulated, dying_relu.cosine_after_layers(0.0, 10), atol=0.05)
    with pytest.raises(ValueError, match="pairs"):
        dying_relu.simulated_cosine(2, width=10, pairs=6)


# -- born dead -------------------------------------------------------------------------------------

def test_born_dead_agrees_with_a_network_by_network_count_of_the_engine():
    # the stacked computation against the engine, one network at a time, with the same weights
    widths, depths, trials, inputs = [2], [1, 3, 6], 40, 30
    stacked = dying_relu.born_dead(widths, depths, trials=trials, inputs=inputs, seed=5)
    rng = np.random.default_rng([5, 2])
    X = rng.normal(size=(inputs, 2))
    weights = [rng.normal(0.0, 1.0, size=(trials, 2, 2)) for _ in range(6)]
    dead_at = np.zeros((trials, 6), bool)
    for t in range(trials):
        net = Network([Dense(w[t], np.zeros(2), "relu") for w in weights])
        outputs = net.layer_outputs(X)
        dead_at[t] = np.maximum.accumulate([not h.any() for h in outputs])
    assert stacked[0] == pytest.approx([dead_at[:, d - 1].mean() for d in depths], abs=1e-12)


def test_born_dead_rises_with_depth_and_falls_with_width():
    p = dying_relu.born_dead([1, 2, 10], [1, 2, 5, 20], trials=1000, inputs=50, seed=0)
    assert np.all(np.diff(p, axis=1) >= 0) and np.all(np.diff(p, axis=0) <= 0)
    # one unit: its inputs have both signs, so layer 1 is on for some; after it every input is
    # >= 0 and a layer is off for all of them when its weight is negative, w.p. 1/2
    assert p[0, 0] == 0.0
    assert p[0, 1:3] == pytest.approx([0.5, 1 - 0.5 ** 4], abs=0.05)
    assert p[2, 0] == 0.0


# -- dead units: the definition and the committed results ------------------------------------------

def test_dead_means_never_positive_on_the_data_whatever_the_weights():
    X = np.random.default_rng(0).normal(size=(50, 3))
    weights = np.array([[1.0, 0.0, 0.0], [2.0, 0.0, 0.0], [-1.0, 0.0, 0.0]])
    # unit 0: non-zero weights, bias far below -> dead; unit 1: zero weights, bias 0.5 -> alive;
    # unit 2: zero weights and zero bias -> z = 0 everywhere, dead by relu'(0) = 0
    net = Network([Dense(weights, [-100.0, 0.5, 0.0], "relu"), Dense(np.ones((3, 1)), [0.0])])
    stats = layer_statistics(net, X, np.zeros(50))
    assert stats.dead_units[0].tolist() == [True, False, True]
    # the experiment's counts (dead, never positive) agree; the linear output unit is never dead
    assert dying_relu._unit_counts(net, X) == ([2, 0], [2, 0])


def test_the_results_cover_the_whole_grid(results):
    keys = {(r["activation"], r["init"], r["learning_rate"], r["seed"]) for r in results["runs"]}
    assert len(keys) == len(results["runs"]) == (len(dying_relu.ACTIVATIONS) * len(dying_relu.INITS)
                                                 * len(dying_relu.LEARNING_RATES)
                                                 * len(dying_relu.SEEDS))
    for run in results["runs"]:
        assert len(run["dead_before"]) == results["depth"] == 10
        assert run["diverged"] == (run["dead_after"] is None)
        if run["activation"] == "relu":   # for ReLU, dead is exactly "never positive"
            assert run["dead_before"] == run["never_positive_before"]


@pytest.mark.parametrize("sample", range(2))
def test_a_random_sample_of_the_results_recomputes_exactly(results, sample):
    run = random.Random().choice(results["runs"])
    recomputed = dying_relu.dead_run(run["activation"], run["init"], run["learning_rate"],
                                     run["seed"])
    assert recomputed == run, f"recomputing {run['activation']}, {run['init']}, " \
                              f"learning rate {run['learning_rate']}, seed {run['seed']}"


def test_dead_before_training_is_the_engine_s_count(results):
    data = digits()
    run = results["runs"][0]
    net = Network.build([64] + [64] * 10 + [10], run["activation"], output="softmax",
                        init=run["init"], seed=run["seed"])
    z = net.forward(data.X_train).z
    assert run["never_positive_before"] == [int(np.all(z[k] <= 0, axis=0).sum())
                                            for k in range(10)]


def test_mean_per_layer_leaves_out_diverged_runs():
    fake = {"width": 4, "depth": 2, "runs": [
        {"activation": "relu", "init": "he_normal", "learning_rate": 1.0, "seed": 0,
         "dead_after": [1, 2]},
        {"activation": "relu", "init": "he_normal", "learning_rate": 1.0, "seed": 1,
         "dead_after": None}]}
    shares, runs = dying_relu.mean_per_layer(fake, init="he_normal", learning_rate=1.0)
    assert shares.tolist() == [0.25, 0.5] and runs == 1
    shares, runs = dying_relu.mean_per_layer(fake, init="pytorch_default", learning_rate=1.0)
    assert np.all(np.isnan(shares)) and runs == 0


# -- plots and the widget --------------------------------------------------------------------------

def test_the_plots_draw_what_they_are_given(ax):
    plot_dead_per_layer({"a": [0.0, 0.5, 1.0]}, ax)
    assert ax.lines[0].get_ydata().tolist() == [0.0, 50.0, 100.0] and ax.get_xlabel()
    fig, axes = plt.subplots(1, 3)
    plot_evaluation_cost({"relu": 0.001, "sigmoid": 0.004}, axes[0])
    assert [p.get_width() for p in axes[0].patches] == [1.0, 4.0]
    plot_born_dead([2, 10], [1, 5], [[0.2, 0.6], [0.0, 0.0]], axes[1])
    assert axes[1].lines[0].get_ydata().tolist() == [0.2, 0.6]
    plot_cosine_by_depth([0.0, 0.3], [0.0, 0.35], axes[2])
    assert axes[0].get_xlabel() and all(a.get_xlabel() and a.get_ylabel() for a in axes[1:])
    plt.close(fig)


def test_draw_dead_units_shows_the_results_means(ax, results):
    before, after = draw_dead_units(ax, results, init="pytorch_default", learning_rate=0.1)
    expected, _ = dying_relu.mean_per_layer(results, init="pytorch_default", learning_rate=0.1)
    assert np.array_equal(after, expected, equal_nan=True)
    thick = next(line for line in ax.lines if line.get_label() == "after training (mean)")
    assert np.allclose(thick.get_ydata(), 100 * expected, equal_nan=True)
    assert "learning rate 0.1" in ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    with pytest.raises(ValueError, match="no runs"):
        draw_dead_units(ax, results, init="he_normal", learning_rate=0.123)


def test_dead_units_widget_redraws_on_every_control(results, capsys):
    widget = dead_units_widget(results)
    init, rate, activation, output = widget.children
    assert isinstance(rate, ipywidgets.SelectionSlider) and not rate.continuous_update
    assert isinstance(output, ipywidgets.Output)
    first = widget.result
    rate.value = 0.3
    assert widget.result is not first and "learning rate 0.3" in widget.result.axes[0].get_title()
    init.value = "he_normal"
    activation.value = "elu"
    assert widget.result.axes[0].get_title().startswith("elu, He")
    assert plt.get_fignums() == []
    capsys.readouterr()
