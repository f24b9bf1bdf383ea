"""Lesson 04's saturation widget: spread a sigmoid layer's weights wider and watch its units saturate.

The layer has ``n_in`` inputs and ``n_units`` sigmoid units, weights :math:`W = \\sigma_w G` with
:math:`G` a fixed standard-normal matrix (seeded, so moving the slider rescales the same units) and
zero biases. Its inputs are standard-normal, so a unit's pre-activation is close to
:math:`N(0, n_\\text{in}\\sigma_w^2)`, and the share of saturated outputs (the engine's
``layer_statistics(...).saturated``: :math:`\\sigma'(z) < 0.0025`, i.e. :math:`|z| > z_\\text{sat}
\\approx 5.99`) is about

.. math:: P\\big(|z| > z_\\text{sat}\\big) = \\operatorname{erfc}\\!\\left(
          \\frac{z_\\text{sat}}{\\sigma_w \\sqrt{2 n_\\text{in}}}\\right).

>>> round(float(predicted_saturated_share(1.0)), 3)      # N(0, 1) weights, 256 inputs
0.708
"""

import functools

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
from scipy.special import erfc

from actlab.activations import sigmoid
from actlab.network import Dense, Network, layer_statistics
from actlab.network.records import SATURATION_THRESHOLD
from actlab.plotting.saturation import (SIGMOID_SATURATION_EDGE, plot_pre_activations,
                                        plot_saturated_fraction)
from actlab.widgets.controls import show, slider

__all__ = ["draw_saturation", "predicted_saturated_share", "saturated_share",
           "saturation_widget", "sigmoid_layer"]

N_IN = N_UNITS = 256
N_EXAMPLES = 100
CURVE_STDS = tuple(np.geomspace(0.01, 1.5, 28))


def sigmoid_layer(weight_std, *, n_in=N_IN, n_units=N_UNITS, n_examples=N_EXAMPLES, seed=0):
    """The widget's sigmoid layer at weight std ``weight_std``, and the inputs it is measured on.

    Parameters
    ----------
    weight_std : float > 0
        :math:`\\sigma_w`: the weights are :math:`\\sigma_w G`, biases 0.
    n_in, n_units, n_examples : int
        Inputs, sigmoid units, and standard-normal examples fed to the layer.
    seed : int
        Draws the inputs and the standard-normal matrix :math:`G`.

    Returns
    -------
    layer : actlab.network.Network
        One :class:`~actlab.network.Dense` layer of ``n_units`` sigmoid units.
    X : ndarray of shape (n_examples, n_in)

    Examples
    --------
    >>> layer, X = sigmoid_layer(1.0)
    >>> float(layer_statistics(layer, X).saturated[0])      # the engine's measurement
    0.704453125
    """
    X, G = _layer_data(n_in, n_units, n_examples, seed)
    return Network([Dense(float(weight_std) * G, np.zeros(n_units), "sigmoid")]), X


@functools.lru_cache(maxsize=4)
def _layer_data(n_in, n_units, n_examples, seed):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_examples, n_in))
    G = rng.standard_normal((n_in, n_units))
    X.flags.writeable = G.flags.writeable = False
    return X, G


@functools.lru_cache(maxsize=4)
def _unit_pre_activations(n_in, n_units, n_examples, seed):
    layer, X = sigmoid_layer(1.0, n_in=n_in, n_units=n_units, n_examples=n_examples, seed=seed)
    z = layer.forward(X).z[0]
    z.flags.writeable = False
    return z


def saturated_share(weight_std, *, n_in=N_IN, n_units=N_UNITS, n_examples=N_EXAMPLES, seed=0):
    """The share of saturated outputs of :func:`sigmoid_layer`, and its pre-activations — fast.

    The pre-activations at :math:`\\sigma_w = 1` are computed once (by the engine's forward pass);
    at any other :math:`\\sigma_w` they are :math:`Z = \\sigma_w Z_1`, and the share saturated is
    the engine's definition, :math:`\\sigma'(z) < 0.01 \\cdot \\tfrac14`. That keeps a slider
    move free of matrix products; it agrees with ``layer_statistics`` (see the tests).

    Returns
    -------
    share : float
    z : ndarray of shape (n_examples, n_units)
    """
    z = float(weight_std) * _unit_pre_activations(n_in, n_units, n_examples, seed)
    flat = sigmoid.grad(z) < SATURATION_THRESHOLD * sigmoid.grad(0.0)
    return float(flat.mean()), z


def predicted_saturated_share(weight_std, n_in=N_IN):
    """The Gaussian estimate :math:`\\operatorname{erfc}(z_\\text{sat} / (\\sigma_w\\sqrt{2 n_\\text{in}}))`."""
    return erfc(SIGMOID_SATURATION_EDGE / (np.asarray(weight_std, dtype=float) * np.sqrt(2 * n_in)))


@functools.lru_cache(maxsize=4)
def _curve(n_in, n_units, n_examples, seed):
    return np.array([saturated_share(s, n_in=n_in, n_units=n_units, n_examples=n_examples,
                                     seed=seed)[0] for s in CURVE_STDS])


def draw_saturation(axes, weight_std=0.3, *, n_in=N_IN, n_units=N_UNITS,
                    n_examples=N_EXAMPLES, seed=0):
    """Draw a sigmoid layer's pre-activations at weight std ``weight_std``, and the share of its
    outputs saturated against the weight std.

    Parameters
    ----------
    axes : (Axes, Axes)
        Left: the histogram of the pre-activations over the sigmoid; right: the saturated share
        for :math:`\\sigma_w` from 0.01 to 1.5 (measured and the Gaussian estimate), this
        :math:`\\sigma_w` marked.
    weight_std : float > 0
    n_in, n_units, n_examples, seed
        The layer, as in :func:`saturated_share`.

    Returns
    -------
    float
        The share of saturated outputs at ``weight_std``.
    """
    left, right = axes
    share, z = saturated_share(weight_std, n_in=n_in, n_units=n_units,
                                     n_examples=n_examples, seed=seed)
    plot_pre_activations(z, left, title=f"weights N(0, {weight_std:.2f}²), {n_in} inputs:\n"
                                        f"{share:.1%} of the outputs saturated")
    plot_saturated_fraction(CURVE_STDS, _curve(n_in, n_units, n_examples, seed), right,
                            predicted=predicted_saturated_share(CURVE_STDS, n_in),
                            current=(weight_std, share),
                            references={f"N(0, 1/{n_in})": 1 / np.sqrt(n_in), "N(0, 1)": 1.0})
    right.set_title("share saturated against the weight spread")
    return share


def saturation_widget(*, weight_std=0.3):
    """A slider for the weight std :math:`\\sigma_w` of a 256-unit sigmoid layer, driving
    :func:`draw_saturation`.

    Returns
    -------
    ipywidgets.interactive
        Its children are the slider and the output area.
    """
    def update(weight_std):
        fig, axes = plt.subplots(1, 2, figsize=(11.0, 3.8), layout="none")
        fig.subplots_adjust(left=0.07, right=0.98, bottom=0.15, top=0.85, wspace=0.28)
        draw_saturation(axes, weight_std)
        return show(fig)

    # Steps of 0.05: fine enough to follow the curve, and two arrow-key presses change the
    # slider's aria-valuenow, which noUiSlider rounds to one decimal.
    return ipywidgets.interactive(update, weight_std=slider("weight std", weight_std, 0.05,
                                                            1.5, 0.05))
