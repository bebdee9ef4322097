"""The stage protocol and the registry of stages under versioned names (`segment.v1`).

A stage is a small callable that takes a `Document`, annotates it and returns it. It declares what
it needs (annotations earlier stages set) and what it sets, so a pipeline in the wrong order fails
with a clear message instead of a wrong answer. Stages that gain from batching (the parser)
implement `process_batch`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from marsad.errors import UnknownStageError
from marsad.model import Document


class Stage(Protocol):
    """What the runner calls: one document at a time, or a batch."""

    name: str
    needs: tuple[str, ...]
    sets: tuple[str, ...]

    def __call__(self, doc: Document) -> Document: ...

    def process_batch(self, docs: list[Document]) -> list[Document]: ...


@dataclass
class FunctionStage:
    """A stage made from a plain function `doc -> doc`."""

    name: str
    needs: tuple[str, ...]
    sets: tuple[str, ...]
    func: Callable[[Document], Document]

    def __call__(self, doc: Document) -> Document:
        return self.func(doc)

    def process_batch(self, docs: list[Document]) -> list[Document]:
        return [self.func(doc) for doc in docs]


# name -> factory(options) -> Stage
_FACTORIES: dict[str, Callable[[Any], Stage]] = {}


def register(name: str) -> Callable[[Callable[[Any], Stage]], Callable[[Any], Stage]]:
    """Register a stage factory under a versioned name; the factory takes the `Options`."""

    def wrap(factory: Callable[[Any], Stage]) -> Callable[[Any], Stage]:
        _FACTORIES[name] = factory
        return factory

    return wrap


def function_stage(
    name: str, *, needs: Iterable[str] = (), sets: Iterable[str] = ()
) -> Callable[[Callable[[Document], Document]], Callable[[Document], Document]]:
    """Register a function `doc -> doc` as a stage that needs no options."""

    def wrap(func: Callable[[Document], Document]) -> Callable[[Document], Document]:
        stage = FunctionStage(name, tuple(needs), tuple(sets), func)
        _FACTORIES[name] = lambda _options: stage
        return func

    return wrap


def create(name: str, options: Any) -> Stage:
    """Build the stage registered under `name`."""
    _load_builtin_stages()
    try:
        factory = _FACTORIES[name]
    except KeyError:
        known = ", ".join(sorted(_FACTORIES))
        raise UnknownStageError(f"no stage is registered as {name!r}; known stages: {known}") from None
    return factory(options)


def registered() -> list[str]:
    """Names of every registered stage."""
    _load_builtin_stages()
    return sorted(_FACTORIES)


def _load_builtin_stages() -> None:
    """Import the modules that register marsad's own stages (on first use, not at import)."""
    import marsad.stages  # noqa: F401
