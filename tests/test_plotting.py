"""The course style and the activation plots, inspected through the figures they return."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.path import Path

import actlab
from actlab import plotting
from actlab.datasets import logic_gate
from actlab.network import Dense, Network
from actlab.perceptron import train


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


@pytest.mark.parametrize(("name", "params", "dots"), [
    ("elu", {}, 0), ("elu", {"alpha": 1.0}, 0), ("elu", {"alpha": 2.0}, 2),
    ("leaky_relu", {}, 2), ("leaky_relu", {"alpha": 1.0}, 0), ("selu", {}, 2), ("gelu", {}, 0),
])
def test_dots_only_where_the_curve_or_its_slope_jumps(name, params, dots):
    ax = plotting.plot_activation(name, params=params)
    marked = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert len(marked) == dots
    x, g = ax.get_lines()[1].get_data()
    assert np.isnan(g).any() == bool(dots)  # the curves break only at a kink


def test_the_gallery_marks_the_kinks_of_the_default_parameters():
    fig = plotting.plot_gallery()
    dotted = [ax.get_title() for ax in fig.axes
              if any(line.get_marker() == "o" for line in ax.get_lines())]
    assert dotted == ["binary_step", "relu", "leaky_relu", "selu"]


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


# -- lesson 01: trained perceptrons, side by side -----------------------------------------------------

def test_a_string_title_goes_above_the_equation_and_the_score():
    X, y = logic_gate("and")
    ax = plotting.plot_decision_boundary((1, 1), -1.5, X, y, title="AND by hand",
                                         classes=("AND = 0", "AND = 1"))
    assert ax.get_title() == "AND by hand\nx₁ + x₂ − 1.5 = 0\n4 of 4 correct"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "AND = 0" in labels and "AND = 1" in labels
    assert plotting.plot_decision_boundary((1, 1), -1.5, title=False).get_title() == ""


def test_learned_boundaries_one_panel_per_run_with_the_verdict_in_its_title():
    runs = {gate.upper(): (*logic_gate(gate), train(*logic_gate(gate), max_epochs=30))
            for gate in ("and", "xor")}
    fig = plotting.plot_learned_boundaries(runs, xlim=(-0.5, 1.5), ylim=(-0.5, 1.5))
    assert len(fig.axes) == 2
    and_title, xor_title = (ax.get_title().splitlines() for ax in fig.axes)
    and_run, xor_run = runs["AND"][2], runs["XOR"][2]
    assert and_title[0] == f"AND: learned in {and_run.epochs} epochs"
    assert and_title[2] == "4 of 4 correct"
    assert xor_title[0] == "XOR: not learned in 30 epochs"
    final = xor_run.perceptron
    assert xor_title[1] == plotting.line_equation(final.weights, final.bias)
    assert fig.axes[0].get_legend() is None and fig.axes[1].get_legend() is not None


def test_errors_per_epoch_of_several_runs_differ_in_colour_and_marker():
    runs = {"AND": train(*logic_gate("and")), "XOR": train(*logic_gate("xor"), max_epochs=12)}
    ax = plotting.plot_errors_per_epoch(runs)
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["AND", "XOR"]
    for line, run in zip(lines, runs.values()):
        np.testing.assert_array_equal(line.get_ydata(), run.errors)
        np.testing.assert_array_equal(line.get_xdata(), np.arange(1, run.epochs + 1))
    assert lines[0].get_color() != lines[1].get_color()
    assert lines[0].get_marker() != lines[1].get_marker()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["AND", "XOR"]
    assert ax.get_ylim()[1] > runs["XOR"].errors.max()


def test_line_equation_can_state_a_half_plane():
    assert plotting.line_equation((1, 1), -1.5, relation="≥") == "x₁ + x₂ − 1.5 ≥ 0"


# -- lesson 02: the hidden units of a small network -----------------------------------------------

XOR_STEP = Network([Dense([[1.0, 1.0], [1.0, 1.0]], [-0.5, -1.5], "binary_step"),
                    Dense([[1.0], [-1.0]], [-0.5], "binary_step")])
XOR_RELU = Network([Dense([[1.0, 1.0], [1.0, 1.0]], [0.0, -1.0], "relu"),
                    Dense([[1.0], [-2.0]], [0.0])])


def _active_region(ax):
    """The vertices of the one shaded patch, which must be in the 'unit active' colour."""
    assert len(ax.patches) == 1
    patch = ax.patches[0]
    assert to_hex(patch.get_facecolor()[:3]) == plotting.ACTIVE_COLOUR.lower()
    return patch.get_xy()


@pytest.mark.parametrize(("network", "relation"), [(XOR_STEP, "≥"), (XOR_RELU, ">")])
def test_hidden_units_shade_exactly_where_each_unit_is_active(network, relation):
    X, y = logic_gate("xor")
    fig = plotting.plot_hidden_units(network, X, y, unit_names=["OR", "AND"],
                                     classes=["XOR = 0", "XOR = 1"], output_title="the output")
    hidden = network.layers[0]
    for j, ax in enumerate(fig.axes[:2]):
        w, b = hidden.weights[:, j], hidden.bias[j]
        vertices = _active_region(ax)
        assert np.all(vertices @ w + b >= -1e-9)          # all of it on the active side ...
        grid = np.stack(np.meshgrid(np.linspace(-0.45, 1.45, 39), np.linspace(-0.45, 1.45, 39)),
                        axis=-1).reshape(-1, 2)
        inside = Path(vertices).contains_points(grid)
        clear = np.abs(grid @ w + b) > 0.05
        units = hidden.f(grid @ hidden.weights + hidden.bias)[:, j]
        np.testing.assert_array_equal(inside[clear], units[clear] > 0)  # ... and all of that side
        assert ax.get_title() == (f"hidden unit {j + 1} ({['OR', 'AND'][j]}): active where\n"
                                  f"{plotting.line_equation(w, b, relation=relation)}")
        points = {tuple(c.get_offsets()[0]) for c in ax.collections}
        assert points == {(0.0, 0.0), (0.0, 1.0)}  # first point of each class: the data are drawn
    assert fig.axes[2].get_title() == "the output\n(white line: output = 0.5)"
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["unit active", "unit's line", "XOR = 0", "XOR = 1"]
    assert plotting.ACTIVE_COLOUR not in plotting.CLASS_COLOURS


def test_hidden_units_refuse_units_that_are_never_off():
    net = Network([Dense([[1.0], [1.0]], [0.0], "sigmoid"), Dense([[1.0]], [0.0])])
    with pytest.raises(ValueError, match="must output 0 below their line.*'sigmoid'"):
        plotting.plot_hidden_units(net)
    net = Network([Dense([[1.0, 0.0, 1.0]], [0.0, 0.0, 0.0], "relu"), Dense([[1.0]] * 3, [0.0])])
    with pytest.raises(ValueError, match="needs 2 inputs, it has 1"):
        plotting.plot_hidden_units(net)
    with pytest.raises(ValueError, match="3 unit names for 2 hidden units"):
        plotting.plot_hidden_units(XOR_STEP, unit_names=["a", "b", "c"])
