"""AppTest of Tahapan SOP: the preview starts when an LKIP is written (early in the next
year), and a step's realisation is said saved under that step."""

from __future__ import annotations

import datetime as dt

from aplikasi import buka

HALAMAN = "pages/pimpinan_tahapan_sop.py"


def test_the_preview_of_a_past_year_starts_early_the_next_year(app_db):
    at = buka(HALAMAN)  # the test data's year: 2025, no schedule saved
    hari_ini = dt.date.today()
    harap = hari_ini if hari_ini.year == 2026 else dt.date(2026, 1, 2)
    assert at.date_input(key="tahapan_mulai").value == harap
    assert any("LKIP 2025 disusun awal tahun 2026" in c.value for c in at.caption)


def test_a_saved_step_is_said_under_it(app_db):
    at = buka(HALAMAN)
    at.date_input(key="aktual_mulai_1").set_value(dt.date(2025, 2, 3))
    at.date_input(key="aktual_selesai_1").set_value(dt.date(2025, 2, 4))
    at.button(key="simpan_langkah_1").click().run()
    assert not at.exception, [e.message for e in at.exception]
    (ok,) = [s for s in at.success if "langkah 1" in s.value]
    assert ok.value == ("Realisasi langkah 1 disimpan: mulai 3 Februari 2025, selesai "
                        "4 Februari 2025.")
    at.run()  # said once, not again on the next run
    assert not [s for s in at.success if "langkah 1" in s.value]
