"""The fast path for big stage histories: pyarrow's multi-threaded CSV reader, when installed.

No Qt here. Optional (`pip install flowedit[fast]`): benchmarks/bench_calibrate.py measured the
pure-Python reader at 5-8x pyarrow's time on a 1,000,000-row export, and the issue's goal is
calibration within 2x of the fastest reader. This path only reads what is plainly valid: UTF-8,
one header line, the case, stage and time columns as text and ISO times. Anything else — an empty
cell, a short row, another date format, a snapshot — returns None, and crm_table's exact reader
reads the file and words the message with its row. Both give the same history (tested); here
`row` counts records, blank lines not included, which only orders ties.
"""

from __future__ import annotations

import numpy as np

from flowedit.model.history import StageHistory

#: Bytes pyarrow parses at a time (several blocks in parallel): memory stays bounded.
BLOCK_BYTES = 4 * 1024 * 1024


def read_history(path: str, header: list[str], delimiter: str, columns: tuple[int, int, int],
                 names: dict[str, str], notes: list[str]) -> StageHistory | None:
    """The stage history in `path` read by pyarrow, or None to let the exact reader do it.

    The work per row stays in C: pyarrow parses the times while it reads and dictionary-encodes
    the deal and stage columns; trimming and the check for empty names run on the few distinct
    names, not on every row (profiling showed those per-row passes cost as much as the read)."""
    try:
        import pyarrow as pa
        import pyarrow.csv as pa_csv
    except ImportError:
        return None
    generated = [f"c{i}" for i in range(len(header))]
    case_column, stage_column, time_column = (generated[i] for i in columns)
    text = pa.dictionary(pa.int32(), pa.string())
    options = {
        "read_options": pa_csv.ReadOptions(column_names=generated, skip_rows=1,
                                           block_size=BLOCK_BYTES),
        "parse_options": pa_csv.ParseOptions(delimiter=delimiter),
        "convert_options": pa_csv.ConvertOptions(
            include_columns=[case_column, stage_column, time_column],
            column_types={case_column: text, stage_column: text,
                          time_column: pa.timestamp("us")},
            strings_can_be_null=False, quoted_strings_can_be_null=False)}
    case_parts: list[tuple[object, np.ndarray]] = []
    stage_parts: list[tuple[object, np.ndarray]] = []
    time_parts: list[np.ndarray] = []
    try:
        for batch in pa_csv.open_csv(path, **options):
            case, stage, time = (batch.column(name)
                                 for name in (case_column, stage_column, time_column))
            time_parts.append(time.cast(pa.int64()).to_numpy())
            case_parts.append(_parts(case))
            stage_parts.append(_parts(stage))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeDecodeError, OSError):
        return None
    if not sum(len(part) for part in time_parts):
        return None  # no rows: the exact reader says so
    unified = [_unified(pa, case_parts), _unified(pa, stage_parts)]
    for k, (values, codes) in enumerate(unified):
        trimmed = [value.strip() for value in values]
        if not all(trimmed):
            return None  # an empty deal or stage: the exact reader names its row
        if trimmed != values:
            unified[k] = _merged(trimmed, codes)
    (case_names, case_codes), (stage_names, stage_codes) = unified
    count = len(case_codes)
    return StageHistory(
        path, case_names, stage_names, case_codes, stage_codes,
        np.concatenate(time_parts) / 1e6, np.arange(2, count + 2, dtype=np.int64), names,
        [*notes, "parsed by pyarrow"])


def _parts(column: object) -> tuple[object, np.ndarray]:
    return (column.dictionary,  # type: ignore[attr-defined]
            column.indices.to_numpy(zero_copy_only=False))  # type: ignore[attr-defined]


def _merged(values: list[str], codes: np.ndarray) -> tuple[list[str], np.ndarray]:
    """Names that are the same once trimmed ('A ' and 'A') become one, in order of appearance."""
    first: dict[str, int] = {}
    remap = np.array([first.setdefault(value, len(first)) for value in values], dtype=np.int64)
    return list(first), remap[codes]


def _unified(pa: object, parts: list[tuple[object, np.ndarray]]) -> tuple[list[str], np.ndarray]:
    """One dictionary for the batches' dictionaries, in order of first appearance, all in C."""
    together = pa.concat_arrays([d for d, _ in parts]).dictionary_encode()  # type: ignore[attr-defined]
    remap = together.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    offsets = np.cumsum([0] + [len(d) for d, _ in parts])  # type: ignore[arg-type]
    codes = np.concatenate([remap[offset + indices]
                            for offset, (_, indices) in zip(offsets, parts, strict=False)])
    return together.dictionary.to_pylist(), codes
