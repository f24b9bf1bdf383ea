"""Lesson 04's sigmoid as a probability: the loss slopes against closed forms and finite differences
of independently written losses, and the probability map against the model it draws."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.colors import to_rgb
from scipy.special import expit, log_expit

from actlab.network import Network, train
from actlab.plotting import CLASS_COLOURS, plot_probability_map, plot_score_gradients, score_gradients
from actlab.plotting.logistic import PROBABILITY_COLOURS


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def squared_error(z, y):
    return (expit(z) - y) ** 2


def cross_entropy(z, y):
    return -(y * log_expit(z) + (1 - y) * log_expit(-z))


# -- the slopes ------------------------------------------------------------------------------------

def test_the_lesson_numbers_at_z_minus_ten():
    slopes = score_gradients([-10.0], target=1)
    assert slopes["squared error"][0] == pytest.approx(-9.0787e-05, rel=1e-4)
    assert slopes["cross-entropy"][0] == pytest.approx(-0.99995, abs=1e-5)


@pytest.mark.parametrize("target", [0, 1])
def test_slopes_match_closed_forms_and_central_differences(target):
    z = np.linspace(-12, 12, 97)
    slopes = score_gradients(z, target)
    s = expit(z)
    np.testing.assert_allclose(slopes["squared error"], 2 * (s - target) * s * (1 - s),
                               rtol=1e-10, atol=1e-300)
    np.testing.assert_allclose(slopes["cross-entropy"], s - target, rtol=1e-10, atol=1e-16)
    h = 1e-5
    for name, loss in (("squared error", squared_error), ("cross-entropy", cross_entropy)):
        central = (loss(z + h, target) - loss(z - h, target)) / (2 * h)
        np.testing.assert_allclose(slopes[name], central, rtol=1e-6, atol=1e-10)


@settings(max_examples=50, deadline=None)
@given(st.floats(-30, 30))
def test_a_label_of_zero_mirrors_a_label_of_one(z):
    one, zero = score_gradients([z], 1), score_gradients([-z], 0)
    # squared error forms σ(z) - 1 from the rounded output σ(z): an absolute error of about 1e-16
    # in that factor, times 2σ'(z); cross-entropy's slope is computed without that cancellation
    assert one["squared error"][0] == pytest.approx(-zero["squared error"][0], rel=1e-12,
                                                    abs=1e-15 * expit(z) * expit(-z))
    assert one["cross-entropy"][0] == pytest.approx(-zero["cross-entropy"][0], rel=1e-12, abs=1e-300)


@settings(max_examples=50, deadline=None)
@given(st.floats(-30, -1))
def test_for_a_wrong_answer_cross_entropy_pushes_harder(z):
    slopes = score_gradients([z], 1)
    assert abs(slopes["cross-entropy"][0]) > abs(slopes["squared error"][0])


def test_plot_score_gradients_draws_both_slopes_and_marks_minus_ten():
    ax = plot_score_gradients(mark=-10.0)
    squared, cross = ax.get_lines()[0], ax.get_lines()[2]
    z = squared.get_xdata()
    slopes = score_gradients(z)
    np.testing.assert_allclose(squared.get_ydata(), slopes["squared error"])
    np.testing.assert_allclose(cross.get_ydata(), slopes["cross-entropy"])
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "at z = -10: -9.0787e-05" in legend[0] and "at z = -10: -0.99995" in legend[1]
    assert ax.get_xlabel() and ax.get_ylabel()


# -- the probability map ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def fitted():
    rng = np.random.default_rng(0)
    y = np.repeat([0, 1], 100)
    X = np.array([[-1.0, 0.0], [1.0, 1.0]])[y] + rng.standard_normal((200, 2))
    model = Network.build([2, 1], output="sigmoid", seed=0)
    train(model, X, y, learning_rate=0.5, epochs=200, batch_size=200)
    return model, X, y


def test_the_map_shows_the_models_probabilities(fitted):
    model, X, y = fitted
    fig, ax = plt.subplots()
    plot_probability_map(model, X, y, ax, xlim=(-3, 3), ylim=(-2, 3), resolution=50)
    image = ax.get_images()[0]
    gx, gy = np.meshgrid(np.linspace(-3, 3, 50), np.linspace(-2, 3, 50))
    w, b = model.layers[0].weights.ravel(), model.layers[0].bias[0]
    expected = expit(w[0] * gx + w[1] * gy + b)               # independent: the formula
    np.testing.assert_allclose(image.get_array(), expected, rtol=1e-10)
    assert image.get_clim() == (0.0, 1.0)
    wrong = [c for c in ax.collections if c.get_label().startswith("misclassified")][0]
    predicted = (X @ w + b >= 0).astype(int)
    assert wrong.get_label() == f"misclassified ({int(np.sum(predicted != y))})"
    assert fig.axes[-1].get_ylabel() == "predicted P(y = 1 | x)"


def test_the_contours_lie_on_their_probability_and_the_true_boundary_on_its_line(fitted):
    model, X, y = fitted
    ax = plot_probability_map(model, X, y, levels=(0.1, 0.5, 0.9), true_boundary=([2, 1], -0.5))
    contour = [c for c in ax.collections if hasattr(c, "levels")][0]
    assert list(contour.levels) == [0.1, 0.5, 0.9]
    for level, path in zip(contour.levels, contour.get_paths()):
        vertices = path.vertices[~np.isnan(path.vertices).any(axis=1)]
        np.testing.assert_allclose(model.predict(vertices).ravel(), level, atol=0.01)
    line = [l for l in ax.lines if l.get_label() == "true boundary P = 1/2"][0]
    for point in (line.get_xy1(), line.get_xy2()):
        assert 2 * point[0] + point[1] - 0.5 == pytest.approx(0, abs=1e-12)


def test_the_colours_run_from_class_0_through_white_to_class_1():
    low, middle, high = (PROBABILITY_COLOURS(v)[:3] for v in (0.0, 0.5, 1.0))
    assert middle == pytest.approx((1.0, 1.0, 1.0), abs=0.01)
    for end, colour in ((low, CLASS_COLOURS[0]), (high, CLASS_COLOURS[1])):
        tint = np.subtract(1, end) / np.subtract(1, to_rgb(colour))
        assert np.allclose(tint, tint[0], atol=0.02)           # a lighter shade of the class colour
