"""actlab.datasets: truth tables against Python's own operators, separability by linear programming."""

import numpy as np
import pytest
from scipy.optimize import linprog

from actlab.datasets import GATES, blobs, gate_outputs, logic_gate, xor_clouds

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


@pytest.mark.parametrize("make", [blobs, xor_clouds])
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
