"""The lessons' widgets without a browser: call the update functions, inspect what they drew."""

import ipywidgets
import matplotlib.colors
import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actlab.datasets import logic_gate
from actlab.network import fit_relu_pieces
from actlab.plotting import CLASS_COLOURS, line_equation
import actlab
from actlab.widgets import (draw_gates, draw_perceptron, draw_relu_fit, draw_tangent,
                            perceptron_widget, relu_fit_widget, tangent_widget)


@pytest.fixture
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


# -- lesson 00: the tangent explorer -----------------------------------------------------------------

def tangent_line(ax):
    return next(line for line in ax.get_lines() if line.get_label().startswith("tangent"))


@pytest.mark.parametrize(("name", "x0"), [("sigmoid", 1.0), ("tanh", -0.5), ("gelu", -2.0),
                                          ("mish", 0.75)])
def test_the_tangent_touches_the_curve_with_the_slope_of_finite_differences(ax, name, x0):
    draw_tangent(ax, name, x0)
    xs, ys = tangent_line(ax).get_data()
    slope = (ys[1] - ys[0]) / (xs[1] - xs[0])
    f = actlab.get(name)
    h = 1e-6
    assert slope == pytest.approx((f(x0 + h) - f(x0 - h)) / (2 * h), rel=1e-6)
    assert np.interp(x0, xs, ys) == pytest.approx(f(x0), abs=1e-12)
    assert f"{float(f(x0)):.4f}" in ax.get_title()


def test_at_a_kink_the_tangent_has_the_library_slope_and_says_so(ax):
    draw_tangent(ax, "relu", 0.0)
    xs, ys = tangent_line(ax).get_data()
    assert ys[0] == ys[1] == 0.0  # relu'(0) = 0
    assert "kink" in ax.get_title()


def test_redrawing_the_tangent_replaces_the_previous_drawing(ax):
    draw_tangent(ax, "sigmoid", 1.0)
    n = len(ax.get_lines())
    draw_tangent(ax, "sigmoid", -1.0)
    assert len(ax.get_lines()) == n
    assert "-1.00" in tangent_line(ax).get_label()


def test_tangent_widget_redraws_when_the_slider_or_the_dropdown_moves(capsys):
    widget = tangent_widget()
    dropdown, slider, output = widget.children
    assert dropdown.options == tuple(actlab.names()) and dropdown.value == "sigmoid"
    assert isinstance(slider, ipywidgets.FloatSlider) and slider.value == 1.0
    assert not slider.continuous_update and isinstance(output, ipywidgets.Output)
    first = widget.result
    slider.value = 2.5
    assert widget.result is not first
    assert "sigmoid(2.50)" in widget.result.axes[0].get_title()
    dropdown.value = "tanh"
    assert "tanh(2.50)" in widget.result.axes[0].get_title()
    assert plt.get_fignums() == []
    capsys.readouterr()


# -- lesson 01: the perceptron's line ------------------------------------------------------------------

def boundary_line(ax):
    lines = [line for line in ax.lines if line.get_label().startswith("boundary")]
    assert len(lines) <= 1
    return lines[0] if lines else None


def ringed_points(ax):
    rings = [c for c in ax.collections if c.get_label().startswith("misclassified")]
    assert len(rings) == 1
    return rings[0].get_offsets()


def shaded_regions(ax):
    """{class: vertices} of the shaded half-planes, told apart by their colour."""
    regions = {}
    for patch in ax.patches:
        for label, colour in enumerate(CLASS_COLOURS):
            if np.allclose(patch.get_facecolor()[:3], matplotlib.colors.to_rgb(colour)):
                regions[label] = patch.get_xy()
    return regions


def polygon_area(points):
    x, y = points[:, 0], points[:, 1]
    return 0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))


weight = st.floats(-2, 2, allow_nan=False).map(lambda v: round(v, 1))


@settings(max_examples=40, deadline=None)
@given(gate=st.sampled_from(["and", "or", "nand", "xor"]), w1=weight, w2=weight,
       b=st.floats(-3, 3).map(lambda v: round(v, 1)))
def test_draw_perceptron_draws_the_line_the_shading_and_the_mistakes(gate, w1, w2, b):
    fig, ax = plt.subplots()
    try:
        correct = draw_perceptron(ax, gate=gate, w1=w1, w2=w2, b=b)
        X, y = logic_gate(gate)
        predicted = np.array([1 if w1 * p + w2 * q + b >= 0 else 0 for p, q in X])
        assert correct == int(np.sum(predicted == y))
        assert ax.get_title().startswith(gate.upper())
        assert f"{correct} of 4 correct" in ax.get_title()
        np.testing.assert_array_equal(np.sort(ringed_points(ax), axis=0),
                                      np.sort(X[predicted != y], axis=0).reshape(-1, 2))
        regions = shaded_regions(ax)
        line = boundary_line(ax)
        if w1 == w2 == 0:
            assert line is None
            assert list(regions) == [int(b >= 0)]
            return
        for point in (line.get_xy1(), line.get_xy2()):
            assert w1 * point[0] + w2 * point[1] + b == pytest.approx(0, abs=1e-9)
        for arrow in [a for a in ax.texts if getattr(a, "arrow_patch", None) is not None]:
            start, tip = np.array(arrow.xyann), np.array(arrow.xy)
            assert w1 * start[0] + w2 * start[1] + b == pytest.approx(0, abs=1e-9)
            d = tip - start
            assert d[0] * w2 - d[1] * w1 == pytest.approx(0, abs=1e-9)  # parallel to w
            assert np.dot(tip - start, (w1, w2)) > 0
            assert np.all((tip >= -0.5) & (tip <= 1.5))
        area = 0.0
        for label, vertices in regions.items():
            signed = (vertices @ (w1, w2) + b) * (1 if label == 1 else -1)
            assert np.all(signed >= -1e-9)
            area += polygon_area(vertices)
        assert area == pytest.approx(4.0)  # the two halves tile the 2 x 2 view
    finally:
        plt.close(fig)


def test_draw_perceptron_default_is_a_correct_and_gate(ax):
    assert draw_perceptron(ax) == 4
    assert "x₁ + x₂ − 1.5 = 0\n4 of 4 correct" in ax.get_title()
    assert len(ringed_points(ax)) == 0
    assert ax.get_xlim() == (-0.5, 1.5) and ax.get_ylim() == (-0.5, 1.5)


def test_draw_perceptron_without_legend(ax):
    draw_perceptron(ax, legend=False)
    assert ax.get_legend() is None


def test_draw_perceptron_rejects_an_unknown_gate(ax):
    with pytest.raises(ValueError, match="unknown gate 'nxor'"):
        draw_perceptron(ax, gate="nxor")


def test_draw_gates_is_the_widgets_view_for_each_gate():
    fig, axes = plt.subplots(1, 3)
    try:
        scores = draw_gates(axes, gates=["and", "or", "xor"], w1=1.0, w2=1.0, b=-1.5)
        assert scores == {"and": 4, "or": 2, "xor": 1}
        for ax, gate in zip(axes, ["AND", "OR", "XOR"]):
            assert ax.get_title().startswith(gate)
            assert "x₁ + x₂ − 1.5 = 0" in ax.get_title()
        assert [ax.get_legend() is not None for ax in axes] == [False, False, True]
        with pytest.raises(ValueError, match="one Axes per gate.*2 Axes for 3 gates"):
            draw_gates(axes[:2])
    finally:
        plt.close(fig)


def test_perceptron_widget_has_standard_sliders_and_redraws_on_change(capsys):
    widget = perceptron_widget()
    gate, w1, w2, b, output = widget.children
    assert isinstance(gate, ipywidgets.ToggleButtons) and gate.value == "and"
    assert isinstance(output, ipywidgets.Output)
    for slider, value in ((w1, 1.0), (w2, 1.0), (b, -1.5)):
        assert isinstance(slider, ipywidgets.FloatSlider)
        assert slider.value == value and not slider.continuous_update
    first = widget.result
    assert "4 of 4 correct" in first.axes[0].get_title()

    b.value = -0.5                      # now the line computes OR: (0, 1) and (1, 0) are wrong
    assert widget.result is not first
    assert "x₁ + x₂ − 0.5 = 0\n2 of 4 correct" in widget.result.axes[0].get_title()
    gate.value = "or"
    assert widget.result.axes[0].get_title().startswith("OR")
    assert "4 of 4 correct" in widget.result.axes[0].get_title()
    assert plt.get_fignums() == []      # every figure was shown once and closed
    capsys.readouterr()


x = np.linspace(-3, 3, 301)
y = np.sin(2 * x) + x**2 / 4


@pytest.mark.parametrize("n_pieces", [1, 3, 10])
def test_draw_relu_fit_draws_target_fit_and_knots(ax, n_pieces):
    network = draw_relu_fit(ax, x, y, n_pieces=n_pieces)
    fit = network(x.reshape(-1, 1)).ravel()
    np.testing.assert_allclose(fit, fit_relu_pieces(x, y, n_pieces)(x.reshape(-1, 1)).ravel())
    lines = {line.get_label(): line for line in ax.lines}
    np.testing.assert_allclose(lines["target"].get_ydata(), y)
    np.testing.assert_allclose(lines["sum of the pieces"].get_ydata(), fit)
    np.testing.assert_allclose(lines["knots k"].get_xdata(), np.linspace(-3, 3, n_pieces + 1)[:-1])
    error = np.abs(fit - y).max()
    assert ax.get_title() == f"{n_pieces} ReLU pieces: max |error| = {error:.3g}"


def test_relu_fit_widget_error_drops_as_pieces_are_added(capsys):
    widget = relu_fit_widget(x, y, n_pieces=2, max_pieces=25)
    slider, output = widget.children
    assert isinstance(slider, ipywidgets.IntSlider)
    assert (slider.min, slider.max, slider.value) == (1, 25, 2)
    assert not slider.continuous_update

    def error():
        return float(widget.result.axes[0].get_title().rsplit("=", 1)[1])

    before = error()
    slider.value = 20
    assert widget.result.axes[0].get_title().startswith("20 ReLU pieces")
    assert error() < before / 10
    assert plt.get_fignums() == []
    capsys.readouterr()


@pytest.mark.parametrize("weights, bias, names, text", [
    ((1, 1), -1.5, ("x₁", "x₂"), "x₁ + x₂ − 1.5 = 0"),
    ((2, -1), 3, ("x₁", "x₂"), "2x₁ − x₂ + 3 = 0"),
    ((-1, 0.25), 0, ("x₁", "x₂"), "−x₁ + 0.25x₂ = 0"),
    ((0, -2.5), 1, ("x₁", "x₂"), "−2.5x₂ + 1 = 0"),
    ((1, -1), -0.5, ("h₁", "h₂"), "h₁ − h₂ − 0.5 = 0"),
])
def test_line_equation_in_titles_reads_like_algebra(weights, bias, names, text):
    assert line_equation(weights, bias, names) == text
