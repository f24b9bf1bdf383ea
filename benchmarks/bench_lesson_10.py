"""Widget update time of lesson 10 (budget: median <= 50 ms per update).

One update is what a control change costs: the widget's callback (a new figure; the forward and
backward pass of a network of up to 50 hidden layers of 64 units on a batch of 32; the per-layer
gradient norms and histograms drawn) plus an Agg render of the canvas. It is timed on the real
widget from ``actlab.widgets``, by cycling its depth slider and its two drop-downs. The PNG encoding
the inline backend adds before the browser gets the picture is printed separately, for information.

Run: .venv/bin/python benchmarks/bench_lesson_10.py
"""

from widget_timing import report  # first: it chooses the Agg backend

from actlab.experiments.vanishing import INITS
from actlab.widgets import gradient_flow_widget
from actlab.widgets.gradient_flow import GRADIENT_FLOW_ACTIVATIONS


def gradient_flow_moves():
    widget = gradient_flow_widget()
    depth, activation, init = widget.children[:3]
    inits = list(INITS)

    def move(i):
        k = i % 3
        if k == 0:
            depth.value = 5 + 5 * ((i // 3) % 10)
        elif k == 1:
            activation.value = GRADIENT_FLOW_ACTIVATIONS[(i // 3) % len(GRADIENT_FLOW_ACTIVATIONS)]
        else:
            init.value = inits[(i // 3) % len(inits)]
    return widget, move


if __name__ == "__main__":
    report([("lesson 10 gradient flow", gradient_flow_moves)])
