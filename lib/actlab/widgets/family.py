r"""Lesson 07's family explorer: two activations of the ReLU family or the smooth units, each with
its parameter, overlaid with their derivatives, and their measured numbers beside them.

The parameter is :math:`\alpha` for leaky ReLU and ELU, :math:`\beta` for Swish,
:math:`x\,\sigma(\beta x)` (β = 1 is SiLU; β → ∞ approaches ReLU, β → 0 the line x/2), and it is
ignored by the others; ``approximate`` picks GELU's exact form :math:`x\Phi(x)` or its tanh form.

>>> f, f_prime, label = family_member("swish", 2.0)
>>> label, round(float(f(1.0)), 4), round(float(f_prime(0.0)), 4)
('swish (β = 2)', 0.8808, 0.5)
"""

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np

from actlab.activations import get, sigmoid
from actlab.plotting import PALETTE
from actlab.properties import largest_slope, minimum
from actlab.widgets.controls import figure, show, slider

__all__ = ["FAMILY", "draw_family", "family_member", "family_widget"]

FAMILY = ("relu", "leaky_relu", "elu", "selu", "softplus", "gelu", "swish", "mish")
_PARAMETER = {"leaky_relu": "α", "elu": "α", "swish": "β"}
_X = np.linspace(-5, 5, 1001)


def family_member(name, param=1.0, approximate="none"):
    """The function, its derivative and a label for one member of the family.

    Parameters
    ----------
    name : str
        One of :data:`FAMILY`.
    param : float
        α of ``leaky_relu`` and ``elu`` (≥ 0), β of ``swish``; ignored by the others.
    approximate : {"none", "tanh"}
        GELU's form.

    Returns
    -------
    (callable, callable, str)
    """
    if name not in FAMILY:
        raise ValueError(f"family_member: name must be one of {', '.join(FAMILY)}, got {name!r}")
    param = float(param)
    if name == "swish":
        def f(x):
            return np.asarray(x) * sigmoid(param * np.asarray(x, dtype=float))

        def f_prime(x):
            s = sigmoid(param * np.asarray(x, dtype=float))
            return s + param * np.asarray(x) * s * (1 - s)
        return f, f_prime, f"swish (β = {param:g})"
    act = get(name)
    params = {}
    label = name
    if name in _PARAMETER:
        params = {"alpha": param}
        label = f"{name} (α = {param:g})"
    elif name == "gelu":
        params = {"approximate": approximate}
        label = "gelu (tanh form)" if approximate == "tanh" else "gelu (exact)"
    return (lambda x: act(x, **params)), (lambda x: act.grad(x, **params)), label


def draw_family(ax, first="gelu", first_param=1.0, second="swish", second_param=1.0,
                approximate="none"):
    """Overlay two members of the family (solid) and their derivatives (dashed) on ``ax``.

    The legend gives, for each, the minimum and where, and the largest slope and where, measured by
    :mod:`actlab.properties`; a dot marks each interior minimum. The title says when a unit has no
    parameter, so that moving its slider visibly does nothing else.

    Returns
    -------
    dict
        ``{label: (minimum, largest_slope)}``, two :class:`~actlab.properties.Extremum` each.
    """
    ax.clear()
    numbers = {}
    ignored = []
    for k, (name, param) in enumerate(((first, first_param), (second, second_param))):
        f, f_prime, label = family_member(name, param, approximate)
        if name not in _PARAMETER:
            ignored.append(f"{name} ignores α/β = {float(param):g}")
        if k == 1 and label in numbers:
            label += " (again)"
        colour = PALETTE[0] if k == 0 else PALETTE[1]
        low, steepest = minimum(f), largest_slope(f)
        numbers[label] = (low, steepest)
        ax.plot(_X, f(_X), color=colour, lw=2.4 - 0.8 * k,
                label=f"{label}\nmin {low}\nmax slope {steepest}")
        ax.plot(_X, f_prime(_X), "--", color=colour, lw=1.6 - 0.4 * k, label=f"{label}′ (slope)")
        if low.where is not None and np.isfinite(low.where):
            ax.plot([low.where], [low.value], "o", color=colour, ms=6)
    ax.axhline(0, color="0.5", lw=0.8)
    ax.axvline(0, color="0.5", lw=0.8)
    ax.set_xlim(-5, 5)
    ax.set_ylim(-2, 3)
    ax.set_xlabel("x (pre-activation)")
    ax.set_ylabel("output / slope")
    note = "   (" + "; ".join(ignored) + ")" if ignored else ""
    ax.set_title("solid: f(x)   dashed: f′(x)" + note, fontsize=10)
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=9)
    return numbers


def family_widget(*, first="gelu", second="swish"):
    """Two dropdowns with a parameter slider each, and GELU's form, driving :func:`draw_family`.

    Returns
    -------
    ipywidgets.interactive
        Children: first, its parameter, second, its parameter, approximate, the output area.
    """
    def update(first, first_param, second, second_param, approximate):
        fig, ax = figure(10, 4.6)
        draw_family(ax, first, first_param, second, second_param, approximate)
        return show(fig)

    return ipywidgets.interactive(
        update,
        first=ipywidgets.Dropdown(options=FAMILY, value=first, description="first"),
        first_param=slider("α/β, first", 1.0, 0.0, 3.0, 0.05),
        second=ipywidgets.Dropdown(options=FAMILY, value=second, description="second"),
        second_param=slider("α/β, second", 1.0, 0.0, 3.0, 0.05),
        approximate=ipywidgets.Dropdown(options=["none", "tanh"], value="none",
                                        description="GELU form"))
