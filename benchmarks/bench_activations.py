"""How fast are actlab's kernels next to the fastest well-kept equivalent? Budget: every ratio <= 1.5.

    python benchmarks/bench_activations.py [--size 1000000] [--repeats 21]

Each pair runs interleaved (ours, theirs, ours, theirs, ...) on the same float64 input so machine
noise hits both alike; the table shows the median time of each and the ratio ours / theirs.
A plain script, not a timed test: timings vary between machines.
"""

import argparse
import statistics
import time

import numpy as np
import scipy.special as sc

import actlab

C, K = np.sqrt(2 / np.pi), 0.044715


def pairs(x, logits):
    """(label, ours, theirs, input) for every kernel."""
    return [
        ("binary_step", actlab.binary_step, lambda v: np.heaviside(v, 1.0), x),
        ("identity", actlab.identity, np.copy, x),
        ("sigmoid vs scipy.special.expit", actlab.sigmoid, sc.expit, x),
        ("sigmoid' vs expit(x)*expit(-x)", actlab.sigmoid.grad, lambda v: sc.expit(v) * sc.expit(-v), x),
        ("tanh vs np.tanh", actlab.tanh, np.tanh, x),
        ("relu vs np.maximum(x, 0)", actlab.relu, lambda v: np.maximum(v, 0.0), x),
        ("relu' vs (x > 0) as float", actlab.relu.grad, lambda v: (v > 0).astype(v.dtype), x),
        ("leaky_relu vs np.where", actlab.leaky_relu, lambda v: np.where(v >= 0, v, 0.01 * v), x),
        ("elu vs np.where + expm1", actlab.elu,
         lambda v: np.where(v > 0, v, np.expm1(np.minimum(v, 0.0))), x),
        ("selu vs scaled np.where + expm1", actlab.selu,
         lambda v: 1.0507 * np.where(v > 0, v, 1.6733 * np.expm1(np.minimum(v, 0.0))), x),
        ("softplus vs np.logaddexp(x, 0)", actlab.softplus, lambda v: np.logaddexp(v, 0.0), x),
        ("gelu vs x*scipy.special.ndtr(x)", actlab.gelu, lambda v: v * sc.ndtr(v), x),
        ("gelu tanh form vs numpy formula", lambda v: actlab.gelu(v, approximate="tanh"),
         lambda v: 0.5 * v * (1 + np.tanh(C * v * (1 + K * v * v))), x),
        ("silu vs x*scipy.special.expit(x)", actlab.silu, lambda v: v * sc.expit(v), x),
        ("mish vs x*tanh(logaddexp(x, 0))", actlab.mish,
         lambda v: v * np.tanh(np.logaddexp(v, 0.0)), x),
        ("softmax vs scipy.special.softmax", actlab.softmax, lambda v: sc.softmax(v, axis=-1), logits),
        ("log_softmax vs scipy.special.log_softmax", actlab.log_softmax,
         lambda v: sc.log_softmax(v, axis=-1), logits),
        ("logsumexp vs scipy.special.logsumexp", actlab.logsumexp,
         lambda v: sc.logsumexp(v, axis=-1), logits),
    ]


def interleaved_medians(ours, theirs, data, repeats):
    times = {ours: [], theirs: []}
    for _ in range(repeats):
        for fn in (ours, theirs):
            start = time.perf_counter()
            fn(data)
            times[fn].append(time.perf_counter() - start)
    return statistics.median(times[ours]), statistics.median(times[theirs])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="values per input")
    parser.add_argument("--repeats", type=int, default=21)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    x = rng.normal(0, 5, args.size)
    logits = rng.normal(0, 5, (args.size // 1000, 1000))
    print(f"{args.size:,} float64 values; median of {args.repeats} interleaved runs")
    print(f"{'kernel':44s} {'actlab ms':>10s} {'reference ms':>13s} {'ratio':>7s}")
    worst = 0.0
    with np.errstate(all="ignore"):  # the references' own overflow warnings are not the subject
        for label, ours, theirs, data in pairs(x, logits):
            ours(data), theirs(data)  # warm up
            t_ours, t_theirs = interleaved_medians(ours, theirs, data, args.repeats)
            ratio = t_ours / t_theirs
            worst = max(worst, ratio)
            flag = "" if ratio <= 1.5 else "  over budget"
            print(f"{label:44s} {1e3 * t_ours:10.2f} {1e3 * t_theirs:13.2f} {ratio:7.2f}{flag}")
    print(f"worst ratio: {worst:.2f} (budget 1.5)")


if __name__ == "__main__":
    main()
