"""Every error marsad raises on purpose, each with a code a user can search for.

Messages say what went wrong, with which input, and what to do about it.
"""

from __future__ import annotations


class MarsadError(Exception):
    """Base class: `code` identifies the error, the message explains it."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(MarsadError):
    """An input could not be read: missing, empty, binary, undecodable or malformed."""

    code = "E001"

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


class DocumentTooLargeError(InputError):
    """An input document is larger than the limit (--max-document-mb)."""

    code = "E002"


class BadIdentifierError(InputError):
    """An input's id or text is not usable: too long, of a wrong type, or not valid Unicode."""

    code = "E003"


class DocumentFailedError(InputError):
    """Processing one document failed (parsing, extraction); the other documents go on."""

    code = "E004"


class StageOrderError(MarsadError):
    """A stage runs before the stages that set what it needs."""

    code = "E010"


class UnknownStageError(MarsadError):
    """A pipeline names a stage that no module registered."""

    code = "E011"


class ModelNotFoundError(MarsadError):
    """No spaCy English model is installed."""

    code = "E020"


class KnowledgeFileError(MarsadError):
    """A knowledge data file (actors, places, triggers) is malformed."""

    code = "E030"


class KnowledgeSchemaError(KnowledgeFileError):
    """A knowledge file breaks its JSON Schema: the message names the file and the JSON pointer."""

    code = "E031"


class UnknownPackError(KnowledgeFileError):
    """`--pack NAME` names no installed pack and no folder with a pack.json."""

    code = "E032"


class StoreError(MarsadError):
    """The event store could not be opened or written."""

    code = "E040"


class DocumentStoreError(StoreError):
    """One document could not be stored (nothing of it was written); the store itself is sound."""

    code = "E041"


class CorruptStoreError(StoreError):
    """The store file is damaged: DuckDB cannot read part of it."""

    code = "E042"


class LockedStoreError(StoreError):
    """Another process holds the store open."""

    code = "E043"


class OptionError(MarsadError):
    """A command-line or API option has a value marsad cannot use."""

    code = "E050"
