"""The SOP tracker: steps and mutu baku, the working-day plan, stored actual dates, overdue
detection and live status."""

from __future__ import annotations

import datetime as dt

import pytest
from contoh import realisasi_xlsx

from lkip_core.errors import InputRefused
from lkip_core.grafik.tahapan import WARNA, gantt
from lkip_core.masukan.impor import impor
from lkip_core.pimpinan import tahapan

D = dt.date


def test_the_twelve_steps_of_the_sop():
    assert [s.nomor for s in tahapan.LANGKAH] == list(range(1, 13))
    assert tahapan.TOTAL_HARI == 15
    assert [s.waktu for s in tahapan.LANGKAH] == [1, 1, 1, 1, 2, 3, 2, 0.5, 1, 1, 1, 0.5]
    for s in tahapan.LANGKAH:
        assert s.pelaksana and set(s.pelaksana) <= set(tahapan.AKTOR)
    assert "Ka. Badan" in tahapan.LANGKAH[8].pelaksana  # pengesahan


def test_plan_without_holidays_is_fifteen_working_days():
    # Monday 6 April 2026: no holiday in the next three weeks.
    p = tahapan.rencana(D(2026, 4, 6))
    assert p["mulai"].iloc[0] == D(2026, 4, 6)
    assert p["hari_ke_selesai"].iloc[-1] == 15
    # 15 working days from Mon 6 Apr: three full weeks, the last is Fri 24 Apr.
    assert p["selesai"].iloc[-1] == D(2026, 4, 24)
    assert tahapan.libur_dilewati(p) == []
    # No step starts or ends on a weekend.
    assert all(d.weekday() < 5 for d in [*p["mulai"], *p["selesai"]])


def test_plan_skips_weekend_and_national_holiday():
    # Thu 12 Feb 2026; Sat 14 / Sun 15 weekend; Tue 17 Feb Tahun Baru Imlek (national holiday).
    p = tahapan.rencana(D(2026, 2, 12), cuti_bersama=False).set_index("langkah")
    assert (p.loc[1, "mulai"], p.loc[2, "mulai"]) == (D(2026, 2, 12), D(2026, 2, 13))
    assert p.loc[3, "mulai"] == D(2026, 2, 16)  # Monday after the weekend
    assert p.loc[4, "mulai"] == D(2026, 2, 18)  # 17 Feb skipped
    days = {d for a, b in zip(p["mulai"], p["selesai"]) for d in (a, b)}
    assert D(2026, 2, 17) not in days and D(2026, 2, 14) not in days
    # 15 working days: 12, 13, 16, 18, 19, 20, 23, 24, 25, 26, 27 Feb, 2, 3, 4, 5 Mar.
    assert p.loc[12, "selesai"] == D(2026, 3, 5)
    libur = tahapan.libur_dilewati(p.reset_index(), cuti_bersama=False)
    assert (D(2026, 2, 17), "Tahun Baru Imlek") in libur


def test_plan_skips_cuti_bersama_by_default_and_christmas():
    # Wed 24 Dec 2025; 25 Dec Natal (national), 26 Dec cuti bersama, 1 Jan Tahun Baru.
    p = tahapan.rencana(D(2025, 12, 24)).set_index("langkah")
    assert p.loc[1, "mulai"] == D(2025, 12, 24)
    assert p.loc[2, "mulai"] == D(2025, 12, 29)  # 25, 26 (cuti bersama), 27, 28 skipped
    tanpa_cuti = tahapan.rencana(D(2025, 12, 24), cuti_bersama=False).set_index("langkah")
    assert tanpa_cuti.loc[2, "mulai"] == D(2025, 12, 26)
    days = {d for a, b in zip(p["mulai"], p["selesai"]) for d in (a, b)}
    assert D(2026, 1, 1) not in days


def test_half_day_steps_share_a_day():
    p = tahapan.rencana(D(2026, 4, 6)).set_index("langkah")
    # Steps 1–7 take 11 days; step 8 (0.5 day) is the morning of day 12, step 9 starts that
    # afternoon, and step 12 (0.5 day) is the afternoon of day 15.
    assert p.loc[8, "hari_ke_mulai"] == p.loc[8, "hari_ke_selesai"] == 12
    assert p.loc[9, "hari_ke_mulai"] == 12 and p.loc[9, "hari_ke_selesai"] == 13
    assert p.loc[8, "mulai_waktu"].hour == 0 and p.loc[8, "selesai_waktu"].hour == 12
    assert p.loc[9, "mulai_waktu"].hour == 12
    assert p.loc[12, "mulai"] == p.loc[11, "selesai"] == D(2026, 4, 24)
    assert p.loc[12, "mulai_waktu"] == dt.datetime(2026, 4, 24, 12)
    assert p.loc[12, "selesai_waktu"] == dt.datetime(2026, 4, 25, 0)


def test_start_on_a_day_off_moves_to_the_next_working_day():
    p = tahapan.rencana(D(2026, 2, 14), cuti_bersama=False)  # a Saturday
    assert p["mulai"].iloc[0] == D(2026, 2, 16)


def test_working_days_between():
    assert tahapan.hari_kerja_antara(D(2026, 2, 13), D(2026, 2, 18), cuti_bersama=False) == 2
    assert tahapan.hari_kerja_antara(D(2026, 2, 13), D(2026, 2, 13)) == 0


def test_overdue_with_a_fixed_today(con_master):
    tahapan.simpan_rencana(con_master, 2025, D(2026, 1, 5), cuti_bersama=False, oleh="Kasubag")
    cur = con_master.cursor()
    # Step 1 planned 5 Jan, step 2 6 Jan, step 3 7 Jan. Step 1 done on time, step 2 done late,
    # step 3 running. On Fri 9 Jan steps 3 and 4 (8 Jan) have passed unfinished.
    tahapan.simpan_realisasi(con_master, 2025, 1, D(2026, 1, 5), D(2026, 1, 5), oleh="staf")
    tahapan.simpan_realisasi(con_master, 2025, 2, D(2026, 1, 6), D(2026, 1, 8), oleh="staf")
    tahapan.simpan_realisasi(con_master, 2025, 3, D(2026, 1, 8), None, oleh="staf")
    j = tahapan.jadwal(cur, 2025, D(2026, 1, 9))
    st = j.tabel.set_index("langkah")
    assert st.loc[1, "status"] == "Selesai" and not st.loc[1, "terlambat"]
    assert st.loc[2, "status"] == "Selesai terlambat" and st.loc[2, "hari_terlambat"] == 2
    assert list(j.terlambat["langkah"]) == [3, 4]
    assert st.loc[3, "hari_terlambat"] == 2  # 8 and 9 Jan
    assert st.loc[5, "status"] == "Seharusnya sudah mulai"  # planned from 9 Jan
    assert st.loc[6, "status"] == "Belum mulai"
    pesan = j.peringatan()
    assert len(pesan) == 2 and "Langkah 3" in pesan[0] and "7 Januari 2026" in pesan[0]
    assert list(j.berikutnya(2)["langkah"]) == [3, 4]
    # The same data seen a week earlier: nothing is late.
    assert tahapan.jadwal(cur, 2025, D(2026, 1, 2)).terlambat.empty
    d = j.to_dict()
    assert d["tanggal_mulai"] == "2026-01-05" and d["langkah"][2]["terlambat"] is True


def test_actual_dates_are_kept_with_who_and_when(con_master):
    tahapan.simpan_realisasi(con_master, 2025, 5, D(2026, 1, 5), None, oleh="A")
    tahapan.simpan_realisasi(con_master, 2025, 5, D(2026, 1, 5), D(2026, 1, 7), oleh="B")
    df = tahapan.baca_realisasi(con_master.cursor(), 2025)
    assert len(df) == 1 and df["oleh"].iloc[0] == "B"
    assert df["selesai"].iloc[0].date() == D(2026, 1, 7)
    # Nothing overwritten: both entries stay in the table.
    assert con_master.execute("SELECT count(*) FROM tahapan_realisasi").fetchone()[0] == 2
    tahapan.simpan_rencana(con_master, 2025, D(2026, 1, 5), oleh="A")
    tahapan.simpan_rencana(con_master, 2025, D(2026, 2, 2), oleh="B")
    assert tahapan.baca_rencana(con_master.cursor(), 2025)["tanggal_mulai"] == D(2026, 2, 2)
    assert tahapan.baca_rencana(con_master.cursor(), 2024) is None


@pytest.mark.parametrize("langkah, mulai, selesai", [
    (13, D(2026, 1, 5), None),
    (2, D(2026, 1, 7), D(2026, 1, 5)),
    (2, None, D(2026, 1, 5)),
])
def test_bad_actual_dates_are_refused(con_master, langkah, mulai, selesai):
    with pytest.raises(InputRefused):
        tahapan.simpan_realisasi(con_master, 2025, langkah, mulai, selesai, oleh="x")


def test_without_a_plan_nothing_is_overdue(con_master):
    j = tahapan.jadwal(con_master.cursor(), 2025, D(2030, 1, 1))
    assert j.rencana is None and j.terlambat.empty
    assert j.tabel["mulai"].isna().all()
    assert set(j.tabel["status"]) == {"Belum mulai"}


def test_live_status_from_the_data(con_master):
    cur = con_master.cursor()
    live = tahapan.status_langsung(cur, 2025)
    assert live[1] == "Unit terkirim 0 dari 2"
    assert impor(con_master, [("r.xlsx", realisasi_xlsx())], oleh="uji").ok
    live = tahapan.status_langsung(cur, 2025)
    assert live[1] == "Unit terkirim 1 dari 2"
    # No LPJ yet: BID1's 2 sub kegiatan × 4 TW are R01 and R02 galat (16), SEKRE's silence R14.
    assert live[3] == live[5] == "17 temuan galat terbuka"
    assert live[7] == "Lampiran 2025 belum diekspor"
    con_master.execute(
        "INSERT INTO ekspor (jenis, tahun, nama_berkas, oleh, waktu, submission_ids, sha256, "
        "ukuran) VALUES ('lampiran', 2025, 'l.xlsx', 'x', now(), [], 'x', 1)")
    live = tahapan.status_langsung(cur, 2025)
    assert live[7] == "Lampiran 2025 sudah diekspor (1×)"
    assert "1 berkas ekspor 2025" in live[12]


def test_gantt_draws_plan_and_actual(con_master):
    tahapan.simpan_rencana(con_master, 2025, D(2026, 2, 12), cuti_bersama=False, oleh="x")
    tahapan.simpan_realisasi(con_master, 2025, 1, D(2026, 2, 12), D(2026, 2, 13), oleh="x")
    tahapan.simpan_realisasi(con_master, 2025, 2, D(2026, 2, 16), None, oleh="x")
    j = tahapan.jadwal(con_master.cursor(), 2025, D(2026, 2, 20))
    fig = gantt(j.tabel, j.hari_ini, j.libur)
    rencana, realisasi = fig.data
    assert rencana.name == "Rencana" and len(rencana.y) == 12
    assert realisasi.name == "Realisasi" and len(realisasi.y) == 2
    assert fig.layout.separators == ",."
    # Step 8 (half a day) is drawn as half a day, step 5 (two working days) as two days.
    assert rencana.x[7] == 12 * 3_600_000 and rencana.x[4] == 48 * 3_600_000
    # Late steps are red in the plan; 17 Feb (Imlek) is shaded as a holiday.
    assert rencana.marker.color[2] == WARNA["terlambat"] != rencana.marker.color[11]
    assert any(s.x0.startswith("2026-02-17") for s in fig.layout.shapes if s.type == "rect")
