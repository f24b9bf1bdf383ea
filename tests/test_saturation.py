"""Lesson 04's saturation: the edge of the saturated zone, the widget's layer and its measurements,
checked against the engine, scipy and a plain numpy recomputation; the plots and the widget."""

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import brentq
from scipy.special import expit
from scipy.stats import norm

from actlab import sigmoid
from actlab.network import layer_statistics
from actlab.network.records import SATURATION_THRESHOLD
from actlab.plotting import (SIGMOID_SATURATION_EDGE, plot_pre_activations,
                             plot_saturated_fraction, plot_slope_decay)
from actlab.widgets import draw_saturation, saturation_widget
from actlab.widgets.saturation import (CURVE_STDS, _layer_data, predicted_saturated_share,
                                       saturated_share, sigmoid_layer)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# -- the edge of the saturated zone ------------------------------------------------------------------

def test_the_edge_is_where_the_slope_falls_to_one_percent_of_a_quarter():
    root = brentq(lambda z: expit(z) * expit(-z) - 0.01 * 0.25, 1.0, 20.0, xtol=1e-14)
    assert SIGMOID_SATURATION_EDGE == pytest.approx(root, abs=1e-12)
    assert SIGMOID_SATURATION_EDGE == pytest.approx(5.9865, abs=1e-4)
    assert sigmoid.grad(SIGMOID_SATURATION_EDGE) == pytest.approx(SATURATION_THRESHOLD * 0.25,
                                                                  rel=1e-12)
    # on the flat side of the edge the engine calls a unit saturated, on the steep side not
    for z, flat in ((SIGMOID_SATURATION_EDGE + 1e-6, True), (SIGMOID_SATURATION_EDGE - 1e-6, False)):
        assert (sigmoid.grad(z) < SATURATION_THRESHOLD * 0.25) == flat


# -- the widget's layer: what it measures ------------------------------------------------------------

@pytest.mark.parametrize("std", [0.01, 1 / 16, 0.1, 0.25, 0.5, 1.0, 1.5])
def test_the_fast_share_is_the_engines_measurement_and_a_plain_recomputation(std):
    share, z = saturated_share(std)
    layer, X = sigmoid_layer(std)
    engine = layer_statistics(layer, X).saturated[0]
    X_, G = _layer_data(256, 256, 100, 0)
    direct = X_ @ (std * G)                                  # independent: numpy and scipy's expit
    plain = np.mean(expit(direct) * expit(-direct) < 0.0025)
    np.testing.assert_allclose(z, direct, rtol=1e-12, atol=1e-12)
    assert abs(share - engine) <= 2 / z.size                 # at most a rounding-edge unit apart
    assert abs(share - plain) <= 2 / z.size
    assert z.shape == (100, 256)


@pytest.mark.parametrize("std, expected", [(1 / 16, 0.0), (0.3, 0.210), (1.0, 0.704)])
def test_the_lesson_numbers(std, expected):
    assert saturated_share(std)[0] == pytest.approx(expected, abs=0.001)


def test_the_gaussian_estimate_is_a_normal_tail_and_agrees_with_the_measurement():
    for std in CURVE_STDS:
        sd_of_z = std * np.sqrt(256)
        assert predicted_saturated_share(std) == pytest.approx(
            2 * norm.sf(SIGMOID_SATURATION_EDGE / sd_of_z), rel=1e-10, abs=1e-300)
        assert abs(saturated_share(std)[0] - predicted_saturated_share(std)) < 0.01
    assert predicted_saturated_share(1.0, n_in=1024) > predicted_saturated_share(1.0)


@settings(max_examples=30, deadline=None)
@given(st.floats(0.01, 1.5), st.floats(0.01, 1.5))
def test_spreading_the_weights_never_lowers_the_share(a, b):
    low, high = sorted((a, b))
    assert saturated_share(low)[0] <= saturated_share(high)[0]


def test_the_layer_is_the_same_units_rescaled():
    small, _ = sigmoid_layer(0.1)
    large, _ = sigmoid_layer(1.0)
    np.testing.assert_allclose(large.layers[0].weights, 10 * small.layers[0].weights, rtol=1e-12)
    assert np.all(small.layers[0].bias == 0) and small.layers[0].activation.name == "sigmoid"


# -- the plots -------------------------------------------------------------------------------------

def test_plot_slope_decay_draws_the_slope_and_labels_the_values_at_ten():
    ax = plot_slope_decay()
    line = ax.get_lines()[0]
    x, y = line.get_data()
    np.testing.assert_allclose(y, expit(x) * expit(-x), rtol=1e-10)
    assert ax.get_yscale() == "log" and ax.get_xlabel() and ax.get_ylabel()
    texts = [t.get_text() for t in ax.texts]
    assert "σ′(±10) = 4.5e-05" in texts and "σ′(0) = 1/4" in texts


def test_plot_pre_activations_counts_every_value_in_range_and_shades_the_edges():
    z = np.random.default_rng(0).normal(0, 4, size=5000)
    ax = plot_pre_activations(z)
    (stairs,) = [p for p in ax.patches if p.get_label() == "pre-activations z"]
    limit = max(10.0, 4 * z.std())
    inside = np.mean(np.abs(z) <= limit)
    assert stairs.get_data().values.sum() == pytest.approx(inside)
    assert f"{np.mean(np.abs(z) > SIGMOID_SATURATION_EDGE):.0%}" in ax.get_title()
    spans = [p for p in ax.patches if p is not stairs]
    edges = sorted(round(v, 6) for p in spans for v in (p.get_x(), p.get_x() + p.get_width()))
    assert edges == sorted(round(v, 6) for v in (-limit, -SIGMOID_SATURATION_EDGE,
                                                 SIGMOID_SATURATION_EDGE, limit))
    twin = [other for other in ax.figure.axes if other is not ax][0]
    x, y = twin.get_lines()[0].get_data()
    np.testing.assert_allclose(y, expit(x), rtol=1e-12)


def test_plot_saturated_fraction_marks_the_current_point_and_the_references():
    stds = np.geomspace(0.01, 1, 5)
    ax = plot_saturated_fraction(stds, stds / 2, predicted=stds / 3, current=(0.3, 0.2),
                                 references={"N(0, 1/256)": 1 / 16})
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["measured", "Gaussian estimate", "weights N(0, 1/256)", "σ_w = 0.30: 20.0%"]
    assert ax.get_xscale() == "log"
    assert tuple(ax.get_lines()[-1].get_xydata()[0]) == (0.3, 0.2)


# -- the widget ------------------------------------------------------------------------------------

def test_draw_saturation_draws_the_measured_share_at_the_chosen_spread():
    fig, axes = plt.subplots(1, 2)
    share = draw_saturation(axes, 0.5)
    assert share == saturated_share(0.5)[0]
    assert f"{share:.1%} of the outputs saturated" in axes[0].get_title()
    current = [line for line in axes[1].get_lines() if line.get_label().startswith("σ_w =")][0]
    assert tuple(current.get_xydata()[0]) == (0.5, share)
    measured = axes[1].get_lines()[0]
    np.testing.assert_allclose(measured.get_ydata(), [saturated_share(s)[0] for s in CURVE_STDS])


def test_saturation_widget_redraws_when_the_slider_moves(capsys):
    widget = saturation_widget()
    slider, output = widget.children
    assert isinstance(slider, ipywidgets.FloatSlider) and not slider.continuous_update
    assert (slider.min, slider.max, slider.step, slider.value) == (0.05, 1.5, 0.05, 0.3)
    assert isinstance(output, ipywidgets.Output)
    first = widget.result
    assert "21.0% of the outputs saturated" in first.axes[0].get_title()
    slider.value = 1.0
    assert widget.result is not first
    assert "70.4% of the outputs saturated" in widget.result.axes[0].get_title()
    slider.value = 0.05
    assert "0.0% of the outputs saturated" in widget.result.axes[0].get_title()
    slider.value = 1.5
    assert "80.1% of the outputs saturated" in widget.result.axes[0].get_title()
    assert plt.get_fignums() == []
    capsys.readouterr()
