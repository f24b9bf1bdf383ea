"""The elementwise activations against independent references, in every dtype and at every edge."""

import math

import numpy as np
import pytest
import scipy.special as sc
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.optimize import minimize_scalar

import actlab
import reference

NAMES = actlab.names()
# Every activation with every parameter setting the tests exercise.
CASES = [(n, {}) for n in NAMES] + [
    ("leaky_relu", {"alpha": 0.2}), ("elu", {"alpha": 2.0}), ("elu", {"alpha": 0.5}),
    ("gelu", {"approximate": "tanh"}),
]
CASE_IDS = [n + "".join(f"-{k}={v}" for k, v in p.items()) for n, p in CASES]
SMOOTH = [(n, p) for n, p in CASES if not actlab.get(n).kinks_at(**p)]
MONOTONIC = ["binary_step", "identity", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "selu",
             "softplus"]
TINY = np.finfo(np.float64).tiny

# Points from the centre to the far tails, both signs; away from the kinks at 0.
GRID = np.array([s * m for m in (1e-6, 0.01, 0.3, 0.7, 1.0, 1.5, 2.5, 4.0, 7.0, 12.0, 20.0, 35.0,
                                 60.0, 150.0, 400.0, 700.0) for s in (-1.0, 1.0)])


def _rel_err(got, want):
    return abs(got - want) / abs(want) if want != 0 else abs(got)


@pytest.mark.parametrize("which", ["value", "derivative"])
@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_matches_high_precision_reference_into_the_tails(name, params, which):
    act = actlab.get(name)
    got = (act if which == "value" else act.grad)(GRID, **params)
    want_at = getattr(reference, which)
    rtol = 1e-13 if which == "value" else 1e-12
    for x, g in zip(GRID, got):
        want = want_at(name, x, **params)
        if abs(want) < TINY:  # the true value underflows float64: only its size can be checked
            assert abs(g) < 1e-300, (name, which, x, g, want)
            continue
        assert _rel_err(g, want) < rtol, f"{which} of {name}{params} at {x}: {g!r}, reference {want!r}"


# float32 from the centre into the tails: exp(x) overflows float32 beyond 88.7, cosh beyond 89.4.
GRID32 = np.array([s * m for m in (1e-3, 0.3, 1.0, 2.5, 7.0, 12.0, 20.0, 35.0, 60.0, 85.0, 95.0)
                   for s in (-1.0, 1.0)], dtype=np.float32)
TINY32 = float(np.finfo(np.float32).tiny)


@pytest.mark.parametrize("which", ["value", "derivative"])
@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_float32_keeps_relative_precision_into_the_tails(name, params, which):
    act = actlab.get(name)
    got = (act if which == "value" else act.grad)(GRID32, **params)
    assert got.dtype == np.float32
    want_at = getattr(reference, which)
    for x, g in zip(GRID32.tolist(), got.tolist()):
        want = want_at(name, x, **params)
        if abs(want) < TINY32:  # zero or subnormal in float32: no relative precision to keep
            assert abs(g - want) < TINY32, (name, which, x, g, want)
            continue
        assert _rel_err(g, want) < 2e-6, f"{which} of {name}{params} at {x}: {g!r}, ref {want!r}"


def test_sigmoid_family_reaches_the_subnormal_numbers():
    # 1 / (1 + exp(-x)) overflows from x = -709.8 on, and scipy's expit returns 0 there; the true
    # values are e^x (to the last bit), down to the smallest subnormal number at x = -745.
    x = np.array([-710.0, -720.0, -740.0, -745.0])
    np.testing.assert_array_equal(actlab.sigmoid(x), np.exp(x))
    np.testing.assert_array_equal(actlab.softplus.grad(x), np.exp(x))
    assert np.all(actlab.sigmoid.grad(x) > 0)
    assert np.all(actlab.silu(x) < 0)
    x32 = np.array([-88.0, -95.0, -103.0], dtype=np.float32)
    np.testing.assert_array_equal(actlab.sigmoid(x32), np.exp(x32))


@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_derivatives_match_central_finite_differences(name, params):
    act = actlab.get(name)
    x = np.linspace(-6, 6, 241)
    x = x[np.abs(x) > 1e-3]  # away from the kinks at 0
    h = 1e-6
    numeric = (act(x + h, **params) - act(x - h, **params)) / (2 * h)
    np.testing.assert_allclose(act.grad(x, **params), numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name", ["sigmoid", "softplus", "gelu", "tanh"])
def test_agrees_with_scipy_special(name):
    x = np.linspace(-50, 50, 2001)
    scipy_version = {"sigmoid": sc.expit, "softplus": lambda v: -sc.log_expit(-v),
                     "gelu": lambda v: v * sc.ndtr(v), "tanh": np.tanh}[name]
    np.testing.assert_allclose(actlab.get(name)(x), scipy_version(x), rtol=1e-14, atol=0)


def test_tail_values_keep_relative_precision():
    assert actlab.sigmoid(-745.0) == 5e-324
    assert actlab.sigmoid(-800.0) == 0.0  # underflow, as the course shows in its myth check
    assert actlab.softplus(-745.0) == 5e-324
    assert actlab.softplus(1000.0) == 1000.0
    assert actlab.tanh.grad(20.0) == pytest.approx(1.6993417021166355e-17, rel=1e-14)
    assert actlab.sigmoid.grad(-700.0) == pytest.approx(9.85967654375977e-305, rel=1e-14)
    assert actlab.elu(-1e-10) == pytest.approx(-1e-10, rel=1e-9)  # expm1, not exp - 1


def test_kink_conventions_follow_the_course_facts():
    assert actlab.binary_step(0.0) == 1.0
    assert actlab.binary_step.grad(0.0) == 0.0
    assert actlab.relu(0.0) == 0.0
    assert actlab.relu.grad(0.0) == 0.0
    assert actlab.leaky_relu.grad(0.0) == 0.01
    assert actlab.leaky_relu.grad(0.0, alpha=0.3) == 0.3
    assert actlab.elu.grad(0.0, alpha=2.0) == 2.0


# Every case above, and the two where a parameter removes the kink: leaky ReLU with alpha = 1 is the
# identity, ELU with alpha = 1 is C¹ (its slope alpha·e^x meets 1 at 0; only f'' jumps).
KINK_CASES = CASES + [("leaky_relu", {"alpha": 1.0}), ("elu", {"alpha": 1.0})]


@pytest.mark.parametrize(("name", "params"), KINK_CASES,
                         ids=[n + "".join(f"-{k}={v}" for k, v in p.items()) for n, p in KINK_CASES])
def test_kinks_are_exactly_where_the_curve_or_its_slope_jumps(name, params):
    act = actlab.get(name)
    x = np.arange(-600_000, 600_001) * 1e-5  # [-6, 6] in steps of 1e-5, with 0 exactly on the grid
    # Between neighbours 1e-5 apart a C¹ function's value and slope change by at most 1e-5 times
    # max |f'| and max |f''|, both below 2 for every case; a jump changes one of them by 0.5 or more.
    value_jumps = np.abs(np.diff(act(x, **params))) > 1e-3
    slope_jumps = np.abs(np.diff(act.grad(x, **params))) > 1e-3
    found = [(x[i], x[i + 1]) for i in np.flatnonzero(value_jumps | slope_jumps)]
    kinks = sorted(act.kinks_at(**params))
    assert set(kinks) <= set(act.kinks)
    assert len(found) == len(kinks), f"{name}{params}: jumps between {found}, declared {kinks}"
    for (left, right), kink in zip(found, kinks):
        assert left <= kink <= right


def test_elu_has_a_kink_only_when_alpha_is_not_1():
    assert actlab.elu.kinks_at() == actlab.elu.kinks_at(alpha=1.0) == ()
    assert actlab.elu.kinks_at(alpha=2.0) == actlab.elu.kinks_at(alpha=0.5) == (0.0,)
    h = 1e-9
    assert actlab.elu.grad(-h) == pytest.approx(actlab.elu.grad(h), abs=1e-8)
    assert actlab.elu.grad(-h, alpha=2.0) == pytest.approx(2.0, abs=1e-8)
    assert actlab.selu.grad(0.0) == pytest.approx(1.7580993408473766, rel=1e-15)
    assert actlab.selu.grad(1e-12) == pytest.approx(1.0507009873554805, rel=1e-15)
    # each side of a kink is the limit of its own side
    for name in ("relu", "leaky_relu", "elu", "selu"):
        act = actlab.get(name)
        assert act.grad(0.0) == pytest.approx(act.grad(-1e-12), rel=1e-9), name


def test_default_parameters_are_the_course_facts():
    assert actlab.leaky_relu(-1.0) == -0.01
    assert actlab.elu(-np.inf) == -1.0
    assert actlab.selu(-np.inf) == pytest.approx(-1.0507009873554805 * 1.6732632423543772)


def test_selu_constants_are_the_fixed_point_solution():
    # Klambauer et al. (2017), eq. 14: alpha_01 and lambda_01 from erfc; computed here with mpmath.
    import mpmath as mp

    with mp.workdps(40):
        e, pi = mp.e, mp.pi
        erfc1 = mp.erfc(1 / mp.sqrt(2))
        alpha = -mp.sqrt(2 / pi) / (erfc1 * mp.exp(mp.mpf(1) / 2) - 1)
        lam = ((1 - erfc1 * mp.sqrt(e)) * mp.sqrt(2 * pi)
               * (2 * mp.erfc(mp.sqrt(2)) * e ** 2 + pi * erfc1 ** 2 * e
                  - 2 * (2 + pi) * erfc1 * mp.sqrt(e) + pi + 2) ** mp.mpf(-0.5))
    assert float(alpha) == pytest.approx(actlab.activations.SELU_ALPHA, rel=1e-15)
    assert float(lam) == pytest.approx(actlab.activations.SELU_LAMBDA, rel=1e-15)


def test_largest_slopes_of_sigmoid_and_tanh():
    for name, peak in (("sigmoid", 0.25), ("tanh", 1.0)):
        act = actlab.get(name)
        best = minimize_scalar(lambda v: -act.grad(v), bounds=(-5, 5), method="bounded")
        assert best.x == pytest.approx(0.0, abs=1e-4)
        assert -best.fun == pytest.approx(peak, rel=1e-12)
        assert np.all(act.grad(np.linspace(-30, 30, 60001)) <= peak)


@pytest.mark.parametrize(("name", "x_min", "y_min"), [
    ("gelu", -0.752, -0.1700), ("silu", -1.278, -0.2785), ("mish", -1.192, -0.3088)])
def test_minima_of_the_non_monotonic_units(name, x_min, y_min):
    act = actlab.get(name)
    best = minimize_scalar(lambda v: float(act(v)), bounds=(-3, 0), method="bounded",
                           options={"xatol": 1e-10})
    assert best.x == pytest.approx(x_min, abs=5e-4)
    assert best.fun == pytest.approx(y_min, abs=5e-5)
    assert act.output_range[0] == pytest.approx(best.fun, abs=1e-9)
    assert act.grad(best.x) == pytest.approx(0.0, abs=1e-6)


def test_gelu_tanh_form_is_within_its_stated_error():
    x = np.linspace(-10, 10, 200001)
    err = np.abs(actlab.gelu(x, approximate="tanh") - actlab.gelu(x))
    assert 4.6e-4 < err.max() < 4.8e-4


# --- input handling ---------------------------------------------------------------------------

EXTREMES = {dt: np.array([-np.finfo(dt).max, -1e4, -750.0, -89.0, -20.0, -1.0, -np.finfo(dt).tiny,
                          -0.0, 0.0, np.finfo(dt).smallest_subnormal, 1.0, 20.0, 89.0, 750.0,
                          1e4, np.finfo(dt).max], dtype=np.float64).clip(-np.finfo(dt).max,
                                                                         np.finfo(dt).max).astype(dt)
            for dt in (np.float16, np.float32, np.float64)}


@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64], ids=lambda d: d.__name__)
def test_any_finite_input_is_quiet_and_keeps_its_dtype(name, params, dtype):
    # pytest turns every warning into an error here, so an overflow or invalid operation fails.
    act = actlab.get(name)
    x = EXTREMES[dtype]
    y, g = act(x, **params), act.grad(x, **params)
    assert y.dtype == dtype and g.dtype == dtype
    assert np.isfinite(g).all()
    assert not np.isnan(y).any()


@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
@pytest.mark.parametrize("dtype", [np.float32, np.float16], ids=lambda d: d.__name__)
def test_lower_precisions_agree_with_float64(name, params, dtype):
    act = actlab.get(name)
    x = np.linspace(-8, 8, 161).astype(dtype)
    eps = float(np.finfo(dtype).eps)
    for fn in (act, act.grad):
        want = fn(x.astype(np.float64), **params)
        # relative to the result, plus a few ulps of 1 where terms of size ~1 cancel (near a root)
        np.testing.assert_allclose(fn(x, **params).astype(np.float64), want, rtol=4 * eps,
                                   atol=10 * eps)


@pytest.mark.parametrize("name", NAMES)
def test_nan_propagates_and_infinities_give_the_limits(name):
    act = actlab.get(name)
    y = act(np.array([np.nan, -np.inf, np.inf]))
    g = act.grad(np.array([np.nan, -np.inf, np.inf]))
    assert np.isnan(y[0]) and np.isnan(g[0])
    limits = {  # (f(-inf), f(inf), f'(-inf), f'(inf))
        "binary_step": (0, 1, 0, 0), "identity": (-np.inf, np.inf, 1, 1),
        "sigmoid": (0, 1, 0, 0), "tanh": (-1, 1, 0, 0), "relu": (0, np.inf, 0, 1),
        "leaky_relu": (-np.inf, np.inf, 0.01, 1), "elu": (-1, np.inf, 0, 1),
        "selu": (-1.0507009873554805 * 1.6732632423543772, np.inf, 0, 1.0507009873554805),
        "softplus": (0, np.inf, 0, 1), "gelu": (0, np.inf, 0, 1), "silu": (0, np.inf, 0, 1),
        "mish": (0, np.inf, 0, 1)}[name]
    np.testing.assert_allclose([y[1], y[2], g[1], g[2]], limits, rtol=1e-15)


@pytest.mark.parametrize("name", NAMES)
def test_accepts_scalars_lists_ints_bools_and_keeps_shape(name):
    act = actlab.get(name)
    assert isinstance(act(1), np.float64) and np.ndim(act(2.5)) == 0
    assert isinstance(act.grad(1.0), np.float64)
    from_list = act([-1, 0, 2])
    assert from_list.dtype == np.float64
    np.testing.assert_array_equal(from_list, act(np.array([-1.0, 0.0, 2.0])))
    np.testing.assert_array_equal(act([True, False]), act([1.0, 0.0]))
    cube = np.arange(-12, 12, dtype=np.int64).reshape(2, 3, 4)
    assert act(cube).shape == (2, 3, 4) and act.grad(cube).shape == (2, 3, 4)
    assert act(np.empty((0, 3))).shape == (0, 3)


@pytest.mark.parametrize("name", NAMES)
def test_never_modifies_its_input(name):
    x = np.linspace(-3, 3, 13)
    before = x.copy()
    act = actlab.get(name)
    y = act(x)
    act.grad(x)
    np.testing.assert_array_equal(x, before)
    assert not np.shares_memory(x, y)


@pytest.mark.parametrize(("bad", "error", "words"), [
    ("1.0", TypeError, "string"),
    (None, TypeError, "None"),
    ([1 + 2j], TypeError, "complex"),
    (np.array([1.0, None], dtype=object), TypeError, "dtype=object"),
    ([[1.0, 2.0], [3.0]], ValueError, "ragged"),
    (np.array(["2020-01-01"], dtype="datetime64[D]"), TypeError, "not a real number type"),
])
@pytest.mark.parametrize("name", ["sigmoid", "relu", "gelu"])
def test_bad_input_is_refused_with_a_message_naming_the_function(name, bad, error, words):
    with pytest.raises(error, match=name) as info:
        actlab.get(name)(bad)
    assert words in str(info.value)
    with pytest.raises(error, match=fr"{name}\.grad"):
        actlab.get(name).grad(bad)


@pytest.mark.parametrize(("call", "error", "words"), [
    (lambda: actlab.leaky_relu(1.0, alpha=-0.1), ValueError, "leaky_relu: alpha must be >= 0"),
    (lambda: actlab.leaky_relu.grad(1.0, alpha=float("nan")), ValueError, "finite"),
    (lambda: actlab.elu(1.0, alpha="big"), TypeError, "elu: alpha must be a real number"),
    (lambda: actlab.elu(1.0, alpha=-1), ValueError, "elu: alpha must be >= 0"),
    (lambda: actlab.gelu(1.0, approximate=True), ValueError, 'approximate must be "none"'),
    (lambda: actlab.gelu.grad(1.0, approximate="erf"), ValueError, "gelu.grad"),
    (lambda: actlab.get("rleu"), ValueError, "Did you mean 'relu'"),
    (lambda: actlab.get(3), TypeError, "name must be a string"),
])
def test_bad_parameters_are_refused_clearly(call, error, words):
    with pytest.raises(error) as info:
        call()
    assert words in str(info.value)


def test_registry_and_facts():
    assert NAMES == ["binary_step", "identity", "sigmoid", "tanh", "relu", "leaky_relu", "elu",
                     "selu", "softplus", "gelu", "silu", "mish"]
    assert actlab.get("swish") is actlab.silu is actlab.swish
    assert actlab.get("ReLU") is actlab.relu
    for name in NAMES:
        act = actlab.get(name)
        assert act.name == name and act.__name__ == name
        assert act.formula and act.grad_formula and act.range_text
        assert "math::" in act.__doc__ and ">>>" in act.__doc__
        lo, hi = act.output_range
        assert lo < hi


# --- properties (hypothesis) ------------------------------------------------------------------

finite_floats = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(a=finite_floats, b=finite_floats)
def test_monotonic_activations_never_decrease(a, b):
    lo, hi = min(a, b), max(a, b)
    for name in MONOTONIC:
        act = actlab.get(name)
        assert act(lo) <= act(hi), (name, lo, hi)
        assert act.grad(lo) >= 0


def test_gelu_silu_mish_are_not_monotonic():
    for name in ("gelu", "silu", "mish"):
        act = actlab.get(name)
        assert act(-3.0) > act(-1.0), name  # falls, then rises
        assert act.grad(-3.0) < 0 < act.grad(0.0), name


@settings(max_examples=200, deadline=None)
@given(x=hnp.arrays(np.float64, st.integers(1, 50),
                    elements=st.floats(-1e300, 1e300, allow_nan=False)))
def test_outputs_stay_in_the_stated_range(x):
    for name in NAMES:
        act = actlab.get(name)
        lo, hi = act.output_range
        y = act(x)
        assert np.all((y >= lo) & (y <= hi)), (name, x[(y < lo) | (y > hi)])


@settings(max_examples=200, deadline=None)
@given(x=st.floats(-700, 700))
def test_identities_between_activations(x):
    assert actlab.tanh(x) == pytest.approx(2 * actlab.sigmoid(2 * x) - 1, abs=1e-15)
    assert actlab.softplus.grad(x) == pytest.approx(actlab.sigmoid(x), rel=1e-15)
    assert actlab.silu(x) == pytest.approx(x * actlab.sigmoid(x), rel=1e-14, abs=1e-300)
    assert actlab.selu(x) == pytest.approx(
        actlab.activations.SELU_LAMBDA * actlab.elu(x, alpha=actlab.activations.SELU_ALPHA),
        rel=1e-15)
    assert actlab.sigmoid(x) + actlab.sigmoid(-x) == pytest.approx(1.0, rel=1e-15)


def test_python_math_agrees_at_a_glance():
    # One plain-float spot check per family, written with the standard library only.
    assert actlab.sigmoid(1.0) == pytest.approx(1 / (1 + math.exp(-1)), rel=1e-15)
    assert actlab.gelu(1.0) == pytest.approx(0.5 * (1 + math.erf(1 / math.sqrt(2))), rel=1e-15)
    assert actlab.mish(1.0) == pytest.approx(math.tanh(math.log1p(math.e)), rel=1e-15)
