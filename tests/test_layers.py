"""Lesson 05 (and 10): per-layer histograms and statistics, and the weight-scale widget.

The histograms are checked against numpy's own, the widget's network against the engine's
``Network.build``, its statistics against ``layer_statistics`` and against what the Gaussian
argument predicts for a saturated tanh layer.
"""

import math

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from actlab.network import Network, layer_statistics
from actlab.plotting import layer_histograms, plot_layer_histograms, plot_per_layer
from actlab.widgets import draw_weight_scale, weight_scale_widget
from actlab.widgets.weight_scale import layer_summary, scaled_network


@pytest.fixture
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


@pytest.fixture(scope="module")
def X():
    return np.random.default_rng(0).normal(size=(100, 256))


# -- layer_histograms ------------------------------------------------------------------------------

@pytest.mark.parametrize("bins", [1, 2, 7, 60])
@pytest.mark.parametrize("value_range", [(-1.0, 1.0), (0.0, 0.3), (-2.5, 7.1)])
def test_layer_histograms_count_like_numpy_also_on_the_bin_edges(bins, value_range):
    rng = np.random.default_rng(bins)
    low, high = value_range
    edges = np.linspace(low, high, bins + 1)
    values = np.concatenate([rng.uniform(low - 1, high + 1, 3000), edges,
                             np.nextafter(edges, -np.inf), np.nextafter(edges, np.inf)])
    layers = [values, values[::2], rng.normal(size=(30, 40))]
    shares, got_edges = layer_histograms(layers, value_range=value_range, bins=bins)
    assert shares.shape == (3, bins)
    np.testing.assert_array_equal(got_edges, np.histogram_bin_edges([], bins, value_range))
    for row, h in zip(shares, layers):
        counts = np.histogram(np.ravel(h), bins=bins, range=value_range)[0]
        np.testing.assert_array_equal(row, counts / np.size(h))


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(1, 300),
              elements=st.floats(-3, 3, allow_nan=False, allow_subnormal=False)),
       st.integers(1, 80))
def test_layer_histograms_match_numpy_for_any_values(values, bins):
    shares, _ = layer_histograms([values], value_range=(-1, 1), bins=bins)
    expected = np.histogram(values, bins=bins, range=(-1, 1))[0] / values.size
    np.testing.assert_array_equal(shares[0], expected)
    assert shares.sum() == pytest.approx(np.mean(np.abs(values) <= 1))


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"value_range": (1, -1)}, "low < high"),
    ({"value_range": (0, np.inf)}, "finite"),
    ({"value_range": "wide"}, "pair of numbers"),
    ({"value_range": (-1, 1), "bins": 0}, "bins must be a positive integer"),
    ({"value_range": (-1, 1), "bins": 2.5}, "bins must be a positive integer"),
])
def test_layer_histograms_reject_bad_arguments_by_name(kwargs, message):
    with pytest.raises(ValueError, match=message):
        layer_histograms([[0.0, 0.5]], **kwargs)


def test_the_default_range_skips_values_that_are_not_finite(ax):
    plot_layer_histograms([[np.nan, -2.0, 3.0], [np.inf, 0.5]], ax)
    left, right = ax.get_xlim()
    assert -2.5 < left < -2.0 and 3.0 < right < 3.5
    with pytest.raises(ValueError, match="no finite outputs"):
        plot_layer_histograms([[np.nan]], ax)


def test_layer_histograms_need_a_value_a_layer():
    with pytest.raises(ValueError, match="non-empty"):
        layer_histograms([[0.1], []], value_range=(-1, 1))
    with pytest.raises(ValueError, match="non-empty"):
        layer_histograms([], value_range=(-1, 1))


# -- plot_layer_histograms -------------------------------------------------------------------------

def _rows(ax):
    """The polygons of the histogram rows, first layer first."""
    (collection,) = ax.collections
    return collection.get_paths()


def test_each_row_is_its_layers_histogram_scaled_to_its_peak_first_layer_on_top(ax):
    rng = np.random.default_rng(3)
    outputs = [np.tanh(rng.normal(0, s, size=(40, 25))) for s in (3.0, 1.0, 0.01)]
    bins = 21  # odd: 0 is the middle of a bin
    plot_layer_histograms(outputs, ax, value_range=(-1, 1), bins=bins)
    shares, edges = layer_histograms(outputs, value_range=(-1, 1), bins=bins)
    rows = _rows(ax)
    assert len(rows) == 3
    for k, (path, share) in enumerate(zip(rows, shares)):
        xy = path.vertices
        base = k + 1.0
        tops = xy[1:2 * bins + 1]  # the top of each bin: its left corner, then its right corner
        np.testing.assert_allclose(tops[0::2, 0], edges[:-1])
        np.testing.assert_allclose(tops[1::2, 0], edges[1:])
        np.testing.assert_allclose(tops[0::2, 1], tops[1::2, 1])
        np.testing.assert_allclose(base - tops[0::2, 1], share / share.max() * 0.85)
        assert tuple(xy[0]) == (-1.0, base) and tuple(xy[2 * bins + 1]) == (1.0, base)
    low, high = ax.get_ylim()
    assert low > high  # inverted: layer 1 at the top
    assert [t.get_text() for t in ax.get_yticklabels()] == ["1", "2", "3"]
    assert ax.get_xlabel() and ax.get_ylabel() == "layer"
    # the collapsed third layer is one spike: all its mass in the bin around 0
    assert np.count_nonzero(shares[2]) == 1


def test_default_range_spans_the_data_and_numbers_rows_from_first_layer(ax):
    outputs = [np.array([0.0, 2.0, 5.0]), np.array([1.0, 1.0])]
    plot_layer_histograms(outputs, ax, first_layer=4)
    left, right = ax.get_xlim()
    assert left < 0.0 and right > 5.0
    assert [t.get_text() for t in ax.get_yticklabels()] == ["4", "5"]


# -- plot_per_layer --------------------------------------------------------------------------------

def test_plot_per_layer_draws_one_line_a_network_against_layer_number(ax):
    values = {"small": [1e-1, 1e-3, 1e-5], "large": [2.0, 2.0, 2.0]}
    plot_per_layer(values, ax, ylabel="std of h", log=True, first_layer=1)
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["small", "large"]
    for line, ys in zip(lines, values.values()):
        np.testing.assert_array_equal(line.get_xdata(), [1, 2, 3])
        np.testing.assert_array_equal(line.get_ydata(), ys)
    assert ax.get_yscale() == "log"
    assert ax.get_xlabel() == "layer" and ax.get_ylabel() == "std of h"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["small", "large"]


def test_plot_per_layer_takes_a_single_array_without_legend(ax):
    plot_per_layer(np.arange(30.0), ax, ylabel="x")
    (line,) = ax.get_lines()
    assert line.get_marker() in ("None", "", None)  # no markers for 30 layers
    assert ax.get_legend() is None


def test_plot_per_layer_rejects_a_table(ax):
    with pytest.raises(ValueError, match="one number a layer"):
        plot_per_layer(np.ones((3, 2)), ax, ylabel="x")


# -- the weight-scale widget -----------------------------------------------------------------------

@settings(max_examples=25, deadline=None)
@given(st.floats(1e-3, 10.0), st.integers(0, 3))
def test_scaled_network_is_network_build_to_the_last_bit(scale, seed):
    sizes = [5, 4, 4, 1]
    fast = scaled_network(sizes, "tanh", scale=scale, seed=seed)
    built = Network.build(sizes, "tanh", init=("normal", {"std": scale}), seed=seed)
    for p, q in zip(fast.parameters(), built.parameters(), strict=True):
        np.testing.assert_array_equal(p, q)
    assert [layer.activation.name for layer in fast.layers] == ["tanh", "tanh", "identity"]


def test_scaled_networks_do_not_share_their_arrays():
    a = scaled_network([3, 2, 1], scale=1.0)
    b = scaled_network([3, 2, 1], scale=1.0)
    a.layers[0].weights += 1.0
    a.layers[0].bias += 1.0
    assert not np.array_equal(a.layers[0].weights, b.layers[0].weights)
    assert not b.layers[0].bias.any()


@pytest.mark.parametrize("scale", [0.0, -1.0, math.nan])
def test_scaled_network_names_a_bad_scale(scale):
    with pytest.raises(ValueError, match="scale"):
        scaled_network([3, 2, 1], scale=scale)


@pytest.mark.parametrize("activation", ["tanh", "sigmoid"])
@pytest.mark.parametrize("scale", [0.01, 1 / 16, 1.0])
def test_layer_summary_agrees_with_layer_statistics(X, activation, scale):
    net = scaled_network([256] * 6 + [1], activation, scale=scale)
    outputs, std, saturated = layer_summary(net, X, 5)
    stats = layer_statistics(net, X)
    np.testing.assert_allclose(std, stats.h_std[:5], rtol=1e-12)
    np.testing.assert_array_equal(saturated, stats.saturated[:5])
    assert len(outputs) == 5 and outputs[0].shape == (100, 256)


def test_for_tanh_saturated_means_the_output_within_half_a_percent_of_one(X):
    # tanh' = 1 - h^2 < 0.01 exactly when |h| > sqrt(0.99): the same units, counted from h
    net = scaled_network([256] * 4 + [1], "tanh", scale=0.5)
    outputs, _, saturated = layer_summary(net, X, 3)
    by_output = [np.mean(np.abs(h) > math.sqrt(0.99)) for h in outputs]
    np.testing.assert_allclose(saturated, by_output, atol=2e-4)  # a few values on the edge


def test_the_three_regimes_of_the_weight_scale(ax, X):
    small, _ = draw_weight_scale(ax, X, scale=0.01)
    assert small[-1] < 1e-6 and np.all(np.diff(np.log(small)) < -1.0)  # collapses to 0
    std, saturated = draw_weight_scale(ax, X, scale=1 / 16)
    assert 0.2 < std[-1] < std[0] < 0.7 and saturated.max() < 0.01      # healthy
    big_std, big_saturated = draw_weight_scale(ax, X, scale=1.0)
    # from layer 2 on a unit sums 256 inputs of mean square E[h^2] with weights N(0, 1), so
    # z ~ N(0, 256 E[h^2]), and it is saturated when |z| > artanh(sqrt(0.99))
    edge = math.atanh(math.sqrt(0.99))
    sigma_z = np.sqrt(256) * big_std[:-1]  # the mean of h is ~0: E[h^2] ~ std^2
    predicted = [math.erfc(edge / (s * math.sqrt(2))) for s in sigma_z]
    np.testing.assert_allclose(big_saturated[1:], predicted, atol=0.01)
    assert 0.8 < big_saturated.min()


def test_draw_weight_scale_draws_ten_rows_and_names_the_first_and_last(ax, X):
    std, saturated = draw_weight_scale(ax, X, scale=1.0)
    assert len(_rows(ax)) == 10
    title = ax.get_title()
    assert "σ = 1 " in title and "σ·√n = 16" in title
    assert f"{std[0]:.2g} in layer 1, {std[-1]:.2g} in layer 10" in title
    assert f"saturated: {saturated[0]:.0%}, {saturated[-1]:.0%}" in title
    assert ax.get_xlim()[0] < -1 and ax.get_xlim()[1] > 1
    draw_weight_scale(ax, X)  # default: 1/sqrt(n)
    assert "σ = 0.0625" in ax.get_title()


def test_draw_weight_scale_explains_what_it_cannot_draw(ax, X):
    with pytest.raises(ValueError, match="bounded"):
        draw_weight_scale(ax, X, activation="relu")
    with pytest.raises(ValueError, match=r"shape \(m, n\)"):
        draw_weight_scale(ax, X[0])
    with pytest.raises(ValueError, match="scale must be positive"):
        draw_weight_scale(ax, X, scale=0.0)


def test_weight_scale_widget_redraws_when_the_slider_moves(X, capsys):
    widget = weight_scale_widget(X, depth=4)
    slider, output = widget.children
    assert isinstance(slider, ipywidgets.FloatLogSlider) and not slider.continuous_update
    assert slider.value == pytest.approx(1 / 16) and slider.min < -2 and slider.max > 0
    assert isinstance(output, ipywidgets.Output)
    first = widget.result
    slider.value = 1.0
    assert widget.result is not first
    (axes,) = widget.result.axes
    assert "σ = 1 " in axes.get_title() and len(_rows(axes)) == 4
    assert plt.get_fignums() == []
    capsys.readouterr()


def test_the_widget_leaves_the_blas_threads_as_it_found_them(X):
    threadpoolctl = pytest.importorskip("threadpoolctl")
    before = [lib["num_threads"] for lib in threadpoolctl.threadpool_info()]
    layer_summary(scaled_network([256] * 3 + [1], scale=0.1), X, 2)
    assert [lib["num_threads"] for lib in threadpoolctl.threadpool_info()] == before
