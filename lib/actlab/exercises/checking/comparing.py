"""Comparing what the learner's function returned with the reference's result.

A result may hold several values: a tuple or list (``return loss, grad``) or a dict
(``{"W1": ..., "b1": ...}``), nested as deep as needed. Its *structure* is compared first (how many
values, which keys), then each single value, a *part*, through the stages type, dtype, shape and
values. The feedback names the part that is wrong: "The second value (`grad`) has shape (3, 1),
expected (3,)." A plain result is one part, the whole, and reads "Your function returned ...".
"""

import numpy as np

from actlab.exercises.checking.feedback import names_list, two_numbers, type_name

_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
             "tenth")


def is_several(value):
    """True for a result with several values: a tuple, a list or a dict."""
    return isinstance(value, (tuple, list, dict))


def _children(value):
    return value.items() if isinstance(value, dict) else enumerate(value)


def parts(expected, path=()):
    """The path of every single value in ``expected``: ``()`` for a plain result, ``(1,)`` for the
    second value of a tuple, ``("W1",)`` for a dict entry, ``(0, "W")`` nested."""
    if not is_several(expected):
        return [path]
    return [p for key, value in _children(expected) for p in parts(value, path + (key,))]


def part(value, path):
    """The part of ``value`` at ``path``."""
    for key in path:
        value = value[key]
    return value


def part_label(expected, path, names=()):
    """The part at ``path`` in words: "the second value (`grad`)", "the entry 'W1'", "the entry
    'W' of the first value"; None for the whole result. ``names`` name the values of a tuple."""
    words, container = [], expected
    for depth, key in enumerate(path):
        if isinstance(container, dict):
            words.append(f"the entry {key!r}")
        else:
            ordinal = _ORDINALS[key] if key < len(_ORDINALS) else f"value number {key + 1}"
            name = f" (`{names[key]}`)" if depth == 0 and key < len(names) else ""
            words.append(f"the {ordinal} value{name}")
        container = container[key]
    return " of ".join(reversed(words)) if words else None


class Subject:
    """Whom a sentence of feedback is about: the whole result or one part of it."""

    def __init__(self, label=None):
        self.label = label

    def _named(self, verb, what):
        if self.label is None:
            return f"Your function returned {what}"
        return f"{self.label[0].upper()}{self.label[1:]} {verb} {what}"

    def is_(self, what):
        """ "Your function returned a Python list" / "The second value (`grad`) is a Python list"."""
        return self._named("is", what)

    def has(self, what):
        """ "Your function returned shape (2,)" / "The second value (`grad`) has shape (2,)"."""
        return self._named("has", what)


def structure_problem(expected, value, names=(), path=(), root=None):
    """How the structure of ``value`` differs from that of ``expected`` (a tuple of the wrong
    length, a dict without a key...), in words; None when they agree."""
    root = expected if root is None else root
    if not is_several(expected):
        return None
    subject = Subject(part_label(root, path, names))
    if isinstance(expected, dict):
        keys = names_list([repr(k) for k in expected])
        if not isinstance(value, dict):
            return f"{subject.is_(type_name(value))}; expected a dict with the keys {keys}."
        missing = [repr(k) for k in expected if k not in value]
        extra = [repr(k) for k in value if k not in expected]
        if missing or extra:
            said = (([f"without the key{'s' * (len(missing) > 1)} {names_list(missing)}"]
                     if missing else [])
                    + ([f"with the unexpected key{'s' * (len(extra) > 1)} {names_list(extra)}"]
                       if extra else []))
            return f"{subject.is_('a dict ' + ' and '.join(said))}; expected the keys {keys}."
    else:
        named = names if path == () and len(names) == len(expected) else ()
        wanted = f"{len(expected)} values" + (f" ({names_list(named)})" if named else "")
        if not isinstance(value, (tuple, list)):
            tip = f": `return {', '.join(named)}`" if named else ""
            return f"{subject.is_(type_name(value))}; expected {wanted}{tip}."
        if len(value) != len(expected):
            return f"{subject.is_(f'{len(value)} values')}; expected {wanted}."
    for key, child in _children(expected):
        problem = structure_problem(child, value[key], names, path + (key,), root)
        if problem:
            return problem
    return None


def _is_number(value):
    return isinstance(value, (int, float, np.generic)) or (
        isinstance(value, np.ndarray) and value.ndim == 0)


def type_problem(expected, value, subject):
    """A list where an array was expected, an array where a number was, ...; or None."""
    if isinstance(expected, np.ndarray) and expected.ndim > 0:
        if isinstance(value, np.ndarray):
            return None
        if isinstance(value, (list, tuple)):
            fix = ("expected a numpy array. Build the result with numpy operations, or convert it "
                   "with `np.array(...)`.")
        elif isinstance(value, (int, float, np.generic)):
            fix = (f"expected an array of shape {expected.shape}, one value per element. Did you "
                   f"sum or reduce over every axis?")
        else:
            fix = f"expected a numpy array of shape {expected.shape}."
        return f"{subject.is_(type_name(value))}; {fix}"
    if _is_number(expected) and not _is_number(value):
        return f"{subject.is_(type_name(value))}; expected a single number."
    return None


def dtype_problem(expected, value, subject, check_dtype=True):
    """Booleans, integers or objects where floats were expected, or float64 for float32; or None."""
    expected, value = np.asarray(expected), np.asarray(value)
    if expected.dtype.kind != "f" or value.dtype == expected.dtype:
        return None
    kind = value.dtype.kind
    if kind == "b":
        said = subject.is_("an array of True/False (a comparison such as `x > 0` gives a boolean "
                           "mask, not numbers)")
    elif kind in "iu":
        said = subject.is_(f"an integer array ({value.dtype}), which cannot hold fractions: was "
                           f"the result created with an integer dtype, or converted with "
                           f"`astype(int)`?")
    elif kind == "O":
        said = subject.is_("an array of Python objects (dtype=object): was it built from a list "
                           "of arrays?")
    elif kind == "f":
        if not check_dtype:
            return None
        said = subject.has(f"{value.dtype} numbers, but the input was {expected.dtype}: keep the "
                           f"input's precision (numpy does if you combine the input with plain "
                           f"Python numbers)")
    else:
        said = subject.has(f"dtype {value.dtype}")
    return f"{said}; expected {expected.dtype} values."


def shape_problem(expected, value, subject):
    """The shapes differ: say both, and how (transposed, an extra axis...); or None."""
    expected, value = np.asarray(expected), np.asarray(value)
    if value.shape == expected.shape:
        return None
    message = f"{subject.has(f'shape {value.shape}')}, expected {expected.shape}."
    if expected.ndim >= 2 and value.shape == expected.shape[::-1]:
        message += " That is the transposed shape."
    elif value.shape == expected.shape + (1,) or value.shape == (1,) + expected.shape:
        message += " There is an extra axis of length 1."
    elif value.size == expected.size:
        message += " It has the right number of values, arranged differently."
    return message


def default_rtol(dtype):
    """The relative tolerance of a comparison: 1e-3 for float16, 1e-5 for float32, else 1e-9."""
    return {np.dtype(np.float16): 1e-3, np.dtype(np.float32): 1e-5}.get(np.dtype(dtype), 1e-9)


def values_problem(expected, value, subject, rtol=None):
    """Values not close (NaN, inf or wrong numbers): how many, and the first one; or None."""
    rtol = rtol or default_rtol(np.asarray(expected).dtype)
    expected = np.asarray(expected, dtype=float)
    received = np.asarray(value, dtype=float)
    finite = np.isfinite(expected)
    scale = max(1.0, float(np.max(np.abs(expected), initial=0.0, where=finite)))
    close = np.isclose(received, expected, rtol=rtol, atol=rtol * scale, equal_nan=True)
    if close.all():
        return None
    wrong = np.argwhere(~close)
    first = tuple(int(i) for i in wrong[0])
    at = f" at index {first}" if expected.ndim else ""
    how = "wrong"
    if np.isnan(received[first]) and not np.isnan(expected[first]):
        how = "NaN (not a number)"
    elif np.isinf(received[first]) and not np.isinf(expected[first]):
        how = "infinite"
    count = f"{len(wrong)} of {expected.size} values differ" if expected.ndim else "it differs"
    shown_expected, shown_received = two_numbers(expected[first], received[first])
    return (f"{subject.has(f'{how} values')}: {count}. First{at}: expected {shown_expected}, "
            f"received {shown_received}.")


def close(received, candidate):
    """True when ``received`` has the structure and shapes of ``candidate`` and every value is
    within 1e-6 of it (relative to the largest magnitude, NaN equal to NaN). Used by diagnoses to
    recognise a wrong formula's output."""
    if isinstance(candidate, dict):
        return (isinstance(received, dict) and received.keys() == candidate.keys()
                and all(close(received[k], candidate[k]) for k in candidate))
    if isinstance(candidate, (tuple, list)):
        return (isinstance(received, (tuple, list)) and len(received) == len(candidate)
                and all(close(r, c) for r, c in zip(received, candidate)))
    try:
        received = np.asarray(received, dtype=float)
        candidate = np.asarray(candidate, dtype=float)
    except (TypeError, ValueError):
        return False
    if received.shape != candidate.shape:
        return False
    scale = max(1.0, float(np.max(np.abs(candidate), initial=0.0, where=np.isfinite(candidate))))
    return bool(np.allclose(received, candidate, rtol=1e-6, atol=1e-6 * scale, equal_nan=True))
