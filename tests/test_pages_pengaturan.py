"""AppTest of the Pengaturan page: every setting under a name a person reads (with its unit),
the custom scale only while it is the scale in use, and what was saved said in words."""

from __future__ import annotations

import re

from aplikasi import buka

from lkip_core import db, pengaturan

HALAMAN = "pages/pengaturan_aplikasi.py"
KUNCI = re.compile(r"\b[a-z0-9]+(_[a-z0-9]+)+\b")


def test_labels_are_words_with_units_not_keys(app_db):
    at = buka(HALAMAN)
    label = [w.label for w in (*at.number_input, *at.text_input, *at.selectbox)]
    assert len(label) >= len([s for s in pengaturan.SETELAN if s.jenis != "skala"]) - 1
    assert not [x for x in label if KUNCI.search(x)], label
    assert "Capaian ekstrem atas (%) · R12" in label
    assert "Batas ukuran berkas unggahan (MB)" in label
    # a decimal reads the Indonesian way, in the field and in its help
    desimal = at.text_input(key="set_toleransi_capaian_unit")
    assert desimal.value == "0,01" and "Bawaan: 0,01" in desimal.help


def test_a_decimal_is_typed_with_a_comma(app_db):
    at = buka(HALAMAN)
    at.text_input(key="set_toleransi_capaian_unit").set_value("0,5")
    at.button(key="simpan_rekonsiliasi").click().run()
    assert any("R11: 0,01 → 0,50" in s.value for s in at.success)
    at.text_input(key="set_toleransi_capaian_unit").set_value("setengah")
    at.button(key="simpan_rekonsiliasi").click().run()
    assert any("bukan angka" in e.value for e in at.error)
    with db.connect(app_db) as c:
        assert pengaturan.baca(c.cursor(), "toleransi_capaian_unit") == 0.5


def test_custom_scale_only_while_chosen_and_saves_said_in_words(app_db):
    at = buka(HALAMAN)
    assert not at.dataframe  # Permendagri is in use: no custom table (a data editor)
    assert any("dipakai bila Skala predikat capaian = Kustom" in c.value for c in at.caption)
    at.selectbox(key="set_skala_predikat").set_value("kustom")
    at.button(key="simpan_analisis_kinerja").click().run()
    assert not at.exception, [e.message for e in at.exception]
    (ok,) = at.success
    assert "Skala predikat capaian: Permendagri 86/2017" in ok.value and "→ Kustom" in ok.value
    assert not KUNCI.search(ok.value), ok.value
    assert len(at.dataframe) == 1  # now the custom scale can be edited
    at.number_input(key="set_capaian_ekstrem_atas").set_value(200.0)
    at.button(key="simpan_rekonsiliasi").click().run()
    assert any("Capaian ekstrem atas (%) · R12: 150 → 200" in s.value for s in at.success)
    with db.connect(app_db) as c:
        assert pengaturan.baca(c.cursor(), "skala_predikat") == "kustom"
        assert pengaturan.baca(c.cursor(), "capaian_ekstrem_atas") == 200
