"""Exercise set 01 (the perceptron): right answers in their usual forms pass, the untouched stub is
"not attempted", and every typical mistake gets its intended diagnosis."""

import inspect

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


def test_learning_rule_step_reference_is_the_library_function():
    for case in ex01.q2.cases:
        weights, bias, x, target, eta = case.args
        new_w, new_b = learning_rule_step(weights, bias, x, target, learning_rate=eta)
        got_w, got_b = ex01.learning_rule_step(weights, bias, x, target, eta)
        np.testing.assert_allclose(got_w, new_w)
        assert got_b == pytest.approx(new_b)


def test_learning_rule_step_has_the_signature_of_the_library_function():
    assert inspect.signature(ex01.learning_rule_step) == inspect.signature(learning_rule_step)


def test_nand_reference_computes_nand():
    X, y = logic_gate("nand")
    np.testing.assert_array_equal(ex01.nand_perceptron(X), y)


def test_epoch_reference_is_one_epoch_of_the_library_training():
    for gate in ("and", "or", "nand", "xor"):
        X, y = logic_gate(gate)
        history = train(X, y, max_epochs=1)
        weights, bias = ex01.epoch(np.zeros(2), 0.0, X, y, 1.0)
        np.testing.assert_allclose(weights, history.weights[1])
        assert bias == pytest.approx(history.biases[1])
    for case in ex01.q4.cases:
        weights, bias, X, y, eta = case.args
        history = train(X, y, learning_rate=eta, max_epochs=1, weights=weights, bias=bias)
        got_w, got_b = ex01.epoch(weights, bias, X, y, eta)
        np.testing.assert_allclose(got_w, history.weights[1])
        assert got_b == pytest.approx(history.biases[1])


def test_predict_and_epoch_by_hand():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    np.testing.assert_array_equal(ex01.predict(X, np.array([1.0, 1.0]), -1.0), [0, 1, 1, 1])
    # AND from zero: (0,0) is a false 1 (z = 0) -> b = -1; (1,1) a missed 1 -> w = (1, 1), b = 0
    weights, bias = ex01.epoch(np.zeros(2), 0.0, X, np.array([0, 0, 0, 1]), 1.0)
    np.testing.assert_array_equal(weights, [1.0, 1.0])
    assert bias == 0.0


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

def _folded(w, b, x, y, eta):
    """The bias folded in as the weight of an input that is always 1, then unfolded again."""
    w_tilde, x_tilde = np.append(w, b), np.append(x, 1.0)
    w_tilde = w_tilde + eta * (y - float(x_tilde @ w_tilde >= 0)) * x_tilde
    return w_tilde[:-1], w_tilde[-1]


@pytest.mark.parametrize("answer", [
    lambda weights, bias, x, target, learning_rate=1.0: (
        weights + learning_rate * (target - np.heaviside(x @ weights + bias, 1.0)) * x,
        bias + learning_rate * (target - np.heaviside(x @ weights + bias, 1.0))),
    lambda w, b, x, y, eta=1.0: learning_rule_step(w, b, x, y, learning_rate=eta),
    lambda w, b, x, y, eta: _folded(w, b, x, y, eta),
])
def test_q2_accepts_other_forms(answer):
    assert ex01.q2.check(answer).passed


def _right(weights, bias, x, target, learning_rate=1.0):
    error = target - _step(x @ weights + bias)
    return weights + learning_rate * error * x, bias + learning_rate * error


def test_q2_wrong_sign():
    def learning_rule_step(weights, bias, x, target, learning_rate=1.0):
        error = _step(x @ weights + bias) - target
        return weights + learning_rate * error * x, bias + learning_rate * error

    assert_wrong(ex01.q2.check(learning_rule_step), "values", "The weights moved the wrong way",
                 "a missed 1: y = 1 but z = -1", "expected:  [1.5, 0. ]", "received:  [-0.5, -2. ]")


def test_q2_strict_comparison_at_zero():
    def learning_rule_step(weights, bias, x, target, learning_rate=1.0):
        error = target - int(x @ weights + bias > 0)
        return weights + learning_rate * error * x, bias + learning_rate * error

    assert_wrong(ex01.q2.check(learning_rule_step), "values", "compare with `>=`, not `>`",
                 "z = 0 exactly")


def test_q2_lms_rule_with_z():
    def learning_rule_step(weights, bias, x, target, learning_rate=1.0):
        error = target - (x @ weights + bias)
        return weights + learning_rate * error * x, bias + learning_rate * error

    assert_wrong(ex01.q2.check(learning_rule_step), "values", "Widrow–Hoff (LMS) rule")


def test_q2_label_instead_of_error():
    assert_wrong(ex01.q2.check(lambda w, b, x, y, eta: (w + eta * y * x, b + eta * y)), "values",
                 "You added η·y·x")


def test_q2_learning_rate_forgotten():
    assert_wrong(ex01.q2.check(lambda w, b, x, y, eta: _right(w, b, x, y)), "values",
                 "The learning rate is missing", "learning rate 0.1")


def test_q2_prediction_without_the_bias():
    def learning_rule_step(weights, bias, x, target, learning_rate=1.0):
        y_hat = 1 if x @ weights >= 0 else 0
        return (weights + learning_rate * (target - y_hat) * x,
                bias + learning_rate * (target - y_hat))

    assert_wrong(ex01.q2.check(learning_rule_step), "values", "ŷ without the bias",
                 "the bias flips the answer")


def test_q2_bias_not_updated():
    assert_wrong(ex01.q2.check(lambda w, b, x, y, eta: (_right(w, b, x, y, eta)[0], b)),
                 "values", "The bias never changes", "b ← b + η(y − ŷ)", "second value (`bias`)")


def test_q2_bias_moved_by_x():
    def learning_rule_step(weights, bias, x, target, learning_rate=1.0):
        error = target - _step(x @ weights + bias)
        return weights + learning_rate * error * x, bias + learning_rate * error * x

    assert_wrong(ex01.q2.check(learning_rule_step), "type", "Your new bias is an array",
                 "its correction has no x in it")


def test_q2_only_the_weights_returned():
    result = ex01.q2.check(lambda w, b, x, y, eta: _right(w, b, x, y, eta)[0])
    assert_wrong(result, "type")
    assert "2" in result.message


def test_q2_input_mutated():
    def learning_rule_step(weights, bias, x, target, learning_rate=1.0):
        error = target - _step(x @ weights + bias)
        weights += learning_rate * error * x
        return weights, bias + learning_rate * error

    assert_wrong(ex01.q2.check(learning_rule_step), "mutation", "`weights += ...`",
                 "changed its input `weights`")


def test_q2_folded_signature_from_the_first_edition_is_a_signature_problem():
    result = ex01.q2.check(lambda w, x, y, eta: w + eta * (y - _step(x @ w)) * x)
    assert_wrong(result, "signature")


def test_q2_exception_in_learner_code():
    def learning_rule_step(weights, bias, x, target, learning_rate=1.0):
        return weights + learning_rate * (target - predict(x, weights)) * x, bias  # noqa: F821

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

def test_q4_accepts_a_loop_over_indices_that_calls_task_2():
    def epoch(weights, bias, X, y, learning_rate=1.0):
        for i in range(len(X)):
            weights, bias = ex01.learning_rule_step(weights, bias, X[i], y[i], learning_rate)
        return weights, bias

    assert ex01.q4.check(epoch).passed


def test_q4_accepts_the_library_training_for_one_epoch():
    def epoch(weights, bias, X, y, learning_rate=1.0):
        history = train(X, y, learning_rate=learning_rate, max_epochs=1, weights=weights,
                        bias=bias)
        return history.weights[-1], history.biases[-1]

    assert ex01.q4.check(epoch).passed


def test_q4_batch_update():
    def epoch(weights, bias, X, y, learning_rate=1.0):
        errors = y - np.where(X @ weights + bias >= 0, 1, 0)
        return weights + learning_rate * errors @ X, bias + learning_rate * errors.sum()

    assert_wrong(ex01.q4.check(epoch), "values", "(a batch update)", "AND from w = 0")


def test_q4_return_inside_the_loop():
    def epoch(weights, bias, X, y, learning_rate=1.0):
        for x, target in zip(X, y):
            return _right(weights, bias, x, target, learning_rate)

    assert_wrong(ex01.q4.check(epoch), "values", "is your `return` inside the loop?")


def test_q4_last_example_skipped_is_not_asked_about_return():
    def epoch(weights, bias, X, y, learning_rate=1.0):
        for i in range(len(X) - 1):
            weights, bias = _right(weights, bias, X[i], y[i], learning_rate)
        return weights, bias

    result = ex01.q4.check(epoch)
    assert_wrong(result, "values", "The last example never updated the weights")
    assert "`return` inside the loop" not in result.message


def test_q4_wrong_sign():
    def epoch(weights, bias, X, y, learning_rate=1.0):
        for x, target in zip(X, y):
            error = _step(x @ weights + bias) - target
            weights, bias = weights + learning_rate * error * x, bias + learning_rate * error
        return weights, bias

    assert_wrong(ex01.q4.check(epoch), "values", "The weights moved the wrong way")


def test_q4_strict_comparison():
    def epoch(weights, bias, X, y, learning_rate=1.0):
        for x, target in zip(X, y):
            error = target - int(x @ weights + bias > 0)
            weights, bias = weights + learning_rate * error * x, bias + learning_rate * error
        return weights, bias

    assert_wrong(ex01.q4.check(epoch), "values", "compare with `>=`, not `>`")


def test_q4_prediction_without_the_bias():
    def epoch(weights, bias, X, y, learning_rate=1.0):
        for x, target in zip(X, y):
            error = target - _step(x @ weights)
            weights, bias = weights + learning_rate * error * x, bias + learning_rate * error
        return weights, bias

    assert_wrong(ex01.q4.check(epoch), "values", "ŷ without the bias")


def test_q4_bias_never_updated():
    def epoch(weights, bias, X, y, learning_rate=1.0):
        for x, target in zip(X, y):
            weights = weights + learning_rate * (target - _step(x @ weights + bias)) * x
        return weights, bias

    assert_wrong(ex01.q4.check(epoch), "values", "The bias never changes")


def test_q4_in_place_update_changes_the_callers_weights():
    def epoch(weights, bias, X, y, learning_rate=1.0):
        for x, target in zip(X, y):
            error = target - _step(x @ weights + bias)
            weights += learning_rate * error * x
            bias = bias + learning_rate * error
        return weights, bias

    assert_wrong(ex01.q4.check(epoch), "mutation", "`weights += ...` inside the loop",
                 "changed its input `weights`")


def test_q4_wrong_shape():
    def epoch(weights, bias, X, y, learning_rate=1.0):
        for x, target in zip(X, y):
            weights, bias = _right(weights, bias, x, target, learning_rate)
        return weights[:-1], bias

    assert_wrong(ex01.q4.check(epoch), "shape", "The first value (`weights`) has shape (1,), "
                 "expected (2,)")


def test_q4_exception_in_learner_code():
    def epoch(weights, bias, X, y, learning_rate=1.0):
        for x, target in zip(X, y):
            weights = weights + learning_rate * (target - _step(x @ weights + bias)) * x.T @ X
        return weights, bias

    assert_wrong(ex01.q4.check(epoch), "error", "ValueError")
