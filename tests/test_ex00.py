"""Exercise set 00 (warm-up): every question accepts right answers in their usual forms, reports the
untouched stub as not attempted, and gives the intended diagnosis for each typical mistake."""

import numpy as np
import pytest
from exercise_helpers import assert_wrong

import actlab
from actlab.exercises import ex00


# -- the references themselves, against independent values -----------------------------------------

def test_weighted_sum_reference_matches_a_hand_computation():
    X = np.array([[1.0, 2.0], [3.0, 4.0], [-1.0, 0.5]])
    z = ex00.weighted_sum(X, np.array([0.5, -1.0]), 0.25)
    np.testing.assert_allclose(z, [0.5 - 2 + 0.25, 1.5 - 4 + 0.25, -0.5 - 0.5 + 0.25], rtol=1e-15)


def test_relu_reference_matches_the_library_and_keeps_dtype():
    for case in ex00.q2.cases:
        (x,) = case.args
        expected = actlab.relu(x)
        np.testing.assert_array_equal(ex00.relu(x), expected)
        assert ex00.relu(x).dtype == expected.dtype == x.dtype


def test_dense_forward_reference_matches_one_neuron_per_column():
    for case in ex00.q3.cases:
        X, W, b = case.args
        by_unit = np.stack([ex00.weighted_sum(X, W[:, j], b[j]) for j in range(W.shape[1])], axis=1)
        np.testing.assert_allclose(ex00.dense_forward(X, W, b), by_unit, rtol=1e-12)


def test_the_library_relu_passes_q2():
    assert ex00.q2.check(actlab.relu).passed


# -- the notebook and the module agree ------------------------------------------------------------


# -- q1 weighted_sum ---------------------------------------------------------------------------------

@pytest.mark.parametrize("answer", [
    lambda X, w, b: np.dot(X, w) + b,
    lambda X, w, b: (X * w).sum(axis=1) + b,
    lambda X, w, b: np.einsum("nd,d->n", X, w) + b,
])
def test_q1_accepts_other_vectorised_forms(answer):
    assert ex00.q1.check(answer).passed


def test_q1_exception_in_learner_code():
    def weighted_sum(X, w, b):
        return X @ w + B  # noqa: F821

    assert_wrong(ex00.q1.check(weighted_sum), "error", "NameError", "return X @ w + B", "X =  [[ 1. ,  2. ]")


def test_q1_none_returned():
    def weighted_sum(X, w, b):
        z = X @ w + b  # noqa: F841

    assert_wrong(ex00.q1.check(weighted_sum), "none", "did you forget `return`?")


def test_q1_matmul_in_the_wrong_order():
    assert_wrong(ex00.q1.check(lambda X, w, b: w @ X + b), "error",
           "You computed `w @ X`", "use `X @ w`", "ValueError: matmul")


def test_q1_np_dot_in_the_wrong_order():
    assert_wrong(ex00.q1.check(lambda X, w, b: np.dot(w, X) + b), "error",
           "must meet in the middle", "not aligned")


def test_q1_bias_forgotten():
    assert_wrong(ex00.q1.check(lambda X, w, b: X @ w), "values", "the bias is missing",
           "expected:  [-1.25, -2.25, -0.75]", "received:  [-1.5, -2.5, -1. ]")


def test_q1_products_not_summed():
    assert_wrong(ex00.q1.check(lambda X, w, b: X * w + b), "shape", "did not add the products up",
           "returned shape (3, 2), expected (3,)")


def test_q1_sum_over_the_wrong_axis():
    assert_wrong(ex00.q1.check(lambda X, w, b: (X * w).sum(axis=0) + b), "shape",
           "summed over axis 0", "returned shape (2,), expected (3,)")


def test_q1_sum_over_everything():
    assert_wrong(ex00.q1.check(lambda X, w, b: np.sum(X * w) + b), "type",
           "added up every product in the whole batch", "a single numpy number")


def test_q1_column_instead_of_vector():
    assert_wrong(ex00.q1.check(lambda X, w, b: X @ w[:, None] + b), "shape",
           "a column of shape (n, 1)", "extra axis of length 1")


def test_q1_integer_storage_cuts_fractions():
    def weighted_sum(X, w, b):
        z = np.zeros_like(X[:, 0])
        z[:] = X @ w + b
        return z

    assert_wrong(ex00.q1.check(weighted_sum), "dtype", "The fractions were cut off",
           "integer inputs, float weights", "an integer array (int64)")


def test_q1_input_mutated():
    def weighted_sum(X, w, b):
        X *= w
        return X.sum(axis=1) + b

    assert_wrong(ex00.q1.check(weighted_sum), "mutation", "`X *= w`", "changed its input `X`")


def test_q1_python_loop_over_examples():
    def weighted_sum(X, w, b):
        return np.array([row @ w + b for row in X])

    assert_wrong(ex00.q1.check(weighted_sum), "loop", "runs a Python loop", "30,000 numbers")


def test_q1_list_returned():
    assert_wrong(ex00.q1.check(lambda X, w, b: list(X @ w + b)), "type", "a Python list", "np.array(...)")


# -- q2 relu -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("answer", [
    lambda x: np.where(x > 0, x, 0),
    lambda x: x * (x > 0),
    lambda x: np.clip(x, 0, None),
    lambda x: (x + np.abs(x)) / 2,
])
def test_q2_accepts_other_vectorised_forms(answer):
    assert ex00.q2.check(answer).passed


def test_q2_python_max_on_arrays():
    def relu(x):
        return np.array([max(v, 0.0) for v in x])

    assert_wrong(ex00.q2.check(relu), "error", "Python's `max(v, 0)`", "truth value", "a 2-D array",
           "return np.array([max(v, 0.0) for v in x])")


def test_q2_exception_in_learner_code():
    def relu(x):
        return np.maximum(x, 0) + x.relu()

    assert_wrong(ex00.q2.check(relu), "error", "AttributeError", "'relu'", "including the kink x = 0")


def test_q2_none_returned():
    def relu(x):
        y = np.maximum(x, 0)  # noqa: F841

    assert_wrong(ex00.q2.check(relu), "none", "did you forget `return`?")


def test_q2_np_max_is_a_reduction():
    assert_wrong(ex00.q2.check(lambda x: np.max(x, 0)), "type", "`np.max(x, 0)` is a reduction",
           "expected an array of shape (5,)")


def test_q2_mask_instead_of_values():
    assert_wrong(ex00.q2.check(lambda x: x > 0), "dtype", "the mask of positive entries",
           "True/False", "received:  [False, False, False,  True,  True]")


def test_q2_derivative_instead_of_function():
    assert_wrong(ex00.q2.check(lambda x: np.where(x > 0, 1.0, 0.0).astype(x.dtype)), "values",
           "the derivative of ReLU", "expected:  [0. , 0. , 0. , 0.5, 3. ]")
    assert_wrong(ex00.q2.check(lambda x: np.where(x > 0, 1, 0)), "dtype", "the derivative of ReLU")


def test_q2_negative_part_kept():
    assert_wrong(ex00.q2.check(lambda x: np.minimum(x, 0)), "values", "You kept the negative part",
           "First at index (0,): expected 0, received -2.")


def test_q2_absolute_value():
    assert_wrong(ex00.q2.check(lambda x: np.abs(x)), "values", "That is |x|")


def test_q2_float32_promoted_to_float64():
    assert_wrong(ex00.q2.check(lambda x: np.maximum(x, np.zeros(x.shape))), "dtype",
           "`np.zeros(x.shape)`", "float64 numbers, but the input was float32", "float32 input")


def test_q2_input_mutated():
    def relu(x):
        x[x < 0] = 0
        return x

    assert_wrong(ex00.q2.check(relu), "mutation", "`x[x < 0] = 0`", "changed its input `x`",
           "x =  [0. , 0. , 0. , 0.5, 3. ]")


def test_q2_out_equals_x_mutates():
    assert_wrong(ex00.q2.check(lambda x: np.maximum(x, 0, out=x)), "mutation", "out=x")


@pytest.mark.parametrize("relu", [
    lambda x: np.vectorize(lambda v: max(v, 0.0), otypes=[x.dtype])(x),
    lambda x: np.array([max(v, 0.0) for v in x.ravel()], dtype=x.dtype).reshape(x.shape),
])
def test_q2_python_loop(relu):
    assert_wrong(ex00.q2.check(relu), "loop", "runs a Python loop", "10,000 numbers")


# -- q3 dense_forward --------------------------------------------------------------------------------

@pytest.mark.parametrize("answer", [
    lambda X, W, b: np.dot(X, W) + b,
    lambda X, W, b: (W.T @ X.T).T + b,
    lambda X, W, b: np.einsum("ni,io->no", X, W) + b[None, :],
])
def test_q3_accepts_other_vectorised_forms(answer):
    assert ex00.q3.check(answer).passed


def test_q3_exception_in_learner_code():
    def dense_forward(X, W, b):
        return X @ W + b.reshape(1, 4)

    assert_wrong(ex00.q3.check(dense_forward), "error", "ValueError: cannot reshape array of size 2",
           "return X @ W + b.reshape(1, 4)", "d_in = d_out = 2")


def test_q3_none_returned():
    def dense_forward(X, W, b):
        Z = X @ W + b  # noqa: F841

    assert_wrong(ex00.q3.check(dense_forward), "none", "did you forget `return`?")


def test_q3_matmul_dimensions():
    assert_wrong(ex00.q3.check(lambda X, W, b: W @ X + b), "error",
           "`X @ W` works, (n, d_in) @ (d_in, d_out) → (n, d_out)")


def test_q3_transposed_weights():
    assert_wrong(ex00.q3.check(lambda X, W, b: X @ W.T + b), "error",
           "You used the transposed weights", "nn.Linear", "ValueError: matmul")


def test_q3_elementwise_product():
    result = ex00.q3.check(lambda X, W, b: X * W + b)   # (the learner's line is quoted: no phrase)
    assert_wrong(result, "error", "`X * W` multiplies elementwise", "broadcast")


def test_q3_bias_forgotten():
    assert_wrong(ex00.q3.check(lambda X, W, b: X @ W), "values", "the bias is missing")


def test_q3_result_transposed():
    assert_wrong(ex00.q3.check(lambda X, W, b: (X @ W + b).T), "shape", "You returned the transpose",
           "returned shape (4, 2), expected (2, 4)", "That is the transposed shape")


def test_q3_bias_along_the_wrong_axis():
    assert_wrong(ex00.q3.check(lambda X, W, b: X @ W + b[:, None]), "error",
           "The bias went along the wrong axis", "could not be broadcast")


def test_q3_relu_applied():
    assert_wrong(ex00.q3.check(lambda X, W, b: np.maximum(X @ W + b, 0)), "values", "You applied ReLU")


def test_q3_wrong_shape_batch_summed():
    assert_wrong(ex00.q3.check(lambda X, W, b: (X @ W + b).sum(axis=0)), "shape",
           "returned shape (4,), expected (2, 4)")


def test_q3_input_mutated():
    def dense_forward(X, W, b):
        W += b
        return X @ W

    assert_wrong(ex00.q3.check(dense_forward), "mutation", "`W += b`", "changed its input `W`")


def test_q3_python_loops():
    def dense_forward(X, W, b):
        Z = np.empty((X.shape[0], W.shape[1]))
        for k in range(X.shape[0]):
            Z[k] = X[k] @ W + b
        return Z

    assert_wrong(ex00.q3.check(dense_forward), "loop", "runs a Python loop")
