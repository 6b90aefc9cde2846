"""Hostile input files, generated on demand (nothing big is committed): markup text, odd file names,
truncated PDFs, and decompression bombs that stay small on disk.

The bombs are built without inflating anything: a deflate block that encodes a run of zeros with a full
flush is independent of what came before, so repeating it *k* times encodes *k* runs; the zlib / zip
checksums of a run of zeros are computed, not hashed. A 1.5 GB bomb takes well under a second to write.
"""

from __future__ import annotations

import os
import shutil
import struct
import zlib
from pathlib import Path

CHUNK = 1 << 24  # 16 MB of zeros per repeated deflate block


def _zero_blocks(total: int) -> tuple[bytes, int]:
    """(raw deflate data for *total* zero bytes rounded up to CHUNK, the size it inflates to)."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = deflate.compress(bytes(CHUNK)) + deflate.flush(zlib.Z_FULL_FLUSH)
    k = max(1, -(-total // CHUNK))
    end = zlib.compressobj(9, zlib.DEFLATED, -15).flush()  # an empty final block
    return block * k + end, k * CHUNK


def zlib_zeros(total: int, prefix: bytes = b"") -> bytes:
    """A zlib stream (FlateDecode) of *prefix* followed by about *total* zero bytes."""
    head = zlib.compressobj(9, zlib.DEFLATED, -15)
    lead = head.compress(prefix) + head.flush(zlib.Z_FULL_FLUSH) if prefix else b""
    blocks, size = _zero_blocks(total)
    adler = zlib.adler32(prefix)
    a, b = adler & 0xFFFF, adler >> 16
    b = (b + a * size) % 65521  # each zero byte adds a (unchanged) to b
    return b"\x78\xda" + lead + blocks + struct.pack(">I", (b << 16) | a)


def write_pdf(path: Path, contents: bytes, *, filters: str = "/Filter /FlateDecode") -> Path:
    """A one-page PDF with a complete cross-reference table whose page content stream is *contents*."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< " + filters.encode() + b" /Length " + str(len(contents)).encode() + b" >>\nstream\n" + contents
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    Path(path).write_bytes(bytes(out))
    return Path(path)


def pdf_bomb(path: Path, inflated: int = 1536 << 20) -> Path:
    """A PDF of about 1.5 MB (for 1.5 GB) whose page content stream inflates to *inflated* bytes."""
    text = b"BT /F1 12 Tf 72 720 Td (Report of the Working Group on the Universal Periodic Review) Tj ET\n"
    return write_pdf(path, zlib_zeros(inflated, prefix=text))


def _zip(path: Path, members: list[tuple[str, bytes, int, int, int]]) -> Path:
    """A zip archive written by hand: (name, stored data, method, crc32, uncompressed size) per member."""
    out = bytearray()
    central = bytearray()
    for name, data, method, crc, size in members:
        offset = len(out)
        encoded = name.encode()
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(data), size,
                           len(encoded), 0) + encoded + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc, len(data),
                               size, len(encoded), 0, 0, 0, 0, 0, offset) + encoded
    start = len(out)
    out += central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), start, 0)
    Path(path).write_bytes(bytes(out))
    return Path(path)


CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 b'<Default Extension="xml" ContentType="application/xml"/>'
                 b'<Default Extension="png" ContentType="image/png"/>'
                 b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                 b'officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'officeDocument" Target="word/document.xml"/></Relationships>')
DOCUMENT = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            b'<w:p><w:r><w:t>Report of the Working Group on the Universal Periodic Review</w:t></w:r></w:p>'
            b'</w:body></w:document>')


def docx_bomb(path: Path, inflated: int = 1536 << 20, part: str = "word/media/image1.png") -> Path:
    """A small .docx whose *part* inflates to *inflated* zero bytes (a zip bomb); "word/document.xml" as
    *part* makes the main document itself the bomb."""
    blocks, size = _zero_blocks(inflated)
    crc = 0
    zeros = bytes(CHUNK)
    for _ in range(size // CHUNK):
        crc = zlib.crc32(zeros, crc)
    plain = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS), ("word/document.xml", DOCUMENT)]
    members = [(name, data, 0, zlib.crc32(data), len(data)) for name, data in plain if name != part]
    members.append((part, blocks, 8, crc, size))
    return _zip(path, members)


def markup_pdf(path: Path, state: str = "[/red][bold]Atlantis[/b]") -> Path:
    """A PDF that looks like a Working Group report whose State (document text) is rich markup."""
    from fpdf import FPDF

    pdf = FPDF()
    for page in range(3):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        lines = ["A/HRC/21/99", "General Assembly", "Human Rights Council", "Twenty-first session",
                 "Report of the Working Group on the Universal Periodic Review*", state, "[/] [link=x]closing[/]"]
        if page:
            lines = [f"A/HRC/21/99 {page + 1}", f"{page}. Text with [/red] markup and [b]bold[/b] tags. " * 3]
        for line in lines:
            pdf.multi_cell(0, 6, text=line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return Path(path)


def truncated(source: Path, target: Path, fraction: float) -> Path:
    """The first *fraction* of *source*'s bytes."""
    data = Path(source).read_bytes()
    Path(target).write_bytes(data[: int(len(data) * fraction)])
    return Path(target)


def odd_name(folder: Path, raw_name: bytes, source: Path | None = None, data: bytes = b"") -> str:
    """A file named by raw bytes (not valid UTF-8, control characters...), a copy of *source* or *data*;
    returns its path as Python sees it (surrogate escapes for undecodable bytes)."""
    target = os.path.join(os.fsencode(folder), raw_name)
    if source is not None:
        shutil.copyfile(source, target)
    else:
        with open(target, "wb") as handle:
            handle.write(data)
    return os.fsdecode(target)


def hex_pdf_bomb(path: Path, inflated: int = 1536 << 20) -> Path:
    """Like :func:`pdf_bomb`, with the zlib stream hex-encoded (ASCIIHexDecode, then FlateDecode): a check
    that looks for zlib streams in the file does not see it, so only the reader's memory limit stops it."""
    text = b"BT /F1 12 Tf 72 720 Td (Report of the Working Group on the Universal Periodic Review) Tj ET\n"
    return write_pdf(path, zlib_zeros(inflated, prefix=text).hex().encode() + b">",
                     filters="/Filter [/ASCIIHexDecode /FlateDecode]")
