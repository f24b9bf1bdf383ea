"""Small networks: what each hidden unit of a 2-input network computes, the network's output over
the plane, and ReLU-piece fits (lesson 02).
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from actlab.plotting.perceptron import _clip_to_half_plane, line_equation, plot_dataset
from actlab.plotting.style import (CLASS_COLOURS, CLASS_MARKERS, FUNCTION_COLOUR, PALETTE,
                                   SHADE_ALPHA)

# "This hidden unit is active" is bluish green, a colour no class uses (classes are blue circles
# and orange squares), so an active region is never read as a class.
ACTIVE_COLOUR = PALETTE[2]


def plot_hidden_units(network, X=None, y=None, *, unit_names=None, classes=("class 0", "class 1"),
                      output_title="network output", xlim=(-0.5, 1.5), ylim=(-0.5, 1.5),
                      width=4.6, height=4.0):
    """What each hidden unit of a 2-input network computes, and the network's output: a panel each.

    A panel per unit :math:`j` of the first layer shades green the half-plane where the unit is
    active (its output is positive: :math:`w_j \\cdot x + b_j \\ge 0` for a step unit, :math:`> 0`
    for a ReLU unit), draws its line :math:`w_j \\cdot x + b_j = 0` and the data; the last panel is
    :func:`plot_network_output`. Green means only "unit active"; the data keep the class colours
    and markers (blue circles, orange squares) everywhere. One legend, under the panels.

    Parameters
    ----------
    network : actlab.network.Network
        Its first layer has 2 inputs and units that are off (output 0) on one side of their line
        and on (positive) on the other, such as ``binary_step`` or ``relu`` units; its output is
        one number per example.
    X, y : array_like, optional
        Data to overlay, shapes (n, 2) and (n,).
    unit_names : sequence of str, optional
        A name per hidden unit for its title, e.g. ``("OR", "AND")``.
    classes : (str, str)
        Legend entries of the two classes, e.g. ``("XOR = 0", "XOR = 1")``.
    output_title : str
        The first line of the output panel's title.
    xlim, ylim : (float, float)
    width, height : float
        The size of one panel, in inches.

    Returns
    -------
    matplotlib.figure.Figure
        Its first ``units`` Axes are the hidden units, the next the output (then its colour bar).

    Raises
    ------
    ValueError
        If the first layer does not have 2 inputs, or its units are not off below their line and
        on above it (a sigmoid unit is never off, a leaky ReLU unit is negative below its line).
    """
    hidden = network.layers[0]
    if hidden.shape[0] != 2:
        raise ValueError(f"plot_hidden_units: the first layer needs 2 inputs, it has "
                         f"{hidden.shape[0]}")
    units = hidden.shape[1]
    off, on, at_zero = (hidden.f(np.full((1, units), z))[0] for z in (-1.0, 1.0, 0.0))
    if np.any(off != 0) or np.any(on <= 0):
        raise ValueError(f"plot_hidden_units: hidden units must output 0 below their line and a "
                         f"positive number above it (binary_step, relu); "
                         f"{hidden.activation.name!r} gives {off[0]:g} at z = -1 and {on[0]:g} at "
                         f"z = 1")
    names = list(unit_names) if unit_names is not None else [None] * units
    if len(names) != units:
        raise ValueError(f"plot_hidden_units: {len(names)} unit names for {units} hidden units")
    fig, axes = plt.subplots(1, units + 1, figsize=(width * (units + 1), height))
    (x0, x1), (y0, y1) = xlim, ylim
    box = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
    for j, (ax, name) in enumerate(zip(axes, names)):
        w, b = hidden.weights[:, j], hidden.bias[j]
        if np.any(w != 0):
            active = _clip_to_half_plane(box, w, b)
        else:  # a constant unit: active everywhere or nowhere
            active = box if b > 0 or (b == 0 and at_zero[j] > 0) else []
        if len(active):
            ax.fill(active[:, 0], active[:, 1], color=ACTIVE_COLOUR, alpha=1.6 * SHADE_ALPHA,
                    lw=0)
        if np.any(w != 0):
            foot = -b * w / (w @ w)
            ax.axline(foot, foot + np.array([-w[1], w[0]]), color="0.15", lw=2)
        if X is not None:
            plot_dataset(X, y, ax, classes=classes)
        relation = "≥" if at_zero[j] > 0 else ">"
        label = f"hidden unit {j + 1}" + (f" ({name})" if name else "")
        ax.set_title(f"{label}: active where\n{line_equation(w, b, relation=relation)}")
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal")
        ax.set_xlabel("x₁")
        ax.set_ylabel("x₂")
    plot_network_output(network, X, y, axes[-1], xlim=xlim, ylim=ylim)
    axes[-1].set_title(f"{output_title}\n(white line: output = 0.5)")
    handles = [Patch(color=ACTIVE_COLOUR, alpha=1.6 * SHADE_ALPHA, label="unit active"),
               Line2D([], [], color="0.15", lw=2, label="unit's line")]
    if X is not None:
        handles += [Line2D([], [], ls="", marker=marker, color=colour, ms=8, label=text)
                    for marker, colour, text in zip(CLASS_MARKERS, CLASS_COLOURS, classes)]
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles))
    return fig

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
