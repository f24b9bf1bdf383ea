"""Widget update time of lesson 05 (budget: median <= 50 ms per update).

One update is what a slider change costs: the widget's callback (a new figure; the forward pass of
the 10-layer, 256-unit tanh network on the lesson's 100 inputs; the per-layer histograms drawn)
plus an Agg render of the canvas. It is timed on the real widget from ``actlab.widgets``, by moving
its slider over the whole range, as in ``bench_lessons_01_02.py``. The PNG encoding the inline
backend adds before the browser gets the picture is printed separately, for information.
Wall-clock and CPU time are both printed: on a shared machine the CPU time is the steadier of the
two (with a multi-threaded BLAS it can also exceed the wall-clock time).

Run: .venv/bin/python benchmarks/bench_lesson_05.py
"""

import contextlib
import io
import os
import statistics
import time

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402  (after choosing the backend)

from actlab.plotting import use_course_style  # noqa: E402
from actlab.widgets import weight_scale_widget  # noqa: E402

BUDGET_MS = 50.0
REPEATS = 40


def weight_scale_moves():
    X = np.random.default_rng(0).normal(size=(100, 256))  # the lesson's inputs
    widget = weight_scale_widget(X)
    scale = widget.children[0]
    values = 10.0 ** np.arange(-2.5, 0.51, 0.25)  # the slider's range, in 13 steps

    def move(i):
        scale.value = values[(5 * i) % len(values)]
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
    measure(weight_scale_moves)  # warm-up: font cache, first figure, the cached weights
    wall, cpu, png = measure(weight_scale_moves)
    print(f"{'lesson 05 weight scale':<26}{wall:>9.1f}{cpu:>9.1f}{BUDGET_MS:>8.0f}{png:>10.1f}")
    print("within budget" if wall <= BUDGET_MS else "OVER BUDGET (wall clock)")


if __name__ == "__main__":
    main()
