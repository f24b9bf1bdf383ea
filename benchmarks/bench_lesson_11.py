"""Widget update time of lesson 11 (budget: median <= 50 ms per update).

One update is what a control change costs: the comparison explorer's callback (a new figure; the
decision regions of the chosen network or its validation curves, and a dot for every seed of every
activation, all read from the committed results of ``actlab.experiments.choosing``) plus an Agg
render of the canvas. It is timed on the real widget from ``actlab.widgets``, moving its dropdowns
in turn. The PNG encoding the inline backend adds is printed separately, for information.

Run: .venv/bin/python benchmarks/bench_lesson_11.py
"""

from widget_timing import report  # first: it chooses the Agg backend

from actlab.experiments import choosing
from actlab.widgets import choice_widget
from actlab.widgets.choosing import DATA_SETS


def choice_moves():
    widget = choice_widget()
    data, depth, activation = widget.children[:3]

    def move(i):
        which = i % 3
        if which == 0:
            data.value = DATA_SETS[(i // 3) % len(DATA_SETS)]
        elif which == 1:
            depth.value = "deep" if depth.value == "shallow" else "shallow"
        else:
            activation.value = choosing.ACTIVATIONS[(5 * i) % len(choosing.ACTIVATIONS)]
    return widget, move


if __name__ == "__main__":
    report([("lesson 11 comparison explorer", choice_moves)])
