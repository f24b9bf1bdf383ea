"""Lesson 04's gradient descent from inside: the engine keeps the path of the parameters, positive
inputs force same-sign per-example gradients, and the plots draw what they are given."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from matplotlib.collections import LineCollection
from matplotlib.colors import to_hex

from actlab import sigmoid
from actlab.network import Dense, Network, train
from actlab.plotting import PALETTE, plot_gradient_norms, plot_weight_path, same_direction


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def unit_data(f, n=40, seed=1):
    a = np.random.default_rng(seed).normal(0.0, 1.5, size=(n, 2))
    h = f(a)
    return h, h @ np.array([1.5, -1.5])


# -- the engine keeps the path ---------------------------------------------------------------------

def test_train_keeps_every_step_and_each_step_is_the_engines_sgd_step():
    H, t = unit_data(sigmoid)
    unit = Network([Dense([[-1.5], [1.5]], [0.0])])
    start = [p.copy() for p in unit.parameters()]
    history = train(unit, H, t, optimizer="sgd", learning_rate=0.3, epochs=2, batch_size=4,
                    seed=3, keep_parameters=True)
    assert len(history.parameters) == history.steps + 1 == 2 * 10 + 1
    for kept, original in zip(history.parameters[0], start):
        np.testing.assert_array_equal(kept, original)
    for kept, final in zip(history.parameters[-1], unit.parameters()):
        np.testing.assert_array_equal(kept, final)
    # replay: the same shuffles, each step -0.3 × the engine's gradient on that batch
    rng = np.random.default_rng(3)
    batches = [order[k:k + 4] for order in (rng.permutation(40) for _ in range(2))
               for k in range(0, 40, 4)]
    for step, batch in enumerate(batches):
        before = history.parameters[step]
        probe = Network([Dense(before[0].copy(), before[1].copy())])
        grads = probe.backward(probe.forward(H[batch]), t[batch])[0]
        np.testing.assert_allclose(history.parameters[step + 1][0], before[0] - 0.3 * grads.weights,
                                   rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(history.parameters[step + 1][1], before[1] - 0.3 * grads.bias,
                                   rtol=1e-12, atol=1e-15)


def test_without_keep_parameters_nothing_is_kept_and_training_is_unchanged():
    H, t = unit_data(sigmoid)
    runs = []
    for keep in (False, True):
        unit = Network([Dense([[-1.5], [1.5]], [0.0])])
        runs.append((train(unit, H, t, epochs=3, batch_size=8, keep_parameters=keep), unit))
    (plain, plain_unit), (kept, kept_unit) = runs
    assert plain.parameters == [] and len(kept.parameters) == kept.steps + 1
    assert plain.train_loss == kept.train_loss
    np.testing.assert_array_equal(plain_unit.layers[0].weights, kept_unit.layers[0].weights)


# -- positive inputs: one sign per example ---------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, (5, 6), elements=st.floats(0.01, 1.0)),
       arrays(np.float64, (5,), elements=st.floats(-3, 3)))
def test_with_positive_inputs_each_example_moves_all_weights_of_a_unit_the_same_way(h, targets):
    unit = Network([Dense(np.linspace(-1, 1, 6).reshape(6, 1), [0.2])])
    for k in range(5):
        g = unit.backward(unit.forward(h[k:k + 1]), targets[k:k + 1])[0].weights.ravel()
        assert np.all(g >= 0) or np.all(g <= 0)


def test_the_lesson_zig_zag_with_sigmoid_inputs_and_not_with_tanh():
    paths = {}
    for name, f in (("sigmoid", sigmoid), ("tanh", np.tanh)):
        H, t = unit_data(f, n=100)
        unit = Network([Dense([[-1.5], [1.5]], [0.0])])
        history = train(unit, H, t, optimizer="sgd", learning_rate=0.3, epochs=1, batch_size=1,
                        keep_parameters=True)
        paths[name] = np.array([w.ravel() for w, b in history.parameters])
    assert same_direction(paths["sigmoid"]).all()
    assert 0.3 < same_direction(paths["tanh"]).mean() < 0.7


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, (8, 2), elements=st.floats(-5, 5)))
def test_same_direction_is_the_sign_of_the_product_of_the_two_changes(path):
    steps = np.diff(path, axis=0)
    expected = [(a >= 0 and b >= 0) or (a <= 0 and b <= 0) for a, b in steps]
    assert same_direction(path).tolist() == expected


# -- the plots -------------------------------------------------------------------------------------

def test_plot_weight_path_draws_each_step_coloured_and_the_loss_contours():
    H, t = unit_data(sigmoid)
    path = np.array([[-1.5, 1.5], [-1.0, 2.0], [-1.2, 1.8], [0.0, 0.0], [1.5, -1.5]])
    ax = plot_weight_path(path, H, t, optimum=[1.5, -1.5], title="test")
    (steps,) = [c for c in ax.collections if isinstance(c, LineCollection) and
                not hasattr(c, "levels")]
    np.testing.assert_allclose(np.array(steps.get_segments()), np.stack([path[:-1], path[1:]], 1))
    colours = [to_hex(c) for c in steps.get_colors()]
    assert colours == [PALETTE[3].lower() if same else PALETTE[0].lower()
                       for same in same_direction(path)]
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert legend[:2] == ["both weights the same way (2)", "opposite ways (2)"]
    # each contour is a level of the engine's squared error of the unit without bias
    contour = [c for c in ax.collections if hasattr(c, "levels")][0]
    for level, contour_path in zip(contour.levels, contour.get_paths()):
        for w in contour_path.vertices[::25]:
            unit = Network([Dense(w.reshape(2, 1), [0.0])])
            assert unit.loss_value(H, t) == pytest.approx(level, rel=0.02)
    assert ax.get_xlabel() == "weight w₁" and ax.get_ylabel() == "weight w₂"


def test_plot_weight_path_takes_fixed_limits():
    H, t = unit_data(np.tanh)
    ax = plot_weight_path([[0, 0], [1, 1]], H, t, xlim=(-3, 3), ylim=(-2, 2))
    assert ax.get_xlim() == (-3, 3) and ax.get_ylim() == (-2, 2)


def test_plot_gradient_norms_draws_the_norms_and_a_guide_anchored_at_the_last_layer():
    norms = np.array([1e-6, 5e-6, 2e-5, 1e-4])
    ax = plot_gradient_norms(norms, factor=0.25)
    measured, guide = ax.get_lines()
    np.testing.assert_array_equal(measured.get_ydata(), norms)
    np.testing.assert_allclose(guide.get_ydata(), 1e-4 * 0.25 ** np.array([3, 2, 1, 0]))
    assert ax.get_yscale() == "log" and list(ax.get_xticks()) == [1, 2, 3, 4]
    assert len(plot_gradient_norms(norms, factor=None).get_lines()) == 1
