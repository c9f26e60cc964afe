"""Clusters of parties that are one person: union–find under the rule of one number per person.

Seeds are groups already known to be one person (the same number, or an existing person). Scored
pairs are then joined strongest first, skipping any join that would put two different numbers in
one person: a probable link never overrules identity numbers.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Edge:
    left: int
    right: int
    probability: float


@dataclass(slots=True)
class Clusters:
    """Disjoint sets over party ids, each root remembering its number (if any)."""

    parent: dict[int, int] = field(default_factory=dict)
    key: dict[int, str | None] = field(default_factory=dict)

    def add(self, node: int, key: str | None) -> None:
        if node not in self.parent:
            self.parent[node] = node
            self.key[node] = key

    def find(self, node: int) -> int:
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:
            self.parent[node], node = root, self.parent[node]
        return root

    def union(self, a: int, b: int) -> bool:
        """Join the sets of ``a`` and ``b`` unless their numbers differ; ``True`` when joined."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        ka, kb = self.key[ra], self.key[rb]
        if ka is not None and kb is not None and ka != kb:
            return False
        self.parent[rb] = ra
        self.key[ra] = ka if ka is not None else kb
        return True

    def groups(self) -> dict[int, list[int]]:
        """Root → members."""
        out: dict[int, list[int]] = {}
        for node in self.parent:
            out.setdefault(self.find(node), []).append(node)
        return out


def cluster(
    *, keys: Mapping[int, str | None], seeds: Iterable[Sequence[int]], edges: Iterable[Edge]
) -> tuple[Clusters, dict[int, float]]:
    """Cluster the nodes; returns the sets and, per node joined by an edge, its best probability."""
    sets = Clusters()
    for node, key in keys.items():
        sets.add(node, key)
    for seed in seeds:
        for other in seed[1:]:
            sets.union(seed[0], other)
    best: dict[int, float] = {}
    for edge in sorted(edges, key=lambda e: -e.probability):
        if sets.union(edge.left, edge.right):
            for node in (edge.left, edge.right):
                best[node] = max(best.get(node, 0.0), edge.probability)
    return sets, best
