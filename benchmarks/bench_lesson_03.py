"""Widget update time of lesson 03 (budget: median <= 50 ms per update).

One update is what a slider change costs: the widget's callback (a new figure, the library's update
function computing and drawing) plus an Agg render of the canvas. It is timed on the real widget
from ``actlab.widgets``, on the lesson's own network and data, by moving its slider. The PNG
encoding the inline backend adds before the browser gets the picture is printed separately, for
information. Wall-clock and CPU time are both printed: on a shared machine the CPU time is the
steadier of the two.

Run: .venv/bin/python benchmarks/bench_lesson_03.py
"""

import contextlib
import io
import os
import statistics
import time

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402  (after choosing the backend)

from actlab.datasets import xor_clouds  # noqa: E402
from actlab.network import Network, loss_along_weight  # noqa: E402
from actlab.plotting import use_course_style  # noqa: E402
from actlab.widgets import step_loss_widget  # noqa: E402

BUDGET_MS = 50.0
REPEATS = 40


def step_loss_moves():
    """The lesson's set-up: a 2-16-1 step network on centred XOR clouds, W₁[1,1] swept."""
    X, y = xor_clouds(200, seed=0)
    X = X - 0.5
    net = Network.build([2, 16, 1], "binary_step", output="sigmoid", seed=0)
    sweep = loss_along_weight(net, X, y, np.linspace(-2, 2, 2001))
    widget = step_loss_widget(sweep, X, y)
    w = next(child for child in widget.children if getattr(child, "description", None) == "w")
    values = np.round(np.linspace(-2, 2, 401), 2)

    def move(i):
        target = values[(37 * i) % len(values)]
        w.value = target if target != w.value else target + 0.01
    return widget, move


def measure(make):
    """Median (wall ms, CPU ms) of slider move + Agg render, and median ms of the PNG encoding."""
    wall, cpu, png = [], [], []
    with contextlib.redirect_stdout(io.StringIO()):  # outside Jupyter, display() prints a repr
        widget, move = make()
        for i in range(REPEATS):
            start, start_cpu = time.perf_counter(), time.process_time()
            move(i)
            widget.result.canvas.draw()
            middle, middle_cpu = time.perf_counter(), time.process_time()
            widget.result.savefig(io.BytesIO(), format="png")
            end = time.perf_counter()
            wall.append(1e3 * (middle - start))
            cpu.append(1e3 * (middle_cpu - start_cpu))
            png.append(1e3 * (end - middle))
    return statistics.median(wall), statistics.median(cpu), statistics.median(png)


def main():
    use_course_style()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
          f"median of {REPEATS} slider moves")
    print(f"{'widget update':<26}{'wall ms':>9}{'CPU ms':>9}{'budget':>8}{'+ PNG ms':>10}")
    measure(step_loss_moves)  # warm-up: font cache, first figure
    wall, cpu, png = measure(step_loss_moves)
    print(f"{'lesson 03 step loss':<26}{wall:>9.1f}{cpu:>9.1f}{BUDGET_MS:>8.0f}{png:>10.1f}")
    print("within budget" if wall <= BUDGET_MS else "OVER BUDGET (wall clock)")


if __name__ == "__main__":
    main()
