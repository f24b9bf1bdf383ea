"""Exercise set 01, the perceptron: its output for a batch, the learning rule, NAND by hand, an epoch.

Used by ``exercises/01_perceptron.ipynb``::

    from actlab.exercises import ex01
    ex01.q1.check(predict)
    ex01.q1.hint()
    ex01.q1.solution()

The reference functions below are the solutions exactly as the solution notebook writes them
(``tests/test_exercise_sets.py`` proves it), because ``solution()`` shows their source.
"""

import numpy as np

from actlab.datasets import gate_outputs, logic_gate
from actlab.exercises.checking import Case, Question, mutates_like, raises_like, returns_like

_rng = np.random.default_rng(1)

_CORNERS = logic_gate("and")[0]   # the inputs (0, 0), (0, 1), (1, 0), (1, 1)


def _step(z):
    return np.where(z >= 0, 1, 0)


def _strict_step(z):
    return np.where(z > 0, 1, 0)


_STEP_AT_ZERO = ("On the boundary, where z = 0 exactly, the perceptron answers 1: this course's "
                 "step is step(z) = 1 for z ≥ 0. Your code answers 0 there: compare with `>=`, "
                 "not `>`.")

_WRONG_ORDER = ("`w @ X` pairs the weights with the examples. The sizes in a matrix product must "
                "meet in the middle: X is (n, d) and w is (d,), so `X @ w` works, "
                "(n, d) @ (d,) → (n,).")


# --------------------------------------------------------------------------------------------------
# q1: the perceptron's output for a batch
# --------------------------------------------------------------------------------------------------

def predict(X, w, b):
    """A perceptron's outputs for a batch: 1 where X·w + b >= 0, else 0.

    X: (n, d) one example per row; w: (d,) one weight per input; b: the bias, a number.
    Returns (n,) zeros and ones, one per example.
    """
    return np.where(X @ w + b >= 0, 1, 0)


def _random_q1(rng):
    """A random case for grading, never shown to the learner."""
    n, d = rng.integers(1, 8), rng.integers(1, 4)
    return Case(rng.normal(size=(n, d)), rng.normal(size=d), float(rng.normal()))


q1 = Question(
    "q1", predict,
    random_case=_random_q1,
    cases=[
        Case(_CORNERS, np.array([1.0, 1.0]), -1.5, note="the AND perceptron of the lesson"),
        Case(_CORNERS, np.array([1.0, 1.0]), -1.0,
             note="(0, 1) and (1, 0) lie exactly on the boundary: z = 0"),
        Case(_rng.normal(size=(6, 3)).round(2), np.array([0.5, -1.0, 2.0]), 0.25,
             note="d = 3 inputs"),
        Case(np.array([[2, 0], [0, 2], [1, 1], [3, -1]]), np.array([-0.5, 0.5]), 0.0,
             note="integer inputs, and z = 0 for (1, 1)"),
    ],
    diagnoses=[
        raises_like(ValueError, "truth value",
                    "`if z >= 0:` decides for one number, but `X @ w + b` is an array with one z "
                    "per example. Compare the whole array at once: `np.where(z >= 0, 1, 0)`."),
        returns_like(lambda X, w, b: _step(w @ X + b), _WRONG_ORDER),
        returns_like(lambda X, w, b: _step(np.dot(w, X) + b), _WRONG_ORDER),
        returns_like(lambda X, w, b: _strict_step(X @ w + b), _STEP_AT_ZERO),
        returns_like(lambda X, w, b: X @ w + b,
                     "Those are the weighted sums z = X·w + b. The perceptron's output is "
                     "step(z): 1 where z ≥ 0, else 0."),
        returns_like(lambda X, w, b: np.sign(X @ w + b),
                     "`np.sign` gives −1 for negative z (and 0 at z = 0); the step gives 0 for "
                     "negative z and 1 for z ≥ 0."),
        returns_like(lambda X, w, b: _step(X @ w),
                     "The bias is missing: the step is applied to z = X·w + b."),
        returns_like(lambda X, w, b: _step(X @ w - b),
                     "You subtracted the bias: z = X·w + b, with a plus. (Some books write the "
                     "threshold θ = −b and compare X·w ≥ θ; that is the same test.)"),
        returns_like(lambda X, w, b: 1 - _step(X @ w + b),
                     "Your 0s and 1s are swapped: the perceptron answers 1 where z ≥ 0."),
        mutates_like("Your function wrote into one of its inputs (for example `X *= w`). Compute "
                     "a new array instead: `X @ w + b`."),
    ],
    hint="First the weighted sums of all examples at once, `z = X @ w + b` (shape (n,)), then the "
         "step for every entry at once: `np.where(condition, value_if_true, value_if_false)` "
         "looks at each element. Mind what happens at z = 0.",
    vectorised=Case(_rng.normal(size=(10_000, 2)), np.array([0.3, -0.7]), 0.1,
                    note="10,000 examples"),
    praise="This is `actlab.perceptron.Perceptron.predict`: one matrix product and one comparison "
           "for the whole batch.",
)


# --------------------------------------------------------------------------------------------------
# q2: one step of the learning rule, with the signature of actlab.perceptron.learning_rule_step
# --------------------------------------------------------------------------------------------------

def learning_rule_step(weights, bias, x, target, learning_rate=1.0):
    """One update of Rosenblatt's rule for one example: the new weights and the new bias.

    weights: (d,); bias: a number; x: (d,) the example; target: its label y, 0 or 1;
    learning_rate: the step size η. Returns (new weights as a new array, new bias).
    """
    y_hat = 1 if x @ weights + bias >= 0 else 0
    error = target - y_hat
    return weights + learning_rate * error * x, bias + learning_rate * error


def _answer(weights, bias, x, step=_step):
    """ŷ = step(w·x + b) for one example."""
    return int(step(x @ weights + bias))


def _rule(error_of, *, eta_used=True, bias_step=lambda error, x: error):
    """The update (w + η·error·x, b + η·bias_step), with the error from ``error_of(w, b, x, y)``."""
    def wrong(weights, bias, x, target, learning_rate=1.0):
        eta = learning_rate if eta_used else 1.0
        error = error_of(weights, bias, x, target)
        return weights + eta * error * x, bias + eta * bias_step(error, x)
    return wrong


_BIAS_UNCHANGED = ("The bias never changes in your update. The rule corrects it too, "
                   "b ← b + η(y − ŷ): the bias is the weight of an input that is always 1.")


def _random_q2(rng):
    """A random case for grading, never shown to the learner."""
    d = rng.integers(1, 4)
    return Case(rng.normal(size=d), float(rng.normal()), rng.normal(size=d), int(rng.integers(2)),
                float(rng.choice([0.1, 0.5, 1.0])))


q2 = Question(
    "q2", learning_rule_step,
    random_case=_random_q2,
    returns=("weights", "bias"),
    cases=[
        Case(np.array([0.5, -1.0]), -0.5, np.array([1.0, 1.0]), 1, 1.0,
             note="a missed 1: y = 1 but z = -1, so ŷ = 0"),
        Case(np.array([1.0, 0.5]), 0.0, np.array([1.0, 0.0]), 0, 1.0,
             note="a false 1: y = 0 but z = 1, so ŷ = 1"),
        Case(np.array([1.0, 1.0]), -1.5, np.array([1.0, 1.0]), 1, 1.0,
             note="already right (z = 0.5, ŷ = 1 = y): nothing changes"),
        Case(np.array([1.0, 1.0]), -1.0, np.array([1.0, 0.0]), 0, 1.0,
             note="z = 0 exactly, so ŷ = step(0) = 1, but y = 0"),
        Case(np.array([0.2, -0.4]), 0.1, np.array([0.5, 2.0]), 1, 0.1,
             note="learning rate 0.1"),
        Case(np.array([1.0, 0.5]), -2.0, np.array([1.0, 1.0]), 1, 1.0,
             note="the bias flips the answer: w·x = 1.5 without it, z = −0.5 with it, so ŷ = 0"),
        Case(np.array([0.3, -0.2, 0.5]), 0.25, np.array([-1.0, 2.0, 0.5]), 1, 0.5,
             note="3 inputs, learning rate 0.5"),
    ],
    diagnoses=[
        returns_like(_rule(lambda w, b, x, y: _answer(w, b, x) - y),
                     "The weights moved the wrong way. The error is y − ŷ: a missed 1 (y = 1, "
                     "ŷ = 0) must move w towards x, `weights + learning_rate * (target - y_hat) "
                     "* x`."),
        returns_like(_rule(lambda w, b, x, y: y - _answer(w, b, x, _strict_step)), _STEP_AT_ZERO),
        returns_like(_rule(lambda w, b, x, y: y - (x @ w + b)),
                     "You used the weighted sum z in the error, y − z: that is the Widrow–Hoff "
                     "(LMS) rule. The perceptron's rule uses its answer, y − ŷ with "
                     "ŷ = step(z), so a correct answer changes nothing."),
        returns_like(_rule(lambda w, b, x, y: y),
                     "You added η·y·x (and η·y to the bias), which changes them even when the "
                     "answer is right. The rule uses the error y − ŷ, which is 0 for a right "
                     "answer."),
        returns_like(_rule(lambda w, b, x, y: y - _answer(w, b, x), eta_used=False),
                     "The learning rate is missing: the corrections are η·(y − ŷ)·x and "
                     "η·(y − ŷ)."),
        returns_like(_rule(lambda w, b, x, y: y - _answer(w, 0.0, x)),
                     "You computed ŷ without the bias (from `x @ weights` alone). The perceptron "
                     "answers step(z) with z = w·x + b."),
        returns_like(_rule(lambda w, b, x, y: y - _answer(w, b, x), bias_step=lambda e, x: 0),
                     _BIAS_UNCHANGED),
        returns_like(_rule(lambda w, b, x, y: y - _answer(w, b, x), bias_step=lambda e, x: e * x),
                     "Your new bias is an array: its correction has no x in it, "
                     "b ← b + η(y − ŷ). (The bias is the weight of an input that is always 1, so "
                     "its \"x\" is 1.)"),
        mutates_like("`weights += ...` (or `weights[...] = ...`) changes the caller's weight array "
                     "in place. Return a new array: `weights + learning_rate * error * x`."),
    ],
    hint="Three steps: the answer `y_hat = 1 if x @ weights + bias >= 0 else 0`, the error "
         "`target - y_hat`, then return two things: the weights plus η·error·x, and the bias "
         "plus η·error.",
    praise="This is `actlab.perceptron.learning_rule_step`, which lesson 01 called. Many books "
           "fold the bias into the weights, as the weight of an extra input that is always 1; "
           "then the bias's update is the weights' update for that input.",
)


# --------------------------------------------------------------------------------------------------
# q3: NAND by hand
# --------------------------------------------------------------------------------------------------

def nand_perceptron(X):
    """NAND of each 0/1 input pair (a row of X), computed by a perceptron with chosen w and b."""
    w = np.array([-1.0, -1.0])
    b = 1.5
    z = X @ w + b
    return np.where(z >= 0, 1, 0)


def _random_q3(rng):
    """A random case for grading, never shown to the learner."""
    return Case(_CORNERS[rng.integers(0, 4, size=rng.integers(3, 9))])


q3 = Question(
    "q3", nand_perceptron,
    random_case=_random_q3,
    cases=[
        Case(_CORNERS.copy(), note="the four input pairs (0, 0), (0, 1), (1, 0), (1, 1)"),
        Case(_CORNERS[::-1].copy(), note="the same four pairs in reverse order"),
        Case(_CORNERS[[3, 0, 3, 1, 2, 3]].copy(), note="a batch with repeats"),
    ],
    diagnoses=[
        returns_like(lambda X: gate_outputs("and", X),
                     "That is AND, the opposite of NAND. Multiplying w and b by −1 turns every "
                     "answer round — as long as no input lies exactly on the line (z = 0)."),
        returns_like(lambda X: np.ones(len(X)),
                     "Your perceptron answers 1 for every input, also for (1, 1), where NAND is 0. "
                     "If (1, 1) lies exactly on your line (z = 0), remember step(0) = 1: make z "
                     "negative there, for example with a smaller bias."),
        returns_like(lambda X: gate_outputs("or", X),
                     "That is OR. NAND is 1 unless both inputs are 1."),
        returns_like(lambda X: gate_outputs("nor", X),
                     "That is NOR (1 only for (0, 0)). NAND is 0 only for (1, 1): move the line "
                     "so that only (1, 1) is on its 0 side."),
        returns_like(lambda X: np.zeros(len(X)),
                     "Your perceptron answers 0 for every input: the bias is too negative for "
                     "these weights."),
    ],
    hint="Start from the AND perceptron, w = (1, 1), b = −1.5, and turn every answer round: z ≥ 0 "
         "must now hold for every pair except (1, 1). Write the four inequalities, as in the "
         "lesson, and pick numbers.",
    praise="Like NAND, an AND of any inputs, some of them negated, is one perceptron, and so is "
           "an OR. Every Boolean function is an OR of such ANDs (one for each input that must "
           "give 1), so a layer of AND perceptrons feeding one OR perceptron computes any Boolean "
           "function. (That NAND gates alone can build any circuit is a different fact: such a "
           "circuit may need many layers.)",
)


# --------------------------------------------------------------------------------------------------
# q4: one epoch
# --------------------------------------------------------------------------------------------------

def epoch(weights, bias, X, y, learning_rate=1.0):
    """One epoch of Rosenblatt's rule: the examples in order, each one updating weights and bias.

    weights: (d,) and bias: the starting values; X: (n, d) examples, one a row; y: (n,) labels,
    0 or 1; learning_rate: η. Returns (weights, bias) after the epoch.
    """
    for x, target in zip(X, y):
        y_hat = 1 if x @ weights + bias >= 0 else 0
        weights = weights + learning_rate * (target - y_hat) * x
        bias = bias + learning_rate * (target - y_hat)
    return weights, bias


def _sequential(sign=1, step=_step, examples=slice(None), bias_used=True, bias_updated=True):
    """An epoch with a mistake: the update's sign flipped, another step, only some examples, ŷ
    without the bias, or the bias never updated."""
    def wrong(weights, bias, X, y, learning_rate=1.0):
        for x, target in zip(X[examples], y[examples]):
            error = sign * (target - step(x @ weights + (bias if bias_used else 0.0)))
            weights = weights + learning_rate * error * x
            bias = bias + learning_rate * error if bias_updated else bias
        return weights, bias
    return wrong


def _batch_update(weights, bias, X, y, learning_rate=1.0):
    errors = y - _step(X @ weights + bias)
    return weights + learning_rate * errors @ X, bias + learning_rate * errors.sum()


def _random_q4(rng):
    """A random case for grading, never shown to the learner."""
    n, d = rng.integers(3, 9), rng.integers(1, 4)
    return Case(rng.normal(size=d), float(rng.normal()), rng.normal(size=(n, d)),
                rng.integers(0, 2, size=n), float(rng.choice([0.1, 0.5, 1.0])))


q4 = Question(
    "q4", epoch,
    random_case=_random_q4,
    returns=("weights", "bias"),
    cases=[
        Case(np.zeros(2), 0.0, _CORNERS.copy(), np.array([0, 0, 0, 1]), 1.0,
             note="AND from w = 0, b = 0, as in the lesson's first epoch"),
        Case(np.array([0.5, -0.5]), 0.0, _CORNERS.copy(), np.array([0, 1, 1, 1]), 1.0,
             note="OR"),
        Case(np.zeros(2), 0.0, _CORNERS.copy(), np.array([0, 1, 1, 0]), 0.5,
             note="XOR, learning rate 0.5"),
        Case(np.array([0.1, 0.2, -0.3]), 0.05, _rng.normal(size=(8, 3)).round(2),
             np.array([1, 0, 0, 1, 1, 0, 1, 0]), 0.2, note="8 examples with 3 inputs"),
    ],
    diagnoses=[
        returns_like(_batch_update,
                     "You computed every answer with the starting weights and added all the "
                     "corrections at once (a batch update). Rosenblatt's rule updates after each "
                     "example, so the next example already sees the corrected weights: loop over "
                     "the examples and update `weights` and `bias` inside the loop."),
        returns_like(_sequential(examples=slice(None, 1)),
                     "Only the first example changed the weights: is your `return` inside the "
                     "loop?"),
        returns_like(_sequential(examples=slice(None, -1)),
                     "The last example never updated the weights: does your loop stop one short, "
                     "like `range(len(X) - 1)`? `range(len(X))`, or `zip(X, y)`, visits every "
                     "example."),
        returns_like(_sequential(sign=-1),
                     "The weights moved the wrong way: the error is y − ŷ, and a missed 1 must "
                     "move w towards x."),
        returns_like(_sequential(step=_strict_step), _STEP_AT_ZERO),
        returns_like(_sequential(bias_used=False),
                     "You computed ŷ without the bias (from `x @ weights` alone). The perceptron "
                     "answers step(z) with z = w·x + b."),
        returns_like(_sequential(bias_updated=False), _BIAS_UNCHANGED),
        mutates_like("`weights += ...` inside the loop changes the caller's starting weights. "
                     "Write `weights = weights + ...`, which makes a new array each time."),
    ],
    hint="Loop over the examples and their labels together, `for x, target in zip(X, y):`, and "
         "apply q2's update inside the loop, assigning the results back to `weights` and `bias`. "
         "(Here a Python loop is right: each step needs the weights the previous one produced.)",
    praise="`actlab.perceptron.train` repeats exactly this until an epoch makes no mistake.",
)

questions = (q1, q2, q3, q4)
