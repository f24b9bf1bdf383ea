"""Widget update time of lesson 04 (budget: median <= 50 ms per update).

One update is what a slider change costs: the widget's callback (a new two-panel figure, the
library's update function computing the layer's pre-activations and saturated share and drawing
them) plus an Agg render of the canvas. It is timed on the real widget from ``actlab.widgets``, by
moving its slider over the lesson's range. The PNG encoding the inline backend adds before the
browser gets the picture is printed separately, for information. Wall-clock and CPU time are both
printed: on a shared machine the CPU time is the steadier of the two.

Run: .venv/bin/python benchmarks/bench_lesson_04.py
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
from actlab.widgets import saturation_widget  # noqa: E402

BUDGET_MS = 50.0
REPEATS = 40


def saturation_moves():
    """The lesson's widget: a 256-unit sigmoid layer, the weight std moved over 0.05 to 1.5."""
    widget = saturation_widget(weight_std=0.3)
    std = next(child for child in widget.children
               if getattr(child, "description", None) == "weight std")
    values = np.round(np.arange(1, 31) * 0.05, 2)

    def move(i):
        target = values[(7 * i) % len(values)]
        std.value = target if target != std.value else values[(7 * i + 1) % len(values)]
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
    measure(saturation_moves)  # warm-up: font cache, first figure, the layer's cached data
    wall, cpu, png = measure(saturation_moves)
    print(f"{'lesson 04 saturation':<26}{wall:>9.1f}{cpu:>9.1f}{BUDGET_MS:>8.0f}{png:>10.1f}")
    print("within budget" if wall <= BUDGET_MS else "OVER BUDGET (wall clock)")


if __name__ == "__main__":
    main()
