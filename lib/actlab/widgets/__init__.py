"""The lessons' interactive widgets, one module a widget: the tangent explorer (``tangent``, lesson
00), the perceptron's line (``perceptron``, lesson 01), the ReLU-pieces fit (``relu_fit``, lesson
02), the loss along one weight of a step network (``step_loss``, lesson 03) and a sigmoid
layer's saturation against its weight spread (``saturation``, lesson 04) and a deep network's
layers against the spread of its weights (``weight_scale``, lesson 05), the dead units of a
trained deep network by initialisation and learning rate (``dead_units``, lesson 06), the ReLU
family and smooth units overlaid (``family``, lesson 07), softmax's temperature dial
(``temperature``, lesson 08), a property's evidence for any function (``properties``,
lesson 09), gradient norms and activations through depth (``gradient_flow``, lesson 10), every
activation compared from the results file (``choosing``, lesson 11); ``controls`` holds what they
share.

Each widget has two halves:

- an *update function* ``draw_...(ax, ...)`` that computes and draws onto a matplotlib Axes. It is
  plain Python, unit-tested without a browser, and also draws a lesson's static default view, so
  the page reads well where widgets cannot run;
- a *builder* ``..._widget(...)`` that wires ipywidgets sliders to it and returns an
  :class:`ipywidgets.interactive`. Every slider change draws a fresh figure with the update
  function, displays it in the widget's output area and closes it; ``widget.result`` holds the
  last figure drawn.
"""

from actlab.widgets.choosing import choice_widget, draw_choice
from actlab.widgets.dead_units import dead_units_widget, draw_dead_units
from actlab.widgets.family import draw_family, family_widget
from actlab.widgets.gradient_flow import draw_gradient_flow, gradient_flow_widget
from actlab.widgets.perceptron import draw_gates, draw_perceptron, perceptron_widget
from actlab.widgets.properties import draw_property, property_widget
from actlab.widgets.relu_fit import draw_relu_fit, relu_fit_widget
from actlab.widgets.saturation import draw_saturation, saturation_widget
from actlab.widgets.step_loss import draw_step_loss, step_loss_widget
from actlab.widgets.tangent import draw_tangent, tangent_widget
from actlab.widgets.temperature import draw_temperature, temperature_widget
from actlab.widgets.weight_scale import draw_weight_scale, weight_scale_widget

__all__ = ["draw_gates", "draw_perceptron", "draw_relu_fit", "draw_tangent", "perceptron_widget",
           "relu_fit_widget", "tangent_widget", "draw_step_loss", "step_loss_widget",
           "draw_saturation", "saturation_widget", "draw_weight_scale", "weight_scale_widget",
           "dead_units_widget", "draw_dead_units",
           "draw_family", "family_widget",
           "draw_property", "property_widget",
           "draw_temperature", "temperature_widget",
           "draw_gradient_flow", "gradient_flow_widget",
           "choice_widget", "draw_choice"]
