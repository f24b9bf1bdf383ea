"""The elementwise activation functions, each with its derivative and its facts side by side.

Every activation is an :class:`Activation`: call it on a number or an array-like, ask ``.grad(x)``
for its derivative, read ``.formula`` (LaTeX, for plot titles) and ``.output_range``.

Numerics follow jax.nn and scipy.special: nothing is evaluated in a form that overflows or cancels
(sigmoid as ``e / (1 + e)`` with ``e = exp(min(x, 80))``, softplus as
``max(x, 0) + log1p(exp(-|x|))``, ELU by ``expm1``, tanh' as sech² = 1/cosh², not 1 - tanh²), so
values and derivatives keep their relative precision in the tails, no finite input raises a
RuntimeWarning, float dtypes are preserved and NaN propagates.

Speed: every kernel stays within 1.5x of its numpy/scipy equivalent on CPUs with and without
AVX-512 (``benchmarks/bench_activations.py``). numpy picks its exp, tanh and cosh loops at run time,
and without AVX-512 its float64 ones are several times slower, so the kernels use few of them: one
exp for the whole sigmoid family, none for the ReLU family's derivatives.
"""

import difflib
import functools
import math

import numpy as np
from scipy.special import ndtr

from ._arrays import as_real_array, real_parameter, restore

# Beyond |x| = 1000 every gate used below (sigma, Phi, tanh of softplus) is exactly 0 or 1 in
# float32 and float64. Clipping x there changes no finite result and turns inf * 0 into 0, so
# x = -inf gives the limit instead of NaN.
_TAIL = 1e3

# sigma(x) = e / (1 + e) with e = exp(min(x, 80)): e^80 is finite in float32, and from x = 80 on
# sigma(x) rounds to 1 in float32 and float64 alike.
_EXP_CLIP = 80.0
# Beyond log(max) - 1, cosh(x) is still finite and 1/cosh(x)^2 already 0 in that dtype.
_COSH_LIMIT = {np.dtype(t): float(np.log(np.finfo(t).max)) - 1 for t in (np.float32, np.float64)}
# Mish's (e^x + 2)^2 e^{2x} stays finite up to here, and tanh(softplus(x)) is 1 to the last bit.
_MISH_LIMIT = {np.dtype(t): float(np.log(np.finfo(t).max)) / 4 - 1
               for t in (np.float32, np.float64)}

SELU_ALPHA = 1.6732632423543772
SELU_LAMBDA = 1.0507009873554805
GELU_TANH_C = math.sqrt(2 / math.pi)
GELU_TANH_K = 0.044715


class Activation:
    """An elementwise activation: callable, with ``.grad``, ``.name``, ``.formula``, ``.output_range``.

    Parameters are keywords passed through to both the function and its derivative, e.g.
    ``leaky_relu(x, alpha=0.2)`` and ``leaky_relu.grad(x, alpha=0.2)``.

    ``.kinks`` lists the points where the function or its derivative can jump (there ``.grad``
    returns the value of one side, see each activation's Notes); ``.kinks_at(**params)`` those where
    they do jump with the given parameters (ELU with alpha = 1 is C¹, so it has none).
    """

    def __init__(self, fn, grad, *, formula, grad_formula, output_range, range_text, kinks=(),
                 kinks_at=None):
        functools.update_wrapper(self, fn)
        self.name = self.__name__ = fn.__name__.lstrip("_")
        self.__qualname__ = self.name
        self._fn = fn
        self._grad = grad
        self.formula = formula
        self.grad_formula = grad_formula
        self.output_range = output_range
        self.range_text = range_text
        # Where the function or its derivative can jump, for some parameters (.grad picks a side
        # there); kinks_at(**params) says where they do jump for the given parameters.
        self.kinks = kinks
        self._kinks_at = kinks_at

    def __call__(self, x, **params):
        arr, out_dtype, scalar = as_real_array(x, self.name)
        return restore(self._fn(arr, **params), out_dtype, scalar)

    def grad(self, x, **params):
        """The derivative d/dx of the activation, elementwise (same parameters as the function)."""
        arr, out_dtype, scalar = as_real_array(x, f"{self.name}.grad")
        return restore(self._grad(arr, **params), out_dtype, scalar)

    def kinks_at(self, **params):
        """Where the function or its derivative jumps, with these parameters.

        Parameters
        ----------
        **params
            The activation's keyword parameters, as for calling it (defaults if omitted).

        Returns
        -------
        tuple of float
            A subset of :attr:`kinks`: ELU with ``alpha=1`` and leaky ReLU with ``alpha=1`` are
            C¹ at 0, so they have none there.

        Examples
        --------
        >>> relu.kinks_at(), elu.kinks_at(), elu.kinks_at(alpha=2.0)
        ((0.0,), (), (0.0,))
        """
        return self.kinks if self._kinks_at is None else self._kinks_at(**params)

    def __repr__(self):
        return f"<activation {self.name}: ${self.formula}$>"


# The kernels below work in place on their temporaries: at 10^6 values, allocating a fresh array
# costs about as much as an exp, and the benchmark budget is 1.5x the numpy/scipy equivalent.

def _logistic_parts(z, *, overwrite=False):
    """(e, 1 + e) with e = exp(min(z, 80)): sigma(z) = e / (1 + e), and sigma(-z) = 1 / (1 + e).

    No exp overflows, and nothing cancels: for z < 0, e is e^z to the last bit, down into the
    subnormal numbers (sigma(-745) = 5e-324), and 1 + e is near 1. ``overwrite`` reuses z.
    """
    e = np.minimum(z, _EXP_CLIP, out=z if overwrite else None)
    np.exp(e, out=e)
    return e, e + 1


def _positive(x):
    """1 where x > 0 (however small), 0 where x <= 0, NaN where x is NaN: ceil(clip(x, 0, 1)).

    Two passes over the data, as few as (x > 0).astype(float); x = -0.0 gives -0.0, which is 0.
    """
    out = np.clip(x, 0, 1)
    np.ceil(out, out=out)
    return out


def _sech2(x):
    """sech^2(x) = (1 / cosh(x))^2, with |x| clipped where cosh would overflow and sech^2 is 0."""
    limit = _COSH_LIMIT[x.dtype]
    out = np.clip(x, -limit, limit)
    np.cosh(out, out=out)
    np.reciprocal(out, out=out)
    out *= out
    return out


def _log1p_exp(x):
    """log(1 + e^x) = max(x, 0) + log1p(e^{-|x|}); unlike np.logaddexp, quiet for NaN input."""
    return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))


def _nan_where_nan(x, value):
    """A constant derivative that still propagates NaN from x: clip(x, value, value), one pass."""
    return np.clip(x, value, value)


# --------------------------------------------------------------------------------------------------

def _binary_step(x):
    r"""Binary step (Heaviside) function, the perceptron's original activation.

    .. math:: \mathrm{step}(x) = \begin{cases} 1 & x \ge 0 \\ 0 & x < 0 \end{cases}

    Notes
    -----
    ``step(0) = 1`` (the convention of this course). The step is discontinuous at 0; everywhere else
    its derivative exists and is 0, which is why gradient descent cannot learn through it. At 0 the
    derivative does not exist; ``.grad`` returns 0 there.

    Examples
    --------
    >>> binary_step([-2.0, 0.0, 3.0])
    array([0., 1., 1.])
    """
    return np.heaviside(x, 1.0)


binary_step = Activation(
    _binary_step, lambda x: _nan_where_nan(x, 0.0),
    formula=r"\mathrm{step}(x) = 1\ \mathrm{if}\ x \geq 0\ \mathrm{else}\ 0",
    grad_formula=r"\mathrm{step}'(x) = 0\quad (x \neq 0)",
    output_range=(0.0, 1.0), range_text="{0, 1}", kinks=(0.0,))


def _identity(x):
    r"""Identity (linear) activation, used on regression outputs.

    .. math:: f(x) = x, \qquad f'(x) = 1

    Examples
    --------
    >>> identity([-2, 0, 3])
    array([-2.,  0.,  3.])
    """
    return x.copy()


identity = Activation(
    _identity, lambda x: _nan_where_nan(x, 1.0),
    formula=r"f(x) = x", grad_formula=r"f'(x) = 1",
    output_range=(-math.inf, math.inf), range_text="(−∞, ∞)")


def _sigmoid(x):
    r"""Logistic sigmoid.

    .. math:: \sigma(x) = \frac{1}{1 + e^{-x}}, \qquad \sigma'(x) = \sigma(x)\,(1 - \sigma(x))

    Notes
    -----
    Evaluated as :math:`e/(1+e)` with :math:`e = e^{\min(x, 80)}` (in float64, σ(x) rounds to 1
    from x ≈ 37 on), so nothing overflows and the negative tail keeps its relative precision:
    ``sigmoid(-745)`` is about 5e-324, and ``sigmoid(-800)`` is exactly 0.0 in float64. (The
    textbook :math:`1/(1+e^{-x})` overflows for x < -709.8, and scipy's ``expit`` returns 0 there.)
    The derivative is evaluated as :math:`e/(1+e)^2` with :math:`e = e^{-|x|}`. The largest slope
    is σ'(0) = 1/4.

    Examples
    --------
    >>> sigmoid([0.0, 2.0])
    array([0.5       , 0.88079708])
    """
    e, denominator = _logistic_parts(x)
    e /= denominator
    return e


def _sigmoid_grad(x):
    """sigma(x) sigma(-x) = e / (1 + e)^2 with e = exp(-|x|)."""
    e = np.abs(x)
    np.negative(e, out=e)
    np.exp(e, out=e)
    denominator = e + 1
    e /= denominator
    e /= denominator
    return e


sigmoid = Activation(
    _sigmoid, _sigmoid_grad,
    formula=r"\sigma(x) = \frac{1}{1 + e^{-x}}",
    grad_formula=r"\sigma'(x) = \sigma(x)\,(1 - \sigma(x))",
    output_range=(0.0, 1.0), range_text="(0, 1)")


def _tanh(x):
    r"""Hyperbolic tangent, a zero-centred rescaled sigmoid.

    .. math:: \tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2\sigma(2x) - 1,
              \qquad \tanh'(x) = 1 - \tanh^2(x) = \operatorname{sech}^2(x)

    Notes
    -----
    The derivative is computed as sech², not as ``1 - tanh(x)**2``, which is exactly 0 from
    |x| ≈ 19 on: ``tanh.grad(20)`` is about 1.7e-17. The largest slope is tanh'(0) = 1.

    Examples
    --------
    >>> tanh([0.0, 1.0])
    array([0.        , 0.76159416])
    """
    return np.tanh(x)


tanh = Activation(
    _tanh, _sech2,
    formula=r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
    grad_formula=r"\tanh'(x) = 1 - \tanh^2(x)",
    output_range=(-1.0, 1.0), range_text="(−1, 1)")


def _relu(x):
    r"""Rectified linear unit.

    .. math:: \mathrm{relu}(x) = \max(0, x), \qquad
              \mathrm{relu}'(x) = \begin{cases} 1 & x > 0 \\ 0 & x < 0 \end{cases}

    Notes
    -----
    Piecewise linear, but not linear: relu(-1 + 1) = 0 while relu(-1) + relu(1) = 1.
    At the kink ``relu.grad(0) = 0`` (the PyTorch/JAX convention).

    Examples
    --------
    >>> relu([-2.0, 0.0, 3.0])
    array([0., 0., 3.])
    """
    return np.maximum(x, 0)


relu = Activation(
    _relu, _positive,
    formula=r"\mathrm{relu}(x) = \max(0, x)",
    grad_formula=r"\mathrm{relu}'(x) = 1\ \mathrm{if}\ x > 0\ \mathrm{else}\ 0",
    output_range=(0.0, math.inf), range_text="[0, ∞)", kinks=(0.0,))


def _leaky_relu(x, alpha=0.01):
    r"""Leaky ReLU: a small slope alpha for negative inputs, so a unit never stops passing gradient.

    .. math:: f(x) = \begin{cases} x & x \ge 0 \\ \alpha x & x < 0 \end{cases}, \qquad
              f'(x) = \begin{cases} 1 & x > 0 \\ \alpha & x \le 0 \end{cases}

    Parameters
    ----------
    alpha : float, default 0.01
        Slope for x < 0; must be >= 0 (a learned alpha is PReLU).

    Notes
    -----
    At the kink ``.grad(0) = alpha``, the left derivative, consistent with relu'(0) = 0.

    Examples
    --------
    >>> leaky_relu([-2.0, 3.0])
    array([-0.02,  3.  ])
    >>> leaky_relu([-2.0, 3.0], alpha=0.2)
    array([-0.4,  3. ])
    """
    alpha = real_parameter(alpha, "leaky_relu", "alpha", minimum=0)
    return np.where(x >= 0, x, alpha * x)


def _leaky_relu_grad(x, alpha=0.01):
    alpha = real_parameter(alpha, "leaky_relu.grad", "alpha", minimum=0)
    out = _positive(x)
    out *= 1 - alpha
    out += alpha
    return out


leaky_relu = Activation(
    _leaky_relu, _leaky_relu_grad,
    formula=r"f(x) = x\ \mathrm{if}\ x \geq 0\ \mathrm{else}\ \alpha x",
    grad_formula=r"f'(x) = 1\ \mathrm{if}\ x > 0\ \mathrm{else}\ \alpha",
    output_range=(-math.inf, math.inf), range_text="(−∞, ∞)", kinks=(0.0,),
    kinks_at=lambda alpha=0.01: () if alpha == 1 else (0.0,))  # alpha = 1: the identity


def _elu_with(x, alpha):
    """max(x, 0) + alpha * expm1(min(x, 0)): one branch is always exactly 0."""
    out = np.minimum(x, 0)
    np.expm1(out, out=out)
    out *= alpha
    out += np.maximum(x, 0)
    return out


def _elu_grad_with(x, alpha):
    """alpha * exp(min(x, 0)) for x <= 0, and 1 for x > 0."""
    out = np.minimum(x, 0)
    np.exp(out, out=out)
    out *= alpha
    positive = _positive(x)
    out *= 1 - positive
    out += positive
    return out


def _elu(x, alpha=1.0):
    r"""Exponential linear unit.

    .. math:: \mathrm{elu}(x) = \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases},
              \qquad \mathrm{elu}'(x) = \begin{cases} 1 & x > 0 \\ \alpha e^{x} & x \le 0 \end{cases}

    Parameters
    ----------
    alpha : float, default 1.0
        Saturation value -alpha for x -> -inf; must be >= 0.

    Notes
    -----
    Computed with ``expm1`` on ``min(x, 0)``, so neither branch overflows. ELU is C¹ at 0 only when
    alpha = 1; otherwise the derivative jumps from alpha to 1 and ``.grad(0)`` returns alpha (the
    left derivative, as for ReLU).

    Examples
    --------
    >>> elu([-1.0, 2.0])
    array([-0.63212056,  2.        ])
    """
    return _elu_with(x, real_parameter(alpha, "elu", "alpha", minimum=0))


def _elu_grad(x, alpha=1.0):
    return _elu_grad_with(x, real_parameter(alpha, "elu.grad", "alpha", minimum=0))


elu = Activation(
    _elu, _elu_grad,
    formula=r"\mathrm{elu}(x) = x\ \mathrm{if}\ x > 0\ \mathrm{else}\ \alpha(e^{x} - 1)",
    grad_formula=r"\mathrm{elu}'(x) = 1\ \mathrm{if}\ x > 0\ \mathrm{else}\ \alpha e^{x}",
    output_range=(-1.0, math.inf), range_text="(−α, ∞) = (−1, ∞)", kinks=(0.0,),
    kinks_at=lambda alpha=1.0: () if alpha == 1 else (0.0,))  # slope α·e⁰ = α meets 1 iff α = 1


def _selu(x):
    r"""Scaled exponential linear unit (Klambauer et al., 2017), self-normalising with LeCun init.

    .. math:: \mathrm{selu}(x) = \lambda \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0
              \end{cases}, \quad \alpha = 1.6732632423543772,\ \lambda = 1.0507009873554805

    Notes
    -----
    The derivative jumps at 0 from λα ≈ 1.7581 (left) to λ (right); ``.grad(0)`` returns λα.

    Examples
    --------
    >>> selu([-1.0, 1.0])
    array([-1.11133074,  1.05070099])
    """
    # lambda * x exceeds the dtype's largest value for x near it; inf is the correct rounding.
    with np.errstate(over="ignore"):
        out = _elu_with(x, SELU_ALPHA)
        out *= SELU_LAMBDA
        return out


selu = Activation(
    _selu, lambda x: SELU_LAMBDA * _elu_grad_with(x, SELU_ALPHA),
    formula=r"\mathrm{selu}(x) = \lambda\,\mathrm{elu}_{\alpha}(x)",
    grad_formula=r"\mathrm{selu}'(x) = \lambda\ \mathrm{if}\ x > 0\ \mathrm{else}\ \lambda\alpha e^{x}",
    output_range=(-SELU_LAMBDA * SELU_ALPHA, math.inf), range_text="(−λα, ∞) ≈ (−1.7581, ∞)", kinks=(0.0,))


def _softplus(x):
    r"""Softplus, a smooth ReLU.

    .. math:: \mathrm{softplus}(x) = \ln(1 + e^{x}), \qquad \mathrm{softplus}'(x) = \sigma(x)

    Notes
    -----
    Evaluated as max(x, 0) + log1p(exp(-|x|)): ``softplus(1000)`` is 1000,
    not inf, and ``softplus(-745)`` is about 5e-324, not 0.

    Examples
    --------
    >>> softplus([0.0, 1000.0])
    array([6.93147181e-01, 1.00000000e+03])
    """
    return _log1p_exp(x)


softplus = Activation(
    _softplus, _sigmoid,
    formula=r"\mathrm{softplus}(x) = \ln(1 + e^{x})",
    grad_formula=r"\mathrm{softplus}'(x) = \sigma(x)",
    output_range=(0.0, math.inf), range_text="(0, ∞)")


def _check_approximate(approximate, where):
    if approximate not in ("none", "tanh"):
        raise ValueError(f'{where}: approximate must be "none" (exact, x·Φ(x)) or "tanh", '
                         f"got {approximate!r}")


def _gelu_tanh_arg2(xc):
    """2u = 2c(x + k x^3) = x (2c + 2ck x^2) for the tanh form: 0.5(1 + tanh(u)) = sigma(2u) keeps
    the negative tail precise."""
    u = xc * xc
    u *= 2 * GELU_TANH_C * GELU_TANH_K
    u += 2 * GELU_TANH_C
    u *= xc
    return u


def _gelu(x, approximate="none"):
    r"""Gaussian error linear unit (Hendrycks & Gimpel, 2016), used in BERT and GPT.

    .. math:: \mathrm{gelu}(x) = x\,\Phi(x), \qquad
              \mathrm{gelu}'(x) = \Phi(x) + x\,\varphi(x)

    with Φ and φ the standard normal CDF and density. ``approximate="tanh"`` gives

    .. math:: 0.5\,x\,\bigl(1 + \tanh\bigl(\sqrt{2/\pi}\,(x + 0.044715\,x^{3})\bigr)\bigr),

    within about 4.7e-4 of the exact form.

    Parameters
    ----------
    approximate : {"none", "tanh"}, default "none"

    Notes
    -----
    Not monotonic: its minimum is about -0.1700 at x ≈ -0.752. The tanh form is evaluated as
    x·σ(2u), since 0.5(1 + tanh(u)) = σ(2u), so its negative tail does not cancel.

    Examples
    --------
    >>> gelu([-1.0, 1.0])
    array([-0.15865525,  0.84134475])
    """
    _check_approximate(approximate, "gelu")
    if approximate == "tanh":
        e, denominator = _logistic_parts(_gelu_tanh_arg2(np.clip(x, -_TAIL, _TAIL)), overwrite=True)
        e /= denominator
        e *= np.maximum(x, -_TAIL, out=denominator)  # reuses the buffer: one allocation fewer
        return e
    gate = ndtr(x)
    gate *= np.maximum(x, -_TAIL)
    return gate


def _gelu_grad(x, approximate="none"):
    _check_approximate(approximate, "gelu.grad")
    xc = np.clip(x, -_TAIL, _TAIL)
    if approximate == "tanh":
        # s + x s(1 - s) du2 with s = sigma(2u), du2 = 2c(1 + 3k x^2), as (e / d)(1 + x du2 / d)
        e, denominator = _logistic_parts(_gelu_tanh_arg2(xc), overwrite=True)
        out = xc * xc
        out *= 6 * GELU_TANH_C * GELU_TANH_K
        out += 2 * GELU_TANH_C
        out *= xc
        out /= denominator
        out += 1
        out *= e
        out /= denominator
        return out
    out = xc * xc  # x phi(x) = x exp(-x^2 / 2) / sqrt(2 pi), then + Phi(x)
    out *= -0.5
    np.exp(out, out=out)
    out *= xc
    out *= 1 / math.sqrt(2 * math.pi)
    out += ndtr(x)
    return out


gelu = Activation(
    _gelu, _gelu_grad,
    formula=r"\mathrm{gelu}(x) = x\,\Phi(x)",
    grad_formula=r"\mathrm{gelu}'(x) = \Phi(x) + x\,\varphi(x)",
    output_range=(-0.16997120747990366, math.inf), range_text="[−0.1700, ∞)")


def _silu(x):
    r"""Sigmoid linear unit, also called Swish (with beta = 1).

    .. math:: \mathrm{silu}(x) = x\,\sigma(x), \qquad
              \mathrm{silu}'(x) = \sigma(x)\,\bigl(1 + x\,(1 - \sigma(x))\bigr)

    Notes
    -----
    Not monotonic: its minimum is about -0.2785 at x ≈ -1.278.

    Examples
    --------
    >>> silu([-1.0, 1.0])
    array([-0.26894142,  0.73105858])
    """
    e, denominator = _logistic_parts(x)
    e /= denominator
    e *= np.maximum(x, -_TAIL, out=denominator)  # reuses the buffer: one allocation fewer
    return e


def _silu_grad(x):
    """sigma(x) (1 + x sigma(-x)) = (e / d)(1 + x / d) with e = e^x, d = 1 + e."""
    e, denominator = _logistic_parts(x)
    out = np.clip(x, -_TAIL, _TAIL)
    out /= denominator
    out += 1
    out *= e
    out /= denominator
    return out


silu = Activation(
    _silu, _silu_grad,
    formula=r"\mathrm{silu}(x) = x\,\sigma(x)",
    grad_formula=r"\mathrm{silu}'(x) = \sigma(x)\,(1 + x\,(1 - \sigma(x)))",
    output_range=(-0.2784645427610738, math.inf), range_text="[−0.2785, ∞)")
swish = silu


def _mish(x):
    r"""Mish (Misra, 2019).

    .. math:: \mathrm{mish}(x) = x \tanh(\mathrm{softplus}(x)), \qquad
              \mathrm{mish}'(x) = \tanh(\mathrm{softplus}(x))
              + x\,\operatorname{sech}^2(\mathrm{softplus}(x))\,\sigma(x)

    Notes
    -----
    Not monotonic: its minimum is about -0.3088 at x ≈ -1.192.

    Evaluated without a logarithm: with :math:`e = e^{x}` and :math:`n = e\,(e + 2)`,
    :math:`\tanh(\ln(1 + e)) = \frac{(1+e)^2 - 1}{(1+e)^2 + 1} = \frac{n}{n + 2}`, and
    :math:`\operatorname{sech}^2(\mathrm{softplus}(x))\,\sigma(x) = \frac{4e(1+e)}{(n+2)^2}`.
    Both keep their relative precision in the negative tail, where :math:`n \approx 2e`.

    Examples
    --------
    >>> mish([-1.0, 1.0])
    array([-0.30340146,  0.86509839])
    """
    _, e, n, d = _mish_parts(x)
    n /= d
    n *= np.maximum(x, -_TAIL, out=e)  # reuses the buffer: one allocation fewer
    return n


def _mish_parts(x):
    """(x clipped, e = e^x, n = e (e + 2), n + 2) for mish, with x clipped to [-1000, limit]."""
    xc = np.clip(x, -_TAIL, _MISH_LIMIT[x.dtype])
    e = np.exp(xc)
    n = e + 2
    n *= e
    return xc, e, n, n + 2


def _mish_grad(x):
    """n / (n + 2) + 4 x e (1 + e) / (n + 2)^2."""
    xc, e, n, d = _mish_parts(x)
    out = e + 1
    out *= e
    out *= 4
    out *= xc
    out /= d
    out /= d
    n /= d
    out += n
    return out


mish = Activation(
    _mish, _mish_grad,
    formula=r"\mathrm{mish}(x) = x \tanh(\mathrm{softplus}(x))",
    grad_formula=r"\mathrm{mish}'(x) = \tanh(\mathrm{sp}(x)) + x\,\mathrm{sech}^2(\mathrm{sp}(x))\,\sigma(x)",
    output_range=(-0.30884341301725043, math.inf), range_text="[−0.3088, ∞)")


# --------------------------------------------------------------------------------------------------

_REGISTRY = {a.name: a for a in (binary_step, identity, sigmoid, tanh, relu, leaky_relu, elu, selu,
                                 softplus, gelu, silu, mish)}
_ALIASES = {"swish": "silu", "step": "binary_step", "linear": "identity"}


def names():
    """The names of the elementwise activations, in the order the course teaches them."""
    return list(_REGISTRY)


def get(name):
    """The :class:`Activation` called ``name`` (``"swish"`` is an alias of ``"silu"``).

    Examples
    --------
    >>> get("relu").grad([-1.0, 2.0])
    array([0., 1.])
    """
    if not isinstance(name, str):
        raise TypeError(f"actlab.get: name must be a string such as 'relu', got {name!r}")
    key = _ALIASES.get(name.lower(), name.lower())
    if key not in _REGISTRY:
        close = difflib.get_close_matches(key, list(_REGISTRY) + list(_ALIASES), n=1)
        maybe = f" Did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"actlab.get: unknown activation {name!r}.{maybe} "
                         f"Known: {', '.join(_REGISTRY)} (and the alias 'swish').")
    return _REGISTRY[key]
