"""Inside a deep network, layer by layer: the distribution of every layer's outputs, and any
per-layer statistic (standard deviation, share of saturated units, gradient norm) against depth.

Lesson 05 draws a tanh network's outputs for three weight scales; any other network (ReLU,
sigmoid) is drawn the same way. The values come from the engine (:mod:`actlab.network`), for instance
``net.layer_outputs(X)`` and :func:`actlab.network.layer_statistics`.

>>> rng = np.random.default_rng(0)
>>> outputs = [np.tanh(rng.normal(0, 3 / (k + 1), size=(50, 8))) for k in range(4)]
>>> ax = plot_layer_histograms(outputs, value_range=(-1, 1))
>>> [t.get_text() for t in ax.get_yticklabels()]
['1', '2', '3', '4']
>>> plt.close(ax.figure)
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import PolyCollection

from actlab.plotting.style import FUNCTION_COLOUR, PALETTE

__all__ = ["layer_histograms", "plot_layer_histograms", "plot_per_layer"]

_ROW_FILL = 0.85  # the tallest bin of a layer fills this much of its row


def layer_histograms(outputs, *, value_range, bins=60):
    """The share of each layer's outputs in each of ``bins`` equal bins over ``value_range``.

    .. math:: s_{l,k} = \\frac{\\#\\{\\,h \\in H_l : h \\in \\text{bin}_k\\,\\}}{\\# H_l}

    Values outside the range are not counted, so a row sums to the share of outputs inside it.

    Parameters
    ----------
    outputs : sequence of array_like
        One array per layer, any shape (every value is counted), e.g. ``net.layer_outputs(X)``.
    value_range : (float, float)
    bins : int

    Returns
    -------
    shares : ndarray (layers, bins)
    edges : ndarray (bins + 1,)

    Examples
    --------
    >>> shares, edges = layer_histograms([[0.1, 0.2, -0.9, 5.0]], value_range=(-1, 1), bins=2)
    >>> shares.tolist(), edges.tolist()
    ([[0.25, 0.5]], [-1.0, 0.0, 1.0])
    """
    low, high = _range(value_range, "layer_histograms")
    if isinstance(bins, bool) or not isinstance(bins, (int, np.integer)) or bins < 1:
        raise ValueError(f"layer_histograms: bins must be a positive integer, got {bins!r}")
    layers = [np.asarray(h, dtype=float).ravel() for h in outputs]
    if not layers or any(h.size == 0 for h in layers):
        raise ValueError("layer_histograms: outputs must hold at least one non-empty array a layer")
    edges = np.linspace(low, high, bins + 1)
    shares = np.empty((len(layers), bins))
    for row, h in enumerate(layers):
        # np.histogram's own rule (bins closed on the left, the last one on both sides) in fewer
        # passes: a first guess by multiplication, corrected where rounding put a value next to
        # its bin, then one bincount
        inside = h[(h >= low) & (h <= high)]
        index = np.minimum(((inside - low) * (bins / (high - low))).astype(np.intp), bins - 1)
        index -= inside < edges[index]
        index += (inside >= edges[index + 1]) & (index != bins - 1)
        shares[row] = np.bincount(index, minlength=bins) / h.size
    return shares, edges


def _range(value_range, where):
    try:
        low, high = (float(v) for v in value_range)
    except (TypeError, ValueError):
        raise ValueError(f"{where}: value_range must be a pair of numbers (low, high), got "
                         f"{value_range!r}") from None
    if not (np.isfinite(low) and np.isfinite(high) and low < high):
        raise ValueError(f"{where}: value_range must be finite with low < high, got "
                         f"{value_range!r}")
    return low, high


def plot_layer_histograms(outputs, ax=None, *, value_range=None, bins=60, xlabel="unit output h",
                          first_layer=1, colour=FUNCTION_COLOUR):
    """Every layer's histogram of outputs, one row a layer, the first layer at the top.

    Each row is scaled to its own tallest bin, so the rows compare *shapes* (spread out, piled at
    0, piled at the ends), not heights: a layer whose outputs all sit in one bin shows one spike.

    Parameters
    ----------
    outputs : sequence of array_like
        One array per layer (every value counted), e.g. ``net.layer_outputs(X)[:depth]``.
    ax : matplotlib Axes, optional
    value_range : (float, float), optional
        The range of the bins; default: from the smallest to the largest value of all layers.
        Give the activation's range (``(-1, 1)`` for tanh) to see a collapse to 0.
    bins : int
    xlabel : str
    first_layer : int
        The number of the first row's layer.
    colour : colour

    Returns
    -------
    matplotlib.axes.Axes
    """
    layers = [np.asarray(h, dtype=float).ravel() for h in outputs]
    if value_range is None:
        finite = np.concatenate([h[np.isfinite(h)] for h in layers] or [np.empty(0)])
        if finite.size == 0:
            raise ValueError("plot_layer_histograms: there are no finite outputs to draw")
        low, high = float(finite.min()), float(finite.max())
        value_range = (low, high) if high > low else (low - 0.5, low + 0.5)
    shares, edges = layer_histograms(layers, value_range=value_range, bins=bins)
    if ax is None:
        _, ax = plt.subplots()
    n_layers = len(layers)
    peak = shares.max(axis=1, keepdims=True)
    heights = np.divide(shares, peak, out=np.zeros_like(shares), where=peak > 0) * _ROW_FILL
    # row l (0-based) sits on the baseline y = l + 1 and grows upwards (towards smaller y, since the
    # axis is inverted so that the first layer is at the top); all rows in one PolyCollection.
    x = np.repeat(edges, 2)[1:-1]
    polygons = []
    for row, height in enumerate(heights):
        base = row + 1.0
        y = base - np.repeat(height, 2)
        polygons.append(np.column_stack([np.r_[x[0], x, x[-1]], np.r_[base, y, base]]))
    ax.add_collection(PolyCollection(polygons, facecolors=colour, edgecolors=colour, alpha=0.75,
                                     linewidths=0.8))
    pad = 0.02 * (edges[-1] - edges[0])  # so that a pile-up in the first or last bin stands clear
    ax.set_xlim(edges[0] - pad, edges[-1] + pad)
    ax.set_ylim(n_layers + 0.05, 0.0)
    ax.set_yticks(np.arange(n_layers) + 0.55, [str(first_layer + k) for k in range(n_layers)])
    ax.tick_params(axis="y", length=0)
    ax.grid(False)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("layer")
    return ax


def plot_per_layer(values, ax=None, *, ylabel, log=False, first_layer=1, markers=None,
                   colours=None):
    """One per-layer statistic against depth, one line a network.

    Parameters
    ----------
    values : array_like or dict of str to array_like
        One value a layer, or ``{label: values}`` for several networks (e.g. the standard deviation
        of every layer's output, ``layer_statistics(net, X).h_std``).
    ax : matplotlib Axes, optional
    ylabel : str
        What the values are, with units.
    log : bool
        Logarithmic y-axis (for gradient norms that span orders of magnitude).
    first_layer : int
        The number of the first value's layer.
    markers : bool, optional
        Mark every layer; default: when there are at most 20 layers.
    colours : sequence of colours, optional
        One a line; default: the course palette in order.

    Returns
    -------
    matplotlib.axes.Axes
    """
    series = dict(values) if isinstance(values, dict) else {None: values}
    if ax is None:
        _, ax = plt.subplots()
    colours = list(colours) if colours is not None else PALETTE
    for k, (label, ys) in enumerate(series.items()):
        ys = np.asarray(ys, dtype=float)
        if ys.ndim != 1 or ys.size == 0:
            raise ValueError(f"plot_per_layer: the values of {label or 'the network'} must be one "
                             f"number a layer (a 1-D array), got shape {ys.shape}")
        layers = np.arange(first_layer, first_layer + ys.size)
        mark = (ys.size <= 20) if markers is None else markers
        ax.plot(layers, ys, "o-" if mark else "-", ms=4, color=colours[k % len(colours)],
                label=label)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel("layer")
    ax.set_ylabel(ylabel)
    if any(label is not None for label in series):
        ax.legend()
    return ax
