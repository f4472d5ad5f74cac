"""Batch mode: a corpus cut into shards and coded on a Dask cluster, with progress,
resume and a folder watcher.
"""

from __future__ import annotations

from .cluster import (
    BatchOptions,
    code_shard,
    coder_fingerprint,
    dask_setup,
    default_workers,
    local_cluster,
    worker_pipeline,
)
from .progress import Monitor, ProgressBar, Tracker
from .results import (
    EVENT_FORMATS,
    ShardWriter,
    articles_path,
    coded_from_record,
    coded_to_record,
    done_path,
    events_path,
    read_coded,
    read_event_rows,
)
from .run import BatchSummary, read_batch_coded, read_events, run_batch
from .shards import (
    MAX_SHARD,
    MIN_SHARD,
    Piece,
    Plan,
    Shard,
    expand_inputs,
    parse_size,
    plan_shards,
    read_shard,
)
from .watch import FileReport, WatchSummary, watch

__all__ = [
    "BatchOptions",
    "BatchSummary",
    "EVENT_FORMATS",
    "FileReport",
    "MAX_SHARD",
    "MIN_SHARD",
    "Monitor",
    "Piece",
    "Plan",
    "ProgressBar",
    "Shard",
    "ShardWriter",
    "Tracker",
    "WatchSummary",
    "articles_path",
    "code_shard",
    "coded_from_record",
    "coded_to_record",
    "coder_fingerprint",
    "dask_setup",
    "default_workers",
    "done_path",
    "events_path",
    "expand_inputs",
    "local_cluster",
    "parse_size",
    "plan_shards",
    "read_batch_coded",
    "read_coded",
    "read_event_rows",
    "read_events",
    "read_shard",
    "run_batch",
    "watch",
    "worker_pipeline",
]
