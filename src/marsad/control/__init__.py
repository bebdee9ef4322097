"""Who held what, and when: a territorial-control timeline per place, from events and statements."""

from marsad.control.build import TERRITORIAL, build_timeline
from marsad.control.model import Change, Contest, PlaceTimeline, Timeline
from marsad.control.output import FORMATS, write_control
from marsad.control.records import event_from_record, events_from_records, events_from_store

__all__ = [
    "FORMATS",
    "TERRITORIAL",
    "Change",
    "Contest",
    "PlaceTimeline",
    "Timeline",
    "build_timeline",
    "event_from_record",
    "events_from_records",
    "events_from_store",
    "write_control",
]
