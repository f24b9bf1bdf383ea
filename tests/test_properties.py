"""The measured properties (actlab.properties) against the course's facts table, scipy, mpmath."""

import math

import mpmath as mp
import numpy as np
import pytest
from scipy import optimize, stats

import actlab
import reference
from actlab.properties import (Extremum, cost_per_million, gaussian_moments, largest_slope,
                               minimum, monotonicity, output_range, properties, smoothness_at)

pytestmark = pytest.mark.filterwarnings("error")


def _mp_mean_and_variance(name, **params):
    """E[f(Z)] and Var f(Z) with mpmath's quadrature on the reference functions (split at 0)."""
    mp.mp.dps = 30

    def density(z):
        return mp.exp(-z * z / 2) / mp.sqrt(2 * mp.pi)

    def moment(power):
        return sum(mp.quad(lambda z: reference.FUNCTIONS[name](z, **params) ** power * density(z),
                           interval) for interval in ([-mp.inf, 0], [0, mp.inf]))
    mean = moment(1)
    return float(mean), float(moment(2) - mean ** 2)


@pytest.mark.parametrize(("name", "want"), [
    ("sigmoid", 0.5), ("tanh", 0.0), ("relu", 1 / math.sqrt(2 * math.pi)),
    ("gelu", 1 / (2 * math.sqrt(math.pi))), ("selu", 0.0)])
def test_mean_output_matches_the_facts_table(name, want):
    mean, _ = gaussian_moments(name)
    assert mean == pytest.approx(want, abs=1e-10)


def test_selu_fixed_point_has_variance_one():
    assert gaussian_moments("selu")[1] == pytest.approx(1.0, abs=1e-10)
    assert gaussian_moments("relu")[1] == pytest.approx(0.5 - 1 / (2 * math.pi), abs=1e-10)


@pytest.mark.parametrize(("name", "params"), [("elu", {}), ("elu", {"alpha": 2.0}),
                                              ("softplus", {}),
                                              ("silu", {}), ("mish", {}), ("leaky_relu", {})])
def test_moments_match_mpmath(name, params):
    got = gaussian_moments(name, params)
    want = _mp_mean_and_variance(name, **params)
    assert got == pytest.approx(want, abs=1e-9)


def test_moments_match_monte_carlo_for_a_plain_function():
    z = np.random.default_rng(0).normal(size=2_000_000)
    mean, variance = gaussian_moments(lambda x: np.abs(x) - 1)
    assert mean == pytest.approx(np.abs(z).mean() - 1, abs=3e-3)
    assert mean == pytest.approx(math.sqrt(2 / math.pi) - 1, abs=1e-10)
    assert variance == pytest.approx(1 - 2 / math.pi, abs=1e-10)


@pytest.mark.parametrize(("name", "value", "where"), [
    ("gelu", -0.1700, -0.752), ("silu", -0.2785, -1.278), ("mish", -0.3088, -1.192)])
def test_dips_match_the_facts_table_and_scipy(name, value, where):
    m = minimum(name)
    assert round(m.value, 4) == value and round(m.where, 3) == where
    act = actlab.get(name)
    ref = optimize.minimize_scalar(lambda x: float(act(x)), bracket=(-3, -0.5, 0), tol=1e-12)
    assert m.where == pytest.approx(ref.x, abs=1e-6)
    assert m.value == pytest.approx(ref.fun, abs=1e-12)


def test_minimum_kinds():
    assert minimum("relu") == Extremum(0.0, None)
    assert minimum("elu") == Extremum(-1.0, -math.inf)
    assert minimum("selu").value == pytest.approx(-actlab.activations.SELU_ALPHA
                                                  * actlab.activations.SELU_LAMBDA, abs=1e-12)
    assert minimum("leaky_relu") == Extremum(-math.inf, -math.inf)
    assert minimum("sigmoid").where == -math.inf and minimum("sigmoid").value == 0.0


@pytest.mark.parametrize(("name", "value", "where"), [
    ("gelu", 1.129, math.sqrt(2)), ("silu", 1.100, 2.3994), ("mish", 1.089, 1.4906)])
def test_largest_slopes_above_one(name, value, where):
    s = largest_slope(name)
    assert s.value == pytest.approx(value, abs=1e-3) and s.where == pytest.approx(where, abs=1e-3)
    # against the library's own derivative, maximised by scipy
    act = actlab.get(name)
    ref = optimize.minimize_scalar(lambda x: -float(act.grad(x)), bounds=(0, 4), method="bounded",
                                   options={"xatol": 1e-10})
    assert s.value == pytest.approx(-ref.fun, abs=1e-7)


def test_largest_slope_of_kinked_and_flat_functions():
    assert largest_slope("selu").value == pytest.approx(1.0507009873554805 * 1.6732632423543772,
                                                        abs=1e-5)
    assert largest_slope("selu").where == 0.0
    assert largest_slope("relu") == Extremum(pytest.approx(1.0), None)
    assert largest_slope("sigmoid").value == pytest.approx(0.25, abs=1e-9)
    assert largest_slope("softplus") == Extremum(pytest.approx(1.0, abs=1e-6), math.inf)
    assert largest_slope("binary_step").value == math.inf


def test_monotonicity():
    for name in ("relu", "leaky_relu", "elu", "selu", "softplus", "sigmoid", "tanh"):
        assert monotonicity(name).monotone, name
    for name, right in (("gelu", -0.752), ("silu", -1.278), ("mish", -1.192)):
        m = monotonicity(name)
        assert not m.monotone and m.decreasing_on[1] == pytest.approx(right, abs=1e-3)
    bump = monotonicity(lambda x: -np.exp(-x ** 2))      # falls on (-inf, 0]
    assert str(bump).startswith("no")
    dip = monotonicity(lambda x: x + 2 * np.exp(-(x - 1) ** 2 / 0.1))
    assert not dip.monotone and 1 < dip.decreasing_on[0] < dip.decreasing_on[1] < 2


@pytest.mark.parametrize(("name", "params", "want"), [
    ("relu", {}, "kink (C⁰)"), ("leaky_relu", {}, "kink (C⁰)"), ("elu", {}, "C¹, not C²"),
    ("elu", {"alpha": 0.5}, "kink (C⁰)"), ("selu", {}, "kink (C⁰)"),
    ("softplus", {}, "smooth (C²)"),
    ("gelu", {}, "smooth (C²)"), ("silu", {}, "smooth (C²)"), ("mish", {}, "smooth (C²)"),
    ("binary_step", {}, "jump"), ("tanh", {}, "smooth (C²)")])
def test_smoothness_at_zero(name, params, want):
    assert smoothness_at(name, params) == want


def test_smoothness_agrees_with_the_declared_kinks():
    for name in actlab.names():
        smooth = smoothness_at(name) in ("smooth (C²)", "C¹, not C²")
        assert smooth == (not actlab.get(name).kinks_at()), name


@pytest.mark.parametrize(("name", "text"), [
    ("relu", "[0, ∞)"), ("sigmoid", "(0, 1)"), ("tanh", "(-1, 1)"), ("elu", "(-1, ∞)"),
    ("selu", "(-1.7581, ∞)"), ("gelu", "[-0.1700, ∞)"), ("leaky_relu", "(-∞, ∞)"),
    ("binary_step", "[0, 1]"), ("softplus", "(0, ∞)")])
def test_output_range_text(name, text):
    assert output_range(name)[1] == text


def test_measured_bounds_agree_with_the_declared_ranges():
    for name in ("relu", "sigmoid", "tanh", "elu", "selu", "softplus", "binary_step", "identity"):
        declared = actlab.get(name).output_range
        assert output_range(name)[0] == pytest.approx(declared, abs=1e-9), name


def test_properties_and_cost():
    p = properties("mish")
    assert p.name == "mish" and not p.monotone.monotone and p.smoothness == "smooth (C²)"
    assert p.mean == pytest.approx(stats.norm.expect(lambda z: float(actlab.mish(z))), abs=1e-7)
    assert cost_per_million("relu", repeats=2) > 0
    with pytest.raises(TypeError, match="activation must be"):
        properties(3.0)
