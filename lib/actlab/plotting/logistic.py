"""The sigmoid as a probability (lesson 04): a logistic model's probabilities over the plane, and
why a sigmoid output is trained with cross-entropy rather than squared error.

Logistic regression predicts :math:`P(y = 1 \\mid x) = \\sigma(w \\cdot x + b)`; its score
:math:`z = w \\cdot x + b` is the log-odds :math:`\\log\\frac{p}{1-p}`, and the decision boundary
:math:`p = 1/2` is the line :math:`z = 0`.

For one example with label :math:`y` and score :math:`z`, the two losses and their slopes are

.. math:: L_\\text{MSE} = (\\sigma(z) - y)^2, \\qquad
          \\frac{\\partial L_\\text{MSE}}{\\partial z} = 2\\,(\\sigma(z) - y)\\,\\sigma'(z)

.. math:: L_\\text{BCE} = -y\\log\\sigma(z) - (1-y)\\log(1-\\sigma(z)), \\qquad
          \\frac{\\partial L_\\text{BCE}}{\\partial z} = \\sigma(z) - y

so squared error inherits the factor :math:`\\sigma'(z)`, which vanishes where the output is
confidently wrong; cross-entropy's log cancels it.

>>> slopes = score_gradients([-10.0, 0.0], target=1)
>>> slopes["squared error"].round(7).tolist(), slopes["cross-entropy"].round(5).tolist()
([-9.08e-05, -0.25], [-0.99995, -0.5])
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import LinearSegmentedColormap, to_rgb

from actlab.network import Dense, Network
from actlab.plotting.perceptron import plot_dataset
from actlab.plotting.style import CLASS_COLOURS, DERIVATIVE_COLOUR, FUNCTION_COLOUR

__all__ = ["PROBABILITY_COLOURS", "plot_probability_map", "plot_score_gradients",
           "score_gradients"]


def _tint(colour, amount):
    return tuple(1 - amount * (1 - c) for c in to_rgb(colour))


PROBABILITY_COLOURS = LinearSegmentedColormap.from_list(
    "probability", [_tint(CLASS_COLOURS[0], 0.55), (1.0, 1.0, 1.0), _tint(CLASS_COLOURS[1], 0.55)])
"""Probability 0 to 1: a light tint of class 0's blue, through white at 1/2, to class 1's orange."""


def score_gradients(z, target=1):
    """:math:`\\partial L/\\partial z` of squared error and of cross-entropy, one example per score.

    Computed by the training engine: a one-unit network whose output is :math:`\\sigma(z)` (sigmoid
    layer, identity output, mean squared error) and one whose score :math:`z` goes to the sigmoid
    output with binary cross-entropy. The engine averages over a batch, so the batch gradient is
    multiplied back by the number of scores.

    Parameters
    ----------
    z : array_like of shape (m,)
        Scores (logits).
    target : {0, 1}
        The label :math:`y` of every example.

    Returns
    -------
    dict
        ``"squared error"`` and ``"cross-entropy"``: arrays of shape (m,).
    """
    z = np.asarray(z, dtype=float).reshape(-1, 1)
    y = np.full(len(z), target)
    networks = {"squared error": Network([Dense([[1.0]], [0.0], "sigmoid")], output="identity"),
                "cross-entropy": Network([Dense([[1.0]], [0.0])], output="sigmoid")}
    return {name: net.backward(net.forward(z), y)[0].z.ravel() * len(z)
            for name, net in networks.items()}


def plot_score_gradients(ax=None, *, z=None, target=1, mark=-10.0):
    """The slope :math:`\\partial L/\\partial z` of squared error and of cross-entropy against the
    score, for one example with label ``target`` (see :func:`score_gradients`).

    Parameters
    ----------
    ax : matplotlib Axes, optional
    z : array_like, optional
        Scores, default 401 points on [-12, 12].
    target : {0, 1}
    mark : float or None
        A score whose two slopes are marked and written in the legend.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots()
    z = np.linspace(-12, 12, 401) if z is None else np.asarray(z, dtype=float)
    slopes = score_gradients(z, target)
    marked = score_gradients([mark], target) if mark is not None else None
    for (name, slope), colour, formula in zip(slopes.items(), (DERIVATIVE_COLOUR, FUNCTION_COLOUR),
                                              ("2(σ(z) − y)σ′(z)", "σ(z) − y")):
        label = f"{name}: ∂L/∂z = {formula}"
        if marked is not None:
            label += f"\n   at z = {mark:g}: {marked[name][0]:.5g}"
        ax.plot(z, slope, color=colour, ls="--" if name == "squared error" else "-", label=label)
        if marked is not None:
            ax.plot([mark], marked[name], "o", color=colour, ms=7)
    ax.axhline(0, color="0.5", lw=0.8)
    ax.set_xlim(z.min(), z.max())
    ax.set_xlabel(f"score z (label y = {target})")
    ax.set_ylabel("slope of the loss ∂L/∂z")
    ax.legend(loc="lower right" if target == 1 else "upper left")
    return ax


def plot_probability_map(network, X=None, y=None, ax=None, *, xlim=None, ylim=None,
                         levels=(0.1, 0.5, 0.9), true_boundary=None, resolution=200):
    """A 2-input classifier's predicted probability :math:`P(y=1 \\mid x)` over the plane.

    The colour is the probability (:data:`PROBABILITY_COLOURS`: light blue for 0, white for 1/2,
    light orange for 1); contour lines mark ``levels`` (the solid one is 1/2, the decision
    boundary), and the points of ``(X, y)`` are drawn on top, the misclassified ringed.

    Parameters
    ----------
    network : callable
        Maps an (m, 2) batch to probabilities of shape (m, 1) or (m,), e.g. a
        :class:`~actlab.network.Network` with ``output="sigmoid"``.
    X, y : array_like, optional
        The data set, shapes (n, 2) and (n,).
    ax : matplotlib Axes, optional
    xlim, ylim : (float, float), optional
        The region shown; default: the data's range.
    levels : sequence of float
        Probabilities to draw as contour lines.
    true_boundary : (weights, bias), optional
        A reference line :math:`w \\cdot x + b = 0` (e.g. the Bayes boundary), drawn dashed.
    resolution : int
        Grid points per axis.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots()
    if X is not None:
        X = np.asarray(X, dtype=float)
        xlim = xlim or (X[:, 0].min(), X[:, 0].max())
        ylim = ylim or (X[:, 1].min(), X[:, 1].max())
    xlim, ylim = xlim or (-1.0, 1.0), ylim or (-1.0, 1.0)
    gx, gy = np.meshgrid(np.linspace(*xlim, resolution), np.linspace(*ylim, resolution))
    p = np.asarray(network(np.column_stack([gx.ravel(), gy.ravel()]))).reshape(gx.shape)
    image = ax.imshow(p, origin="lower", extent=(*xlim, *ylim), aspect="auto",
                      cmap=PROBABILITY_COLOURS, vmin=0.0, vmax=1.0)
    ax.figure.colorbar(image, ax=ax, label="predicted P(y = 1 | x)", shrink=0.85)
    levels = sorted(levels)
    lines = ax.contour(gx, gy, p, levels=levels, colors="0.15",
                       linewidths=[2.5 if level == 0.5 else 1.2 for level in levels],
                       linestyles=["-" if level == 0.5 else ":" for level in levels])
    ax.clabel(lines, fmt=lambda v: f"p = {v:g}", fontsize=8)
    if true_boundary is not None:
        w, b = np.asarray(true_boundary[0], dtype=float), float(true_boundary[1])
        foot = -b * w / (w @ w)
        ax.axline(foot, foot + np.array([-w[1], w[0]]), color="black", lw=1.5,
                  ls="--", label="true boundary P = 1/2")
    if X is not None:
        predicted = (np.asarray(network(X)).reshape(len(X)) >= 0.5).astype(int)
        plot_dataset(X, y, ax, predicted=None if y is None else predicted)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncols=4)
    return ax
