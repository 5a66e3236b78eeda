"""The briefing deck's results slides (`paparan`): headline metrics, capaian per sasaran, one
slide per sasaran (indicators' capaian and a small table; a long sasaran is split evenly over
two slides, never one full and one nearly empty) and the budget (pagu against realisasi per
program, full names wrapped; serapan per unit).

Data labels carry the value already formatted the Indonesian way (57,28 %): a number format
would show the viewer's locale separators, and many office PCs run an English locale.
"""

from __future__ import annotations

import math

import pandas as pd
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.util import Inches, Pt

from lkip_core import fmt, pengaturan
from lkip_core.grafik import gaya
from lkip_core.grafik.gaya import warna_predikat
from lkip_core.pimpinan._slide import (
    BATAS_BATANG,
    BATAS_TABEL,
    GELAP,
    Dek,
    baris_teks,
    bungkus,
    judul_slide,
    kotak_angka,
    label_titik,
    rgb,
    tabel,
    teks,
)
from lkip_core.pimpinan.ringkasan import Ringkasan, terbawah

MILIAR = 1_000_000_000
# Units whose values are fractions by nature keep two decimals; counts print whole.
SATUAN_PECAHAN = ("%", "persen", "indeks", "nilai", "skor", "poin", "rasio")


def _selisih(v: float | None, tahun: int) -> str:
    if v is None:
        return "tidak ada data tahun lalu"
    tanda = "+" if v > 0 else ""
    return f"{tanda}{fmt.angka(v)} poin dibanding {tahun}"


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
    label_titik(chart, [fmt.persen(v) if v is not None else "—" for v in nilai])
    sumbu = chart.value_axis
    sumbu.minimum_scale = 0
    sumbu.maximum_scale = max([v for v in nilai if v is not None] + [100]) * 1.25
    sumbu.has_major_gridlines = True
    sumbu.tick_labels.number_format = '0" %"'
    sumbu.tick_labels.number_format_is_linked = False
    chart.category_axis.reverse_order = True  # first category on top, as in the table
    chart.plots[0].gap_width = 60
    return chart


def slide_utama(dek: Dek, r: Ringkasan) -> None:
    s = dek.slide()
    judul_slide(dek, s, f"Kinerja {r.tahun} dalam angka")
    lebar, jarak, y = Inches(2.95), Inches(0.17), Inches(1.3)
    kirim = r.unit_wajib - len(r.unit_belum)
    kotak = [
        ("Rata-rata capaian kinerja", fmt.persen(r.capaian_rata),
         _selisih(r.lalu.selisih_capaian, r.lalu.tahun)),
        ("Serapan anggaran", fmt.persen(r.serapan), _selisih(r.lalu.selisih_serapan, r.lalu.tahun)),
        ("Unit sudah mengirim data", f"{kirim} dari {r.unit_wajib}",
         "semua unit lengkap" if not r.unit_belum else f"{len(r.unit_belum)} unit belum"),
        ("Temuan galat terbuka", fmt.angka(r.galat_terbuka, 0),
         "harus diperbaiki unit" if r.galat_terbuka else "data bersih"),
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
    label_titik(chart, [fmt.angka(v, 0) for v in r.per_predikat.values()], 14)
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


def slide_sasaran_semua(dek: Dek, r: Ringkasan) -> None:
    s = dek.slide()
    judul_slide(dek, s, "Capaian per sasaran strategis",
                "Rata-rata capaian indikator setiap sasaran (indikator tanpa capaian tidak "
                "dihitung)")
    df, n = terbawah(r.per_sasaran, "capaian", BATAS_BATANG)
    if n > len(df):
        teks(s, f"{len(df)} sasaran dengan capaian terendah dari {n}.", Inches(0.5),
             Inches(7.0), Inches(12), Inches(0.4), 12, warna=GELAP)
    kategori = [f"{k} {bungkus(u, 60)}" for k, u in zip(df["kode_sasaran"], df["uraian_sasaran"])]
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


def _miliar(v: float | None) -> str:
    """Money for a slide: 'Rp 6,91 M' (miliar) reads faster than fifteen digits."""
    return fmt.KOSONG if v is None else f"Rp {fmt.angka(v / MILIAR)} M"


def _pendek(t, n: int) -> str:
    t = str(t or "")
    return t if len(t) <= n else t[: n - 1].rstrip() + "…"


def _nilai(seri: pd.Series) -> list[float | None]:
    return [None if pd.isna(v) else float(v) for v in seri]


def slide_per_sasaran(dek: Dek, r: Ringkasan, per_slide_maks: int) -> None:
    """One slide per sasaran, or more when it has over `per_slide_maks` indicators."""
    skala = pengaturan.skala_predikat(dek.cur)
    per = r.per_sasaran.set_index("kode_sasaran")
    for kode, g in r.capaian.groupby("kode_sasaran", sort=True):
        nilai_sasaran = per.loc[kode, "capaian"] if kode in per.index else None
        # Split evenly (9 → 5 + 4, not 8 + 1): no slide carries a lone indicator.
        n_slide = math.ceil(len(g) / per_slide_maks)
        per_slide = math.ceil(len(g) / n_slide)
        bagian = [g.iloc[i:i + per_slide] for i in range(0, len(g), per_slide)]
        for n, part in enumerate(bagian, 1):
            s = dek.slide()
            lanjut = f" (lanjutan {n}/{len(bagian)})" if len(bagian) > 1 else ""
            judul_slide(dek, s, f"Sasaran {kode}{lanjut}",
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


def slide_anggaran(dek: Dek, r: Ringkasan) -> None:
    s = dek.slide()
    judul_slide(dek, s, f"Realisasi anggaran {r.tahun}",
                f"Pagu {fmt.rupiah(r.pagu)} · realisasi {fmt.rupiah(r.realisasi)} · serapan "
                f"{fmt.persen(r.serapan)} · M = miliar rupiah")
    prog = r.anggaran.program
    if prog.empty:  # a year known from its history alone: no program to chart
        teks(s, f"Belum ada data anggaran per program untuk tahun {r.tahun}.", Inches(0.5),
             Inches(3.5), Inches(7.3), Inches(0.6), 16, warna=GELAP)
    if len(prog) > BATAS_BATANG:  # the largest programs carry the money
        teks(s, f"{BATAS_BATANG} program dengan pagu terbesar dari {len(prog)}.", Inches(0.5),
             Inches(7.05), Inches(7), Inches(0.4), 12, warna=GELAP)
        prog = prog.sort_values("pagu", ascending=False, kind="stable").head(BATAS_BATANG)
    if not prog.empty:
        _grafik_program(s, prog)
    unit, n = terbawah(r.serapan_unit, "serapan", BATAS_TABEL)
    if n > len(unit):
        teks(s, f"{len(unit)} unit dengan serapan terendah dari {n}.", Inches(8.0),
             Inches(7.05), Inches(5), Inches(0.4), 12, warna=GELAP)
    baris = [["Unit", "Pagu", "Realisasi", "Serapan"]]
    for u in unit.itertuples():
        baris.append([u.nama_unit, _miliar(u.pagu), _miliar(u.realisasi),
                      fmt.persen(u.serapan) if u.dilaporkan else "belum melapor"])
    tabel(s, baris, Inches(8.0), Inches(1.6), Inches(5.0), [2.2, 1.0, 1.0, 0.9], 11)


def _grafik_program(s, prog) -> None:
    """Pagu and realisation per program, in billions, as a bar chart."""
    data = CategoryChartData()
    data.categories = [f"{bungkus(n or k, 34)}\n(serapan {fmt.persen(v)})"
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
