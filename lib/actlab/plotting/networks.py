"""Small networks: the output of a 2-input network over the plane, and ReLU-piece fits (lesson 02).
"""

import matplotlib.pyplot as plt
import numpy as np

from actlab.plotting.perceptron import plot_dataset
from actlab.plotting.style import FUNCTION_COLOUR, PALETTE

def plot_network_output(network, X=None, y=None, ax=None, *, xlim=(-0.5, 1.5),
                        ylim=(-0.5, 1.5), threshold=0.5, resolution=200):
    """A 2-input, 1-output network's output over the plane, with the contour ``output = threshold``.

    Parameters
    ----------
    network : callable
        Maps an (m, 2) batch to (m, 1) or (m,) outputs (e.g. an :class:`actlab.network.Network`).
    X, y : array_like, optional
        Data points to overlay; the ones on the wrong side of the threshold are ringed.
    ax : matplotlib Axes, optional
    xlim, ylim : (float, float)
    threshold : float
        Outputs ``>= threshold`` count as class 1.
    resolution : int
        Grid points per axis.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots()
    gx, gy = np.meshgrid(np.linspace(*xlim, resolution), np.linspace(*ylim, resolution))
    out = np.asarray(network(np.column_stack([gx.ravel(), gy.ravel()]))).reshape(gx.shape)
    image = ax.imshow(out, origin="lower", extent=(*xlim, *ylim), aspect="equal",
                      cmap="cividis", alpha=0.8)
    ax.figure.colorbar(image, ax=ax, label="network output", shrink=0.8)
    if out.min() < threshold <= out.max():
        ax.contour(gx, gy, out, levels=[threshold], colors="white", linewidths=2)
    if X is not None:
        scores = np.asarray(network(np.asarray(X, dtype=float))).reshape(len(X))
        plot_dataset(X, y, ax, predicted=(scores >= threshold).astype(int))
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    return ax


def plot_relu_fit(x, y, network, ax=None, *, pieces=True):
    """A curve, its fit by a sum of shifted ReLUs, and (optionally) the individual ReLU pieces.

    Parameters
    ----------
    x, y : array_like of shape (m,)
        The target curve.
    network : actlab.network.Network
        A fit from :func:`actlab.network.fit_relu_pieces`.
    ax : matplotlib Axes, optional
    pieces : bool
        Draw each term :math:`c_i\\,\\mathrm{relu}(x - k_i)` faintly and mark the knots.

    Returns
    -------
    matplotlib.axes.Axes
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if ax is None:
        _, ax = plt.subplots()
    hidden, output = network.layers
    units = hidden(x.reshape(-1, 1))
    fit = (units @ output.weights + output.bias).ravel()
    knots = -hidden.bias
    if pieces:
        terms = units * output.weights.ravel()
        terms[:, 0] += output.bias[0]
        # one Line2D for all pieces, NaN-separated: far cheaper to draw than a line each
        gap = np.full((1, terms.shape[1]), np.nan)
        ax.plot(np.tile(np.append(x, np.nan), terms.shape[1]), np.vstack([terms, gap]).T.ravel(),
                color="0.6", lw=0.8, label="pieces c·relu(x − k)")
        ax.plot(knots, np.interp(knots, x, fit), "|", color=PALETTE[3], ms=12, mew=2,
                label="knots k")
    ax.plot(x, y, color="black", lw=1.5, ls="--", label="target")
    ax.plot(x, fit, color=FUNCTION_COLOUR, lw=2, label="sum of the pieces")
    span = y.max() - y.min()
    ax.set_ylim(y.min() - 0.25 * span, y.max() + 0.25 * span)
    ax.set_xlim(x.min(), x.max())
    ax.set_title(f"{hidden.shape[1]} ReLU pieces: max |error| = {np.max(np.abs(fit - y)):.3g}")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0))
    return ax


def plot_fit_error(n_pieces, errors, ax=None):
    """Maximum fit error against the number of ReLU pieces, on log–log axes with a 1/n² guide.

    Returns
    -------
    matplotlib.axes.Axes
    """
    n_pieces, errors = np.asarray(n_pieces, dtype=float), np.asarray(errors, dtype=float)
    if ax is None:
        _, ax = plt.subplots()
    ax.loglog(n_pieces, errors, "o-", color=FUNCTION_COLOUR, label="max |fit − target|")
    guide = errors[-1] * (n_pieces[-1] / n_pieces) ** 2
    ax.loglog(n_pieces, guide, ":", color="0.4", label="slope −2: error ∝ 1/n²")
    ax.set_xticks(n_pieces, [f"{n:g}" for n in n_pieces])
    ax.minorticks_off()
    ax.set_xlabel("number of ReLU pieces n")
    ax.set_ylabel("max |error|")
    ax.legend()
    return ax
