"""Losses, each with its gradient, paired with the output function that turns scores into predictions.

A network's last layer produces scores :math:`S` (shape ``(n, k)``); the output function turns them
into predictions and the loss compares those with targets :math:`T`. Each loss is computed *from the
scores* (the logits), never from rounded predictions, so it stays finite and its gradient is exact:

========================= ========== ====================================================== ==========================
loss                      output     :math:`L`                                              :math:`\\partial L/\\partial S`
========================= ========== ====================================================== ==========================
``mean_squared_error``    identity   :math:`\\frac{1}{nk}\\sum (S - T)^2`                     :math:`\\frac{2}{nk}(S - T)`
``binary_cross_entropy``  sigmoid    :math:`-\\frac{1}{nk}\\sum T\\log\\sigma(S) + (1-T)\\log\\sigma(-S)`  :math:`\\frac{1}{nk}(\\sigma(S) - T)`
``softmax_cross_entropy`` softmax    :math:`-\\frac{1}{n}\\sum_i \\sum_c T_{ic} \\log \\mathrm{softmax}(S_i)_c` :math:`\\frac{1}{n}(P - T)`
========================= ========== ====================================================== ==========================

The means match PyTorch's ``MSELoss``, ``BCEWithLogitsLoss`` and ``CrossEntropyLoss``. Targets may be
class labels (integers), which :meth:`Loss.targets` turns into the array :math:`T`.

>>> S = np.array([[2.0, 0.0, -1.0]])
>>> T = softmax_cross_entropy.targets([0], n_outputs=3)
>>> round(softmax_cross_entropy.value(S, T), 4)
0.1698
>>> softmax_cross_entropy.grad(S, T).round(4)              # p - y
array([[-0.1562,  0.1142,  0.042 ]])
"""

import difflib

import numpy as np
from scipy.special import log_expit

from actlab.activations import sigmoid
from actlab.probabilities import log_softmax, softmax

__all__ = ["Loss", "binary_cross_entropy", "get_loss", "loss_for_output", "mean_squared_error",
           "softmax_cross_entropy"]


class Loss:
    """A loss computed from scores: :meth:`value`, :meth:`grad`, :meth:`predict`, :meth:`accuracy`.

    Attributes
    ----------
    name : str
    output : str
        The output function it pairs with: ``"identity"``, ``"sigmoid"`` or ``"softmax"``.
    formula : str
        LaTeX, for plot titles.
    """

    def __init__(self, name, output, formula):
        self.name, self.output, self.formula = name, output, formula

    def __repr__(self):
        return f"<loss {self.name} (output: {self.output})>"

    # -- targets ----------------------------------------------------------------------------------

    def targets(self, y, n_outputs, where="loss"):
        """The target array :math:`T` of shape (n, ``n_outputs``) for labels or targets ``y``.

        Integer labels become one-hot rows for softmax (and for mean squared error with several
        outputs); a 1-D ``y`` with one output becomes a column. A clear error otherwise.
        """
        y = np.asarray(y)
        if y.dtype.kind not in "biuf":
            raise TypeError(f"{where}: y must hold numbers (labels or targets), got dtype {y.dtype}")
        if y.dtype.kind == "f" and not np.all(np.isfinite(y)):
            raise ValueError(f"{where}: y must be finite (no NaN or inf)")
        if y.ndim == 2 and y.shape[1] == n_outputs:
            T = y.astype(float)
        elif y.ndim == 1 and n_outputs == 1:
            T = y.astype(float).reshape(-1, 1)
        elif y.ndim == 1 and self.output != "sigmoid":
            T = self._one_hot(y, n_outputs, where)
        else:
            raise ValueError(f"{where}: y has shape {y.shape}, which does not fit a network with "
                             f"{n_outputs} output(s); expected labels of shape (n,) or targets of "
                             f"shape (n, {n_outputs})")
        self._check_target_values(T, where)
        return T

    @staticmethod
    def _one_hot(labels, n_classes, where):
        if labels.dtype.kind == "f" and not np.all(labels == np.round(labels)):
            raise ValueError(f"{where}: class labels must be whole numbers 0 to {n_classes - 1}, "
                             f"got {labels[labels != np.round(labels)][0]!r}")
        bad = (labels < 0) | (labels >= n_classes)
        if bad.any():
            raise ValueError(f"{where}: class labels must be 0 to {n_classes - 1} (the network has "
                             f"{n_classes} outputs), got {labels[bad][0].item()!r}")
        T = np.zeros((len(labels), n_classes))
        T[np.arange(len(labels)), labels.astype(np.intp)] = 1.0
        return T

    def _check_target_values(self, T, where):
        if self.output in ("sigmoid", "softmax") and ((T < 0) | (T > 1)).any():
            raise ValueError(f"{where}: {self.name} needs targets between 0 and 1 (labels 0/1 or "
                             f"probabilities), got {T[(T < 0) | (T > 1)][0]!r}")
        if self.output == "softmax" and not np.allclose(T.sum(axis=1), 1.0):
            raise ValueError(f"{where}: softmax_cross_entropy needs target rows that sum to 1 "
                             f"(one-hot or probabilities), or labels of shape (n,)")

    # -- predictions ------------------------------------------------------------------------------

    def predict(self, scores):
        """The predictions: the output function applied to the scores."""
        if self.output == "sigmoid":
            return sigmoid(scores)
        if self.output == "softmax":
            return softmax(scores, axis=-1)
        return scores

    def accuracy(self, scores, T):
        """Fraction of examples classified correctly, or NaN when the targets are not classes.

        One output: the class is 1 when the prediction is at least 0.5 (for sigmoid: score ≥ 0);
        several outputs: the class is the argmax.
        """
        if not np.all((T == 0) | (T == 1)):
            return np.nan
        if T.shape[1] == 1:
            threshold = 0.0 if self.output == "sigmoid" else 0.5
            return float(np.mean((scores[:, 0] >= threshold) == (T[:, 0] == 1)))
        if self.output == "sigmoid":
            return float(np.mean((scores >= 0) == (T == 1)))
        return float(np.mean(scores.argmax(axis=1) == T.argmax(axis=1)))


class _MeanSquaredError(Loss):
    def value(self, scores, T):
        """:math:`\\frac{1}{nk}\\sum (S - T)^2`."""
        return float(np.mean((scores - T) ** 2))

    def grad(self, scores, T):
        """:math:`\\frac{2}{nk}(S - T)`."""
        return (scores - T) * (2.0 / scores.size)


class _BinaryCrossEntropy(Loss):
    def value(self, scores, T):
        """:math:`-\\frac{1}{nk}\\sum T\\log\\sigma(S) + (1-T)\\log\\sigma(-S)`, by log-sigmoid."""
        return float(-np.mean(T * log_expit(scores) + (1 - T) * log_expit(-scores)))

    def grad(self, scores, T):
        """:math:`\\frac{1}{nk}(\\sigma(S) - T)`, as :math:`(1-T)\\sigma(S) - T\\sigma(-S)`.

        The second form keeps full relative precision where :math:`\\sigma(S) \\approx T`: for
        :math:`S = 30, T = 1` it gives :math:`-\\sigma(-30)` instead of the cancelled
        :math:`\\sigma(30) - 1`.
        """
        return ((1 - T) * sigmoid(scores) - T * sigmoid(-scores)) / scores.size


class _SoftmaxCrossEntropy(Loss):
    def value(self, scores, T):
        """:math:`-\\frac{1}{n}\\sum_i\\sum_c T_{ic}\\log\\mathrm{softmax}(S_i)_c`, by log-softmax."""
        log_p = log_softmax(scores, axis=-1)
        return float(-np.sum(T * log_p) / len(scores))

    def grad(self, scores, T):
        """:math:`\\frac{1}{n}(\\mathrm{softmax}(S) - T)`: the famous p − y."""
        return (softmax(scores, axis=-1) - T) / len(scores)


mean_squared_error = _MeanSquaredError(
    "mean_squared_error", "identity", r"L = \frac{1}{nk}\sum (s - t)^2")
binary_cross_entropy = _BinaryCrossEntropy(
    "binary_cross_entropy", "sigmoid",
    r"L = -\frac{1}{nk}\sum t \log\sigma(s) + (1-t)\log\sigma(-s)")
softmax_cross_entropy = _SoftmaxCrossEntropy(
    "softmax_cross_entropy", "softmax", r"L = -\frac{1}{n}\sum_i \log \mathrm{softmax}(s_i)_{y_i}")

_LOSSES = {loss.name: loss for loss in (mean_squared_error, binary_cross_entropy,
                                        softmax_cross_entropy)}
_ALIASES = {"mse": "mean_squared_error", "bce": "binary_cross_entropy",
            "cross_entropy": "softmax_cross_entropy"}
_FOR_OUTPUT = {loss.output: loss for loss in _LOSSES.values()}


def get_loss(spec, where="get_loss"):
    """The :class:`Loss` called ``spec`` (also ``"mse"``, ``"bce"``, ``"cross_entropy"``)."""
    if isinstance(spec, Loss):
        return spec
    if not isinstance(spec, str):
        raise TypeError(f"{where}: loss must be a name such as 'softmax_cross_entropy', got {spec!r}")
    key = _ALIASES.get(spec.lower(), spec.lower())
    if key not in _LOSSES:
        close = difflib.get_close_matches(key, list(_LOSSES) + list(_ALIASES), n=1)
        maybe = f" Did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"{where}: unknown loss {spec!r}.{maybe} Known: {', '.join(_LOSSES)}.")
    return _LOSSES[key]


def loss_for_output(output, where="Network"):
    """The loss that pairs with the output function ``output``."""
    if output not in _FOR_OUTPUT:
        close = difflib.get_close_matches(str(output), list(_FOR_OUTPUT), n=1)
        maybe = f" Did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"{where}: output must be 'identity', 'sigmoid' or 'softmax', got "
                         f"{output!r}.{maybe}")
    return _FOR_OUTPUT[output]
