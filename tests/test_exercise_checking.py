"""The exercise-checking core: every stage of the pipeline, the diagnoses, and the displays.

The questions here are toy ones declared in this file, so the core is tested independently of any
exercise set.
"""

import sys

import numpy as np
import pytest

from actlab.exercises.checking import (CORRECT, LOOP_STEP_LIMIT, NOT_ATTEMPTED, WRONG, Case,
                                       Hint, Question, Result, Solution, is_empty_stub,
                                       mutates_like, raises_like, returns_like, warns_like)


def softplus(x):
    """softplus(x) = log(1 + exp(x)), without overflow."""
    return np.logaddexp(0.0, x)


def _not_softplus(x):
    return np.log1p(np.abs(x))


SOFTPLUS = Question(
    "q1", softplus,
    cases=[Case(np.array([-1.0, 0.0, 2.0]), note="small inputs"),
           Case(np.array([[0.5, -0.5, 1.0], [3.0, -3.0, 0.0]]), note="a 2-D array"),
           Case(np.array([-1000.0, 1000.0]), note="large |x|"),
           Case(np.array([1.0, -2.0], dtype=np.float32), note="float32")],
    diagnoses=[warns_like("overflow", "DIAG overflow: use np.logaddexp."),
               returns_like(_not_softplus, "DIAG abs: that is log(1 + |x|)."),
               raises_like(ZeroDivisionError, "", "DIAG zero division."),
               mutates_like("DIAG mutated: do not write into x.")],
    hint="Use `np.logaddexp`.",
    vectorised=Case(np.linspace(-5.0, 5.0, 20_000), note="20,000 numbers"),
    praise="PRAISE: stable.",
)


def total(x):
    """The sum of all entries."""
    return float(np.sum(x))


TOTAL = Question("q9", total, cases=[Case(np.array([1.0, 2.0, 3.5]))], hint="np.sum")


def check(fn):
    result = SOFTPLUS.check(fn)
    assert isinstance(result, Result)
    return result


# -- correct answers ---------------------------------------------------------------------------------

@pytest.mark.parametrize("answer", [
    softplus,
    lambda x: np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x))),
    # float32 results within float32 rounding of the reference are accepted
    lambda x: (np.logaddexp(0.0, x.astype(np.float64))
               * (1 + 1e-7 * (x.dtype == np.float32))).astype(x.dtype),
])
def test_correct_answers_pass(answer):
    result = check(answer)
    assert result.passed and result.status == CORRECT, result.message
    assert "passed all 5 tests" in result.message and "PRAISE: stable." in result.message


def test_values_within_a_relative_tolerance_pass_and_beyond_it_fail():
    assert check(lambda x: np.logaddexp(0.0, x) * (1 + 1e-12)).passed
    assert not check(lambda x: np.logaddexp(0.0, x) * (1 + 1e-6)).passed


# -- not attempted -----------------------------------------------------------------------------------

def _raises_stub(x):
    """Docstring."""
    # YOUR CODE HERE
    raise NotImplementedError("Replace this line with your solution")


def _pass_stub(x):
    """Docstring."""
    pass


def _ellipsis_stub(x):
    ...


def _returns_ellipsis(x):
    y = x + 1
    return ...


@pytest.mark.parametrize("stub", [_raises_stub, _pass_stub, _ellipsis_stub, _returns_ellipsis, None])
def test_untouched_stubs_are_not_attempted(stub):
    result = check(stub)
    assert result.status == NOT_ATTEMPTED and not result.passed
    assert "not attempted yet" in str(result)


def test_empty_stub_detection_is_by_body_not_by_name():
    assert is_empty_stub(_pass_stub) and is_empty_stub(_ellipsis_stub)
    assert not is_empty_stub(_raises_stub) and not is_empty_stub(softplus)
    assert not is_empty_stub(np.maximum)


# -- calling problems ----------------------------------------------------------------------------------

def test_passing_a_value_instead_of_the_function():
    result = check(softplus(np.array([1.0])))
    assert result.status == WRONG and result.problem == "type"
    assert "expects your function itself" in result.message
    assert "`ex_checking.q1.check(softplus)`" not in result.message  # module name is the test's
    assert "check(softplus)`, not" in result.message and "a numpy array" in result.message


def test_wrong_parameters_are_reported_with_both_signatures():
    result = check(lambda x, beta: np.logaddexp(0.0, x * beta) / beta)
    assert result.problem == "signature"
    assert "(x, beta)" in result.message and "softplus(x)" in result.message


def test_exception_is_feedback_with_type_message_input_and_line():
    def learner(x):
        scale = len(x) - len(x)
        return np.logaddexp(0.0, x) / (1 / scale)

    result = check(learner)
    assert result.problem == "error" and not result.passed
    assert "ZeroDivisionError: division by zero" in result.message
    assert "return np.logaddexp(0.0, x) / (1 / scale)" in result.message   # the learner's line
    assert "x =  [-1.,  0.,  2.]" in result.message                       # the input
    assert result.message.startswith("DIAG zero division.")                 # raises_like fired


def test_an_exception_deep_inside_numpy_names_the_learners_line():
    result = check(lambda x: np.reshape(x, (7, 7)))
    assert "ValueError" in result.message and "np.reshape(x, (7, 7))" in result.message


def test_runtime_warning_is_caught_explained_and_diagnosed():
    result = check(lambda x: np.log(1 + np.exp(x)))
    assert result.problem == "warning" and not result.passed
    assert result.message.startswith("DIAG overflow: use np.logaddexp.")
    assert "overflow encountered in exp" in result.message
    assert "largest float" in result.message and "large |x|" in result.message


def test_divide_and_invalid_warnings_are_explained():
    divide = TOTAL.check(lambda x: float(np.sum(x / (x - x))))
    assert divide.problem == "warning" and "`divide by zero encountered in divide`" in divide.message
    assert "gave ±inf" in divide.message
    invalid = TOTAL.check(lambda x: float(np.sum((x - x) / (x - x))))
    assert "`invalid value encountered in divide`" in invalid.message
    assert "gave NaN" in invalid.message


def test_numpy_error_settings_of_the_learner_do_not_hide_warnings():
    with np.errstate(all="ignore"):
        assert check(lambda x: np.log(1 + np.exp(x))).problem == "warning"


def test_mutated_input_is_reported_with_before_and_after():
    def learner(x):
        x[x < 0] = 0.0
        return np.logaddexp(0.0, x)

    result = check(learner)
    assert result.problem == "mutation"
    assert result.message.startswith("DIAG mutated")
    assert "changed its input `x` in place" in result.message
    assert "after your function ran" in result.message and "x =  [0., 0., 2.]" in result.message


def test_none_returned_asks_about_return():
    def learner(x):
        np.logaddexp(0.0, x)

    result = check(learner)
    assert result.problem == "none" and "did you forget `return`?" in result.message


@pytest.mark.parametrize("answer, words", [
    (lambda x: list(np.logaddexp(0.0, x)), "a Python list"),
    (lambda x: tuple(np.logaddexp(0.0, x)), "a Python tuple"),
    (lambda x: float(np.sum(np.logaddexp(0.0, x))), "a single Python float"),
    (lambda x: "softplus", "a builtins.str object"),
])
def test_wrong_type_names_what_was_returned(answer, words):
    result = check(answer)
    assert result.problem == "type" and words in result.message


def test_single_number_expected_but_array_returned():
    result = TOTAL.check(lambda x: np.cumsum(x))
    assert result.problem == "type" and "expected a single number" in result.message
    assert TOTAL.check(lambda x: np.sum(x)).passed          # a numpy scalar is a number too
    assert TOTAL.check(lambda x: np.array(np.sum(x))).passed  # and so is a 0-d array


@pytest.mark.parametrize("answer, words", [
    (lambda x: x > 0, "True/False"),
    (lambda x: np.round(np.logaddexp(0.0, x)).astype(int), "an integer array"),
    (lambda x: np.array([*np.logaddexp(0.0, x).ravel(), None])[:-1].reshape(x.shape), "Python objects"),
])
def test_wrong_dtype_kind_is_explained(answer, words):
    result = check(answer)
    assert result.problem == "dtype" and words in result.message


def test_float64_for_float32_input_is_reported_unless_the_question_allows_it():
    answer = lambda x: np.logaddexp(0.0, x.astype(np.float64))   # noqa: E731
    result = check(answer)
    assert result.problem == "dtype"
    assert "float64 numbers, but the input was float32" in result.message
    lenient = Question("q1", softplus, SOFTPLUS.cases, hint="", check_dtype=False)
    assert lenient.check(answer).passed


@pytest.mark.parametrize("answer, words", [
    (lambda x: np.logaddexp(0.0, x).T, "transposed shape"),
    (lambda x: np.logaddexp(0.0, x)[..., None], "extra axis of length 1"),
    (lambda x: np.logaddexp(0.0, x).ravel(), "arranged differently"),
    (lambda x: np.logaddexp(0.0, x)[:1], "expected (3,)"),
])
def test_wrong_shape_says_received_and_expected(answer, words):
    result = check(answer)
    assert result.problem == "shape" and "returned shape" in result.message
    assert words in result.message


def test_wrong_values_show_input_expected_received_and_first_difference():
    result = check(lambda x: np.logaddexp(0.0, x) + (x == 0))
    assert result.problem == "values"
    assert "1 of 3 values differ" in result.message
    assert "First at index (1,): expected 0.693147, received 1.69315." in result.message
    for part in ("input (small inputs):", "expected:", "received:"):
        assert part in result.message


def test_nan_and_inf_are_named():
    nan_result = check(lambda x: np.where(x > 1, np.nan, np.logaddexp(0.0, x)))
    assert "NaN (not a number)" in nan_result.message
    inf_result = check(lambda x: np.where(x > 1, np.inf, np.logaddexp(0.0, x)))
    assert "infinite" in inf_result.message


def test_first_failing_case_is_the_one_reported():
    result = check(lambda x: np.logaddexp(0.0, x) if x.ndim == 1 else np.zeros_like(x))
    assert "a 2-D array" in result.message


def test_returns_like_diagnosis_prefixes_the_generic_evidence():
    result = check(_not_softplus)
    assert result.message.startswith("DIAG abs: that is log(1 + |x|).\n\n")
    assert "values differ" in result.message


# -- vectorisation ---------------------------------------------------------------------------------

@pytest.mark.parametrize("answer", [
    lambda x: np.array([np.logaddexp(0.0, v) for v in x], dtype=x.dtype).reshape(x.shape)
    if x.ndim == 1 else np.logaddexp(0.0, x),
    lambda x: np.vectorize(lambda v: np.logaddexp(0.0, v), otypes=[x.dtype])(x),
    lambda x: np.apply_along_axis(lambda row: np.logaddexp(0.0, row), -1, x[..., None])[..., 0],
])
def test_python_loops_are_detected_deterministically(answer):
    result = check(answer)
    assert result.problem == "loop" and not result.passed
    assert "runs a Python loop" in result.message and "20,000 numbers" in result.message
    assert f"over {LOOP_STEP_LIMIT:,} Python steps" in result.message


def test_step_counting_restores_the_previous_trace_function():
    before = sys.gettrace()
    check(softplus)
    check(lambda x: np.array([np.logaddexp(0.0, v) for v in x.ravel()], dtype=x.dtype)
          .reshape(x.shape))
    assert sys.gettrace() is before


# -- never raises ----------------------------------------------------------------------------------

def test_a_broken_checker_gives_feedback_instead_of_raising():
    def broken_reference(x):
        raise RuntimeError("bug in the course")

    broken = Question("q1", broken_reference, [Case(np.array([1.0]))], hint="")
    result = broken.check(softplus)
    assert result.status == WRONG and "checker itself failed" in result.message


def test_custom_diagnosis_sees_the_attempt():
    seen = []

    def spy(attempt):
        seen.append((attempt.problem, attempt.args[0].shape, attempt.expected.shape))
        return None

    question = Question("q1", softplus, [Case(np.array([1.0, 2.0]))], hint="", diagnoses=[spy])
    question.check(lambda x: x[:1])
    assert seen == [("shape", (2,), (2,))]


# -- displays ----------------------------------------------------------------------------------------

def test_result_text_and_html_are_deterministic_and_coloured():
    wrong = check(_not_softplus)
    assert str(wrong) == repr(wrong) == str(check(_not_softplus))
    assert wrong._repr_html_() == check(_not_softplus)._repr_html_()
    assert str(wrong).startswith("q1 · softplus: not quite\n")
    assert "#c62828" in wrong._repr_html_()
    assert "#2e7d32" in check(softplus)._repr_html_()
    assert "#b26a00" in check(_raises_stub)._repr_html_()


def test_html_escapes_and_formats_code_and_evidence():
    result = Result("q1 · f", WRONG, "Use `a < b` here.\n\n  expected:  <tag>")
    page = result._repr_html_()
    assert "<code>a &lt; b</code>" in page
    assert "<pre" in page and "expected:  &lt;tag&gt;" in page


def test_hint_and_solution_display_text():
    hint = SOFTPLUS.hint()
    assert isinstance(hint, Hint)
    assert str(hint) == "Hint for q1 · softplus:\nUse `np.logaddexp`."
    assert "<code>np.logaddexp</code>" in hint._repr_html_()
    solution = SOFTPLUS.solution()
    assert isinstance(solution, Solution)
    assert solution.code == ('def softplus(x):\n    """softplus(x) = log(1 + exp(x)), without '
                             'overflow."""\n    return np.logaddexp(0.0, x)')
    assert "```python\ndef softplus(x):" in solution._repr_markdown_()


def test_question_repr_says_how_to_use_it():
    assert repr(SOFTPLUS) == ("q1 · softplus: write softplus(x), then run "
                              "test_exercise_checking.q1.check(softplus); "
                              "test_exercise_checking.q1.hint() and "
                              "test_exercise_checking.q1.solution() help")


# -- a diagnosis never names a mistake that was not made ---------------------------------------------

def fires(z, b):
    """The step of z + b, with step(0) = 1."""
    return np.where(z + b >= 0, 1, 0)


FIRES = Question(
    "q1", fires,
    cases=[Case(np.array([2.0, -2.0]), 0.5, note="every formula agrees"),
           Case(np.array([0.5, 1.0]), -1.0, note="z + b = 0 on the boundary"),
           Case(np.array([-0.3, 0.3]), 0.5, note="the bias flips the sign")],
    diagnoses=[returns_like(lambda z, b: np.where(z + b > 0, 1, 0), "DIAG strict"),
               returns_like(lambda z, b: np.where(z - b >= 0, 1, 0), "DIAG bias subtracted"),
               returns_like(lambda z, b: np.where(z >= 0, 1, 0), "DIAG bias missing")],
    hint="")


def test_a_right_answer_of_the_wrong_type_is_not_given_a_wrong_formulas_diagnosis():
    # on the first case every wrong formula gives [1, 0] too; the list is right, only its type is not
    result = FIRES.check(lambda z, b: [1 if v >= 0 else 0 for v in z + b])
    assert result.problem == "type" and "a Python list" in result.message
    assert "DIAG" not in result.message


def test_a_formula_equal_to_the_reference_on_the_failing_case_does_not_fire():
    # strict, and a list: the type fails on the first case, where strict is right
    result = FIRES.check(lambda z, b: list(np.where(z + b > 0, 1, 0)))
    assert result.problem == "type" and "DIAG" not in result.message
    strict = FIRES.check(lambda z, b: np.where(z + b > 0, 1, 0))
    assert strict.problem == "values" and strict.message.startswith("DIAG strict")


def test_a_diagnosis_fires_only_when_the_function_behaves_like_its_formula_on_every_case():
    # the bias left out agrees with "bias subtracted" on the failing case, not on the next one
    result = FIRES.check(lambda z, b: np.where(z >= 0, 1, 0))
    assert result.problem == "values" and "z + b = 0 on the boundary" in result.message
    assert result.message.startswith("DIAG bias missing")
    assert "DIAG bias subtracted" not in result.message


def product(A, B):
    """The matrix product."""
    return A @ B


PRODUCT = Question(
    "q1", product,
    cases=[Case(np.ones((3, 4)), np.ones((4, 2)), note="3 × 4 times 4 × 2"),
           Case(np.eye(2), np.array([[1.0, 2.0], [3.0, 4.0]]), note="square")],
    diagnoses=[returns_like(lambda A, B: A * B, "DIAG elementwise"),
               returns_like(lambda A, B: A + B, "DIAG sum"),
               returns_like(lambda A, B: B @ A, "DIAG order")],
    hint="")


@pytest.mark.parametrize("answer, diagnosis, expression", [
    (lambda A, B: A * B, "DIAG elementwise", "A * B"),
    (lambda A, B: np.multiply(A, B), "DIAG elementwise", "np.multiply(A, B)"),
    (lambda A, B: A + B, "DIAG sum", "A + B"),
    (lambda A, B: np.add(A, B), "DIAG sum", "np.add(A, B)"),
    (lambda A, B: B @ A, "DIAG order", "B @ A"),
])
def test_an_exception_is_diagnosed_by_its_operation_and_shapes(answer, diagnosis, expression):
    # A * B and A + B raise the very same broadcasting message: the operation tells them apart
    result = PRODUCT.check(answer)
    assert result.problem == "error" and result.message.startswith(diagnosis + "\n\n")
    others = {"DIAG elementwise", "DIAG sum", "DIAG order"} - {diagnosis}
    assert not any(other in result.message for other in others)
    assert f"at `{expression}`" in result.message


def test_an_exception_with_other_shapes_or_from_another_operation_is_not_diagnosed():
    for answer in (lambda A, B: A.T * B, lambda A, B: (A * 2) @ B.T,
                   lambda A, B: A @ B if A.shape == B.shape else A * 2 * B):
        result = PRODUCT.check(answer)
        assert result.problem == "error" and "DIAG" not in result.message, result.message


def test_an_exception_matches_a_formula_only_if_the_formula_raises_it_too():
    # raises where "B @ A" would raise, but differs from it on the square case
    result = PRODUCT.check(lambda A, B: B @ A if A.shape != B.shape else A @ B * 3)
    assert result.problem == "error" and "DIAG" not in result.message


# -- global variables of the notebook, and the learner's local variables ----------------------------

def scaled(x):
    """x times a factor the learner chooses inside the function."""
    factor = 2.0
    return x * factor


SCALED = Question("q1", scaled, [Case(np.array([1.0, 2.0]))], hint="")


def _defined_in_a_notebook(source, name, **globals_of_earlier_cells):
    namespace = {"np": np, **globals_of_earlier_cells}
    exec(source, namespace)
    return namespace[name]


def test_a_variable_left_unset_that_falls_back_on_a_global_is_named():
    learner = _defined_in_a_notebook("def scaled(x):\n    return x * factor\n", "scaled",
                                     factor=np.array([1.0, 1.0, 1.0]))
    result = SCALED.check(learner)
    assert result.problem == "error"
    assert result.message.startswith("Your function reads `factor` without setting it")
    assert "factor =  [1., 1., 1.]" in result.message and "Set it inside `scaled`" in result.message


def test_globals_that_are_not_the_references_variables_or_are_modules_are_not_blamed():
    learner = _defined_in_a_notebook("def scaled(x):\n    return np.multiply(x, THREE)\n",
                                     "scaled", THREE=3.0)
    result = SCALED.check(learner)
    assert result.problem == "values" and "without setting" not in result.message
    assert SCALED.check(_defined_in_a_notebook("def scaled(x):\n    return x * TWO\n", "scaled",
                                               TWO=2.0)).passed


def test_diagnoses_see_the_learners_local_variables_and_every_case():
    seen = []

    def spy(attempt):
        seen.append((attempt.locals.get("factor"), len(attempt.attempts)))
        return None

    question = Question("q1", scaled, [Case(np.array([1.0])), Case(np.array([2.0]))], hint="",
                        diagnoses=[spy])

    def learner(x):
        factor = 3.0
        return x * factor

    before = sys.getprofile()
    assert question.check(learner).problem == "values"
    assert seen == [(3.0, 2)] and sys.getprofile() is before


# -- results with several values ------------------------------------------------------------------

def loss_and_grad(w, X, y):
    """Mean squared error of X·w against y, and its gradient with respect to w."""
    residual = X @ w - y
    loss = float(np.mean(residual ** 2))
    grad = 2 * X.T @ residual / len(y)
    return loss, grad


_X = np.array([[1.0, 2.0, 0.0], [0.0, 1.0, -1.0], [2.0, 0.0, 1.0], [1.0, 1.0, 1.0]])

LOSS = Question(
    "q4", loss_and_grad,
    cases=[Case(np.array([0.5, -1.0, 2.0]), _X, np.array([1.0, 0.0, -1.0, 2.0]))],
    diagnoses=[returns_like(lambda w, X, y: -2 * X.T @ (X @ w - y) / len(y), "DIAG sign", part=1),
               returns_like(lambda w, X, y: (float(np.sum((X @ w - y) ** 2)),
                                             2 * X.T @ (X @ w - y)), "DIAG sum not mean")],
    hint="")


def _loss(w, X, y):
    return float(np.mean((X @ w - y) ** 2))


def _grad(w, X, y):
    return 2 * X.T @ (X @ w - y) / len(y)


def test_several_values_are_named_from_the_references_return():
    assert LOSS.returns == ("loss", "grad")
    assert LOSS.check(loss_and_grad).passed
    assert LOSS.check(lambda w, X, y: [_loss(w, X, y), _grad(w, X, y)]).passed  # a list unpacks too


@pytest.mark.parametrize("answer, problem, words", [
    (_grad, "type", "Your function returned a numpy array of dtype float64; expected 2 values "
                    "(`loss` and `grad`): `return loss, grad`."),
    (lambda w, X, y: (_loss(w, X, y), _grad(w, X, y), 0.0), "type",
     "Your function returned 3 values; expected 2 values (`loss` and `grad`)."),
    (lambda w, X, y: (np.array([_loss(w, X, y)]), _grad(w, X, y)), "type",
     "The first value (`loss`) is a numpy array of dtype float64; expected a single number."),
    (lambda w, X, y: (_loss(w, X, y), _grad(w, X, y)[:, None]), "shape",
     "The second value (`grad`) has shape (3, 1), expected (3,). There is an extra axis"),
    (lambda w, X, y: (_loss(w, X, y), _grad(w, X, y).astype(np.float32)), "dtype",
     "The second value (`grad`) has float32 numbers"),
    (lambda w, X, y: (_loss(w, X, y) + 1, _grad(w, X, y)), "values",
     "The first value (`loss`) has wrong values: it differs."),
    (lambda w, X, y: (_loss(w, X, y), None), "type", "The second value (`grad`) is None"),
])
def test_the_feedback_names_the_value_that_is_wrong(answer, problem, words):
    result = LOSS.check(answer)
    assert result.problem == problem and words in result.message, result.message


def test_the_evidence_shows_the_wrong_value_only():
    result = LOSS.check(lambda w, X, y: (_loss(w, X, y), 2 * _grad(w, X, y)))
    assert "The second value (`grad`) has wrong values: 3 of 3 values differ" in result.message
    expected = _grad(*LOSS.cases[0].args)
    assert f"expected:  {np.array2string(expected, separator=', ')}" in result.message


def test_a_diagnosis_can_recognise_one_value_or_the_whole_result():
    sign = LOSS.check(lambda w, X, y: (_loss(w, X, y), -_grad(w, X, y)))
    assert sign.problem == "values" and sign.message.startswith("DIAG sign")
    whole = LOSS.check(lambda w, X, y: (len(y) * _loss(w, X, y), len(y) * _grad(w, X, y)))
    assert whole.message.startswith("DIAG sum not mean")
    # the sign diagnosis needs the right loss too: only the grad part is compared, so it still fires
    both = LOSS.check(lambda w, X, y: (_loss(w, X, y) + 1, -_grad(w, X, y)))
    assert both.message.startswith("DIAG sign")


def layer_gradients(dZ, X):
    """The gradients of a dense layer's weights and bias."""
    return {"W": X.T @ dZ, "b": dZ.sum(axis=0)}


LAYER = Question("q5", layer_gradients, [Case(np.array([[1.0, -1.0], [0.5, 2.0]]),
                                              np.array([[1.0, 0.0, 2.0], [-1.0, 1.0, 0.0]]))],
                 hint="")


@pytest.mark.parametrize("answer, words", [
    (lambda dZ, X: (X.T @ dZ, dZ.sum(axis=0)),
     "Your function returned a Python tuple; expected a dict with the keys `'W'` and `'b'`."),
    (lambda dZ, X: {"W": X.T @ dZ},
     "Your function returned a dict without the key `'b'`; expected the keys `'W'` and `'b'`."),
    (lambda dZ, X: {"W": X.T @ dZ, "b": dZ.sum(axis=0), "db": 0},
     "Your function returned a dict with the unexpected key `'db'`"),
    (lambda dZ, X: {"W": X.T @ dZ, "b": dZ.sum(axis=1)}, "The entry 'b' has wrong values"),
    (lambda dZ, X: {"W": dZ.T @ X, "b": dZ.sum(axis=0)},
     "The entry 'W' has shape (2, 3), expected (3, 2). That is the transposed shape."),
])
def test_dict_results_name_the_entry(answer, words):
    result = LAYER.check(answer)
    assert not result.passed and words in result.message, result.message
    assert LAYER.check(layer_gradients).passed


def network_gradients(dZs, Xs):
    """Per-layer gradients: a list of {"W", "b"} dicts, one per layer."""
    return [layer_gradients(dZ, X) for dZ, X in zip(dZs, Xs)]


NETWORK = Question("q6", network_gradients,
                   [Case([np.ones((2, 2)), np.ones((2, 1))], [np.ones((2, 3)), np.ones((2, 2))])],
                   hint="", returns=("layer 1", "layer 2"))


def test_nested_parts_are_named_from_the_outside_in():
    def wrong(dZs, Xs):
        grads = network_gradients(dZs, Xs)
        grads[1]["b"] = grads[1]["b"] * 2
        return grads

    result = NETWORK.check(wrong)
    assert result.problem == "values"
    assert "The entry 'b' of the second value (`layer 2`) has wrong values" in result.message


def collapsed(W1, b1, W2, b2):
    """The single layer (W, b) equal to two linear layers."""
    return W1 @ W2, b1 @ W2 + b2


def test_a_tuple_of_expressions_is_named_by_position_unless_returns_names_it():
    args = (np.eye(2), np.ones(2), np.array([[1.0, 2.0], [3.0, 4.0]]), np.zeros(2))
    unnamed = Question("q1", collapsed, [Case(*args)], hint="")
    named = Question("q1", collapsed, [Case(*args)], hint="", returns=("W", "b"))
    answer = lambda W1, b1, W2, b2: (W1 @ W2, b1 + b2)   # noqa: E731
    assert "The second value has wrong values" in unnamed.check(answer).message
    assert "The second value (`b`) has wrong values" in named.check(answer).message
