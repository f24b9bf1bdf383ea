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

from widget_timing import report  # first: it chooses the Agg backend

from actlab.experiments import dying_relu
from actlab.widgets import dead_units_widget


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


if __name__ == "__main__":
    report([("lesson 06 dead units", dead_units_moves)])
