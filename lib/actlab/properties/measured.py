r"""Lesson 07's measured numbers of an activation — for the library's activations and for any
function of one array argument.

Every checker evaluates the function; none reads what the library declares, so the two can be
compared (lesson 09). Lesson 07 uses them for its table of the ReLU family and the smooth units.

================================ ==============================================================
checker                          what it measures
================================ ==============================================================
:func:`gaussian_moments`         :math:`\mathbb{E}[f(Z)]` and :math:`\operatorname{Var} f(Z)`,
                                 :math:`Z \sim N(0, 1)`, by adaptive quadrature
:func:`minimum`                  the smallest value and where (or "as x → −∞", "on an interval")
:func:`largest_slope`            :math:`\sup_x f'(x)` and where, from one-sided differences
:func:`monotonicity`             non-decreasing or not, and the interval where f decreases
:func:`smoothness_at`            jump, kink (C⁰), C¹ but not C², or C² at a point
:func:`output_range`             the infimum and supremum, and whether each is attained
:func:`cost_per_million`         milliseconds for 10⁶ float64 values (a timing: it varies)
:func:`properties`               all of the above but the cost, as one :class:`Properties`
================================ ==============================================================

>>> from actlab import gelu
>>> round(minimum(gelu).value, 4), round(minimum(gelu).where, 3)
(-0.17, -0.752)
"""

import dataclasses
import math
import time

import numpy as np
from scipy import integrate, optimize

from actlab.activations import get

__all__ = ["Extremum", "Monotonicity", "Properties", "as_function", "cost_per_million",
           "gaussian_moments", "largest_slope", "minimum", "monotonicity", "output_range",
           "properties", "smoothness_at"]

# The finite window searched for minima, slopes and decreasing stretches. Every activation of the
# course does all its bending inside it; beyond it only the limits at ±∞ matter, taken at ±FAR.
WINDOW = 10.0
FAR = 1e3
_GRID = np.linspace(-WINDOW, WINDOW, 40001)        # step 5e-4, includes 0
_DECADES = np.array([1e3, 1e6, 1e9, 1e12])


@dataclasses.dataclass(frozen=True)
class Extremum:
    """An extreme value and where it is reached.

    ``where`` is a number, ``-inf``/``inf`` when the value is only approached as x → ∓∞ (an
    infimum or supremum that is not attained), or ``None`` when it is attained on a whole interval
    (ReLU's minimum 0 for every x ≤ 0).
    """

    value: float
    where: float | None

    def __str__(self):
        if self.where is None:
            place = "on an interval"
        elif math.isinf(self.where):
            place = "as x → -∞" if self.where < 0 else "as x → ∞"
        else:
            place = f"at {round(self.where, 3) + 0.0:.3f}"
        return f"{self.value:.4f} {place}"


@dataclasses.dataclass(frozen=True)
class Monotonicity:
    """``monotone``: non-decreasing on the whole window; else ``decreasing_on = (a, b)``."""

    monotone: bool
    decreasing_on: tuple | None

    def __str__(self):
        if self.monotone:
            return "yes"
        a, b = self.decreasing_on
        if a < -WINDOW / 2:   # the fall starts in the flat left tail: it goes on towards -inf
            return f"no: falls for x < {b:.3f}"
        return f"no: falls on [{a:.2f}, {b:.3f}]"


@dataclasses.dataclass(frozen=True)
class Properties:
    """The measured properties of one activation (see :func:`properties`)."""

    name: str
    range: tuple
    range_text: str
    monotone: Monotonicity
    smoothness: str
    mean: float
    variance: float
    minimum: Extremum
    largest_slope: Extremum


def as_function(activation, params=None):
    """A function of one float64 array: ``activation`` (name, :class:`Activation` or callable) with
    its keyword ``params`` bound."""
    params = dict(params or {})
    if isinstance(activation, str):
        activation = get(activation)
    if not callable(activation):
        raise TypeError(f"properties: activation must be a name such as 'gelu', an actlab "
                        f"activation or a function of one array, got {activation!r}")

    def f(x):
        return np.asarray(activation(np.asarray(x, dtype=float), **params), dtype=float)
    f.__name__ = getattr(activation, "name", getattr(activation, "__name__", "f"))
    return f


def gaussian_moments(activation, params=None):
    r"""Mean and variance of :math:`f(Z)` for a standard normal :math:`Z`, by quadrature.

    .. math:: \mathbb{E}[f(Z)] = \int_{-\infty}^{\infty} f(z)\,\varphi(z)\,dz, \qquad
              \operatorname{Var} f(Z) = \mathbb{E}[f(Z)^2] - \mathbb{E}[f(Z)]^2,
              \qquad \varphi(z) = e^{-z^2/2}/\sqrt{2\pi}

    Each integral is split at 0, where the activations of the course have their kinks, and
    computed by ``scipy.integrate.quad`` (absolute error well below 1e-10).

    Returns
    -------
    (float, float)
        The mean and the variance.

    Examples
    --------
    >>> mean, variance = gaussian_moments("selu")
    >>> abs(mean) < 1e-9, abs(variance - 1) < 1e-9
    (True, True)
    """
    f = as_function(activation, params)

    def moment(power):
        def integrand(z):
            return float(f(z)) ** power * math.exp(-z * z / 2) / math.sqrt(2 * math.pi)
        return sum(integrate.quad(integrand, a, b, epsabs=1e-13, epsrel=1e-12)[0]
                   for a, b in ((-math.inf, 0.0), (0.0, math.inf)))

    mean = moment(1)
    return mean, moment(2) - mean ** 2


def _limit(f, direction):
    """The limit of f as x → direction·∞, from its values at x = ±10³, ±10⁶, ±10⁹, ±10¹².

    ±inf when f keeps moving one way and its step from one of these points to the next does not
    shrink below half the previous step (x, log x and even log log x go on); otherwise the value at
    ±10¹². A bounded function that approaches its limit like 1/x (softsign, arctan) or faster moves
    a thousand times less at each step, so it is not mistaken for one still rising at x = 1000.
    No sampling can tell a function that creeps to its bound like 1 − 1/log x from log log x.
    """
    with np.errstate(all="ignore"):
        y = f(direction * _DECADES)
    if np.isinf(y[-1]):
        return float(y[-1])
    steps = np.diff(y)
    one_way = (steps > 1e-9).all() or (steps < -1e-9).all()
    if one_way and abs(steps[-1]) >= abs(steps[-2]) / 2:
        return math.copysign(math.inf, steps[-1])
    return float(y[-1])


def _attained(values, target, tolerance=1e-12):
    return np.abs(values - target) <= tolerance


def _refine(g, x_grid, k):
    """The minimiser of g near grid point k, by bounded Brent search on its two neighbours."""
    low, high = x_grid[max(k - 1, 0)], x_grid[min(k + 1, len(x_grid) - 1)]
    found = optimize.minimize_scalar(g, bounds=(low, high), method="bounded",
                                     options={"xatol": 1e-10})
    return float(found.x), float(found.fun)


def minimum(activation, params=None):
    """The smallest value of the activation, and where it is reached.

    Searches a grid of step 5e-4 on [-10, 10], refines an interior minimum with Brent's method,
    and compares with the limit as x → −∞ (measured out to x = -10¹²).

    Returns
    -------
    Extremum
        ``where`` is ``-inf`` if the value is only approached (sigmoid, ELU, SELU; ``-inf`` as the
        value too for leaky ReLU), ``None`` if it is attained on an interval (ReLU).

    Examples
    --------
    >>> str(minimum("silu")), str(minimum("relu")), str(minimum("elu"))
    ('-0.2785 at -1.278', '0.0000 on an interval', '-1.0000 as x → -∞')
    """
    f = as_function(activation, params)
    values = f(_GRID)
    k = int(np.argmin(values))
    far = _limit(f, -1)
    if far < values[k] - 1e-12 or (k == 0 and not _attained(values[1:], values[0]).any()):
        # still falling at the left edge: the infimum is the limit at -inf
        return Extremum(far, -math.inf)
    if _attained(values, values[k]).sum() > 1:
        return Extremum(float(values[k]), None)
    where, value = _refine(lambda x: float(f(x)), _GRID, k)
    return Extremum(value, where + 0.0)


def _one_sided_slopes(f, x0, h=1e-6):
    """Second-order one-sided difference quotients (left, right) of f at x0."""
    f0 = float(f(x0))
    right = (-3 * f0 + 4 * float(f(x0 + h)) - float(f(x0 + 2 * h))) / (2 * h)
    left = (3 * f0 - 4 * float(f(x0 - h)) + float(f(x0 - 2 * h))) / (2 * h)
    return left, right


def largest_slope(activation, params=None):
    """The largest slope :math:`\\sup_x f'(x)`, measured, and where.

    Central differences on the grid find the steepest stretch; an interior maximum is refined with
    Brent's method on the difference quotient (h = 1e-6). One-sided slopes at 0 count too, so the
    SELU's λα ≈ 1.7581, reached just left of its kink, is found (``where`` = 0.0).

    Returns
    -------
    Extremum
        ``where`` is ``None`` when the largest slope holds on an interval (ReLU: 1 for x > 0).

    Examples
    --------
    >>> str(largest_slope("gelu")), str(largest_slope("relu"))
    ('1.1289 at 1.414', '1.0000 on an interval')
    """
    f = as_function(activation, params)
    h = 1e-6

    def slope(x):
        return (float(f(x + h)) - float(f(x - h))) / (2 * h)

    if smoothness_at(f) == "jump":
        return Extremum(math.inf, 0.0)
    step = _GRID[1] - _GRID[0]
    slopes = np.diff(f(_GRID)) / step
    mids = (_GRID[:-1] + _GRID[1:]) / 2
    k = int(np.argmax(slopes))
    if _attained(slopes, slopes[k], 1e-9).sum() > 10:
        best = Extremum(float(slopes[k]), None)
    elif k in (0, len(slopes) - 1):        # still rising at the window's edge: the limit at ±inf
        edge = math.copysign(FAR, mids[k])
        best = Extremum(max(float(slopes[k]), slope(edge)), math.copysign(math.inf, edge))
    else:
        where, value = _refine(lambda x: -slope(x), mids, k)
        best = Extremum(-value, where + 0.0)
    left, right = _one_sided_slopes(f, 0.0)
    side = max(left, right)
    if side > best.value + 1e-6:
        best = Extremum(side, 0.0)
    return best


def monotonicity(activation, params=None):
    """Whether the activation is non-decreasing, and if not where it falls.

    Compares neighbouring values on the grid (step 5e-4 on [-10, 10]); a fall larger than 1e-12
    (rounding) counts.

    Returns
    -------
    Monotonicity

    Examples
    --------
    >>> monotonicity("relu").monotone, str(monotonicity("mish"))
    (True, 'no: falls for x < -1.192')
    """
    f = as_function(activation, params)
    falls = np.flatnonzero(np.diff(f(_GRID)) < -1e-12)
    if falls.size == 0:
        return Monotonicity(True, None)
    return Monotonicity(False, (float(_GRID[falls[0]]), float(_GRID[falls[-1] + 1])))


def smoothness_at(activation, params=None, x0=0.0):
    """How smooth the activation is at ``x0``: ``"jump"``, ``"kink (C⁰)"``, ``"C¹, not C²"`` or
    ``"smooth (C²)"``.

    Compares one-sided quantities: the values at x0 ± 1e-9 (a jump above 1e-6), the one-sided
    first derivatives (second-order differences, h = 1e-6; differing by more than 1e-4), the
    one-sided second derivatives :math:`(f(x_0 \\pm 2h) - 2f(x_0 \\pm h) + f(x_0))/h^2`
    (h = 1e-3; differing by more than 0.01).

    Examples
    --------
    >>> smoothness_at("relu"), smoothness_at("elu"), smoothness_at("elu", {"alpha": 2.0})
    ('kink (C⁰)', 'C¹, not C²', 'kink (C⁰)')
    """
    f = as_function(activation, params)
    x0 = float(x0)
    if abs(float(f(x0 + 1e-9)) - float(f(x0 - 1e-9))) > 1e-6:
        return "jump"
    left, right = _one_sided_slopes(f, x0)
    if abs(left - right) > 1e-4:
        return "kink (C⁰)"
    h = 1e-3
    f0 = float(f(x0))
    second = [(float(f(x0 + 2 * s * h)) - 2 * float(f(x0 + s * h)) + f0) / h ** 2 for s in (-1, 1)]
    if abs(second[0] - second[1]) > 0.01:
        return "C¹, not C²"
    return "smooth (C²)"


def _supremum(f):
    values = f(_GRID)
    far = _limit(f, 1)
    if math.isinf(far):
        return Extremum(far, math.inf)
    top = float(values.max())
    if far > top + 1e-12 or not _attained(values, far, 1e-12).any():
        return Extremum(max(far, top), math.inf if far >= top else float(_GRID[values.argmax()]))
    return Extremum(top, None)


def output_range(activation, params=None):
    """The measured range: infimum and supremum (the limits at ±∞ measured out to ±10¹²).

    Returns
    -------
    ((float, float), str)
        The bounds and the interval as text, ``[`` where the bound is attained and ``(`` where it
        is only approached: ``"[-0.1700, ∞)"`` for GELU, ``"(-1.7581, ∞)"`` for SELU.
    """
    f = as_function(activation, params)
    low, high = minimum(f), _supremum(f)

    def bound(e):
        if math.isinf(e.value):
            return "∞" if e.value > 0 else "-∞"
        return f"{e.value:.0f}" if e.value == round(e.value) else f"{e.value:.4f}"
    left = "(" if low.where is not None and math.isinf(low.where) else "["
    right = ")" if high.where is not None and math.isinf(high.where) else "]"
    return (low.value, high.value), f"{left}{bound(low)}, {bound(high)}{right}"


def cost_per_million(activation, params=None, *, repeats=7, seed=0):
    """Median milliseconds to evaluate the activation on 10⁶ float64 standard-normal values.

    A timing: it depends on the CPU and on what else runs; never compare it as text.
    """
    f = get(activation) if isinstance(activation, str) else activation
    if not callable(f):
        raise TypeError(f"cost_per_million: activation must be a name or a function, got {f!r}")
    params = dict(params or {})
    x = np.random.default_rng(seed).normal(size=1_000_000)
    f(x, **params)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        f(x, **params)
        times.append(time.perf_counter() - start)
    return 1e3 * float(np.median(times))


def properties(activation, params=None, *, name=None):
    """Every measured property of one activation (all but the cost), as a :class:`Properties`.

    Examples
    --------
    >>> p = properties("gelu")
    >>> p.range_text, p.monotone.monotone, p.smoothness, round(p.mean, 4)
    ('[-0.1700, ∞)', False, 'smooth (C²)', 0.2821)
    """
    if name is None:
        name = activation if isinstance(activation, str) else getattr(activation, "name", "f")
    bounds, text = output_range(activation, params)
    mean, variance = gaussian_moments(activation, params)
    return Properties(name=name, range=bounds, range_text=text,
                      monotone=monotonicity(activation, params),
                      smoothness=smoothness_at(activation, params), mean=mean, variance=variance,
                      minimum=minimum(activation, params),
                      largest_slope=largest_slope(activation, params))
