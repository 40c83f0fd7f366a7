"""The fast path for big stage histories: pyarrow's multi-threaded CSV reader.

No Qt here. pyarrow is a dependency (pyproject.toml says why): benchmarks/bench_calibrate.py
measured the pure-Python reader at about 10x pyarrow's time on a 1,000,000-row export, and the
issue's goal is calibration within 2x of the fastest reader. Without pyarrow (a broken install)
this path steps aside and the exact reader gives the same result, slowly.

This path only reads what is plainly valid: UTF-8, one header line, the case, stage and time
columns as text and ISO times. Anything else — an empty cell, a short row, another date format,
a snapshot — returns None, and crm_table's exact reader reads the file and words the message
with its row. Both give the same history (tested); here `row` counts records, blank lines not
included, which only orders ties.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from flowedit.model.history import StageHistory, codes_from_starts

#: Bytes pyarrow parses at a time (several blocks in parallel).
BLOCK_BYTES = 1024 * 1024
#: Files up to this size are parsed whole by pyarrow.csv.read_csv, block by block on every core;
#: bigger ones are streamed batch by batch (open_csv) with the deal ids dictionary-encoded as
#: they are read, which keeps the peak memory of a 2 GB export to the three columns used, a few
#: bytes per row (plain text deal ids are faster to read but cost their length per row).
WHOLE_FILE_BYTES = 256 * 1024 * 1024
#: From this many rows on, a second thread shares the work after reading (HELPER_SHARE).
PARALLEL_ROWS = 200_000
#: The share of the deal blocks the second thread compares, besides converting the stages and
#: times (measured on a million rows: the comparisons take 9 ms, the conversions 4 ms).
HELPER_SHARE = 0.3
#: What str.strip() strips: every character whose isspace() is true (the exact reader strips
#: names with str.strip, and both readers must give the same names).
WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003"
              "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def read_history(path: str, header: list[str], delimiter: str, columns: tuple[int, int, int],
                 names: dict[str, str], notes: list[str]) -> StageHistory | None:
    """The stage history in `path` read by pyarrow, or None to let the exact reader do it.

    Every pass over the rows runs in C: pyarrow reads only the three columns, parses the times
    while it reads and dictionary-encodes the stages per block (few names: cheap). Deal ids
    stay plain text, which pyarrow reads faster than it hashes them: an export grouped by deal
    (as CRMs write them) gets its deal codes from where the id changes, any other order is
    hashed once (`_deals`). Trimming and the check for empty names run on the distinct names.
    The times become float seconds, as every reader gives them."""
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.csv as pa_csv
    except ImportError:
        return None
    generated = [f"c{i}" for i in range(len(header))]
    case_column, stage_column, time_column = (generated[i] for i in columns)
    try:
        streamed = os.path.getsize(path) > WHOLE_FILE_BYTES
    except OSError:
        return None  # the exact reader words the message
    options = {
        "read_options": pa_csv.ReadOptions(column_names=generated, skip_rows=1,
                                           block_size=BLOCK_BYTES),
        "parse_options": pa_csv.ParseOptions(delimiter=delimiter),
        "convert_options": pa_csv.ConvertOptions(
            include_columns=[case_column, stage_column, time_column],
            column_types={case_column: pa.dictionary(pa.int32(), pa.string()) if streamed
                          else pa.string(),
                          stage_column: pa.dictionary(pa.int32(), pa.string()),
                          time_column: pa.timestamp("us")},
            strings_can_be_null=False, quoted_strings_can_be_null=False)}
    try:
        if streamed:
            table = pa_csv.open_csv(path, **options).read_all()
        else:
            table = pa_csv.read_csv(path, **options)
        if not table.num_rows or any(column.null_count for column in table.columns):
            return None  # no rows, or an empty time: the exact reader says so, with the row
        if streamed:  # the deal ids came dictionary-encoded, block by block: unify them
            stages, seconds, _ = _stages_times_and_changes(pa, pc, table, stage_column,
                                                           time_column, [])
            (case_values, case_codes), case_starts = _unified(table.column(case_column)), None
        else:
            blocks = [chunk for chunk in table.column(case_column).chunks if len(chunk)]
            stages, seconds, (starts, heads) = _converted(pa, pc, table, stage_column,
                                                          time_column, blocks)
            case_values, case_codes, case_starts = _deals(pa, pc, blocks, starts, heads)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeDecodeError, OSError):
        return None
    encoded = []
    for name, (values, codes) in ((case_column, (case_values, case_codes)),
                                  (stage_column, stages)):
        trimmed = None
        if not _plain(values):  # a space to trim or an empty name: trim, and check
            trimmed = pc.utf8_trim(values, characters=WHITESPACE)
            if pc.any(pc.equal(pc.utf8_length(trimmed), 0)).as_py():
                return None  # an empty deal or stage: the exact reader names its row
        if trimmed is not None and not pc.all(pc.equal(trimmed, values)).as_py():
            if codes is None:  # deal runs may be one deal once trimmed: codes for real
                codes, case_starts = codes_from_starts(case_starts, table.num_rows), None
            encoded.append(_merged(trimmed.to_pylist(), codes))
        else:
            encoded.append((ArrowNames(values) if name == case_column else values.to_pylist(),
                            codes))
    (case_names, case_codes), (stage_names, stage_codes) = encoded
    return StageHistory(path, case_names, stage_names, case_codes, stage_codes, seconds, None,
                        names, [*notes, "parsed by pyarrow"], case_starts=case_starts)


def _plain(names: Any) -> bool:
    """Whether no name is empty and none holds a byte of a character str.strip() strips: each
    is a control character or space (up to 0x20), or not ASCII (0x80 and up)."""
    offsets = np.frombuffer(names.buffers()[1], dtype=np.int32, count=len(names) + 1,
                            offset=4 * names.offset)
    if len(names) == 0 or np.any(offsets[1:] == offsets[:-1]):
        return False
    text = np.frombuffer(names.buffers()[2], dtype=np.uint8)[offsets[0]:offsets[-1]]
    return not np.any((text <= 0x20) | (text >= 0x80))


def _stages_times_and_changes(pa: Any, pc: Any, table: Any, stage_column: str,
                              time_column: str, blocks: list[Any], first_row: int = 0,
                              last: object = None
                              ) -> tuple[tuple[Any, np.ndarray], np.ndarray,
                                         tuple[list[np.ndarray], list[Any]]]:
    """The stage dictionary and codes, the times as float seconds (as every reader gives them),
    written block by block into one array, and `_changes` of the deal `blocks`."""
    seconds = np.empty(table.num_rows)
    row = 0
    for chunk in table.column(time_column).chunks:
        np.divide(chunk.to_numpy().view(np.int64), 1e6, out=seconds[row:row + len(chunk)])
        row += len(chunk)
    return (_few_names(pa, table.column(stage_column)), seconds,
            _changes(pc, blocks, first_row, last))


def _converted(pa: Any, pc: Any, table: Any, stage_column: str, time_column: str,
               blocks: list[Any]) -> tuple[tuple[Any, np.ndarray], np.ndarray,
                                           tuple[list[np.ndarray], list[Any]]]:
    """`_stages_times_and_changes` of the whole table. On a big one a second thread converts
    the stages and times and compares the last HELPER_SHARE of the deal blocks while this one
    compares the others, so that both end together (pyarrow and numpy let go of the GIL); for
    a small one a thread costs more than it saves."""
    half = (len(blocks) - int(len(blocks) * HELPER_SHARE)
            if table.num_rows >= PARALLEL_ROWS and len(blocks) > 1 else 0)
    if not half:
        return _stages_times_and_changes(pa, pc, table, stage_column, time_column, blocks)
    helper = ThreadPoolExecutor(max_workers=1)
    later = helper.submit(_stages_times_and_changes, pa, pc, table, stage_column, time_column,
                          blocks[half:], sum(len(chunk) for chunk in blocks[:half]),
                          blocks[half - 1][-1])
    helper.shutdown(wait=False)  # the thread ends with its one task
    starts, heads = _changes(pc, blocks[:half])
    stages, seconds, (later_starts, later_heads) = later.result()
    return stages, seconds, (starts + later_starts, heads + later_heads)


def _changes(pc: Any, blocks: list[Any], first_row: int = 0, last: object = None
             ) -> tuple[list[np.ndarray], list[Any]]:
    """Per block, the rows where a deal begins (counted from `first_row`, the first block's)
    and the ids there: where the id differs from the row before (a block's first row compared
    with the last of the block before, or with `last`)."""
    starts, heads = [], []
    for chunk in blocks:
        differs = pc.not_equal(chunk[1:], chunk[:-1]).to_numpy(zero_copy_only=False)
        positions = np.flatnonzero(differs)
        positions += 1
        if chunk[0] != last:
            positions = np.concatenate(([0], positions))
        heads.append(chunk.take(positions))
        positions += first_row
        starts.append(positions)
        first_row, last = first_row + len(chunk), chunk[-1]
    return starts, heads


def _deals(pa: Any, pc: Any, blocks: list[Any], starts: list[np.ndarray], heads: list[Any]
           ) -> tuple[Any, np.ndarray | None, np.ndarray | None]:
    """The deal names in order of first appearance, and either where each deal's rows begin
    (the rows come grouped by deal: no codes needed, StageHistory makes them if asked) or each
    row's code.

    `starts` and `heads` (per block, `_changes`) say where the id changes and to what; when
    the ids found there are all different, every deal's rows are together: no id is hashed but
    those 100,000-odd, and none at all when they ascend (an export sorted by deal). Otherwise
    (rows in no particular order) pyarrow hashes every row once."""
    names = pa.concat_arrays(heads)
    if (not pc.any(pc.less_equal(names[1:], names[:-1])).as_py()
            or len(pc.unique(names)) == len(names)):
        return names, None, np.concatenate(starts)
    encoded = pa.chunked_array(blocks).combine_chunks().dictionary_encode()
    return encoded.dictionary, encoded.indices.to_numpy(), None


def _unified(column: Any) -> tuple[Any, np.ndarray]:
    """One dictionary for all blocks of a dictionary-encoded column, in order of first
    appearance, and the codes into it."""
    chunks = [chunk for chunk in column.unify_dictionaries().chunks if len(chunk)]
    return chunks[0].dictionary, np.concatenate([chunk.indices.to_numpy() for chunk in chunks])


def _few_names(pa: Any, column: Any) -> tuple[Any, np.ndarray]:
    """One dictionary for a column with few distinct names (the stages) and the codes into it,
    in order of first appearance: each block's small dictionary is looked up in Python and its
    codes translated by one numpy gather, into the narrowest integers that hold them."""
    seen: dict[str, int] = {}
    lookups = [np.array([seen.setdefault(name, len(seen))
                         for name in chunk.dictionary.to_pylist()], dtype=np.int64)
               for chunk in column.chunks]
    codes = np.empty(len(column), dtype=np.int8 if len(seen) <= 127 else np.int32)
    first_row = 0
    for chunk, lookup in zip(column.chunks, lookups, strict=True):
        if len(chunk):
            np.take(lookup.astype(codes.dtype), chunk.indices.to_numpy(),
                    out=codes[first_row:first_row + len(chunk)])
        first_row += len(chunk)
    return pa.array(list(seen), pa.string()), codes


class ArrowNames(Sequence[str]):
    """Deal ids left in pyarrow's array, made into str one at a time when asked for: calibration
    names three example deals per finding, so the 100,000 ids of a big export are never all
    turned into Python strings (that alone cost as much as a pass of calibration)."""

    __slots__ = ("_array",)

    def __init__(self, array: object) -> None:
        self._array = array

    def __len__(self) -> int:
        return len(self._array)  # type: ignore[arg-type]

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return self._array[index].to_pylist()  # type: ignore[index]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        return self._array[index].as_py()  # type: ignore[index]

    def __iter__(self) -> Iterator[str]:
        return iter(self._array.to_pylist())  # type: ignore[attr-defined]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and not isinstance(other, str) and \
            list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"ArrowNames({len(self)} names)"


def _merged(values: list[str], codes: np.ndarray) -> tuple[list[str], np.ndarray]:
    """Names that are the same once trimmed ('A ' and 'A') become one, in order of appearance."""
    first: dict[str, int] = {}
    remap = np.array([first.setdefault(value, len(first)) for value in values], dtype=np.int64)
    return list(first), remap[codes]
