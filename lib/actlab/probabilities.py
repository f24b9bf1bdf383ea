"""Softmax and its relatives: vector functions that turn a row of scores (logits) into probabilities.

All of them subtract the row's maximum before exponentiating, so no logit is too large:
``softmax([1000, 1])`` is ``[1, exp(-999)]``, not ``nan``. ``-inf`` logits are allowed (probability
0); a row holding ``+inf`` gets the limit, its probability shared by the ``+inf`` entries.
"""

import numpy as np
from numpy.lib.array_utils import normalize_axis_index

from ._arrays import as_real_array, real_parameter, restore


def _scaled_logits(x, where, axis, temperature=1.0):
    """(z = x / T in working precision, normalised axis, output dtype)."""
    z, out_dtype, is_number = as_real_array(x, where)
    if is_number:
        raise ValueError(f"{where}: x is a single number; expected a vector (or a batch of "
                         f"vectors) of scores, e.g. [1.0, 2.0, 3.0]")
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"{where}: axis must be an integer, got {axis!r}")
    try:
        axis = normalize_axis_index(int(axis), z.ndim)
    except np.exceptions.AxisError:
        raise ValueError(f"{where}: axis={axis} is out of range for an input with {z.ndim} "
                         f"dimension(s) (shape {z.shape}); expected -{z.ndim} <= axis < {z.ndim}"
                         ) from None
    temperature = real_parameter(temperature, where, "temperature", positive=True)
    if temperature != 1.0:
        with np.errstate(over="ignore"):  # x / T beyond the float range is +-inf: its limit
            z = z / temperature
    return z, axis, out_dtype


def _shift_by_max(z, axis):
    """(z - max, max) along axis; rows holding +inf become 0 at the +inf entries and -inf elsewhere."""
    m = np.max(z, axis=axis, keepdims=True)
    if not np.isfinite(m).all():
        pos = np.isposinf(m)
        z = np.where(pos, np.where(np.isposinf(z), 0.0, -np.inf), z)
        m = np.where(pos, np.inf, m)
        shift = np.where(np.isfinite(m), m, 0.0)
        return np.where(np.isneginf(m), -np.inf, z - shift), m
    return z - m, m


def _log_sum_exp_shifted(shifted, axis):
    """log(sum(exp(shifted))) along axis, where the max of ``shifted`` is 0.

    The max entry contributes exactly 1, so the sum is 1 + rest and its log is log1p(rest): this
    keeps full relative precision when the rest is small (logsumexp([0, -8]) = 3.354e-4).
    """
    e = np.exp(shifted)
    top = np.argmax(shifted, axis=axis, keepdims=True)
    np.put_along_axis(e, top, 0.0, axis=axis)
    return np.log1p(e.sum(axis=axis, keepdims=True))


# The only floating-point events left are legitimate limits: z - max below the float range is
# -inf (its exp is 0), an all -inf slice gives 0/0 = nan in softmax (no distribution exists).
_LIMITS = dict(over="ignore", invalid="ignore")


def softmax(x, axis=-1, temperature=1.0):
    r"""Softmax along ``axis``: exponentiate, then normalise so each slice sums to 1.

    .. math:: \mathrm{softmax}(x)_j = \frac{e^{x_j / T}}{\sum_k e^{x_k / T}}

    Parameters
    ----------
    x : array-like, at least 1-D
        Scores (logits).
    axis : int, default -1
        The axis that holds one distribution.
    temperature : float > 0, default 1.0
        T → ∞ flattens the output towards uniform, T → 0 sharpens it towards one-hot on the max.

    Notes
    -----
    Shift-invariant (softmax(x + c) = softmax(x)), which is how it is evaluated: the max is
    subtracted first. The outputs sum to exactly 1 up to rounding. A slice of all ``-inf`` has no
    distribution and gives ``nan``.

    Examples
    --------
    >>> softmax([1.0, 2.0, 3.0]).round(4)
    array([0.09  , 0.2447, 0.6652])
    >>> softmax([1000.0, 1.0])
    array([1., 0.])
    """
    z, axis, out_dtype = _scaled_logits(x, "softmax", axis, temperature)
    with np.errstate(**_LIMITS):
        e, _ = _shift_by_max(z, axis)
        np.exp(e, out=e)
        e /= e.sum(axis=axis, keepdims=True)
    return restore(e, out_dtype, False)


def log_softmax(x, axis=-1, temperature=1.0):
    r"""Logarithm of the softmax, computed without ever forming the (possibly 0) probabilities.

    .. math:: \log \mathrm{softmax}(x)_j = \frac{x_j}{T} - \operatorname{logsumexp}_k \frac{x_k}{T}

    Examples
    --------
    >>> log_softmax([1.0, 2.0, 3.0]).round(4)
    array([-2.4076, -1.4076, -0.4076])
    >>> log_softmax([0.0, -1000.0])
    array([    0., -1000.])
    """
    z, axis, out_dtype = _scaled_logits(x, "log_softmax", axis, temperature)
    with np.errstate(**_LIMITS):
        shifted, m = _shift_by_max(z, axis)
        out = shifted - _log_sum_exp_shifted(shifted, axis)
        if np.isneginf(m).any():  # an all -inf slice has no distribution, as in softmax
            out = np.where(np.isneginf(m), np.nan, out)
    return restore(out, out_dtype, False)


def logsumexp(x, axis=-1, keepdims=False):
    r"""log(sum(exp(x))) along ``axis``, without overflow.

    .. math:: \operatorname{logsumexp}(x) = m + \log \sum_k e^{x_k - m}, \qquad m = \max_k x_k

    Examples
    --------
    >>> logsumexp([1000.0, 1000.0])
    np.float64(1000.6931471805599)
    """
    z, axis, out_dtype = _scaled_logits(x, "logsumexp", axis)
    if not isinstance(keepdims, (bool, np.bool_)):
        raise TypeError(f"logsumexp: keepdims must be True or False, got {keepdims!r}")
    with np.errstate(**_LIMITS):
        shifted, m = _shift_by_max(z, axis)
        out = m + _log_sum_exp_shifted(shifted, axis)
    if not keepdims:
        out = np.squeeze(out, axis=axis)
    return restore(np.atleast_1d(out), out_dtype, out.ndim == 0)


def softmax_jacobian(x, temperature=1.0):
    r"""The full Jacobian of softmax over the last axis: shape (..., n, n) for x of shape (..., n).

    .. math:: \frac{\partial p_i}{\partial x_j} = \frac{1}{T}\,\bigl(p_i\,\delta_{ij} - p_i\,p_j\bigr),
              \qquad J = \frac{1}{T}\,\bigl(\operatorname{diag}(p) - p\,p^{\mathsf T}\bigr)

    Notes
    -----
    The Jacobian is not diagonal: raising one score lowers every other probability. Each row
    and column sums to 0, because the probabilities always sum to 1.

    Examples
    --------
    >>> softmax_jacobian([0.0, 0.0])
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])
    """
    z, _, out_dtype = _scaled_logits(x, "softmax_jacobian", -1, temperature)
    p = softmax(z, axis=-1)
    jac = -p[..., :, None] * p[..., None, :]
    index = np.arange(p.shape[-1])
    jac[..., index, index] += p
    if temperature != 1.0:
        jac /= float(temperature)
    return restore(jac, out_dtype, False)
