"""Lesson 08's plots: distributions side by side as bars, the entropy of softmax against its
temperature, the softmax Jacobian as a matrix, and how hard two losses push a wrong answer."""

import matplotlib.pyplot as plt
import numpy as np

from actlab.activations import sigmoid
from actlab.plotting.style import PALETTE
from actlab.probabilities import log_softmax, softmax

__all__ = ["entropy", "plot_distributions", "plot_entropy_against_temperature", "plot_jacobian",
           "plot_wrong_answer_gradients"]


def _axes(ax):
    if ax is None:
        _, ax = plt.subplots()
    return ax


def entropy(logits, temperature=1.0):
    r"""The entropy (in nats) of ``softmax(logits / T)``, computed from log-softmax.

    .. math:: H(p) = -\sum_j p_j \log p_j, \qquad 0 \le H \le \log n

    Parameters
    ----------
    logits : array-like (..., n)
    temperature : float > 0 or array-like of them
        An array of temperatures gives one entropy each (for a single vector of logits ``(n,)``).

    Returns
    -------
    float or ndarray

    Examples
    --------
    >>> round(float(entropy([0.0, 0.0, 0.0])), 6) == round(float(np.log(3)), 6)
    True
    """
    temperature = np.asarray(temperature, dtype=float)
    if temperature.ndim:                      # one row of scaled logits per temperature, at once
        if np.any(temperature <= 0) or not np.all(np.isfinite(temperature)):
            raise ValueError("entropy: every temperature must be a finite number > 0")
        scaled = np.asarray(logits, dtype=float)[None, :] / temperature.reshape(-1, 1)
        return entropy(scaled).reshape(temperature.shape)
    log_p = log_softmax(logits, temperature=float(temperature))
    p = np.exp(log_p)
    # p log p -> 0 where p = 0 (log p = -inf): the limit, not nan
    return -np.sum(np.where(p > 0, p * log_p, 0.0), axis=-1)


def plot_distributions(distributions, ax=None, *, labels=None, ylabel="probability"):
    """Several distributions over the same classes as grouped bars, their values written on top.

    Parameters
    ----------
    distributions : dict of str to array-like (n,)
        Legend label -> one value per class.
    ax : matplotlib Axes, optional
    labels : sequence of str, optional
        The classes' names under the bars (default: the class numbers).
    ylabel : str

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    rows = {name: np.asarray(values, dtype=float) for name, values in distributions.items()}
    n = len(next(iter(rows.values())))
    width = 0.8 / len(rows)
    positions = np.arange(n)
    for k, (name, values) in enumerate(rows.items()):
        where = positions - 0.4 + width * (k + 0.5)
        bars = ax.bar(where, values, width * 0.92, color=PALETTE[k % len(PALETTE)], label=name)
        ax.bar_label(bars, labels=[f"{v:.3f}" for v in values], fontsize=8, padding=2)
    ax.set_xticks(positions, labels if labels is not None else [str(j) for j in positions])
    ax.axhline(0, color="0.5", lw=0.8)
    ax.set_ylabel(ylabel)
    ax.legend(loc="upper left")
    return ax


def plot_entropy_against_temperature(logits, ax=None, *, temperatures=None, mark=None):
    """The entropy of ``softmax(logits / T)`` against T (a log scale: x is log10 T, the ticks read
    T), between 0 and log n.

    Parameters
    ----------
    logits : array-like (n,)
    ax : matplotlib Axes, optional
    temperatures : array-like, optional
        Default 121 points from 0.01 to 1000.
    mark : float, optional
        A temperature to mark with a dot.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    logits = np.asarray(logits, dtype=float)
    temperatures = (np.logspace(-2, 3, 121) if temperatures is None
                    else np.asarray(temperatures, dtype=float))
    # log10(T) on a linear axis, ticks labelled with T: a log-scale axis costs several times more
    # to draw (its locators and mathtext labels), too much for a widget's 50 ms
    ax.plot(np.log10(temperatures), entropy(logits, temperatures), color=PALETTE[0],
            label="entropy H(softmax(z / T))")
    decades = np.arange(np.ceil(np.log10(temperatures.min())), np.log10(temperatures.max()) + 1e-9)
    ax.set_xticks(decades, [f"{10.0 ** d:g}" for d in decades])
    top = np.log(len(logits))
    ax.axhline(top, color="0.4", ls="--", lw=1, label=f"log {len(logits)} = {top:.4f} (uniform)")
    ax.axhline(0, color="0.5", lw=0.8)
    if mark is not None:
        ax.plot([np.log10(mark)], [entropy(logits, mark)], "o", color=PALETTE[3], ms=8,
                label=f"T = {mark:.3g}: H = {float(entropy(logits, mark)):.3f}")
    ax.set_xlabel("temperature T (log scale)")
    ax.set_ylabel("entropy (nats)")
    ax.set_ylim(-0.05, top * 1.15)
    ax.legend(loc="center right")
    return ax


def plot_jacobian(jacobian, ax=None, *, title=None):
    """A matrix (the softmax Jacobian) as a diverging colour map with its entries written in.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    jac = np.asarray(jacobian, dtype=float)
    limit = max(np.abs(jac).max(), 1e-12)
    ax.imshow(jac, cmap="PuOr_r", vmin=-limit, vmax=limit)
    for (i, j), value in np.ndenumerate(jac):
        ax.text(j, i, f"{value:+.3f}", ha="center", va="center", fontsize=9,
                color="white" if abs(value) > 0.6 * limit else "black")
    n = jac.shape[0]
    ax.set_xticks(range(n), [f"z{j}" for j in range(n)])
    ax.set_yticks(range(n), [f"p{i}" for i in range(n)])
    ax.set_xlabel("the score moved, z_j")
    ax.set_ylabel("the probability that responds, p_i")
    ax.grid(False)
    if title:
        ax.set_title(title)
    return ax


def plot_wrong_answer_gradients(ax=None, *, z=None):
    """How hard each loss pushes the score of the right class, for an example it gets wrong.

    Softmax cross-entropy over two classes with scores ``(z, 0)`` and the label 0: its gradient
    with respect to ``z`` is ``p₀ − 1 = σ(z) − 1``. Against it, lesson 04's sigmoid output with
    squared error, ``2 (σ(z) − 1) σ(z)(1 − σ(z))``, which vanishes as the answer gets more wrong.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    z = np.linspace(-10, 10, 401) if z is None else np.asarray(z, dtype=float)
    p = softmax(np.stack([z, np.zeros_like(z)], axis=-1))[:, 0]
    s = sigmoid(z)
    ax.plot(z, np.abs(p - 1), color=PALETTE[0], label="softmax + cross-entropy: |p₀ − 1|")
    ax.plot(z, np.abs(2 * (s - 1) * s * (1 - s)), color=PALETTE[3], ls="--",
            label="sigmoid + squared error: |2(σ − 1)σ(1 − σ)|")
    ax.axvspan(z.min(), 0, color="0.85", alpha=0.5, lw=0, label="wrong answer (p₀ < ½)")
    ax.set_xlabel("score of the right class z (the other class scores 0)")
    ax.set_ylabel("|∂L/∂z|")
    ax.legend(loc="upper right")
    return ax
