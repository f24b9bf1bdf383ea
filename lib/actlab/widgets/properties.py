"""Lesson 09's property explorer: pick an activation — or your own function — and a property, and
see the checker's verdict drawn on the curve, with its evidence beside it.

>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots()
>>> draw_property(ax, "selu", "differentiability").verdict
'not differentiable at 0'
>>> plt.close(fig)
"""

import ipywidgets

from actlab.activations import names
from actlab.plotting.properties import plot_evidence
from actlab.properties.checkers import CHECKERS
from actlab.widgets.controls import figure, show

__all__ = ["PROPERTIES", "draw_property", "property_widget"]

# every checker but the cost: a timing would make the picture change from run to run
PROPERTIES = tuple(p for p in CHECKERS if p != "cost")


def draw_property(ax, activation="gelu", prop="monotonicity", own=None):
    """Run the checker ``prop`` on ``activation`` and draw its evidence on ``ax``.

    Parameters
    ----------
    activation : str or callable
        A library activation's name, ``"your own"`` (then ``own`` is used), or any function.
    prop : str
        One of :data:`PROPERTIES`.
    own : callable, optional
        The learner's function, used when ``activation == "your own"``.

    Returns
    -------
    Verdict
        What the checker found (a verdict that says why, if the function cannot be checked).
    """
    if prop not in PROPERTIES:
        raise ValueError(f"draw_property: prop must be one of {', '.join(PROPERTIES)}, "
                         f"got {prop!r}")
    if isinstance(activation, str) and activation == "your own":
        if own is None:
            raise ValueError("draw_property: activation 'your own' needs own=your_function")
        activation = own
    verdict = CHECKERS[prop](activation)
    plot_evidence(verdict, activation, ax)
    return verdict


def property_widget(own=None, *, activation="gelu", prop="monotonicity"):
    """Two dropdowns (the activation, with ``"your own"`` first when ``own`` is given; the
    property) driving :func:`draw_property`.

    Returns
    -------
    ipywidgets.interactive
        Children: activation, property, the output area.
    """
    options = (["your own"] if own is not None else []) + list(names())

    def update(activation, prop):
        fig, ax = figure(10, 4.2)
        draw_property(ax, activation, prop, own)
        return show(fig)

    return ipywidgets.interactive(
        update,
        activation=ipywidgets.Dropdown(options=options, value=activation, description="function"),
        prop=ipywidgets.Dropdown(options=PROPERTIES, value=prop, description="property"))
