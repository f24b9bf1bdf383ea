"""Lesson 09's checkers (actlab.properties.checkers, .table, .verdict) against the facts table, closed
forms, scipy and mpmath — and on the functions learners write (scalars only, raising, NaN, wrong
shape)."""

import math

import mpmath as mp
import numpy as np
import pytest
from scipy import special

import actlab
from actlab.activations import SELU_ALPHA, SELU_LAMBDA
from actlab.properties import (CHECKERS, TABLE_PROPERTIES, CheckError, Verdict, check,
                               check_continuity, check_differentiability, check_identity_near_0,
                               check_largest_slope, check_monotonicity, check_nonlinearity,
                               check_range, check_saturation, check_smoothness,
                               check_zero_centred, classify, declared_vs_measured,
                               format_comparison, kinks_found, probe, property_table)

pytestmark = pytest.mark.filterwarnings("error")


def test_nonlinearity_separates_linear_affine_and_nonlinear():
    assert check_nonlinearity("identity").verdict == "linear"
    assert check_nonlinearity(lambda x: 3 * x).verdict == "linear"
    affine = check_nonlinearity(lambda x: 2 * x + 1)
    assert affine.verdict.startswith("affine, not linear") and affine.holds is False
    relu = check_nonlinearity("relu")
    assert relu.holds is True
    # ReLU: additivity fails exactly when a and b have opposite signs (about half the pairs),
    # homogeneity when c < 0 (about half)
    rng = np.random.default_rng(0)
    a, b, c = rng.normal(0, 2, 1000), rng.normal(0, 2, 1000), rng.uniform(-3, 3, 1000)
    assert relu.value[0] == pytest.approx(np.mean(np.sign(a) != np.sign(b)))
    assert relu.value[1] == pytest.approx(np.mean(c < 0))
    for name in ("sigmoid", "tanh", "gelu", "binary_step"):
        assert check_nonlinearity(name).holds is True, name


@pytest.mark.parametrize("name", actlab.names())
def test_measured_agrees_with_what_the_library_declares(name):
    row = declared_vs_measured(name)
    assert row["agree"], row


def test_range_text_and_boundedness():
    expected = {"sigmoid": "(0, 1): bounded", "tanh": "(-1, 1): bounded",
                "relu": "[0, ∞): bounded below, unbounded above",
                "identity": "(-∞, ∞): unbounded both ways",
                "selu": "(-1.7581, ∞): bounded below, unbounded above", "binary_step": "[0, 1]: bounded"}
    for name, text in expected.items():
        assert check_range(name).verdict == text
    for name in ("relu", "elu", "gelu", "silu"):            # myth 7: the most used are unbounded
        assert math.isinf(check_range(name).value[1])
    assert check_range("gelu").value[0] == pytest.approx(-0.16997120747990366, abs=1e-9)


@pytest.mark.parametrize("f, limit", [
    (lambda x: x / (1 + np.abs(x)), 1.0),                   # softsign: still rising at x = 1000
    (np.arctan, math.pi / 2),
    (lambda x: x / np.sqrt(1 + x * x), 1.0),
    (lambda x: 1 - 1 / np.sqrt(np.abs(x) + 1), 1.0),        # creeps up like 1/√x
], ids=["softsign", "arctan", "x/sqrt(1+x²)", "1-1/sqrt"])
def test_slow_but_bounded_tails_are_bounded(f, limit):
    verdict = check_range(f)
    assert verdict.holds, verdict.verdict
    assert verdict.value[1] == pytest.approx(limit, abs=0.05)


@pytest.mark.parametrize("f", [np.abs, lambda x: np.log1p(np.abs(x)), lambda x: np.log(np.log(np.abs(x) + 3))],
                         ids=["|x|", "log(1+|x|)", "log log"])
def test_slow_but_unbounded_tails_are_unbounded(f):
    assert math.isinf(check_range(f).value[1])


def test_continuity_finds_jumps_where_they_are():
    step = check_continuity("binary_step")
    assert step.holds is False and [r["x"] for r in step.evidence] == [0.0]
    assert step.evidence[0]["jump"] == 1.0
    odd = check_continuity(lambda x: np.where(x < 0.123456, 0.0, 0.5) + x)
    assert odd.evidence[0]["x"] == pytest.approx(0.123456, abs=1e-9)
    assert odd.evidence[0]["jump"] == pytest.approx(0.5, abs=1e-6)
    tiny = check_continuity(lambda x: x + np.where(x < 2.5, 0.0, 1e-3))  # smaller than a grid step's rise
    assert [r["x"] for r in tiny.evidence] == [2.5]
    for name in ("relu", "selu", "gelu", "sigmoid", "elu"):
        assert check_continuity(name).holds is True, name


def test_one_sided_derivatives_against_the_facts_table():
    relu = check_differentiability("relu").evidence[0]
    assert (relu["x"], relu["f′(x−)"], relu["f′(x+)"]) == (0.0, pytest.approx(0, abs=1e-9),
                                                           pytest.approx(1, abs=1e-9))
    selu = check_differentiability("selu").evidence[0]
    assert selu["f′(x−)"] == pytest.approx(SELU_LAMBDA * SELU_ALPHA, abs=1e-6)    # 1.7581
    assert selu["f′(x+)"] == pytest.approx(SELU_LAMBDA, abs=1e-6)                 # 1.0507
    assert round(selu["f′(x−)"], 4) == 1.7581 and round(selu["f′(x+)"], 4) == 1.0507
    assert check_differentiability("elu").holds is True                       # α = 1: C¹
    assert check_differentiability("elu", {"alpha": 2.0}).value == [0.0]
    assert check_differentiability("gelu").holds is True
    # a kink off the grid, and two of them
    assert kinks_found(lambda x: np.abs(x - 0.3217) + np.maximum(x + 2, 0)) == [-2.0, 0.3217]
    assert check_differentiability("tanh", at=[0.0, 1.0]).verdict == "differentiable at 0, 1"


def test_smoothness_order():
    relu = check_smoothness("relu")
    assert relu.value == 0
    assert [round(r["× previous"], 6) for r in relu.evidence[1:]] == [2.0] * 5      # doubles
    silu = check_smoothness("silu")
    assert silu.value == 2
    assert all(abs(r["max |Δ²f|/h²"] - 0.5) < 1e-3 for r in silu.evidence)         # silu''(0) = 1/2
    assert check_smoothness("elu").value == 1                                       # C¹ not C²
    assert check_smoothness("elu", {"alpha": 2.0}).value == 0
    assert check_smoothness("identity").value == 2
    assert check_smoothness("gelu").verdict.endswith(f"{math.sqrt(2 / math.pi):.4f}")  # gelu'' (0) = 2φ(0)
    assert check_smoothness("binary_step").holds is False


def test_monotonicity_and_where_it_fails():
    for name, where in (("gelu", -0.752), ("silu", -1.278), ("mish", -1.192)):
        v = check_monotonicity(name)
        assert v.holds is False and v.evidence[0]["to x"] == pytest.approx(where, abs=1e-3)
    for name in ("relu", "sigmoid", "tanh", "elu", "selu", "softplus", "leaky_relu", "binary_step"):
        assert check_monotonicity(name).holds is True, name
    assert check_monotonicity(lambda x: -x).verdict == "monotone: non-increasing"
    assert len(check_monotonicity(np.sin).evidence) == 4         # sin falls 4 times on [-10, 10]
    # a dip too narrow for a coarse grid is found by the default one
    dip = lambda x: x - 0.3 * np.exp(-((x - 0.3) / 0.01) ** 2)   # noqa: E731
    assert check_monotonicity(dip, grid=np.linspace(-5, 5, 11)).holds is True
    assert check_monotonicity(dip).holds is False


def _mp_mean(fn):
    mp.mp.dps = 25
    return float(sum(mp.quad(lambda z: fn(z) * mp.exp(-z * z / 2) / mp.sqrt(2 * mp.pi), i)
                     for i in ([-mp.inf, 0], [0, mp.inf])))


def test_zero_centring_against_closed_forms_and_mpmath():
    assert check_zero_centred("sigmoid").value == pytest.approx(0.5, abs=1e-10)
    assert check_zero_centred("tanh").value == pytest.approx(0, abs=1e-10)
    assert check_zero_centred("relu").value == pytest.approx(1 / math.sqrt(2 * math.pi), abs=1e-10)
    assert check_zero_centred("gelu").value == pytest.approx(1 / (2 * math.sqrt(math.pi)), abs=1e-10)
    assert check_zero_centred("selu").holds is True
    mish = _mp_mean(lambda z: z * mp.tanh(mp.log1p(mp.exp(z))))
    assert check_zero_centred("mish").value == pytest.approx(mish, abs=1e-9)
    sampled = check_zero_centred("relu").evidence[1]
    assert abs(sampled["E[f(Z)]"] - 0.3989) < 3 * sampled["± (standard error)"]


def test_saturation_tails_identity_and_slope():
    tails = {"sigmoid": ["left", "right"], "tanh": ["left", "right"], "relu": ["left"],
             "elu": ["left"], "gelu": ["left"], "softplus": ["left"], "leaky_relu": [],
             "identity": [], "binary_step": ["left", "right"]}
    for name, expected in tails.items():
        assert check_saturation(name).value == expected, name
    identity_like = [n for n in actlab.names() if check_identity_near_0(n).holds]
    assert identity_like == ["identity", "tanh", "elu"]
    assert check_largest_slope("gelu").value == pytest.approx(
        special.ndtr(math.sqrt(2)) + math.sqrt(2) * math.exp(-1) / math.sqrt(2 * math.pi),
        abs=1e-6)                                     # gelu'(√2) = Φ(√2) + √2 φ(√2) ≈ 1.1289
    assert check_largest_slope("sigmoid").value == pytest.approx(0.25, abs=1e-8)
    assert check_largest_slope("selu").value == pytest.approx(SELU_LAMBDA * SELU_ALPHA, abs=1e-5)


def test_learners_functions_never_crash_the_checkers():
    scalar_only = lambda x: math.exp(x) - 1 if x < 0 else x      # noqa: E731  (ELU by hand)
    assert probe(scalar_only).scalar_only
    assert check_smoothness(scalar_only).value == 1
    assert check_monotonicity(scalar_only).holds is True
    messages = {
        "raised ZeroDivisionError": lambda x: 1 / 0,
        "returned shape ()": lambda x: np.sum(x),
        "returned NaN at x = 0": lambda x: x / np.abs(x),
        "not numbers": lambda x: "relu",
        "must be a name": 42,
    }
    for expected, fn in messages.items():
        for prop, checker in CHECKERS.items():
            v = checker(fn)
            assert isinstance(v, Verdict) and not v.ok and expected in v.error, (prop, v)
            assert "cannot check" in str(v) and "cannot check" in v._repr_html_()
    with pytest.raises(CheckError, match="returned shape"):
        probe(lambda x: x[:1])(np.zeros(3))
    with pytest.raises(ValueError, match="prop must be one of"):
        check("relu", "beauty")
    # overflow in a scalar function is caught where it happens
    v = check_range(lambda x: math.exp(x))
    assert "OverflowError" in v.error


def test_reports_render():
    v = check_differentiability("selu")
    assert "1.7581" in str(v) and "<table>" in v._repr_html_()
    table = property_table(["relu", ("elu", {"alpha": 2.0})], properties=("range", "continuity"))
    assert "elu (alpha = 2.0)" in table._repr_html_() and "relu" in str(table)
    assert set(classify("gelu").rows[0][1]) == set(TABLE_PROPERTIES)
    text = format_comparison([declared_vs_measured("relu")])
    assert "relu" in text and text.endswith("yes")
