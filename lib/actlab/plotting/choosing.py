"""Lesson 11's plots: the comparison of every activation, drawn from the results of
:mod:`actlab.experiments.choosing` — decision regions, the spread over seeds, curves, cost and
dead units, and the early-stopping trap."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap

from actlab.experiments import choosing
from actlab.plotting.style import CLASS_COLOURS, PALETTE

__all__ = ["plot_accuracy_spread", "plot_cost_and_dead", "plot_patience", "plot_regions",
           "plot_regions_gallery", "plot_val_curves"]

_REGION_CMAP = ListedColormap(["#cfe3f2", "#f7e2b5"])    # light blue (class 0), light orange (1)


def plot_regions(run, ax, *, limits, points=True):
    """The decision regions of one :func:`~actlab.experiments.choosing.toy_run` result, with the
    validation points (class 0 blue circles, class 1 orange squares)."""
    low, high = limits
    ax.imshow(choosing.regions(run), origin="lower", extent=(low, high, low, high),
              cmap=_REGION_CMAP, vmin=0, vmax=1, interpolation="nearest", aspect="equal")
    if points:
        _, (Xv, yv) = choosing.toy_data_pair(run["data"])
        for label, marker in ((0, "o"), (1, "s")):
            ax.scatter(*Xv[yv == label].T, s=5, marker=marker, color=CLASS_COLOURS[label],
                       linewidths=0)
    ax.set_xlim(low, high)
    ax.set_ylim(low, high)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    return ax


def plot_regions_gallery(results, data, depth, *, seed=0, activations=None, columns=7,
                         panel=1.55):
    """One panel of decision regions per activation (one seed), titled with its validation
    accuracy. Returns the figure."""
    activations = list(results["activations"] if activations is None else activations)
    rows = -(-len(activations) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(panel * columns, panel * rows + 0.5),
                             squeeze=False)
    for ax, name in zip(axes.flat, activations):
        run, = [r for r in choosing.select(results, data, activation=name, depth=depth)
                if r["seed"] == seed]
        plot_regions(run, ax, limits=results["limits"][data])
        ax.set_title(f"{name}\n{run['correct'] / run['of']:.0%}", fontsize=8.5)
    for ax in axes.flat[len(activations):]:
        ax.axis("off")
    widths = results["depths"][depth]
    layers = (f"one hidden layer of {widths[0]}" if len(widths) == 1 else
              f"{len(widths)} hidden layers of {widths[0]}")
    fig.suptitle(f"{data}, {layers}, seed {seed}: validation accuracy under each name",
                 fontsize=10)
    return fig


def plot_accuracy_spread(results, data, ax, *, highlight=None, depths=("shallow", "deep")):
    """Validation accuracy of every seed (one dot each) for every activation, shallow and deep
    side by side; a bar shows the size of one validation example. Returns {(activation, depth):
    accuracies in %}."""
    activations = list(results["activations"])
    spread = {}
    offsets = np.linspace(-0.18, 0.18, len(depths))
    for k, (depth, offset) in enumerate(zip(depths, offsets)):
        xs, ys, strong = [], [], []
        for i, name in enumerate(activations):
            runs = choosing.select(results, data, activation=name, depth=depth)
            accuracy = np.array([100 * r["correct"] / r["of"] for r in runs])
            spread[name, depth] = accuracy
            xs += [i + offset] * len(accuracy)
            ys += accuracy.tolist()
            strong += [highlight is None or name == highlight] * len(accuracy)
        xs, ys, strong = np.array(xs), np.array(ys), np.array(strong)
        label = f"{depth} ({len(runs)} seeds)"
        ax.scatter(xs[strong], ys[strong], s=22, color=PALETTE[k], zorder=3,
                   label=label)
        if not strong.all():
            ax.scatter(xs[~strong], ys[~strong], s=12, color=PALETTE[k], alpha=0.35, zorder=3)
    ax.set_xticks(range(len(activations)), activations, rotation=60, ha="right")
    ax.set_ylabel("validation accuracy (%)")
    of = runs[0]["of"]
    ax.set_title(f"{data}: every seed is a dot (one validation example = {100 / of:.2f} %)")
    ax.legend(loc="lower right")
    return spread


def plot_val_curves(results, data, depth, activations, ax, *, field="val_accuracy"):
    """Validation accuracy (%) or training loss per epoch of the digits runs of each activation:
    each seed thin, the median thick."""
    for k, name in enumerate(activations):
        runs = choosing.select(results, data, activation=name, depth=depth)
        if field == "val_accuracy":
            curves, scale = np.array([r["val_correct"] for r in runs]) / runs[0]["of"], 100
        else:
            curves, scale = np.array([r[field] for r in runs]), 1
        epochs = np.arange(curves.shape[1])
        color = PALETTE[k % len(PALETTE)]
        ax.plot(epochs, scale * np.median(curves, axis=0), color=color, lw=2.2,
                label=f"{name}")
        for curve in curves:
            ax.plot(epochs, scale * curve, color=color, lw=0.8, alpha=0.4)
    ax.set_xlabel("epoch")
    ax.set_ylabel({"val_accuracy": "validation accuracy (%)", "train_loss": "training loss"}[field])
    return ax


def plot_cost_and_dead(results, data, depth, axes):
    """Two bar charts for every activation: median training time (s, this machine, from the
    results file) and the mean share of dead hidden units after training (%)."""
    activations = list(results["activations"])
    seconds, dead = [], []
    for name in activations:
        runs = choosing.select(results, data, activation=name, depth=depth)
        seconds.append(np.median([r["seconds"] for r in runs]))
        dead.append(100 * np.mean([r["dead"] / r["units"] for r in runs]))
    y = np.arange(len(activations))
    axes[0].barh(y, seconds, color=PALETTE[0])
    axes[0].set_xlabel("training time (s, median of seeds)")
    axes[1].barh(y, dead, color=PALETTE[3])
    axes[1].set_xlabel("dead hidden units after training (%)")
    for ax in axes:
        ax.set_yticks(y, activations)
        ax.invert_yaxis()
    return dict(zip(activations, seconds)), dict(zip(activations, dead))


def plot_patience(patience_runs, patiences, ax):
    """Validation accuracy per epoch of the deep sigmoid runs, and where early stopping with each
    patience stops (a marker on the curve of that seed, at the epoch training stops). Returns
    {patience: [(stopped, best, accuracy at best) per seed]}."""
    outcomes = {}
    markers = "ov^sD"
    for s, run in enumerate(patience_runs):
        accuracy = 100 * np.array(run["val_accuracy"])
        ax.plot(np.arange(len(accuracy)), accuracy, color="0.35", lw=1.0, alpha=0.8,
                label="deep sigmoid, one line a seed" if s == 0 else None)
    for k, patience in enumerate(patiences):
        outcomes[patience] = []
        for s, run in enumerate(patience_runs):
            stopped, best = choosing.early_stop(run["val_loss"], patience)
            outcomes[patience].append((stopped, best, run["val_accuracy"][best]))
            ax.scatter([stopped], [100 * run["val_accuracy"][stopped]], s=55, zorder=4,
                       marker=markers[k % len(markers)], color=PALETTE[k % len(PALETTE)],
                       label=f"patience {patience}: stops here" if s == 0 else None)
    ax.axhline(10, color="0.5", ls=":", lw=1)
    ax.set_xlabel("epoch (Adam, learning rate 0.001)")
    ax.set_ylabel("validation accuracy (%)")
    ax.legend(loc="upper left")
    return outcomes
