"""What every widget shares: its sliders, its figure and how a new figure replaces the last one."""

import ipywidgets
import matplotlib.pyplot as plt
from IPython.display import display

__all__ = ["figure", "show", "slider"]


def slider(description, value, low, high, step):
    """A float slider that updates when released (not while dragging), with a fitting readout."""
    return ipywidgets.FloatSlider(value=value, min=low, max=high, step=step,
                                  description=description, continuous_update=False,
                                  readout_format=".2f" if step < 0.1 else ".1f")


def figure(width, height):
    """A figure with room on the right for the legend. Its layout is fixed by hand: the
    constrained-layout solver would cost more than the rest of the update together."""
    fig, ax = plt.subplots(figsize=(width, height), layout="none")
    fig.subplots_adjust(left=0.09, right=0.6, bottom=0.14, top=0.85)
    ax.set_anchor("W")
    return fig, ax


def show(fig):
    """Display ``fig`` in the widget's output area and close it, so pyplot does not show it twice."""
    display(fig)
    plt.close(fig)
    return fig
