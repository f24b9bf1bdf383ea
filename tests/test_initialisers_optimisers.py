"""actlab.network initialisers (empirical variance against each formula) and optimisers (against
their update rules written out by hand)."""

import math

import numpy as np
import pytest
from scipy import stats

from actlab.network import (SGD, Adam, Momentum, Network, clip_by_global_norm, get_initialiser,
                            get_optimizer, initialiser_names)

N_IN, N_OUT = 300, 200

VARIANCE = [  # (initialiser, its variance, its distribution)
    ("xavier_normal", 2 / (N_IN + N_OUT), stats.norm),
    ("xavier_uniform", 2 / (N_IN + N_OUT), stats.uniform),
    ("glorot_normal", 2 / (N_IN + N_OUT), stats.norm),
    ("he_normal", 2 / N_IN, stats.norm),
    ("he_uniform", 2 / N_IN, stats.uniform),
    ("kaiming_uniform", 2 / N_IN, stats.uniform),
    ("lecun_normal", 1 / N_IN, stats.norm),
    ("pytorch_default", 1 / (3 * N_IN), stats.uniform),
    (("normal", {"std": 0.3}), 0.09, stats.norm),
    ("normal", 1.0, stats.norm),
]


@pytest.mark.parametrize("spec, variance, family", VARIANCE, ids=[str(row[0]) for row in VARIANCE])
def test_each_initialiser_has_the_variance_of_its_formula(spec, variance, family):
    W = get_initialiser(spec).weights(N_IN, N_OUT, np.random.default_rng(0))
    assert W.shape == (N_IN, N_OUT)
    # 60,000 draws: the sample variance is within 2 % of the true one (about 4 standard errors)
    assert W.var() == pytest.approx(variance, rel=0.02)
    assert abs(W.mean()) < 4 * math.sqrt(variance / W.size)
    # and the shape of the distribution: uniform on [-a, a] has variance a^2 / 3
    scale = math.sqrt(variance * (12 if family is stats.uniform else 1))
    loc = -scale / 2 if family is stats.uniform else 0.0
    assert stats.kstest(W.ravel()[:5000], family(loc=loc, scale=scale).cdf).pvalue > 1e-3


def test_biases_start_at_zero_except_with_pytorchs_default():
    rng = np.random.default_rng(0)
    for name in initialiser_names():
        b = get_initialiser(name).bias(N_IN, 5000, rng)
        if name == "pytorch_default":
            assert b.var() == pytest.approx(1 / (3 * N_IN), rel=0.05)
            assert np.abs(b).max() <= 1 / math.sqrt(N_IN)
        else:
            assert np.all(b == 0), name


def test_zeros_leave_every_unit_identical():
    assert not get_initialiser("zeros").weights(3, 4, np.random.default_rng(0)).any()


def test_the_same_seed_gives_the_same_weights_and_another_seed_does_not():
    first, again, other = (Network.build([4, 8, 3], "tanh", seed=s) for s in (5, 5, 6))
    for a, b, c in zip(first.parameters(), again.parameters(), other.parameters()):
        assert np.array_equal(a, b)
    assert not np.array_equal(first.layers[0].weights, other.layers[0].weights)


def test_build_picks_the_initialiser_derived_for_the_activation():
    def variance(activation):
        net = Network.build([400, 400, 2], activation, seed=0)
        return net.layers[0].weights.var() * 400

    assert variance("relu") == pytest.approx(2.0, rel=0.03)        # He
    assert variance("selu") == pytest.approx(1.0, rel=0.03)        # LeCun
    assert variance("tanh") == pytest.approx(1.0, rel=0.03)        # Xavier: 2 / (400 + 400)


# -- optimisers -------------------------------------------------------------------------------------

def _run(optimizer, grads):
    theta = np.array([1.0, -2.0])
    path = []
    for g in grads:
        optimizer.step([theta], [np.array(g, dtype=float)])
        path.append(theta.copy())
    return np.array(path)


GRADS = [[0.5, -1.0], [0.2, 0.4], [-0.3, 0.1]]


def test_sgd_steps_against_the_gradient():
    np.testing.assert_allclose(_run(SGD(0.1), GRADS)[-1],
                               np.array([1.0, -2.0]) - 0.1 * np.sum(GRADS, axis=0))


def test_momentum_accumulates_velocity():
    path = _run(Momentum(0.1, momentum=0.9), GRADS)
    v1 = np.array(GRADS[0])
    v2 = 0.9 * v1 + GRADS[1]
    v3 = 0.9 * v2 + GRADS[2]
    np.testing.assert_allclose(path[-1], [1.0, -2.0] - 0.1 * (v1 + v2 + v3), rtol=1e-14)


def test_adams_first_step_has_the_size_of_the_learning_rate_in_every_coordinate():
    """With bias correction, m̂ = g and v̂ = g² after one step: the step is η g / (|g| + ε)."""
    path = _run(Adam(0.01), [[1e-6, -300.0]])
    np.testing.assert_allclose(path[0], [1.0 - 0.01 * 1e-6 / (1e-6 + 1e-8), -2.0 + 0.01],
                               rtol=1e-12)


def test_adam_against_its_recurrence_written_out():
    b1, b2, eta, eps = 0.9, 0.999, 0.01, 1e-8
    theta, m, v = np.array([1.0, -2.0]), 0.0, 0.0
    for t, g in enumerate(np.array(GRADS), start=1):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g**2
        theta = theta - eta * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)
    np.testing.assert_allclose(_run(Adam(eta), GRADS)[-1], theta, rtol=1e-14)


def test_clipping_by_global_norm_keeps_the_direction():
    grads = [np.array([3.0, 0.0]), np.array([[0.0], [4.0]])]
    assert clip_by_global_norm(grads, 2.5) == 5.0
    np.testing.assert_allclose(grads[0], [1.5, 0.0])
    np.testing.assert_allclose(grads[1], [[0.0], [2.0]])
    small = [np.array([0.3, 0.4])]
    assert clip_by_global_norm(small, 1.0) == pytest.approx(0.5)
    np.testing.assert_array_equal(small[0], [0.3, 0.4])


def test_an_optimizer_with_clip_norm_clips_before_stepping():
    theta = np.zeros(2)
    SGD(1.0, clip_norm=1.0).step([theta], [np.array([30.0, 40.0])])
    np.testing.assert_allclose(theta, [-0.6, -0.8])


@pytest.mark.parametrize("call, error, message", [
    (lambda: get_initialiser("he_norml"), ValueError, "Did you mean 'he_normal'"),
    (lambda: get_initialiser(("normal", {"std": -1.0})), ValueError, "std must be positive"),
    (lambda: get_initialiser(("normal", {"sigma": 1.0})), TypeError, "takes only std"),
    (lambda: get_initialiser(3), TypeError, "init must be a name"),
    (lambda: get_optimizer("adma"), ValueError, "Did you mean 'adam'"),
    (lambda: get_optimizer("sgd", 0.0), ValueError, "learning_rate must be positive"),
    (lambda: get_optimizer("sgd", -0.1), ValueError, "learning_rate must be positive"),
    (lambda: get_optimizer(SGD(0.1), 0.2), ValueError, "set on the optimizer object"),
    (lambda: Adam(beta1=1.0), ValueError, r"beta1 must be in \[0, 1\)"),
])
def test_bad_settings_get_a_clear_message(call, error, message):
    with pytest.raises(error, match=message):
        call()
