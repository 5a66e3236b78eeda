"""The leadership briefing deck (SOP step 6 material for the Ka. Badan): a 16:9 PowerPoint file
whose charts are native, editable PowerPoint charts (their data opens in PowerPoint's sheet),
never pictures.

Slides: cover (agency, logo or its placeholder, the Kepala Badan) · headline metrics · capaian
per sasaran · one slide per sasaran (indicators' capaian and a small table; a long sasaran is
split evenly over two slides, never one full and one nearly empty) · budget (pagu against
realisasi per program, full names wrapped; serapan per unit) · reconciliation status (rules by
name) · next steps of the SOP · conclusion and follow-up (findings in words).

Every figure comes from `pimpinan.ringkasan` (itself from the core's computations) and the SOP
tracker. Data labels carry the value already formatted the Indonesian way (57,28 %): a number
format would show the viewer's locale separators, and many office PCs run an English locale.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import io
import math
import textwrap

import duckdb
import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.text import PP_ALIGN
from pptx.util import Inches, Pt

from lkip_core import akun, db, fmt, pengaturan
from lkip_core.grafik import gaya
from lkip_core.grafik.gaya import warna_predikat
from lkip_core.masukan import rekap
from lkip_core.pimpinan import tahapan
from lkip_core.pimpinan._slide import (
    BIRU,
    GELAP,
    HIJAU_TUA,
    MERAH,
    Dek,
    baris_teks,
    kotak_angka,
    rgb,
    tabel,
    teks,
)
from lkip_core.pimpinan.ringkasan import Ringkasan, ringkasan, terbawah
from lkip_core.rekonsiliasi.aturan import DAFTAR

INDIKATOR_PER_SLIDE = 8
BATAS_BATANG = 15  # bars in one chart; more (city scale) and the slide shows the lowest
BATAS_TABEL = 12  # rows in a side table
BATAS_TERLAMBAT = 4  # late-step lines on the next-steps slide
MILIAR = 1_000_000_000
BATAS_KESIMPULAN = 3  # findings and low indicators named on the conclusion slide
# Units whose values are fractions by nature keep two decimals; counts print whole.
SATUAN_PECAHAN = ("%", "persen", "indeks", "nilai", "skor", "poin", "rasio")


def _selisih(v: float | None, tahun: int) -> str:
    if v is None:
        return "tidak ada data tahun lalu"
    tanda = "+" if v > 0 else ""
    return f"{tanda}{fmt.angka(v)} poin dibanding {tahun}"


def _label_titik(chart, teks_label: list[str], ukuran: int = 12) -> None:
    """Write each point's label as Indonesian-formatted text."""
    for titik, label in zip(chart.plots[0].series[0].points, teks_label):
        tf = titik.data_label.text_frame
        tf.text = label
        tf.paragraphs[0].runs[0].font.size = Pt(ukuran)
        titik.data_label.position = XL_LABEL_POSITION.OUTSIDE_END


def _bar_capaian(slide, kategori: list[str], nilai: list[float | None], predikat: list,
                 skala, x, y, cx, cy, judul_seri: str = "Capaian (%)"):
    """A horizontal bar chart of capaian, coloured by predikat, 100 % marked in the axis."""
    data = CategoryChartData()
    data.categories = kategori
    data.add_series(judul_seri, nilai)
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, x, y, cx, cy, data).chart
    chart.has_legend = False
    chart.font.size = Pt(12)
    for titik, p in zip(chart.plots[0].series[0].points, predikat):
        titik.format.fill.solid()
        titik.format.fill.fore_color.rgb = rgb(warna_predikat(p, skala))
    _label_titik(chart, [fmt.persen(v) if v is not None else "—" for v in nilai])
    sumbu = chart.value_axis
    sumbu.minimum_scale = 0
    sumbu.maximum_scale = max([v for v in nilai if v is not None] + [100]) * 1.25
    sumbu.has_major_gridlines = True
    sumbu.tick_labels.number_format = '0" %"'
    sumbu.tick_labels.number_format_is_linked = False
    chart.category_axis.reverse_order = True  # first category on top, as in the table
    chart.plots[0].gap_width = 60
    return chart


def _sumbu_hitungan(chart, maks: int) -> None:
    """A count axis: whole numbers only (no 2.5 findings), from 0."""
    sumbu = chart.value_axis
    sumbu.minimum_scale = 0
    sumbu.major_unit = max(1, math.ceil(maks / 6))
    sumbu.tick_labels.number_format = "0"
    sumbu.tick_labels.number_format_is_linked = False


def _judul(dek: Dek, slide, judul: str, sub: str | None = None) -> None:
    teks(slide, judul, Inches(0.5), Inches(0.3), dek.lebar - Inches(1), Inches(0.8), 28,
         tebal=True, warna=BIRU)
    if sub:
        teks(slide, sub, Inches(0.5), Inches(1.0), dek.lebar - Inches(1), Inches(0.5), 16,
             warna=GELAP)


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


def _slide_utama(dek: Dek, r: Ringkasan) -> None:
    s = dek.slide()
    _judul(dek, s, f"Kinerja {r.tahun} dalam angka")
    lebar, jarak, y = Inches(2.95), Inches(0.17), Inches(1.3)
    if r.galat_terbuka is None:
        galat, ket_galat = "—", "rekonsiliasi belum tersedia"
    else:
        galat = fmt.angka(r.galat_terbuka, 0)
        ket_galat = "harus diperbaiki unit" if r.galat_terbuka else "data bersih"
    kirim = r.unit_wajib - len(r.unit_belum)
    kotak = [
        ("Rata-rata capaian kinerja", fmt.persen(r.capaian_rata),
         _selisih(r.lalu.selisih_capaian, r.lalu.tahun)),
        ("Serapan anggaran", fmt.persen(r.serapan), _selisih(r.lalu.selisih_serapan, r.lalu.tahun)),
        ("Unit sudah mengirim data", f"{kirim} dari {r.unit_wajib}",
         "semua unit lengkap" if not r.unit_belum else f"{len(r.unit_belum)} unit belum"),
        ("Temuan galat terbuka", galat, ket_galat),
    ]
    for i, (label, nilai, ket) in enumerate(kotak):
        kotak_angka(s, Inches(0.5) + i * (lebar + jarak), y, lebar, Inches(1.5), label, nilai,
                    ket)
    skala = pengaturan.skala_predikat(dek.cur)
    data = CategoryChartData()
    data.categories = list(r.per_predikat)
    data.add_series("Jumlah indikator", list(r.per_predikat.values()))
    chart = s.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(0.5), Inches(3.1),
                               Inches(7.2), Inches(4.1), data).chart
    chart.has_legend = False
    chart.has_title = True
    chart.chart_title.text_frame.text = "Jumlah indikator per predikat"
    chart.font.size = Pt(13)
    for titik, p in zip(chart.plots[0].series[0].points, r.per_predikat):
        titik.format.fill.solid()
        titik.format.fill.fore_color.rgb = rgb(warna_predikat(p, skala))
    _label_titik(chart, [fmt.angka(v, 0) for v in r.per_predikat.values()], 14)
    chart.value_axis.visible = False
    chart.value_axis.has_major_gridlines = False
    catatan = [f"{r.indikator_bercapaian} dari {r.indikator} indikator sudah punya capaian "
               "(dihitung dari target PK).",
               f"Pagu {fmt.rupiah(r.pagu)}; realisasi {fmt.rupiah(r.realisasi)}."]
    if r.unit_belum:
        catatan.append("Belum mengirim data: " + ", ".join(r.unit_belum))
    if r.lalu.keterangan:
        catatan.append(f"Perbandingan: {r.lalu.keterangan} ({r.lalu.tahun}).")
    baris_teks(s, catatan, Inches(8.0), Inches(3.4), Inches(4.8), Inches(3.6), 16)


def _slide_sasaran_semua(dek: Dek, r: Ringkasan) -> None:
    s = dek.slide()
    _judul(dek, s, "Capaian per sasaran strategis",
           "Rata-rata capaian indikator setiap sasaran (indikator tanpa capaian tidak dihitung)")
    df, n = terbawah(r.per_sasaran, "capaian", BATAS_BATANG)
    if n > len(df):
        teks(s, f"{len(df)} sasaran dengan capaian terendah dari {n}.", Inches(0.5),
             Inches(7.0), Inches(12), Inches(0.4), 12, warna=GELAP)
    kategori = [f"{k} {_bungkus(u, 60)}" for k, u in zip(df["kode_sasaran"], df["uraian_sasaran"])]
    _bar_capaian(s, kategori, _nilai(df["capaian"]), list(df["predikat"]),
                 pengaturan.skala_predikat(dek.cur), Inches(0.5), Inches(1.5), Inches(12.3),
                 Inches(5.6), "Capaian sasaran (%)")


def _desimal(v: float, satuan) -> int:
    """A count (orang, dokumen) whose value is whole prints without decimals: 453, not 453,00."""
    s = str(satuan or "").strip().lower()
    return 0 if float(v).is_integer() and not any(p in s for p in SATUAN_PECAHAN) else 2


def _dengan_satuan(v, satuan) -> str:
    if v is None or pd.isna(v):
        return fmt.KOSONG
    return (fmt.angka(v, _desimal(v, satuan))
            + (f" {satuan}" if satuan and satuan != "persen" else ""))


def _bungkus(t, lebar: int) -> str:
    """A long name wrapped onto lines of `lebar` characters (never cut)."""
    return "\n".join(textwrap.wrap(str(t or ""), lebar)) or "—"


def _miliar(v: float | None) -> str:
    """Money for a slide: 'Rp 6,91 M' (miliar) reads faster than fifteen digits."""
    return fmt.KOSONG if v is None else f"Rp {fmt.angka(v / MILIAR)} M"


def _pendek(t, n: int) -> str:
    t = str(t or "")
    return t if len(t) <= n else t[: n - 1].rstrip() + "…"


def _nilai(seri: pd.Series) -> list[float | None]:
    return [None if pd.isna(v) else float(v) for v in seri]


def _slide_per_sasaran(dek: Dek, r: Ringkasan) -> None:
    skala = pengaturan.skala_predikat(dek.cur)
    per = r.per_sasaran.set_index("kode_sasaran")
    for kode, g in r.capaian.groupby("kode_sasaran", sort=True):
        nilai_sasaran = per.loc[kode, "capaian"] if kode in per.index else None
        # Split evenly (9 → 5 + 4, not 8 + 1): no slide carries a lone indicator.
        n_slide = math.ceil(len(g) / INDIKATOR_PER_SLIDE)
        per_slide = math.ceil(len(g) / n_slide)
        bagian = [g.iloc[i:i + per_slide] for i in range(0, len(g), per_slide)]
        for n, part in enumerate(bagian, 1):
            s = dek.slide()
            lanjut = f" (lanjutan {n}/{len(bagian)})" if len(bagian) > 1 else ""
            _judul(dek, s, f"Sasaran {kode}{lanjut}",
                   f"{_pendek(g['uraian_sasaran'].iloc[0], 110)} · capaian sasaran "
                   f"{fmt.persen(None if pd.isna(nilai_sasaran) else nilai_sasaran)}")
            _bar_capaian(s, list(part["kode_indikator"]), _nilai(part["capaian"]),
                         list(part["predikat"]), skala, Inches(0.4), Inches(1.6), Inches(4.6),
                         Inches(5.6))
            baris = [["Kode", "Indikator", "Target", "Realisasi", "Capaian", "Predikat"]]
            for x in part.itertuples():
                baris.append([x.kode_indikator, x.uraian_indikator,
                              _dengan_satuan(x.target, x.satuan),
                              _dengan_satuan(x.realisasi, x.satuan), fmt.persen(x.capaian),
                              x.predikat if isinstance(x.predikat, str) else (x.alasan or "—")])
            tabel(s, baris, Inches(5.2), Inches(1.6), Inches(7.8),
                  [0.75, 2.9, 1.05, 1.05, 0.9, 1.15], 12)


def _slide_anggaran(dek: Dek, r: Ringkasan) -> None:
    s = dek.slide()
    _judul(dek, s, f"Realisasi anggaran {r.tahun}",
           f"Pagu {fmt.rupiah(r.pagu)} · realisasi {fmt.rupiah(r.realisasi)} · serapan "
           f"{fmt.persen(r.serapan)} · M = miliar rupiah")
    prog = r.anggaran.program
    if len(prog) > BATAS_BATANG:  # the largest programs carry the money
        teks(s, f"{BATAS_BATANG} program dengan pagu terbesar dari {len(prog)}.", Inches(0.5),
             Inches(7.05), Inches(7), Inches(0.4), 12, warna=GELAP)
        prog = prog.sort_values("pagu", ascending=False, kind="stable").head(BATAS_BATANG)
    data = CategoryChartData()
    data.categories = [f"{_bungkus(n or k, 34)}\n(serapan {fmt.persen(v)})"
                       for k, n, v in zip(prog["kode"], prog["nama"], prog["serapan"])]
    data.add_series("Pagu (miliar Rp)", [p / MILIAR for p in prog["pagu"]])
    data.add_series("Realisasi (miliar Rp)", [v / MILIAR for v in prog["realisasi"]])
    chart = s.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, Inches(0.4), Inches(1.6),
                               Inches(7.4), Inches(5.6), data).chart
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.font.size = Pt(12)
    chart.category_axis.reverse_order = True
    for seri, warna in zip(chart.plots[0].series, (gaya.BIRU_MUDA, gaya.BIRU)):
        seri.format.fill.solid()
        seri.format.fill.fore_color.rgb = rgb(warna)
        for titik, v in zip(seri.points, seri.values):
            titik.data_label.text_frame.text = f"{fmt.angka(v)} M"
            titik.data_label.text_frame.paragraphs[0].runs[0].font.size = Pt(11)
            titik.data_label.position = XL_LABEL_POSITION.OUTSIDE_END
    chart.value_axis.tick_labels.number_format = "0"
    chart.value_axis.tick_labels.number_format_is_linked = False
    unit, n = terbawah(r.serapan_unit, "serapan", BATAS_TABEL)
    if n > len(unit):
        teks(s, f"{len(unit)} unit dengan serapan terendah dari {n}.", Inches(8.0),
             Inches(7.05), Inches(5), Inches(0.4), 12, warna=GELAP)
    baris = [["Unit", "Pagu", "Realisasi", "Serapan"]]
    for u in unit.itertuples():
        baris.append([u.nama_unit, _miliar(u.pagu), _miliar(u.realisasi),
                      fmt.persen(u.serapan) if u.dilaporkan else "belum melapor"])
    tabel(s, baris, Inches(8.0), Inches(1.6), Inches(5.0), [2.2, 1.0, 1.0, 0.9], 11)


def _slide_rekonsiliasi(dek: Dek, r: Ringkasan) -> None:
    s = dek.slide()
    _judul(dek, s, "Status rekonsiliasi data (langkah 3–5 SOP)")
    if r.temuan is None:
        baris_teks(s, ["Modul rekonsiliasi belum tersedia di aplikasi ini."], Inches(0.5),
                   Inches(1.6), Inches(12), Inches(1), 18)
        return
    t = r.temuan
    terbuka = t.loc[t["status"].isin(("baru", "diperiksa"))]
    ringkas = [f"{len(t)} temuan; {len(terbuka)} masih terbuka, "
               f"{r.galat_terbuka} di antaranya galat (harus diperbaiki)."]
    if terbuka.empty:
        ringkas.append("Semua temuan sudah ditangani.")
    baris_teks(s, ringkas, Inches(0.5), Inches(1.1), Inches(12.3), Inches(0.6), 16)
    if terbuka.empty:
        return
    per = terbuka.groupby(["aturan", "tingkat"]).size().unstack(fill_value=0).sort_index()
    data = CategoryChartData()
    data.categories = [_bungkus(DAFTAR[a].nama.capitalize() if a in DAFTAR else a, 16)
                       for a in per.index]
    tingkat = [x for x in ("galat", "peringatan", "info") if x in per.columns]
    for x in tingkat:
        data.add_series(x.capitalize(), [int(v) for v in per[x]])
    chart = s.shapes.add_chart(XL_CHART_TYPE.COLUMN_STACKED, Inches(0.4), Inches(1.8),
                               Inches(6.6), Inches(5.3), data).chart
    chart.has_title = True
    chart.chart_title.text_frame.text = "Temuan terbuka per aturan"
    _sumbu_hitungan(chart, int(per.sum(axis=1).max()))
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.font.size = Pt(12)
    for seri, x in zip(chart.plots[0].series, tingkat):
        seri.format.fill.solid()
        seri.format.fill.fore_color.rgb = rgb({"galat": gaya.MERAH, "peringatan": gaya.KUNING,
                                               "info": gaya.BIRU_MUDA}[x])
    g = r.galat_unit.head(BATAS_TABEL)  # most galat first
    if g.empty:
        return
    data = CategoryChartData()
    data.categories = [_bungkus(n, 30) for n in g["nama_unit"]]
    data.add_series("Galat terbuka", [int(v) for v in g["galat"]])
    chart = s.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, Inches(7.2), Inches(1.8),
                               Inches(5.8), Inches(5.3), data).chart
    chart.has_title = True
    chart.chart_title.text_frame.text = "Galat terbuka per unit"
    _sumbu_hitungan(chart, int(g["galat"].max()))
    chart.has_legend = False
    chart.font.size = Pt(12)
    chart.category_axis.reverse_order = True
    chart.plots[0].series[0].format.fill.solid()
    chart.plots[0].series[0].format.fill.fore_color.rgb = rgb(gaya.MERAH)
    _label_titik(chart, [fmt.angka(v, 0) for v in g["galat"]])


def _slide_tahapan(dek: Dek, r: Ringkasan, hari_ini: dt.date) -> None:
    s = dek.slide()
    j = tahapan.jadwal(dek.cur, r.tahun, hari_ini, ringkas=r)
    _judul(dek, s, "Langkah berikutnya penyusunan LKIP",
           "SOP 065/767-1.01/BKPSDM: 12 langkah, mutu baku 15 hari kerja")
    baris: list[str] = []
    if j.rencana is None:
        baris.append("Jadwal penyusunan belum ditetapkan: tetapkan tanggal mulai di halaman "
                     "Tahapan SOP.")
    else:
        baris.append(f"Jadwal: {fmt.tanggal(j.rencana['tanggal_mulai'])} s.d. "
                     f"{fmt.tanggal(j.rencana_selesai)} "
                     f"({fmt.angka(tahapan.TOTAL_HARI, 0)} hari kerja).")
    telat = j.peringatan()
    if len(telat) > BATAS_TERLAMBAT:  # the oldest delays first; the rest counted
        telat = [*telat[:BATAS_TERLAMBAT - 1],
                 f"… dan {len(telat) - BATAS_TERLAMBAT + 1} langkah lain juga terlambat."]
    baris += telat or (["Tidak ada langkah yang terlambat."] if j.rencana else [])
    tinggi_teks = Inches(0.5) * len(baris)  # one 16 pt line (and its spacing) each
    baris_teks(s, baris, Inches(0.5), Inches(1.5), Inches(12.3), tinggi_teks, 16,
               warna_baris=[None] + [MERAH if telat else HIJAU_TUA] * (len(baris) - 1))
    # The table takes the room the lines leave: more steps when there are few lines, so the
    # slide is never half empty.
    y_tabel = Inches(1.5) + tinggi_teks + Inches(0.2)
    isi = [["Langkah", "Kegiatan", "Pelaksana", "Rencana", "Status"]]
    muat = max(3, int((Inches(7.1) - y_tabel) / Inches(0.5)) - 1)
    for x in j.berikutnya(muat).itertuples():
        rencana = ("—" if not x.mulai else fmt.tanggal(x.mulai) if x.mulai == x.selesai
                   else f"{fmt.tanggal(x.mulai)} – {fmt.tanggal(x.selesai)}")
        status = x.status + (f" · {x.langsung}" if isinstance(x.langsung, str) else "")
        isi.append([str(x.langkah), x.aktivitas, x.pelaksana, rencana, status])
    if len(isi) > 1:
        tabel(s, isi, Inches(0.5), y_tabel, Inches(12.3), [1.15, 4.3, 2.6, 2.25, 2.0], 13)
    else:
        baris_teks(s, ["Semua langkah SOP sudah selesai."], Inches(0.5), y_tabel,
                   Inches(12.3), Inches(0.6), 16)


def kesimpulan(r: Ringkasan) -> tuple[list[str], list[str]]:
    """(conclusions, follow-ups) in words: the year's capaian and serapan, the indicators
    furthest below target and the open galat findings by indicator and unit."""
    simpul = [f"Rata-rata capaian kinerja {r.tahun} {fmt.persen(r.capaian_rata)}; "
              f"{r.indikator_bercapaian} dari {r.indikator} indikator sudah punya capaian.",
              f"Serapan anggaran {fmt.persen(r.serapan)} ({fmt.rupiah(r.realisasi)} dari pagu "
              f"{fmt.rupiah(r.pagu)})."]
    lanjut: list[str] = []
    rendah = r.capaian.dropna(subset=["capaian"])
    rendah = rendah.loc[rendah["capaian"] < 100].sort_values("capaian", kind="stable")
    if len(rendah):
        simpul.append(f"{len(rendah)} indikator belum mencapai target; terendah: " + "; ".join(
            f"{x.uraian_indikator} ({fmt.persen(x.capaian)})"
            for x in rendah.head(BATAS_KESIMPULAN - 1).itertuples()) + ".")
        lanjut.append("Unit penanggung jawab indikator yang belum mencapai target menuliskan "
                      "permasalahan dan upaya perbaikannya untuk Bab III LKIP.")
    else:
        simpul.append("Semua indikator yang sudah punya capaian mencapai targetnya.")
    if r.unit_belum:
        lanjut.append("Menagih data yang belum masuk dari: " + ", ".join(r.unit_belum) + ".")
    t = r.temuan
    if t is not None and len(t):
        galat = t.loc[t["status"].isin(("baru", "diperiksa")) & (t["tingkat"] == "galat")]
        if len(galat):
            unit = dict(zip(r.galat_unit["kode_unit"], r.galat_unit["nama_unit"]))
            lanjut.append(f"Menyelesaikan {len(galat)} temuan galat rekonsiliasi bersama unit:")
            for x in galat.head(BATAS_KESIMPULAN).itertuples():
                lanjut.append(f"• {unit.get(x.kode_unit, x.kode_unit)}: {x.pesan}")
            if len(galat) > BATAS_KESIMPULAN:
                lanjut.append(f"• … dan {len(galat) - BATAS_KESIMPULAN} temuan galat lain "
                              "(lihat halaman Rekonsiliasi).")
    if not lanjut:
        lanjut.append("Data sudah bersih dan lengkap: lanjutkan ke pengesahan dan penyusunan "
                      "naskah LKIP.")
    return simpul, lanjut


def _slide_kesimpulan(dek: Dek, r: Ringkasan) -> None:
    s = dek.slide()
    _judul(dek, s, "Kesimpulan dan tindak lanjut")
    simpul, lanjut = kesimpulan(r)
    teks(s, "Kesimpulan", Inches(0.5), Inches(1.2), Inches(5.9), Inches(0.5), 20, tebal=True,
         warna=BIRU)
    baris_teks(s, simpul, Inches(0.5), Inches(1.75), Inches(5.9), Inches(5.4), 16)
    teks(s, "Tindak lanjut", Inches(6.8), Inches(1.2), Inches(6.0), Inches(0.5), 20,
         tebal=True, warna=BIRU)
    baris_teks(s, lanjut, Inches(6.8), Inches(1.75), Inches(6.0), Inches(5.4),
               16 if sum(len(x) for x in lanjut) < 600 else 13)


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
    _slide_utama(dek, r)
    _slide_sasaran_semua(dek, r)
    _slide_per_sasaran(dek, r)
    _slide_anggaran(dek, r)
    _slide_rekonsiliasi(dek, r)
    _slide_tahapan(dek, r, hari_ini)
    _slide_kesimpulan(dek, r)
    buf = io.BytesIO()
    dek.prs.save(buf)
    isi = buf.getvalue()
    with db.transaksi(con) as tx:
        akun.audit.catat(tx, pelaku, "ekspor", nama, tahun=tahun, rincian={
            "jenis": "paparan", "sha256": hashlib.sha256(isi).hexdigest(), "ukuran": len(isi)})
    return isi
