"""Widget update time of lesson 09 (budget: median <= 50 ms per update).

One update is what a control change costs: the property explorer's callback (a new figure; the
checker chosen run on the activation chosen — grids of 20,001 to 40,001 points, bisection around
suspects, quadrature for E[f(Z)]; the curve with the evidence marked, the evidence table beside
it) plus an Agg render of the canvas. It is timed on the real widget from ``actlab.widgets``,
moving its two dropdowns in turn through every activation and every property, as in
``bench_lesson_07.py``; a learner's own scalar-only function (``math.exp`` inside ``if``/``else``,
evaluated one value at a time) is timed separately. The PNG encoding the inline backend adds is
printed separately, for information. Wall-clock and CPU time are both printed: on a shared machine
the CPU time is the steadier of the two.

Run: .venv/bin/python benchmarks/bench_lesson_09.py
"""

from widget_timing import report  # first: it chooses the Agg backend

import math

from actlab.activations import names
from actlab.widgets import property_widget
from actlab.widgets.properties import PROPERTIES

def own_elu(x):
    """What a learner types: scalars only."""
    return math.exp(x) - 1 if x < 0 else x


def library_moves():
    widget = property_widget()
    activation, prop = widget.children[:2]
    every = names()

    def move(i):
        if i % 2 == 0:
            activation.value = every[(i // 2) % len(every)]
        else:
            prop.value = PROPERTIES[(i // 2) % len(PROPERTIES)]
    return widget, move


def own_moves():
    widget = property_widget(own_elu, activation="your own")
    prop = widget.children[1]

    def move(i):
        prop.value = PROPERTIES[(i + 1) % len(PROPERTIES)]
    return widget, move


if __name__ == "__main__":
    report([("lesson 09 properties (library)", library_moves),
            ("lesson 09 properties (your own)", own_moves)])
