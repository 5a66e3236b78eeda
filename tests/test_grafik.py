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
    assert list(fig.data[0].y) == [2, 1, 0, 1, 2, 0]
    assert fig.data[0].marker.color[3] == gaya.WARNA_PREDIKAT["Rendah"]
    assert fig.data[0].marker.color[-1] == gaya.ABU  # "Tanpa capaian"
    assert fig.layout.yaxis.title.text == "Jumlah indikator"
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
    assert fig.layout.xaxis.title.text == "Serapan anggaran terkait (%)"
    assert fig.layout.yaxis.title.text == "Capaian kinerja (%)"
    teks = " ".join(a.text for a in fig.layout.annotations)
    for label in ("Efisien (IE ≥ 1)", "Tidak efisien (IE < 1)", "Capaian tinggi, serapan rendah",
                  "Capaian rendah, serapan tinggi", "median serapan"):
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
    assert fig.layout.title.text.endswith("(1 terendah dari 2)")
    pagu = grafik.pagu_realisasi(data["hasil"].program, maks=1)
    assert len(pagu.data[0].y) == 1 and "5.04.02" in pagu.data[0].y[0]  # the largest pagu
    assert pagu.layout.title.text.endswith("(1 terbesar dari 2)")
    assert len(grafik.progres_renstra(data["df"]).data[0].y) == 2  # nothing left out
    assert not grafik.progres_renstra(data["df"]).layout.title.text.endswith(")")
    assert gaya.rupiah_ringkas(21_134_175_000, singkat=True) == "Rp 21,13 M"
    assert gaya.rupiah_ringkas(1_800_000_000_000, singkat=True) == "Rp 1,80 T"
