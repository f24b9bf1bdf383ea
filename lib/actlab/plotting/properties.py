"""Lesson 09: a checker's evidence drawn on the function (:func:`plot_evidence`), and the yes/no
properties of many functions as a grid (:func:`plot_property_grid`)."""

import math

import matplotlib.pyplot as plt
import numpy as np

from actlab.plotting.style import DERIVATIVE_COLOUR, FUNCTION_COLOUR, PALETTE, WRONG_COLOUR
from actlab.properties.verdict import probe

__all__ = ["plot_evidence", "plot_property_grid"]

_X = np.linspace(-5, 5, 801)
_MARK = PALETTE[1]


def _slope(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


def plot_evidence(verdict, activation, ax=None, params=None, *, text=True):
    """Draw ``activation`` on [−5, 5] and mark what ``verdict`` (from a checker) found: the bounds,
    the jumps, the one-sided tangents at a kink, the falling stretches, the tails that saturate,
    the line y = x, the steepest tangent, the worst additivity pair, E[f(Z)]. The verdict is the
    title; with ``text`` the evidence table is printed to the right of the axes."""
    ax = ax or plt.gca()
    ax.clear()
    ax.axhline(0, color="0.6", lw=0.8)
    ax.axvline(0, color="0.6", lw=0.8)
    ax.set_xlim(-5, 5)
    ax.set_xlabel("x (pre-activation)")
    ax.set_ylabel("f(x)")
    ax.set_title(verdict.verdict if len(verdict.verdict) < 70 else verdict.verdict[:67] + "…",
                 fontsize=10, color=WRONG_COLOUR if not verdict.ok else "black")
    if not verdict.ok:
        ax.text(0.5, 0.5, "cannot check:\n" + _wrap(verdict.error), ha="center", va="center",
                transform=ax.transAxes, fontsize=9, color=WRONG_COLOUR)
        return ax
    f = probe(activation, params)
    y = f(_X)
    ax.plot(_X, y, color=FUNCTION_COLOUR, lw=2, label=f"{verdict.name}(x)")
    top, bottom = np.nanmax(y), np.nanmin(y)
    prop = verdict.property
    if prop == "range":
        for bound in verdict.value:
            if not math.isinf(bound):
                ax.axhline(bound, color=_MARK, ls="--", lw=1.2)
        ax.plot([], [], color=_MARK, ls="--", label="finite bounds")
    elif prop == "continuity":
        for row in verdict.evidence:
            ax.plot([row["x"]], [row["f(x−)"]], "o", mfc="white", color=_MARK, ms=7)
            ax.plot([row["x"]], [row["f(x+)"]], "o", color=_MARK, ms=7, label="a jump")
    elif prop == "differentiability":
        for row in verdict.evidence:
            x0, y0 = row["x"], float(f(np.array([row["x"]]))[0])
            for side, s, colour in ((-1, row["f′(x−)"], PALETTE[1]),
                                    (1, row["f′(x+)"], PALETTE[2])):
                t = np.linspace(x0 - 1.5, x0 + 1.5, 2)
                ax.plot(t, y0 + s * (t - x0), ":" if side < 0 else "--", color=colour,
                        label=f"slope {'left' if side < 0 else 'right'} of {x0:g}: {s:.4f}")
    elif prop == "monotonicity" and verdict.evidence:
        for row in verdict.evidence:
            ax.axvspan(max(row["falls from x"], -5), min(row["to x"], 5), color=_MARK, alpha=0.2)
        ax.fill_between([], [], color=_MARK, alpha=0.2, label="f falls here")
    elif prop == "saturation":
        ax.plot(_X, _slope(f, _X), "--", color=DERIVATIVE_COLOUR, label="f′(x)")
        for tail in verdict.value:
            ax.axvspan(-5 if tail == "left" else 3, -3 if tail == "left" else 5, color=_MARK,
                       alpha=0.15)
    elif prop == "identity near 0":
        ax.plot(_X, _X, ":", color=_MARK, label="y = x")
    elif prop == "largest slope" and verdict.evidence[0]["where"] != "an interval":
        x0 = float(verdict.evidence[0]["where"])
        if math.isfinite(x0) and math.isfinite(verdict.value):
            y0 = float(f(np.array([x0]))[0])
            t = np.linspace(x0 - 1.5, x0 + 1.5, 2)
            ax.plot(t, y0 + verdict.value * (t - x0), "--", color=_MARK,
                    label=f"steepest: slope {verdict.value:.4f}")
    elif prop == "zero-centring":
        density = np.exp(-_X ** 2 / 2) / math.sqrt(2 * math.pi)
        ax.fill_between(_X, 0, density, color=PALETTE[2], alpha=0.2, label="density of Z")
        ax.axhline(verdict.value, color=_MARK, ls="--", label=f"E[f(Z)] = {verdict.value:.4f}")
    elif prop == "non-linearity":
        row = verdict.evidence[0]
        a, b = float(row["a"]), float(row["b"])
        if max(abs(a), abs(b), abs(a + b)) < 5:
            ax.plot([a, b], f(np.array([a, b])), "o", color=PALETTE[2], label="f(a), f(b)")
            ax.plot([a + b], [row["f(a + b)"]], "o", color=_MARK, label="f(a + b)")
            ax.plot([a + b], [row["f(a) + f(b)"]], "s", mfc="white", color=_MARK,
                    label="f(a) + f(b)")
    elif prop == "smoothness":
        ax.plot(_X, _slope(f, _X), "--", color=DERIVATIVE_COLOUR, label="f′(x)")
    ax.set_ylim(max(bottom, -6) - 0.6, min(top, 6) + 0.6)
    ax.legend(loc="upper left", fontsize=8)
    if text:
        ax.text(1.03, 1.0, _evidence_text(verdict), transform=ax.transAxes, va="top",
                family="monospace", fontsize=7.5)
    return ax


def _wrap(message, width=60):
    words, lines, line = message.split(), [], ""
    for w in words:
        if len(line) + len(w) > width:
            lines.append(line)
            line = ""
        line += w + " "
    return "\n".join(lines + [line])


def _evidence_text(verdict):
    lines = str(verdict).splitlines()[1:]
    return "\n".join(line[:60] for line in lines[:12]) or "(no points to show)"


def plot_property_grid(report, ax=None):
    """The yes/no verdicts of a :class:`~actlab.properties.table.Report` as a grid: a row per
    function, a column per property; green where the property holds, orange where not."""
    ax = ax or plt.gca()
    properties = [p for p in report.properties if p not in ("largest slope",)]
    grid = np.array([[{True: 1.0, False: 0.0, None: 0.5}[v[p].holds] for p in properties]
                     for _, v in report.rows])
    from matplotlib.colors import ListedColormap
    ax.imshow(grid, cmap=ListedColormap([PALETTE[1], "0.85", PALETTE[2]]), vmin=0, vmax=1,
              aspect="auto")
    ax.set_xticks(range(len(properties)), properties, rotation=35, ha="right")
    ax.set_yticks(range(len(report.rows)), [label for label, _ in report.rows])
    ax.set_xticks(np.arange(-0.5, len(properties)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(report.rows)), minor=True)
    ax.grid(which="minor", color="white", lw=2)
    ax.grid(which="major", visible=False)
    ax.tick_params(which="minor", length=0)
    return ax
