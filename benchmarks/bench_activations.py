"""How fast are actlab's kernels next to the fastest well-kept equivalent? Budget: every ratio <= 1.5.

    python benchmarks/bench_activations.py [--size 1000000] [--repeats 21] [--dtype float64 float32]
                                           [--kernels sigmoid silu ...]

Every activation's value *and* derivative, and softmax, log_softmax and logsumexp, each against
what a careful person would write with numpy and scipy.special for the same values. (So a constant
derivative is compared with an np.where that keeps NaN, not with np.zeros_like, which reads no
input; and tanh' with 1/cosh(x)**2, not with 1 - tanh(x)**2, which has no correct digit left
beyond |x| = 9 in float32. relu' is compared with (x > 0).astype(float), although that turns NaN
into 0.) Each pair runs interleaved (ours, theirs, theirs, ours, ...) on the same input, so machine
noise hits both alike; the table shows the median time of each and the median of the per-round
ratios ours / theirs, with a verdict. The exit status is 1 when any kernel is over budget.

numpy picks its SIMD loops (exp, tanh, cosh, ...) at run time from what the CPU offers, so the
same code can be fast on one x86-64 CPU and slow on another; scipy.special's loops are compiled
once for all. The header prints what numpy dispatched. To see what a CPU without AVX-512 (e.g. an
AMD EPYC before Zen 4) would get, switch off numpy's AVX-512 loops:

    NPY_DISABLE_CPU_FEATURES="X86_V4 AVX512_ICL AVX512_SPR" python benchmarks/bench_activations.py

numpy 2.4 calls its AVX-512 level X86_V4 (earlier versions: AVX512F AVX512CD AVX512_SKX ...). It
ignores a name it does not dispatch, with no more than an ImportWarning, so check that the header
lists the features as "not dispatched". A plain script, not a timed test: timings vary between
machines.
"""

import argparse
import os
import platform
import statistics
import sys
import time

import numpy as np
import scipy
import scipy.special as sc

import actlab
from actlab.activations import GELU_TANH_C as C, GELU_TANH_K as K, SELU_ALPHA, SELU_LAMBDA

BUDGET = 1.5
SQRT_2PI = np.sqrt(2 * np.pi)


def _mish_grad_reference(v):
    t = np.tanh(np.logaddexp(v, 0.0))
    return t + v * (1 - t * t) * sc.expit(v)


def _silu_grad_reference(v):
    s = sc.expit(v)
    return s * (1 + v * (1 - s))


def _gelu_tanh_grad_reference(v):
    t = np.tanh(C * v * (1 + K * v * v))
    return 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * C * (1 + 3 * K * v * v)


# (kernel, reference label, ours, theirs); "logits" marks the row-wise kernels of probabilities.py
PAIRS = [
    ("binary_step", "np.heaviside(x, 1)", actlab.binary_step, lambda v: np.heaviside(v, 1.0)),
    ("binary_step'", "np.where(isnan(x), x, 0)", actlab.binary_step.grad,
     lambda v: np.where(np.isnan(v), v, 0.0)),
    ("identity", "np.copy(x)", actlab.identity, np.copy),
    ("identity'", "np.where(isnan(x), x, 1)", actlab.identity.grad,
     lambda v: np.where(np.isnan(v), v, 1.0)),
    ("sigmoid", "expit(x)", actlab.sigmoid, sc.expit),
    ("sigmoid'", "expit(x) * expit(-x)", actlab.sigmoid.grad, lambda v: sc.expit(v) * sc.expit(-v)),
    ("tanh", "np.tanh(x)", actlab.tanh, np.tanh),
    ("tanh'", "1 / np.cosh(x)**2", actlab.tanh.grad, lambda v: 1 / np.cosh(v) ** 2),
    ("relu", "np.maximum(x, 0)", actlab.relu, lambda v: np.maximum(v, 0.0)),
    ("relu'", "(x > 0).astype(x.dtype)", actlab.relu.grad, lambda v: (v > 0).astype(v.dtype)),
    ("leaky_relu", "np.where(x >= 0, x, 0.01x)", actlab.leaky_relu,
     lambda v: np.where(v >= 0, v, 0.01 * v)),
    ("leaky_relu'", "np.where(x > 0, 1, 0.01)", actlab.leaky_relu.grad,
     lambda v: np.where(v > 0, 1.0, 0.01).astype(v.dtype)),
    ("elu", "np.where(x > 0, x, expm1(min(x, 0)))", actlab.elu,
     lambda v: np.where(v > 0, v, np.expm1(np.minimum(v, 0.0)))),
    ("elu'", "np.where(x > 0, 1, exp(min(x, 0)))", actlab.elu.grad,
     lambda v: np.where(v > 0, 1.0, np.exp(np.minimum(v, 0.0)))),
    ("selu", "λ np.where(x > 0, x, α expm1(..))", actlab.selu,
     lambda v: SELU_LAMBDA * np.where(v > 0, v, SELU_ALPHA * np.expm1(np.minimum(v, 0.0)))),
    ("selu'", "λ np.where(x > 0, 1, α exp(..))", actlab.selu.grad,
     lambda v: SELU_LAMBDA * np.where(v > 0, 1.0, SELU_ALPHA * np.exp(np.minimum(v, 0.0)))),
    ("softplus", "np.logaddexp(x, 0)", actlab.softplus, lambda v: np.logaddexp(v, 0.0)),
    ("softplus'", "expit(x)", actlab.softplus.grad, sc.expit),
    ("gelu", "x * ndtr(x)", actlab.gelu, lambda v: v * sc.ndtr(v)),
    ("gelu'", "ndtr(x) + x exp(-x²/2)/√(2π)", actlab.gelu.grad,
     lambda v: sc.ndtr(v) + v * np.exp(-0.5 * v * v) / SQRT_2PI),
    ("gelu (tanh form)", "0.5x(1 + tanh(c(x + kx³)))",
     lambda v: actlab.gelu(v, approximate="tanh"),
     lambda v: 0.5 * v * (1 + np.tanh(C * v * (1 + K * v * v)))),
    ("gelu' (tanh form)", "numpy formula with tanh",
     lambda v: actlab.gelu.grad(v, approximate="tanh"), _gelu_tanh_grad_reference),
    ("silu", "x * expit(x)", actlab.silu, lambda v: v * sc.expit(v)),
    ("silu'", "s(1 + x(1 - s)), s = expit(x)", actlab.silu.grad, _silu_grad_reference),
    ("mish", "x tanh(logaddexp(x, 0))", actlab.mish, lambda v: v * np.tanh(np.logaddexp(v, 0.0))),
    ("mish'", "t + x(1 - t²) expit(x)", actlab.mish.grad, _mish_grad_reference),
    ("softmax", "scipy.special.softmax", actlab.softmax, lambda v: sc.softmax(v, axis=-1)),
    ("log_softmax", "scipy.special.log_softmax", actlab.log_softmax,
     lambda v: sc.log_softmax(v, axis=-1)),
    ("logsumexp", "scipy.special.logsumexp", actlab.logsumexp,
     lambda v: sc.logsumexp(v, axis=-1)),
]
ROW_WISE = {"softmax", "log_softmax", "logsumexp"}


def cpu_model():
    """The CPU's model name, from /proc/cpuinfo where there is one."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def simd_dispatch():
    """(baseline, dispatched, not dispatched): numpy's SIMD targets, as in numpy.show_runtime()."""
    from numpy._core._multiarray_umath import __cpu_baseline__, __cpu_dispatch__, __cpu_features__

    found = [f for f in __cpu_dispatch__ if __cpu_features__.get(f)]
    missing = [f for f in __cpu_dispatch__ if not __cpu_features__.get(f)]
    return list(__cpu_baseline__), found, missing


def interleaved(ours, theirs, data, repeats):
    """Median times of ours and theirs and the median per-round ratio; the order alternates."""
    t_ours, t_theirs = [], []
    for i in range(repeats):
        for fn, times in ((ours, t_ours), (theirs, t_theirs))[:: 1 if i % 2 == 0 else -1]:
            start = time.perf_counter()
            fn(data)
            times.append(time.perf_counter() - start)
    ratio = statistics.median(a / b for a, b in zip(t_ours, t_theirs))
    return statistics.median(t_ours), statistics.median(t_theirs), ratio


def run(dtype, size, repeats, kernels):
    """Print one table for one dtype; return the kernels over budget."""
    rng = np.random.default_rng(0)
    x = rng.normal(0, 5, size).astype(dtype)
    logits = rng.normal(0, 5, (size // 1000, 1000)).astype(dtype)
    print(f"\n{size:,} {np.dtype(dtype).name} values, normal(0, 5); "
          f"median of {repeats} interleaved rounds")
    print(f"{'kernel':18s} {'reference':38s} {'actlab µs':>9s} {'ref µs':>9s} {'ratio':>6s}  "
          "verdict")
    over = []
    with np.errstate(all="ignore"):  # the references' own overflow warnings are not the subject
        for label, ref_label, ours, theirs in PAIRS:
            if kernels and label.split()[0].rstrip("'") not in kernels:
                continue
            data = logits if label in ROW_WISE else x
            ours(data), theirs(data)  # warm up
            t_ours, t_theirs, ratio = interleaved(ours, theirs, data, repeats)
            verdict = "within budget" if ratio <= BUDGET else "OVER BUDGET"
            if ratio > BUDGET:
                over.append(f"{label} ({np.dtype(dtype).name})")
            print(f"{label:18s} {ref_label:38s} {1e6 * t_ours:9.1f} {1e6 * t_theirs:9.1f} "
                  f"{ratio:6.2f}  {verdict}")
    return over


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="values per input")
    parser.add_argument("--repeats", type=int, default=21, help="interleaved rounds per kernel")
    parser.add_argument("--dtype", nargs="+", default=["float64", "float32"],
                        choices=["float64", "float32"])
    parser.add_argument("--kernels", nargs="+", metavar="NAME",
                        help="only these, e.g. sigmoid silu (with their derivatives)")
    args = parser.parse_args()
    baseline, found, missing = simd_dispatch()
    print(f"CPU: {cpu_model()} ({os.cpu_count()} logical cores)")
    print(f"Python {platform.python_version()}, numpy {np.__version__}, scipy {scipy.__version__}")
    print(f"numpy SIMD: baseline {' '.join(baseline)}; dispatched {' '.join(found) or '-'}; "
          f"not dispatched {' '.join(missing) or '-'}")
    if os.environ.get("NPY_DISABLE_CPU_FEATURES"):
        print(f"NPY_DISABLE_CPU_FEATURES={os.environ['NPY_DISABLE_CPU_FEATURES']!r}")
    over = []
    for dtype in args.dtype:
        over += run(np.dtype(dtype), args.size, args.repeats, args.kernels)
    print()
    if over:
        print(f"OVER BUDGET ({BUDGET}x): {', '.join(over)}")
        return 1
    print(f"every kernel within budget ({BUDGET}x its reference)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
