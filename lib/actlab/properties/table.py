"""Lesson 09's tables: every checker on one function (:func:`classify`), the property table of many
(:func:`property_table`), and what the library *declares* about an activation against what the
checkers *measure* (:func:`declared_vs_measured`).

>>> row = declared_vs_measured("selu")
>>> row["agree"], row["declared kinks"], row["measured kinks"]
(True, (0.0,), (0.0,))
"""

import html
import math

from actlab.activations import get, names
from actlab.properties.checkers import CHECKERS, check_continuity, check_differentiability, \
    check_range
from actlab.properties.verdict import _fmt

__all__ = ["Report", "classify", "declared_vs_measured", "property_table"]

TABLE_PROPERTIES = ("non-linearity", "range", "continuity", "differentiability", "smoothness",
                    "monotonicity", "zero-centring", "saturation", "identity near 0",
                    "largest slope")


class Report:
    """Verdicts in rows: ``rows`` is a list of ``(label, {property: Verdict})``. Shown as a table of
    the verdicts in words (``_repr_html_`` in a notebook, ``str`` elsewhere)."""

    def __init__(self, rows, properties=TABLE_PROPERTIES):
        self.rows, self.properties = rows, properties

    def __getitem__(self, label):
        return dict(self.rows)[label]

    def __str__(self):
        lines = []
        for label, verdicts in self.rows:
            lines.append(label)
            lines += [f"  {p:<18} {verdicts[p].verdict}" for p in self.properties]
        return "\n".join(lines)

    def __repr__(self):
        return str(self)

    def _repr_html_(self):
        head = "<th>function</th>" + "".join(f"<th>{html.escape(p)}</th>" for p in self.properties)
        body = ""
        for label, verdicts in self.rows:
            cells = "".join(f"<td>{html.escape(verdicts[p].verdict)}</td>" for p in self.properties)
            body += f"<tr><td><code>{html.escape(label)}</code></td>{cells}</tr>"
        return f"<table><tr>{head}</tr>{body}</table>"


def classify(activation, params=None, *, label=None, properties=TABLE_PROPERTIES):
    """Every checker (but the cost) on one function, as a one-row :class:`Report`."""
    if label is None:
        label = activation if isinstance(activation, str) else \
            getattr(activation, "name", getattr(activation, "__name__", "f"))
    return Report([(label, {p: CHECKERS[p](activation, params) for p in properties})], properties)


def property_table(activations=None, properties=TABLE_PROPERTIES):
    """A :class:`Report` with one row per activation (default: every activation of the library)."""
    rows = []
    for spec in (names() if activations is None else activations):
        name, params = spec if isinstance(spec, tuple) else (spec, None)
        label = name if not params else name + " (" + ", ".join(
            f"{k} = {v}" for k, v in params.items()) + ")"
        rows.append((label, {p: CHECKERS[p](name, params) for p in properties}))
    return Report(rows, properties)


def declared_vs_measured(name, params=None, *, tolerance=1e-4):
    """What :mod:`actlab.activations` declares (``.output_range``, ``.kinks_at(**params)``) next to
    what the checkers measure (the range, the points that are kinks or jumps).

    Returns
    -------
    dict
        ``declared range``, ``measured range``, ``declared kinks``, ``measured kinks`` and
        ``agree``: True when the bounds match within ``tolerance`` (∞ with ∞) and the kinks are
        the same points.
    """
    act = get(name)
    params = dict(params or {})
    measured_range = check_range(name, params).value
    jumps = [row["x"] for row in check_continuity(name, params).evidence]
    kinks = check_differentiability(name, params).value
    measured_kinks = tuple(sorted(float(x) for x in set(jumps) | set(kinks)))
    declared_kinks = tuple(act.kinks_at(**params))

    def same(a, b):
        return (math.isinf(a) and a == b) or (not math.isinf(a) and abs(a - b) <= tolerance)
    # .output_range is declared for the default parameters: compared only without params
    agree = ((bool(params) or all(same(a, b) for a, b in zip(act.output_range, measured_range)))
             and len(declared_kinks) == len(measured_kinks)
             and all(abs(a - b) < 1e-6 for a, b in zip(declared_kinks, measured_kinks)))
    return {"activation": name, "declared range": tuple(act.output_range),
            "measured range": tuple(measured_range), "declared kinks": declared_kinks,
            "measured kinks": measured_kinks, "agree": agree}


def format_comparison(rows):
    """The rows of :func:`declared_vs_measured` as a fixed-width text table."""
    def rng(r):
        return "(" + ", ".join(_fmt(v) for v in r) + ")"
    lines = [f"{'activation':<12}{'declared range':<20}{'measured range':<20}"
             f"{'declared kinks':<16}{'measured kinks':<16}agree"]
    for r in rows:
        lines.append(f"{r['activation']:<12}{rng(r['declared range']):<20}"
                     f"{rng(r['measured range']):<20}{str(r['declared kinks']):<16}"
                     f"{str(r['measured kinks']):<16}{'yes' if r['agree'] else 'NO'}")
    return "\n".join(lines)
