import gc

import pytest

from tracker.gcpause import no_cyclic_gc


@pytest.fixture
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_paused_inside_and_resumed_after_even_on_error(collector_on):
    with no_cyclic_gc():
        assert not gc.isenabled()
        with no_cyclic_gc():  # nested: the outer block stays paused
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), no_cyclic_gc():
        raise RuntimeError
    assert gc.isenabled()


def test_a_caller_that_paused_it_keeps_it_paused(collector_on):
    gc.disable()
    with no_cyclic_gc():
        pass
    assert not gc.isenabled()
    gc.enable()


def test_as_a_decorator(collector_on):
    @no_cyclic_gc()
    def inside() -> bool:
        return gc.isenabled()

    assert inside() is False and inside() is False  # each call pauses anew
    assert gc.isenabled()
