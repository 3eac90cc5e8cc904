"""Readers for the published research networks used to check the core on real data.

* Knoke & Wood (1981) bureaucracies: UCINET-style text, ``knokbur.dat`` (information and money
  relations among 10 organisations, sector GOV / VOL / PVT).
* Krackhardt (1987) high-tech managers: edge lists ``i j tie`` for all 21 x 21 pairs (advice,
  friendship, reports-to) and an attribute CSV (age, tenure, level, department).
* Lazega (2001) law firm: ``ELwork.dat`` (71 x 71 co-work matrix) and ``ELattr.dat``
  (seniority, status, gender, office, years, age, practice, law school); the first 36 are the
  partners.

These files are research data, not scan exports: a relation becomes a one-level scan with
:func:`scan_from_relation` (tie -> level 1, everyone a respondent).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .model import Person, Scan

_DL_HEADER = re.compile(r"^\s*\d+\s*,\s*(\d+)\s*,\s*(\d+)\s*,")
LAZEGA_ATTRIBUTES = ("seniority", "status", "gender", "office", "years", "age", "practice",
                     "school")
LAZEGA_OFFICES = {"1": "Boston", "2": "Hartford", "3": "Providence"}


@dataclass(frozen=True, eq=False)
class MatrixNetwork:
    """Actors, their attributes and one 0/1 adjacency matrix per relation (row sends to col)."""

    name: str
    labels: tuple[str, ...]
    attributes: dict[str, tuple[str, ...]]
    relations: dict[str, np.ndarray]


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="latin-1").splitlines()


def read_knoke(path: Path) -> MatrixNetwork:
    """Parse ``knokbur.dat``: named matrix blocks, then an ``ID,...`` attribute block.

    The money block labels MAYR as "MAYO" (a typo upstream); actors are matched by position, and
    the labels of the first block are used.
    """
    lines = _lines(path)
    relations: dict[str, np.ndarray] = {}
    attributes: dict[str, tuple[str, ...]] = {}
    labels: tuple[str, ...] = ()
    previous = ""
    k = 0
    while k < len(lines):
        header = _DL_HEADER.match(lines[k])
        if not header:
            if lines[k].strip():
                previous = lines[k].strip()
            k += 1
            continue
        rows, cols = int(header.group(1)), int(header.group(2))
        names = [x.strip() for x in lines[k + 1].split(",")]
        body = [lines[k + 2 + r].split() for r in range(rows)]
        if names[0].upper() == "ID":
            for c, attr in enumerate(names[1:], start=1):
                attributes[attr.lower()] = tuple(row[c] for row in body)
        else:
            if len(names) != cols or any(len(row) != cols for row in body):
                raise ValueError(f"{path}: block {previous!r} is not {rows} x {cols}")
            labels = labels or tuple(names)
            relations[previous] = np.array(body, dtype=np.int64) > 0
        k += 2 + rows
    return MatrixNetwork("Knoke & Wood bureaucracies", labels, attributes, relations)


def read_krackhardt(folder: Path) -> MatrixNetwork:
    """Parse the Krackhardt high-tech managers edge lists and attributes (ids 1-21)."""
    with (folder / "High-Tec-Attributes.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], [r for r in rows[1:] if r]
    labels = tuple(r[0].strip() for r in body)
    attributes = {name.strip().lower(): tuple(r[c].strip() for r in body)
                  for c, name in enumerate(header) if c > 0}
    position = {label: i for i, label in enumerate(labels)}
    relations = {}
    for relation in ("Advice", "Friendship", "ReportsTo"):
        matrix = np.zeros((len(labels), len(labels)), dtype=bool)
        for line in _lines(folder / f"High-Tec-edgelist-{relation}.txt"):
            if line.strip():
                i, j, tie = line.split()
                matrix[position[i], position[j]] = int(tie) > 0
        relations[relation.lower()] = matrix
    return MatrixNetwork("Krackhardt high-tech managers", labels, attributes, relations)


def read_lazega(folder: Path, partners_only: bool = True) -> MatrixNetwork:
    """Parse the Lazega co-work network; ``partners_only`` keeps the 36 partners (status 1)."""
    body = [line.split() for line in _lines(folder / "ELattr.dat") if line.strip()]
    work = np.array([line.split() for line in _lines(folder / "ELwork.dat") if line.strip()],
                    dtype=np.int64) > 0
    if work.shape != (len(body), len(body)):
        raise ValueError(f"ELwork.dat is {work.shape}, ELattr.dat has {len(body)} lawyers")
    keep = [i for i, row in enumerate(body) if not partners_only or row[1] == "1"]
    labels = tuple(str(int(body[i][0])) for i in keep)
    attributes = {name: tuple(body[i][c] for i in keep)
                  for c, name in enumerate(LAZEGA_ATTRIBUTES)}
    attributes["office_name"] = tuple(LAZEGA_OFFICES.get(v, v) for v in attributes["office"])
    return MatrixNetwork("Lazega law firm", labels, attributes,
                         {"cowork": work[np.ix_(keep, keep)]})


def scan_from_relation(network: MatrixNetwork, relation: str, sector: str,
                       moment: str = "") -> Scan:
    """One relation as a complete-response scan: a tie is level 1, its absence level 0."""
    matrix = network.relations[relation]
    people = tuple(Person(label, label, network.attributes[sector][i])
                   for i, label in enumerate(network.labels))
    answers = {(network.labels[i], network.labels[j]): 1
               for i, j in np.argwhere(matrix).tolist() if i != j}
    return Scan(moment or f"{network.name}: {relation}", people,
                frozenset(network.labels), answers)
