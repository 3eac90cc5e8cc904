"""One stable layout for every moment of a scan, so only the ties change between pictures.

Users of network pictures ask for positions that stay put between measurement moments (statnet
ndtv#7 "flip-book", graphlayouts#20-23): otherwise T0 and T1 look different even when little
changed. The recipe: lay out the *union* of all moments once, then draw every moment with those
positions.

* :func:`scan_layout` places everyone on the union graph of all moments, at the any-report view
  of level 1 ("ken ik"), each pair weighted by the number of moments it is tied. The force model
  is Fruchterman & Reingold (1991, *Software: Practice and Experience* 21(11), 1129-1164):
  repulsion ``k^2 / d`` between every two people, attraction ``w d^2 / k`` along ties, a step per
  person capped by a temperature that cools linearly, plus a weak pull to the centre so isolates
  and small groups stay in the picture instead of drifting off. Written here with numpy (all
  pairs at once, ties as index arrays) because networkx switches to a per-node Python loop from
  500 people on, which takes about a second at 500 people / 20 000 ties; this takes a few
  hundredths of a second. Seeded, so the same scans always give the same picture.
* :func:`place_people` adds people who were not laid out yet (a new moment, a late joiner)
  around the ones who were, with ``networkx.spring_layout(pos=..., fixed=...)``; the fixed
  people's positions are copied from the input, so they cannot move.

Positions are (x, y) in [0, 1], y downwards as in SVG. Repulsion between all pairs costs
``n^2`` per iteration: fine for the few hundred people of a wijk (a few thousand at most).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

import networkx as nx
import numpy as np

from .levels import level_network
from .model import Scan

Position = tuple[float, float]
ITERATIONS = 60
GRAVITY = 0.05  # pull to the centre, relative to the repulsion scale k
LAYOUT_DEFINITION = (
    "one layout for all moments: Fruchterman & Reingold (1991) on the union graph of all "
    "moments (any-report ties at level 1, weighted by the number of moments a pair is tied), "
    "seeded, positions scaled into [0, 1]; people added later are placed around the others "
    "with networkx spring_layout, the others fixed")


def union_ties(scans: Sequence[Scan]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Everyone on any roster (sorted ids), the pairs tied at any moment as (m, 2) positions in
    that list (i < j, sorted), and per pair the number of moments it is tied.

    Sorting makes the layout independent of roster order, which callers do not promise.
    """
    ids = sorted({person for scan in scans for person in scan.ids})
    where = {person: i for i, person in enumerate(ids)}
    n = len(ids)
    keys = []
    for scan in scans:
        position = np.array([where[p] for p in scan.ids], dtype=np.int64)
        edges = position[level_network(scan, 1, "any").edges]
        if len(edges):
            keys.append(edges.min(axis=1) * n + edges.max(axis=1))
    if not keys:
        return ids, np.zeros((0, 2), dtype=np.intp), np.zeros(0)
    pairs, moments = np.unique(np.concatenate(keys), return_counts=True)
    return ids, np.column_stack(divmod(pairs, n)).astype(np.intp), moments.astype(np.float64)


def _start(ids: list[str], seed: int) -> np.ndarray:
    """Start positions from a hash of (seed, id): a person's start does not depend on who else
    is on the roster, so adding someone does not reshuffle everybody."""
    out = np.empty((len(ids), 2))
    for row, person in enumerate(ids):
        digest = hashlib.blake2b(f"{seed}:{person}".encode(), digest_size=8).digest()
        out[row] = (int.from_bytes(digest[:4], "big") / 2**32,
                    int.from_bytes(digest[4:], "big") / 2**32)
    return out


def fruchterman_reingold(n: int, edges: np.ndarray, weights: np.ndarray, start: np.ndarray,
                         iterations: int = ITERATIONS, gravity: float = GRAVITY) -> np.ndarray:
    """Force-directed positions ((n, 2) array) from ``start``; see the module docstring."""
    pos = np.array(start, dtype=np.float64)
    if n < 2:
        return pos
    k = 1.0 / np.sqrt(n)
    u, v = (edges[:, 0], edges[:, 1]) if len(edges) else (np.zeros(0, int), np.zeros(0, int))
    w = np.asarray(weights, dtype=np.float64)
    x, y = pos[:, 0].copy(), pos[:, 1].copy()
    dx, dy, d2 = (np.empty((n, n)) for _ in range(3))
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        np.subtract(x[:, None], x[None, :], out=dx)
        np.subtract(y[:, None], y[None, :], out=dy)
        np.multiply(dx, dx, out=d2)
        d2 += dy * dy
        np.maximum(d2, 1e-9, out=d2)  # two people on one spot still push apart
        np.divide(k * k, d2, out=d2)  # repulsion k^2/d along the unit vector: dx k^2 / d^2
        fx, fy = (dx * d2).sum(axis=1), (dy * d2).sum(axis=1)
        ex, ey = x[u] - x[v], y[u] - y[v]
        pull = w * np.sqrt(ex * ex + ey * ey) / k  # attraction d^2/k along the unit vector
        fx -= np.bincount(u, pull * ex, n) - np.bincount(v, pull * ex, n)
        fy -= np.bincount(u, pull * ey, n) - np.bincount(v, pull * ey, n)
        fx -= gravity * (x - x.mean()) / k
        fy -= gravity * (y - y.mean()) / k
        length = np.maximum(np.sqrt(fx * fx + fy * fy), 1e-12)
        step = np.minimum(length, temperature) / length
        x += fx * step
        y += fy * step
        temperature -= cooling
    return np.column_stack([x, y])


def normalise(pos: np.ndarray) -> np.ndarray:
    """Scale into [0, 1] keeping the aspect ratio; the shorter side is centred."""
    if len(pos) == 0:
        return pos
    low, high = pos.min(axis=0), pos.max(axis=0)
    span = float((high - low).max())
    if span == 0:
        return np.full_like(pos, 0.5)
    return (pos - low) / span + (1 - (high - low) / span) / 2


def scan_layout(scans: Sequence[Scan], *, seed: int = 0,
                iterations: int = ITERATIONS) -> dict[str, Position]:
    """Positions in [0, 1] for everyone on any roster, from the union graph of all moments."""
    ids, edges, weights = union_ties(scans)
    if not ids:
        return {}
    pos = normalise(fruchterman_reingold(len(ids), edges, weights, _start(ids, seed),
                                         iterations))
    return {person: (float(pos[i, 0]), float(pos[i, 1])) for i, person in enumerate(ids)}


def place_people(known: Mapping[str, Position], scans: Sequence[Scan], *, seed: int = 0,
                 iterations: int = ITERATIONS) -> dict[str, Position]:
    """``known`` unchanged plus positions for everyone in ``scans`` not in it.

    The newcomers start at the middle of their known contacts (or at a seeded random spot) and
    settle by ``networkx.spring_layout`` with the known people fixed; a newcomer who would land
    outside the frame is clipped to its edge, since the known people may not be rescaled.
    """
    ids, edges, weights = union_ties(scans)
    new = [person for person in ids if person not in known]
    out = {person: (float(x), float(y)) for person, (x, y) in known.items()}
    if not new:
        return out
    if not known:
        return scan_layout(scans, seed=seed, iterations=iterations)
    graph = nx.Graph()
    graph.add_nodes_from(sorted(known))
    graph.add_nodes_from(new)
    graph.add_weighted_edges_from((ids[a], ids[b], w)
                                  for (a, b), w in zip(edges.tolist(), weights.tolist(),
                                                       strict=True))
    start = dict(out)
    random_start = _start(new, seed)
    for row, person in enumerate(new):
        contacts = [out[c] for c in graph[person] if c in out]
        if contacts:
            start[person] = tuple(np.mean(contacts, axis=0) + (random_start[row] - 0.5) * 0.02)
        else:
            start[person] = tuple(random_start[row])
    placed = nx.spring_layout(graph, pos=start, fixed=sorted(known), seed=seed,
                              iterations=iterations, method="force")
    for person in new:
        x, y = np.clip(placed[person], 0.0, 1.0)
        out[person] = (float(x), float(y))
    return out
