"""The standard plots of an activation: the function and its derivative, and the gallery of all.

Every drawing function takes an optional ``ax=`` and returns the Axes (or Figure) it drew on, so a
lesson can compose them.
"""

import matplotlib.pyplot as plt
import numpy as np

from actlab.activations import Activation, get
from actlab.activations import names as activation_names
from actlab.plotting.style import DERIVATIVE_COLOUR, FUNCTION_COLOUR

def _as_activation(activation):
    return activation if isinstance(activation, Activation) else get(activation)


def _curve(fn, x, kinks):
    """fn on x, with a NaN break at each kink so a jump is not drawn as a steep line."""
    x = np.asarray(x, dtype=float)
    y = fn(x)
    for k in kinks:
        y = np.where(np.isclose(x, k, rtol=0, atol=1e-12), np.nan, y)
    return y


def plot_activation(activation, ax=None, *, x=None, derivative=True, params=None, title=True):
    """Draw an activation (blue) and its derivative (dashed vermillion) on one Axes.

    At a kink, where the function or its derivative jumps (``act.kinks_at(**params)``), the curves
    break and a dot marks the value the library returns there (for instance relu'(0) = 0,
    step(0) = 1), so the convention is visible. Where both are continuous there is no dot: ELU with
    alpha = 1 has none, with alpha = 2 it has one.

    Parameters
    ----------
    activation : Activation or str
        ``actlab.relu`` or ``"relu"``.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.
    x : array-like, optional
        Sample points, default 801 points on [-5, 5] (including 0).
    derivative : bool
        Also draw the derivative.
    params : dict, optional
        Keyword parameters, e.g. ``{"alpha": 0.2}``.
    title : bool
        Put the name and formula in the title.

    Returns
    -------
    matplotlib.axes.Axes
    """
    act = _as_activation(activation)
    params = dict(params or {})
    if ax is None:
        _, ax = plt.subplots()
    x = np.linspace(-5, 5, 801) if x is None else np.asarray(x, dtype=float)
    label = ", ".join(f"{k}={v}" for k, v in params.items())
    kinks = act.kinks_at(**params)
    ax.plot(x, _curve(lambda v: act(v, **params), x, kinks), color=FUNCTION_COLOUR,
            label=f"{act.name}(x)" + (f"  ({label})" if label else ""))
    if derivative:
        ax.plot(x, _curve(lambda v: act.grad(v, **params), x, kinks), "--",
                color=DERIVATIVE_COLOUR, label=f"{act.name}′(x)")
    for k in kinks:
        ax.plot([k], [act(k, **params)], "o", color=FUNCTION_COLOUR, ms=5)
        if derivative:
            ax.plot([k], [act.grad(k, **params)], "o", color=DERIVATIVE_COLOUR, ms=5)
    ax.axhline(0, color="0.5", lw=0.8)
    ax.axvline(0, color="0.5", lw=0.8)
    ax.set_xlabel("x (pre-activation)")
    ax.set_ylabel("output / slope")
    if title:
        ax.set_title(f"${act.formula}$")
    ax.legend(loc="upper left")
    return ax


def plot_gallery(names=None, *, ncols=4, derivative=True):
    """Every activation (or those in ``names``) with its derivative, one small panel each.

    As in :func:`plot_activation`, a dot marks the library's value at a kink, where the curve or its
    slope jumps (with each activation's default parameters).

    Returns
    -------
    matplotlib.figure.Figure
    """
    names = list(names or activation_names())
    nrows = -(-len(names) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(3.4 * ncols, 2.8 * nrows), squeeze=False)
    x = np.linspace(-4, 4, 801)
    for ax, name in zip(axes.flat, names):
        plot_activation(name, ax, x=x, derivative=derivative, title=False)
        ax.set_title(name)
        ax.set_ylim(-2, 4)
        ax.set_xlabel("x")
        ax.set_ylabel("")
        ax.get_legend().remove()
    for ax in axes.flat[len(names):]:
        ax.set_visible(False)
    fig.legend(handles=axes.flat[0].get_lines()[:2], labels=["f(x)", "f′(x)"], loc="outside lower center",
               ncols=2)
    return fig
