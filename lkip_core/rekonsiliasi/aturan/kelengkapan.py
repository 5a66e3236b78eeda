"""Completeness: a unit that owes data for the year and has sent none (R14)."""

from __future__ import annotations

from ._dasar import aturan, baris, temuan

_R14 = """
WITH wajib AS (
    SELECT i.kode_unit, count(*) AS indikator, 0 AS sub_kegiatan
    FROM v_indikator i JOIN v_target t ON t.kode_indikator = i.kode_indikator
    WHERE t.tahun = $tahun GROUP BY i.kode_unit
    UNION ALL
    SELECT kode_unit, 0, count(*) FROM v_anggaran WHERE tahun = $tahun GROUP BY kode_unit
), per_unit AS (
    SELECT kode_unit, sum(indikator) AS indikator, sum(sub_kegiatan) AS sub_kegiatan
    FROM wajib GROUP BY kode_unit
)
SELECT w.kode_unit, u.nama_unit, w.indikator, w.sub_kegiatan,
       (SELECT max(waktu) FROM submission s WHERE s.jenis = 'realisasi' AND s.tahun = $tahun
        AND s.kode_unit = w.kode_unit) AS kiriman_lama
FROM per_unit w LEFT JOIN v_unit u USING (kode_unit)
WHERE ($unit IS NULL OR w.kode_unit = $unit)
  AND NOT EXISTS (SELECT 1 FROM submission s WHERE s.jenis = 'realisasi' AND s.status = 'aktif'
                  AND s.tahun = $tahun AND s.kode_unit = w.kode_unit)
ORDER BY w.kode_unit
"""


@aturan("R14", "data belum masuk", "galat")
def r14_data_belum_masuk(cur, tahun, kode_unit, settings, ctx) -> list[dict]:
    """A unit with PK indicators or DPA sub kegiatan in the year and no active submission."""
    out = []
    for r in baris(cur, _R14, ctx.param):
        owed = []
        if r["indikator"]:
            owed.append(f"{int(r['indikator'])} indikator PK")
        if r["sub_kegiatan"]:
            owed.append(f"{int(r['sub_kegiatan'])} sub kegiatan DPA")
        out.append(temuan(
            "R14", tahun=tahun, triwulan=None, kode_unit=r["kode_unit"], objek="unit",
            kode_objek=r["kode_unit"],
            pesan=(f"{r['nama_unit'] or r['kode_unit']} belum mengirim berkas realisasi tahun "
                   f"{tahun}, padahal wajib melaporkan {' dan '.join(owed)}."),
            detail={"angka": {"Indikator PK": int(r["indikator"]),
                              "Sub kegiatan DPA": int(r["sub_kegiatan"]),
                              "Kiriman lama (tidak aktif)": r["kiriman_lama"]}}))
    return out
