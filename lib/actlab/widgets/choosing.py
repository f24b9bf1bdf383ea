"""Lesson 11's comparison explorer: pick a data set, a depth and an activation, and see what that
network learned (its decision regions on a toy set, its validation curves on the digits) next to
the accuracy of every seed of every activation.

The 336 trainings behind it take minutes, so the widget draws the committed results of
:mod:`actlab.experiments.choosing` (a test recomputes a sample of them exactly).
"""

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np

from actlab.experiments import choosing
from actlab.plotting.choosing import plot_accuracy_spread, plot_regions, plot_val_curves
from actlab.widgets.controls import show

__all__ = ["DATA_SETS", "choice_widget", "draw_choice"]

DATA_SETS = ("digits",) + choosing.TOY_SETS


def draw_choice(axes, results=None, *, data="spirals", depth="deep", activation="sigmoid"):
    """Left: the chosen network (decision regions of seed 0 on a toy set; validation accuracy per
    epoch of every seed on the digits). Right: every seed of every activation at that depth, the
    chosen one highlighted.

    Parameters
    ----------
    axes : pair of matplotlib Axes
    results : dict, optional
        Default: :func:`actlab.experiments.choosing.load_results`.
    data : {"digits", "moons", "circles", "spirals"}
    depth : {"shallow", "deep"}
    activation : str
        One of ``results["activations"]``.

    Returns
    -------
    ndarray
        The validation accuracies (%) of the chosen activation's seeds.
    """
    results = choosing.load_results() if results is None else results
    runs = choosing.select(results, data, activation=activation, depth=depth)
    if not runs:
        raise ValueError(f"draw_choice: no runs for data={data!r}, depth={depth!r}, "
                         f"activation={activation!r}")
    left, right = axes
    accuracy = np.array([100 * r["correct"] / r["of"] for r in runs])
    if data == "digits":
        plot_val_curves(results, data, depth, [activation], left)
        left.set_ylim(0, 100)
        left.legend(loc="lower right")
    else:
        plot_regions(runs[0], left, limits=results["limits"][data])
    left.set_title(f"{activation}, {depth}: {', '.join(f'{a:.1f}' for a in accuracy)} %",
                   fontsize=10)
    plot_accuracy_spread(results, data, right, highlight=activation, depths=(depth,))
    right.set_title(f"{data}, {depth}: every activation, every seed", fontsize=10)
    return accuracy


def choice_widget(results=None, *, data="spirals", depth="deep", activation="sigmoid"):
    """Dropdowns for the data set, the depth and the activation, driving :func:`draw_choice`.

    Returns
    -------
    ipywidgets.interactive
        Its children are the three dropdowns and the output area.
    """
    results = choosing.load_results() if results is None else results

    def update(data, depth, activation):
        fig, axes = plt.subplots(1, 2, figsize=(11, 4.2), layout="none",
                                 gridspec_kw={"width_ratios": [1, 1.6]})
        fig.subplots_adjust(left=0.05, right=0.98, bottom=0.3, top=0.9, wspace=0.2)
        draw_choice(axes, results, data=data, depth=depth, activation=activation)
        return show(fig)

    return ipywidgets.interactive(
        update,
        data=ipywidgets.Dropdown(options=list(DATA_SETS), value=data, description="data set"),
        depth=ipywidgets.Dropdown(options=list(results["depths"]), value=depth,
                                  description="depth"),
        activation=ipywidgets.Dropdown(options=list(results["activations"]), value=activation,
                                       description="activation"))
