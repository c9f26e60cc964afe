"""A batch's pages cut into slices: every page in exactly one slice, in order."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from assets.readings import slice_pages
from assets.resources import FakeOcrResource
from batch.pages import PageRef


def _refs(count: int) -> list[PageRef]:
    return [
        PageRef(file=f"{n}.png", path=Path(f"{n}.png"), sha256=f"{n:064x}", page=1)
        for n in range(count)
    ]


@settings(deadline=None, max_examples=15)
@given(pages=st.integers(0, 120), size=st.integers(1, 40))
def test_every_page_falls_in_exactly_one_slice(pages: int, size: int) -> None:
    refs = _refs(pages)
    slices = list(slice_pages(ocr=FakeOcrResource(workers=1, slice_pages=size), pages=refs))
    assert [p for s in slices for p in s.value] == refs
    assert all(len(s.value) <= size for s in slices)
    assert len({s.mapping_key for s in slices}) == len(slices) == max(1, -(-pages // size))
