"""The leadership briefing deck (SOP step 6 material for the Ka. Badan): a 16:9 PowerPoint file
whose charts are native, editable PowerPoint charts (their data opens in PowerPoint's sheet),
never pictures.

Slides: cover (agency, logo or its placeholder, the Kepala Badan; here) · headline metrics ·
capaian per sasaran · one slide per sasaran · budget (`paparan_capaian`) · reconciliation
status · next steps of the SOP · conclusion and follow-up (`paparan_tindak`). The drawing
helpers are in `_slide`.

Every figure comes from `pimpinan.ringkasan` (itself from the core's computations) and the SOP
tracker.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import io

import duckdb
import pandas as pd
from pptx import Presentation
from pptx.enum.text import PP_ALIGN
from pptx.util import Inches, Pt

from lkip_core import akun, db, fmt, pengaturan
from lkip_core.masukan import rekap
from lkip_core.pimpinan._slide import BIRU, GELAP, Dek, baris_teks, rgb, teks
from lkip_core.pimpinan.paparan_capaian import (
    slide_anggaran,
    slide_per_sasaran,
    slide_sasaran_semua,
    slide_utama,
)
from lkip_core.pimpinan.paparan_tindak import slide_kesimpulan, slide_rekonsiliasi, slide_tahapan
from lkip_core.pimpinan.ringkasan import Ringkasan, ringkasan

INDIKATOR_PER_SLIDE = 8  # a sasaran with more is split evenly over more slides


def _logo(cur: duckdb.DuckDBPyConnection) -> bytes | None:
    """The agency's logo (setting `logo_instansi`, base64 PNG or JPEG), or None."""
    nilai = pengaturan.semua(cur).get("logo_instansi") or ""
    try:
        isi = base64.b64decode(nilai, validate=True) if nilai else b""
    except (binascii.Error, ValueError):
        return None
    return isi if isi[:8] == b"\x89PNG\r\n\x1a\n" or isi[:3] == b"\xff\xd8\xff" else None


def _pejabat(cur: duckdb.DuckDBPyConnection) -> tuple[str | None, str | None]:
    """The Kepala Badan's name and NIP from the master's unit sheet (the opd unit)."""
    units = rekap.daftar_unit(cur)
    if units.empty:
        return None, None
    opd = units.iloc[0]
    nama, nip = opd["nama_pejabat"], opd["nip_pejabat"]
    nama = None if pd.isna(nama) or not str(nama).strip() else str(nama)
    nip = None if pd.isna(nip) or not str(nip).strip() else str(nip)
    if nip and len(nip) == 18 and nip.isdigit():
        nip = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    return nama, nip


def _slide_judul(dek: Dek, r: Ringkasan, tanggal: dt.date) -> None:
    s = dek.slide()
    logo = _logo(dek.cur)
    x, y, sisi = Inches(0.7), Inches(0.45), Inches(1.5)
    if logo:
        gambar = s.shapes.add_picture(io.BytesIO(logo), x, y, height=sisi)
        if gambar.width > Inches(3):  # a wide logo: keep it off the title
            gambar.width, gambar.height = Inches(3), int(gambar.height * Inches(3) / gambar.width)
    else:
        kotak = s.shapes.add_shape(5, x, y, sisi, sisi)  # 5 = rounded rectangle
        kotak.fill.background()
        kotak.line.color.rgb = rgb(GELAP)
        kotak.line.dash_style = 4  # dash
        kotak.name = "Tempat logo"
        tf = kotak.text_frame
        tf.word_wrap = True
        tf.text = "Logo instansi"
        for p in tf.paragraphs:
            for run in p.runs:
                run.font.size = Pt(12)
                run.font.color.rgb = rgb(GELAP)
    pita = s.shapes.add_shape(1, 0, Inches(2.2), dek.lebar, Inches(3.0))
    pita.fill.solid()
    pita.fill.fore_color.rgb = rgb(BIRU)
    pita.line.fill.background()
    teks(s, r.nama_opd or "Organisasi Perangkat Daerah", Inches(0.7), Inches(2.3),
         dek.lebar - Inches(1.4), Inches(1.2), 24, tebal=True, warna="#ffffff")
    teks(s, f"Paparan Kinerja Tahun {r.tahun}", Inches(0.7), Inches(3.5),
         dek.lebar - Inches(1.4), Inches(0.9), 40, tebal=True, warna="#ffffff")
    teks(s, "Laporan Kinerja Instansi Pemerintah (LKIP)", Inches(0.7), Inches(4.4),
         dek.lebar - Inches(1.4), Inches(0.6), 18, warna="#ffffff")
    nama, nip = _pejabat(dek.cur)
    baris = [f"Kepala {r.nama_opd}" if r.nama_opd else "Kepala Badan",
             nama or "(nama Kepala Badan belum diisi di master, sheet unit)"]
    if nip:
        baris.append(f"NIP. {nip}")
    baris_teks(s, baris, Inches(0.7), Inches(5.45), Inches(8.6), Inches(1.5), 16)
    teks(s, fmt.tanggal(tanggal), Inches(9.5), Inches(5.45), Inches(3.1), Inches(0.6), 16,
         warna=GELAP, rata=PP_ALIGN.RIGHT)


def nama_paparan(tahun: int, hari_ini: dt.date | None = None) -> str:
    return f"paparan_kinerja_{tahun}_{(hari_ini or dt.date.today()):%Y%m%d}.pptx"


def buat_paparan(con: duckdb.DuckDBPyConnection, tahun: int,
                 hari_ini: dt.date | None = None, *, oleh: akun.Akun | str) -> bytes:
    """The briefing deck of `tahun` as .pptx bytes (16:9, native charts). Needs `ekspor`
    (admin, pimpinan); each one made is audited."""
    hari_ini = hari_ini or dt.date.today()
    nama = nama_paparan(tahun, hari_ini)
    pelaku = akun.wajib(con, oleh, "ekspor", objek=nama, tahun=tahun)
    cur = con.cursor()
    r = ringkasan(cur, tahun)
    dek = Dek(Presentation(), cur)
    _slide_judul(dek, r, hari_ini)
    slide_utama(dek, r)
    slide_sasaran_semua(dek, r)
    slide_per_sasaran(dek, r, INDIKATOR_PER_SLIDE)
    slide_anggaran(dek, r)
    slide_rekonsiliasi(dek, r)
    slide_tahapan(dek, r, hari_ini)
    slide_kesimpulan(dek, r)
    buf = io.BytesIO()
    dek.prs.save(buf)
    isi = buf.getvalue()
    with db.transaksi(con) as tx:
        akun.audit.catat(tx, pelaku, "ekspor", nama, tahun=tahun, rincian={
            "jenis": "paparan", "sha256": hashlib.sha256(isi).hexdigest(), "ukuran": len(isi)})
    return isi
