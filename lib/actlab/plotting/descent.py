"""Gradient descent seen from inside (lesson 04): the path two weights take over their loss, and the
size of the weight gradients layer by layer.

A unit :math:`z = w \\cdot h + b` receives, for one example, the weight gradient

.. math:: \\frac{\\partial L}{\\partial w_i} = \\frac{\\partial L}{\\partial z}\\, h_i ,

one number :math:`\\partial L/\\partial z` times its inputs. When every input :math:`h_i` is
positive (sigmoid outputs), all components share the sign of :math:`\\partial L/\\partial z`: a
step on one example moves all the weights up together or all down together, so reaching weights
that must move in opposite directions takes a zig-zag. :func:`plot_weight_path` colours each step
by whether the two weights moved the same way.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D

from actlab.plotting.style import PALETTE

__all__ = ["plot_gradient_norms", "plot_weight_path", "same_direction"]

_SAME, _OPPOSITE = PALETTE[3], PALETTE[0]


def same_direction(path):
    """For each step of a path of two weights: did both weights move the same way (or one not at all)?

    Parameters
    ----------
    path : array_like of shape (steps + 1, 2)

    Returns
    -------
    ndarray of bool, shape (steps,)
        True where :math:`\\Delta w_1` and :math:`\\Delta w_2` do not have opposite signs.

    >>> same_direction([[0, 0], [1, 1], [0.5, 1.5], [0.5, 1.0]]).tolist()
    [True, False, True]
    """
    steps = np.diff(np.asarray(path, dtype=float), axis=0)
    return np.sign(steps[:, 0]) * np.sign(steps[:, 1]) >= 0   # signs: a tiny product may underflow


def plot_weight_path(path, inputs, targets, ax=None, *, optimum=None, margin=0.5, xlim=None,
                     ylim=None, title=None):
    """The path of two weights :math:`(w_1, w_2)` over the contours of their loss.

    The loss is the squared error of a linear unit on two inputs, without bias,
    :math:`L(w) = \\frac1n \\sum_k (h_k \\cdot w - t_k)^2` (the engine's ``mean_squared_error``). Each
    step is coloured: vermillion where both weights moved the same way, blue where they moved in
    opposite directions.

    Parameters
    ----------
    path : array_like of shape (steps + 1, 2)
        The weights before training and after every step.
    inputs : array_like of shape (n, 2)
        The unit's inputs :math:`h_k`.
    targets : array_like of shape (n,)
    ax : matplotlib Axes, optional
    optimum : array_like of shape (2,), optional
        The weights that minimise the loss, marked with a star.
    margin : float
        Room around the path and the optimum.
    xlim, ylim : (float, float), optional
        The region shown (to give several panels the same scale); default: the path, the optimum
        and the margin.
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    path = np.asarray(path, dtype=float)
    H, t = np.asarray(inputs, dtype=float), np.asarray(targets, dtype=float).ravel()
    if ax is None:
        _, ax = plt.subplots()
    corners = path if optimum is None else np.vstack([path, np.asarray(optimum, dtype=float)])
    low, high = corners.min(axis=0) - margin, corners.max(axis=0) + margin
    if xlim is not None:
        low[0], high[0] = xlim
    if ylim is not None:
        low[1], high[1] = ylim
    g1, g2 = np.meshgrid(np.linspace(low[0], high[0], 120), np.linspace(low[1], high[1], 120))
    weights = np.stack([g1.ravel(), g2.ravel()])                      # (2, m)
    loss = np.mean((H @ weights - t[:, None]) ** 2, axis=0).reshape(g1.shape)
    ax.contour(g1, g2, loss, levels=np.quantile(loss, np.linspace(0.0, 0.9, 12) ** 2),
               colors="0.6", linewidths=0.8)
    same = same_direction(path)
    segments = np.stack([path[:-1], path[1:]], axis=1)
    ax.add_collection(LineCollection(segments, colors=np.where(same, _SAME, _OPPOSITE)[:],
                                     linewidths=1.6))
    ax.plot(*path[0], "s", color="black", ms=7)
    handles = [Line2D([], [], color=_SAME, label=f"both weights the same way ({same.sum()})"),
               Line2D([], [], color=_OPPOSITE, label=f"opposite ways ({(~same).sum()})"),
               Line2D([], [], marker="s", color="black", ls="", label="start")]
    if optimum is not None:
        ax.plot(*optimum, "*", color=PALETTE[2], ms=15, mec="black", mew=0.6)
        handles.append(Line2D([], [], marker="*", color=PALETTE[2], mec="black", ms=12, ls="",
                              label="lowest loss"))
    ax.set_xlim(low[0], high[0])
    ax.set_ylim(low[1], high[1])
    ax.set_aspect("equal")
    ax.set_xlabel("weight w₁")
    ax.set_ylabel("weight w₂")
    ax.legend(handles=handles, loc="upper right")
    if title is not None:
        ax.set_title(title)
    return ax


def plot_gradient_norms(norms, ax=None, *, factor=0.25, label="‖∂L/∂W‖ measured"):
    """The norm of each layer's weight gradient on a log scale, with a guide shrinking by ``factor``
    per layer towards the input (anchored at the last layer).

    Parameters
    ----------
    norms : array_like of shape (L,)
        :math:`\\lVert \\partial L/\\partial W_l \\rVert` for layers :math:`l = 1, \\dots, L`, e.g.
        ``layer_statistics(...).grad_weights``.
    ax : matplotlib Axes, optional
    factor : float or None
        The guide is :math:`\\text{norm}_L \\cdot \\text{factor}^{L - l}`; None draws none.
    label : str

    Returns
    -------
    matplotlib.axes.Axes
    """
    norms = np.asarray(norms, dtype=float)
    if ax is None:
        _, ax = plt.subplots()
    layers = np.arange(1, len(norms) + 1)
    ax.semilogy(layers, norms, "o-", color=PALETTE[0], label=label)
    if factor is not None:
        ax.semilogy(layers, norms[-1] * factor ** (len(norms) - layers), ":", color="0.3",
                    label=f"× {factor:g} per layer towards the input")
    ax.set_xticks(layers)
    ax.set_xlabel("layer (1 = next to the input)")
    ax.set_ylabel("weight-gradient norm (log scale)")
    ax.legend()
    return ax
