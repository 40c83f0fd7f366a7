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
    """The stage history in `path` read by pyarrow, or None to let the exact reader do it."""
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.csv as pa_csv
    except ImportError:
        return None
    generated = [f"c{i}" for i in range(len(header))]
    wanted = [generated[i] for i in columns]
    try:
        reader = pa_csv.open_csv(
            path,
            read_options=pa_csv.ReadOptions(column_names=generated, skip_rows=1,
                                            block_size=BLOCK_BYTES),
            parse_options=pa_csv.ParseOptions(delimiter=delimiter),
            convert_options=pa_csv.ConvertOptions(
                include_columns=wanted, column_types=dict.fromkeys(wanted, pa.string()),
                strings_can_be_null=False, quoted_strings_can_be_null=False))
        case_parts: list[tuple[object, np.ndarray]] = []
        stage_parts: list[tuple[object, np.ndarray]] = []
        time_parts: list[np.ndarray] = []
        for batch in reader:
            case, stage, time = (batch.column(name) for name in wanted)
            case, stage = pc.utf8_trim_whitespace(case), pc.utf8_trim_whitespace(stage)
            if pc.any(pc.equal(pc.utf8_length(case), 0)).as_py() or \
                    pc.any(pc.equal(pc.utf8_length(stage), 0)).as_py():
                return None
            time_parts.append(pc.cast(time, pa.timestamp("us")).to_numpy().astype(np.int64))
            case_parts.append(_encoded(case))
            stage_parts.append(_encoded(stage))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeDecodeError, OSError):
        return None
    if not time_parts:
        return None
    case_names, case_codes = _unified(pa, case_parts)
    stage_names, stage_codes = _unified(pa, stage_parts)
    count = len(case_codes)
    return StageHistory(
        path, case_names, stage_names, case_codes, stage_codes,
        np.concatenate(time_parts) / 1e6, np.arange(2, count + 2, dtype=np.int64), names,
        [*notes, "parsed by pyarrow"])


def _encoded(column: object) -> tuple[object, np.ndarray]:
    encoded = column.dictionary_encode()  # type: ignore[attr-defined]
    return encoded.dictionary, encoded.indices.to_numpy(zero_copy_only=False)


def _unified(pa: object, parts: list[tuple[object, np.ndarray]]) -> tuple[list[str], np.ndarray]:
    """One dictionary for the batches' dictionaries, in order of first appearance, all in C."""
    together = pa.concat_arrays([d for d, _ in parts]).dictionary_encode()  # type: ignore[attr-defined]
    remap = together.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    offsets = np.cumsum([0] + [len(d) for d, _ in parts])  # type: ignore[arg-type]
    codes = np.concatenate([remap[offset + indices]
                            for offset, (_, indices) in zip(offsets, parts, strict=False)])
    return together.dictionary.to_pylist(), codes
