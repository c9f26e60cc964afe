"""Clustering: strongest pairs first, never two numbers in one person."""

from warehouse.linkage.cluster import Edge, cluster


def test_a_probable_link_never_joins_two_numbers() -> None:
    keys = {1: "A", 2: "B", 3: None}
    sets, best = cluster(keys=keys, seeds=[], edges=[Edge(1, 3, 0.99), Edge(2, 3, 0.95)])
    assert sets.find(1) == sets.find(3) != sets.find(2)
    assert best == {1: 0.99, 3: 0.99}


def test_the_stronger_pair_wins_a_contested_party() -> None:
    keys = {1: "A", 2: "B", 3: None}
    sets, _ = cluster(keys=keys, seeds=[], edges=[Edge(1, 3, 0.91), Edge(2, 3, 0.97)])
    assert sets.find(3) == sets.find(2)


def test_seeds_are_one_person_before_any_pair() -> None:
    keys = {1: "A", 2: "A", 3: None, 4: None}
    sets, _ = cluster(keys=keys, seeds=[[1, 2], [3, 4]], edges=[Edge(2, 4, 0.93)])
    assert len(set(sets.groups())) == 1
