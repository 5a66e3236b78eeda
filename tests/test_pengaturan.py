"""Settings (lkip_core.pengaturan): every setting documented in README.md, and the helpers the
Pengaturan page uses to edit a custom predikat scale as a table."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from lkip_core import pengaturan
from lkip_core.errors import InputRefused

README = Path(__file__).resolve().parent.parent / "README.md"


def _kunci_terdokumentasi() -> set[str]:
    """Keys named in the first cell of a row of README's settings table ("| `kunci` | …")."""
    teks = README.read_text(encoding="utf-8")
    return set(re.findall(r"^\|\s*`([a-z0-9_]+)`", teks, flags=re.MULTILINE))


def test_every_setting_is_documented_in_the_readme():
    assert README.exists(), "README.md belum ada"
    ada = _kunci_terdokumentasi()
    hilang = [s for s in pengaturan.SETELAN if s.kunci not in ada]
    saran = "\n".join(f"| `{s.kunci}` | {s.bawaan!r} | {s.bantuan} |" for s in hilang)
    assert not hilang, ("Setelan berikut belum punya baris sendiri di tabel Pengaturan "
                        f"README.md (| kunci | bawaan | arti |):\n{saran}")


def test_every_setting_has_help_and_a_valid_default():
    kunci = [s.kunci for s in pengaturan.SETELAN]
    assert len(kunci) == len(set(kunci))
    for s in pengaturan.SETELAN:
        assert s.bantuan.strip(), s.kunci
        assert s.jenis in ("teks", "angka", "pilihan", "skala", "gambar"), s.kunci
        assert pengaturan.periksa(s.kunci, s.bawaan) == [], s.kunci


def test_per_kelompok_keeps_declaration_order():
    kelompok = pengaturan.per_kelompok()
    assert list(kelompok)[0] == "Analisis kinerja"
    assert [s.kunci for ss in kelompok.values() for s in ss] == sorted(
        (s.kunci for s in pengaturan.SETELAN),
        key=[s.kunci for s in pengaturan.SETELAN].index)


def test_custom_scale_round_trips_through_a_table():
    bawaan = pengaturan._setelan("skala_predikat_kustom").bawaan
    tabel = pengaturan.skala_ke_tabel(bawaan)
    assert list(tabel.columns) == list(pengaturan.KOLOM_SKALA)
    assert pd.isna(tabel.iloc[-1, 0]) and tabel.iloc[-1, 1] == "Kurang"
    assert pengaturan.skala_dari_tabel(tabel) == bawaan


def test_custom_scale_from_an_edited_table(con):
    tabel = pd.DataFrame({"Batas bawah (%)": [95.5, 60.0, None, None],
                          "Predikat": ["Prima", " Cukup ", "Kurang", None]})
    nilai = pengaturan.skala_dari_tabel(tabel)
    assert nilai == [[95.5, "Prima"], [60, "Cukup"], [None, "Kurang"]]  # blank row dropped
    pengaturan.simpan(con, "skala_predikat_kustom", nilai, oleh="uji")
    pengaturan.simpan(con, "skala_predikat", "kustom", oleh="uji")
    assert pengaturan.skala_predikat(con.cursor()) == [
        (95.5, "Prima"), (60.0, "Cukup"), (float("-inf"), "Kurang")]


def test_a_scale_without_a_last_catch_all_row_is_refused(con):
    tabel = pd.DataFrame({"Batas bawah (%)": [90.0, 50.0], "Predikat": ["Baik", "Kurang"]})
    with pytest.raises(InputRefused, match="Baris terakhir"):
        pengaturan.simpan(con, "skala_predikat_kustom", pengaturan.skala_dari_tabel(tabel),
                          oleh="uji")
    tabel = pd.DataFrame({"Batas bawah (%)": [50.0, 90.0, None],
                          "Predikat": ["A", "B", "C"]})
    with pytest.raises(InputRefused, match="lebih kecil"):
        pengaturan.simpan(con, "skala_predikat_kustom", pengaturan.skala_dari_tabel(tabel),
                          oleh="uji")
