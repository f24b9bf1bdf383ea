"""Lesson 02's ReLU-pieces widget: more units, more straight pieces, a closer fit."""

import ipywidgets

from actlab.network import fit_relu_pieces
from actlab.plotting import plot_relu_fit
from actlab.widgets.controls import figure, show

__all__ = ["draw_relu_fit", "relu_fit_widget"]


def draw_relu_fit(ax, x, y, *, n_pieces=4):
    """Fit ``n_pieces`` shifted ReLUs to the curve :math:`(x, y)` and draw fit, pieces and knots.

    Returns
    -------
    actlab.network.Network
        The fitted 1-``n_pieces``-1 network.
    """
    network = fit_relu_pieces(x, y, n_pieces)
    plot_relu_fit(x, y, network, ax)
    return network


def relu_fit_widget(x, y, *, n_pieces=4, max_pieces=30):
    """A slider for the number of ReLU pieces, driving :func:`draw_relu_fit` on the curve (x, y).

    Returns
    -------
    ipywidgets.interactive
    """
    def update(n_pieces):
        fig, ax = figure(8.0, 3.6)
        draw_relu_fit(ax, x, y, n_pieces=n_pieces)
        return show(fig)

    slider = ipywidgets.IntSlider(value=n_pieces, min=1, max=max_pieces, step=1,
                                  description="pieces", continuous_update=False)
    return ipywidgets.interactive(update, n_pieces=slider)
