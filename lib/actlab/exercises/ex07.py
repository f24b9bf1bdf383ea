"""Exercise set 07, the ReLU family and the smooth units: leaky ReLU with its slope, ELU without
overflow, GELU's tanh form, and SELU's fixed point checked on samples.

Used by ``exercises/07_relu_family.ipynb``::

    from actlab.exercises import ex07
    ex07.q1.check(leaky_relu_and_slope)
    ex07.q1.hint()
    ex07.q1.solution()

The reference functions below are the solutions exactly as the solution notebook writes them
(``tests/test_exercise_sets.py`` proves it), because ``solution()`` shows their source.
"""

import math

import numpy as np

from actlab.activations import sigmoid
from actlab.exercises.checking import Case, Question, raises_like, returns_like, warns_like

_rng = np.random.default_rng(7)


# --------------------------------------------------------------------------------------------------
# q1: leaky ReLU and its slope
# --------------------------------------------------------------------------------------------------

def leaky_relu_and_slope(x, alpha):
    """Leaky ReLU at every x, and its slope there (at the kink x = 0, the left slope alpha).

    x: (n,) pre-activations; alpha: the slope for x < 0, a number >= 0.
    Returns two arrays of shape (n,): `return value, slope`.
    """
    value = np.where(x >= 0, x, alpha * x)
    slope = np.where(x > 0, 1.0, alpha)
    return value, slope


def _leaky(value_of, slope_of):
    return lambda x, alpha: (value_of(x, alpha), slope_of(x, alpha))


def _right_value(x, alpha):
    return np.where(x >= 0, x, alpha * x)


def _random_q1(rng):
    """A random case for grading, never shown to the learner."""
    x = np.append(rng.normal(scale=2, size=rng.integers(2, 8)).round(2), 0.0)
    return Case(x, float(rng.choice([0.01, 0.05, 0.2, 0.3])))


q1 = Question(
    "q1", leaky_relu_and_slope,
    returns=("value", "slope"),
    random_case=_random_q1,
    cases=[
        Case(np.array([-2.0, -0.5, 0.0, 0.5, 2.0]), 0.1, note="α = 0.1, with the kink at 0"),
        Case(np.array([-3.0, 0.0, 3.0]), 0.01, note="the default α = 0.01"),
        Case(np.array([-1.0, 0.0, 1.0]), 2.0, note="α = 2: a slope above 1 on the negative side"),
    ],
    diagnoses=[
        returns_like(_leaky(lambda x, a: np.where(x >= 0, a * x, x),
                            lambda x, a: np.where(x > 0, a, 1.0)),
                     "The slope α is on the wrong side: leaky ReLU keeps x for x > 0 and "
                     "multiplies by α for x < 0, so that negative inputs still pass a small "
                     "gradient. Yours scales the positive side."),
        returns_like(lambda x, alpha: np.where(x >= 0, 1.0, alpha),
                     "Your slope at the kink x = 0 is 1. The course (and PyTorch, JAX) takes the "
                     "left slope there, α — the same convention as relu′(0) = 0, which is leaky "
                     "ReLU with α = 0. Use `x > 0` for the slope's test.", part=1),
        returns_like(lambda x, alpha: (x > 0).astype(float),
                     "That is ReLU's slope: 0 for x ≤ 0. Leaky ReLU's slope on the negative side "
                     "is α — the whole point of the leak.", part=1),
        returns_like(lambda x, alpha: np.maximum(x, alpha * x),
                     "`np.maximum(x, alpha * x)` is leaky ReLU only while α ≤ 1: with α = 2, "
                     "2x is the larger of the two for x > 0 (and x for x < 0), so you get 2x on "
                     "the positive side. Choose the branch by the sign of x, `np.where(x >= 0, "
                     "...)`.", part=0),
        returns_like(lambda x, alpha: np.where(x > 0, 1.0, alpha * x),
                     "Your slope on the negative side is α·x: that is the *value* there. The "
                     "slope of αx is the constant α.", part=1),
    ],
    hint="Two `np.where`s on the sign of x: the value is x or αx, the slope 1 or α. Mind which "
         "side x = 0 belongs to for the slope.",
    praise="leaky_relu′(0) = α: the left slope, as relu′(0) = 0. With α = 2 the function is "
           "still piecewise linear and monotone — just steeper on the negative side.",
)


# --------------------------------------------------------------------------------------------------
# q2: ELU without overflow
# --------------------------------------------------------------------------------------------------

def elu(x, alpha):
    """ELU at every x, with no RuntimeWarning even for x = 1000.

    x: (n,) pre-activations; alpha: the level -alpha that ELU approaches for x -> -inf.
    Returns (n,).
    """
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0)))


def _random_q2(rng):
    """A random case for grading, never shown to the learner."""
    x = np.concatenate([rng.normal(scale=3, size=rng.integers(2, 7)).round(2),
                        [float(rng.choice([800.0, 1000.0, 5000.0]))]])
    return Case(x, float(rng.choice([0.5, 1.0, 1.5, 2.0])))


q2 = Question(
    "q2", elu,
    random_case=_random_q2,
    cases=[
        Case(np.array([-3.0, -1.0, -0.1, 0.0, 0.1, 1.0, 3.0]), 1.0, note="α = 1"),
        Case(np.array([-2.0, -0.5, 0.5, 2.0]), 2.0, note="α = 2"),
        Case(np.array([-1000.0, -30.0, 30.0, 1000.0]), 1.0, note="very large |x|"),
    ],
    diagnoses=[
        warns_like("overflow",
                   "`np.where` evaluates *both* branches on every x before it chooses: for "
                   "x = 1000, exp(1000) overflows to inf (a RuntimeWarning) although that "
                   "branch is thrown away. Feed the exponential only what it needs: "
                   "`np.minimum(x, 0)` is 0 where x > 0, and exp(0) is harmless."),
        returns_like(lambda x, alpha: np.where(x > 0, x, alpha * np.exp(np.minimum(x, 0))),
                     "The −1 is missing: ELU is α(eˣ − 1) for x ≤ 0, so that it is 0 at x = 0 "
                     "(continuous) and approaches −α, not 0, for very negative x."),
        returns_like(lambda x, alpha: np.where(x > 0, x, np.expm1(np.minimum(x, 0))),
                     "α is missing: the negative branch is α(eˣ − 1), so it levels off at −α. "
                     "Yours does for α = 1 only."),
        returns_like(lambda x, alpha: alpha * np.where(x > 0, x, np.expm1(np.minimum(x, 0))),
                     "α multiplies only the negative branch: for x > 0, ELU is x itself."),
        raises_like(AttributeError, "has no attribute 'expm1'",
                    "`expm1` is numpy's: `np.expm1(...)` computes eˣ − 1, accurately even for "
                    "tiny x."),
    ],
    hint="exp(x) overflows for x > 709.78, and np.where computes both branches everywhere. Give "
         "the exponential min(x, 0) instead of x. np.expm1(t) is eᵗ − 1.",
    praise="Clamping the branch that np.where discards is how the library (and jax.nn) avoid "
           "the warning; np.expm1 also keeps the relative precision of ELU for tiny negative x.",
)


# --------------------------------------------------------------------------------------------------
# q3: GELU's tanh form
# --------------------------------------------------------------------------------------------------

def gelu_tanh(x):
    """GELU's tanh form, 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), at every x.

    x: (n,) pre-activations. Returns (n,).
    """
    return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)))


def _tanh_form(constant, inner):
    return lambda x: 0.5 * x * (1 + np.tanh(constant * inner(x)))


def _exact_gelu(x):
    from scipy.special import ndtr
    return x * ndtr(x)


_C = math.sqrt(2 / math.pi)


def _random_q3(rng):
    """A random case for grading, never shown to the learner."""
    return Case(rng.normal(scale=2.5, size=rng.integers(3, 9)).round(2))


q3 = Question(
    "q3", gelu_tanh,
    random_case=_random_q3,
    cases=[
        Case(np.array([-3.0, -1.5, -0.75, 0.0, 0.5, 1.0, 2.0, 3.0]), note="from −3 to 3"),
        Case(np.array([-10.0, -2.7, 2.7, 10.0]), note="further out"),
    ],
    diagnoses=[
        returns_like(_tanh_form(_C, lambda x: x),
                     "The cubic term is missing: the argument of tanh is √(2/π)·(x + 0.044715 x³). "
                     "Without 0.044715 x³ the curve is x·σ(1.596x), off by up to about 0.02."),
        returns_like(_tanh_form(math.sqrt(2 * math.pi), lambda x: x + 0.044715 * x ** 3),
                     "The constant is √(2/π) ≈ 0.7979, not √(2π) ≈ 2.5066: write "
                     "`np.sqrt(2 / np.pi)`."),
        returns_like(_tanh_form(2 / math.pi, lambda x: x + 0.044715 * x ** 3),
                     "The constant is the square root of 2/π, √(2/π) ≈ 0.7979; you used 2/π "
                     "≈ 0.6366."),
        returns_like(_tanh_form(_C, lambda x: x + 0.044715 * x ** 2),
                     "The correction term is 0.044715·x³, a cube: `x ** 3`. An x² would make the "
                     "curve lose its symmetry (gelu(x) − gelu(−x) = x)."),
        returns_like(_tanh_form(_C, lambda x: x + 0.044715 * x ** 3 / 3),
                     "The term is 0.044715·x³, without a further division."),
        returns_like(_exact_gelu,
                     "That is the exact GELU, x·Φ(x). The task is its tanh form, the one BERT and "
                     "GPT-2 used: the two differ by up to 4.7e-4, which the check sees."),
        returns_like(lambda x: x * sigmoid(1.702 * x),
                     "That is the sigmoid approximation x·σ(1.702x), off by up to 0.02. The task "
                     "is the tanh form 0.5x(1 + tanh(√(2/π)(x + 0.044715x³)))."),
        returns_like(lambda x: x * (1 + np.tanh(_C * (x + 0.044715 * x ** 3))),
                     "The factor ½ is missing: 0.5·x·(1 + tanh(...)) goes from 0 to x as tanh "
                     "goes from −1 to 1. Yours goes to 2x."),
    ],
    hint="Write the formula term by term: `inner = np.sqrt(2 / np.pi) * (x + 0.044715 * x**3)`, "
         "then 0.5 · x · (1 + tanh(inner)).",
    praise="Within 4.7e-4 of x·Φ(x) everywhere, and tanh never overflows: for x = ±10 the form "
           "gives exactly x and (almost) 0.",
)


# --------------------------------------------------------------------------------------------------
# q4: SELU's fixed point, on samples
# --------------------------------------------------------------------------------------------------

def selu_moments(z):
    """The mean and the variance of selu(z) over the samples z, with SELU written out from its
    two constants.

    z: (n,) samples. Returns two numbers: `return mean, variance`.
    """
    alpha = 1.6732632423543772
    lam = 1.0507009873554805
    h = lam * np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0)))
    return h.mean(), h.var()


def _moments(selu_of, summary=lambda h: (h.mean(), h.var())):
    alpha, lam = 1.6732632423543772, 1.0507009873554805
    return lambda z: summary(selu_of(z, alpha, lam))


def _elu1(z):
    """e^z - 1 on the negative side (0 elsewhere), without overflow."""
    return np.expm1(np.minimum(z, 0))


def _selu(z, alpha, lam):
    return lam * np.where(z > 0, z, alpha * _elu1(z))


def _random_q4(rng):
    """A random case for grading, never shown to the learner."""
    return Case(rng.normal(loc=rng.choice([0.0, 0.5, -1.0]), scale=rng.choice([0.5, 1.0, 2.0]),
                           size=int(rng.integers(50, 2000))))


q4 = Question(
    "q4", selu_moments,
    returns=("mean", "variance"),
    random_case=_random_q4,
    cases=[
        Case(np.array([-2.0, -1.0, 0.0, 1.0, 2.0]), note="five points"),
        Case(_rng.normal(size=100_000), note="100,000 samples of N(0, 1)"),
        Case(_rng.normal(loc=1.0, scale=2.0, size=1000), note="1,000 samples of N(1, 4)"),
    ],
    diagnoses=[
        returns_like(_moments(lambda z, a, l: np.where(z > 0, z, l * a * _elu1(z))),
                     "λ multiplies *both* branches: selu(z) = λz for z > 0 and λα(eᶻ − 1) for "
                     "z ≤ 0. Yours leaves the positive side unscaled, so the variance of "
                     "N(0, 1) samples is not 1."),
        returns_like(_moments(lambda z, a, l: l * np.where(z > 0, z, l * _elu1(z))),
                     "On the negative side the factor inside is α ≈ 1.6733 (the level −λα "
                     "≈ −1.7581), not λ: selu(z) = λα(eᶻ − 1) there."),
        returns_like(_moments(lambda z, a, l: a * np.where(z > 0, z, l * _elu1(z))),
                     "α and λ are swapped: λ ≈ 1.0507 scales everything, α ≈ 1.6733 is the "
                     "level of ELU inside, selu(z) = λ·(z if z > 0 else α(eᶻ − 1))."),
        returns_like(_moments(_selu, lambda h: h.std()),
                     "The second value should be the variance, the square of the standard "
                     "deviation: `h.var()` (or `h.std() ** 2`).", part=1),
        returns_like(_moments(_selu, lambda h: np.var(h, ddof=1)),
                     "`ddof=1` gives the unbiased sample variance, n/(n − 1) times the "
                     "population variance. The task asks for the variance of the samples "
                     "themselves, the mean of (h − mean)²: `h.var()`.", part=1),
        returns_like(lambda z: (z.mean(), z.var()),
                     "Those are the mean and variance of z itself. Apply SELU first, then take "
                     "the mean and variance of its outputs."),
    ],
    hint="h = λ·(z where z > 0, else α(eᶻ − 1)), with np.where and np.expm1(np.minimum(z, 0)); "
         "then its mean and its variance.",
    praise="For N(0, 1) samples you get mean ≈ 0 and variance ≈ 1: SELU's fixed point, up to the "
           "sampling error of 100,000 draws. From N(1, 4) samples one layer does not get there "
           "— the lesson's network needed about 10.",
)

questions = (q1, q2, q3, q4)
