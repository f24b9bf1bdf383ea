"""Turning what a learner passes in into a float array, and the result back into what they expect.

Every public function of the library goes through :func:`as_real_array` and :func:`restore`, so the
input rules are the same everywhere: numbers, lists, bools, ints and float arrays are accepted;
strings, complex numbers, ``None``, ragged lists and object arrays are refused with a message that
names the function and says what was expected.
"""

import numbers

import numpy as np

# float16 has too small an exponent range for intermediate values such as x**2 or exp(x); it is
# computed in float32 and rounded back at the end. Everything else computes in its own precision.
_WORKING_DTYPE = {np.dtype(np.float16): np.dtype(np.float32),
                  np.dtype(np.float32): np.dtype(np.float32),
                  np.dtype(np.float64): np.dtype(np.float64)}

_EXPECTED = "a number or an array-like of real numbers (list, tuple, numpy array)"


def as_real_array(x, where, name="x"):
    """Return ``(array, out_dtype, was_scalar)`` for the input ``x`` of the function ``where``.

    ``array`` is in the working precision (float32 or float64) and at least 1-D, ``out_dtype`` is the float dtype the
    result must have: the input's own float dtype, or float64 for ints, bools and Python numbers.
    """
    if x is None:
        raise TypeError(f"{where}: {name} is None; expected {_EXPECTED}")
    if isinstance(x, (str, bytes)):
        raise TypeError(f"{where}: {name} is the string {x!r}; expected {_EXPECTED}")
    try:
        arr = np.asarray(x)
    except (ValueError, TypeError) as err:
        raise ValueError(f"{where}: {name} could not be read as one rectangular array "
                         f"(is it a ragged list, with rows of different lengths?); "
                         f"expected {_EXPECTED}") from err
    kind = arr.dtype.kind
    if kind == "c":
        raise TypeError(f"{where}: {name} holds complex numbers (dtype {arr.dtype}); activation "
                        f"functions here are defined for real numbers only")
    if kind in "biu":
        out_dtype = np.dtype(np.float64)
    elif kind == "f":
        out_dtype = arr.dtype
    elif kind == "O":
        raise TypeError(f"{where}: {name} is an array of Python objects (dtype=object), e.g. mixed "
                        f"types or None entries; expected {_EXPECTED}; convert it with "
                        f"np.asarray({name}, dtype=float) if its entries are numbers")
    elif kind in "US":
        raise TypeError(f"{where}: {name} holds strings (dtype {arr.dtype}); expected {_EXPECTED}")
    else:
        raise TypeError(f"{where}: {name} has dtype {arr.dtype}, which is not a real number type; "
                        f"expected {_EXPECTED}")
    work = _WORKING_DTYPE.get(out_dtype, np.dtype(np.float64))
    # A number is computed as a 1-element array: ufuncs give 0-d arrays back as scalars, which
    # the in-place kernels could not write into.
    return np.atleast_1d(arr.astype(work, copy=False)), out_dtype, arr.ndim == 0


def restore(result, out_dtype, was_scalar):
    """Cast ``result`` to ``out_dtype``; a scalar input gives a numpy scalar back."""
    if result.dtype != out_dtype:
        # Rounding float32 back to float16 can overflow to inf where the true value is beyond
        # float16's range (selu(65504) = 68824); inf is then the correct rounding, not an error.
        with np.errstate(over="ignore"):
            result = result.astype(out_dtype)
    return result[0] if was_scalar else result


def real_parameter(value, where, name, *, minimum=None, positive=False):
    """Check a real, finite scalar parameter (``alpha``, ``temperature``) and return it as a float.

    A plain Python float keeps float32 inputs float32 (numpy treats it as a weak scalar).
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{where}: {name} must be a real number, got {value!r} "
                        f"of type {type(value).__name__}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{where}: {name} must be finite, got {value}")
    if positive and value <= 0:
        raise ValueError(f"{where}: {name} must be positive, got {value}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{where}: {name} must be >= {minimum}, got {value}")
    return value
