"""Compressed inputs are checked to their end: truncation and corruption name the file and byte."""

from __future__ import annotations

import gzip
import subprocess
import sys

import orjson
import pytest
import zstandard

from corpuskit import DataError
from corpuskit._io.files import open_read, open_write

RECORDS = b"".join(orjson.dumps({"id": f"d{i}", "text": f"hello world number {i} " * 20}) + b"\n"
                   for i in range(1000))
HINT = "  hint: the file is truncated or corrupt: fetch it again, or remove it from the loader's paths"


def read(path):
    with open_read(path) as fh:
        return fh.read()


def test_multi_member_gzip_padding_and_multi_frame_zstd_read_whole(tmp_path):
    gz = tmp_path / "a.jsonl.gz"
    gz.write_bytes(gzip.compress(RECORDS[:5000]) + gzip.compress(RECORDS[5000:]) + b"\0" * 8)
    zst = tmp_path / "a.jsonl.zst"
    zst.write_bytes(zstandard.ZstdCompressor().compress(RECORDS[:5000]) + zstandard.compress(RECORDS[5000:]))
    assert read(gz) == RECORDS
    assert read(zst) == RECORDS
    (tmp_path / "empty.gz").write_bytes(b"")
    assert read(tmp_path / "empty.gz") == b""


@pytest.mark.parametrize("kind, suffix, compress, unit", [
    ("gzip", "gz", gzip.compress, "member"),
    ("zstd", "zst", zstandard.compress, "frame"),
])
def test_a_file_cut_mid_stream_is_an_error_naming_file_and_byte(tmp_path, kind, suffix, compress, unit):
    whole = compress(RECORDS)
    path = tmp_path / f"cut.jsonl.{suffix}"
    cut = len(whole) * 6 // 10
    path.write_bytes(whole[:cut])
    with pytest.raises(DataError) as err:
        read(path)
    assert str(err.value).startswith(
        f"{path}: truncated {kind} file: it ends at byte {cut} inside a compressed {unit} (after ")
    assert str(err.value).endswith(HINT)


def test_flipped_bytes_and_a_wrong_gzip_crc_are_errors(tmp_path):
    whole = bytearray(gzip.compress(RECORDS))
    whole[-6] ^= 0xFF  # inside the CRC32 of the trailer
    path = tmp_path / "crc.jsonl.gz"
    path.write_bytes(bytes(whole))
    with pytest.raises(DataError, match=r"crc.jsonl.gz: corrupt gzip data between bytes 0 and \d+ .*data check"):
        read(path)
    frame = bytearray(zstandard.ZstdCompressor(write_checksum=True).compress(RECORDS))
    frame[len(frame) // 2] ^= 0xFF
    path = tmp_path / "flip.jsonl.zst"
    path.write_bytes(bytes(frame))
    with pytest.raises(DataError, match=r"flip.jsonl.zst: corrupt zstd data between bytes 0 and \d+"):
        read(path)


def test_plain_text_named_zst(tmp_path):
    path = tmp_path / "plain.jsonl.zst"
    path.write_bytes(RECORDS[:1000])
    with pytest.raises(DataError) as err:
        read(path)
    assert str(err.value).splitlines() == [
        f"{path}: corrupt zstd data between bytes 0 and 1000 (after 0 decompressed bytes): "
        "zstd decompressor error: Unknown frame descriptor",
        "  hint: is it really zstd-compressed? (the file is truncated or corrupt: fetch it again, "
        "or remove it from the loader's paths)",
    ]


def test_corpuskits_own_zst_outputs_carry_a_checksum(tmp_path):
    path = tmp_path / "out.zst"
    with open_write(path, "zstd") as out:
        out.write(RECORDS)
    params = zstandard.get_frame_parameters(path.read_bytes())
    assert params.has_checksum
    assert read(path) == RECORDS


@pytest.mark.parametrize("executor", ["serial", "local"])
def test_a_truncated_gz_fails_the_run_with_its_name_and_no_output(tmp_path, executor):
    whole = gzip.compress(RECORDS)
    (tmp_path / "cut.jsonl.gz").write_bytes(whole[: len(whole) * 6 // 10])
    (tmp_path / "p.yaml").write_text(
        f"executor: {executor}\nworkers: 2\nstages:\n  - read_jsonl: {{paths: [cut.jsonl.gz]}}\n"
        "  - normalize\n  - write_jsonl: {path: out.jsonl}\n")
    done = subprocess.run([sys.executable, "-m", "corpuskit", "run", "p.yaml"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "error: cut.jsonl.gz: truncated gzip file: it ends at byte" in done.stderr
    assert "Traceback" not in done.stderr and "Aborted" not in done.stderr
    assert not (tmp_path / "out.jsonl").exists()
