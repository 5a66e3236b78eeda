"""Draft Bab III paragraphs (lkip_core.analisis.narasi) from rows of tabel_capaian."""

from __future__ import annotations

import pytest
from contoh_analisis import berkas_uji

from lkip_core import pengaturan
from lkip_core.analisis.kinerja import tabel_capaian
from lkip_core.analisis.narasi import lembar_narasi, narasi_indikator, narasi_tabel
from lkip_core.masukan.impor import impor


@pytest.fixture(scope="module")
def con_uji():
    from lkip_core import db

    con = db.connect(":memory:")
    assert impor(con, berkas_uji(), oleh="uji").ok
    yield con
    con.close()


def baris(con, kode: str, **opsi) -> dict:
    df = tabel_capaian(con.cursor(), 2025, **opsi)
    return df.loc[df["kode_indikator"] == kode].iloc[0].to_dict()


def test_the_example_paragraph(con_uji):
    teks = narasi_indikator(baris(con_uji, "IK.01"))
    assert teks.startswith(
        "Capaian indikator Persentase ASN kompeten tahun 2025 sebesar 57,28 % (kategori "
        "Rendah), turun 5,82 poin dari 63,10 % pada tahun 2024. Realisasi 6,20 persen dari "
        "target 10,83 persen.")
    assert ("Terhadap target akhir Renstra tahun 2026 sebesar 12,50 persen, realisasi s.d. "
            "tahun 2025 sebesar 6,20 persen atau 49,63 % dari target akhir.") in teks
    assert "Permasalahan yang dilaporkan Bidang Satu: anggaran diklat dipotong." in teks
    assert teks.endswith("Upaya yang dilakukan: kerja sama dengan BPSDM provinsi.")
    assert "negatif" not in teks


def test_negatif_names_its_formula(con_uji):
    teks = narasi_indikator(baris(con_uji, "IK.03"))
    assert "sebesar 0,00 % (kategori Sangat Rendah)" in teks
    assert "Realisasi 16 kasus dari target 8 kasus." in teks
    assert "rumus negatif (selisih): (2 × target − realisasi) / target × 100" in teks
    row = baris(con_uji, "IK.03")
    row.update(metode_negatif="rasio", capaian=50.0, predikat="Sangat Rendah")
    assert "rumus negatif (rasio): target / realisasi × 100" in narasi_indikator(row)


def test_naik_turun_tetap_compare_printed_values(con_uji):
    row = baris(con_uji, "IK.01")
    row.update(capaian=63.104, capaian_t1=63.1)  # both print 63,10
    assert "sama dengan tahun 2024 (63,10 %)" in narasi_indikator(row)
    row.update(capaian=70.0)
    assert "naik 6,90 poin dari 63,10 % pada tahun 2024" in narasi_indikator(row)
    row.update(capaian=166.05, capaian_t1=63.104)  # the points between the printed values
    assert "naik 102,95 poin dari 63,10 % pada tahun 2024" in narasi_indikator(row)


def test_realisasi_compared_when_last_year_has_no_capaian(con_uji):
    row = baris(con_uji, "IK.03")
    row.update(realisasi_t1=20.0, capaian_t1=None)
    teks = narasi_indikator(row)
    assert "turun dari 20 kasus pada tahun 2024 (membaik)" in teks
    row.update(polaritas="positif")
    assert "turun dari 20 kasus pada tahun 2024 (memburuk)" in narasi_indikator(row)


def test_part_year_is_not_compared_with_a_whole_year(con_uji):
    teks = narasi_indikator(baris(con_uji, "IK.01", sampai_tw=2))
    assert "tahun 2025 s.d. TW II sebesar 36,93 %" in teks
    assert "poin dari" not in teks
    assert "realisasi s.d. TW II tahun 2025 sebesar 4 persen" in teks


def test_without_capaian_says_why(con_uji):
    row = baris(con_uji, "IK.02")
    row.update(realisasi=None, capaian=None, predikat=None, alasan="Realisasi belum diisi")
    teks = narasi_indikator(row)
    assert "tahun 2025 belum dapat dihitung: realisasi belum diisi." in teks
    assert "Target tahun 2025 sebesar 75 persen; realisasi belum dilaporkan." in teks
    assert "kategori" not in teks


def test_predikat_follows_the_setting_and_every_row_gets_text(con_uji):
    pengaturan.simpan(con_uji, "skala_predikat", "berhasil", oleh="uji")
    try:
        df = tabel_capaian(con_uji.cursor(), 2025)
        teks = narasi_tabel(df)
        assert set(teks) == set(df["kode_indikator"])
        assert "(kategori Cukup Berhasil)" in teks["IK.01"]
        lembar = lembar_narasi(df)
        assert list(lembar.columns) == ["Kode", "Indikator", "Narasi"] and len(lembar) == 6
    finally:
        pengaturan.simpan(con_uji, "skala_predikat", "permendagri_86_2017", oleh="uji")
