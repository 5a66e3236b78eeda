"""The briefing deck's closing slides (`paparan`): where the work stands and what comes next —
the reconciliation status (rules by name), the next steps of the SOP, and the conclusion and
follow-up (findings in words)."""

from __future__ import annotations

import datetime as dt
import math

from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Inches, Pt

from lkip_core import fmt
from lkip_core.grafik import gaya
from lkip_core.pimpinan import tahapan
from lkip_core.pimpinan._slide import (
    BATAS_TABEL,
    BIRU,
    HIJAU_TUA,
    MERAH,
    Dek,
    baris_teks,
    bungkus,
    judul_slide,
    label_titik,
    rgb,
    tabel,
    teks,
)
from lkip_core.pimpinan.ringkasan import Ringkasan
from lkip_core.rekonsiliasi.aturan import DAFTAR

BATAS_TERLAMBAT = 4  # late-step lines on the next-steps slide
BATAS_KESIMPULAN = 3  # findings and low indicators named on the conclusion slide


def _sumbu_hitungan(chart, maks: int) -> None:
    """A count axis: whole numbers only (no 2.5 findings), from 0."""
    sumbu = chart.value_axis
    sumbu.minimum_scale = 0
    sumbu.major_unit = max(1, math.ceil(maks / 6))
    sumbu.tick_labels.number_format = "0"
    sumbu.tick_labels.number_format_is_linked = False


def slide_rekonsiliasi(dek: Dek, r: Ringkasan) -> None:
    s = dek.slide()
    judul_slide(dek, s, "Status rekonsiliasi data (langkah 3–5 SOP)")
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
    data.categories = [bungkus(DAFTAR[a].nama.capitalize() if a in DAFTAR else a, 16)
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
    data.categories = [bungkus(n, 30) for n in g["nama_unit"]]
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
    label_titik(chart, [fmt.angka(v, 0) for v in g["galat"]])


def slide_tahapan(dek: Dek, r: Ringkasan, hari_ini: dt.date) -> None:
    s = dek.slide()
    j = tahapan.jadwal(dek.cur, r.tahun, hari_ini, ringkas=r)
    judul_slide(dek, s, "Langkah berikutnya penyusunan LKIP",
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


def slide_kesimpulan(dek: Dek, r: Ringkasan) -> None:
    s = dek.slide()
    judul_slide(dek, s, "Kesimpulan dan tindak lanjut")
    simpul, lanjut = kesimpulan(r)
    teks(s, "Kesimpulan", Inches(0.5), Inches(1.2), Inches(5.9), Inches(0.5), 20, tebal=True,
         warna=BIRU)
    baris_teks(s, simpul, Inches(0.5), Inches(1.75), Inches(5.9), Inches(5.4), 16)
    teks(s, "Tindak lanjut", Inches(6.8), Inches(1.2), Inches(6.0), Inches(0.5), 20,
         tebal=True, warna=BIRU)
    baris_teks(s, lanjut, Inches(6.8), Inches(1.75), Inches(6.0), Inches(5.4),
               16 if sum(len(x) for x in lanjut) < 600 else 13)
