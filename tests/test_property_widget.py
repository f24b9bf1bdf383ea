"""Lesson 09's property explorer (widgets/properties.py) and its plots (plotting/properties.py),
without a browser."""

import math

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

import actlab
from actlab.plotting import plot_evidence, plot_property_grid
from actlab.properties import check_range, property_table
from actlab.widgets import draw_property, property_widget
from actlab.widgets.properties import PROPERTIES

pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


def own(x):
    """A learner's ELU: scalars only."""
    return math.exp(x) - 1 if x < 0 else x


@pytest.mark.parametrize("prop", PROPERTIES)
def test_every_property_draws_for_a_library_unit_and_a_learners_function(ax, prop):
    for activation in ("relu", "gelu", "binary_step", own):
        verdict = draw_property(ax, activation, prop)
        assert verdict.ok and ax.get_title()
        curve = max(ax.get_lines(), key=lambda line: len(line.get_xdata()))
        y = np.array([own(x) for x in curve.get_xdata()]) if activation is own else \
            actlab.get(activation)(curve.get_xdata())
        assert np.allclose(curve.get_ydata(), y)


def test_the_evidence_is_drawn(ax):
    v = draw_property(ax, "selu", "differentiability")
    labels = [line.get_label() for line in ax.get_lines()]
    assert "slope left of 0: 1.7581" in labels and "slope right of 0: 1.0507" in labels
    assert v.verdict == "not differentiable at 0"
    draw_property(ax, "binary_step", "continuity")
    assert "a jump" in [line.get_label() for line in ax.get_lines()]
    draw_property(ax, "gelu", "monotonicity")
    (span,) = [p for p in ax.patches]
    assert span.get_x() == pytest.approx(-5) and span.get_width() == pytest.approx(5 - 0.752, abs=1e-3)
    draw_property(ax, "relu", "zero-centring")
    assert any(line.get_label() == "E[f(Z)] = 0.3989" for line in ax.get_lines())
    assert "quadrature   0.3989" in ax.texts[0].get_text()      # the evidence table beside the axes


def test_a_function_that_cannot_be_checked_gets_a_message(ax):
    v = draw_property(ax, "your own", "range", own=lambda x: x / np.abs(x))
    assert not v.ok and ax.texts and "NaN at x = 0" in ax.texts[0].get_text().replace("\n", " ")
    with pytest.raises(ValueError, match="needs own="):
        draw_property(ax, "your own", "range")
    with pytest.raises(ValueError, match="prop must be one of"):
        draw_property(ax, "relu", "cost")


def test_property_widget_redraws_when_dropdowns_move(capsys):
    widget = property_widget(own)
    assert isinstance(widget, ipywidgets.interactive)
    activation, prop = widget.children[:2]
    assert activation.options[0] == "your own" and "cost" not in prop.options
    seen = widget.result
    activation.value = "your own"
    assert widget.result is not seen
    assert widget.result.axes[0].get_title().startswith("not monotone") is False
    seen = widget.result
    prop.value = "smoothness"
    assert widget.result is not seen and widget.result.axes[0].get_title().startswith("C¹, not C²")
    capsys.readouterr()
    plt.close("all")


def test_property_grid(ax):
    report = property_table(["relu", "tanh"], properties=("range", "monotonicity", "largest slope"))
    plot_property_grid(report, ax)
    image = ax.get_images()[0].get_array()
    assert image.shape == (2, 2) and image[1, 0] == 1.0 and image[0, 0] == 0.0   # tanh bounded
    plot_evidence(check_range("tanh"), "tanh", ax)
    assert ax.get_title() == "(-1, 1): bounded"
