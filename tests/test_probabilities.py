"""softmax, log_softmax, logsumexp and the softmax Jacobian against scipy, mpmath and calculus."""

import mpmath as mp
import numpy as np
import pytest
import scipy.special as sc
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import actlab
from actlab import log_softmax, logsumexp, softmax, softmax_jacobian

logit_rows = hnp.arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 8)),
                        elements=st.floats(-1e4, 1e4, allow_nan=False))


def test_the_real_formula_not_the_articles():
    # The source article divides by the sum; softmax exponentiates first.
    np.testing.assert_allclose(softmax([1, 2, 3]), [0.0900, 0.2447, 0.6652], atol=5e-5)
    assert not np.allclose(softmax([1, 2, 3]), [1 / 6, 2 / 6, 3 / 6], atol=0.01)


def test_matches_mpmath_with_many_digits():
    x = [3.0, -1.5, 0.25, 40.0, -700.0]
    with mp.workdps(60):
        exps = [mp.exp(mp.mpf(v)) for v in x]
        total = mp.fsum(exps)
        want = [float(e / total) for e in exps]
        want_log = [float(mp.log(e / total)) for e in exps]
        want_lse = float(mp.log(total))
    np.testing.assert_allclose(softmax(x), want, rtol=1e-14)
    np.testing.assert_allclose(log_softmax(x), want_log, rtol=1e-14, atol=1e-15)
    assert logsumexp([0.0, -8.0]) == pytest.approx(float(mp.log1p(mp.exp(-8))), rel=1e-15)
    assert logsumexp(x) == pytest.approx(want_lse, rel=1e-15)


@settings(max_examples=200, deadline=None)
@given(x=logit_rows, axis=st.sampled_from([0, 1, -1]))
def test_agrees_with_scipy_and_sums_to_one(x, axis):
    p = softmax(x, axis=axis)
    np.testing.assert_allclose(p, sc.softmax(x, axis=axis), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(p.sum(axis=axis), 1.0, rtol=1e-13)
    assert np.all(p >= 0) and np.all(p <= 1)
    np.testing.assert_allclose(log_softmax(x, axis=axis), sc.log_softmax(x, axis=axis),
                               rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(logsumexp(x, axis=axis), sc.logsumexp(x, axis=axis), rtol=1e-13)


@settings(max_examples=200, deadline=None)
@given(x=logit_rows, shift=st.floats(-1e4, 1e4))
def test_shift_invariance(x, shift):
    np.testing.assert_allclose(softmax(x + shift), softmax(x), rtol=1e-9, atol=1e-300)


def test_stable_for_huge_logits_and_minus_infinity():
    np.testing.assert_array_equal(softmax([1000.0, 1.0]), [1.0, np.exp(-999.0)])
    np.testing.assert_allclose(softmax([-np.inf, 0.0, 0.0]), [0.0, 0.5, 0.5])
    np.testing.assert_allclose(log_softmax([-np.inf, 0.0]), [-np.inf, 0.0])
    np.testing.assert_allclose(softmax([np.inf, 1.0, np.inf]), [0.5, 0.0, 0.5])
    assert logsumexp([-np.inf, -np.inf]) == -np.inf
    assert logsumexp([np.inf, 0.0]) == np.inf
    assert np.isnan(softmax([-np.inf, -np.inf])).all()  # no distribution exists
    assert np.isnan(log_softmax([-np.inf, -np.inf])).all()
    assert np.isnan(softmax([np.nan, 1.0])).all()
    big = np.finfo(np.float64).max
    np.testing.assert_allclose(softmax([-big, big]), [0.0, 1.0])
    assert log_softmax([0.0, -1e300])[1] == -1e300


def test_temperature_limits():
    x = np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose(softmax(x, temperature=1e6), np.full(3, 1 / 3), rtol=1e-5)
    np.testing.assert_allclose(softmax(x, temperature=1e-3), [0.0, 0.0, 1.0], atol=1e-300)
    np.testing.assert_allclose(softmax(x, temperature=2.0), sc.softmax(x / 2))
    np.testing.assert_allclose(softmax([1e300, 0.0], temperature=1e-10), [1.0, 0.0])
    entropies = [-(p * np.log(p)).sum() for p in (softmax(x, temperature=t) for t in (0.5, 1, 2, 4))]
    assert np.all(np.diff(entropies) > 0)


def test_two_class_softmax_is_the_sigmoid_of_the_difference():
    z = np.linspace(-30, 30, 61)
    pairs = np.stack([z, np.zeros_like(z)], axis=-1)
    np.testing.assert_allclose(softmax(pairs)[:, 0], actlab.sigmoid(z), rtol=1e-14)


def test_dtypes_shapes_and_inputs():
    for dtype in (np.float16, np.float32, np.float64):
        x = np.array([[1.0, 2.0, 60000.0], [-60000.0, 0.0, 1.0]], dtype=dtype)
        for fn in (softmax, log_softmax):
            assert fn(x).dtype == dtype and fn(x).shape == (2, 3)
        assert softmax_jacobian(x).dtype == dtype
        assert logsumexp(x).dtype == dtype
    assert softmax([1, 2]).dtype == np.float64
    assert softmax(np.zeros((2, 3, 4)), axis=1).shape == (2, 3, 4)
    assert logsumexp(np.zeros((2, 3)), axis=0).shape == (3,)
    assert logsumexp(np.zeros((2, 3)), keepdims=True).shape == (2, 1)
    assert isinstance(logsumexp([0.0, 0.0]), np.float64)
    x = np.array([1.0, 2.0])
    softmax(x), log_softmax(x), softmax_jacobian(x)
    np.testing.assert_array_equal(x, [1.0, 2.0])  # input untouched


def _numeric_jacobian(f, x, h=1e-6):
    cols = []
    for j in range(x.size):
        e = np.zeros_like(x)
        e[j] = h
        cols.append((f(x + e) - f(x - e)) / (2 * h))
    return np.stack(cols, axis=-1)


@pytest.mark.parametrize("temperature", [1.0, 0.5, 3.0])
def test_jacobian_is_the_full_matrix_not_the_diagonal(temperature):
    x = np.array([0.3, -1.2, 2.0, 0.0])
    jac = softmax_jacobian(x, temperature=temperature)
    numeric = _numeric_jacobian(lambda v: softmax(v, temperature=temperature), x)
    np.testing.assert_allclose(jac, numeric, rtol=1e-6, atol=1e-9)
    p = softmax(x, temperature=temperature)
    np.testing.assert_allclose(jac, (np.diag(p) - np.outer(p, p)) / temperature, rtol=1e-14)
    np.testing.assert_allclose(jac.sum(axis=0), 0, atol=1e-16)
    np.testing.assert_allclose(jac.sum(axis=1), 0, atol=1e-16)
    assert np.all(jac - np.diag(np.diag(jac)) <= 0)


def test_jacobian_of_a_batch():
    x = np.random.default_rng(0).normal(size=(5, 3))
    batch = softmax_jacobian(x)
    assert batch.shape == (5, 3, 3)
    for row, jac in zip(x, batch):
        np.testing.assert_allclose(jac, softmax_jacobian(row), rtol=1e-15)


def test_cross_entropy_gradient_is_p_minus_y():
    z = np.array([1.5, -0.3, 0.8, 2.2])
    y = np.array([0.0, 0.0, 1.0, 0.0])
    loss = lambda v: -(y * log_softmax(v)).sum()  # noqa: E731
    numeric = _numeric_jacobian(lambda v: np.atleast_1d(loss(v)), z)[0]
    np.testing.assert_allclose(softmax(z) - y, numeric, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(softmax_jacobian(z).T @ (-y / softmax(z)), softmax(z) - y, rtol=1e-12)


@pytest.mark.parametrize(("call", "error", "words"), [
    (lambda: softmax(3.0), ValueError, "softmax: x is a single number"),
    (lambda: softmax([1.0, 2.0], axis=1), ValueError, "axis=1 is out of range"),
    (lambda: softmax([1.0, 2.0], axis=0.5), TypeError, "axis must be an integer"),
    (lambda: softmax([1.0, 2.0], temperature=0), ValueError, "temperature must be positive"),
    (lambda: softmax([1.0, 2.0], temperature=-1), ValueError, "temperature must be positive"),
    (lambda: softmax([1.0, 2.0], temperature=float("inf")), ValueError, "finite"),
    (lambda: softmax([1.0, 2.0], temperature="hot"), TypeError, "temperature must be a real"),
    (lambda: softmax("1, 2"), TypeError, "softmax: x is the string"),
    (lambda: log_softmax([1j, 2]), TypeError, "log_softmax: x holds complex"),
    (lambda: logsumexp([[1.0], [2.0, 3.0]]), ValueError, "logsumexp: x could not be read"),
    (lambda: logsumexp([1.0], keepdims="yes"), TypeError, "keepdims must be True or False"),
    (lambda: softmax_jacobian([1.0], temperature=0.0), ValueError, "softmax_jacobian"),
])
def test_bad_input_is_refused_clearly(call, error, words):
    with pytest.raises(error) as info:
        call()
    assert words in str(info.value)
