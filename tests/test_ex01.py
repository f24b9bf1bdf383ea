"""Exercise set 01 (the perceptron): right answers in their usual forms pass, the untouched stub is
"not attempted", and every typical mistake gets its intended diagnosis."""

import numpy as np
import pytest
from exercise_helpers import assert_wrong

from actlab.datasets import logic_gate
from actlab.exercises import ex01
from actlab.perceptron import Perceptron, learning_rule_step, train


def _step(z):
    return 1 if z >= 0 else 0


# -- the references, against the library and by hand ----------------------------------------------

def test_predict_reference_matches_the_library_perceptron():
    for case in ex01.q1.cases + [ex01.q1.vectorised]:
        X, w, b = case.args
        np.testing.assert_array_equal(ex01.predict(X, w, b), Perceptron(w, b).predict(X))


def test_learning_rule_step_reference_matches_the_library_with_the_bias_folded_in():
    for case in ex01.q2.cases:
        w, x, y, eta = case.args
        new_w, new_b = learning_rule_step(w[:-1], w[-1], x[:-1], y, learning_rate=eta)
        np.testing.assert_allclose(ex01.learning_rule_step(w, x, y, eta), [*new_w, new_b])


def test_nand_reference_computes_nand():
    X, y = logic_gate("nand")
    np.testing.assert_array_equal(ex01.nand_perceptron(X), y)


def test_epoch_reference_is_one_epoch_of_the_library_training():
    for gate in ("and", "or", "nand", "xor"):
        X, y = logic_gate(gate)
        history = train(X, y, max_epochs=1)
        augmented = np.column_stack([X, np.ones(len(X))])
        np.testing.assert_allclose(ex01.epoch(np.zeros(3), augmented, y, 1.0),
                                   [*history.weights[1], history.biases[1]])


def test_predict_and_epoch_by_hand():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    np.testing.assert_array_equal(ex01.predict(X, np.array([1.0, 1.0]), -1.0), [0, 1, 1, 1])
    # AND from zero: (0,0) is a false 1 (z = 0) -> b = -1; (1,1) a missed 1 -> w = (1, 1), b = 0
    augmented = np.column_stack([X, np.ones(4)])
    np.testing.assert_array_equal(ex01.epoch(np.zeros(3), augmented, np.array([0, 0, 0, 1]), 1.0),
                                  [1.0, 1.0, 0.0])


# -- the notebook and the module agree ------------------------------------------------------------


# -- q1 predict --------------------------------------------------------------------------------------

@pytest.mark.parametrize("answer", [
    lambda X, w, b: (X @ w + b >= 0).astype(float),
    lambda X, w, b: np.heaviside(X @ w + b, 1.0),
    lambda X, w, b: X @ w + b >= 0,
    lambda X, w, b: Perceptron(w, b).predict(X),
])
def test_q1_accepts_other_vectorised_forms(answer):
    assert ex01.q1.check(answer).passed


def test_q1_strict_comparison_at_the_boundary():
    assert_wrong(ex01.q1.check(lambda X, w, b: np.where(X @ w + b > 0, 1, 0)), "values",
                 "compare with `>=`, not `>`", "exactly on the boundary: z = 0",
                 "expected:  [0, 1, 1, 1]", "received:  [0, 0, 0, 1]")


def test_q1_python_if_on_an_array():
    def predict(X, w, b):
        z = X @ w + b
        return 1 if z >= 0 else 0

    assert_wrong(ex01.q1.check(predict), "error", "`if z >= 0:` decides for one number",
                 "return 1 if z >= 0 else 0")


@pytest.mark.parametrize("answer", [lambda X, w, b: np.where(w @ X + b >= 0, 1, 0),
                                    lambda X, w, b: np.where(np.dot(w, X) + b >= 0, 1, 0)])
def test_q1_product_in_the_wrong_order(answer):
    assert_wrong(ex01.q1.check(answer), "error", "must meet in the middle", "`X @ w` works")


def test_q1_weighted_sum_without_step():
    assert_wrong(ex01.q1.check(lambda X, w, b: X @ w + b), "values",
                 "Those are the weighted sums z = X·w + b")


def test_q1_np_sign():
    assert_wrong(ex01.q1.check(lambda X, w, b: np.sign(X @ w + b)), "values", "`np.sign` gives −1")


def test_q1_bias_forgotten():
    assert_wrong(ex01.q1.check(lambda X, w, b: np.where(X @ w >= 0, 1, 0)), "values",
                 "The bias is missing")


def test_q1_bias_subtracted_is_not_told_the_bias_is_missing():
    result = ex01.q1.check(lambda X, w, b: np.where(X @ w - b >= 0, 1, 0))
    assert_wrong(result, "values", "You subtracted the bias")
    assert "The bias is missing" not in result.message


def test_q1_right_answer_as_a_list_is_told_the_type_only():
    result = ex01.q1.check(lambda X, w, b: [1 if z >= 0 else 0 for z in X @ w + b])
    assert_wrong(result, "type", "a Python list", "expected a numpy array")
    assert "compare with `>=`" not in result.message


def test_q1_answers_swapped():
    assert_wrong(ex01.q1.check(lambda X, w, b: np.where(X @ w + b >= 0, 0, 1)), "values",
                 "Your 0s and 1s are swapped")


def test_q1_wrong_shape():
    assert_wrong(ex01.q1.check(lambda X, w, b: np.where(X @ w + b >= 0, 1, 0)[:, None]), "shape",
                 "returned shape (4, 1), expected (4,)", "extra axis of length 1")


def test_q1_input_mutated():
    def predict(X, w, b):
        X *= w
        return np.where(X.sum(axis=1) + b >= 0, 1, 0)

    assert_wrong(ex01.q1.check(predict), "mutation", "`X *= w`", "changed its input `X`")


def test_q1_exception_in_learner_code():
    def predict(X, w, b):
        return np.where(X @ w + bias >= 0, 1, 0)  # noqa: F821

    assert_wrong(ex01.q1.check(predict), "error", "NameError", "bias")


def test_q1_python_loop():
    def predict(X, w, b):
        return np.array([1 if x @ w + b >= 0 else 0 for x in X])

    assert_wrong(ex01.q1.check(predict), "loop", "runs a Python loop", "20,000 numbers")


# -- q2 learning_rule_step ---------------------------------------------------------------------------

@pytest.mark.parametrize("answer", [
    lambda w, x, y, eta: w + eta * (y - np.heaviside(x @ w, 1.0)) * x,
    lambda w, x, y, eta: w + eta * (y - float(np.dot(w, x) >= 0)) * x,
])
def test_q2_accepts_other_forms(answer):
    assert ex01.q2.check(answer).passed


def test_q2_wrong_sign():
    assert_wrong(ex01.q2.check(lambda w, x, y, eta: w - eta * (y - _step(x @ w)) * x), "values",
                 "The weights moved the wrong way", "a missed 1: y = 1 but z = -1",
                 "expected:  [1.5, 0. , 0.5]", "received:  [-0.5, -2. , -1.5]")


def test_q2_strict_comparison_at_zero():
    assert_wrong(ex01.q2.check(lambda w, x, y, eta: w + eta * (y - int(x @ w > 0)) * x), "values",
                 "compare with `>=`, not `>`", "z = 0 exactly")


def test_q2_lms_rule_with_z():
    assert_wrong(ex01.q2.check(lambda w, x, y, eta: w + eta * (y - x @ w) * x), "values",
                 "Widrow–Hoff (LMS) rule")


def test_q2_label_instead_of_error():
    assert_wrong(ex01.q2.check(lambda w, x, y, eta: w + eta * y * x), "values",
                 "You added η·y·x")


def test_q2_learning_rate_forgotten():
    assert_wrong(ex01.q2.check(lambda w, x, y, eta: w + (y - _step(x @ w)) * x), "values",
                 "The learning rate is missing", "learning rate 0.1")


def test_q2_prediction_without_the_bias_entry():
    def learning_rule_step(w, x, y, eta):
        y_hat = 1 if x[:-1] @ w[:-1] >= 0 else 0
        return w + eta * (y - y_hat) * x

    assert_wrong(ex01.q2.check(learning_rule_step), "values", "ŷ without the bias",
                 "the bias flips the answer")


def test_q2_input_mutated():
    def learning_rule_step(w, x, y, eta):
        w += eta * (y - _step(x @ w)) * x
        return w

    assert_wrong(ex01.q2.check(learning_rule_step), "mutation", "`w += ...`",
                 "changed its input `w`")


def test_q2_bias_dropped_gives_the_wrong_shape():
    assert_wrong(ex01.q2.check(lambda w, x, y, eta: (w + eta * (y - _step(x @ w)) * x)[:-1]),
                 "shape", "returned shape (2,), expected (3,)")


def test_q2_exception_in_learner_code():
    def learning_rule_step(w, x, y, eta):
        return w + eta * (y - predict(x, w)) * x  # noqa: F821

    assert_wrong(ex01.q2.check(learning_rule_step), "error", "NameError", "predict")


# -- q3 nand_perceptron ------------------------------------------------------------------------------

def perceptron_with(w, b):
    return lambda X: np.where(X @ np.array(w) + b >= 0, 1, 0)


@pytest.mark.parametrize("w, b", [((-1, -1), 1.5), ((-2, -2), 3.5), ((-0.5, -1), 1.2)])
def test_q3_accepts_any_weights_that_compute_nand(w, b):
    assert ex01.q3.check(perceptron_with(w, b)).passed


def test_q3_and_instead_of_nand():
    assert_wrong(ex01.q3.check(perceptron_with((1, 1), -1.5)), "values", "That is AND")


def test_q3_point_on_the_line_gives_one():
    assert_wrong(ex01.q3.check(perceptron_with((-1, -1), 2.0)), "values",
                 "answers 1 for every input", "remember step(0) = 1")


def test_q3_or():
    assert_wrong(ex01.q3.check(perceptron_with((1, 1), -0.5)), "values", "That is OR")


def test_q3_nor():
    assert_wrong(ex01.q3.check(perceptron_with((-1, -1), 0.5)), "values", "That is NOR")


def test_q3_never_fires():
    assert_wrong(ex01.q3.check(perceptron_with((-1, -1), -0.5)), "values",
                 "answers 0 for every input")


def test_q3_wrong_shape():
    assert_wrong(ex01.q3.check(lambda X: perceptron_with((-1, -1), 1.5)(X)[None, :]), "shape",
                 "extra axis of length 1")


def test_q3_input_mutated():
    def nand_perceptron(X):
        X -= 1
        return np.where(X.sum(axis=1) >= -1, 1, 0)

    assert_wrong(ex01.q3.check(nand_perceptron), "mutation", "changed its input `X`")


def test_q3_exception_in_learner_code():
    def nand_perceptron(X):
        w = np.array([-1.0, -1.0, 1.5])
        return np.where(X @ w >= 0, 1, 0)

    assert_wrong(ex01.q3.check(nand_perceptron), "error", "ValueError", "return np.where(X @ w >= 0")


def _notebook_function(source, name, **notebook_globals):
    """The function ``name`` defined by ``source`` in a namespace that, like a notebook's, already
    holds the variables of earlier cells."""
    namespace = {"np": np, **notebook_globals}
    exec(source, namespace)
    return namespace[name]


NAND_WITHOUT_W_AND_B = """
def nand_perceptron(X):
    z = X @ w + b
    return np.where(z >= 0, 1, 0)
"""


def test_q3_weights_left_unset_use_task_2s_globals():
    # the placeholder deleted, w and b never set: task 2's w = (0.5, -1, -0.5) and task 1's b = -1
    nand = _notebook_function(NAND_WITHOUT_W_AND_B, "nand_perceptron",
                              w=np.array([0.5, -1.0, -0.5]), b=-1.0)
    assert_wrong(ex01.q3.check(nand), "error", "reads `w` and `b` without setting them",
                 "w =  [ 0.5, -1. , -0.5]", "b =  -1.0", "Set them inside `nand_perceptron`",
                 "matmul")


def test_q3_weights_left_unset_use_task_1s_globals():
    nand = _notebook_function(NAND_WITHOUT_W_AND_B, "nand_perceptron", w=np.array([1.0, 1.0]),
                              b=-1.0)
    assert_wrong(ex01.q3.check(nand), "values", "reads `w` and `b` without setting them")


def test_q3_a_global_constant_that_is_not_the_tasks_is_not_blamed():
    source = """
def nand_perceptron(X):
    w = np.array([1.0, 1.0])
    b = -1.5
    return np.where(X @ w + b >= THRESHOLD, 1, 0)
"""
    nand = _notebook_function(source, "nand_perceptron", THRESHOLD=0.0)
    result = ex01.q3.check(nand)
    assert_wrong(result, "values", "That is AND")
    assert "without setting" not in result.message


# -- q4 epoch ----------------------------------------------------------------------------------------

def test_q4_accepts_a_loop_over_indices():
    def epoch(w, X, y, eta):
        w = w.copy()
        for i in range(len(X)):
            w = ex01.learning_rule_step(w, X[i], y[i], eta)
        return w

    assert ex01.q4.check(epoch).passed


def test_q4_batch_update():
    def epoch(w, X, y, eta):
        y_hat = np.where(X @ w >= 0, 1, 0)
        return w + eta * (y - y_hat) @ X

    assert_wrong(ex01.q4.check(epoch), "values", "(a batch update)", "AND from w = 0")


def test_q4_return_inside_the_loop():
    def epoch(w, X, y, eta):
        for x, target in zip(X, y):
            w = w + eta * (target - _step(x @ w)) * x
            return w

    assert_wrong(ex01.q4.check(epoch), "values", "is your `return` inside the loop?")


def test_q4_last_example_skipped_is_not_asked_about_return():
    def epoch(w, X, y, eta):
        for i in range(len(X) - 1):
            w = w + eta * (y[i] - _step(X[i] @ w)) * X[i]
        return w

    result = ex01.q4.check(epoch)
    assert_wrong(result, "values", "The last example never updated the weights")
    assert "`return` inside the loop" not in result.message


def test_q4_wrong_sign():
    def epoch(w, X, y, eta):
        for x, target in zip(X, y):
            w = w - eta * (target - _step(x @ w)) * x
        return w

    assert_wrong(ex01.q4.check(epoch), "values", "The weights moved the wrong way")


def test_q4_strict_comparison():
    def epoch(w, X, y, eta):
        for x, target in zip(X, y):
            w = w + eta * (target - int(x @ w > 0)) * x
        return w

    assert_wrong(ex01.q4.check(epoch), "values", "compare with `>=`, not `>`")


def test_q4_in_place_update_changes_the_callers_weights():
    def epoch(w, X, y, eta):
        for x, target in zip(X, y):
            w += eta * (target - _step(x @ w)) * x
        return w

    assert_wrong(ex01.q4.check(epoch), "mutation", "`w += ...` inside the loop",
                 "changed its input `w`")


def test_q4_wrong_shape():
    def epoch(w, X, y, eta):
        for x, target in zip(X, y):
            w = w + eta * (target - _step(x @ w)) * x
        return w[:-1]

    assert_wrong(ex01.q4.check(epoch), "shape", "returned shape (2,), expected (3,)")


def test_q4_exception_in_learner_code():
    def epoch(w, X, y, eta):
        for x, target in zip(X, y):
            w = w + eta * (target - _step(x @ w)) * x.T @ X
        return w

    assert_wrong(ex01.q4.check(epoch), "error", "ValueError")
