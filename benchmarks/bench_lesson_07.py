"""Widget update time of lesson 07 (budget: median <= 50 ms per update).

One update is what a control change costs: the family explorer's callback (a new figure; both
activations and their derivatives on 1,001 points; each one's minimum and largest slope measured
by ``actlab.properties``, grid search plus Brent refinement; the legend) plus an Agg render of the
canvas. It is timed on the real widget from ``actlab.widgets``, moving its sliders and dropdowns in
turn, as in ``bench_lesson_05.py``. The PNG encoding the inline backend adds before the browser
gets the picture is printed separately, for information. Wall-clock and CPU time are both printed:
on a shared machine the CPU time is the steadier of the two.

Run: .venv/bin/python benchmarks/bench_lesson_07.py
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
from actlab.widgets import family_widget  # noqa: E402
from actlab.widgets.family import FAMILY  # noqa: E402

BUDGET_MS = 50.0
REPEATS = 40


def family_moves():
    widget = family_widget()
    first, first_param, second, second_param, approximate = widget.children[:5]
    params = np.arange(0.05, 3.01, 0.35)

    def move(i):
        which = i % 4
        if which == 0:
            first.value = FAMILY[(i // 4) % len(FAMILY)]
        elif which == 1:
            first_param.value = params[i % len(params)]
        elif which == 2:
            second.value = FAMILY[(3 * i // 4 + 1) % len(FAMILY)]
        else:
            second_param.value = params[(3 * i) % len(params)]
            approximate.value = "tanh" if approximate.value == "none" else "none"
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
    print(f"{'widget update':<26}{'wall ms':>9}{'CPU ms':>9}{'budget':>8}{'+ PNG ms':>10}")
    measure(family_moves)  # warm-up: font cache, first figure
    wall, cpu, png = measure(family_moves)
    print(f"{'lesson 07 family explorer':<26}{wall:>9.1f}{cpu:>9.1f}{BUDGET_MS:>8.0f}{png:>10.1f}")
    print("within budget" if wall <= BUDGET_MS else "OVER BUDGET (wall clock)")


if __name__ == "__main__":
    main()
