"""Widget update time of lesson 09 (budget: median <= 50 ms per update).

One update is what a control change costs: the property explorer's callback (a new figure; the
checker chosen run on the activation chosen — grids of 20,001 to 40,001 points, bisection around
suspects, quadrature for E[f(Z)]; the curve with the evidence marked, the evidence table beside
it) plus an Agg render of the canvas. It is timed on the real widget from ``actlab.widgets``,
moving its two dropdowns in turn through every activation and every property, as in
``bench_lesson_07.py``; a learner's own scalar-only function (``math.exp`` inside ``if``/``else``,
evaluated one value at a time) is timed separately. The PNG encoding the inline backend adds is
printed separately, for information. Wall-clock and CPU time are both printed: on a shared machine
the CPU time is the steadier of the two.

Run: .venv/bin/python benchmarks/bench_lesson_09.py
"""

import contextlib
import io
import math
import os
import statistics
import time

import matplotlib

matplotlib.use("Agg")

from actlab.activations import names  # noqa: E402  (after choosing the backend)
from actlab.plotting import use_course_style  # noqa: E402
from actlab.widgets import property_widget  # noqa: E402
from actlab.widgets.properties import PROPERTIES  # noqa: E402

BUDGET_MS = 50.0
REPEATS = 40


def own_elu(x):
    """What a learner types: scalars only."""
    return math.exp(x) - 1 if x < 0 else x


def library_moves():
    widget = property_widget()
    activation, prop = widget.children[:2]
    every = names()

    def move(i):
        if i % 2 == 0:
            activation.value = every[(i // 2) % len(every)]
        else:
            prop.value = PROPERTIES[(i // 2) % len(PROPERTIES)]
    return widget, move


def own_moves():
    widget = property_widget(own_elu, activation="your own")
    prop = widget.children[1]

    def move(i):
        prop.value = PROPERTIES[(i + 1) % len(PROPERTIES)]
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
          f"median of {REPEATS} control moves")
    print(f"{'widget update':<34}{'wall ms':>9}{'CPU ms':>9}{'budget':>8}{'+ PNG ms':>10}")
    measure(library_moves)  # warm-up: font cache, first figure
    worst = 0.0
    for label, make in (("lesson 09 properties (library)", library_moves),
                        ("lesson 09 properties (your own)", own_moves)):
        wall, cpu, png = measure(make)
        worst = max(worst, wall)
        print(f"{label:<34}{wall:>9.1f}{cpu:>9.1f}{BUDGET_MS:>8.0f}{png:>10.1f}")
    print("within budget" if worst <= BUDGET_MS else "OVER BUDGET (wall clock)")


if __name__ == "__main__":
    main()
