"""Lesson 07's library code without a browser: the family explorer's update function and widget,
and the plots of lesson 07 (actlab.plotting.family)."""

import math

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

import actlab
from actlab.plotting import (plot_approximation_errors, plot_cost, plot_family, plot_gelu_gate,
                             plot_learned_slopes)
from actlab.widgets import draw_family, family_widget
from actlab.widgets.family import FAMILY, family_member

pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


@pytest.mark.parametrize("name", FAMILY)
@pytest.mark.parametrize("param", [0.05, 1.0, 2.5])
def test_family_member_slope_matches_finite_differences(name, param):
    f, f_prime, _ = family_member(name, param)
    x = np.array([-3.0, -1.1, -0.3, 0.4, 1.7, 3.2])           # away from the kink at 0
    h = 1e-6
    assert np.allclose(f_prime(x), (f(x + h) - f(x - h)) / (2 * h), atol=1e-6)


def test_family_member_parameters():
    f, _, label = family_member("leaky_relu", 0.2)
    assert f(-1.0) == -0.2 and label == "leaky_relu (α = 0.2)"
    f, _, label = family_member("swish", 1.0)
    assert np.allclose(f(np.linspace(-5, 5, 11)), actlab.silu(np.linspace(-5, 5, 11)))
    f, _, label = family_member("gelu", 3.0, "tanh")
    assert f(1.0) == actlab.gelu(1.0, approximate="tanh") and label == "gelu (tanh form)"
    f, _, _ = family_member("selu", 0.5)                           # the parameter is ignored
    assert f(-1.0) == actlab.selu(-1.0)
    with pytest.raises(ValueError, match="must be one of"):
        family_member("sigmoid")


def test_draw_family_draws_both_curves_and_reads_their_numbers(ax):
    numbers = draw_family(ax, "gelu", 1.0, "swish", 1.0)
    low, steep = numbers["gelu (exact)"]
    assert round(low.value, 4) == -0.1700 and round(low.where, 3) == -0.752
    assert steep.where == pytest.approx(math.sqrt(2), abs=1e-4)
    assert round(numbers["swish (β = 1)"][0].value, 4) == -0.2785
    lines = ax.get_lines()
    curves = [line for line in lines if len(line.get_xdata()) > 100]
    assert len(curves) == 4                                        # two functions, two slopes
    assert np.allclose(curves[0].get_ydata(), actlab.gelu(curves[0].get_xdata()))
    assert "min -0.1700 at -0.752" in curves[0].get_label()
    dots = [line for line in lines if len(line.get_xdata()) == 1 and line.get_marker() == "o"]
    assert len(dots) == 2                                          # the two interior minima


def test_swish_dip_scales_with_one_over_beta(ax):
    numbers = draw_family(ax, "swish", 1.0, "swish", 3.0)
    one, three = numbers["swish (β = 1)"][0], numbers["swish (β = 3)"][0]
    assert three.value == pytest.approx(one.value / 3, abs=1e-8)
    assert three.where == pytest.approx(one.where / 3, abs=1e-6)


def test_draw_family_same_unit_twice_and_monotone_units(ax):
    numbers = draw_family(ax, "elu", 2.0, "elu", 2.0)
    assert len(numbers) == 2
    low, steep = numbers["elu (α = 2)"]
    assert low.value == -2.0 and math.isinf(low.where)
    assert steep.value == pytest.approx(2.0, abs=1e-5)
    numbers = draw_family(ax, "relu", 1.0, "leaky_relu", 0.0)       # redraws replace the old ones
    assert len([line for line in ax.get_lines() if len(line.get_xdata()) > 100]) == 4


def test_family_widget_redraws_when_controls_move(capsys):
    widget = family_widget()
    assert isinstance(widget, ipywidgets.interactive)
    first, first_param, second, second_param, approximate = widget.children[:5]
    assert first.value == "gelu" and second.value == "swish"
    assert first_param.step >= 0.05 and second_param.step >= 0.05
    seen = widget.result
    second_param.value = 2.0
    assert widget.result is not seen
    title_labels = [line.get_label() for line in widget.result.axes[0].get_lines()]
    assert any(label.startswith("swish (β = 2)") for label in title_labels)
    seen = widget.result
    approximate.value = "tanh"
    assert widget.result is not seen
    labels = [line.get_label() for line in widget.result.axes[0].get_lines()]
    assert any(label.startswith("gelu (tanh form)") for label in labels)
    capsys.readouterr()
    plt.close("all")


def test_lesson_07_plots(ax):
    plot_family(["relu", ("elu", {"alpha": 2.0})], ax)
    assert [line.get_label() for line in ax.get_lines()][:2] == ["relu", "elu, alpha=2.0"]
    fig, axes = plt.subplots(1, 4)
    x = np.linspace(-3, 3, 7)
    plot_gelu_gate(x, actlab.gelu(x), axes[0], n_samples=100)
    assert any("100 draws" in line.get_label() for line in axes[0].get_lines())
    plot_approximation_errors(x, {"zero at 0": x}, axes[1])
    assert axes[1].get_lines()[0].get_label() == "zero at 0: max 3"
    plot_learned_slopes({"layer 1": [0.1, -0.5], "layer 2": [0.3]}, axes[2])
    assert [t.get_text() for t in axes[2].get_yticklabels()] == ["layer 1", "layer 2"]
    plot_cost({"relu": 1.0, "gelu": 4.0}, axes[3])
    assert [p.get_width() for p in axes[3].patches] == [1.0, 4.0]
    plt.close(fig)
