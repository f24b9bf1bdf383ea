"""What every checker shares: a function made safe to probe, and the verdict it returns.

:func:`probe` turns anything a learner may type into a function of one float64 array that the
checkers can call without fear: one that only accepts scalars (``math.exp``, ``if x > 0``) is
evaluated one value at a time; one that raises, returns the wrong shape, something that is not a
number, or NaN becomes a :class:`CheckError` whose message says what happened and where. A
checker catches it and returns a :class:`Verdict` that carries the message instead of a result.

>>> import math
>>> f = probe(lambda x: x if x > 0 else 0.0)        # if/else: scalars only
>>> f([-1.0, 2.0]).tolist(), f.scalar_only
([0.0, 2.0], True)
>>> probe(lambda x: np.sum(x))  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
actlab.properties.verdict.CheckError: <lambda> returned shape () for an input of shape (4,): ...
"""

import dataclasses
import html
import math
import warnings

import numpy as np

from actlab.activations import Activation, get

__all__ = ["CheckError", "Verdict", "probe"]


class CheckError(ValueError):
    """The function cannot be checked; the message says why, in the learner's terms."""


def _name(activation):
    return getattr(activation, "name", None) or getattr(activation, "__name__", None) or "f"


class SafeFunction:
    """A function of one float64 array (see :func:`probe`). ``scalar_only`` says whether the
    original accepts only one number at a time."""

    def __init__(self, fn, name, scalar_only=False):
        self.fn, self.name, self.scalar_only = fn, name, scalar_only
        self.__name__ = name

    def _raw(self, x):
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            if not self.scalar_only:
                return self.fn(x)
            out = np.empty(x.shape)
            for i, xi in enumerate(x.flat):
                out.flat[i] = _as_number(self.fn(float(xi)), self.name, float(xi))
            return out

    def __call__(self, x):
        x = np.asarray(x, dtype=float)
        try:
            y = self._raw(x)
        except CheckError:
            raise
        except Exception as error:  # noqa: BLE001 — any failure of a learner's function
            where = f"x = {float(x):g}" if x.ndim == 0 else \
                f"an array of {x.size} values from {x.min():g} to {x.max():g}"
            problem = CheckError(f"{self.name} raised {type(error).__name__}: {error} when "
                                 f"called with {where}")
            problem.raised = True
            raise problem from None
        try:
            y = np.asarray(y, dtype=float)
        except (TypeError, ValueError):
            raise CheckError(f"{self.name} returned {type(y).__name__} {y!r:.60}, not numbers")
        if y.shape != x.shape:
            raise CheckError(f"{self.name} returned shape {y.shape} for an input of shape "
                             f"{x.shape}: an activation must give one output per input "
                             f"(elementwise)")
        bad = np.isnan(y) & ~np.isnan(x)
        if bad.any():
            first = float(x[bad].flat[0]) if x.ndim else float(x)
            more = f" (and at {bad.sum() - 1} more of the {x.size} points)" if bad.sum() > 1 else ""
            raise CheckError(f"{self.name} returned NaN at x = {first:g}{more}"
                             f": a property cannot be judged from NaN; give the function a value "
                             f"there (np.where, a stable formula)")
        return y


def _as_number(value, name, x):
    try:
        return float(value)
    except (TypeError, ValueError):
        raise CheckError(f"{name} returned {type(value).__name__} {value!r:.60} at x = {x:g}, "
                         f"not a number") from None


def probe(activation, params=None):
    """``activation`` (a name, an actlab activation or any callable) as a :class:`SafeFunction`.

    A library activation is used as it is (with its ``params``). Any other callable is tried on a
    small array first; if that raises but a single float works, it is evaluated one value at a
    time (slower, but correct).

    Raises
    ------
    CheckError
        If it cannot be called at all, or its output is unusable; the message says how.
    """
    params = dict(params or {})
    if isinstance(activation, str):
        activation = get(activation)
    if isinstance(activation, SafeFunction) and not params:
        return activation
    if not callable(activation):
        raise CheckError(f"the activation must be a name such as 'gelu', an actlab activation or "
                         f"a function of x, got {activation!r:.60}")
    name = _name(activation)
    if isinstance(activation, Activation):
        return SafeFunction(lambda x: activation(x, **params), name)
    if params:
        raise CheckError(f"only the library's activations take parameters, got {params!r}")
    trial = np.array([-1.5, 0.0, 0.5, 2.0])
    array_fn = SafeFunction(activation, name)
    try:
        array_fn(trial)
        return array_fn
    except CheckError as array_error:
        if not getattr(array_error, "raised", False):     # it ran, but its output is unusable
            raise
        scalar_fn = SafeFunction(activation, name, scalar_only=True)
        try:
            scalar_fn(trial)
        except CheckError:
            raise array_error from None
        return scalar_fn


@dataclasses.dataclass
class Verdict:
    """What a checker found: the property, the verdict in words, and the evidence.

    ``holds`` is True/False where the property is a yes-or-no question (None when it is a number, or
    when the check could not run: then ``error`` holds the message). ``evidence`` is a list of rows
    (dicts with the same keys): the points found. ``value`` is the checker's main number, if any.
    """

    property: str
    name: str
    verdict: str
    holds: bool | None = None
    evidence: list = dataclasses.field(default_factory=list)
    value: object = None
    error: str | None = None
    note: str = ""

    @property
    def ok(self):
        """The check ran (the function could be evaluated)."""
        return self.error is None

    def _columns(self):
        return list(self.evidence[0]) if self.evidence else []

    def __str__(self):
        lines = [f"{self.property} of {self.name}: {self.verdict}"]
        if self.note:
            lines.append(f"  ({self.note})")
        columns = self._columns()
        if columns:
            cells = [[_fmt(row[c]) for c in columns] for row in self.evidence]
            widths = [max(len(c), *(len(r[k]) for r in cells)) for k, c in enumerate(columns)]
            lines.append("  " + "  ".join(c.rjust(w) for c, w in zip(columns, widths)))
            lines += ["  " + "  ".join(v.rjust(w) for v, w in zip(r, widths)) for r in cells]
        return "\n".join(lines)

    def __repr__(self):
        return str(self)

    def _repr_html_(self):
        colour = {True: "#009E73", False: "#D55E00", None: "#0072B2"}[self.holds]
        if self.error:
            colour = "#CC79A7"
        parts = [f"<div><b>{html.escape(self.property)}</b> of <code>{html.escape(self.name)}"
                 f"</code>: <span style='color:{colour}'><b>{html.escape(self.verdict)}</b></span>"]
        if self.note:
            parts.append(f"<br><small>{html.escape(self.note)}</small>")
        columns = self._columns()
        if columns:
            head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
            body = "".join("<tr>" + "".join(f"<td>{html.escape(_fmt(row[c]))}</td>"
                                            for c in columns) + "</tr>" for row in self.evidence)
            parts.append(f"<table><tr>{head}</tr>{body}</table>")
        return "".join(parts) + "</div>"


def _fmt(value):
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (int, np.integer)):
        return str(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        if math.isinf(value):
            return "∞" if value > 0 else "-∞"
        if value == 0:
            return "0"
        if abs(value) >= 1e5 or abs(value) < 1e-3:
            return f"{value:.3g}"
        return f"{value + 0.0:.4f}"
    return str(value)


def failed(property_name, activation, error):
    """The verdict of a check that could not run."""
    name = activation if isinstance(activation, str) else _name(activation)
    return Verdict(property_name, name, f"cannot check: {error}", error=str(error))
