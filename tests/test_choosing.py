"""Lesson 11: the comparison of every activation, its committed results, its plots and widget."""

import random

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

from actlab.datasets import digits
from actlab.experiments import choosing
from actlab.network import Network, train
from actlab.plotting import (plot_accuracy_spread, plot_cost_and_dead, plot_patience,
                             plot_regions_gallery, plot_val_curves)
from actlab.widgets import choice_widget, draw_choice


@pytest.fixture(scope="module")
def results():
    return choosing.load_results()


def _without_time(run):
    return {key: value for key, value in run.items() if key != "seconds"}


# -- the results file ------------------------------------------------------------------------------

def test_the_results_cover_the_whole_grid(results):
    keys = {(r["data"], r["activation"], r["depth"], r["seed"]) for r in results["runs"]}
    data_sets = ("digits",) + choosing.TOY_SETS
    assert len(keys) == len(results["runs"]) == (len(data_sets) * len(choosing.ACTIVATIONS)
                                                 * len(choosing.DEPTHS) * len(choosing.SEEDS))
    assert results["activations"] == list(choosing.ACTIVATIONS)
    assert {"prelu", "bent_identity", "relu", "sigmoid", "gelu"} <= set(results["activations"])
    for run in results["runs"]:
        assert 0 <= run["correct"] <= run["of"] and 0 <= run["dead"] <= run["units"]
        assert run["seconds"] > 0
        if run["data"] == "digits":
            assert run["of"] == 360 and len(run["val_correct"]) == choosing.DIGITS_EPOCHS + 1
            assert run["val_correct"][-1] == run["correct"]
            assert len(run["train_loss"]) == choosing.DIGITS_EPOCHS + 1
        else:
            assert run["of"] == 200 and ("regions" in run) == (run["seed"] == choosing.SEEDS[0])
            if run["seed"] == choosing.SEEDS[0]:
                assert choosing.regions(run).shape == (choosing.GRID,) * 2
    assert [p["seed"] for p in results["patience"]] == list(choosing.SEEDS)
    assert all(len(p["val_loss"]) == choosing.PATIENCE_EPOCHS + 1 for p in results["patience"])


@pytest.mark.parametrize("sample", range(2))
def test_a_random_digits_run_recomputes_exactly(results, sample):
    run = random.Random().choice(choosing.select(results, "digits"))
    recomputed = choosing.digits_run(run["activation"], run["depth"], run["seed"])
    assert _without_time(recomputed) == _without_time(run), \
        f"recomputing digits, {run['activation']}, {run['depth']}, seed {run['seed']}"


@pytest.mark.parametrize("sample", range(2))
def test_a_random_toy_run_recomputes_exactly(results, sample):
    run = random.Random().choice([r for r in results["runs"] if r["data"] != "digits"])
    recomputed = choosing.toy_run(run["data"], run["activation"], run["depth"], run["seed"])
    assert _without_time(recomputed) == _without_time(run), \
        f"recomputing {run['data']}, {run['activation']}, {run['depth']}, seed {run['seed']}"


def test_the_start_of_a_random_patience_run_recomputes_exactly(results):
    stored = random.Random().choice(results["patience"])
    head = choosing.patience_run(stored["seed"], epochs=8)
    assert head["val_loss"] == stored["val_loss"][:9]
    assert head["val_accuracy"] == stored["val_accuracy"][:9]


def test_the_pilot_numbers_hold(results):
    def mean(depth, name):
        return np.mean([r["correct"] / r["of"] for r in
                        choosing.select(results, "digits", activation=name, depth=depth)])
    # the pilot: shallow 96-98 % for every unit; deep, sigmoid at chance, the others
    # 96-98 %. Measured here: shallow 96-97.5 % (sigmoid 94.6 %, held back by its slope <= 1/4);
    # deep, sigmoid 10 % and the others 92-96.5 % after 30 epochs (see lesson 11)
    modern = ("tanh", "relu", "leaky_relu", "elu", "selu", "gelu", "silu", "mish", "prelu")
    assert all(0.96 <= mean("shallow", name) <= 0.98 for name in modern)
    assert 0.94 <= mean("shallow", "sigmoid") <= 0.96
    assert abs(mean("deep", "sigmoid") - 0.10) < 0.01
    assert all(0.92 <= mean("deep", name) <= 0.97 for name in modern)


# -- the own activation and early stopping ---------------------------------------------------------

def test_the_bent_identity_and_its_derivative():
    z = np.linspace(-5, 5, 1001)
    h = 1e-6
    finite = (choosing.bent_identity(z + h) - choosing.bent_identity(z - h)) / (2 * h)
    assert np.allclose(finite, choosing.bent_identity_grad(z), atol=1e-8)
    assert choosing.bent_identity(0.0) == 0.0 and choosing.bent_identity_grad(0.0) == 1.0
    assert np.all((choosing.bent_identity_grad(z) > 0.5) & (choosing.bent_identity_grad(z) < 1.5))
    assert choosing.activation_spec("relu") == "relu"


def test_a_learner_s_own_pair_trains_like_the_library_s():
    data = digits()
    mine = (lambda z: z + 0.5 * (np.sqrt(z * z + 1.0) - 1.0),
            lambda z: 1.0 + z / (2.0 * np.sqrt(z * z + 1.0)))
    histories = []
    for spec in (mine, choosing.activation_spec("bent_identity")):
        net = Network.build([64, 16, 10], spec, output="softmax", seed=3)
        histories.append(train(net, data.X_train[:200], data.y_train[:200], epochs=2, seed=3))
    assert histories[0].train_loss == histories[1].train_loss


@pytest.mark.parametrize("losses, patience, expected", [
    ([3.0, 2.0, 2.1, 2.2, 1.0], 1, (2, 1)),
    ([3.0, 2.0, 2.1, 2.2, 1.0], 2, (3, 1)),
    ([3.0, 2.0, 2.1, 2.2, 1.0], 3, (4, 4)),
    ([1.0, 1.0, 1.0], 5, (2, 0)),          # equal is not an improvement
    ([3.0, 2.0, 1.0], 1, (2, 2)),          # never stops: the last epoch
])
def test_early_stop(losses, patience, expected):
    assert choosing.early_stop(losses, patience) == expected


def test_early_stop_rejects_a_patience_below_one():
    with pytest.raises(ValueError, match="patience"):
        choosing.early_stop([1.0, 0.5], 0)


def test_select_filters(results):
    runs = choosing.select(results, "moons", activation="relu", depth="deep")
    assert [r["seed"] for r in runs] == list(choosing.SEEDS)
    assert len(choosing.select(results, "digits", depth="shallow")) == \
        len(choosing.ACTIVATIONS) * len(choosing.SEEDS)


# -- plots and widget ------------------------------------------------------------------------------

def test_the_spread_plot_shows_every_seed(results):
    fig, ax = plt.subplots()
    spread = plot_accuracy_spread(results, "digits", ax)
    assert spread["relu", "deep"].shape == (len(choosing.SEEDS),)
    dots = sum(len(c.get_offsets()) for c in ax.collections)
    assert dots == len(choosing.ACTIVATIONS) * len(choosing.DEPTHS) * len(choosing.SEEDS)
    assert "0.28 %" in ax.get_title()
    plt.close(fig)


def test_the_gallery_has_a_panel_per_activation(results):
    fig = plot_regions_gallery(results, "spirals", "shallow")
    titled = [ax for ax in fig.axes if ax.get_title()]
    assert [ax.get_title().split("\n")[0] for ax in titled] == list(choosing.ACTIVATIONS)
    plt.close(fig)


def test_curves_cost_and_patience_plots(results):
    fig, axes = plt.subplots(1, 3)
    plot_val_curves(results, "digits", "deep", ["sigmoid", "relu"], axes[0])
    assert len(axes[0].lines) == 2 * (1 + len(choosing.SEEDS))
    seconds, dead = plot_cost_and_dead(results, "digits", "deep", axes[1:3])
    assert set(seconds) == set(dead) == set(choosing.ACTIVATIONS)
    plt.close(fig)
    fig, ax = plt.subplots()
    outcomes = plot_patience(results["patience"], [5, 50], ax)
    for patience, rows in outcomes.items():
        for (stopped, best, accuracy), run in zip(rows, results["patience"]):
            assert (stopped, best) == choosing.early_stop(run["val_loss"], patience)
            assert accuracy == run["val_accuracy"][best]
    plt.close(fig)


def test_draw_choice_on_toy_and_digits(results):
    fig, axes = plt.subplots(1, 2)
    accuracy = draw_choice(axes, results, data="moons", depth="shallow", activation="relu")
    expected = [100 * r["correct"] / r["of"] for r in
                choosing.select(results, "moons", activation="relu", depth="shallow")]
    assert accuracy.tolist() == expected and axes[0].images
    plt.close(fig)
    fig, axes = plt.subplots(1, 2)
    draw_choice(axes, results, data="digits", depth="deep", activation="sigmoid")
    assert len(axes[0].lines) == 1 + len(choosing.SEEDS)
    with pytest.raises(ValueError, match="no runs"):
        draw_choice(axes, results, data="digits", depth="deep", activation="nothing")
    plt.close(fig)


def test_the_widget_has_three_dropdowns_and_redraws(results):
    widget = choice_widget(results)
    dropdowns = [c for c in widget.children if isinstance(c, ipywidgets.Dropdown)]
    assert [d.description for d in dropdowns] == ["data set", "depth", "activation"]
    dropdowns[0].value = "digits"
    assert widget.result is not None
    plt.close("all")
