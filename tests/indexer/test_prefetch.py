"""A listing walked ahead in its own thread gives the same items and failures as walked directly."""

import threading

import pytest

from indexer.prefetch import prefetched


class ListingBroke(Exception):
    pass


def test_items_arrive_in_order_and_all_of_them():
    assert list(prefetched(range(2000), ahead=7)) == list(range(2000))


def test_a_failure_comes_after_the_items_listed_before_it():
    def listing():
        yield from range(5)
        raise ListingBroke("page 2")

    seen = []
    with pytest.raises(ListingBroke, match="page 2"):
        for item in prefetched(listing(), ahead=2):
            seen.append(item)
    assert seen == [0, 1, 2, 3, 4]


def test_the_listing_runs_ahead_of_the_consumer():
    taken = []
    enough = threading.Event()

    def listing():
        for number in range(10):
            taken.append(number)
            if len(taken) == 4:
                enough.set()
            yield number

    items = prefetched(listing(), ahead=3)
    assert next(items) == 0
    # The consumer holds one item; three more wait for it without being asked for.
    assert enough.wait(5)
    items.close()


def test_stopping_early_ends_the_walk():
    walked = []

    def endless():
        number = 0
        while True:
            walked.append(number)
            yield number
            number += 1

    items = prefetched(endless(), ahead=2)
    assert [next(items) for _ in range(3)] == [0, 1, 2]
    items.close()  # joins the thread: it must notice and stop
    stopped_at = len(walked)
    assert stopped_at <= 3 + 2 + 2
    assert len(walked) == stopped_at
