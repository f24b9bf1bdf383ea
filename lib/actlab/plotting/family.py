"""Lesson 07's plots: the ReLU family and the smooth units overlaid, GELU as an expected gate, the
error of GELU's approximations, the slopes PReLU learns, and the measured cost of each unit."""

import matplotlib.pyplot as plt
import numpy as np

from actlab.activations import gelu, get
from actlab.plotting.style import DERIVATIVE_COLOUR, FUNCTION_COLOUR, PALETTE

__all__ = ["plot_approximation_errors", "plot_cost", "plot_family", "plot_gelu_gate",
           "plot_learned_slopes"]


def _axes(ax):
    if ax is None:
        _, ax = plt.subplots()
    return ax


def plot_family(members, ax=None, *, x=None, derivative=False):
    """Several activations overlaid on one Axes, one colour each.

    Parameters
    ----------
    members : sequence of str or (str, dict)
        Names, or ``(name, params)`` such as ``("elu", {"alpha": 2.0})``.
    ax : matplotlib Axes, optional
    x : array-like, optional
        Default 801 points on [-4, 3].
    derivative : bool
        Draw the derivatives f′ instead of the functions.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    x = np.linspace(-4, 3, 801) if x is None else np.asarray(x, dtype=float)
    for k, member in enumerate(members):
        name, params = (member, {}) if isinstance(member, str) else member
        act = get(name)
        y = act.grad(x, **params) if derivative else act(x, **params)
        label = name + "".join(f", {key}={value}" for key, value in params.items())
        ax.plot(x, y, color=PALETTE[k % len(PALETTE)], label=label + ("′" if derivative else ""))
    ax.axhline(0, color="0.5", lw=0.8)
    ax.axvline(0, color="0.5", lw=0.8)
    ax.set_xlabel("x (pre-activation)")
    ax.set_ylabel("slope f′(x)" if derivative else "output f(x)")
    ax.legend(loc="upper left", fontsize=9)
    return ax


def plot_gelu_gate(x, estimate, ax=None, *, n_samples=None):
    """GELU as an expected gate: the Monte Carlo estimate of E[x·1{Z ≤ x}] (dots) on x·Φ(x).

    Parameters
    ----------
    x, estimate : array-like
        The points and the estimates there.
    n_samples : int, optional
        For the legend.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    fine = np.linspace(min(x), max(x), 401)
    ax.plot(fine, gelu(fine), color=FUNCTION_COLOUR, label="gelu(x) = x·Φ(x)")
    ax.plot(fine, np.maximum(fine, 0), ":", color="0.4", label="relu(x) = x·1{0 ≤ x}")
    count = f", {n_samples:,} draws of Z" if n_samples else ""
    ax.plot(x, estimate, "o", color=DERIVATIVE_COLOUR, ms=5, label=f"mean of x·1{{Z ≤ x}}{count}")
    ax.set_xlabel("x (pre-activation)")
    ax.set_ylabel("output")
    ax.set_title("GELU: keep x with probability Φ(x), on average")
    ax.legend(loc="upper left")
    return ax


def plot_approximation_errors(x, errors, ax=None):
    """|approximation − exact| against x on a log scale, one line an approximation.

    Parameters
    ----------
    x : array-like
    errors : dict of str to array-like
        ``{label: approximation(x) - exact(x)}``.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    for k, (label, err) in enumerate(errors.items()):
        err = np.abs(np.asarray(err, dtype=float))
        ax.semilogy(x, np.where(err > 0, err, np.nan), color=PALETTE[k],
                    label=f"{label}: max {err.max():.2g}")
    ax.set_xlabel("x (pre-activation)")
    ax.set_ylabel("|approximation − x·Φ(x)| (log scale)")
    ax.legend(loc="lower left", fontsize=9)
    return ax


def plot_learned_slopes(slopes, ax=None, *, start=0.25):
    """The negative-side slopes a PReLU network learned, one strip of dots a layer.

    Parameters
    ----------
    slopes : dict of str to array-like
        ``{layer label: slopes}``.
    start : float
        The slope every unit started from (a dashed line).

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    for k, (label, values) in enumerate(slopes.items()):
        values = np.sort(np.asarray(values, dtype=float))
        jitter = np.linspace(-0.15, 0.15, len(values))
        ax.plot(values, k + jitter, "o", color=PALETTE[k], ms=5, alpha=0.8, label=label)
    ax.axvline(start, ls="--", color="0.4", label=f"start: {start}")
    ax.axvline(0, color="0.5", lw=0.8)
    ax.set_yticks(range(len(slopes)), list(slopes))
    ax.set_xlabel("learned slope a for x < 0 (prelu(x) = a·x there)")
    ax.legend(loc="lower right", fontsize=9)
    return ax


def plot_cost(costs, ax=None):
    """Milliseconds per 10⁶ float64 values, one horizontal bar an activation (a measured timing).

    Parameters
    ----------
    costs : dict of str to float
        ``{label: ms}``, e.g. from :func:`actlab.properties.cost_per_million`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    labels = list(costs)
    values = [costs[k] for k in labels]
    ax.barh(range(len(labels)), values, color=FUNCTION_COLOUR)
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()
    for k, v in enumerate(values):
        ax.text(v, k, f" {v:.1f}", va="center", fontsize=9)
    ax.set_xlabel("time for 10⁶ float64 values (ms, this machine, this run)")
    return ax
