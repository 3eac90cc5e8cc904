"""Degree and betweenness, and Freeman's (1979) centralization of both.

Freeman, L. C. (1979). Centrality in social networks: conceptual clarification. *Social
Networks* 1(3), 215-239. Centralization is ``sum_i (c_max - c_i) / C_max`` where ``C_max`` is
that sum in the most centralized graph of the same size and kind (a star):

* in- or out-degree, directed, no loops: ``(n-1)^2``;
* degree, undirected: ``(n-1)(n-2)``;
* betweenness (raw, ordered pairs), directed: ``(n-1)^2 (n-2)``;
* betweenness (raw, unordered pairs), undirected: ``(n-1)^2 (n-2) / 2``.

It is None (undefined) when ``C_max`` is 0: fewer than 2 people for directed degree, fewer than
3 otherwise. networkx has no centralization; the formulas are those of R igraph's
``centr_degree_tmax`` / ``centr_betw_tmax`` (not its code).
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import scipy.sparse as sp

# Above this many people the dense all-sources matrices (n x n floats, several of them) stop
# paying off; networkx's per-source Brandes is used instead.
DENSE_LIMIT = 1500

DEGREE_CENTRALIZATION_DEFINITION = (
    "Freeman (1979): sum of (max degree - degree) / (n-1)^2 for in- or out-degree (directed), "
    "/ (n-1)(n-2) for degree (undirected); 1 for a star, 0 when all degrees are equal")
BETWEENNESS_CENTRALIZATION_DEFINITION = (
    "Freeman (1979) on raw betweenness (Brandes 2001): sum of (max - b_i) / (n-1)^2 (n-2) "
    "(directed), / (n-1)^2 (n-2) / 2 (undirected); 1 for a star, 0 without brokers")


def freeman_centralization(scores: np.ndarray, c_max: float) -> float | None:
    """``sum(max(scores) - scores) / c_max``, or None when ``c_max`` is 0 (too few people)."""
    if c_max <= 0 or len(scores) == 0:
        return None
    scores = np.asarray(scores, dtype=float)
    return float((scores.max() - scores).sum() / c_max)


def degree_centralization(adjacency: np.ndarray, mode: str) -> float | None:
    """Freeman degree centralization; ``mode`` is ``in``, ``out`` or ``undirected``."""
    n = adjacency.shape[0]
    if mode == "in":
        return freeman_centralization(adjacency.sum(axis=0), (n - 1) ** 2)
    if mode == "out":
        return freeman_centralization(adjacency.sum(axis=1), (n - 1) ** 2)
    if mode == "undirected":
        return freeman_centralization(adjacency.sum(axis=1), (n - 1) * (n - 2))
    raise ValueError(f"mode must be in, out or undirected, got {mode!r}")


def betweenness(adjacency: np.ndarray, directed: bool, method: str = "auto") -> np.ndarray:
    """Raw shortest-path betweenness per node (roster order), as networkx with normalized=False.

    Brandes (2001), *J. Math. Sociol.* 25(2), run for all sources at once: breadth-first levels
    and path counts ``sigma`` as n x n matrices (row = source), then the dependency
    ``delta_s(v) = sum_{w: v -> w, d(w) = d(v)+1} sigma_sv / sigma_sw (1 + delta_s(w))`` one
    level at a time. Directed graphs count ordered pairs; undirected ones unordered pairs (the
    ordered sum halved). Unweighted ties only; loops are ignored.

    ``method="auto"`` uses these matrices, except for very sparse or very large graphs (long
    chains make many levels; thousands of people make large matrices), where networkx's
    per-source Brandes is faster; ``"matrix"`` and ``"networkx"`` force one.
    """
    if method not in ("auto", "matrix", "networkx"):
        raise ValueError(f"method must be auto, matrix or networkx, got {method!r}")
    n = adjacency.shape[0]
    if n < 3:
        return np.zeros(n)
    if method == "auto":
        links = int(np.count_nonzero(adjacency)) - int(np.count_nonzero(np.diagonal(adjacency)))
        method = "networkx" if n > DENSE_LIMIT or links < 4 * n else "matrix"
    if method == "networkx":
        graph = nx.from_numpy_array(np.asarray(adjacency, dtype=np.int8),
                                    create_using=nx.DiGraph if directed else nx.Graph)
        graph.remove_edges_from(nx.selfloop_edges(graph))
        scores = nx.betweenness_centrality(graph, normalized=False)
        return np.array([scores[i] for i in range(n)])
    adj = np.array(adjacency, dtype=bool)
    np.fill_diagonal(adj, False)
    # Sparse products cost n * ties per step; dense BLAS wins on dense graphs.
    sparse = adj.sum() * 16 < n * n
    forward = sp.csr_array(adj.astype(np.float64)) if sparse else adj.astype(np.float64)
    backward = forward.T.tocsr() if sparse else forward.T

    def step(frontier: np.ndarray, matrix) -> np.ndarray:
        return (matrix.T @ frontier.T).T if sparse else frontier @ matrix

    sigma = np.eye(n)
    visited = np.eye(n, dtype=bool)
    frontier = np.eye(n)
    layers: list[np.ndarray] = [visited.copy()]
    while True:
        reach = step(frontier, forward)
        reach[visited] = 0.0
        new = reach > 0
        if not new.any():
            break
        sigma[new] = reach[new]
        visited |= new
        layers.append(new)
        frontier = np.where(new, reach, 0.0)
    delta = np.zeros((n, n))
    for depth in range(len(layers) - 1, 1, -1):
        at_w, at_v = layers[depth], layers[depth - 1]
        share = np.zeros((n, n))
        share[at_w] = (1.0 + delta[at_w]) / sigma[at_w]
        pulled = step(share, backward)  # pulled[s, v] = sum_w adj[v, w] share[s, w]
        delta[at_v] += sigma[at_v] * pulled[at_v]
    scores = delta.sum(axis=0)
    return scores if directed else scores / 2.0


def betweenness_centralization(adjacency: np.ndarray, directed: bool,
                               scores: np.ndarray | None = None) -> float | None:
    """Freeman betweenness centralization from raw betweenness (computed if not given)."""
    n = adjacency.shape[0]
    if scores is None:
        scores = betweenness(adjacency, directed)
    c_max = (n - 1) ** 2 * (n - 2) if directed else (n - 1) ** 2 * (n - 2) / 2
    return freeman_centralization(scores, c_max)
