"""Shared test set-up: the library's own tests draw off-screen (notebooks keep the inline backend)."""

import matplotlib

matplotlib.use("Agg")
