"""Ingest: files, directories, feeds and standard input turned into documents.

`read_inputs` yields a `Document` per report found, or an `InputError` per input it cannot
read, and never raises for bad input.
"""

from marsad.ingest.readers import InputResult, read_inputs

__all__ = ["InputResult", "read_inputs"]
