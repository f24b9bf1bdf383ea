"""Exercise set 02 (why non-linearity): right answers in their usual forms pass, the untouched stub
is "not attempted", and every typical mistake gets its intended diagnosis."""

import numpy as np
import pytest
from exercise_helpers import assert_wrong

from actlab import relu
from actlab.datasets import logic_gate
from actlab.exercises import ex02
from actlab.network import Dense, Network, collapse, fit_relu_pieces


# -- the references, against the library ---------------------------------------------------------

def test_collapsed_layer_references_match_the_library_and_the_stack():
    rng = np.random.default_rng(5)
    for w_case in ex02.q1.cases:
        W1, W2 = w_case.args
        first = Dense(W1, rng.normal(size=W1.shape[1]))
        second = Dense(W2, rng.normal(size=W2.shape[1]))
        single = collapse(first, second)
        np.testing.assert_allclose(ex02.collapsed_weights(W1, W2), single.weights, atol=1e-12)
        np.testing.assert_allclose(ex02.collapsed_bias(first.bias, W2, second.bias), single.bias,
                                   atol=1e-12)
        X = rng.normal(size=(6, W1.shape[0]))
        one_layer = X @ ex02.collapsed_weights(W1, W2) + ex02.collapsed_bias(first.bias, W2,
                                                                              second.bias)
        np.testing.assert_allclose(one_layer, second(first(X)), atol=1e-12)


def test_xor_network_reference_computes_xor():
    X, y = logic_gate("xor")
    np.testing.assert_array_equal(ex02.xor_network(X), y[:, None])


def test_relu_features_reference_is_the_hidden_layer_of_the_library_fit():
    x = np.linspace(-3, 3, 50)
    network = fit_relu_pieces(x, np.sin(x), 4)
    knots = -network.layers[0].bias
    np.testing.assert_allclose(ex02.relu_features(x, knots), network.layers[0](x[:, None]))
    np.testing.assert_array_equal(ex02.relu_features(x, knots),
                                  [[relu(xi - k) for k in knots] for xi in x])


# -- the notebook and the module agree ------------------------------------------------------------


# -- q1 collapsed_weights ----------------------------------------------------------------------------

@pytest.mark.parametrize("answer", [lambda W1, W2: np.dot(W1, W2), lambda W1, W2: (W2.T @ W1.T).T,
                                    lambda W1, W2: np.einsum("ih,ho->io", W1, W2)])
def test_q1_accepts_other_forms(answer):
    assert ex02.q1.check(answer).passed


@pytest.mark.parametrize("answer", [lambda W1, W2: W2 @ W1, lambda W1, W2: np.dot(W2, W1)])
def test_q1_column_vector_order_raises_on_rectangular_layers(answer):
    assert_wrong(ex02.q1.check(answer), "error", "W₂W₁ is the textbook formula for column vectors",
                 "3 inputs → 4 hidden units → 2 outputs")


def test_q1_a_function_like_the_column_order_on_one_case_only_is_not_told_it_is():
    # W2 @ W1 on the square case, W1 @ W2 elsewhere: not the column-order mistake, whatever case 2
    # alone suggests, so only the evidence is shown
    def collapsed_weights(W1, W2):
        return W2 @ W1 if W1.shape == W2.shape else W1 @ W2

    result = ex02.q1.check(collapsed_weights)
    assert_wrong(result, "values", "square layers", "2 of 4 values differ")
    assert "column vectors" not in result.message


def test_q1_transposed_result():
    assert_wrong(ex02.q1.check(lambda W1, W2: W2.T @ W1.T), "shape", "You returned the transpose",
                 "returned shape (2, 3), expected (3, 2)")


@pytest.mark.parametrize("answer", [lambda W1, W2: W1 * W2, lambda W1, W2: np.multiply(W1, W2)])
def test_q1_elementwise_product_raises_and_is_diagnosed(answer):
    result = ex02.q1.check(answer)
    assert_wrong(result, "error", "multiplies entry by entry",
                 "operands could not be broadcast together with shapes (3,4) (4,2)")
    assert "not adding them" not in result.message


def test_q1_sum_of_weights_raises_and_is_diagnosed():
    result = ex02.q1.check(lambda W1, W2: W1 + W2)
    assert_wrong(result, "error", "not adding them", "at `W1 + W2`")
    assert "entry by entry" not in result.message


def test_q1_input_mutated():
    def collapsed_weights(W1, W2):
        W1 /= 2
        return 2 * W1 @ W2

    assert_wrong(ex02.q1.check(collapsed_weights), "mutation", "changed W1 or W2 in place",
                 "changed its input `W1`")


def test_q1_exception_in_learner_code():
    def collapsed_weights(W1, W2):
        return W1 @ W2 @ W3  # noqa: F821

    assert_wrong(ex02.q1.check(collapsed_weights), "error", "NameError", "W3")


# -- q2 collapsed_bias -------------------------------------------------------------------------------

@pytest.mark.parametrize("answer", [lambda b1, W2, b2: np.dot(b1, W2) + b2,
                                    lambda b1, W2, b2: W2.T @ b1 + b2,
                                    lambda b1, W2, b2: (b1[None, :] @ W2 + b2)[0]])
def test_q2_accepts_other_forms(answer):
    assert ex02.q2.check(answer).passed


def test_q2_column_vector_formula_raises_on_a_rectangular_layer():
    assert_wrong(ex02.q2.check(lambda b1, W2, b2: W2 @ b1 + b2), "error",
                 "W₂b₁ + b₂ is the column-vector formula", "4 hidden units → 2 outputs")


def test_q2_second_bias_forgotten():
    assert_wrong(ex02.q2.check(lambda b1, W2, b2: b1 @ W2), "values", "b₂ is missing")


def test_q2_biases_added_do_not_broadcast():
    result = ex02.q2.check(lambda b1, W2, b2: b1 + b2)   # (the learner's line is quoted: no phrase)
    assert_wrong(result, "error", "You added the two biases",
                 "operands could not be broadcast together with shapes (4,) (2,)")


def test_q2_elementwise_product_with_w2_is_not_told_about_adding_biases():
    result = ex02.q2.check(lambda b1, W2, b2: b1 * W2 + b2)
    assert_wrong(result, "error", "`b1 * W2` multiplies entry by entry",
                 "shapes (4,) (4,2)", "at `b1 * W2`")
    assert "added the two biases" not in result.message


def test_q2_only_the_second_bias():
    assert_wrong(ex02.q2.check(lambda b1, W2, b2: b2.copy()), "values", "That is only b₂")


def test_q2_wrong_shape():
    assert_wrong(ex02.q2.check(lambda b1, W2, b2: b1[:, None] * W2 + b2), "shape",
                 "returned shape (4, 2), expected (2,)")


def test_q2_input_mutated():
    def collapsed_bias(b1, W2, b2):
        b2 += b1 @ W2
        return b2

    assert_wrong(ex02.q2.check(collapsed_bias), "mutation", "`b2 += ...`", "changed its input `b2`")


# -- q3 xor_network ----------------------------------------------------------------------------------

XOR_NETWORK = """
def xor_network(X):
    W1 = np.array({W1})
    b1 = np.array({b1})
    W2 = np.array({W2})
    b2 = np.array({b2})
    H = np.where(X @ W1 + b1 >= 0, 1, 0)
    return np.where(H @ W2 + b2 >= 0, 1, 0)
"""


def network_with(W1, b1, W2, b2):
    """The learner's xor_network with these numbers typed in its placeholder. W2 and b2 are given
    as the output unit's weights and bias, and typed with the lesson's shapes (2, 1) and (1,)."""
    namespace = {"np": np}
    exec(XOR_NETWORK.format(W1=W1, b1=b1, W2=[[w] for w in W2], b2=[b2]), namespace)
    return namespace["xor_network"]


def test_xor_network_reference_has_the_lessons_shapes():
    X, y = logic_gate("xor")
    assert ex02.xor_network(X).shape == (4, 1)
    lesson = Network([Dense([[1.0, 1.0], [1.0, 1.0]], [-0.5, -1.5], "binary_step"),
                      Dense([[1.0], [-1.0]], [-0.5], "binary_step")])
    np.testing.assert_array_equal(ex02.xor_network(X), lesson(X))


@pytest.mark.parametrize("weights", [
    ([[1, 1], [1, 1]], [-0.5, -1.5], [1, -1], -0.5),       # OR and not AND
    ([[1, -1], [-1, 1]], [-0.5, -0.5], [1, 1], -0.5),      # x1 and not x2, or x2 and not x1
    ([[1, -1], [1, -1]], [-0.5, 1.5], [1, 1], -1.5),       # OR and NAND
])
def test_q3_accepts_any_network_that_computes_xor(weights):
    assert ex02.q3.check(network_with(*weights)).passed


def test_q3_accepts_a_number_for_b2():
    source = XOR_NETWORK.replace("b2 = np.array({b2})", "b2 = {b2}")
    namespace = {"np": np}
    exec(source.format(W1=[[1, 1], [1, 1]], b1=[-0.5, -1.5], W2=[[1], [-1]], b2=-0.5), namespace)
    assert ex02.q3.check(namespace["xor_network"]).passed


def test_q3_or():
    assert_wrong(ex02.q3.check(network_with([[1, 1], [1, 1]], [-0.5, -1.5], [1, 0], -0.5)),
                 "values", "Your network computes OR")


def test_q3_and():
    assert_wrong(ex02.q3.check(network_with([[1, 1], [1, 1]], [-0.5, -1.5], [0, 1], -0.5)),
                 "values", "Your network computes AND")


def test_q3_xnor():
    assert_wrong(ex02.q3.check(network_with([[1, 1], [1, 1]], [-0.5, -1.5], [-1, 1], 0.5)),
                 "values", "Your network computes XNOR")


def test_q3_nand():
    assert_wrong(ex02.q3.check(network_with([[1, 1], [1, 1]], [-0.5, -1.5], [0, -1], 0.5)),
                 "values", "Your network computes NAND")


def test_q3_output_on_its_own_boundary_answers_one_everywhere():
    assert_wrong(ex02.q3.check(network_with([[1, 1], [1, 1]], [-0.5, -1.5], [1, -1], 0.0)),
                 "values", "answers 1 everywhere", "step(0) = 1")


def test_q3_and_unit_on_its_boundary_fires_for_one_input_pairs():
    # the AND unit with b = -1 has z = 0 for (0, 1) and (1, 0): step(0) = 1, so it is an OR unit
    result = ex02.q3.check(network_with([[1, 1], [1, 1]], [-0.5, -1.0], [1, -1], -0.5))
    assert_wrong(result, "values", "Hidden unit 2 (column 1 of W1, b1[1])",
                 "z = 0 exactly for (0, 1) and (1, 0)", "step(0) = 1", "computes OR",
                 "If it is meant to be AND")
    assert "too negative" not in result.message


def test_q3_two_identical_hidden_units_are_named():
    result = ex02.q3.check(network_with([[1, 1], [1, 1]], [-0.5, -0.5], [1, -1], -0.5))
    assert_wrong(result, "values", "Both hidden units compute OR")


def test_q3_a_hidden_unit_that_never_fires_is_named():
    result = ex02.q3.check(network_with([[1, 1], [1, 1]], [-0.5, -3.0], [1, -1], -0.5))
    assert_wrong(result, "values", "Hidden unit 2 (column 1 of W1, b1[1]) computes 0 for every "
                                   "input (it never fires)")


def test_q3_never_fires():
    assert_wrong(ex02.q3.check(network_with([[1, 1], [1, 1]], [-0.5, -1.5], [1, -1], -1.5)),
                 "values", "answers 0 everywhere")


def test_q3_shapes_that_do_not_fit():
    assert_wrong(ex02.q3.check(network_with([[1, 1, 0], [1, 1, 0]], [-0.5, -1.5, 0], [1, -1], 0)),
                 "error", "Check the shapes", "W2 is (2, 1)")


def test_q3_output_weights_as_a_flat_vector_are_told_the_lessons_shape():
    # the first edition's shapes: W2 of shape (2,) and b2 a number give one answer per row, (n,)
    namespace = {"np": np}
    exec(XOR_NETWORK.replace("b2 = np.array({b2})", "b2 = {b2}").format(
        W1=[[1, 1], [1, 1]], b1=[-0.5, -1.5], W2=[1, -1], b2=-0.5), namespace)
    assert_wrong(ex02.q3.check(namespace["xor_network"]), "shape", "Your W2 has shape (2,)",
                 "a column of shape (2, 1)", "returned shape (4,), expected (4, 1)")


def test_q3_a_flat_answer_not_from_a_flat_w2_gets_only_the_shape():
    def xor_network(X):
        return network_with([[1, 1], [1, 1]], [-0.5, -1.5], [1, -1], -0.5)(X).ravel()

    result = ex02.q3.check(xor_network)
    assert_wrong(result, "shape", "returned shape (4,), expected (4, 1)")
    assert "Your W2 has shape" not in result.message


def test_q3_input_mutated():
    def xor_network(X):
        X[:, 0] = X[:, 0] != X[:, 1]
        return X[:, :1].astype(int)

    assert_wrong(ex02.q3.check(xor_network), "mutation", "changed its input `X`")


# -- q4 relu_features --------------------------------------------------------------------------------

@pytest.mark.parametrize("answer", [
    lambda x, knots: np.maximum(np.subtract.outer(x, knots), 0),
    lambda x, knots: np.clip(x[:, None] - knots, 0, None),
    lambda x, knots: relu(x.reshape(-1, 1) - knots.reshape(1, -1)),
])
def test_q4_accepts_other_vectorised_forms(answer):
    assert ex02.q4.check(answer).passed


def test_q4_no_broadcast():
    assert_wrong(ex02.q4.check(lambda x, knots: np.maximum(x - knots, 0)), "error",
                 "pairs x[i] with knots[i]", "Every point needs every knot",
                 "operands could not be broadcast", "at `x - knots`")




def test_q4_transposed():
    assert_wrong(ex02.q4.check(lambda x, knots: np.maximum(x[None, :] - knots[:, None], 0)), "shape",
                 "You returned the transpose", "returned shape (3, 5), expected (5, 3)")


def test_q4_mirror_image():
    assert_wrong(ex02.q4.check(lambda x, knots: np.maximum(knots[None, :] - x[:, None], 0)),
                 "values", "relu(knot − x), the mirror image")


def test_q4_relu_forgotten():
    assert_wrong(ex02.q4.check(lambda x, knots: x[:, None] - knots[None, :]), "values",
                 "the ReLU is missing")


def test_q4_np_max_reduction():
    assert_wrong(ex02.q4.check(lambda x, knots: np.max(x[:, None] - knots[None, :], 0)), "shape",
                 "`np.max(..., 0)` is a reduction")


def test_q4_float32_promoted():
    assert_wrong(ex02.q4.check(lambda x, knots: np.maximum(x[:, None] - knots[None, :],
                                                           np.zeros(1))),
                 "dtype", "float64 numbers, but the input was float32")


def test_q4_input_mutated():
    def relu_features(x, knots):
        x -= knots.mean()
        return np.maximum(x[:, None] - (knots - knots.mean())[None, :], 0)

    assert_wrong(ex02.q4.check(relu_features), "mutation", "changed x or knots in place")


def test_q4_python_loop():
    def relu_features(x, knots):
        return np.array([[max(xi - k, 0.0) for k in knots] for xi in x], dtype=x.dtype)

    assert_wrong(ex02.q4.check(relu_features), "loop", "runs a Python loop")


def test_q4_exception_in_learner_code():
    def relu_features(x, knots):
        return np.maximum(x[:, None] - knots[None, :], 0, axis=1)

    assert_wrong(ex02.q4.check(relu_features), "error", "TypeError", "axis")
