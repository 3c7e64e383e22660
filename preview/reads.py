"""What a page's macros read of the briefing, recorded so the preview can tell when it changed.

While the macros of one page render, the page's `briefing.site.Site` is switched to a subclass
whose data attributes are read through watchers: a dictionary (the claims, the entities, the
index of who cites what, ...) notes each key looked up, or that all of it was read; a method
of a watched object notes its arguments and its answer; any other value is noted as it was.
The next build asks the same questions of its own Site and compares the answers (`==`, which
for the records' dataclasses compares every field): a page is rendered again unless every
answer is the same. Nothing is listed by hand: what a page shows is what it read.

Only the page's own state (its address, its notes) is not recorded: the page's key covers it.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
from collections.abc import Iterator
from typing import Any

from briefing.anchor import SourceText

MISSING = object()  # a key that was not there
# The Site's attributes that belong to the page being rendered, not to the site (set by
# `Site.begin_page` before the macros run, or the approval checked outside the recording).
PAGE_STATE = frozenset({"ctx", "page_path", "_page_claims", "_approved", "_preview_reads"})
# Values read through a proxy, so that what is read of them is recorded piece by piece.
PROXIED = frozenset({"briefing", "_links", "_history", "report"})

Path = tuple[str, ...]
Op = tuple[Any, ...]


class Opaque(Exception):
    """A read that cannot be repeated (an argument that has no name): never reuse the page."""


class Reads:
    """The answers one page's macros got, by question: (path from the Site, operation) -> value."""

    def __init__(self) -> None:
        self.answers: dict[tuple[Path, Op], Any] = {}
        self.opaque = False
        self.proxies: dict[str, Any] = {}  # the Site's attribute -> its watcher, for this page

    def note(self, path: Path, op: Op, value: Any) -> None:
        try:
            self.answers.setdefault((path, op), value)
        except TypeError:  # an unhashable argument
            self.opaque = True


def _ref(value: Any) -> Any:
    """An argument as it can be asked again: a watched object by its path, a plain value as is."""
    if isinstance(value, _Obj | _Map):
        return ("__ref__", object.__getattribute__(value, "_p"))
    if isinstance(value, list | dict | set):
        raise Opaque
    return value


def _raw(value: Any) -> Any:
    return object.__getattribute__(value, "_o") if isinstance(value, _Obj | _Map) else value


def wrap(value: Any, path: Path, reads: Reads, owner: Any = None, proxied: bool = False) -> Any:
    if isinstance(value, dict):
        return _Map(value, path, reads)
    if inspect.ismethod(value) and owner is not None and value.__self__ is owner:
        return _Call(value, path, reads)
    if proxied and value is not None:
        return _Obj(value, path, reads)
    reads.note(path, ("v",), value)
    return value


class _Call:
    __slots__ = ("_f", "_p", "_r")

    def __init__(self, f: Any, path: Path, reads: Reads) -> None:
        self._f, self._p, self._r = f, path, reads

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        result = self._f(*(_raw(a) for a in args), **{k: _raw(v) for k, v in kwargs.items()})
        try:
            op = ("call", tuple(_ref(a) for a in args), tuple(sorted((k, _ref(v)) for k, v in kwargs.items())))
        except Opaque:
            self._r.opaque = True
            return result
        self._r.note(self._p, op, result)
        return result


class _Obj:
    """An object whose attributes are read through `wrap`."""

    __slots__ = ("_maps", "_o", "_p", "_r")

    def __init__(self, obj: Any, path: Path, reads: Reads) -> None:
        object.__setattr__(self, "_o", obj)
        object.__setattr__(self, "_p", path)
        object.__setattr__(self, "_r", reads)
        object.__setattr__(self, "_maps", {})

    def __getattr__(self, name: str) -> Any:
        obj = object.__getattribute__(self, "_o")
        value = getattr(obj, name)
        maps = object.__getattribute__(self, "_maps")
        hit = maps.get(name)
        if hit is not None and object.__getattribute__(hit, "_o") is value:
            return hit  # the same watcher for the same table within a page (memos keyed by it hold)
        found = wrap(value, object.__getattribute__(self, "_p") + (name,), object.__getattribute__(self, "_r"), obj)
        if isinstance(found, _Map):
            maps[name] = found
        return found

    def __setattr__(self, name: str, value: Any) -> None:
        raise TypeError("a watched object is read only")


class _Map:
    """A dictionary whose lookups are noted key by key; iterating or sizing it notes all of it."""

    __slots__ = ("_o", "_p", "_r")

    def __init__(self, d: dict[Any, Any], path: Path, reads: Reads) -> None:
        self._o, self._p, self._r = d, path, reads

    def _all(self) -> dict[Any, Any]:
        self._r.note(self._p, ("all",), dict(self._o))
        return self._o

    def __getitem__(self, key: Any) -> Any:
        value = self._o.get(key, MISSING)
        self._r.note(self._p, ("get", key), value)
        if value is MISSING:
            raise KeyError(key)
        return value

    def get(self, key: Any, default: Any = None) -> Any:
        value = self._o.get(key, MISSING)
        self._r.note(self._p, ("get", key), value)
        return default if value is MISSING else value

    def __contains__(self, key: Any) -> bool:
        return self.get(key, MISSING) is not MISSING

    def __iter__(self) -> Iterator[Any]:
        return iter(self._all())

    def __len__(self) -> int:
        n = len(self._o)
        self._r.note(self._p, ("len",), n)
        return n

    def __bool__(self) -> bool:
        return len(self) > 0

    def keys(self) -> Any:
        return self._all().keys()

    def values(self) -> Any:
        return self._all().values()

    def items(self) -> Any:
        return self._all().items()


@functools.cache
def recording_class(cls: type) -> type:
    """A subclass of the Site's class that reads its data attributes through `wrap`."""

    class Recording(cls):  # type: ignore[valid-type, misc]
        def __getattribute__(self, name: str) -> Any:
            value = object.__getattribute__(self, name)
            if name in PAGE_STATE or name.startswith("__") or name not in object.__getattribute__(self, "__dict__") or inspect.isfunction(value):
                # Page state; methods and properties (whose reads go through here); the macros
                # the adapter set on the Site (code: the same in every build of this process).
                return value
            reads = object.__getattribute__(self, "_preview_reads")
            hit = reads.proxies.get(name)
            if hit is not None and object.__getattribute__(hit, "_o") is value:
                return hit  # one watcher per page, so memos keyed by its tables hold within the page
            found = wrap(value, (name,), reads, self, proxied=name in PROXIED)
            if isinstance(found, _Obj | _Map):
                reads.proxies[name] = found
            return found

    Recording.__name__ = Recording.__qualname__ = f"Recording{cls.__name__}"
    return Recording


def answer(site: Any, path: Path, op: Op) -> Any:
    """The answer the live Site gives to a question recorded by a page."""
    obj = site
    for name in path:
        obj = getattr(obj, name)
    kind = op[0]
    if kind == "v":
        return obj
    if kind == "get":
        return obj.get(op[1], MISSING)
    if kind == "all":
        return dict(obj)
    if kind == "len":
        return len(obj)
    if kind == "call":
        args = [answer(site, a[1], ("v",)) if isinstance(a, tuple) and a[:1] == ("__ref__",) else a for a in op[1]]
        kwargs = {k: answer(site, v[1], ("v",)) if isinstance(v, tuple) and v[:1] == ("__ref__",) else v for k, v in op[2]}
        return obj(*args, **kwargs)
    raise ValueError(kind)


# Fields that are a pure function of a record file's bytes, which `digest` names: records with
# the same digest have the same ones (and `located` computes YAML positions when compared).
_OF_THE_FILE = frozenset({"data", "located"})


def same(a: Any, b: Any, pairs: dict[tuple[int, int], bool], depth: int = 0) -> bool:
    """Whether two answers are equal: `==`, field by field for dataclasses. A source's stored
    text is compared by its text (the object also holds what anchoring has computed so far, and
    has no `==` of its own); the fields of a record read from its file alone are equal when the
    file's digest is. `pairs` remembers the objects already compared."""
    if a is b:
        return True
    if type(a) is not type(b) or depth > 12:
        return False
    if isinstance(a, SourceText):
        return a.text == b.text
    if dataclasses.is_dataclass(a):
        k = (id(a), id(b))
        hit = pairs.get(k)
        if hit is None:
            skip = _OF_THE_FILE if getattr(a, "digest", "") and getattr(a, "digest", "") == getattr(b, "digest", None) else ()
            names = [f.name for f in dataclasses.fields(a) if f.compare and f.name not in skip]
            try:  # `==` on the fields first (compiled); field by field only where it says no
                hit = tuple(getattr(a, n) for n in names) == tuple(getattr(b, n) for n in names)
            except Exception:
                hit = False
            hit = pairs[k] = hit or all(same(getattr(a, n), getattr(b, n), pairs, depth + 1) for n in names)
        return hit
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(same(x, y, pairs, depth + 1) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k], pairs, depth + 1) for k in a)
    return bool(a == b)


class Checker:
    """Compares recorded answers with the live Site's, each question asked once per build."""

    def __init__(self, site: Any) -> None:
        self.site = site
        self.live: dict[tuple[Path, Op], Any] = {}
        self.same: dict[tuple[int, Path, Op], bool] = {}
        self.pairs: dict[tuple[int, int], bool] = {}
        self.changed: dict[tuple[Path, Op], int] = {}  # the questions whose answer changed, and how many pages asked them

    def unchanged(self, answers: dict[tuple[Path, Op], Any]) -> bool:
        for q, old in answers.items():
            live = self.live.get(q, self)
            if live is self:
                try:
                    live = self.live[q] = answer(self.site, *q)
                except Exception:
                    self.changed[q] = self.changed.get(q, 0) + 1
                    return False
            if live is old:
                continue
            k = (id(old), *q)
            equal = self.same.get(k)
            if equal is None:
                try:
                    equal = same(old, live, self.pairs)
                except Exception:
                    equal = False
                self.same[k] = equal
            if not equal:
                self.changed[q] = self.changed.get(q, 0) + 1
                return False
        return True
