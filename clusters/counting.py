"""How many published clusters a selection matches, counted once per data version and selection.

A page of 100 used to count the whole selection on every request, which
grows with the table (issue 17, item 2). The count cannot change while the
data version holds, so each process keeps it under (version, selection):
a write moves the version and the next request counts afresh; no entry is
ever invalidated, old ones just fall out of the small LRU.
"""

import threading
from collections import OrderedDict

from clusters.filters import ClusterFilters
from clusters.selectors import cluster_list

MAX_ENTRIES = 512
_counts: OrderedDict = OrderedDict()
_lock = threading.Lock()


def cluster_count(filters: ClusterFilters, version: int, *, queryset=None, key=()) -> int:
    """The number of clusters `filters` select (or `queryset`, a narrowing of cluster_list(filters), or a
    function making it only when the count is not kept).

    `version` is the data version the caller read before (the one in its ETag);
    `key` names whatever narrows `queryset` beyond the filters (OGC's datetime).
    """
    entry = (version, filters, key)
    with _lock:
        if entry in _counts:
            _counts.move_to_end(entry)
            return _counts[entry]
    if callable(queryset):
        queryset = queryset()
    count = (cluster_list(filters) if queryset is None else queryset).order_by().count()
    with _lock:
        _counts[entry] = count
        while len(_counts) > MAX_ENTRIES:
            _counts.popitem(last=False)
    return count


def cluster_count_forget() -> None:
    """Drop every kept count: for tests, whose rolled-back transactions reuse data versions."""
    with _lock:
        _counts.clear()
