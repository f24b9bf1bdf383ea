"""Widget update time of lesson 07 (budget: median <= 50 ms per update).

One update is what a control change costs: the family explorer's callback (a new figure; both
activations and their derivatives on 1,001 points; each one's minimum and largest slope measured
by ``actlab.properties``, grid search plus Brent refinement; the legend) plus an Agg render of the
canvas. It is timed on the real widget from ``actlab.widgets``, moving its sliders and dropdowns in
turn, as in ``bench_lesson_05.py``. The PNG encoding the inline backend adds before the browser
gets the picture is printed separately, for information. Wall-clock and CPU time are both printed:
on a shared machine the CPU time is the steadier of the two.

Run: .venv/bin/python benchmarks/bench_lesson_07.py
"""

from widget_timing import report  # first: it chooses the Agg backend

import numpy as np

from actlab.widgets import family_widget
from actlab.widgets.family import FAMILY


def family_moves():
    widget = family_widget()
    first, first_param, second, second_param, approximate = widget.children[:5]
    params = np.arange(0.05, 3.01, 0.35)

    def move(i):
        which = i % 4
        if which == 0:
            first.value = FAMILY[(i // 4) % len(FAMILY)]
        elif which == 1:
            first_param.value = params[i % len(params)]
        elif which == 2:
            second.value = FAMILY[(3 * i // 4 + 1) % len(FAMILY)]
        else:
            second_param.value = params[(3 * i) % len(params)]
            approximate.value = "tanh" if approximate.value == "none" else "none"
    return widget, move


if __name__ == "__main__":
    report([("lesson 07 family explorer", family_moves)])
