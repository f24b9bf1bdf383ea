"""Widget update time of lesson 06 (budget: median <= 50 ms per update).

One update is what a control change costs: the widget's callback (a new figure; the means of the
committed dying-ReLU results for the chosen initialisation, learning rate and activation; the
per-layer lines drawn) plus an Agg render of the canvas. It is timed on the real widget from
``actlab.widgets``, by moving its learning-rate slider and switching its buttons, as in
``bench_lesson_05.py``. The PNG encoding the inline backend adds before the browser gets the picture
is printed separately, for information. Wall-clock and CPU time are both printed: on a shared
machine the CPU time is the steadier of the two.

Run: .venv/bin/python benchmarks/bench_lesson_06.py
"""

import contextlib
import io
import os
import statistics
import time

import matplotlib

matplotlib.use("Agg")

from actlab.experiments import dying_relu  # noqa: E402  (after choosing the backend)
from actlab.plotting import use_course_style  # noqa: E402
from actlab.widgets import dead_units_widget  # noqa: E402

BUDGET_MS = 50.0
REPEATS = 40


def dead_units_moves():
    widget = dead_units_widget(dying_relu.load_results())
    init, rate, activation = widget.children[:3]
    rates = list(rate.options)

    def move(i):  # every move changes one control, so every move redraws
        if i % 5 == 4:
            init.value = next(v for v in dying_relu.INITS if v != init.value)
        elif i % 7 == 6:
            activation.value = next(v for v in dying_relu.ACTIVATIONS if v != activation.value)
        else:
            rate.value = next(r for r in rates[(3 * i) % len(rates):] + rates if r != rate.value)
    return widget, move


def measure(make):
    """Median (wall ms, CPU ms) of a control change + Agg render, and median ms of the PNG
    encoding."""
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
          f"median of {REPEATS} control changes")
    print(f"{'widget update':<26}{'wall ms':>9}{'CPU ms':>9}{'budget':>8}{'+ PNG ms':>10}")
    measure(dead_units_moves)  # warm-up: font cache, first figure
    wall, cpu, png = measure(dead_units_moves)
    print(f"{'lesson 06 dead units':<26}{wall:>9.1f}{cpu:>9.1f}{BUDGET_MS:>8.0f}{png:>10.1f}")
    print("within budget" if wall <= BUDGET_MS else "OVER BUDGET (wall clock)")


if __name__ == "__main__":
    main()
