"""Widget update times of lessons 01 and 02 (budget: median <= 50 ms per update).

One update is what a slider change costs: the widget's callback (a new figure, the library's update
function computing and drawing) plus an Agg render of the canvas. It is timed on the real widgets
from ``actlab.widgets``, by moving their sliders. The PNG encoding the inline backend adds before
the browser gets the picture is printed separately, for information. Wall-clock and CPU time are
both printed: on a shared machine the CPU time is the steadier of the two.

Run: .venv/bin/python benchmarks/bench_lessons_01_02.py
"""

from widget_timing import report  # first: it chooses the Agg backend

import numpy as np

from actlab.widgets import perceptron_widget, relu_fit_widget


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


if __name__ == "__main__":
    report([("lesson 01 perceptron", perceptron_moves),
            ("lesson 02 ReLU pieces", relu_fit_moves)])
