"""The tangent explorer's drawing, checked against finite differences, and its widget wiring."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

import actlab
from actlab.tangent import draw_tangent, tangent_explorer


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _tangent_line(ax):
    return next(line for line in ax.get_lines() if line.get_label().startswith("tangent"))


@pytest.mark.parametrize(("name", "x0"), [("sigmoid", 1.0), ("tanh", -0.5), ("gelu", -2.0),
                                          ("mish", 0.75)])
def test_the_tangent_touches_the_curve_with_the_slope_of_finite_differences(name, x0):
    _, ax = plt.subplots()
    draw_tangent(ax, name, x0)
    xs, ys = _tangent_line(ax).get_data()
    slope = (ys[1] - ys[0]) / (xs[1] - xs[0])
    f = actlab.get(name)
    h = 1e-6
    assert slope == pytest.approx((f(x0 + h) - f(x0 - h)) / (2 * h), rel=1e-6)
    assert np.interp(x0, xs, ys) == pytest.approx(f(x0), abs=1e-12)
    assert f"{float(f(x0)):.4f}" in ax.get_title()


def test_at_a_kink_the_slope_is_the_library_convention_and_says_so():
    _, ax = plt.subplots()
    draw_tangent(ax, "relu", 0.0)
    xs, ys = _tangent_line(ax).get_data()
    assert ys[0] == ys[1] == 0.0  # relu'(0) = 0
    assert "kink" in ax.get_title()


def test_redrawing_replaces_the_previous_drawing():
    _, ax = plt.subplots()
    draw_tangent(ax, "sigmoid", 1.0)
    n = len(ax.get_lines())
    draw_tangent(ax, "sigmoid", -1.0)
    assert len(ax.get_lines()) == n
    assert "-1.00" in _tangent_line(ax).get_label()


def test_the_widget_redraws_when_the_slider_moves():
    explorer = tangent_explorer()
    dropdown, slider = explorer.children[:2]
    assert dropdown.options == tuple(actlab.names()) and slider.value == 1.0
    slider.value = 2.5
    dropdown.value = "tanh"
    ax = plt.gcf().axes[0]
    assert "tanh(2.50)" in ax.get_title()
