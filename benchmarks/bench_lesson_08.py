"""Widget update time of lesson 08 (budget: median <= 50 ms per update).

One update is what a slider move costs: the temperature dial's callback (a new figure with two
Axes; softmax at T and at 1 as labelled bars; the entropy of softmax(z / T) at 121 temperatures,
each from log-softmax; the legend) plus an Agg render of the canvas. It is timed on the real widget
from ``actlab.widgets``, moving its logarithmic slider over its range, as in ``bench_lesson_07.py``.
The PNG encoding the inline backend adds before the browser gets the picture is printed separately,
for information. Wall-clock and CPU time are both printed: on a shared machine the CPU time is the
steadier of the two.

Run: .venv/bin/python benchmarks/bench_lesson_08.py
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
from actlab.widgets import temperature_widget  # noqa: E402

BUDGET_MS = 50.0
REPEATS = 40


def temperature_moves():
    widget = temperature_widget()
    slider = widget.children[0]
    exponents = np.arange(slider.min, slider.max + 1e-9, 0.35)

    def move(i):
        slider.value = 10.0 ** exponents[i % len(exponents)]
    return widget, move


def measure(make):
    """Median (wall ms, CPU ms) of control move + Agg render, and median ms of the PNG encoding."""
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
    print(f"{'widget update':<28}{'wall ms':>9}{'CPU ms':>9}{'budget':>8}{'+ PNG ms':>10}")
    measure(temperature_moves)  # warm-up: font cache, first figure
    wall, cpu, png = measure(temperature_moves)
    print(f"{'lesson 08 temperature dial':<28}{wall:>9.1f}{cpu:>9.1f}{BUDGET_MS:>8.0f}{png:>10.1f}")
    print("within budget" if wall <= BUDGET_MS else "OVER BUDGET (wall clock)")


if __name__ == "__main__":
    main()
