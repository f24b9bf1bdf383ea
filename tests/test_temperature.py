"""Lesson 08's library code without a browser: the temperature dial's update function and widget,
and the plots of lesson 08 (actlab.plotting.probabilities)."""

import ipywidgets
import mpmath
import matplotlib.pyplot as plt
import numpy as np
import pytest
from scipy.special import softmax as scipy_softmax

import actlab
from actlab.plotting import (entropy, plot_distributions, plot_entropy_against_temperature,
                             plot_jacobian, plot_wrong_answer_gradients)
from actlab.widgets import draw_temperature, temperature_widget
from actlab.widgets.temperature import LOGITS

pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture
def axes():
    fig, axes = plt.subplots(1, 2)
    yield axes
    plt.close(fig)


def reference_entropy(logits, T):
    """The entropy at 50 significant digits (mpmath): exact to float64."""
    with mpmath.workdps(50):
        e = [mpmath.exp(mpmath.mpf(z) / mpmath.mpf(T)) for z in logits]
        p = [x / mpmath.fsum(e) for x in e]
        return float(-mpmath.fsum(x * mpmath.log(x) for x in p))


@pytest.mark.parametrize("T", [0.05, 0.3, 1.0, 7.0, 100.0])
def test_entropy_matches_a_high_precision_reference(T):
    assert entropy(LOGITS, T) == pytest.approx(reference_entropy(LOGITS, T), rel=1e-12)
    assert entropy(LOGITS, [T])[0] == entropy(LOGITS, T)


def test_entropy_is_more_accurate_than_forming_p_first():
    # at T = 0.05, p0 = 1 - 4.3e-9: log(p0) from the rounded p0 loses half the digits
    p = scipy_softmax(np.asarray(LOGITS) / 0.05)
    naive = -np.sum(p * np.log(p))
    exact = reference_entropy(LOGITS, 0.05)
    assert abs(entropy(LOGITS, 0.05) - exact) < 1e-6 * abs(naive - exact)


def test_entropy_rejects_bad_temperatures():
    with pytest.raises(ValueError, match="temperature"):
        entropy(LOGITS, [1.0, 0.0])
    with pytest.raises(ValueError, match="temperature"):
        entropy(LOGITS, -1.0)


def test_entropy_limits_and_growth():
    assert entropy([0.0, 0.0, 0.0]) == pytest.approx(np.log(3), rel=1e-15)
    assert entropy([0.0, -1000.0]) == 0.0                    # p log p -> 0 where p underflows
    T = np.logspace(-2, 3, 50)
    h = entropy(LOGITS, T)
    assert h.shape == (50,) and np.all(np.diff(h) > 0) and h[-1] < np.log(3)
    assert np.log(3) - entropy(LOGITS, 100.0) < 1e-3
    assert entropy(LOGITS, 0.01) < 1e-40


def test_draw_temperature_draws_the_distribution_and_marks_the_entropy(axes):
    p = draw_temperature(axes, 1.0)
    assert np.array_equal(p.round(3), [0.659, 0.242, 0.099])
    heights = [bar.get_height() for bar in axes[0].patches]
    assert np.allclose(heights[:3], p) and np.allclose(heights[3:], actlab.softmax(LOGITS))
    dot = [line for line in axes[1].get_lines() if line.get_marker() == "o"][0]
    assert dot.get_xdata()[0] == 0.0 and dot.get_ydata()[0] == pytest.approx(entropy(LOGITS, 1.0))
    assert "class 0" in axes[0].get_title()


@pytest.mark.parametrize("T", [0.05, 0.1, 3.0, 100.0])
def test_draw_temperature_at_the_extremes_keeps_the_argmax(axes, T):
    p = draw_temperature(axes, T)
    assert np.allclose(p, actlab.softmax(np.array(LOGITS) / T)) and p.argmax() == 0
    if T <= 0.1:
        assert p[0] > 0.9999
    draw_temperature(axes, T)                                  # a redraw replaces the old bars
    assert len(axes[0].patches) == 6


def test_temperature_widget_redraws_when_the_slider_moves(capsys):
    widget = temperature_widget()
    assert isinstance(widget, ipywidgets.interactive)
    slider = widget.children[0]
    assert isinstance(slider, ipywidgets.FloatLogSlider) and slider.step >= 0.05
    assert slider.value == 1.0 and 10 ** slider.min <= 0.051 and 10 ** slider.max >= 100
    seen = widget.result
    slider.value = 0.1
    assert widget.result is not seen
    left = widget.result.axes[0]
    assert max(bar.get_height() for bar in left.patches) > 0.9999
    capsys.readouterr()
    plt.close("all")


def test_lesson_08_plots():
    fig, axes = plt.subplots(1, 4)
    plot_distributions({"a": [0.2, 0.8], "b": [0.5, 0.5]}, axes[0], labels=["x", "y"])
    assert [bar.get_height() for bar in axes[0].patches] == [0.2, 0.8, 0.5, 0.5]
    assert [t.get_text() for t in axes[0].get_xticklabels()] == ["x", "y"]
    plot_entropy_against_temperature([1.0, 0.0], axes[1], mark=2.0)
    assert any("log 2" in line.get_label() for line in axes[1].get_lines())
    J = actlab.softmax_jacobian([2.0, 1.0, 0.1])
    plot_jacobian(J, axes[2], title="J")
    assert len(axes[2].texts) == 9 and axes[2].texts[0].get_text() == f"{J[0, 0]:+.3f}"
    plot_wrong_answer_gradients(axes[3])
    ce, mse = axes[3].get_lines()[:2]
    z = ce.get_xdata()
    assert np.allclose(ce.get_ydata(), 1 - actlab.sigmoid(z), rtol=1e-12)
    assert np.all(ce.get_ydata()[z < 0] > 0.5) and mse.get_ydata()[0] < 1e-3
    plt.close(fig)
