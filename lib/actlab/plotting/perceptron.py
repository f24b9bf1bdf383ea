"""Two-dimensional data, a perceptron's decision boundary, its training and its diagram (lesson 01).
"""

from collections.abc import Mapping
from itertools import cycle

import matplotlib.pyplot as plt
import numpy as np

from actlab.plotting.style import CLASS_COLOURS, CLASS_MARKERS, PALETTE, SHADE_ALPHA, WRONG_COLOUR

# Several runs in one plot: a colour and a marker each, so they differ in shape as well as colour.
RUN_COLOURS = (PALETTE[0], PALETTE[1], PALETTE[3], PALETTE[2], PALETTE[4], PALETTE[5])
RUN_MARKERS = ("o", "s", "^", "D", "v", "P")


def plot_dataset(X, y, ax=None, *, predicted=None, classes=("class 0", "class 1")):
    """Scatter a 2-D data set by class; with ``predicted``, ring the misclassified points.

    Parameters
    ----------
    X : array_like of shape (n, 2)
    y : array_like of shape (n,)
        Labels 0 and 1.
    ax : matplotlib Axes, optional
    predicted : array_like of shape (n,), optional
        A classifier's answers; points where ``predicted != y`` get a vermillion ring.
    classes : (str, str)
        Legend entries of the two classes, e.g. ``("XOR = 0", "XOR = 1")``.

    Returns
    -------
    matplotlib.axes.Axes
    """
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if ax is None:
        _, ax = plt.subplots()
    size = 70 if len(X) <= 16 else 22
    for label in (0, 1):
        points = X[y == label]
        ax.scatter(points[:, 0], points[:, 1], s=size, marker=CLASS_MARKERS[label],
                   color=CLASS_COLOURS[label], edgecolor="white", linewidth=0.6, zorder=3,
                   label=classes[label])
    if predicted is not None:
        wrong = X[np.asarray(predicted) != y]
        ax.scatter(wrong[:, 0], wrong[:, 1], s=size * 3.2, facecolor="none",
                   edgecolor=WRONG_COLOUR, linewidth=2.0, zorder=4,
                   label=f"misclassified ({len(wrong)})")
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    return ax


def line_equation(weights, bias, names=("x₁", "x₂"), relation="="):
    """The line :math:`w_1 x_1 + w_2 x_2 + b = 0` as readable text, e.g. ``'x₁ + x₂ − 1.5 = 0'``.

    Zero terms are left out and a coefficient of ±1 is written as a bare sign. ``relation``
    replaces the ``=``, for a half-plane: ``line_equation((1, 1), -1.5, relation="≥")`` is
    ``'x₁ + x₂ − 1.5 ≥ 0'``.
    """
    terms = [(float(w), name) for w, name in zip(weights, names)] + [(float(bias), "")]
    text = ""
    for value, name in terms:
        if value == 0:
            continue
        size = "" if abs(value) == 1 and name else _number(abs(value))
        sign = ("−" if value < 0 else "") if not text else (" − " if value < 0 else " + ")
        text += f"{sign}{size}{name}"
    return f"{text or '0'} {relation} 0"


def _number(value):
    return f"{value:.3g}".replace("-", "−")


def _box(X, xlim, ylim, pad=0.5):
    if xlim is None or ylim is None:
        lo, hi = (X.min(axis=0), X.max(axis=0)) if X is not None else ((0.0, 0.0), (1.0, 1.0))
        xlim = xlim if xlim is not None else (lo[0] - pad, hi[0] + pad)
        ylim = ylim if ylim is not None else (lo[1] - pad, hi[1] + pad)
    return tuple(xlim), tuple(ylim)


def _clip_to_half_plane(polygon, normal, offset):
    """The vertices of ``polygon`` ∩ {p : normal·p + offset ≥ 0} (one Sutherland–Hodgman pass)."""
    signed = polygon @ normal + offset
    kept = []
    for i in range(len(polygon)):
        j = (i + 1) % len(polygon)
        if signed[i] >= 0:
            kept.append(polygon[i])
        if (signed[i] >= 0) != (signed[j] >= 0):
            t = signed[i] / (signed[i] - signed[j])
            kept.append(polygon[i] + t * (polygon[j] - polygon[i]))
    return np.array(kept).reshape(-1, 2)


def plot_decision_boundary(weights, bias, X=None, y=None, ax=None, *, xlim=None, ylim=None,
                           title=True, legend=True, names=("x₁", "x₂"),
                           classes=("class 0", "class 1")):
    """A perceptron's decision boundary :math:`w_1 x_1 + w_2 x_2 + b = 0` over a 2-D data set.

    The half-plane where :math:`w \\cdot x + b \\ge 0` (output 1) is shaded orange, the other
    (output 0) blue; an arrow from the line shows :math:`w`, which points into the 1 side. If data
    are given, misclassified points are ringed and the title counts the correct ones.

    Parameters
    ----------
    weights : array_like of shape (2,)
    bias : float
    X, y : array_like, optional
        The data set, shapes (n, 2) and (n,).
    ax : matplotlib Axes, optional
    xlim, ylim : (float, float), optional
        The region shown; by default the data's range plus a margin of 0.5.
    title : bool or str
        Put the line's equation (and the score) in the title; a string is put on a line of its
        own above them (``title="AND after training"``).
    legend : bool
        Draw the legend, right of the Axes.
    names : (str, str)
        The two coordinates, for the axis labels and the equation (e.g. ``("h₁", "h₂")``).
    classes : (str, str)
        Legend entries of the two classes of the data.

    Returns
    -------
    matplotlib.axes.Axes
    """
    w = np.asarray(weights, dtype=float)
    b = float(bias)
    if ax is None:
        _, ax = plt.subplots()
    X = None if X is None else np.asarray(X, dtype=float)
    (x0, x1), (y0, y1) = _box(X, xlim, ylim)
    box = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
    if np.any(w != 0):
        regions = [_clip_to_half_plane(box, sign * w, sign * b) for sign in (-1.0, 1.0)]
        for label, region in enumerate(regions):
            if len(region):
                ax.fill(region[:, 0], region[:, 1], color=CLASS_COLOURS[label],
                        alpha=SHADE_ALPHA, lw=0)
        foot = -b * w / (w @ w)  # the point of the line closest to the origin
        ax.axline(foot, foot + np.array([-w[1], w[0]]), color="0.15", lw=2,
                  label="boundary w·x + b = 0")
        _draw_weight_arrow(ax, w, b, np.vstack(regions), box, X)
    else:
        label = int(b >= 0)
        ax.fill(box[:, 0], box[:, 1], color=CLASS_COLOURS[label], alpha=SHADE_ALPHA, lw=0)
    heading = line_equation(w, b, names) if np.any(w != 0) else \
        f"w = 0: no boundary, every point gets step({_number(b)}) = {int(b >= 0)}"
    if X is not None:
        predicted = (X @ w + b >= 0).astype(int)
        plot_dataset(X, y, ax, predicted=predicted, classes=classes)
        heading += f"\n{int(np.sum(predicted == np.asarray(y)))} of {len(X)} correct"
    if isinstance(title, str):
        heading = f"{title}\n{heading}"
    if title:
        ax.set_title(heading)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_xlabel(names[0])
    ax.set_ylabel(names[1])
    if legend:
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0))
    return ax


def _draw_weight_arrow(ax, w, b, vertices, box, points):
    """An arrow along w from the visible part of the boundary: inside the view, and as far from
    the data points as the candidate places allow."""
    (x0, y0), (x1, y1) = box[0], box[2]
    tolerance = 1e-9 * (np.linalg.norm(w) * np.abs(box).max() + abs(b))
    on_line = vertices[np.abs(vertices @ w + b) <= tolerance]
    if len(on_line) < 2:
        return
    along = on_line @ np.array([-w[1], w[0]])
    first, last = on_line[np.argmin(along)], on_line[np.argmax(along)]
    arrow = 0.15 * min(x1 - x0, y1 - y0) * w / np.linalg.norm(w)
    starts = [first + t * (last - first) for t in (0.5, 0.3, 0.7, 0.15, 0.85)]
    starts = [p for p in starts if x0 <= (p + 1.3 * arrow)[0] <= x1
              and y0 <= (p + 1.3 * arrow)[1] <= y1]
    if not starts:
        return
    if points is not None and len(points):
        clearance = [np.min(np.linalg.norm(points - (p + arrow), axis=1)) for p in starts]
        starts = [starts[int(np.argmax(clearance))]]
    ax.annotate("", xy=starts[0] + arrow, xytext=starts[0],
                arrowprops={"arrowstyle": "-|>", "color": "0.15", "lw": 1.5})
    ax.annotate("w", xy=starts[0] + 1.3 * arrow, ha="center", va="center", fontsize=11,
                style="italic")


def plot_learned_boundaries(runs, *, xlim=None, ylim=None, width=5.0, height=4.0):
    """The boundaries perceptron training ended with, one panel per run, side by side.

    Each panel shows the final line over its data set (misclassified points ringed) and says in
    its title whether training converged: "AND: learned in 6 epochs" when the last epoch made no
    mistake, "XOR: not learned in 30 epochs" otherwise. The legend sits right of the last panel.

    Parameters
    ----------
    runs : mapping of str to (X, y, History)
        A name for each run, its data set (shapes (n, 2) and (n,)) and what
        :func:`actlab.perceptron.train` returned for it.
    xlim, ylim : (float, float), optional
        The region shown in every panel; by default each data set's range plus a margin.
    width, height : float
        The size of one panel, in inches.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from actlab.datasets import logic_gate
    >>> from actlab.perceptron import train
    >>> fig = plot_learned_boundaries({"OR": (*logic_gate("or"), train(*logic_gate("or")))})
    >>> fig.axes[0].get_title().splitlines()
    ['OR: learned in 4 epochs', 'x₁ + x₂ − 1 = 0', '4 of 4 correct']
    """
    runs = dict(runs)
    fig, axes = plt.subplots(1, len(runs), figsize=(width * len(runs), height), squeeze=False)
    for k, (ax, (name, (X, y, history))) in enumerate(zip(axes.flat, runs.items())):
        verdict = "learned" if history.converged else "not learned"
        final = history.perceptron
        plot_decision_boundary(final.weights, final.bias, X, y, ax, xlim=xlim, ylim=ylim,
                               title=f"{name}: {verdict} in {history.epochs} epochs",
                               legend=k == len(runs) - 1)
    return fig


def plot_errors_per_epoch(history, ax=None, *, label=None, color=None):
    """The number of misclassified examples in each epoch of perceptron training.

    Parameters
    ----------
    history : actlab.perceptron.History, or a mapping of str to History
        One run, or several by name (``{"AND": h1, "XOR": h2}``): each gets its own colour and
        marker, and the names go in the legend.
    ax : matplotlib Axes, optional
    label : str, optional
        Legend entry of a single run.
    color : str, optional
        Colour of a single run.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots()
    if isinstance(history, Mapping):
        for (name, run), colour, marker in zip(history.items(), cycle(RUN_COLOURS),
                                               cycle(RUN_MARKERS)):
            _errors_line(run, ax, label=name, color=colour, marker=marker)
        ax.legend()
        return ax
    _errors_line(history, ax, label=label, color=color, marker="o")
    if label is not None:
        ax.legend()
    return ax


def _errors_line(history, ax, *, label, color, marker):
    epochs = np.arange(1, history.epochs + 1)
    ax.plot(epochs, history.errors, marker=marker, ms=4, color=color, label=label)
    ax.set_xlabel("epoch")
    ax.set_ylabel("mistakes in the epoch")
    ax.set_ylim(0, max(line.get_ydata().max() for line in ax.lines) + 0.5)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.xaxis.get_major_locator().set_params(integer=True)


def draw_neuron(ax=None, *, weights=None, bias=None, activation="step", n_inputs=2):
    """A labelled diagram of one neuron: inputs, weights, bias, weighted sum, activation, output.

    Parameters
    ----------
    ax : matplotlib Axes, optional
    weights : sequence of float, optional
        Numbers to write next to the symbols :math:`w_i` (symbols only if omitted).
    bias : float, optional
        A number to write next to :math:`b`.
    activation : str
        Name written in the activation box.
    n_inputs : int
        Number of inputs when ``weights`` is omitted.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(7.0, 3.2))
    n = n_inputs if weights is None else len(weights)
    values = [None] * n if weights is None else [float(w) for w in weights]
    ys = np.linspace(1.0, -1.0, n) if n > 1 else np.zeros(1)
    node = {"boxstyle": "circle,pad=0.35", "fc": "white", "ec": "0.2", "lw": 1.5}
    edge = {"arrowstyle": "-|>", "color": "0.3", "lw": 1.3, "shrinkA": 14, "shrinkB": 18}
    blue = {"fontsize": 12, "color": PALETTE[0]}
    sum_at, act_at, out_at = (2.4, 0.0), (4.3, 0.0), (5.9, 0.0)
    ax.text(*sum_at, "$\\Sigma$", ha="center", va="center", fontsize=16, zorder=3,
            bbox={**node, "fc": "#E8F1F8"})
    for i, (y, value) in enumerate(zip(ys, values), start=1):
        ax.text(0, y, f"$x_{i}$", ha="center", va="center", fontsize=13, bbox=node, zorder=3)
        ax.annotate("", xy=sum_at, xytext=(0, y), arrowprops=edge)
        ax.text(1.05, 0.62 * y + 0.14, _symbol(f"w_{i}", value), ha="center", va="bottom", **blue)
    ax.annotate("", xy=sum_at, xytext=(sum_at[0], -1.25), arrowprops=edge)
    ax.text(sum_at[0] + 0.15, -1.2, _symbol("b", bias), ha="left", va="center", **blue)
    ax.annotate("", xy=act_at, xytext=sum_at, arrowprops={**edge, "shrinkB": 24})
    ax.text(3.3, 0.12, "$z$", ha="center", va="bottom", fontsize=12)
    ax.text(*act_at, activation, ha="center", va="center", fontsize=12, zorder=3,
            bbox={"boxstyle": "round,pad=0.5", "fc": "#FDF1DC", "ec": "0.2", "lw": 1.5})
    ax.annotate("", xy=out_at, xytext=act_at, arrowprops={**edge, "shrinkA": 24, "shrinkB": 2})
    ax.text(out_at[0] + 0.1, 0, "$\\hat y$", ha="left", va="center", fontsize=14)
    terms = " + ".join(f"w_{i}x_{i}" for i in range(1, n + 1))
    ax.text(3.1, 1.3, f"$z = {terms} + b$", ha="center", fontsize=12)
    ax.text(3.1, -1.8, f"$\\hat y = \\mathrm{{{activation}}}(z)$", ha="center", fontsize=12)
    ax.set_xlim(-0.5, 6.6)
    ax.set_ylim(-2.1, 1.7)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def _symbol(name, value):
    """``'$w_1$'``, or ``'$w_1 = -1.5$'`` when a value is given."""
    return f"${name}$" if value is None else f"${name} = {_number(float(value))}$"
