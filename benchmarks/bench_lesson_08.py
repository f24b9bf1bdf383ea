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

from widget_timing import report  # first: it chooses the Agg backend

import numpy as np

from actlab.widgets import temperature_widget

def temperature_moves():
    widget = temperature_widget()
    slider = widget.children[0]
    exponents = np.arange(slider.min, slider.max + 1e-9, 0.35)

    def move(i):
        slider.value = 10.0 ** exponents[i % len(exponents)]
    return widget, move


if __name__ == "__main__":
    report([("lesson 08 temperature", temperature_moves)])
