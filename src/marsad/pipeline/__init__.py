"""The stage protocol, the registry and the runner."""

from marsad.pipeline.options import DEFAULT_STAGES, Options
from marsad.pipeline.registry import Stage, create, function_stage, register, registered
from marsad.pipeline.runner import Pipeline

__all__ = [
    "DEFAULT_STAGES",
    "Options",
    "Pipeline",
    "Stage",
    "create",
    "function_stage",
    "register",
    "registered",
]
