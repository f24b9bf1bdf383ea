r"""Checkers: each measures one property of **any** function numerically and returns a
:class:`~actlab.properties.verdict.Verdict` — the verdict in words and the evidence (the points
found). A function that cannot be evaluated gets a verdict that says why, never a traceback.

======================== ===================================================================
checker                  what it measures
======================== ===================================================================
``check_nonlinearity``   share of random pairs where f(a + b) ≠ f(a) + f(b), and f(c a) ≠ c f(a);
                         linear, affine (f − f(0) linear) or non-linear
``check_range``          infimum and supremum (sampled on [−10, 10], limits at ±1000); bounded?
``check_continuity``     jumps, found by refining the grid around suspect intervals
``check_differentiability`` one-sided derivatives at every kink found (or at the given points)
``check_smoothness``     max |Δ²f|/h² near a point as h halves; one-sided f″: C⁰, C¹ or C²
``check_monotonicity``   non-decreasing, non-increasing, or where it falls
``check_zero_centred``   E[f(Z)], Z ~ N(0, 1), by quadrature, with a sampled estimate beside it
``check_saturation``     f′ at ±10, ±30, ±100: in which tails the slope goes to 0
``check_identity_near_0`` f(0) = 0 and f′(0) = 1 (on both sides)?
``check_largest_slope``  sup f′ and where
``check_cost``           milliseconds for 10⁶ values (a timing: it varies)
======================== ===================================================================

>>> print(check_differentiability("relu"))
differentiability of relu: not differentiable at 0
     x  f′(x−)  f′(x+)  differentiable
     0       0  1.0000              no
"""

import math
import time

import numpy as np
from scipy import integrate

from actlab.properties import measured
from actlab.properties.verdict import CheckError, Verdict, failed, probe

__all__ = ["CHECKERS", "check", "check_continuity", "check_cost", "check_differentiability",
           "check_identity_near_0", "check_largest_slope", "check_monotonicity",
           "check_nonlinearity", "check_range", "check_saturation", "check_smoothness",
           "check_zero_centred", "kinks_found"]

_GRID = np.linspace(-10.0, 10.0, 20001)       # step 1e-3, includes 0 and every multiple of 1e-3


def _safely(property_name):
    """Run the checker; a function that cannot be evaluated gets a verdict with the message."""
    def wrap(checker):
        def run(activation, params=None, **options):
            try:
                f = probe(activation, params)
            except CheckError as error:
                return failed(property_name, activation, error)
            try:
                return checker(f, **options)
            except CheckError as error:
                return failed(property_name, f, error)
        run.__name__, run.__doc__ = checker.__name__, checker.__doc__
        run.__wrapped__ = checker
        return run
    return wrap


def _one_sided(f, x0, h=1e-6):
    """Second-order one-sided difference quotients (left, right) of f at x0."""
    x = x0 + h * np.array([-2.0, -1.0, 0.0, 1.0, 2.0])
    y = f(x)
    return ((3 * y[2] - 4 * y[1] + y[0]) / (2 * h), (-3 * y[2] + 4 * y[3] - y[4]) / (2 * h))


@_safely("non-linearity")
def check_nonlinearity(f, *, n=1000, seed=0, tolerance=1e-9):
    """Test additivity f(a + b) = f(a) + f(b) and homogeneity f(c a) = c f(a) on ``n`` random
    pairs (a, b ~ N(0, 2²), c ~ U(−3, 3), seeded): the share that fails each, and the worst pair.
    An *affine* function fails both only through f(0): f − f(0) passes them (lesson 02's layer).
    """
    rng = np.random.default_rng(seed)
    a, b, c = rng.normal(0, 2, n), rng.normal(0, 2, n), rng.uniform(-3, 3, n)
    f0 = float(f(np.zeros(1))[0])

    def failures(shift):
        fa, fb = f(a) - shift, f(b) - shift
        scale = 1 + np.abs(fa) + np.abs(fb)
        add = np.abs(f(a + b) - shift - (fa + fb)) / scale
        hom = np.abs(f(c * a) - shift - c * fa) / scale
        return add > tolerance, hom > tolerance, add
    add, hom, gap = failures(0.0)
    k = int(np.argmax(gap))
    evidence = [{"test": "f(a + b) = f(a) + f(b)", "fails": f"{add.mean():.1%}",
                 "a": a[k], "b": b[k], "f(a + b)": float(f(a[k:k + 1] + b[k:k + 1])[0]),
                 "f(a) + f(b)": float(f(a[k:k + 1])[0] + f(b[k:k + 1])[0])},
                {"test": "f(c·a) = c·f(a)", "fails": f"{hom.mean():.1%}", "a": a[k], "b": "",
                 "f(a + b)": "", "f(a) + f(b)": ""}]
    if not add.any() and not hom.any():
        verdict, holds = "linear", False
    elif f0 != 0 and not any(x.any() for x in failures(f0)[:2]):
        verdict, holds = f"affine, not linear: f − f(0) is linear (f(0) = {f0:g})", False
    else:
        verdict, holds = "non-linear", True
    return Verdict("non-linearity", f.name, verdict, holds, evidence,
                   value=(float(add.mean()), float(hom.mean())))


@_safely("range")
def check_range(f):
    """The infimum and supremum (sampled on [−10, 10], limits measured out to ±10¹²): bounded or not."""
    (low, high), text = measured.output_range(f)
    x = np.array([-1e12, -1000.0, -10.0, 10.0, 1000.0, 1e12])
    y = f(x)
    evidence = [{"x": float(xi), "f(x)": float(yi)} for xi, yi in zip(x, y)]
    bounded = [not math.isinf(low), not math.isinf(high)]
    words = {(True, True): "bounded", (False, False): "unbounded both ways",
             (True, False): "bounded below, unbounded above",
             (False, True): "unbounded below, bounded above"}[tuple(bounded)]
    return Verdict("range", f.name, f"{text}: {words}", all(bounded), evidence,
                   value=(low, high))


def _jumps(f, grid=_GRID, suspects=8, threshold=1e-6):
    """(x, left value, right value) of every jump: the intervals whose difference stands out most
    from its neighbours' are halved 50 times, keeping the half with the larger difference."""
    y = f(grid)
    d = np.diff(y)
    score = np.abs(d - np.concatenate(([d[0]], (d[:-2] + d[2:]) / 2, [d[-1]])))
    found = []
    for k in np.argsort(score)[::-1][:suspects]:
        lo, hi, ylo, yhi = grid[k], grid[k + 1], y[k], y[k + 1]
        for _ in range(50):
            mid = (lo + hi) / 2
            ymid = float(f(np.array([mid]))[0])
            if abs(ymid - ylo) >= abs(yhi - ymid):
                hi, yhi = mid, ymid
            else:
                lo, ylo = mid, ymid
        if abs(yhi - ylo) > threshold:
            x = round(hi, 9) + 0.0
            if not any(abs(x - j[0]) < 1e-6 for j in found):
                found.append((x, float(ylo), float(yhi)))
    return sorted(found)


@_safely("continuity")
def check_continuity(f):
    """Jumps on [−10, 10]: suspects from a grid of step 1e-3, each refined by bisection until the
    interval is ~1e-18 wide; a difference that does not shrink below 1e-6 is a jump."""
    jumps = _jumps(f)
    evidence = [{"x": x, "f(x−)": a, "f(x+)": b, "jump": b - a} for x, a, b in jumps]
    if not jumps:
        return Verdict("continuity", f.name, "continuous (no jump found on [-10, 10])", True)
    where = ", ".join(f"{x:g}" for x, _, _ in jumps)
    return Verdict("continuity", f.name, f"not continuous: jumps at {where}", False, evidence)


def kinks_found(f, grid=_GRID, threshold=1e-4):
    """Points where the one-sided derivatives differ: suspects where |Δ²f| on the grid is far
    above what a smooth curve gives, each located where the two one-sided tangents meet."""
    f = probe(f)
    y = f(grid)
    h = grid[1] - grid[0]
    second = np.abs(np.diff(y, 2)) / h ** 2     # ~|f''| if smooth, ~|jump of f'|/h at a kink
    found = []
    for k in np.flatnonzero(second > 50)[:50] + 1:
        a, b = grid[k] - 3 * h, grid[k] + 3 * h
        sa, sb = _one_sided(f, a)[0], _one_sided(f, b)[1]
        ya, yb = f(np.array([a, b]))
        candidates = [grid[k - 1], grid[k], grid[k + 1]]
        if abs(sa - sb) > threshold:      # where the two tangents meet: exact for straight pieces
            candidates.append(round(float(min(max((yb - ya + sa * a - sb * b) / (sa - sb), a),
                                              b)), 9))
        gaps = [abs(np.subtract(*_one_sided(f, c))) for c in candidates]
        x = float(candidates[int(np.argmax(gaps))]) + 0.0
        if max(gaps) > threshold and not any(abs(x - p) < 1e-5 for p in found):
            found.append(x)
    return found


@_safely("differentiability")
def check_differentiability(f, *, at=None):
    """One-sided derivatives (second-order differences, h = 1e-6) at ``at`` (points), or at every
    kink and jump found on [−10, 10]. Differentiable where they agree and f is continuous."""
    jumps = {x: (a, b) for x, a, b in _jumps(f)}
    points = sorted(set(kinks_found(f)) | set(jumps)) if at is None else list(np.atleast_1d(at))
    evidence = []
    for x in points:
        x = float(x)
        jump = any(abs(x - j) < 1e-6 for j in jumps)
        left, right = _one_sided(f, x)
        if jump:      # the slopes of the two pieces, without the value at the jump itself
            left, right = _one_sided(f, x - 1e-6)[0], _one_sided(f, x + 1e-6)[1]
        evidence.append({"x": x, "f′(x−)": float(left), "f′(x+)": float(right),
                         "differentiable": bool(abs(left - right) <= 1e-4 and not jump),
                         **({"note": "a jump: not even continuous"} if jump else {})})
    if any("note" in row for row in evidence):
        for row in evidence:
            row.setdefault("note", "")
    bad = [row["x"] for row in evidence if not row["differentiable"]]
    if bad:
        verdict = "not differentiable at " + ", ".join(f"{x:g}" for x in bad)
    elif at is None:
        verdict = "differentiable (no kink found on [-10, 10])"
    else:
        verdict = "differentiable at " + ", ".join(f"{float(x):g}" for x in points)
    return Verdict("differentiability", f.name, verdict, not bad, evidence, value=bad)


@_safely("smoothness")
def check_smoothness(f, *, at=0.0, halvings=6):
    r"""The smoothness order at ``at``: max |Δ²f|/h² over centres in [at − h, at + h] as h halves
    from 0.1 (it doubles each time at a kink: C⁰; it stays bounded otherwise), then the one-sided
    second derivatives :math:`(f(x \pm 2h) - 2f(x \pm h) + f(x))/h^2` at h = 1e-3 (they differ:
    C¹, not C²; they agree: C²)."""
    x0 = float(at)
    if any(abs(x - x0) < 1e-6 for x, _, _ in _jumps(f, x0 + np.linspace(-0.01, 0.01, 2001))):
        return Verdict("smoothness", f.name, f"a jump at {x0:g}: not continuous", False)
    evidence, previous = [], None
    for k in range(halvings):
        h = 0.1 / 2 ** k
        centres = x0 + h * np.linspace(-1, 1, 9)
        d2 = np.abs(f(centres + h) - 2 * f(centres) + f(centres - h)).max() / h ** 2
        evidence.append({"h": h, "max |Δ²f|/h²": float(d2), "× previous":
                         "" if previous is None or previous < 1e-6 else float(d2 / previous)})
        previous = d2
    ratios = [row["× previous"] or 0.0 for row in evidence[-3:]]
    h = 1e-3
    x = x0 + h * np.array([-2.0, -1.0, 0.0, 1.0, 2.0])
    y = f(x)
    left, right = (y[0] - 2 * y[1] + y[2]) / h ** 2, (y[4] - 2 * y[3] + y[2]) / h ** 2
    if min(ratios) > 1.8 and evidence[-1]["max |Δ²f|/h²"] > 1e-3:
        verdict, order = f"C⁰ at {x0:g}: a kink (|Δ²f|/h² doubles as h halves)", 0
    elif abs(left - right) > 0.01:
        verdict, order = f"C¹, not C² at {x0:g}: f″ jumps from {left:.4f} to {right:.4f}", 1
    else:
        verdict, order = f"C² (at least) at {x0:g}: f″({x0:g}) ≈ {(left + right) / 2:.4f}", 2
    return Verdict("smoothness", f.name, verdict, order == 2, evidence, value=order)


@_safely("monotonicity")
def check_monotonicity(f, *, grid=None, tolerance=1e-12):
    """Non-decreasing, non-increasing, or not monotone — with every stretch where f falls (or
    rises): compares neighbours on a grid of step 5e-4 on [−10, 10], and f(±1000) with f(±10)."""
    x = np.linspace(-10, 10, 40001) if grid is None else np.sort(np.asarray(grid, dtype=float))
    x = np.concatenate(([-1000.0], x, [1000.0]))
    d = np.diff(f(x))
    falls, rises = d < -tolerance, d > tolerance

    def stretches(mask):
        edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.astype(int), [0]))))
        return [(float(x[a]), float(x[b])) for a, b in zip(edges[::2], edges[1::2])]
    if not falls.any():
        return Verdict("monotonicity", f.name, "monotone: non-decreasing", True, value="up")
    if not rises.any():
        return Verdict("monotonicity", f.name, "monotone: non-increasing", True, value="down")
    evidence = [{"falls from x": a, "to x": b,
                 "by": float(f(np.array([a]))[0] - f(np.array([b]))[0])}
                for a, b in stretches(falls)]
    where = "; ".join(f"x < {r['to x']:.3f}" if r["falls from x"] <= -5 else
                      f"[{r['falls from x']:.3f}, {r['to x']:.3f}]" for r in evidence[:3])
    return Verdict("monotonicity", f.name, f"not monotone: falls for {where}", False, evidence,
                   value=[(r["falls from x"], r["to x"]) for r in evidence])


@_safely("zero-centring")
def check_zero_centred(f, *, n=100_000, seed=0, tolerance=1e-3):
    r""":math:`\mathbb{E}[f(Z)]`, Z ~ N(0, 1), by adaptive quadrature (split at 0), beside a
    sampled mean of ``n`` seeded draws with its standard error; zero-centred if |E| < tolerance."""
    def integrand(z):
        return float(f(np.array([z]))[0]) * math.exp(-z * z / 2) / math.sqrt(2 * math.pi)
    mean = sum(integrate.quad(integrand, a, b, epsabs=1e-13, epsrel=1e-12, limit=200)[0]
               for a, b in ((-math.inf, 0.0), (0.0, math.inf)))
    y = f(np.random.default_rng(seed).standard_normal(n))
    evidence = [{"method": "quadrature", "E[f(Z)]": mean, "± (standard error)": ""},
                {"method": f"{n} samples", "E[f(Z)]": float(y.mean()),
                 "± (standard error)": float(y.std() / math.sqrt(n))}]
    holds = abs(mean) < tolerance
    verdict = f"E[f(Z)] = {round(mean, 4) + 0.0:.4f}: " + \
        ("zero-centred" if holds else "not zero-centred")
    return Verdict("zero-centring", f.name, verdict, holds, evidence, value=mean)


@_safely("saturation")
def check_saturation(f, *, tolerance=1e-3):
    """The slope f′ at ±10, ±30, ±100 (central differences, h = 1e-4·|x|): a tail saturates when
    the slope there is below ``tolerance`` and not growing."""
    x = np.array([-100.0, -30.0, -10.0, 10.0, 30.0, 100.0])
    h = 1e-4 * np.abs(x)
    slope = (f(x + h) - f(x - h)) / (2 * h)
    evidence = [{"x": float(a), "f(x)": float(v), "f′(x)": float(s)}
                for a, v, s in zip(x, f(x), slope)]
    tails = [side for side, s in (("left", slope[:3]), ("right", slope[3:][::-1]))
             if abs(s[0]) < tolerance and abs(s[0]) <= abs(s[2]) + 1e-12]
    verdict = {0: "saturates in neither tail", 2: "saturates in both tails"}.get(
        len(tails), f"saturates in the {''.join(tails)} tail only")
    return Verdict("saturation", f.name, verdict, bool(tails), evidence, value=tails)


@_safely("identity near 0")
def check_identity_near_0(f):
    """f(0) = 0 and f′(0) = 1 on both sides (one-sided differences, h = 1e-6)?"""
    f0 = float(f(np.zeros(1))[0])
    left, right = _one_sided(f, 0.0)
    holds = abs(f0) < 1e-9 and abs(left - 1) < 1e-5 and abs(right - 1) < 1e-5
    evidence = [{"f(0)": f0, "f′(0−)": left, "f′(0+)": right}]
    verdict = "f(x) ≈ x near 0" if holds else "not the identity near 0"
    return Verdict("identity near 0", f.name, verdict, holds, evidence)


@_safely("largest slope")
def check_largest_slope(f):
    """sup f′ and where (see :func:`actlab.properties.measured.largest_slope`)."""
    e = measured.largest_slope(f)
    return Verdict("largest slope", f.name, f"sup f′ = {e}", None,
                   [{"largest slope": e.value,
                     "where": "an interval" if e.where is None else e.where}],
                   value=e.value)


@_safely("cost")
def check_cost(f, *, repeats=5):
    """Median milliseconds for 10⁶ float64 values (a timing: never compare it as text)."""
    fn = f.fn if not f.scalar_only else f
    x = np.random.default_rng(0).standard_normal(1_000_000 if not f.scalar_only else 10_000)
    scale = 1.0 if not f.scalar_only else 100.0
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn(x)
        times.append(time.perf_counter() - start)
    ms = 1e3 * scale * float(np.median(times))
    note = ("one value at a time (scalar-only function), scaled from 10⁴ values"
            if f.scalar_only else "")
    return Verdict("cost", f.name, f"{ms:.2f} ms per 10⁶ values", None,
                   [{"ms per 10⁶": ms}], value=ms, note=note)


CHECKERS = {"non-linearity": check_nonlinearity, "range": check_range,
            "continuity": check_continuity, "differentiability": check_differentiability,
            "smoothness": check_smoothness, "monotonicity": check_monotonicity,
            "zero-centring": check_zero_centred, "saturation": check_saturation,
            "identity near 0": check_identity_near_0, "largest slope": check_largest_slope,
            "cost": check_cost}


def check(activation, prop, params=None, **options):
    """Run the checker named ``prop`` (a key of :data:`CHECKERS`) on ``activation``."""
    if prop not in CHECKERS:
        raise ValueError(f"check: prop must be one of {', '.join(CHECKERS)}, got {prop!r}")
    return CHECKERS[prop](activation, params, **options)
