"""A Pagefind bundle written the same way every time: Pagefind 1.5 lists the filters, and the
values of each filter, in the order of a Rust hash map, which differs from run to run, and
names each filter file and the bundle's metadata file after their bytes. So the same pages
give a differently named and ordered bundle each time (with the same search results), and an
incremental build (archive_site/incremental.py) could not equal a clean one. `canonical()`
sorts the filters and their values, re-encodes and renames those files, and rewrites the
references to them (the metadata, pagefind-entry.json).

The files are gzip-compressed CBOR after a "pagefind_dcd" signature; the CBOR here is the
subset Pagefind writes (definite lengths; integers, strings, arrays, maps, simple values).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


def decode(data: bytes, i: int = 0):
    """-> (value, next offset)."""
    head = data[i]
    major, info = head >> 5, head & 31
    i += 1
    if info < 24:
        n = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        n = int.from_bytes(data[i:i + size], "big")
        i += size
    else:
        raise ValueError(f"CBOR: indefinite or reserved length at {i - 1}")
    if major == 0:
        return n, i
    if major == 1:
        return -1 - n, i
    if major == 2:
        return bytes(data[i:i + n]), i + n
    if major == 3:
        return data[i:i + n].decode("utf-8"), i + n
    if major == 4:
        out = []
        for _ in range(n):
            value, i = decode(data, i)
            out.append(value)
        return out, i
    if major == 5:
        items = {}
        for _ in range(n):
            key, i = decode(data, i)
            items[key], i = decode(data, i)
        return items, i
    if major == 7 and info in (20, 21, 22):
        return {20: False, 21: True, 22: None}[info], i
    raise ValueError(f"CBOR: major type {major}/{info} at {i - 1}")


def _head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if n < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, n)
    raise ValueError(n)


def encode(value) -> bytes:
    if value is False or value is True or value is None:
        return bytes([0xE0 | {False: 20, True: 21, None: 22}[value]])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(v) for v in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(encode(k) + encode(v) for k, v in value.items())
    raise TypeError(type(value))


def read(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path}: not a Pagefind file")
    return decode(data, len(SIGNATURE))[0]


def write(folder: Path, prefix: str, suffix: str, value, digits: int) -> str:
    """Write `value` as folder/<prefix><hash><suffix>; -> the hash part of the name ('zh_…')."""
    data = gzip.compress(SIGNATURE + encode(value), 9, mtime=0)
    name = "zh_" + hashlib.sha256(data).hexdigest()[:digits]
    (folder / f"{prefix}{name}{suffix}").write_bytes(data)
    return name


def canonical(bundle: Path) -> None:
    """Sort the bundle's filters and their values; rename the files that name their bytes."""
    bundle = Path(bundle)
    for path in bundle.rglob("*.pf_*"):  # every index file whole (a cut one would not decompress)
        gzip.decompress(path.read_bytes())
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = read(meta_path)
        filters = []
        for name, digest in meta[3]:
            path = bundle / "filter" / f"{digest}.pf_filter"
            fname, values = read(path)
            path.unlink()
            values = sorted(values, key=lambda v: (str(v[0]), v[1]))
            filters.append([name, write(bundle / "filter", "", ".pf_filter", [fname, values], 7)])
        meta[3] = sorted(filters)
        meta_path.unlink()
        info["hash"] = write(bundle, "pagefind.", ".pf_meta", meta, 10)
        if not language.startswith("zh"):
            raise ValueError(f"{bundle}: a bundle in {language}")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
