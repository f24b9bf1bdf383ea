"""How every lesson's widget benchmark times an update (budget: median <= 50 ms).

One update is what a control change costs: the widget's callback (a new figure, the library's update
function computing and drawing) plus an Agg render of the canvas, timed on the real widget by moving
its controls. The PNG encoding the inline backend adds before the browser gets the picture is
printed separately, for information. Wall-clock and CPU time are both printed: on a shared machine
the CPU time is the steadier of the two.

A benchmark script defines, for each widget, a function returning ``(widget, move)`` where
``move(i)`` makes the i-th control change, and calls :func:`report`.
"""

import contextlib
import io
import os
import statistics
import time

import matplotlib

matplotlib.use("Agg")

from actlab.plotting import use_course_style  # noqa: E402  (after choosing the backend)

BUDGET_MS = 50.0
REPEATS = 40


def measure(make):
    """Median (wall ms, CPU ms) of a control change + Agg render, and median ms of the PNG encoding."""
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


def report(widgets):
    """Time each ``(name, make)`` of ``widgets`` (after a warm-up run) and print one row each."""
    use_course_style()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
          f"median of {REPEATS} control changes")
    print(f"{'widget update':<34}{'wall ms':>9}{'CPU ms':>9}{'budget':>8}{'+ PNG ms':>10}")
    worst = 0.0
    for name, make in widgets:
        measure(make)  # warm-up: font cache, first figure, cached data
        wall, cpu, png = measure(make)
        worst = max(worst, wall)
        print(f"{name:<34}{wall:>9.1f}{cpu:>9.1f}{BUDGET_MS:>8.0f}{png:>10.1f}")
    print("within budget" if worst <= BUDGET_MS else "OVER BUDGET (wall clock)")
