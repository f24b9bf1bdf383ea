"""One training epoch on the digits, actlab's engine against PyTorch doing the same work.

Budgets: the engine takes at most 1.0x PyTorch's time for each network, and one epoch of the
64-(32x8)-10 network takes at most 50 ms.

The same work, on both sides: float64 throughout, the same initial weights, the same shuffled
order; every batch of 32 goes forward, through softmax cross-entropy, backward, and one plain SGD
step (learning rate 0.05); before and after the epoch the loss and accuracy are measured on all the
training data (what ``actlab.network.train`` records). Runs alternate between the two (interleaved)
and the medians are compared. Wall-clock and CPU time are both printed; on a shared machine the CPU
time is the steadier of the two, and the 50 ms budget is judged on it. PyTorch is for this comparison only, never a requirement of the
course: ``pip install torch==2.13.0`` gives its CPU build. Without it, the engine's own times are
printed and the comparison is skipped.

Run: .venv/bin/python benchmarks/bench_training.py
"""

import statistics
import time

import numpy as np

from bench_activations import cpu_model

from actlab.datasets import digits
from actlab.network import Network, train

try:
    import torch
except ImportError:
    torch = None

ARCHITECTURES = {"64-64-10": [64, 64, 10], "64-(32x8)-10": [64] + [32] * 8 + [10]}
ACTIVATION = "relu"
LEARNING_RATE, BATCH_SIZE, SEED = 0.05, 32, 0
RATIO_BUDGET, EPOCH_BUDGET_MS = 1.0, 50.0
REPEATS = 21


def actlab_epoch(sizes, data):
    net = Network.build(sizes, ACTIVATION, output="softmax", seed=SEED)

    def run():
        train(net, data.X_train, data.y_train, learning_rate=LEARNING_RATE,
              batch_size=BATCH_SIZE, epochs=1, seed=SEED)
    return net, run


def torch_epoch(net, data):
    layers = []
    for k, layer in enumerate(net.layers):
        linear = torch.nn.Linear(*layer.shape, dtype=torch.float64)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(layer.weights.T))
            linear.bias.copy_(torch.from_numpy(layer.bias))
        layers.append(linear)
        if k < len(net.layers) - 1:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
    loss_fn = torch.nn.CrossEntropyLoss()
    X, y = torch.from_numpy(data.X_train), torch.from_numpy(data.y_train).long()

    def measure():
        with torch.no_grad():
            scores = model(X)
            return loss_fn(scores, y).item(), (scores.argmax(1) == y).double().mean().item()

    def run():
        measure()
        order = torch.from_numpy(np.random.default_rng(SEED).permutation(len(X)))
        for start in range(0, len(X), BATCH_SIZE):
            batch = order[start:start + BATCH_SIZE]
            optimizer.zero_grad()
            loss_fn(model(X[batch]), y[batch]).backward()
            optimizer.step()
        measure()
    return run


def median_ms(times):
    return 1e3 * statistics.median(times)


def main():
    data = digits()
    print(f"CPU: {cpu_model()}; numpy {np.__version__}"
          + (f"; torch {torch.__version__} ({torch.get_num_threads()} threads)" if torch else ""))
    print(f"one epoch on the digits: {len(data.X_train)} examples, batches of {BATCH_SIZE}, "
          f"{ACTIVATION}, SGD; median of {REPEATS} runs\n")
    if torch is None:
        print("PyTorch is not installed: the comparison is skipped "
              "(pip install torch==2.13.0 for its CPU build).\n")
    within = True
    for name, sizes in ARCHITECTURES.items():
        net, ours = actlab_epoch(sizes, data)
        theirs = torch_epoch(net, data) if torch else None
        times = {"actlab": [], "torch": []}
        cpu = []
        for _ in range(REPEATS):
            for label, run in (("actlab", ours), ("torch", theirs)):
                if run is None:
                    continue
                start, start_cpu = time.perf_counter(), time.process_time()
                run()
                times[label].append(time.perf_counter() - start)
                if label == "actlab":
                    cpu.append(time.process_time() - start_cpu)
        ms, cpu_ms = median_ms(times["actlab"]), median_ms(cpu)
        line = f"{name:>14}: actlab {ms:6.1f} ms (CPU {cpu_ms:5.1f} ms)"
        if torch:
            ratio = ms / median_ms(times["torch"])
            line += (f"   torch {median_ms(times['torch']):6.1f} ms   ratio {ratio:.2f}x "
                     f"(budget {RATIO_BUDGET:.1f}x)")
            within &= ratio <= RATIO_BUDGET
        if name == "64-(32x8)-10":
            line += f"   [epoch budget {EPOCH_BUDGET_MS:.0f} ms of CPU]"
            within &= cpu_ms <= EPOCH_BUDGET_MS
        print(line)
    print("\nwithin budget" if within else "\nOVER BUDGET")
    return 0 if within else 1


if __name__ == "__main__":
    raise SystemExit(main())
