"""Training: mini-batch gradient descent with a history of losses, accuracies and per-layer records.

One epoch shuffles the training data (from ``seed``) and, batch by batch, runs the forward pass,
the loss, backpropagation and one optimiser step. After every epoch the loss and accuracy are
measured on all of the training data (and on the validation data), so the curves are exact, not
running averages. The same seed gives the same history, bit for bit.

>>> from actlab.datasets import logic_gate
>>> from actlab.network import Network
>>> X, y = logic_gate("xor")
>>> net = Network.build([2, 8, 1], "tanh", output="sigmoid", seed=1)
>>> history = train(net, X, y, optimizer="adam", learning_rate=0.05, epochs=300, batch_size=4)
>>> history.train_accuracy[-1]
1.0
"""

import dataclasses
import numbers

import numpy as np

from actlab._threads import one_blas_thread
from actlab.network.optimisers import get_optimizer
from actlab.network.records import STATISTICS, layer_statistics

__all__ = ["History", "train"]


@dataclasses.dataclass
class History:
    """What :func:`train` measured, epoch by epoch (epoch 0 is before training).

    Attributes
    ----------
    epochs : list of int
    train_loss, train_accuracy, val_loss, val_accuracy : list of float
        Accuracy is NaN where the targets are not classes; the validation lists are NaN without
        validation data.
    records : list of LayerStatistics
        The per-layer records asked for with ``record``.
    parameters : list of list of ndarray
        With ``keep_parameters=True``: a copy of every learnable array (in the order of
        ``net.parameters()``) before training and after every step — the path gradient descent
        took. ``parameters[s]`` is the state after ``s`` steps.
    steps : int
        Optimiser steps taken.
    stopped : str or None
        Why training stopped early (the loss became inf or NaN), or None.
    """

    epochs: list = dataclasses.field(default_factory=list)
    train_loss: list = dataclasses.field(default_factory=list)
    train_accuracy: list = dataclasses.field(default_factory=list)
    val_loss: list = dataclasses.field(default_factory=list)
    val_accuracy: list = dataclasses.field(default_factory=list)
    records: list = dataclasses.field(default_factory=list)
    parameters: list = dataclasses.field(default_factory=list)
    steps: int = 0
    stopped: str | None = None

    def recorded(self, field):
        """One per-layer statistic over the records: an array of shape (records, layers).

        ``field`` is one of :data:`actlab.network.records.STATISTICS` (``"dead"``, ``"saturated"``,
        ``"grad_h"``, ...).
        """
        if field not in STATISTICS:
            raise ValueError(f"History.recorded: unknown statistic {field!r}; expected one of "
                             f"{', '.join(STATISTICS)}")
        if not self.records:
            raise ValueError("History.recorded: nothing was recorded; pass record='epoch' (or a "
                             "list of steps) to train")
        return np.array([getattr(r, field) for r in self.records])

    def __repr__(self):
        if not self.epochs:
            return "History(not trained)"
        last = (f"train loss {self.train_loss[-1]:.4g}, train accuracy {self.train_accuracy[-1]:.3f}"
                + ("" if np.isnan(self.val_loss[-1]) else
                   f", validation accuracy {self.val_accuracy[-1]:.3f}"))
        stopped = f"; stopped early: {self.stopped}" if self.stopped else ""
        return f"History({self.epochs[-1]} epochs, {self.steps} steps: {last}{stopped})"


def _positive_int(value, name):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ValueError(f"train: {name} must be a positive integer, got {value!r}")
    return int(value)


def _record_steps(record, steps_per_epoch, epochs):
    if record is None or record is False:
        return set()
    if record is True or record == "epoch":
        return {e * steps_per_epoch for e in range(epochs + 1)}
    if isinstance(record, str) or not all(isinstance(s, numbers.Integral) and s >= 0
                                          for s in np.atleast_1d(record)):
        raise ValueError(f"train: record must be 'epoch' or a list of step numbers >= 0 (0 is "
                         f"before training), got {record!r}")
    return {int(s) for s in np.atleast_1d(record)}


class _Progress:
    """An ipywidgets progress bar, for long runs in a notebook."""

    def __init__(self, epochs, enabled):
        self.bar = None
        if enabled:
            from IPython.display import display
            from ipywidgets import IntProgress
            self.bar = IntProgress(min=0, max=epochs, description=f"epoch 0/{epochs}")
            display(self.bar)

    def update(self, epoch):
        if self.bar is not None:
            self.bar.value = epoch
            self.bar.description = f"epoch {epoch}/{self.bar.max}"


def train(net, X, y, *, loss=None, optimizer="sgd", learning_rate=None, clip_norm=None,
          epochs=10, batch_size=32, seed=0, validation=None, record=None, keep_parameters=False,
          progress=False):
    """Train ``net`` in place on ``(X, y)`` by mini-batch gradient descent; return its :class:`History`.

    Parameters
    ----------
    net : Network
    X : array_like (n, d_in)
    y : array_like
        Class labels (n,) or targets (n, d_out), as the loss expects.
    loss : Loss or str, optional
        Default: the network's own (mean squared error, binary or softmax cross-entropy).
    optimizer : {"sgd", "momentum", "adam"} or an optimiser object
    learning_rate : float > 0, optional
        Default: the optimiser's (SGD 0.05, momentum 0.01, Adam 0.001).
    clip_norm : float > 0, optional
        Clip the gradients by their global norm before each step.
    epochs, batch_size : int
    seed : int or numpy.random.Generator
        Shuffles the batches.
    validation : (X_val, y_val), optional
    record : "epoch" or list of int, optional
        When to take :func:`~actlab.network.records.layer_statistics` on the training data: at
        the end of every epoch (and before training), or after the given numbers of steps.
    keep_parameters : bool
        Keep a copy of every parameter before training and after every step in
        :attr:`History.parameters` (for small networks: it draws the path of the weights).
    progress : bool
        Show a progress bar (for runs longer than a few seconds).

    Notes
    -----
    If the loss becomes inf or NaN (usually a learning rate too large), training stops, prints why
    and returns the history so far; no RuntimeWarning is raised. Matrix products run on one thread
    (:func:`actlab._threads.one_blas_thread`): at these sizes a second one only waits.
    """
    loss = net._loss(loss, "train")
    X = net.check_inputs(X, "train")
    T = loss.targets(y, net.sizes[-1], "train")
    if len(T) != len(X):
        raise ValueError(f"train: X has {len(X)} examples but y has {len(T)}; they must match")
    if validation is not None:
        if not (isinstance(validation, tuple) and len(validation) == 2):
            raise TypeError("train: validation must be a pair (X_val, y_val)")
        validation = (net.check_inputs(validation[0], "train (validation)"),
                      loss.targets(validation[1], net.sizes[-1], "train (validation)"))
        if len(validation[0]) != len(validation[1]):
            raise ValueError(f"train: the validation data has {len(validation[0])} examples but "
                             f"{len(validation[1])} targets")
    epochs = _positive_int(epochs, "epochs")
    batch_size = _positive_int(batch_size, "batch_size")
    optimizer = get_optimizer(optimizer, learning_rate, clip_norm=clip_norm, where="train")
    steps_per_epoch = -(-len(X) // batch_size)
    record_steps = _record_steps(record, steps_per_epoch, epochs)
    rng = np.random.default_rng(seed)
    params = net.parameters()
    history = History()
    bar = _Progress(epochs, progress)

    def measure(epoch):
        history.epochs.append(epoch)
        for data, losses, accuracies in (((X, T), history.train_loss, history.train_accuracy),
                                         (validation, history.val_loss, history.val_accuracy)):
            scores = None if data is None else net._forward(data[0]).scores
            losses.append(np.nan if data is None else loss.value(scores, data[1]))
            accuracies.append(np.nan if data is None else loss.accuracy(scores, data[1]))

    def take_record(epoch):
        if keep_parameters:
            history.parameters.append([p.copy() for p in params])
        if history.steps in record_steps:
            history.records.append(layer_statistics(net, X, T, loss, step=history.steps,
                                                    epoch=epoch))

    def stop(epoch, value):
        history.stopped = (f"the loss became {value} at epoch {epoch}, step {history.steps}: "
                           f"training diverged (is the learning rate {optimizer.learning_rate:g} "
                           f"too large? try a smaller one, or clip_norm)")
        print(f"train: stopped early: {history.stopped}. Returning the history so far.")

    # Divergence is detected below and reported once; small products run fastest on one thread.
    with np.errstate(all="ignore"), one_blas_thread():
        measure(0)
        take_record(0)
        for epoch in range(1, epochs + 1):
            order = rng.permutation(len(X))
            for start in range(0, len(X), batch_size):
                batch = order[start:start + batch_size]
                trace = net._forward(X[batch])
                value = loss.value(trace.scores, T[batch])
                if not np.isfinite(value):
                    stop(epoch, value)
                    return history
                grads = net._backward(trace, loss.grad(trace.scores, T[batch]))
                optimizer.step(params, [g for layer in grads for g in layer.parameters()])
                history.steps += 1
                take_record(epoch)
            measure(epoch)
            bar.update(epoch)
            if not np.isfinite(history.train_loss[-1]):
                stop(epoch, history.train_loss[-1])
                return history
    return history
