"""Widget update times of lessons 01 and 02 (budget: median <= 50 ms per update).

One update is what a slider change costs: the widget's callback (a new figure, the library's update
function computing and drawing) plus an Agg render of the canvas. It is timed on the real widgets
from ``actlab.widgets``, by moving their sliders. The PNG encoding the inline backend adds before
the browser gets the picture is printed separately, for information. Wall-clock and CPU time are
both printed: on a shared machine the CPU time is the steadier of the two.

Run: .venv/bin/python benchmarks/bench_lessons_01_02.py
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
from actlab.widgets import perceptron_widget, relu_fit_widget  # noqa: E402

BUDGET_MS = 50.0
REPEATS = 40


def slider(widget, description):
    return next(child for child in widget.children if getattr(child, "description", None) == description)


def perceptron_moves():
    widget = perceptron_widget()
    w1, b = slider(widget, "w₁"), slider(widget, "b")
    values = [round(-2 + 0.1 * k, 1) for k in range(41)]

    def move(i):
        if i % 10 == 9:
            b.value = -b.value  # now and then the bias instead
        else:
            w1.value = values[(7 * i) % 41] if values[(7 * i) % 41] != w1.value else 0.05
    return widget, move


def relu_fit_moves():
    x = np.linspace(-3, 3, 400)
    widget = relu_fit_widget(x, np.sin(2 * x) + x**2 / 4)
    pieces = slider(widget, "pieces")

    def move(i):
        pieces.value = 1 + (pieces.value + 6) % 30
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
    worst = 0.0
    for name, make in (("lesson 01 perceptron", perceptron_moves),
                       ("lesson 02 ReLU pieces", relu_fit_moves)):
        measure(make)  # warm-up: font cache, first figure
        wall, cpu, png = measure(make)
        worst = max(worst, wall)
        print(f"{name:<26}{wall:>9.1f}{cpu:>9.1f}{BUDGET_MS:>8.0f}{png:>10.1f}")
    print("within budget" if worst <= BUDGET_MS else "OVER BUDGET (wall clock)")


if __name__ == "__main__":
    main()
