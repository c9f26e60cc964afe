"""Clusters of parties that are one person: union–find under the rule of one number per person.

Rows (parties) start in groups already known to be one person: the same number, or an existing
person. Scored pairs then join groups strongest first, skipping any join that would put two
different numbers in one person: a probable link never overrules identity numbers. Everything is
held in integer arrays, so two million parties cost a few tens of megabytes.
"""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Clustering:
    """Per row: the row id of its cluster's root, and the best probability that joined it
    (NaN for rows no pair joined)."""

    roots: Ints
    best: Floats


def _find(parent: Ints, node: int) -> int:
    while parent[node] != node:
        parent[node] = parent[parent[node]]
        node = int(parent[node])
    return node


def cluster(
    *, groups: Ints, keys: Ints, left: Ints, right: Ints, probability: Floats
) -> Clustering:
    """Cluster rows ``0..n-1``; ``groups``/``keys`` are codes (-1 for none), the pairs are rows."""
    n = len(keys)
    parent = np.arange(n, dtype=np.int64)
    grouped = np.flatnonzero(groups >= 0)
    if len(grouped):
        codes = groups[grouped]
        first = np.full(int(codes.max()) + 1, -1, dtype=np.int64)
        # Reversed assignment leaves each code's first row in place.
        first[codes[::-1]] = grouped[::-1]
        parent[grouped] = first[codes]
    key_of = np.full(n, -1, dtype=np.int64)
    np.maximum.at(key_of, parent, keys)
    best = np.full(n, np.nan)
    for i in np.argsort(-probability, kind="stable"):
        a, b = _find(parent, int(left[i])), _find(parent, int(right[i]))
        if a != b:
            if key_of[a] >= 0 and key_of[b] >= 0 and key_of[a] != key_of[b]:
                continue
            parent[b] = a
            key_of[a] = max(key_of[a], key_of[b])
        for row in (int(left[i]), int(right[i])):
            best[row] = np.fmax(best[row], probability[i])
    while not np.array_equal(jumped := parent[parent], parent):
        parent = jumped
    return Clustering(roots=parent, best=best)
