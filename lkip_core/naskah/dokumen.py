"""The LKIP book of a year as a Word document: the template (templates/ or the office's own)
rendered with docxtpl from the year's materials and prose.

`buat_docx` is what the page, the command line and the pengesahan chain call. Charts are drawn
in a pool of processes when there are many (one per sasaran, twice, at city scale).
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import re
import zipfile
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import jinja2
from docx import Document
from docx.opc.packuri import PackURI
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from .. import db
from ..akun import audit
from ..akun.model import Akun
from ..errors import InputRefused
from . import teks as _teks
from .bagian import daftar_bagian
from .bahan import Bahan, muat_bahan
from .konteks import Pembangun
from .ooxml import GAYA_WAJIB, JudulBersambung, Xml
from .pelaku import pelaku, wajib
from .templat import VARIABEL, WAJIB, buat_templat
from .templat_surat import VARIABEL_SURAT, WAJIB_SURAT, buat_templat_surat

FOLDER_TEMPLAT = Path(__file__).resolve().parents[2] / "templates"
BERKAS_TEMPLAT = {"naskah": FOLDER_TEMPLAT / "naskah_lkip.docx",
                  "surat": FOLDER_TEMPLAT / "surat_pengantar.docx"}
LEBAR_GAMBAR_MM = 150
PARALEL_MULAI = 16  # charts from which a process pool pays for its start-up


@dataclass
class Buku:
    tahun: int
    docx: bytes
    nama_berkas: str
    peringatan: list[str] = field(default_factory=list)
    sumber: list[int] = field(default_factory=list)  # active submissions the figures came from
    judul: list[str] = field(default_factory=list)  # the captions, in order

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.docx).hexdigest()


def templat_bawaan(jenis: str = "naskah") -> bytes:
    """The default template in templates/ (written by code when the file is missing)."""
    berkas = BERKAS_TEMPLAT[jenis]
    if berkas.exists():
        return berkas.read_bytes()
    if jenis == "naskah":
        return buat_templat()
    return buat_templat_surat()


def templat_aktif(cur: duckdb.DuckDBPyConnection, jenis: str = "naskah") -> tuple[bytes, str]:
    """(bytes, name) of the template in force: the office's own, else the default."""
    row = cur.execute("SELECT isi, nama_berkas FROM naskah_templat WHERE jenis = ? "
                      "ORDER BY id DESC LIMIT 1", [jenis]).fetchone()
    if row is not None and row[0] is not None:
        return bytes(row[0]), row[1] or "templat kantor"
    return templat_bawaan(jenis), f"templat bawaan ({BERKAS_TEMPLAT[jenis].name})"


def periksa_templat(isi: bytes, jenis: str = "naskah") -> DocxTemplate:
    """The template, once it is a .docx that uses only the variables the book provides, every
    chapter, and the styles the blocks refer to; InputRefused with what is wrong otherwise."""
    variabel, wajib_ = (VARIABEL, WAJIB) if jenis == "naskah" else (VARIABEL_SURAT, WAJIB_SURAT)
    try:
        tpl = DocxTemplate(io.BytesIO(isi))
        dipakai = tpl.get_undeclared_template_variables()
        gaya = {s.style_id for s in Document(io.BytesIO(isi)).styles}
    except jinja2.TemplateSyntaxError as exc:
        raise InputRefused(f"Templat tidak dapat dibaca: tanda Jinja salah tulis di baris "
                           f"{exc.lineno} ({exc.message}).") from exc
    except Exception as exc:  # noqa: BLE001 — any failure to open means: not a usable .docx
        raise InputRefused(f"Templat bukan dokumen Word (.docx) yang dapat dibaca: "
                           f"{type(exc).__name__}.") from exc
    masalah = []
    asing = sorted(dipakai - set(variabel))
    if asing:
        masalah.append("variabel tidak dikenal: " + ", ".join(asing))
    hilang = [v for v in wajib_ if v not in dipakai]
    if hilang:
        masalah.append("variabel wajib tidak ada: " + ", ".join(hilang))
    if jenis == "naskah":
        tanpa = [g for g in GAYA_WAJIB if g not in gaya]
        if tanpa:
            masalah.append("gaya paragraf tidak ada: " + ", ".join(tanpa))
    if masalah:
        raise InputRefused("Templat ditolak: " + "; ".join(masalah) + ". Mulailah dari templat "
                           "bawaan (`naskah template --out FILE.docx`) dan pertahankan "
                           "variabel serta gayanya.")
    return tpl


class _Gambar(InlineImage):
    """docxtpl's picture, its document's image lookup made linear first (`_sha1_sekali`)."""

    def _insert_image(self) -> str:
        _sha1_sekali(self.tpl.current_rendering_part.package.image_parts)
        return super()._insert_image()


def _sha1_sekali(parts) -> None:
    """python-docx finds whether a picture is already in the document by hashing every picture
    already there (a city's 450 charts: 100,000 SHA-1 of 50 kB, 3 s), and names a new one by
    reading every name (1 s); each hashed once here, and the name the same lowest free number
    found from the last one (the free numbers only shrink)."""
    if getattr(parts, "_lkip_sha1", None) is not None:
        return
    hash_: dict[int, tuple[object, str]] = {}
    dipakai = {p.partname.idx for p in parts._image_parts}
    bebas = [1]

    def nama(ext: str) -> PackURI:
        dipakai.update(p.partname.idx for p in parts._image_parts[-1:])
        while bebas[0] in dipakai:
            bebas[0] += 1
        dipakai.add(bebas[0])
        return PackURI(f"/word/media/image{bebas[0]}.{ext}")

    def cari(sha1: str):
        for p in parts._image_parts:
            h = hash_.get(id(p))
            if h is None or h[0] is not p:
                h = hash_[id(p)] = (p, p.sha1)
            if h[1] == sha1:
                return p
        return None

    parts._get_by_sha1 = parts._lkip_sha1 = cari
    parts._next_image_partname = nama


def _lukis_satu(job: tuple | None) -> bytes | None:
    if job is None:
        return None
    fn, *args = job
    return fn(*args)


# Charts already drawn in this process, by the hash of what they were drawn from (function and
# data): the page builds the book for the DOCX button and again for the PDF one, and the same
# data gives the same picture. Bounded; the oldest go first.
TEMBOLOK_MAKS = 1000  # two city-scale books (≈ 25 MB each)
_tembolok: OrderedDict[str, bytes | None] = OrderedDict()


def _kunci(job: tuple) -> str | None:
    fn, *args = job
    try:
        isi = pickle.dumps((fn.__module__, fn.__qualname__, args), protocol=5)
    except Exception:  # noqa: BLE001 — something unpicklable: drawn, not remembered
        return None
    return hashlib.sha256(isi).hexdigest()


def lukis(jobs: list[tuple | None]) -> list[bytes | None]:
    """Draw the charts (in parallel when there are many; each once per data, see _tembolok)."""
    return lukis_mulai(jobs)()


def lukis_mulai(jobs: list[tuple | None]) -> Callable[[], list[bytes | None]]:
    """Start drawing the charts (`lukis`) and return what waits for them: the book's tables
    are built while the pool draws."""
    kunci = [None if j is None else _kunci(j) for j in jobs]
    out: list[bytes | None] = [None] * len(jobs)
    baru = []
    for i, (j, k) in enumerate(zip(jobs, kunci)):
        if j is None:
            continue
        if k is not None and k in _tembolok:
            _tembolok.move_to_end(k)
            out[i] = _tembolok[k]
        else:
            baru.append(i)
    pekerja = min(os.cpu_count() or 1, 4)
    pool = None
    if len(baru) >= PARALEL_MULAI and pekerja >= 2:
        pool = ProcessPoolExecutor(pekerja)
        hasil = pool.map(_lukis_satu, [jobs[i] for i in baru], chunksize=4)

    def tunggu() -> list[bytes | None]:
        try:
            gambar = list(hasil) if pool else [_lukis_satu(jobs[i]) for i in baru]
        finally:
            if pool:
                pool.shutdown(cancel_futures=True)
        for i, g in zip(baru, gambar):
            out[i] = g
            if kunci[i] is not None:
                _tembolok[kunci[i]] = g
        while len(_tembolok) > TEMBOLOK_MAKS:
            _tembolok.popitem(last=False)
        return out

    return tunggu


_PENANDA = re.compile(r"<w:p>(?:(?!</w:p>).)*?@@LKIPBLOK(\d+)@@(?:(?!</w:p>).)*?</w:p>",
                      re.DOTALL)


def _sisihkan(nilai, blok: list[str]):
    """The context with every block replaced by a one-line marker paragraph: docxtpl then
    renders a small document (its Jinja pass, regular expressions and XML parse cost seconds
    per megabyte), and the blocks go in afterwards (`_sisipkan`)."""
    if isinstance(nilai, Xml):
        if not nilai:
            return nilai
        blok.append(nilai.xml)
        return Xml(f"<w:p><w:r><w:t>@@LKIPBLOK{len(blok) - 1}@@</w:t></w:r></w:p>", nilai.judul)
    if isinstance(nilai, dict):
        return {k: _sisihkan(v, blok) for k, v in nilai.items()}
    if isinstance(nilai, list):
        return [_sisihkan(v, blok) for v in nilai]
    return nilai


def _sisipkan(docx: bytes, blok: list[str]) -> bytes:
    """`docx` with each marker paragraph replaced by its block (word/document.xml only)."""
    masuk, keluar = zipfile.ZipFile(io.BytesIO(docx)), io.BytesIO()
    with masuk, zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as z:
        for info in masuk.infolist():
            data = masuk.read(info.filename)
            if info.filename == "word/document.xml":
                xml = _PENANDA.sub(lambda m: blok[int(m.group(1))], data.decode("utf-8"))
                data = xml.encode("utf-8")
            z.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=5)
    return keluar.getvalue()


def _render(tpl: DocxTemplate, ctx: dict) -> bytes:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    blok: list[str] = []
    try:
        tpl.render(_sisihkan(ctx, blok), env, autoescape=True)
    except jinja2.TemplateError as exc:
        raise InputRefused(f"Templat tidak dapat dipakai: {exc}. Periksa tanda {{{{ }}}} dan "
                           "{% %} di templat.") from exc
    out = io.BytesIO()
    tpl.save(out)
    return _sisipkan(out.getvalue(), blok) if blok else out.getvalue()


def nama_berkas(tahun: int, ext: str = "docx") -> str:
    return f"naskah_lkip_{tahun}.{ext}"


def bahan_dan_isi(cur: duckdb.DuckDBPyConnection, tahun: int
                  ) -> tuple[Bahan, dict[str, _teks.Isi]]:
    bahan = muat_bahan(cur, tahun)
    bagian = daftar_bagian(k for k, _, _ in bahan.kelompok)
    return bahan, _teks.isi_naskah(cur, bahan, bagian)


def buat_docx(con: duckdb.DuckDBPyConnection, tahun: int, *,
              templat: bytes | None = None) -> Buku:
    """The book of `tahun` as .docx (`templat`: a template to use instead of the one in force).
    NotFound when the master does not cover the year; InputRefused for an unusable template."""
    cur = con.cursor()
    isi_templat = templat if templat is not None else templat_aktif(cur)[0]
    tpl = periksa_templat(isi_templat)
    bahan, isi = bahan_dan_isi(cur, tahun)

    def gambar(png: list[bytes], judul: str) -> dict:
        g = [_Gambar(tpl, io.BytesIO(p), width=Mm(LEBAR_GAMBAR_MM)) for p in png]
        return {"gambar": g[0], "judul": JudulBersambung(judul, g[1:]) if g[1:] else judul}

    p = Pembangun(bahan, isi, gambar, lukis_mulai)
    docx = _render(tpl, p.bangun())
    return Buku(tahun, docx, nama_berkas(tahun), p.peringatan, bahan.sumber, p.no.judul)


def simpan_templat(con: duckdb.DuckDBPyConnection, isi: bytes | None, *, oleh: Akun | str,
                   nama_berkas: str | None = None, jenis: str = "naskah") -> None:
    """Put an office's template in force (checked first), or the default again (`isi` None)."""
    a = wajib(con, pelaku(con, oleh), "naskah_tulis", objek=f"templat {jenis}")
    if isi is not None:
        periksa_templat(isi, jenis)
    sha = hashlib.sha256(isi).hexdigest() if isi is not None else None
    with db.transaksi(con) as cur:
        cur.execute("INSERT INTO naskah_templat (jenis, nama_berkas, isi, sha256, oleh, waktu) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    [jenis, nama_berkas, isi, sha, a.nama_pengguna,
                     datetime.now().replace(microsecond=0)])
        audit.catat(cur, a, "naskah_templat", nama_berkas or "templat bawaan",
                    rincian={"jenis": jenis, "sha256": sha})
