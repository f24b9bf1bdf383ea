"""Lesson 05's weight-scale widget: one slider for the spread of the weights of a deep network, and
every layer's outputs as a histogram — collapsed to 0, healthy, or piled up at the saturated ends.

A unit of layer :math:`l` sums :math:`n` inputs, so with weights :math:`N(0, \\sigma^2)`

.. math:: \\operatorname{Var}(z_l) = n\\,\\sigma^2\\,\\mathbb{E}[h_{l-1}^2]

and :math:`\\sigma\\sqrt{n}` decides: well below 1 the signal shrinks layer after layer, well above
1 the units are pushed into the flat ends of the activation, near 1 it stays alive.
"""

import functools
import math

import ipywidgets
import numpy as np

from actlab._arrays import real_parameter
from actlab._threads import one_blas_thread
from actlab.activations import get
from actlab.network import Dense, Network
from actlab.network.records import SATURATION_THRESHOLD
from actlab.plotting.layers import plot_layer_histograms
from actlab.widgets.controls import figure, show

__all__ = ["draw_weight_scale", "layer_summary", "scaled_network", "weight_scale_widget"]


@functools.lru_cache(maxsize=4)
def _unit_weights(sizes, activation, seed):
    """The weights of ``Network.build(sizes, activation, init=("normal", {"std": 1}), seed=seed)``.

    ``rng.normal(0, σ)`` is ``σ · rng.normal(0, 1)`` to the last bit, so every scale reuses these
    (a slider move then costs no random numbers)."""
    net = Network.build(list(sizes), activation, init=("normal", {"std": 1.0}), seed=seed)
    for layer in net.layers:
        layer.weights.flags.writeable = False
    return net


def scaled_network(sizes, activation="tanh", *, scale, seed=0):
    """``Network.build(sizes, activation, init=("normal", {"std": scale}), seed=seed)``, built fast.

    The same weights, bit for bit, computed as ``scale`` times the cached weights of std 1.

    Examples
    --------
    >>> a = scaled_network([4, 3, 1], scale=0.5, seed=1)
    >>> b = Network.build([4, 3, 1], "tanh", init=("normal", {"std": 0.5}), seed=1)
    >>> all(np.array_equal(p, q) for p, q in zip(a.parameters(), b.parameters()))
    True
    """
    scale = real_parameter(scale, "scaled_network", "scale", positive=True)
    unit = _unit_weights(tuple(sizes), activation, seed)
    layers = [Dense(scale * layer.weights, layer.bias, (layer.activation, layer.activation_params))
              for layer in unit.layers]
    return Network(layers, unit.output)


def layer_summary(net, X, depth):
    """Every hidden layer's outputs, their standard deviations and saturated shares, from one
    forward pass. Saturated is the engine's rule (:func:`actlab.network.layer_statistics`): the
    slope below 1 % of its largest value.

    Returns
    -------
    outputs : list of ndarray
    std, saturated : ndarray (depth,)
    """
    with one_blas_thread():
        trace = net.forward(X)
    outputs = trace.h[:depth]
    std = np.array([h.std() for h in outputs])
    saturated = np.array([
        np.mean(np.abs(layer.f_prime(z)) < SATURATION_THRESHOLD * layer.largest_slope())
        for layer, z in zip(net.layers[:depth], trace.z)])
    return outputs, std, saturated


def draw_weight_scale(ax, X, *, scale=None, activation="tanh", depth=10, width=None, seed=0,
                      bins=60):
    """Histograms of every hidden layer's outputs in a deep network whose weights are
    :math:`N(0, \\sigma^2)`, :math:`\\sigma` = ``scale``; biases 0.

    The network (:meth:`actlab.network.Network.build` with ``init=("normal", {"std": scale})``,
    seeded) has ``depth`` hidden layers of ``width`` units and one linear output unit. The title
    gives the standard deviation of the first and last layers' outputs and their shares of
    saturated outputs (the engine's rule: the slope below 1 % of its maximum; for tanh,
    :math:`|h| > 0.995`).

    Parameters
    ----------
    ax : matplotlib Axes
    X : ndarray (m, n)
        The inputs, one example a row.
    scale : float > 0, optional
        The standard deviation :math:`\\sigma` of every weight; default :math:`1/\\sqrt{n}`, which
        keeps :math:`\\operatorname{Var}(z)` near :math:`\\mathbb{E}[h^2]`.
    activation : str
        A bounded activation of the library (``"tanh"``, ``"sigmoid"``).
    depth : int
    width : int, optional
        Default: ``n``, the number of inputs.
    seed : int
        For the weights; the same seed with another scale gives the same weights, rescaled.
    bins : int

    Returns
    -------
    std, saturated : ndarray (depth,)
        Each hidden layer's standard deviation of outputs and share of saturated outputs.
    """
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"draw_weight_scale: X must have shape (m, n), one example a row; got "
                         f"shape {X.shape}")
    n = X.shape[1]
    width = n if width is None else width
    scale = 1 / math.sqrt(width) if scale is None else scale
    low, high = get(activation).output_range
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError(f"draw_weight_scale: the activation must be bounded, like tanh or "
                         f"sigmoid; {activation!r} has the range {get(activation).range_text}")
    net = scaled_network([n] + [width] * depth + [1], activation, scale=scale, seed=seed)
    outputs, std, saturated = layer_summary(net, X, depth)
    plot_layer_histograms(outputs, ax, value_range=(low, high), bins=bins,
                          xlabel=f"unit output h = {activation}(z)")
    ax.set_xticks(np.linspace(low, high, 5))
    # few glyphs: drawing text is what a slider move costs most
    ax.set_title(f"weights N(0, σ²), σ = {scale:.3g}  (σ·√n = {scale * math.sqrt(width):.3g})\n"
                 f"std of h: {std[0]:.2g} in layer 1, {std[-1]:.2g} in layer {depth} · "
                 f"saturated: {saturated[0]:.0%}, {saturated[-1]:.0%}", fontsize=10, y=1.0, pad=6)
    return std, saturated


def weight_scale_widget(X, *, scale=None, activation="tanh", depth=10, seed=0):
    """A logarithmic slider for the weights' standard deviation, from about 0.003 to about 3, driving
    :func:`draw_weight_scale` (default :math:`1/\\sqrt{n}`, ``n = X.shape[1]``).

    Returns
    -------
    ipywidgets.interactive
        Its children are the slider and the output area.
    """
    def update(scale):
        fig, ax = figure(6.8, 4.4)
        fig.subplots_adjust(left=0.08, right=0.97, bottom=0.12, top=0.86)
        draw_weight_scale(ax, X, scale=scale, activation=activation, depth=depth, seed=seed)
        return show(fig)

    scale = 1 / math.sqrt(np.shape(X)[-1]) if scale is None else scale
    slider = ipywidgets.FloatLogSlider(value=scale, base=10, min=-2.5, max=0.5, step=0.05,
                                       description="weight std σ", readout_format=".3g",
                                       continuous_update=False,
                                       style={"description_width": "initial"})
    return ipywidgets.interactive(update, scale=slider)
