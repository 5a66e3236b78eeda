"""Charts (lkip_core.grafik): pure functions that return plotly Figures with the expected
traces, Indonesian titles and separators, projector-sized type and one colour per predikat."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest
from contoh_analisis import berkas_uji

from lkip_core import grafik, pengaturan
from lkip_core.analisis import ringkasan
from lkip_core.analisis.anggaran import hitung_anggaran
from lkip_core.analisis.kinerja import riwayat, tabel_capaian
from lkip_core.grafik import gaya
from lkip_core.masukan.impor import impor


@pytest.fixture(scope="module")
def data():
    from lkip_core import db

    con = db.connect(":memory:")
    assert impor(con, berkas_uji(), oleh="uji").ok
    cur = con.cursor()
    hasil = hitung_anggaran(cur, 2025)
    df = tabel_capaian(cur, 2025, anggaran=hasil)
    yield {"df": df, "hasil": hasil, "skala": pengaturan.skala_predikat(cur),
           "riwayat": riwayat(cur, 2025, kode_indikator="IK.01")}
    con.close()


def font_sizes(obj, path=""):
    """Every font size set anywhere in a figure's JSON."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k.endswith("font") and isinstance(v, dict) and isinstance(v.get("size"), int | float):
                yield f"{path}.{k}", v["size"]
            yield from font_sizes(v, f"{path}.{k}")
    elif isinstance(obj, list | tuple):
        for i, v in enumerate(obj):
            yield from font_sizes(v, f"{path}[{i}]")


def house_look(fig: go.Figure) -> None:
    assert isinstance(fig, go.Figure)
    assert fig.layout.separators == ",."  # 1.234,5
    assert fig.layout.font.size >= 14
    small = [(p, s) for p, s in font_sizes(fig.to_plotly_json()) if s < 14]
    assert not small, small
    fig.to_json()  # serialisable: the deck and the PDF take the same figure


def names(fig: go.Figure) -> list[str]:
    return [t.name for t in fig.data]


def test_capaian_sasaran_bullet_by_predikat(data):
    s1 = ringkasan.saring_capaian(data["df"], "S1")
    fig = grafik.capaian_sasaran(s1, "S1 · Meningkatnya kompetensi ASN", data["skala"])
    house_look(fig)
    assert names(fig) == ["Target (100 %)", "Sangat Tinggi", "Rendah"]
    rendah = fig.data[2]
    assert rendah.marker.color == gaya.WARNA_PREDIKAT["Rendah"]
    assert list(rendah.text) == ["57,28 %"] and rendah.orientation == "h"
    assert "IK.01" in rendah.y[0]
    assert fig.layout.xaxis.title.text == "Capaian terhadap target (%)"
    assert fig.layout.title.text.startswith("S1")


def test_capaian_sasaran_lists_missing_capaian_with_reason(data):
    df = data["df"].copy()
    df.loc[df["kode_indikator"] == "IK.02", ["capaian", "predikat", "alasan"]] = [
        None, None, "Realisasi belum diisi"]
    fig = grafik.capaian_sasaran(ringkasan.saring_capaian(df, "S1"))
    tanpa = [t for t in fig.data if t.name == gaya.TANPA_CAPAIAN][0]
    assert "Realisasi belum diisi" in tanpa.text[0] and tanpa.marker.color == gaya.ABU


def test_riwayat_bars_and_target_line(data):
    fig = grafik.riwayat_realisasi(data["riwayat"], "IK.01 · Persentase ASN kompeten", "persen",
                                   target_akhir=12.5, tahun_akhir=2026)
    house_look(fig)
    assert names(fig) == ["Realisasi", "Target PK", "Target akhir Renstra 2026"]
    assert list(fig.data[0].x) == ["2024", "2025"] and list(fig.data[0].y) == [6.31, 6.2032]
    assert list(fig.data[1].y) == [10.0, 10.83] and fig.data[1].mode == "lines+markers"
    assert list(fig.data[0].text) == ["6,31", "6,20"]
    assert fig.layout.xaxis.title.text == "Tahun"
    assert fig.layout.yaxis.title.text == "Realisasi (persen)"


def test_progres_renstra(data):
    fig = grafik.progres_renstra(data["df"])
    house_look(fig)
    bar = fig.data[0]
    assert len(bar.y) == 2  # only indicators with an end target
    assert "49,63 %" in list(bar.text)
    assert "target akhir" in fig.layout.xaxis.title.text


def test_distribusi_predikat_bars_and_donut_share_colours(data):
    dist = ringkasan.distribusi_predikat(data["df"], data["skala"])
    fig = grafik.distribusi_predikat(dist, skala=data["skala"])
    house_look(fig)
    # horizontal: each predikat name on its own line at the left, never run together
    assert fig.data[0].orientation == "h"
    assert list(fig.data[0].x) == [2, 1, 0, 1, 2, 0]
    assert list(fig.data[0].y) == ["Sangat Tinggi", "Tinggi", "Sedang", "Rendah",
                                   "Sangat Rendah", "Tanpa capaian"]
    assert fig.data[0].marker.color[3] == gaya.WARNA_PREDIKAT["Rendah"]
    assert fig.data[0].marker.color[-1] == gaya.ABU  # "Tanpa capaian"
    assert fig.layout.xaxis.title.text == "Jumlah indikator"
    donat = grafik.distribusi_predikat(dist, skala=data["skala"], donat=True)
    house_look(donat)
    assert donat.data[0].type == "pie" and donat.data[0].hole == 0.5
    assert list(donat.data[0].marker.colors) == list(fig.data[0].marker.color)


def test_capaian_unit(data):
    per_unit = ringkasan.capaian_per_unit(data["df"], data["skala"])
    fig = grafik.capaian_unit(per_unit, skala=data["skala"])
    house_look(fig)
    assert {t.name for t in fig.data} <= {*gaya.WARNA_PREDIKAT, gaya.TANPA_CAPAIAN}
    assert sum(len(t.y) for t in fig.data) == 2  # Bidang Satu and Sekretariat
    assert fig.layout.xaxis.title.text == "Rata-rata capaian indikator (%)"


def test_pagu_realisasi_per_level(data):
    tingkat, df = data["hasil"].rincian()
    fig = grafik.pagu_realisasi(df, tingkat)
    house_look(fig)
    assert names(fig) == ["Pagu", "Realisasi"] and fig.layout.barmode == "group"
    assert fig.layout.xaxis.title.text == "Rupiah (miliar)"
    assert fig.data[0].x[1] == pytest.approx(6.910387)  # in miliar
    assert "serapan 94,00 %" in list(fig.data[1].text)
    assert fig.layout.title.text == "Pagu dan realisasi per program"
    sub = grafik.pagu_realisasi(data["hasil"].rincian("5.03.02", "5.03.02.2.01")[1],
                                "sub kegiatan")
    assert sub.layout.xaxis.title.text == "Rupiah (juta)" and len(sub.data[0].y) == 3


def test_serapan_tw_lines_and_deviasi(data):
    fig = grafik.serapan_tw(data["hasil"].per_tw())
    house_look(fig)
    assert names(fig) == ["Deviasi (poin persen)", "Rencana RAK (kumulatif)",
                          "Realisasi (kumulatif)"]
    assert list(fig.data[2].x) == ["TW I", "TW II", "TW III", "TW IV"]
    assert fig.data[1].mode == "lines+markers" and fig.data[0].type == "bar"
    assert fig.layout.yaxis.title.text == "Persen dari pagu (%)"
    assert all(t.endswith("poin") for t in fig.data[0].text)


def test_serapan_unit_and_fisik_keuangan(data):
    fig = grafik.serapan_unit(data["hasil"].per_unit())
    house_look(fig)
    assert fig.layout.xaxis.title.text == "Serapan (%)" and len(fig.data[0].y) == 1
    sc = grafik.fisik_keuangan(data["hasil"].sub_kegiatan)
    house_look(sc)
    assert names(sc) == ["Fisik = keuangan", "Sub kegiatan"]
    diag = sc.data[0]
    assert list(diag.x) == list(diag.y)  # the diagonal y = x
    assert len(sc.data[1].x) == 5
    assert sc.layout.xaxis.title.text == "Realisasi keuangan / serapan (%)"
    assert sc.layout.yaxis.title.text == "Realisasi fisik (%)"


def test_kuadran_efisiensi(data):
    fig = grafik.kuadran_efisiensi(data["df"])
    house_look(fig)
    assert names(fig) == ["IE = 1 (capaian = serapan)", "Efisien", "Tidak Efisien"]
    assert list(fig.data[0].x) == list(fig.data[0].y)
    assert list(fig.data[1].text) == ["IK.02"] and list(fig.data[2].text) == ["IK.01"]
    assert fig.layout.xaxis.title.text.startswith("Serapan anggaran terkait (%)")
    assert fig.layout.yaxis.title.text.startswith("Capaian kinerja (%)")
    # the quadrant lines named in the axis titles, not written over the dots
    assert "median serapan" in fig.layout.xaxis.title.text
    assert "median capaian" in fig.layout.yaxis.title.text
    teks = " ".join(a.text for a in fig.layout.annotations)
    for label in ("Efisien (IE ≥ 1)", "Tidak efisien (IE < 1)", "Capaian tinggi, serapan rendah",
                  "Capaian rendah, serapan tinggi"):
        assert label in teks
    seratus = grafik.kuadran_efisiensi(data["df"], batas="100")
    garis = [s for s in seratus.layout.shapes if s.type == "line"]
    assert {s.x0 for s in garis if s.x0 == s.x1} == {100.0}
    with pytest.raises(ValueError):
        grafik.kuadran_efisiensi(data["df"], batas="rata")


def test_empty_data_gives_a_chart_that_says_so(data):
    kosong = data["df"].iloc[0:0]
    for fig in (grafik.capaian_sasaran(kosong), grafik.progres_renstra(kosong),
                grafik.kuadran_efisiensi(kosong),
                grafik.pagu_realisasi(data["hasil"].program.iloc[0:0]),
                grafik.fisik_keuangan(data["hasil"].sub_kegiatan.iloc[0:0])):
        house_look(fig)
        assert fig.data == () and fig.layout.annotations[0].text.startswith("Belum ada")


def test_predikat_colours_are_fixed_and_rank_based_for_a_custom_scale():
    assert gaya.warna_predikat("Sangat Tinggi") == gaya.HIJAU_TUA
    assert gaya.warna_predikat("Sangat Rendah") == gaya.MERAH
    assert gaya.warna_predikat("Sangat Berhasil") == gaya.HIJAU_TUA
    assert gaya.warna_predikat(None) == gaya.ABU
    kustom = [(95.0, "Prima"), (60.0, "Cukup"), (float("-inf"), "Kurang")]
    assert [gaya.warna_predikat(x, kustom) for _, x in kustom] == [
        gaya.HIJAU_TUA, gaya.KUNING, gaya.MERAH]


def test_rupiah_ringkas():
    assert gaya.rupiah_ringkas(21_134_175_000) == "Rp 21,13 miliar"
    assert gaya.rupiah_ringkas(465_400_000) == "Rp 465,40 juta"
    assert gaya.rupiah_ringkas(-1_500_000) == "-Rp 1,50 juta"
    assert gaya.rupiah_ringkas(None) == "—"


def test_city_scale_bar_charts_keep_the_rows_that_matter(data):
    fig = grafik.progres_renstra(data["df"], maks=1)
    assert len(fig.data[0].y) == 1 and "IK.01" in fig.data[0].y[0]  # the furthest behind
    assert fig.layout.title.text.replace("<br>", " ").endswith("(1 terendah dari 2)")
    pagu = grafik.pagu_realisasi(data["hasil"].program, maks=1)
    assert len(pagu.data[0].y) == 1 and "5.04.02" in pagu.data[0].y[0]  # the largest pagu
    assert pagu.layout.title.text.replace("<br>", " ").endswith("(1 terbesar dari 2)")
    assert len(grafik.progres_renstra(data["df"]).data[0].y) == 2  # nothing left out
    assert not grafik.progres_renstra(data["df"]).layout.title.text.endswith(")")
    assert gaya.rupiah_ringkas(21_134_175_000, singkat=True) == "Rp 21,13 M"
    assert gaya.rupiah_ringkas(1_800_000_000_000, singkat=True) == "Rp 1,80 T"


# --- issue 14: labels never cut, outliers marked, negatif said, one config -----------------------

def _baris_label(fig: go.Figure) -> list[str]:
    """Every line of every category label on the y axes of a figure."""
    return [baris for t in fig.data if t.y is not None and t.orientation == "h"
            for lbl in t.y for baris in str(lbl).split("<br>")]


def test_long_labels_are_wrapped_onto_narrow_lines_never_one_long_line(data):
    df = data["df"].copy()
    df.loc[df["kode_indikator"] == "IK.01", "uraian_indikator"] = (
        "Persentase aparatur sipil negara yang telah mengikuti pengembangan kompetensi "
        "minimal dua puluh jam pelajaran dalam satu tahun anggaran berjalan")
    s1 = ringkasan.saring_capaian(df, "S1")
    for fig in (grafik.capaian_sasaran(s1), grafik.progres_renstra(df),
                grafik.pagu_realisasi(data["hasil"].sub_kegiatan, "sub kegiatan")):
        lines = _baris_label(fig)
        assert lines and max(len(b.replace("<b>", "").replace("</b>", "")) for b in lines) <= 36
    # the code has its own line, whole: "5.03.02.2.01.0001", not "5.03.02.2"
    sub = grafik.pagu_realisasi(data["hasil"].sub_kegiatan, "sub kegiatan")
    kode = set(data["hasil"].sub_kegiatan["kode"])
    assert {lbl.split("<br>")[0].removeprefix("<b>").removesuffix("</b>")
            for lbl in sub.data[0].y} <= kode


def test_an_outlier_is_marked_at_the_axis_end_not_stretching_it(data):
    df = data["df"].copy()
    df.loc[df["kode_indikator"] == "IK.02", "capaian"] = 220.83
    fig = grafik.capaian_sasaran(ringkasan.saring_capaian(df, "S1"))
    atas = fig.layout.xaxis.range[1]
    assert atas < 150  # sized to the other bars (57 %), not to 220 %
    bar = [t for t in fig.data if t.type == "bar" and t.text and "220,83 %" in t.text[0]][0]
    assert bar.x[0] == atas and bar.text[0] == "220,83 %" + gaya.TANDA_PENCILAN
    tanda = [t for t in fig.data if t.name == "Di luar skala (nilai pada label)"][0]
    assert tanda.x[0] == atas and "IK.02" in tanda.y[0]
    # without the outlier: no marker, the axis just above the longest bar
    biasa = grafik.capaian_sasaran(ringkasan.saring_capaian(data["df"], "S1"))
    assert "Di luar skala (nilai pada label)" not in names(biasa)


def test_sumbu_pencilan_follows_the_spread():
    assert gaya.sumbu_pencilan([90, 95, 101, 110], 115) == (pytest.approx(129.8), None)
    atas, batas = gaya.sumbu_pencilan([93, 95, 98, 101, 104, 110, 220.8], 120)
    assert batas is not None and 110 < batas < 220.8 and atas == pytest.approx(129.8)
    # a wide but even spread has no outlier
    assert gaya.sumbu_pencilan([20, 60, 100, 140, 180], 110)[1] is None


def test_negatif_renstra_progress_is_the_negatif_formula_and_says_so(data):
    df = data["df"].copy()
    i = df.index[df["capaian_renstra"].notna()][0]
    # a complaint count: 186 so far against a ceiling of 265, fewer is better
    df.loc[i, ["polaritas", "metode_negatif", "realisasi_sd_kini", "target_akhir_renstra",
               "capaian_renstra"]] = ["negatif", "selisih", 186.0, 265.0,
                                      (2 * 265 - 186) / 265 * 100]
    fig = grafik.progres_renstra(df)
    neg = [t for t in fig.data if t.name.startswith("Indikator negatif")][0]
    assert "(2 × target − realisasi) / target × 100" in neg.name
    assert neg.text[0] == "129,81 % · negatif"
    assert neg.marker.pattern.shape == "/"  # hatched: not read as the same kind of bar
    assert "indikator negatif" in neg.hovertext[0] and "makin kecil" in neg.name
    pos = [t for t in fig.data if t.name.startswith("Indikator positif")][0]
    assert pos.marker.pattern.shape == "" and not any("negatif" in t for t in pos.text)


def test_efficiency_labels_never_overlap_and_an_outlier_sits_at_the_edge():
    import pandas as pd

    # twelve indicators of three programs (three columns of dots) and one at 220 %
    rows = []
    for k, (serapan, capaian) in enumerate(
            [(94.0, c) for c in (95, 96, 97, 98, 99, 100)]
            + [(88.0, c) for c in (90, 91, 92)] + [(99.0, c) for c in (101, 102)]
            + [(94.0, 220.83)]):
        ie = capaian / serapan
        rows.append({"kode_indikator": f"IK.{k + 1:02d}", "uraian_indikator": f"Indikator {k}",
                     "capaian": capaian, "serapan_program": serapan, "ie": ie,
                     "efisiensi": "Efisien" if ie >= 1 else "Tidak Efisien"})
    fig = grafik.kuadran_efisiensi(pd.DataFrame(rows))
    house_look(fig)
    y0, y1 = fig.layout.yaxis.range
    assert y1 < 150  # not stretched to 220 %
    titik = [(x, y, tx, pos) for t in fig.data[1:] for x, y, tx, pos in
             zip(t.x, t.y, t.text, t.textposition)]
    luar = [p for p in titik if p[2].startswith("IK.12")]
    assert luar and luar[0][1] <= y1 and "220,83 %" in luar[0][2]
    berlabel = [p for p in titik if p[2]]
    assert 2 <= len(berlabel) <= 8
    # the same boxes the placer uses, in pixels: none overlaps another
    x0, x1 = fig.layout.xaxis.range
    from lkip_core.grafik.anggaran import LEBAR_PLOT, TINGGI_PLOT
    kotak = []
    for x, y, tx, pos in berlabel:
        cx, cy = (x - x0) * LEBAR_PLOT / (x1 - x0), (y - y0) * TINGGI_PLOT / (y1 - y0)
        lebar = 8.5 * len(tx) + 4
        kiri = cx + 10 if pos == "middle right" else cx - 10 - lebar
        kotak.append((kiri, cy - 10, kiri + lebar, cy + 10))
    for i, a in enumerate(kotak):
        for b in kotak[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


def test_one_config_indonesian_locale_and_only_the_png_button():
    cfg = gaya.konfigurasi("Capaian per sasaran 2025")
    assert cfg["locale"] == "id" and cfg["displaylogo"] is False
    assert cfg["modeBarButtons"] == [["toImage"]]
    assert cfg["toImageButtonOptions"]["filename"] == "grafik_capaian_per_sasaran_2025"
    lokal = cfg["locales"]["id"]
    assert lokal["dictionary"]["Download plot as a PNG"] == "Unduh grafik sebagai PNG"
    assert lokal["format"]["decimal"] == "," and lokal["format"]["thousands"] == "."
    assert lokal["format"]["months"][4] == "Mei"
    import json
    json.dumps(cfg)  # Streamlit sends the config as JSON


def test_presentation_mode_keeps_bar_values_large_and_inside_the_chart(data):
    from lkip_core.analisis.kinerja import capaian_per_sasaran
    from lkip_core.grafik import pimpinan

    per = capaian_per_sasaran(data["df"], data["skala"])
    per.loc[0, "capaian"] = 111.85
    fig = pimpinan.capaian_per_sasaran(per, data["skala"])
    bar = fig.data[0]
    # inside the end of the bar when it fits, so never past the plot's right edge
    assert bar.textposition == "auto" and bar.insidetextanchor == "end"
    assert fig.layout.xaxis.range[1] >= 111.85
    besar = pimpinan.perbesar(fig)
    assert besar.data[0].insidetextfont.size > gaya.FONT
    assert besar.data[0].outsidetextfont.size > gaya.FONT


def test_a_long_title_is_wrapped_and_the_top_margin_grows(data):
    pendek = grafik.pagu_realisasi(data["hasil"].program)
    panjang = grafik.fisik_keuangan(data["hasil"].sub_kegiatan,
                                    "Realisasi fisik terhadap keuangan per sub kegiatan tahun 2025")
    assert "<br>" not in pendek.layout.title.text
    baris = panjang.layout.title.text.split("<br>")
    assert len(baris) == 2 and all(len(b) <= gaya.JUDUL_LEBAR for b in baris)
    assert panjang.layout.margin.t > pendek.layout.margin.t
