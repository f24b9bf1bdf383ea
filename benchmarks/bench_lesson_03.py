"""Widget update time of lesson 03 (budget: median <= 50 ms per update).

One update is what a slider change costs: the widget's callback (a new figure, the library's update
function computing and drawing) plus an Agg render of the canvas. It is timed on the real widget
from ``actlab.widgets``, on the lesson's own network and data, by moving its slider. The PNG
encoding the inline backend adds before the browser gets the picture is printed separately, for
information. Wall-clock and CPU time are both printed: on a shared machine the CPU time is the
steadier of the two.

Run: .venv/bin/python benchmarks/bench_lesson_03.py
"""

from widget_timing import report  # first: it chooses the Agg backend

import numpy as np

from actlab.datasets import xor_clouds
from actlab.network import Network, loss_along_weight
from actlab.widgets import step_loss_widget


def step_loss_moves():
    """The lesson's set-up: a 2-16-1 step network on centred XOR clouds, W₁[1,1] swept."""
    X, y = xor_clouds(200, seed=0)
    X = X - 0.5
    net = Network.build([2, 16, 1], "binary_step", output="sigmoid", seed=0)
    sweep = loss_along_weight(net, X, y, np.linspace(-2, 2, 2001))
    widget = step_loss_widget(sweep, X, y)
    w = next(child for child in widget.children if getattr(child, "description", None) == "w")
    values = np.round(np.linspace(-2, 2, 401), 2)

    def move(i):
        target = values[(37 * i) % len(values)]
        w.value = target if target != w.value else target + 0.01
    return widget, move


if __name__ == "__main__":
    report([("lesson 03 step loss", step_loss_moves)])
