"""Widget update time of lesson 04 (budget: median <= 50 ms per update).

One update is what a slider change costs: the widget's callback (a new two-panel figure, the
library's update function computing the layer's pre-activations and saturated share and drawing
them) plus an Agg render of the canvas. It is timed on the real widget from ``actlab.widgets``, by
moving its slider over the lesson's range. The PNG encoding the inline backend adds before the
browser gets the picture is printed separately, for information. Wall-clock and CPU time are both
printed: on a shared machine the CPU time is the steadier of the two.

Run: .venv/bin/python benchmarks/bench_lesson_04.py
"""

from widget_timing import report  # first: it chooses the Agg backend

import numpy as np

from actlab.widgets import saturation_widget


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


if __name__ == "__main__":
    report([("lesson 04 saturation", saturation_moves)])
