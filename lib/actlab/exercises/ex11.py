"""Exercise set 11, choosing an activation: accuracy from the scores, one training step of a softmax
layer, and early stopping with patience.

Used by ``exercises/11_choosing_an_activation.ipynb``::

    from actlab.exercises import ex11
    ex11.q1.check(accuracy)
    ex11.q1.hint()
    ex11.q1.solution()

The reference functions below are the solutions exactly as the solution notebook writes them
(``tests/test_exercise_sets.py`` proves it), because ``solution()`` shows their source.
"""

import numpy as np

from actlab import softmax
from actlab.exercises.checking import Case, Question, mutates_like, returns_like

_rng = np.random.default_rng(11)


# --------------------------------------------------------------------------------------------------
# q1: accuracy from the scores
# --------------------------------------------------------------------------------------------------

def accuracy(scores, y):
    """The fraction of examples whose highest score is their class.

    scores: (n, k) the network's scores (logits), one row per example; y: (n,) the classes, 0 to
    k - 1. Returns a float between 0 and 1.
    """
    return float(np.mean(np.argmax(scores, axis=1) == y))


def _scores_case(rng, n, k, right):
    """Scores for n examples of k classes, about ``right`` of them classified correctly."""
    y = rng.integers(0, k, size=n)
    scores = rng.normal(size=(n, k))
    good = rng.random(n) < right
    scores[good, y[good]] += 4.0
    return scores, y


def _random_q1(rng):
    """A random case for grading, never shown to the learner."""
    n, k = rng.integers(2, 30), rng.integers(2, 11)
    return Case(*_scores_case(rng, n, k, rng.random()))


q1 = Question(
    "q1", accuracy,
    random_case=_random_q1,
    cases=[
        Case(np.array([[2.0, 0.5, -1.0], [0.1, 0.3, 0.2], [-1.0, -2.0, 0.5], [3.0, 1.0, 0.0]]),
             np.array([0, 2, 2, 1]), note="4 examples, 3 classes: two right"),
        Case(*_scores_case(_rng, 12, 10, 0.8), note="12 digits, 10 classes"),
        Case(*_scores_case(_rng, 7, 2, 0.5), note="7 examples, 2 classes"),
        Case(np.array([[-5.0, -1.0, -3.0]]), np.array([1]),
             note="one example, every score negative"),
    ],
    diagnoses=[
        returns_like(lambda scores, y: float(np.sum(np.argmax(scores, axis=1) == y)),
                     "That is the number of examples classified correctly. Accuracy is the "
                     "fraction: divide by the number of examples, or take `np.mean` of the "
                     "comparison."),
        returns_like(lambda scores, y: float(100 * np.mean(np.argmax(scores, axis=1) == y)),
                     "That is a percentage. The task asks the fraction, between 0 and 1."),
        returns_like(lambda scores, y: float(np.mean(np.max(scores, axis=1) == y)),
                     "`np.max` gives the highest score itself, not which class has it. The "
                     "predicted class is the *position* of the highest score: `np.argmax`."),
        returns_like(lambda scores, y: float(np.mean(np.argmin(scores, axis=1) == y)),
                     "`np.argmin` picks the class with the lowest score. The prediction is the "
                     "class with the highest: `np.argmax`."),
        returns_like(lambda scores, y: float(np.mean(np.argmax(scores) == y)),
                     "`np.argmax(scores)` without an axis is one number, the position of the "
                     "largest entry of the whole flattened array. Take the argmax of every row: "
                     "`axis=1`."),
        returns_like(lambda scores, y: float(np.mean(np.argmax(scores, axis=0) == y)),
                     "`axis=0` takes the argmax down each column: for each class, the example "
                     "that scores highest. The prediction of an example is the argmax along its "
                     "row: `axis=1`."),
        mutates_like("Your function changed `scores` or `y` in place. Compute the predictions "
                     "into a new array."),
    ],
    hint="The predicted class of each example is the position of its highest score, "
         "`np.argmax(scores, axis=1)`. Compare it with `y` and take the mean of the comparison.",
    check_dtype=False,
    praise="No softmax needed: softmax keeps the order of the scores, so the argmax of the "
           "probabilities is the argmax of the scores. This is how the engine's History counts "
           "the validation accuracy the lesson plots.",
)


# --------------------------------------------------------------------------------------------------
# q2: one training step of a softmax layer
# --------------------------------------------------------------------------------------------------

def sgd_step(W, b, X, y, learning_rate):
    """One step of gradient descent for a softmax layer with cross-entropy (softmax regression).

    W: (d, k) weights; b: (k,) biases; X: (n, d) a mini-batch; y: (n,) its classes, 0 to k - 1;
    learning_rate: a float. Returns the new (W, b); W and b themselves are left unchanged.
    """
    n, k = len(X), W.shape[1]
    P = softmax(X @ W + b, axis=1)
    T = np.eye(k)[y]
    G = (P - T) / n
    new_W = W - learning_rate * (X.T @ G)
    new_b = b - learning_rate * G.sum(axis=0)
    return new_W, new_b


def _summed_step(W, b, X, y, learning_rate):
    """:func:`sgd_step` without the 1/n: the gradient of the summed loss (a wrong variant). Written
    out, not by calling the reference, because a graded release ships no reference."""
    G = softmax(X @ W + b, axis=1) - np.eye(W.shape[1])[y]
    return W - learning_rate * (X.T @ G), b - learning_rate * G.sum(axis=0)


def _q2_case(rng, n, d, k, learning_rate):
    return Case(rng.normal(scale=0.3, size=(d, k)), rng.normal(scale=0.1, size=k),
                rng.normal(size=(n, d)), rng.integers(0, k, size=n), learning_rate)


def _random_q2(rng):
    """A random case for grading, never shown to the learner."""
    n, d, k = rng.integers(2, 20), rng.integers(1, 8), rng.integers(2, 6)
    return _q2_case(rng, n, d, k, float(rng.choice([0.01, 0.1, 0.5])))


q2 = Question(
    "q2", sgd_step,
    random_case=_random_q2,
    returns=("new_W", "new_b"),
    cases=[
        _q2_case(_rng, 5, 3, 4, 0.1),
        _q2_case(_rng, 8, 2, 3, 0.5),
        _q2_case(_rng, 1, 4, 2, 0.05),
        _q2_case(_rng, 12, 64, 10, 0.05),
    ],
    diagnoses=[
        returns_like(lambda W, b, X, y, lr: (W + lr * (X.T @ ((softmax(X @ W + b, axis=1)
                                                              - np.eye(W.shape[1])[y]) / len(X))),
                                             b + lr * ((softmax(X @ W + b, axis=1)
                                                        - np.eye(W.shape[1])[y]) / len(X)).sum(0)),
                     "Your step goes *up* the loss: gradient descent subtracts the gradient, "
                     "`W - learning_rate * grad`. (Or the error is the wrong way round: it is "
                     "P − T, prediction minus target.)"),
        returns_like(_summed_step,
                     "Your step is n times too large: the loss is the *mean* over the batch, so "
                     "its gradient is (P − T)/n. Divide by the number of examples."),
        returns_like(lambda W, b, X, y, lr: (W - lr * (X.T @ ((softmax(X @ W + b, axis=1)
                                                              - np.eye(W.shape[1])[y]) / len(X))),
                                             b),
                     "The biases did not move. They learn too: their gradient is the sum over the "
                     "batch of (P − T)/n, `G.sum(axis=0)`."),
        returns_like(lambda W, b, X, y, lr: (W - lr * (X.T @ ((softmax(X @ W + b, axis=1)
                                                              - np.eye(W.shape[1])[y]) / len(X))),
                                             b - lr * ((softmax(X @ W + b, axis=1)
                                                        - np.eye(W.shape[1])[y]) / len(X)).mean(0)),
                     "The bias gradient is the *sum* over the batch of (P − T)/n — the 1/n is "
                     "already in it. Taking the mean divides by n a second time."),
        returns_like(lambda W, b, X, y, lr: (W - lr * (X.T @ ((X @ W + b
                                                              - np.eye(W.shape[1])[y]) / len(X))),
                                             b - lr * ((X @ W + b
                                                        - np.eye(W.shape[1])[y]) / len(X)).sum(0)),
                     "You used the scores S = XW + b where the probabilities belong. With a "
                     "softmax output and cross-entropy the error is P − T with P = softmax(S)."),
        mutates_like("Your function changed `W` or `b` in place (for example `W -= ...`): the "
                     "caller's parameters are gone. Return new arrays: `new_W = W - ...`."),
    ],
    hint="Four lines: the probabilities P = softmax(X W + b) (row by row, `axis=1`); the one-hot "
         "targets T = `np.eye(k)[y]`; the error G = (P − T)/n; then W − learning_rate · XᵀG and "
         "b − learning_rate · (the sum of G's rows).",
    praise="That is the whole of softmax regression — and the last layer of every classifier the "
           "lesson trained: the engine's backward pass starts with exactly this G = (P − T)/n.",
)


# --------------------------------------------------------------------------------------------------
# q3: early stopping with patience
# --------------------------------------------------------------------------------------------------

def early_stop(val_loss, patience):
    """Where early stopping stops, and which epoch's weights it keeps.

    val_loss: (E,) the validation loss after each epoch (index 0: before training); patience: an
    int >= 1. Training stops at the first epoch that is ``patience`` epochs after the epoch with
    the lowest loss so far (a tie is not an improvement). Returns (stopped, best): the epoch it
    stopped at (the last epoch if it never stops) and the epoch with the lowest loss up to then.
    """
    best = 0
    stopped = len(val_loss) - 1
    for epoch in range(1, len(val_loss)):
        if val_loss[epoch] < val_loss[best]:
            best = epoch
        elif epoch - best >= patience:
            stopped = epoch
            break
    return stopped, best


def _stopping(*, improved=lambda new, old: new < old, wait=lambda since, p: since >= p,
              against_previous=False, keep_last=False):
    """A wrong variant of :func:`early_stop` for the diagnoses."""
    def wrong(val_loss, patience):
        best = 0
        stopped = len(val_loss) - 1
        for epoch in range(1, len(val_loss)):
            old = val_loss[epoch - 1] if against_previous else val_loss[best]
            if improved(val_loss[epoch], old):
                best = epoch
            elif wait(epoch - best, patience):
                stopped = epoch
                break
        return stopped, stopped if keep_last else best
    return wrong


def _random_q3(rng):
    """A random case for grading, never shown to the learner: a falling curve with plateaus,
    rounded to 2 decimals so ties happen."""
    epochs = rng.integers(3, 40)
    steps = np.where(rng.random(epochs) < 0.4, -rng.random(epochs) * 0.3,
                     rng.normal(scale=0.05, size=epochs))
    curve = np.round(2.5 + np.concatenate([[0.0], np.cumsum(steps)]), 2)
    return Case(curve, int(rng.integers(1, 8)))


_PLATEAU = np.array([2.6, 2.0, 1.86, 1.85, 1.86, 1.87, 1.85, 1.86, 1.88, 1.6, 1.2, 0.9, 0.8])

q3 = Question(
    "q3", early_stop,
    random_case=_random_q3,
    cases=[
        Case(np.array([3.0, 2.0, 2.1, 2.2, 1.0]), 2, note="stops at epoch 3, before the drop"),
        Case(np.array([3.0, 2.0, 2.1, 2.2, 1.0]), 3, note="patience 3: sees the drop"),
        Case(_PLATEAU, 5, note="a plateau like the lesson's deep sigmoid, patience 5"),
        Case(_PLATEAU, 10, note="the same plateau, patience 10"),
        Case(np.array([1.0, 0.9, 0.9, 0.9]), 2, note="a tie is not an improvement"),
        Case(np.array([3.0, 2.0, 1.0, 0.5]), 1, note="always improving: never stops"),
    ],
    diagnoses=[
        returns_like(_stopping(improved=lambda new, old: new <= old),
                     "You count an equal loss as an improvement. Early stopping waits for a loss "
                     "*lower* than the best so far: use `<`, so a flat plateau still counts "
                     "towards the patience."),
        returns_like(_stopping(wait=lambda since, p: since > p),
                     "You stop one epoch late: with patience p, training stops at the p-th "
                     "epoch without improvement, when `epoch - best >= patience`."),
        returns_like(_stopping(against_previous=True),
                     "You compare each loss with the *previous* epoch's. Early stopping compares "
                     "with the best so far: a small wiggle down on a plateau is not a new best."),
        returns_like(_stopping(keep_last=True),
                     "Your second value is the epoch training stopped at. Early stopping keeps "
                     "the weights of the best epoch, the one with the lowest loss, and returns "
                     "that one."),
        mutates_like("Your function changed `val_loss` in place. Keep the curve as it is: only "
                     "read it."),
    ],
    hint="Keep `best`, the epoch with the lowest loss so far, starting at 0. Walk the epochs from "
         "1: a lower loss makes the epoch the new best; otherwise, if `epoch - best >= patience`, "
         "stop there. Without a stop, the last epoch is where training ended.",
    check_dtype=False,
    praise="That is Keras' EarlyStopping with restore_best_weights, and "
           "`actlab.experiments.choosing.early_stop`. Try the lesson's deep sigmoid curves with it "
           "in the cell below: how much patience does it take to see the plateau end?",
)

questions = (q1, q2, q3)
