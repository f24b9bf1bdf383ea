"""High-precision references for the activations, written independently of the library with mpmath.

Each reference is the textbook formula evaluated with hundreds of digits, so cancellation and
overflow cannot happen; derivatives are taken numerically by ``mpmath.diff`` from the function, so
they do not repeat the library's derivative formulas.
"""

import mpmath as mp

SELU_ALPHA = mp.mpf("1.6732632423543772848170429916717")
SELU_LAMBDA = mp.mpf("1.0507009873554804934193349852946")


def _step(x, **_):
    return mp.mpf(1) if x >= 0 else mp.mpf(0)


def _elu(x, alpha=1.0):
    return x if x > 0 else mp.mpf(alpha) * mp.expm1(x)


def _gelu(x, approximate="none"):
    if approximate == "tanh":
        u = mp.sqrt(2 / mp.pi) * (x + mp.mpf("0.044715") * x ** 3)
        return x / 2 * (1 + mp.tanh(u))
    return x * mp.ncdf(x)


FUNCTIONS = {
    "binary_step": _step,
    "identity": lambda x: x,
    "sigmoid": lambda x: 1 / (1 + mp.exp(-x)),
    "tanh": mp.tanh,
    "relu": lambda x: max(x, mp.mpf(0)),
    "leaky_relu": lambda x, alpha=0.01: x if x >= 0 else mp.mpf(alpha) * x,
    "elu": _elu,
    "selu": lambda x: SELU_LAMBDA * (x if x > 0 else SELU_ALPHA * mp.expm1(x)),
    "softplus": lambda x: mp.log1p(mp.exp(x)),
    "gelu": _gelu,
    "silu": lambda x: x / (1 + mp.exp(-x)),
    "mish": lambda x: x * mp.tanh(mp.log1p(mp.exp(x))),
}


def value(name, x, **params):
    """The activation at float x, to float precision (computed with 700 digits)."""
    with mp.workdps(700):
        return float(FUNCTIONS[name](mp.mpf(x), **params))


def derivative(name, x, **params):
    """The derivative at float x, by numerical differentiation with 700 digits (x away from kinks)."""
    with mp.workdps(700):
        return float(mp.diff(lambda t: FUNCTIONS[name](t, **params), mp.mpf(x)))
