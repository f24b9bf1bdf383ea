"""ReLU (lesson 06): its cost next to the sigmoid's and tanh's, dead units per layer, born-dead
networks by width and depth, and how random ReLU layers make two inputs alike.

The numbers come from :mod:`actlab.experiments.dying_relu` and the engine; these functions only
draw.

>>> ax = plot_cosine_by_depth([0.0, 0.32, 0.5], [0.0, 0.35, 0.48])
>>> ax.get_xlabel()
'number of random ReLU layers k'
>>> plt.close(ax.figure)
"""

import matplotlib.pyplot as plt
import numpy as np

from actlab.plotting.style import FUNCTION_COLOUR, PALETTE

__all__ = ["plot_born_dead", "plot_cosine_by_depth", "plot_dead_per_layer", "plot_evaluation_cost"]


def plot_evaluation_cost(seconds, ax=None, *, n=10**6):
    """A bar a function: the time to evaluate it on ``n`` values, in milliseconds.

    Parameters
    ----------
    seconds : dict of str to float
        ``{name: seconds for one evaluation on n values}`` (e.g. the best of a few
        :func:`timeit.repeat` runs).
    ax : matplotlib Axes, optional
    n : int
        The number of values, for the axis label.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots()
    names = list(seconds)
    ms = np.array([1e3 * float(seconds[name]) for name in names])
    bars = ax.barh(names, ms, color=[PALETTE[k % len(PALETTE)] for k in range(len(names))])
    for bar, value in zip(bars, ms):
        ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {value:.1f} ms",
                va="center")
    ax.set_xlim(0, 1.25 * ms.max())
    ax.invert_yaxis()
    ax.set_xlabel(f"time for {n:,} float64 values (ms, best of several runs)")
    ax.grid(axis="y", visible=False)
    return ax


def plot_dead_per_layer(values, ax=None, *, ylabel="dead units (% of the layer)",
                        styles=None):
    """Shares of dead units against the layer, one line a condition, as percentages.

    Parameters
    ----------
    values : dict of str to array_like
        ``{label: share of each layer's units that are dead}`` (fractions 0–1).
    ax : matplotlib Axes, optional
    ylabel : str
    styles : dict of str to dict, optional
        Extra keyword arguments of :meth:`~matplotlib.axes.Axes.plot` by label (colour, line style).

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots()
    styles = styles or {}
    for k, (label, shares) in enumerate(values.items()):
        shares = 100 * np.asarray(shares, dtype=float)
        style = {"color": PALETTE[k % len(PALETTE)], "marker": "o", "ms": 4}
        style.update(styles.get(label, {}))
        ax.plot(np.arange(1, shares.size + 1), shares, label=label, **style)
    ax.set_xlabel("hidden layer")
    ax.set_ylabel(ylabel)
    ax.set_ylim(-3, 103)
    ax.legend()
    return ax


def plot_born_dead(widths, depths, probabilities, ax=None):
    """The probability that a random ReLU network is born dead, against depth, one line a width.

    Parameters
    ----------
    widths, depths : sequence of int
    probabilities : array_like (len(widths), len(depths))
        From :func:`actlab.experiments.dying_relu.born_dead`.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots()
    probabilities = np.asarray(probabilities, dtype=float)
    for k, width in enumerate(widths):
        ax.plot(depths, probabilities[k], "o-", ms=3, color=PALETTE[k % len(PALETTE)],
                label=f"width {width}")
    ax.set_xlabel("depth L (hidden layers)")
    ax.set_ylabel("P(born dead): a layer is 0 on every input")
    ax.set_ylim(-0.03, 1.03)
    ax.legend()
    return ax


def plot_cosine_by_depth(formula, simulated, ax=None):
    """The cosine similarity of two inputs after :math:`k = 0, 1, \\dots` random ReLU layers: the
    arc-cosine formula (a line) and a simulation (dots).

    Parameters
    ----------
    formula, simulated : array_like (depth + 1,)
        Entry :math:`k` after :math:`k` layers.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots()
    k = np.arange(len(formula))
    ax.plot(k, formula, "-", color=FUNCTION_COLOUR,
            label="formula: c′ = (sin θ + (π − θ) cos θ) / π")
    ax.plot(np.arange(len(simulated)), simulated, "o", ms=5, color=PALETTE[1],
            label="simulation (1,000 units a layer)")
    ax.axhline(1.0, color="0.6", lw=0.8, ls=":")
    ax.set_xlabel("number of random ReLU layers k")
    ax.set_ylabel("cosine similarity of the two inputs")
    ax.set_ylim(-0.03, 1.05)
    ax.legend(loc="lower right")
    return ax
