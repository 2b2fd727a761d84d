import gc

import pytest

from tracker.gcpause import long_lived, no_cyclic_gc


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


def test_long_lived_freezes_what_it_made_and_frees_the_last_one_first(collector_on):
    gc.unfreeze()
    try:
        with long_lived():
            first = [[i] for i in range(100)]
        assert gc.get_freeze_count() >= len(first)
        # a cycle frozen by the first use is garbage the second use gives back to the collector
        cycle: list[object] = []
        cycle.append(cycle)
        gc.freeze()
        del cycle
        with long_lived():
            assert gc.get_freeze_count() == 0
            second = [[i] for i in range(100)]
        assert gc.get_freeze_count() >= len(second)
    finally:
        gc.unfreeze()


def test_long_lived_pauses_the_collector_until_it_froze(collector_on):
    gc.unfreeze()
    try:
        with long_lived():
            assert not gc.isenabled()  # no young-generation pass over what the block makes
        assert gc.isenabled()
        with pytest.raises(RuntimeError), long_lived():
            raise RuntimeError
        assert gc.isenabled()
    finally:
        gc.unfreeze()
