"""Who is one person: namesakes, a couple across marriage and divorce, live registrations."""

from datetime import date

from tests.warehouse.linkage.helpers import event, load, number, person_of
from warehouse.db import transaction
from warehouse.linkage import link_records

XIUYING = {"name": "李秀英", "birth_date": date(1952, 3, 8), "id_number": None, "ethnicity": "汉族"}
HUKOU_A = "云南省楚雄彝族自治州双柏县妥甸镇河边村委会"
HUKOU_B = "云南省楚雄彝族自治州武定县狮山镇新村村委会核桃村102号"


def _husband(name: str, born: date, **extra: object) -> dict[str, object]:
    return {"name": name, "birth_date": born, "id_number": None, **extra}


def _link(url: str, record_ids: list[int] | None = None) -> None:
    with transaction(url) as session:
        link_records(session, record_ids=record_ids)


def test_two_namesakes_born_the_same_day_stay_two_people(store_url: str) -> None:
    ids = load(
        store_url,
        [
            event(
                "marriage",
                date(1972, 5, 1),
                "(72)双民结字第0001号",
                male=_husband("张国强", date(1950, 1, 2)),
                female={**XIUYING, "hukou": HUKOU_A},
            ),
            event(
                "marriage",
                date(1975, 9, 9),
                "(75)武民结字第0002号",
                male=_husband("王建华", date(1949, 7, 7)),
                female={**XIUYING, "hukou": HUKOU_B},
            ),
        ],
    )
    _link(store_url)
    assert person_of(store_url, record_id=ids[0], sex="女") != person_of(
        store_url, record_id=ids[1], sex="女"
    )


def test_a_shared_hukou_joins_namesakes(store_url: str) -> None:
    ids = load(
        store_url,
        [
            event(
                "marriage",
                date(1972, 5, 1),
                "(72)双民结字第0001号",
                male=_husband("张国强", date(1950, 1, 2)),
                female={**XIUYING, "hukou": HUKOU_A},
            ),
            event(
                "marriage",
                date(1980, 9, 9),
                "(80)双民结字第0002号",
                male=_husband("王建华", date(1949, 7, 7)),
                female={**XIUYING, "hukou": HUKOU_A},
            ),
        ],
    )
    _link(store_url)
    assert person_of(store_url, record_id=ids[0], sex="女") == person_of(
        store_url, record_id=ids[1], sex="女"
    )


def test_the_same_couple_across_marriage_and_divorce_is_one_person(store_url: str) -> None:
    wife = {**XIUYING, "hukou": HUKOU_A}
    husband = _husband("张国强", date(1950, 1, 2), hukou=HUKOU_A)
    ids = load(
        store_url,
        [event("marriage", date(1979, 5, 1), "(79)双民结字第0001号", male=husband, female=wife)],
    )
    _link(store_url)
    # Years later she lives elsewhere and carries a 15-digit number; he is the same spouse.
    numbered = number(date(1952, 3, 8), sex="女", address="532322")
    later = load(
        store_url,
        [
            event(
                "divorce",
                date(1993, 6, 1),
                "(93)楚民离字第0002号",
                male=husband,
                female={**wife, "hukou": HUKOU_B, "id_number": numbered[:6] + numbered[8:17]},
            ),
        ],
    )
    _link(store_url, later)
    assert person_of(store_url, record_id=ids[0], sex="女") == person_of(
        store_url, record_id=later[0], sex="女"
    )


def test_a_live_registration_with_a_number_joins_the_existing_person(store_url: str) -> None:
    key = number(date(1952, 3, 8), sex="女", address="532322")
    old = load(
        store_url,
        [
            event(
                "marriage",
                date(1993, 5, 1),
                "(93)双民结字第0001号",
                male=_husband("张国强", date(1950, 1, 2)),
                female={**XIUYING, "hukou": HUKOU_A, "id_number": key[:6] + key[8:17]},
            ),
        ],
    )
    _link(store_url)
    new = load(
        store_url,
        [
            event(
                "divorce",
                date(2023, 6, 1),
                "L532301-2023-000001",
                male=_husband("张国强", date(1950, 1, 2)),
                female={**XIUYING, "hukou": HUKOU_B, "id_number": key},
            ),
        ],
    )
    _link(store_url, new)
    assert person_of(store_url, record_id=old[0], sex="女") == person_of(
        store_url, record_id=new[0], sex="女"
    )


def test_a_number_garbled_by_ocr_joins_the_person_the_store_knows(store_url: str) -> None:
    born = date(1978, 5, 29)
    key = next(n for s in range(1, 60) if (n := number(born, sex="女", seq=s)).endswith("X"))
    wife = {**XIUYING, "birth_date": born, "hukou": HUKOU_A}
    ids = load(
        store_url,
        [
            event(
                "marriage",
                date(2005, 5, 1),
                "J1",
                male=_husband("张国强", date(1975, 1, 2)),
                female={**wife, "id_number": key},
            ),
            # The scan read the check character X as 8: the number is not well formed.
            event(
                "divorce",
                date(2010, 6, 1),
                "L1",
                male=_husband("王建华", date(1970, 7, 7)),
                female={**wife, "hukou": HUKOU_B, "id_number": key[:-1] + "8"},
            ),
        ],
    )
    _link(store_url)
    assert person_of(store_url, record_id=ids[0], sex="女") == person_of(
        store_url, record_id=ids[1], sex="女"
    )
