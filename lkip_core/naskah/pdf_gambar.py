"""The charts of a big book's parts put into the PDF by us, not by LibreOffice.

LibreOffice exporting a chart to PDF decodes the PNG, expands its palette to RGB and deflates
every pixel again: at city scale (500 charts of 1260 × 800–1450 pixels) about half the CPU of a
Bab III part. PNG's own compressed data is valid PDF image data (FlateDecode with the PNG
predictors, a palette as an /Indexed colour space), so a part is given to LibreOffice with each
chart replaced by a 2 × 2 placeholder picture of the same size on the page (the DOCX sets the
size, not the pixels) whose first pixel carries the chart's number; in the part's PDF each
placeholder image then receives the chart's own data. The pixels printed are the chart's, exactly
as LibreOffice would have printed them. Only 8-bit, non-interlaced RGB or palette PNGs without
transparency are replaced (the book's Pillow charts); anything else goes through LibreOffice.
"""

from __future__ import annotations

import re
import struct
import zlib

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    NameObject,
    NumberObject,
)

TANDA = bytes((0x4C, 0x4B, 0x49))  # the placeholder's other three pixels ("LKI")
_NOMOR = re.compile(rb"(\d+)\.png$")


def _potongan_png(png: bytes) -> list[tuple[bytes, bytes]]:
    out, i = [], 8
    while i + 8 <= len(png):
        n, jenis = struct.unpack(">I4s", png[i:i + 8])
        out.append((jenis, png[i + 8:i + 8 + n]))
        i += 12 + n
    return out


def gambar_pdf(png: bytes) -> tuple[dict, bytes] | None:
    """(the PDF image dictionary's entries, its stream data) of a PNG that can go in as it is;
    None for any other picture."""
    if not png.startswith(b"\x89PNG\r\n\x1a\n"):
        return None
    bagian = _potongan_png(png)
    if not bagian or bagian[0][0] != b"IHDR":
        return None
    lebar, tinggi, bit, warna, _, _, selang = struct.unpack(">IIBBBBB", bagian[0][1])
    jenis = {b for b, _ in bagian}
    if bit != 8 or selang or warna not in (2, 3) or b"tRNS" in jenis:
        return None
    if warna == 3:
        palet = next((isi for b, isi in bagian if b == b"PLTE"), None)
        if not palet:
            return None
        ruang = ArrayObject([NameObject("/Indexed"), NameObject("/DeviceRGB"),
                             NumberObject(len(palet) // 3 - 1), ByteStringObject(palet)])
    else:
        ruang = NameObject("/DeviceRGB")
    kamus = {"/Width": NumberObject(lebar), "/Height": NumberObject(tinggi),
             "/BitsPerComponent": NumberObject(8), "/ColorSpace": ruang,
             "/Filter": NameObject("/FlateDecode"),
             "/DecodeParms": DictionaryObject({
                 NameObject("/Predictor"): NumberObject(15),
                 NameObject("/Colors"): NumberObject(1 if warna == 3 else 3),
                 NameObject("/BitsPerComponent"): NumberObject(8),
                 NameObject("/Columns"): NumberObject(lebar)})}
    return kamus, b"".join(isi for b, isi in bagian if b == b"IDAT")


def nomor_media(nama: str) -> int | None:
    """The number of a DOCX media file (word/media/image12.png → 12)."""
    m = _NOMOR.search(nama.encode())
    return int(m.group(1)) if m else None


def pengganti(nomor: int) -> bytes:
    """A 2 × 2 RGB PNG whose first pixel is `nomor` (24 bits) and the others TANDA."""
    baris = b"\x00" + nomor.to_bytes(3, "big") + TANDA + b"\x00" + TANDA + TANDA

    def potong(jenis: bytes, isi: bytes) -> bytes:
        return struct.pack(">I", len(isi)) + jenis + isi + struct.pack(
            ">I", zlib.crc32(jenis + isi) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + potong(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + potong(b"IDAT", zlib.compress(baris)) + potong(b"IEND", b""))


def tukar(r: PdfReader, asli: dict[int, bytes]) -> int:
    """Every placeholder image of `r` given its chart's data (`asli`: number → PNG); how many."""
    n, dilihat = 0, set()
    for hal in r.pages:
        res = hal.get("/Resources")
        xo = res.get_object().get("/XObject") if res is not None else None
        if xo is None:
            continue
        for ref in xo.get_object().values():
            kunci = getattr(ref, "idnum", None) or id(ref)
            if kunci in dilihat:
                continue
            dilihat.add(kunci)
            o = ref.get_object()
            if o.get("/Subtype") != "/Image" or o.get("/Width") != 2 or o.get("/Height") != 2:
                continue
            data = o.get_data()
            if len(data) != 12 or data[3:] != TANDA * 3:
                continue
            png = asli.get(int.from_bytes(data[:3], "big"))
            ganti = gambar_pdf(png) if png else None
            if ganti is None:
                continue
            kamus, isi = ganti
            for k in ("/DecodeParms", "/SMask", "/Mask", "/Decode"):
                o.pop(k, None)
            for k, v in kamus.items():
                o[NameObject(k)] = v
            o._data = isi
            if hasattr(o, "decoded_self"):
                o.decoded_self = None
            n += 1
    return n


