"""Clustering: strongest pairs first, never two numbers in one person."""

import numpy as np

from warehouse.linkage.cluster import Clustering, cluster


def _run(*, groups: list[int], keys: list[int], pairs: list[tuple[int, int, float]]) -> Clustering:
    left, right, probability = zip(*pairs, strict=True) if pairs else ((), (), ())
    return cluster(
        groups=np.array(groups, dtype=np.int64),
        keys=np.array(keys, dtype=np.int64),
        left=np.array(left, dtype=np.int64),
        right=np.array(right, dtype=np.int64),
        probability=np.array(probability, dtype=np.float64),
    )


def test_a_probable_link_never_joins_two_numbers() -> None:
    result = _run(groups=[-1] * 3, keys=[0, 1, -1], pairs=[(0, 2, 0.99), (1, 2, 0.95)])
    assert result.roots[0] == result.roots[2] != result.roots[1]
    assert result.best[2] == 0.99 and np.isnan(result.best[1])


def test_the_stronger_pair_wins_a_contested_party() -> None:
    result = _run(groups=[-1] * 3, keys=[0, 1, -1], pairs=[(0, 2, 0.91), (1, 2, 0.97)])
    assert result.roots[2] == result.roots[1]


def test_groups_are_one_person_before_any_pair() -> None:
    result = _run(groups=[0, 0, 1, 1], keys=[5, 5, -1, -1], pairs=[(1, 3, 0.93)])
    assert len(set(result.roots.tolist())) == 1


def test_a_group_keeps_the_number_of_any_member() -> None:
    # Row 1 holds the group's number although row 0 is the group's first row.
    result = _run(groups=[0, 0, -1], keys=[-1, 7, 8], pairs=[(0, 2, 0.99)])
    assert result.roots[2] != result.roots[0]
