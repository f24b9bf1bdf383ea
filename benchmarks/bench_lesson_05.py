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

from widget_timing import report  # first: it chooses the Agg backend

import numpy as np

from actlab.widgets import weight_scale_widget


def weight_scale_moves():
    X = np.random.default_rng(0).normal(size=(100, 256))  # the lesson's inputs
    widget = weight_scale_widget(X)
    scale = widget.children[0]
    values = 10.0 ** np.arange(-2.5, 0.51, 0.25)  # the slider's range, in 13 steps

    def move(i):
        scale.value = values[(5 * i) % len(values)]
    return widget, move


if __name__ == "__main__":
    report([("lesson 05 weight scale", weight_scale_moves)])
