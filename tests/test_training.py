"""actlab.network training: the claims the lessons make, reproducibility, divergence, records, and
clear errors."""

import numpy as np
import pytest

from actlab.datasets import digits, logic_gate
from actlab.network import Dense, Network, layer_statistics, train


@pytest.fixture(scope="module")
def data():
    return digits()


# -- the claims of lessons 06, 07, 10 and 11 --------------------------------------------------------

@pytest.mark.parametrize("hidden, activation, low, high", [
    ([64], "tanh", 0.94, 1.0),
    ([64], "relu", 0.94, 1.0),
    ([32] * 8, "sigmoid", 0.0, 0.20),   # vanishing gradients: stuck near chance (10 %)
    ([32] * 8, "tanh", 0.90, 1.0),
    ([32] * 8, "relu", 0.90, 1.0),
])
def test_digits_with_plain_sgd(data, hidden, activation, low, high):
    """SGD, learning rate 0.05, batches of 32, 30 epochs, the initialiser derived for the activation."""
    net = Network.build([64, *hidden, 10], activation, output="softmax", seed=0)
    history = train(net, data.X_train, data.y_train, learning_rate=0.05, batch_size=32, epochs=30,
                    seed=0, validation=(data.X_val, data.y_val))
    assert low <= history.val_accuracy[-1] <= high, history


def _std_of_h(init, depth=30, width=256, seed=0):
    """Std of every hidden layer's output on 1,000 standard normal inputs, at initialisation."""
    net = Network.build([width] * (depth + 2), "relu", init=init, seed=seed)
    X = np.random.default_rng(seed).normal(size=(1000, width))
    return layer_statistics(net, X).h_std[:depth]


def test_relu_signals_vanish_with_xavier_and_keep_their_size_with_he():
    xavier, he = _std_of_h("xavier_normal"), _std_of_h("he_normal")
    assert 1e-5 < xavier[-1] < 1e-4               # ReLU halves the variance at every layer
    assert 0.5 < he[-1] < 2.0
    assert np.all(np.diff(np.log(xavier)) < 0)    # and it shrinks at every single layer


def test_selu_keeps_mean_zero_and_variance_one_through_32_layers():
    net = Network.build([256] * 34, "selu", init="lecun_normal", seed=0)
    stats = layer_statistics(net, np.random.default_rng(0).normal(size=(2000, 256)))
    assert np.abs(stats.h_mean[:32]).max() <= 0.05
    assert 0.9 <= stats.h_std[:32].min() and stats.h_std[:32].max() <= 1.1


# -- reproducibility, divergence, progress -----------------------------------------------------------

def _short_run(seed, **options):
    X, y = logic_gate("xor")
    net = Network.build([2, 6, 1], "tanh", output="sigmoid", seed=seed)
    return net, train(net, np.tile(X, (5, 1)), np.tile(y, 5), epochs=20, batch_size=4, seed=seed,
                      record="epoch", **options)


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_the_same_seed_gives_bit_identical_results(optimizer):
    (net_a, a), (net_b, b) = _short_run(3, optimizer=optimizer), _short_run(3, optimizer=optimizer)
    assert a.train_loss == b.train_loss and a.train_accuracy == b.train_accuracy
    assert all(np.array_equal(p, q) for p, q in zip(net_a.parameters(), net_b.parameters()))
    assert np.array_equal(a.recorded("grad_h"), b.recorded("grad_h"))
    _, c = _short_run(4, optimizer=optimizer)
    assert a.train_loss != c.train_loss


def test_training_lowers_the_loss_and_history_lists_every_epoch():
    _, history = _short_run(0, optimizer="adam", learning_rate=0.05)
    assert history.epochs == list(range(21)) and history.steps == 20 * 5
    assert history.train_loss[-1] < 0.5 * history.train_loss[0]
    assert np.isnan(history.val_loss).all()           # no validation data given
    assert history.stopped is None


def test_a_diverging_run_stops_with_a_message_and_no_warnings(capsys):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(64, 4)) * 10
    y = X @ rng.normal(size=(4, 1)) * 100
    net = Network.build([4, 16, 1], "relu", seed=0)
    history = train(net, X, y, learning_rate=10.0, epochs=50, batch_size=8)  # warnings are errors
    assert history.stopped is not None and "learning rate 10" in history.stopped
    assert "stopped early" in capsys.readouterr().out
    assert len(history.epochs) < 51 and np.isfinite(history.train_loss[0])


def test_records_at_chosen_steps():
    X, y = logic_gate("xor")
    net = Network.build([2, 4, 4, 1], "relu", output="sigmoid", seed=0)
    history = train(net, X, y, epochs=10, batch_size=2, record=[0, 3, 20])
    assert [r.step for r in history.records] == [0, 3, 20]
    assert history.recorded("dead").shape == (3, 3)
    assert history.records[1].epoch == 2


def test_progress_bar_is_a_widget_that_reaches_the_end(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", shown.append)
    X, y = logic_gate("and")
    train(Network.build([2, 1], "relu", output="sigmoid"), X, y, epochs=7, progress=True)
    assert len(shown) == 1 and shown[0].value == shown[0].max == 7


# -- dead units and saturation, by their definitions ------------------------------------------------

def test_a_dead_unit_has_weights_and_a_unit_with_zero_weights_can_be_alive():
    """Source mistake 5: dead means "no gradient for any example", not "zero weights"."""
    X = np.random.default_rng(0).uniform(0, 1, size=(200, 2))     # inputs are non-negative
    hidden = Dense([[-1.0, 0.0, 1.0], [-2.0, 0.0, 1.0]], [-0.1, 0.5, 0.0], "relu")
    net = Network([hidden, Dense([[1.0], [1.0], [1.0]], [0.0])])
    stats = layer_statistics(net, X, np.zeros(200))
    # unit 0: non-zero weights, always negative: dead. unit 1: zero weights, bias 0.5: alive.
    np.testing.assert_array_equal(stats.dead_units[0], [True, False, False])
    assert stats.dead[0] == pytest.approx(1 / 3)


def test_saturation_is_measured_against_the_largest_slope():
    net = Network([Dense([[1.0, 1.0, 1.0, 1.0]], [0.0, 3.0, 5.9, 6.1], "sigmoid"),
                   Dense(np.ones((4, 1)), [0.0])])
    stats = layer_statistics(net, np.zeros((10, 1)))
    # sigma'(z) = 0.25, 0.045, 0.0027, 0.0022: only z = 6.1 is below 1 % of 0.25
    assert stats.saturated[0] == 0.25
    assert np.isnan(stats.grad_weights).all()      # no targets, no gradients


# -- clear errors ------------------------------------------------------------------------------------

def _net():
    return Network.build([3, 4, 2], "relu", output="softmax")


X3, Y3 = np.zeros((5, 3)), np.array([0, 1, 0, 1, 1])


@pytest.mark.parametrize("call, error, message", [
    (lambda: train(_net(), np.zeros((5, 4)), Y3), ValueError, r"X must have shape \(n, 3\)"),
    (lambda: train(_net(), X3, Y3[:4]), ValueError, "X has 5 examples but y has 4"),
    (lambda: train(_net(), X3, [0, 1, 2, 0, 1]), ValueError, "labels must be 0 to 1.*got 2"),
    (lambda: train(_net(), X3, [0, 1, -1, 0, 1]), ValueError, "labels must be 0 to 1.*got -1"),
    (lambda: train(_net(), np.full((5, 3), np.nan), Y3), ValueError, "X must be finite"),
    (lambda: train(_net(), X3, Y3, learning_rate=0), ValueError, "learning_rate must be positive"),
    (lambda: train(_net(), X3, Y3, batch_size=0), ValueError, "batch_size must be a positive"),
    (lambda: train(_net(), X3, Y3, epochs=2.5), ValueError, "epochs must be a positive integer"),
    (lambda: train(_net(), X3, Y3, optimizer="adma"), ValueError, "Did you mean 'adam'"),
    (lambda: train(_net(), X3, Y3, loss="mse"), ValueError, "pairs with output='identity'"),
    (lambda: train(_net(), X3, Y3, record="often"), ValueError, "record must be 'epoch'"),
    (lambda: train(_net(), X3, Y3, validation=X3), TypeError, r"validation must be a pair"),
    (lambda: Network.build([3, 4, 2], "rleu"), ValueError, "Did you mean 'relu'"),
    (lambda: Network.build([3, 4, 2], "relu", init="xavier"), ValueError,
     "Did you mean 'xavier_normal'"),
    (lambda: Network.build([3, 4, 2], "relu", output="softmx"), ValueError,
     "Did you mean 'softmax'"),
    (lambda: Network.build([3], "relu"), ValueError, "sizes must be a list of at least two"),
    (lambda: Network.build([3, 4], np.tanh), TypeError, "It has no .grad"),
    (lambda: Network.build([3, 4], ("leaky_relu", {"slope": 0.1})), TypeError,
     "does not take the parameters"),
    (lambda: Network.build([3, 4], (lambda z: 1.0, lambda z: 0.0)), ValueError,
     "must return an array of numbers with the shape of its input"),
    (lambda: Network.build([3, 4], (lambda z: z if z > 0 else 0 * z, lambda z: 1.0 + 0 * z)),
     ValueError, r"f failed on an array of shape \(2, 3\) with ValueError: The truth value"),
    (lambda: _net().forward(np.zeros((2, 5))), ValueError, r"X must have shape \(n, 3\)"),
])
def test_bad_input_gets_a_clear_message(call, error, message):
    with pytest.raises(error, match=message):
        call()
