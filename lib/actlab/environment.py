"""The environment self-check of lesson 00: is everything the course needs installed, new enough?"""

import html
import importlib.metadata
import re
import sys
from dataclasses import dataclass

# What the course needs at least; requirements.txt pins the exact versions it is tested with.
MINIMUM = {"numpy": "2.0", "scipy": "1.13", "matplotlib": "3.8", "ipywidgets": "8.0",
           "ipykernel": "6.0", "jupyterlab": "4.0", "actlab": "0.1"}


def _as_tuple(version):
    return tuple(int(part) for part in re.findall(r"\d+", version)[:3])


@dataclass
class Requirement:
    name: str
    found: str
    required: str
    ok: bool


@dataclass
class Report:
    rows: list

    @property
    def ok(self):
        return all(row.ok for row in self.rows)

    def __str__(self):
        lines = [f"{'component':12s} {'found':12s} {'required':10s} status"]
        lines += [f"{r.name:12s} {r.found:12s} >= {r.required:7s} {'ok' if r.ok else 'MISSING/OLD'}"
                  for r in self.rows]
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self):
        cells = "".join(
            f"<tr><td>{html.escape(r.name)}</td><td>{html.escape(r.found)}</td>"
            f"<td>&ge; {r.required}</td><td style='color:{'#009E73' if r.ok else '#D55E00'}'>"
            f"<b>{'ok' if r.ok else 'missing or too old'}</b></td></tr>" for r in self.rows)
        return ("<table><tr><th>component</th><th>found</th><th>required</th><th>status</th></tr>"
                f"{cells}</table>")


def check_environment():
    """Check Python and every package the course uses against :data:`MINIMUM`.

    Returns
    -------
    Report
        ``.ok`` is True when everything is present and new enough; it displays as a table.
    """
    python = ".".join(map(str, sys.version_info[:3]))
    rows = [Requirement("python", python, "3.11", sys.version_info[:2] >= (3, 11))]
    for name, required in MINIMUM.items():
        try:
            found = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            rows.append(Requirement(name, "not installed", required, False))
            continue
        rows.append(Requirement(name, found, required, _as_tuple(found) >= _as_tuple(required)))
    return Report(rows)
