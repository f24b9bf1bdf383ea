"""The course style and the activation plots, inspected through the figures they return."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex

import actlab
from actlab import plotting


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_course_style_sets_the_colour_blind_safe_palette():
    plotting.use_course_style()
    cycle = [c["color"] for c in plt.rcParams["axes.prop_cycle"]]
    assert cycle == plotting.PALETTE
    assert len(set(cycle)) == len(cycle) == 8


def test_plot_activation_draws_function_and_derivative_with_labels():
    ax = plotting.plot_activation("sigmoid")
    f_line, g_line = ax.get_lines()[:2]
    x, y = f_line.get_data()
    np.testing.assert_allclose(y, actlab.sigmoid(x))
    np.testing.assert_allclose(g_line.get_ydata(), actlab.sigmoid.grad(x))
    assert to_hex(f_line.get_color()) == plotting.FUNCTION_COLOUR.lower()
    assert ax.get_xlabel() and ax.get_ylabel()
    assert actlab.sigmoid.formula in ax.get_title()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["sigmoid(x)", "sigmoid′(x)"]


def test_a_kink_breaks_the_curve_and_marks_the_library_convention():
    fig, ax = plt.subplots()
    assert plotting.plot_activation(actlab.relu, ax) is ax
    x, g = ax.get_lines()[1].get_data()
    assert np.isnan(g[np.argmin(np.abs(x))])  # no line drawn through the jump
    dots = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert [tuple(d.get_xydata()[0]) for d in dots] == [(0.0, 0.0), (0.0, 0.0)]  # relu(0), relu'(0)
    ax = plotting.plot_activation("binary_step")
    dots = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert tuple(dots[0].get_xydata()[0]) == (0.0, 1.0)  # step(0) = 1


def test_parameters_reach_the_curve():
    ax = plotting.plot_activation("leaky_relu", params={"alpha": 0.3}, derivative=False)
    x, y = ax.get_lines()[0].get_data()
    np.testing.assert_allclose(y[x < -1e-9], 0.3 * x[x < -1e-9])
    assert "alpha=0.3" in ax.get_legend().get_texts()[0].get_text()


def test_gallery_has_one_panel_per_activation():
    fig = plotting.plot_gallery()
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in visible] == actlab.names()
    fig = plotting.plot_gallery(["relu", "gelu"], ncols=4)
    assert sum(ax.get_visible() for ax in fig.axes) == 2


def test_unknown_activation_name_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown activation 'sigmod'"):
        plotting.plot_activation("sigmod")
