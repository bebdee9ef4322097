"""What the map reads, copied into memory once per version of the store, and its answers cached.

The map's requests (the points of a viewport, the timeline, the facets, the stats and charts) all
read the reviewed events (`marsad.store.reviews.reviewed_events_sql`: every event with its latest
review laid over it). Read straight from the file, each request pays for opening the store (tens of
milliseconds) and for that overlay, and 50 users panning the map queue behind one another. Instead:

- a `Snapshot` holds the reviewed events (every column but the notes, and each located point's
  GeoJSON Feature ready written) in an in-memory DuckDB table, `SNAPSHOT_TABLE`, sorted by date,
  built once per version of the store through one short read-only connection that is closed at
  once (so another process may ingest at any time);
- every request first asks the store's version (`Snapshots.current`): for a store read per request
  (`marsad serve` without a token) the file's and its WAL's size, times and inode and a digest of the
  file's first blocks, where DuckDB rewrites its headers at each checkpoint, cheap enough to check on
  every request; a new version builds a new snapshot before the request is answered, so a request
  always sees what was committed before it;
- each snapshot keeps a bounded LRU of finished answers (body and gzip) keyed by the route and its
  normalised query, so a repeated viewport, the facets and the page cost nothing; a new version
  starts with an empty cache.
"""

from __future__ import annotations

import collections
import gzip
import os
import threading
import time
import zlib
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from marsad.store.reviews import REVIEWED_EVENTS
from marsad.web.data import FEATURE_SQL

# the name the snapshot's table of reviewed events goes by in the data queries (`FROM reviewed e`)
SNAPSHOT_TABLE = "reviewed"
# its column of each point's GeoJSON Feature, written once per snapshot (writing the JSON is most
# of a viewport query's time; kept, it costs some 350 bytes an event)
FEATURE_COLUMN = "e._feature"
# columns left out of the snapshot: long free text no map query filters on
_LEFT_OUT = ("notes",)
# bytes read from the head of a DuckDB file for its version (its main and two database headers)
HEADER_BYTES = 12 * 1024
# an answer cache's bounds, per snapshot
MAX_ANSWERS = 512
MAX_ANSWER_BYTES = 64 * 1024 * 1024


@dataclass
class Answer:
    """A finished answer: its body and content type, gzipped once when first asked for."""

    body: bytes
    ctype: str
    _gzipped: bytes | None = field(default=None, repr=False)

    def gzipped(self) -> bytes:
        if self._gzipped is None:  # two threads racing compress the same bytes: harmless
            self._gzipped = gzip.compress(self.body, compresslevel=1, mtime=0)
        return self._gzipped

    @property
    def size(self) -> int:
        return len(self.body) + len(self._gzipped or b"")


class AnswerCache:
    """A least-recently-used map of answers, bounded in entries and bytes."""

    def __init__(self, max_entries: int = MAX_ANSWERS, max_bytes: int = MAX_ANSWER_BYTES) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._items: collections.OrderedDict[Hashable, Answer] = collections.OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: Hashable) -> Answer | None:
        with self._lock:
            found = self._items.get(key)
            if found is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: Hashable, answer: Answer) -> Answer:
        size = answer.size
        with self._lock:
            if size > self.max_bytes:
                return answer  # too big to keep: answered, not cached
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= old.size
            self._items[key] = answer
            self._bytes += size
            while len(self._items) > self.max_entries or self._bytes > self.max_bytes:
                _, dropped = self._items.popitem(last=False)
                self._bytes -= dropped.size
        return answer


def read_reviewed(source: Any) -> Any:
    """The reviewed events of a store (every column but `_LEFT_OUT`), read whole from `source` (a
    connection or cursor of it) as an Arrow table: the store is then free to close at once."""
    exclude = ", ".join(_LEFT_OUT)
    return source.sql(f"SELECT e.* EXCLUDE ({exclude}) FROM {REVIEWED_EVENTS} e").to_arrow_table()


class Snapshot:
    """The reviewed events of one version of the store, in memory, and the answers made from them."""

    def __init__(self, version: Hashable, reviewed: Any, answers: AnswerCache | None = None) -> None:
        """Hold `reviewed` (`read_reviewed`'s table), sorted, each located point's Feature written."""
        import duckdb

        self.version = version
        self.answers = answers if answers is not None else AnswerCache()
        # one thread a query: the requests run side by side instead
        self.con = duckdb.connect(":memory:", config={"threads": 1})
        self.con.register("_source", reviewed)
        self.con.execute(
            f"CREATE TABLE {SNAPSHOT_TABLE} AS SELECT e.*, CASE WHEN e.latitude IS NOT NULL "
            f"AND e.longitude IS NOT NULL THEN {FEATURE_SQL} END AS _feature FROM _source e "
            "ORDER BY e.event_date NULLS LAST, e.event_id"
        )
        self.con.unregister("_source")
        self.events = int(reviewed.num_rows)
        self._cursors: list[Any] = []
        self._lock = threading.Lock()

    @contextmanager
    def cursor(self) -> Iterator[Any]:
        """A cursor of the in-memory snapshot, taken from (and given back to) a small pool."""
        with self._lock:
            cur = self._cursors.pop() if self._cursors else self.con.cursor()
        try:
            yield cur
        finally:
            with self._lock:
                self._cursors.append(cur)


class Snapshots:
    """The current snapshot of a store: rebuilt, one request building while the others wait, when
    `version()` differs from the snapshot's.

    `version` may raise (StoreBusy while a writer holds the file): the request then fails as it
    would have reading the file. `source` opens a connection of the store (closed after the copy)."""

    def __init__(self, version: Callable[[], Hashable], source: Callable[[], Any]) -> None:
        self._version = version
        self._source = source
        self._current: Snapshot | None = None
        self._lock = threading.Lock()
        self.builds = 0

    def current(self) -> Snapshot:
        version = self._version()
        snap = self._current
        if snap is not None and snap.version == version:
            return snap
        with self._lock:
            snap = self._current
            if snap is not None and snap.version == version:
                return snap  # another request built it meanwhile
            con = self._source()
            try:  # the store is held open only while it is read, not while the copy is sorted
                reviewed = read_reviewed(con)
            finally:
                con.close()
            # labelled with the version seen before the read: a write meanwhile only makes the
            # next request build again
            snap = Snapshot(version, reviewed)
            self._current = snap
            self.builds += 1
            return snap


# --- the version of a store file, and whether another process writes it


def writer_holds(fd: int) -> bool | None:
    """True when another process holds the write lock DuckDB takes (an fcntl lock on the whole
    file) on the file open as `fd`; None where that cannot be asked (no fcntl).

    F_GETLK only asks: it takes no lock, and this process's own locks never count."""
    try:
        import fcntl
        import struct
    except ImportError:  # Windows
        return None
    probe = struct.pack("hhqqi4x", fcntl.F_RDLCK, os.SEEK_SET, 0, 0, 0)
    try:
        found = fcntl.fcntl(fd, fcntl.F_GETLK, probe)
    except OSError:
        return None
    return bool(struct.unpack("hhqqi4x", found)[0] == fcntl.F_WRLCK)


def _stat(path: str) -> tuple[int, int, int, int, int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_dev, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


class FileVersion:
    """The version of a DuckDB file, read without opening it as a database: its and its WAL's
    identity, size and times, and a digest of its headers. Holds one plain read-only descriptor of
    the file for its life (closing a descriptor would drop this process's locks on the file)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._fds: list[tuple[tuple[int, int], int]] = []
        self._lock = threading.Lock()

    def _fd(self, identity: tuple[int, int]) -> int:
        with self._lock:
            for known, fd in self._fds:
                if known == identity:
                    return fd
            fd = os.open(self.path, os.O_RDONLY)
            st = os.fstat(fd)
            self._fds.append(((st.st_ino, st.st_dev), fd))
            return fd

    def __call__(self) -> tuple[Any, ...]:
        main = _stat(self.path)
        if main is None:
            raise FileNotFoundError(self.path)
        fd = self._fd(main[:2])
        head = os.pread(fd, HEADER_BYTES, 0)
        return (main, _stat(self.path + ".wal"), zlib.crc32(head))

    def writer_holds(self) -> bool | None:
        main = _stat(self.path)
        if main is None:
            return None
        return writer_holds(self._fd(main[:2]))

    def wait_for_writer(self, wait: float, step: float = 0.05) -> bool:
        """Wait up to `wait` seconds while another process holds the write lock; False when it
        still does (None from writer_holds counts as free: the open that follows will tell)."""
        deadline = time.monotonic() + max(0.0, wait)
        while self.writer_holds():
            if time.monotonic() >= deadline:
                return False
            time.sleep(step)
        return True
