"""actlab.datasets: truth tables against Python's own operators, separability by linear programming."""

import numpy as np
import pytest
from scipy.optimize import linprog

from actlab.datasets import (GATES, TOY_DATA, Digits, blobs, circles, digits, gate_outputs,
                             logic_gate, moons, spirals, toy_data, xor_clouds)

OPERATORS = {
    "and": lambda a, b: a and b,
    "or": lambda a, b: a or b,
    "nand": lambda a, b: not (a and b),
    "nor": lambda a, b: not (a or b),
    "xor": lambda a, b: a != b,
    "xnor": lambda a, b: a == b,
}


def test_every_gate_has_an_independent_definition():
    assert set(GATES) == set(OPERATORS)


def linearly_separable(X, y):
    """Is there (w, b) with (2y - 1)(w·x + b) >= 1 for every point? A feasibility LP."""
    sign = 2 * np.asarray(y) - 1
    A = -sign[:, None] * np.column_stack([X, np.ones(len(X))])
    result = linprog(np.zeros(X.shape[1] + 1), A_ub=A, b_ub=-np.ones(len(X)),
                     bounds=[(None, None)] * (X.shape[1] + 1))
    assert result.status in (0, 2), result.message  # 0 feasible, 2 infeasible
    return result.status == 0


@pytest.mark.parametrize("gate", GATES)
def test_logic_gate_matches_python_operators(gate):
    X, y = logic_gate(gate)
    assert X.shape == (4, 2) and X.dtype == np.float64
    assert y.shape == (4,) and y.dtype == np.int64
    assert sorted(map(tuple, X.tolist())) == [(0, 0), (0, 1), (1, 0), (1, 1)]
    for (a, b), label in zip(X.astype(bool).tolist(), y.tolist()):
        assert label == int(OPERATORS[gate](a, b))


def test_gate_names_are_case_insensitive_and_results_are_fresh_copies():
    X, y = logic_gate("XoR")
    X[0, 0] = 99
    y[0] = 99
    X2, y2 = logic_gate("xor")
    assert X2[0, 0] == 0 and y2[0] == 0


@pytest.mark.parametrize("gate, separable", [("and", True), ("or", True), ("nand", True),
                                             ("nor", True), ("xor", False), ("xnor", False)])
def test_only_xor_and_xnor_are_not_linearly_separable(gate, separable):
    assert linearly_separable(*logic_gate(gate)) is separable


@pytest.mark.parametrize("name, error", [("nxor", ValueError), ("", ValueError), (3, TypeError),
                                         (None, TypeError)])
@pytest.mark.parametrize("call", [logic_gate, lambda name: gate_outputs(name, [[0, 1]])])
def test_unknown_gate_is_refused_with_the_known_names(call, name, error):
    with pytest.raises(error, match="'and', 'or', 'nand', 'nor', 'xor', 'xnor'"):
        call(name)


@pytest.mark.parametrize("gate", GATES)
def test_gate_outputs_follow_the_operators_row_by_row(gate):
    rng = np.random.default_rng(0)
    X = rng.integers(0, 2, size=(20, 2))
    expected = [int(OPERATORS[gate](bool(a), bool(b))) for a, b in X]
    np.testing.assert_array_equal(gate_outputs(gate, X), expected)
    np.testing.assert_array_equal(gate_outputs(gate, X.astype(float)), expected)


@pytest.mark.parametrize("X, message", [([0, 1], r"shape \(n, 2\), got shape \(2,\)"),
                                        ([[0, 1, 1]], r"shape \(n, 2\)"),
                                        ([[0, 2]], "every entry of X must be 0 or 1"),
                                        ([[0.5, 1]], "every entry of X must be 0 or 1")])
def test_gate_outputs_refuses_inputs_that_are_not_bit_pairs(X, message):
    with pytest.raises(ValueError, match=f"gate_outputs: .*{message}"):
        gate_outputs("and", X)


@pytest.mark.parametrize("n", [2, 3, 100, 501])
def test_blobs_shapes_and_class_sizes(n):
    X, y = blobs(n)
    assert X.shape == (n, 2) and X.dtype == np.float64
    assert y.shape == (n,) and y.dtype == np.int64
    assert np.sum(y == 0) == n // 2 and np.sum(y == 1) == n - n // 2


@pytest.mark.parametrize("seed", range(5))
def test_blobs_are_linearly_separable_with_the_margin(seed):
    X, y = blobs(200, seed=seed, separation=1.0, spread=2.0, margin=0.1)
    assert linearly_separable(X, y)
    distance = X @ np.array([1.0, 1.0]) / np.sqrt(2)
    assert np.all(np.where(y == 1, distance, -distance) >= 0.1)


def test_blobs_centres_follow_the_separation():
    X, y = blobs(4000, separation=6.0, spread=0.5, margin=0.0)
    np.testing.assert_allclose(X[y == 1].mean(axis=0), [3 / np.sqrt(2)] * 2, atol=0.05)
    np.testing.assert_allclose(X[y == 0].mean(axis=0), [-3 / np.sqrt(2)] * 2, atol=0.05)
    np.testing.assert_allclose(X[y == 1].std(axis=0), [0.5, 0.5], atol=0.03)


def test_blobs_shuffles_the_classes():
    _, y = blobs(100)
    assert 0 < np.sum(y[:50]) < 50


@pytest.mark.parametrize("make", [blobs, xor_clouds, moons, circles, spirals])
def test_seeded_data_is_reproducible_and_seeds_differ(make):
    X1, y1 = make(40, seed=7)
    X2, y2 = make(40, seed=7)
    X3, _ = make(40, seed=8)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.allclose(X1, X3)


@pytest.mark.parametrize("n", [4, 7, 200])
def test_xor_clouds_sit_around_the_corners_with_xor_labels(n):
    X, y = xor_clouds(n, spread=0.05)
    corner = np.rint(X).astype(int)  # spread 0.05: every point is within 0.5 of its corner
    assert np.all((corner == 0) | (corner == 1))
    np.testing.assert_array_equal(y, corner[:, 0] ^ corner[:, 1])
    counts = np.unique(corner[:, 0] * 2 + corner[:, 1], return_counts=True)[1]
    assert counts.max() - counts.min() <= 1


def test_xor_clouds_are_not_linearly_separable():
    assert not linearly_separable(*xor_clouds(200))


@pytest.mark.parametrize("call, message", [
    (lambda: blobs(1), "blobs: n must be an integer >= 2, got 1"),
    (lambda: blobs(10.0), "blobs: n must be an integer >= 2"),
    (lambda: blobs(True), "blobs: n must be an integer >= 2"),
    (lambda: blobs(seed=-1), "blobs: seed must be a non-negative integer"),
    (lambda: blobs(seed=1.5), "blobs: seed must be a non-negative integer"),
    (lambda: blobs(spread=0), "blobs: spread must be positive"),
    (lambda: blobs(separation=-1), "blobs: separation must be positive"),
    (lambda: blobs(margin=-0.1), "blobs: margin must be >= 0"),
    (lambda: xor_clouds(3), "xor_clouds: n must be an integer >= 4"),
    (lambda: xor_clouds(spread=float("nan")), "xor_clouds: spread must be finite"),
])
def test_bad_arguments_get_a_clear_message(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_non_numeric_parameter_is_a_type_error():
    with pytest.raises(TypeError, match="blobs: spread must be a real number"):
        blobs(spread="wide")


# --- moons, circles, spirals ------------------------------------------------------------------

@pytest.mark.parametrize("make", [moons, circles])
@pytest.mark.parametrize("n", [2, 3, 200, 501])
def test_moons_and_circles_shapes_dtypes_and_class_sizes(make, n):
    X, y = make(n)
    assert X.shape == (n, 2) and X.dtype == np.float64
    assert y.shape == (n,) and y.dtype == np.int64
    assert np.sum(y == 0) == n // 2 and np.sum(y == 1) == n - n // 2


def test_moons_lie_on_two_half_circles_without_noise():
    X, y = moons(200, noise=0)
    upper, lower = X[y == 0], X[y == 1]
    np.testing.assert_allclose(np.hypot(*upper.T), 1.0, rtol=1e-12)            # centre (0, 0)
    np.testing.assert_allclose(np.hypot(lower[:, 0] - 1, lower[:, 1] - 0.5), 1.0, rtol=1e-12)
    assert np.all(upper[:, 1] >= -1e-12) and np.all(lower[:, 1] <= 0.5 + 1e-12)
    assert not linearly_separable(X, y)


def test_circles_have_the_two_radii_without_noise():
    X, y = circles(300, noise=0, factor=0.3)
    radius = np.hypot(*X.T)
    np.testing.assert_allclose(radius[y == 0], 1.0, rtol=1e-12)
    np.testing.assert_allclose(radius[y == 1], 0.3, rtol=1e-12)
    assert not linearly_separable(X, y)


def test_noise_is_gaussian_with_the_given_standard_deviation():
    X0, _ = circles(20000, noise=0, seed=1)
    X1, y = circles(20000, noise=0.1, seed=1)
    radius = np.hypot(*X1.T)
    # the radial part of the noise: its standard deviation is the noise level
    assert np.std(radius[y == 0] - 1.0) == pytest.approx(0.1, rel=0.05)
    assert not np.allclose(X0, X1)


@pytest.mark.parametrize("classes", [2, 3, 5])
@pytest.mark.parametrize("n", [5, 300, 301])
def test_spirals_shapes_dtypes_and_class_sizes(n, classes):
    X, y = spirals(n, classes=classes)
    assert X.shape == (n, 2) and X.dtype == np.float64
    assert y.shape == (n,) and y.dtype == np.int64
    counts = np.bincount(y, minlength=classes)
    assert len(counts) == classes and counts.max() - counts.min() <= 1


def test_spirals_shuffles_the_classes():
    _, y = spirals(300, classes=3)
    assert not np.array_equal(y, np.arange(300) % 3) and not np.array_equal(y, np.sort(y))


@pytest.mark.parametrize("classes, turns", [(2, 1.0), (3, 0.6), (4, 2.5)])
def test_spiral_arms_follow_their_formula_without_noise(classes, turns):
    X, y = spirals(400, classes=classes, turns=turns, noise=0)
    r = np.hypot(*X.T)
    assert np.all((r > 0) & (r < 1))
    # the angle of each point is 2 pi (turns r + k / K), up to whole turns
    expected = 2 * np.pi * (turns * r + y / classes)
    offset = np.angle(np.exp(1j * (np.arctan2(X[:, 1], X[:, 0]) - expected)))
    np.testing.assert_allclose(offset, 0.0, atol=1e-9)
    # each arm is spread evenly along its length
    for label in range(classes):
        gaps = np.diff(np.sort(r[y == label]))
        np.testing.assert_allclose(gaps, gaps[0], rtol=1e-9)


def test_spirals_are_not_linearly_separable():
    X, y = spirals(200, noise=0)
    assert not linearly_separable(X, y)


@pytest.mark.parametrize("name, make", [("blobs", blobs), ("xor", xor_clouds), ("moons", moons),
                                        ("circles", circles), ("spirals", spirals)])
def test_toy_data_by_name_is_the_same_as_the_function(name, make):
    assert name in TOY_DATA
    for got, want in zip(toy_data(name.upper(), n=30, seed=4), make(30, seed=4)):
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("call, error, message", [
    (lambda: moons(1), ValueError, "moons: n must be an integer >= 2, got 1"),
    (lambda: moons(-5), ValueError, "moons: n must be an integer >= 2, got -5"),
    (lambda: moons(noise=-0.1), ValueError, "moons: noise must be >= 0"),
    (lambda: moons(noise=float("inf")), ValueError, "moons: noise must be finite"),
    (lambda: moons(noise="much"), TypeError, "moons: noise must be a real number"),
    (lambda: moons(seed=-1), ValueError, "moons: seed must be a non-negative integer"),
    (lambda: circles(n=2.5), ValueError, "circles: n must be an integer >= 2"),
    (lambda: circles(factor=1.0), ValueError, "circles: factor .* must be below 1"),
    (lambda: circles(factor=0), ValueError, "circles: factor must be positive"),
    (lambda: circles(noise=float("nan")), ValueError, "circles: noise must be finite"),
    (lambda: spirals(classes=1), ValueError, "spirals: classes must be an integer >= 2, got 1"),
    (lambda: spirals(classes=2.0), ValueError, "spirals: classes must be an integer >= 2"),
    (lambda: spirals(2, classes=3), ValueError, "spirals: n must be an integer >= 3, got 2"),
    (lambda: spirals(turns=0), ValueError, "spirals: turns must be positive"),
    (lambda: spirals(noise=-1), ValueError, "spirals: noise must be >= 0"),
    (lambda: spirals(seed="zero"), ValueError, "spirals: seed must be a non-negative integer"),
    (lambda: toy_data("moon"), ValueError, "unknown data set 'moon'. Did you mean 'moons'"),
    (lambda: toy_data("iris"), ValueError, "Known: blobs, xor, moons, circles, spirals"),
    (lambda: toy_data(None), TypeError, "toy_data: name must be a string"),
])
def test_bad_arguments_of_the_toy_sets_get_a_clear_message(call, error, message):
    with pytest.raises(error, match=message):
        call()


# --- the handwritten digits -------------------------------------------------------------------

@pytest.fixture(scope="module")
def full():
    """scikit-learn's digits as they ship, to check the split against."""
    from sklearn.datasets import load_digits

    return load_digits()


def _rows(images):
    """Images as sorted rows of 64 pixels: two sets of images compare as multisets."""
    flat = np.asarray(images).reshape(len(images), 64)
    return flat[np.lexsort(flat.T[::-1])]


def test_digits_shapes_dtypes_and_a_split_that_covers_every_image_once(full):
    data = digits()
    assert isinstance(data, Digits)
    assert data.X_train.shape == (1437, 64) and data.X_val.shape == (360, 64)
    assert data.images_train.shape == (1437, 8, 8) and data.images_val.shape == (360, 8, 8)
    assert data.y_train.shape == (1437,) and data.y_val.shape == (360,)
    for array in (data.X_train, data.X_val, data.images_train, data.images_val, data.mean,
                  data.std):
        assert array.dtype == np.float64 and np.isfinite(array).all()
    assert data.y_train.dtype == np.int64 and data.y_val.dtype == np.int64
    both = np.concatenate([data.images_train, data.images_val])
    np.testing.assert_array_equal(_rows(both), _rows(full.images))
    # each image keeps its own label
    labelled = {(tuple(img.ravel()), int(k)) for img, k in zip(full.images, full.target)}
    for images, labels in ((data.images_train, data.y_train), (data.images_val, data.y_val)):
        assert all((tuple(img.ravel()), int(k)) in labelled for img, k in zip(images, labels))
    assert repr(data) == ("Digits(1437 training and 360 validation images of 8×8 pixels, "
                          "digits 0-9, seed 0)")


@pytest.mark.parametrize("validation", [0.1, 0.2, 0.5])
def test_digits_split_is_stratified(full, validation):
    data = digits(validation=validation, seed=3)
    per_class = np.bincount(full.target)
    assert len(data.y_val) == np.ceil(validation * 1797)
    # every digit keeps its share in the validation part, to within one image
    assert np.all(np.abs(np.bincount(data.y_val, minlength=10) - validation * per_class) <= 1)
    np.testing.assert_array_equal(np.bincount(data.y_train, minlength=10)
                                  + np.bincount(data.y_val, minlength=10), per_class)


def test_digits_are_standardised_with_the_training_statistics_only():
    data = digits()
    pixels_train = data.images_train.reshape(-1, 64)
    pixels_val = data.images_val.reshape(-1, 64)
    np.testing.assert_allclose(data.mean, pixels_train.mean(axis=0), rtol=1e-12)
    np.testing.assert_allclose(data.std, pixels_train.std(axis=0), rtol=1e-12, atol=1e-12)
    varying = data.std > 0
    np.testing.assert_allclose(data.X_train[:, varying].mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(data.X_train[:, varying].std(axis=0), 1.0, rtol=1e-12)
    want_val = (pixels_val[:, varying] - data.mean[varying]) / data.std[varying]
    np.testing.assert_allclose(data.X_val[:, varying], want_val, rtol=1e-12)
    # the validation part was not standardised with its own statistics
    assert np.abs(data.X_val[:, varying].mean(axis=0)).max() > 0.01


def test_pixels_constant_in_training_are_zero_in_both_parts_without_warnings():
    data = digits()  # warnings are errors: a division by a zero std would fail here
    constant = data.std == 0
    assert constant[0] and constant.sum() >= 3          # the top-left corner is always blank
    assert np.all(data.X_train[:, constant] == 0) and np.all(data.X_val[:, constant] == 0)
    # with seed 0, pixel 24 is blank in every training image but not in every validation image
    assert constant[24] and np.any(data.images_val.reshape(-1, 64)[:, 24] > 0)


def test_digits_are_deterministic_per_seed_and_seeds_differ():
    a, b, c = digits(seed=5), digits(seed=5), digits(seed=6)
    for field in ("X_train", "y_train", "X_val", "y_val", "images_train", "mean", "std"):
        np.testing.assert_array_equal(getattr(a, field), getattr(b, field))
    assert not np.array_equal(a.y_val, c.y_val)
    assert not np.array_equal(a.mean, c.mean)


def test_digits_are_cached_and_every_call_gets_its_own_arrays(monkeypatch):
    first = digits(seed=11)
    first.X_train[:] = 0.0
    first.y_val[:] = -1

    def no_second_load():
        raise AssertionError("load_digits called again")

    monkeypatch.setattr("sklearn.datasets.load_digits", no_second_load)
    again = digits(seed=11)
    assert again.y_val.min() == 0 and np.abs(again.X_train).max() > 1
    assert not np.shares_memory(first.X_train, again.X_train)
    with pytest.raises(AssertionError, match="load_digits called again"):
        digits(seed=12)  # a new split does load the images


@pytest.mark.parametrize("call, error, message", [
    (lambda: digits(validation=0), ValueError, "digits: validation must be positive"),
    (lambda: digits(validation=-0.2), ValueError, "digits: validation must be positive"),
    (lambda: digits(validation=1.0), ValueError, "digits: validation must be a fraction"),
    (lambda: digits(validation=20), ValueError, "digits: validation must be a fraction"),
    (lambda: digits(validation=0.001), ValueError, "at least one image of each digit"),
    (lambda: digits(validation=0.999), ValueError, "at least one image of each digit"),
    (lambda: digits(validation="20%"), TypeError, "digits: validation must be a real number"),
    (lambda: digits(validation=float("nan")), ValueError, "digits: validation must be finite"),
    (lambda: digits(seed=-3), ValueError, "digits: seed must be a non-negative integer"),
    (lambda: digits(0.2), TypeError, "positional"),
])
def test_bad_arguments_of_digits_get_a_clear_message(call, error, message):
    with pytest.raises(error, match=message):
        call()
