"""Rules on money: the units' keuangan against the LPJ (R01–R03), the pagu (R04, R13).

Keuangan per TW is the TW's own spending (inputs.md), so "to the end of TW n" is the sum of
TW I..n; the LPJ to the end of TW n is the sum of its lines dated up to the TW's last day.
Only TWs the unit has reported are checked (`lapor` in the context's keuangan table).
"""

from __future__ import annotations

from decimal import Decimal

from ._dasar import aturan, baris, rp, temuan, tw

_SUB = "sub kegiatan {nama} ({kode})"


def _sub(r: dict) -> str:
    return _SUB.format(nama=r["nama_sub_kegiatan"], kode=r["kode_sub_kegiatan"])


def _detail(ctx, rows: list[dict]) -> list[dict]:
    """Attach the per-TW table behind each finding row, and where its LPJ lines are: they are
    fetched when the finding is opened (`rekonsiliasi.rincian`), not for every finding."""
    tws = ctx.rincian_tw(r["kode_sub_kegiatan"] for r in rows)
    for r in rows:
        kode, n = r["kode_sub_kegiatan"], int(r["tw"])
        r["_detail"] = {"tw": tws.get(kode, []),
                        "lpj_sumber": {"kode_sub_kegiatan": kode, "sampai_tw": n},
                        "lpj_jumlah_baris": int(r["lpj_baris_kum"]),
                        "lpj_judul": f"Baris LPJ s.d. {tw(n)}"}
    return rows


def _per_tw(cur, ctx, kode: str, tahun: int, syarat: str, pesan, nilai_unit: str = "keu_kum",
            params: dict | None = None) -> list[dict]:
    """Findings `kode` for each reported TW of a sub kegiatan meeting `syarat` (SQL over the
    context's keuangan table, fixed per rule), held against the LPJ to the end of the TW."""
    rows = baris(cur, f"""
        SELECT * FROM {ctx.keuangan()}
        WHERE lapor AND {syarat}
        ORDER BY kode_unit, kode_sub_kegiatan, tw""", params)
    return [temuan(
        kode, tahun=tahun, triwulan=r["tw"], kode_unit=r["kode_unit"], objek="sub_kegiatan",
        kode_objek=r["kode_sub_kegiatan"], nilai_unit=r[nilai_unit],
        nilai_pembanding=r["lpj_kum"], pesan=pesan(r), detail=r["_detail"])
        for r in _detail(ctx, rows)]


@aturan("R01", "selisih keuangan", "galat")
def r01_selisih_keuangan(cur, tahun, kode_unit, settings, ctx) -> list[dict]:
    """Cumulative keuangan to the end of a reported TW differs from the LPJ by > tolerance."""
    tol = Decimal(str(settings["toleransi_keuangan"]))
    return _per_tw(cur, ctx, "R01", tahun, "abs(keu_kum - lpj_kum) > $tol", lambda r: (
        f"Realisasi keuangan s.d. {tw(r['tw'])} {_sub(r)} dilaporkan "
        f"{rp(r['keu_kum'])}, sedangkan LPJ mencatat {rp(r['lpj_kum'])} "
        f"(selisih {rp(r['keu_kum'] - r['lpj_kum'])})."), params={"tol": tol})


@aturan("R02", "tidak ada di LPJ", "galat")
def r02_tidak_ada_di_lpj(cur, tahun, kode_unit, settings, ctx) -> list[dict]:
    """Keuangan > 0 reported in a TW while the LPJ has no line for it up to that TW."""
    return _per_tw(cur, ctx, "R02", tahun, "keu_tw > 0 AND lpj_baris_kum = 0", lambda r: (
        f"Unit melaporkan keuangan {tw(r['tw'])} {_sub(r)} sebesar {rp(r['keu_tw'])}, "
        f"tetapi LPJ belum mencatat satu transaksi pun untuk sub kegiatan ini sampai akhir "
        f"{tw(r['tw'])}."), nilai_unit="keu_tw")


@aturan("R03", "tidak dilaporkan unit", "galat")
def r03_tidak_dilaporkan(cur, tahun, kode_unit, settings, ctx) -> list[dict]:
    """LPJ spending up to a TW the unit reported, for a sub kegiatan the unit reported nothing
    for (every TW up to it empty or 0)."""
    return _per_tw(cur, ctx, "R03", tahun, "lpj_kum > 0 AND keu_kosong_kum", lambda r: (
        f"LPJ mencatat belanja {rp(r['lpj_kum'])} s.d. {tw(r['tw'])} untuk {_sub(r)}, "
        f"tetapi unit belum melaporkan realisasi keuangan apa pun untuk sub kegiatan "
        f"ini sampai {tw(r['tw'])}."))


@aturan("R04", "melebihi pagu", "galat")
def r04_melebihi_pagu(cur, tahun, kode_unit, settings, ctx) -> list[dict]:
    """Cumulative keuangan (the unit's or the LPJ's) above the pagu, to the latest reported TW.

    A year-level finding (the pagu is annual): one per sub kegiatan, whatever the TW it
    first happened in, so its key stays the same as more TWs come in.
    """
    rows = baris(cur, f"""
        SELECT kode_unit, kode_sub_kegiatan, any_value(nama_sub_kegiatan) AS nama_sub_kegiatan,
               any_value(pagu) AS pagu, max(tw) AS tw,
               arg_max(keu_kum, tw) AS keu_kum, arg_max(lpj_kum, tw) AS lpj_kum,
               max(keu_kum) AS keu_puncak, max(lpj_kum) AS lpj_puncak,
               arg_max(lpj_baris_kum, tw) AS lpj_baris_kum
        FROM {ctx.keuangan()} WHERE lapor
        GROUP BY kode_unit, kode_sub_kegiatan
        HAVING max(keu_kum) > any_value(pagu) OR max(lpj_kum) > any_value(pagu)
        ORDER BY kode_unit, kode_sub_kegiatan""")
    out = []
    for r in _detail(ctx, rows):
        pagu = r["pagu"]
        nilai = r["keu_puncak"] if r["keu_puncak"] > pagu else r["lpj_puncak"]
        unit_lebih, lpj_lebih = r["keu_puncak"] > pagu, r["lpj_puncak"] > pagu
        siapa = ("menurut laporan unit dan LPJ" if unit_lebih and lpj_lebih
                 else "menurut laporan unit" if unit_lebih else "menurut LPJ")
        out.append(temuan(
            "R04", tahun=tahun, triwulan=None, kode_unit=r["kode_unit"], objek="sub_kegiatan",
            kode_objek=r["kode_sub_kegiatan"], nilai_unit=nilai, nilai_pembanding=pagu,
            pesan=(f"Belanja s.d. {tw(r['tw'])} {_sub(r)} {siapa} mencapai {rp(nilai)}, "
                   f"melebihi pagu DPA {rp(pagu)} (lebih {rp(nilai - pagu)})"
                   + ("." if r["keu_kum"] == r["lpj_kum"] else
                      f"; laporan unit {rp(r['keu_kum'])}, LPJ {rp(r['lpj_kum'])}.")),
            detail={**r["_detail"], "angka": {"Pagu DPA (Rp)": float(pagu),
                                             "Kumulatif unit (Rp)": float(r["keu_kum"]),
                                             "Kumulatif LPJ (Rp)": float(r["lpj_kum"])}}))
    return out


@aturan("R13", "pagu beda dengan DPA", "galat")
def r13_pagu_beda(cur, tahun, kode_unit, settings, ctx) -> list[dict]:
    """The pagu a unit echoes on its anggaran sheet differs from the DPA pagu."""
    rows = baris(cur, """
        SELECT a.kode_unit, a.kode_sub_kegiatan, a.nama_sub_kegiatan, a.pagu,
               r.pagu AS pagu_unit, r.baris
        FROM v_anggaran a
        JOIN v_realisasi_anggaran r ON r.tahun = a.tahun AND r.kode_unit = a.kode_unit
             AND r.kode_sub_kegiatan = a.kode_sub_kegiatan
        WHERE a.tahun = $tahun AND ($unit IS NULL OR a.kode_unit = $unit)
          AND r.pagu IS NOT NULL AND r.pagu <> a.pagu
        ORDER BY a.kode_unit, a.kode_sub_kegiatan""", ctx.param)
    return [temuan(
        "R13", tahun=tahun, triwulan=None, kode_unit=r["kode_unit"], objek="sub_kegiatan",
        kode_objek=r["kode_sub_kegiatan"], nilai_unit=r["pagu_unit"], nilai_pembanding=r["pagu"],
        pesan=(f"Pagu {_sub(r)} yang ditulis unit {rp(r['pagu_unit'])} berbeda dengan pagu DPA "
               f"{rp(r['pagu'])} (selisih {rp(r['pagu_unit'] - r['pagu'])})."),
        detail={"angka": {"Pagu ditulis unit (Rp)": float(r["pagu_unit"]),
                          "Pagu DPA (Rp)": float(r["pagu"]),
                          "Baris di berkas unit": r["baris"]}}) for r in rows]
