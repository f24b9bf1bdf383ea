"""A data-only encoding for what crosses between a learner's kernel and the grader.

The learner's kernel is not trusted: what it sends back must be read without running any of its
code. :mod:`pickle` would run code while it loads, so values travel as JSON instead, in which only
these can appear:

- ``None``, ``bool``, ``int``, ``float`` (NaN and ±inf included), ``complex``, ``str``, ``...``;
- numpy arrays and numpy scalars of bool, integer, float, complex and string dtypes (their raw bytes
  in base64, with dtype and shape), and arrays of dtype object holding any of these;
- tuples, lists and dicts of all of the above, nested up to :data:`MAX_DEPTH` levels.

Anything else (a learner's own class, a function, a module...) is sent as its type's name and its
``repr`` only, and comes back as an :class:`Opaque` stand-in: feedback can still say "your function
returned a ``Polynomial`` object", but no method of it can run in the grader.

>>> import numpy as np
>>> loads(dumps((np.arange(3.0), {"b": 1, "s": np.float32(0.5)})))
(array([0., 1., 2.]), {'b': 1, 's': np.float32(0.5)})
"""

import base64
import binascii
import json

import numpy as np

#: Array dtype kinds that travel as raw bytes: bool, signed and unsigned integer, float, complex,
#: unicode and byte strings. Other kinds (structured, datetime) are sent as :class:`Opaque`.
ARRAY_KINDS = "biufcUS"
#: Deeper nesting is sent as :class:`Opaque`.
MAX_DEPTH = 32

_PLAIN = (type(None), bool, int, float, str)


class WireError(ValueError):
    """Data that is not in the encoding (corrupt, forged, or from another version)."""


class Opaque:
    """Stands in, in the grader, for an object of a type the encoding does not carry."""

    def __init__(self, text):
        self._text = text

    def __repr__(self):
        return self._text


_OPAQUE_TYPES = {}


def _opaque(module, qualname, text):
    """An :class:`Opaque` whose type has the module and name of the learner's type."""
    key = (str(module), str(qualname))
    if key not in _OPAQUE_TYPES:
        kind = type(key[1].rpartition(".")[2] or "object", (Opaque,), {"__module__": key[0]})
        kind.__qualname__ = key[1]
        _OPAQUE_TYPES[key] = kind
    return _OPAQUE_TYPES[key](str(text))


# --------------------------------------------------------------------------------------------------
# Encoding (runs in the learner's kernel, and in the grader for its own values)
# --------------------------------------------------------------------------------------------------

def _bytes_of(array):
    return {"dtype": array.dtype.str, "shape": list(array.shape),
            "data": base64.b64encode(np.ascontiguousarray(array).tobytes()).decode("ascii")}


def _describe(value):
    try:
        text = repr(value)
    except Exception:
        text = "<unprintable>"
    kind = type(value)
    return {"object": {"module": getattr(kind, "__module__", "?"),
                       "type": getattr(kind, "__qualname__", "?"),
                       "repr": text if len(text) <= 200 else text[:197] + "..."}}


def encode(value, depth=0):
    """``value`` as JSON-ready data (see the module docstring)."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if depth >= MAX_DEPTH:
        return _describe(value)
    if value is Ellipsis:
        return {"ellipsis": None}
    if kind is complex:
        return {"complex": [value.real, value.imag]}
    if kind in (tuple, list):
        return {kind.__name__: [encode(item, depth + 1) for item in value]}
    if kind is dict:
        return {"dict": [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in value.items()]}
    if isinstance(value, np.ndarray):
        array = np.asarray(value)
        if array.dtype.kind in ARRAY_KINDS and array.dtype.itemsize > 0:
            return {"array": _bytes_of(array)}
        if array.dtype.kind == "O":
            return {"objects": {"shape": list(array.shape),
                                "items": [encode(item, depth + 1) for item in array.flat]}}
    elif isinstance(value, np.generic) and value.dtype.kind in ARRAY_KINDS \
            and value.dtype.itemsize > 0:
        return {"scalar": _bytes_of(np.asarray(value))}
    return _describe(value)


def dumps(value):
    """``value`` encoded as a JSON text."""
    return json.dumps(encode(value), separators=(",", ":"))


# --------------------------------------------------------------------------------------------------
# Decoding (runs in the grader, on data that may be forged)
# --------------------------------------------------------------------------------------------------

def _array(data):
    if not isinstance(data, dict) or set(data) != {"dtype", "shape", "data"}:
        raise WireError("an array needs exactly dtype, shape and data")
    dtype_text, shape, text = data["dtype"], data["shape"], data["data"]
    if not isinstance(dtype_text, str) or len(dtype_text) > 16:
        raise WireError(f"bad dtype {dtype_text!r}")
    try:
        dtype = np.dtype(dtype_text)
    except TypeError as err:
        raise WireError(f"bad dtype {dtype_text!r}") from err
    if dtype.kind not in ARRAY_KINDS or dtype.itemsize == 0 or dtype.hasobject:
        raise WireError(f"dtype {dtype_text!r} does not travel as bytes")
    if not isinstance(shape, list) or not all(type(n) is int and n >= 0 for n in shape):
        raise WireError(f"bad shape {shape!r}")
    try:
        raw = base64.b64decode(text, validate=True) if isinstance(text, str) else None
    except binascii.Error as err:
        raise WireError("array data is not base64") from err
    if raw is None or len(raw) != dtype.itemsize * int(np.prod(shape, dtype=object)):
        raise WireError(f"array data does not fill shape {tuple(shape)} of {dtype}")
    return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()


def decode(data, depth=0):
    """The value that :func:`encode` encoded as ``data``; raises :class:`WireError` for anything
    else. Builds only the types listed in the module docstring, and :class:`Opaque` stand-ins."""
    if type(data) in _PLAIN:
        return data
    if depth >= MAX_DEPTH + 2:
        raise WireError("nested too deeply")
    if not isinstance(data, dict) or len(data) != 1:
        raise WireError(f"not an encoded value: {str(data)[:80]}")
    (tag, body), = data.items()
    if tag == "ellipsis":
        return Ellipsis
    if tag in ("tuple", "list") and isinstance(body, list):
        items = [decode(item, depth + 1) for item in body]
        return tuple(items) if tag == "tuple" else items
    if tag == "dict" and isinstance(body, list):
        if not all(isinstance(pair, list) and len(pair) == 2 for pair in body):
            raise WireError("a dict is a list of [key, value] pairs")
        try:
            return {decode(k, depth + 1): decode(v, depth + 1) for k, v in body}
        except TypeError as err:   # an unhashable key
            raise WireError(f"bad dict key: {err}") from err
    if tag == "complex" and isinstance(body, list) and len(body) == 2 \
            and all(type(x) in (int, float) for x in body):
        return complex(*body)
    if tag == "array":
        return _array(body)
    if tag == "scalar":
        array = _array(body)
        if array.ndim:
            raise WireError("a scalar has shape ()")
        return array[()]
    if tag == "objects" and isinstance(body, dict) and set(body) == {"shape", "items"}:
        items = body["items"]
        shape = body["shape"]
        if not isinstance(items, list) or not isinstance(shape, list) \
                or not all(type(n) is int and n >= 0 for n in shape) \
                or len(items) != int(np.prod(shape, dtype=object)):
            raise WireError("bad object array")
        array = np.empty(len(items), dtype=object)
        for index, item in enumerate(items):
            array[index] = decode(item, depth + 1)
        return array.reshape(shape)
    if tag == "object" and isinstance(body, dict) and set(body) == {"module", "type", "repr"} \
            and all(isinstance(v, str) for v in body.values()):
        return _opaque(body["module"], body["type"], body["repr"])
    raise WireError(f"unknown or malformed tag {tag!r}")


def loads(text):
    """The value encoded in the JSON text ``text`` (see :func:`decode`)."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as err:
        raise WireError(f"not JSON: {err}") from err
    return decode(data)
