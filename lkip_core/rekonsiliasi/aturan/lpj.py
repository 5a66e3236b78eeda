"""Rules on the LPJ itself: duplicated lines (R09) and codes the DPA does not know (R10).

The LPJ carries no unit; a line belongs to the unit whose DPA holds its sub kegiatan. For a
code the DPA does not know (R10), the unit is the one owning the code's kegiatan (or else its
program) in the DPA, where exactly one unit does; otherwise the finding has no unit.
"""

from __future__ import annotations

from ._dasar import (
    BATAS_BARIS_LPJ,
    aturan,
    baris,
    baris_lpj_tampil,
    rp,
    teks_jumlah,
    temuan,
    tw,
)

_LINE = """{'tanggal': l.tanggal, 'nomor_bukti': l.nomor_bukti,
            'kode_sub_kegiatan': l.kode_sub_kegiatan, 'kode_rekening': l.kode_rekening,
            'uraian': l.uraian, 'jumlah': l.jumlah, 'jenis': l.jenis}"""

# Two steps: candidate SP2D numbers from a hash of the three fields (one cheap pass over
# every line of the year; usually nothing), then only those numbers' lines, grouped by the
# fields themselves, so a hash collision cannot make a finding.
_R09_CALON = """
SELECT DISTINCT nomor_bukti FROM (
    SELECT hash(nomor_bukti, kode_rekening, jumlah) AS h, any_value(nomor_bukti) AS nomor_bukti
    FROM v_lpj WHERE tahun = $tahun GROUP BY h HAVING count(*) > 1)
"""
_R09 = f"""
WITH dpa AS (SELECT kode_sub_kegiatan, kode_unit FROM v_anggaran WHERE tahun = $tahun),
l AS (SELECT * FROM v_lpj WHERE tahun = $tahun AND list_contains($bukti, nomor_bukti))
SELECT l.nomor_bukti, l.kode_rekening, l.jumlah, count(*) AS n, min(l.tanggal) AS tanggal,
       min(d.kode_unit) AS kode_unit,
       list({_LINE} ORDER BY l.tanggal, l.baris) AS baris
FROM l LEFT JOIN dpa d ON d.kode_sub_kegiatan = l.kode_sub_kegiatan
GROUP BY l.nomor_bukti, l.kode_rekening, l.jumlah
HAVING count(*) > 1 AND ($unit IS NULL OR min(d.kode_unit) = $unit)
ORDER BY tanggal, l.nomor_bukti
"""


@aturan("R09", "transaksi ganda", "peringatan")
def r09_transaksi_ganda(cur, tahun, kode_unit, settings, ctx) -> list[dict]:
    """Two or more LPJ lines with the same nomor_bukti, kode_rekening and jumlah."""
    bukti = [r[0] for r in cur.execute(_R09_CALON, {"tahun": tahun}).fetchall()]
    if not bukti:
        return []
    out = []
    for r in baris(cur, _R09, {**ctx.param, "bukti": bukti}):
        kode_objek = f"{r['nomor_bukti']}|{r['kode_rekening'] or ''}|{teks_jumlah(r['jumlah'])}"
        lines = [baris_lpj_tampil(x) for x in r["baris"]]
        subs = sorted({x["Sub kegiatan"] for x in lines})
        out.append(temuan(
            "R09", tahun=tahun, triwulan=(r["tanggal"].month - 1) // 3 + 1,
            kode_unit=r["kode_unit"], objek="transaksi", kode_objek=kode_objek,
            nilai_unit=None, nilai_pembanding=r["jumlah"],
            pesan=(f"LPJ mencatat {r['n']} baris dengan nomor bukti {r['nomor_bukti']}, rekening "
                   f"{r['kode_rekening'] or '(kosong)'} dan jumlah {rp(r['jumlah'])} yang sama "
                   f"(sub kegiatan {', '.join(subs)}); pastikan transaksi ini tidak tercatat "
                   "ganda."),
            detail={"lpj": lines, "lpj_jumlah_baris": len(lines),
                    "lpj_judul": "Baris LPJ yang sama",
                    "angka": {"Jumlah per baris (Rp)": float(r["jumlah"]),
                              "Banyak baris": int(r["n"]),
                              "Lebih catat bila ganda (Rp)": float(r["jumlah"] * (r["n"] - 1))}}))
    return out


_R10_KODE = """
SELECT kode_sub_kegiatan FROM v_lpj WHERE tahun = $tahun GROUP BY kode_sub_kegiatan
HAVING kode_sub_kegiatan NOT IN (SELECT kode_sub_kegiatan FROM v_anggaran WHERE tahun = $tahun)
"""
_R10 = f"""
WITH dpa AS (
    SELECT kode_unit, kode_sub_kegiatan,
           array_to_string(string_split(kode_sub_kegiatan, '.')[1:5], '.') AS kegiatan,
           array_to_string(string_split(kode_sub_kegiatan, '.')[1:3], '.') AS program
    FROM v_anggaran WHERE tahun = $tahun
), asing AS (
    SELECT l.kode_sub_kegiatan, count(*) AS n, sum(l.jumlah) AS jumlah,
           min(l.tanggal) AS pertama, max(l.tanggal) AS terakhir,
           list({_LINE} ORDER BY l.tanggal, l.baris)[1:{BATAS_BARIS_LPJ}] AS baris,
           array_to_string(string_split(l.kode_sub_kegiatan, '.')[1:5], '.') AS kegiatan,
           array_to_string(string_split(l.kode_sub_kegiatan, '.')[1:3], '.') AS program
    FROM v_lpj l
    WHERE l.tahun = $tahun AND list_contains($kode, l.kode_sub_kegiatan)
    GROUP BY l.kode_sub_kegiatan
), pemilik AS (
    SELECT a.kode_sub_kegiatan,
           coalesce(
               (SELECT CASE WHEN count(DISTINCT kode_unit) = 1 THEN min(kode_unit) END
                FROM dpa WHERE dpa.kegiatan = a.kegiatan),
               (SELECT CASE WHEN count(DISTINCT kode_unit) = 1 THEN min(kode_unit) END
                FROM dpa WHERE dpa.program = a.program)) AS kode_unit
    FROM asing a
)
SELECT a.*, p.kode_unit
FROM asing a JOIN pemilik p USING (kode_sub_kegiatan)
WHERE $unit IS NULL OR p.kode_unit = $unit
ORDER BY a.kode_sub_kegiatan
"""


@aturan("R10", "kode tidak dikenal", "galat")
def r10_kode_tidak_dikenal(cur, tahun, kode_unit, settings, ctx) -> list[dict]:
    """LPJ lines whose sub kegiatan code is not in the DPA of the year (one finding per code)."""
    kode = [r[0] for r in cur.execute(_R10_KODE, {"tahun": tahun}).fetchall()]
    if not kode:
        return []
    out = []
    for r in baris(cur, _R10, {**ctx.param, "kode": kode}):
        waktu = tw((r["pertama"].month - 1) // 3 + 1)
        akhir = tw((r["terakhir"].month - 1) // 3 + 1)
        kapan = waktu if waktu == akhir else f"{waktu}–{akhir}"
        out.append(temuan(
            "R10", tahun=tahun, triwulan=None, kode_unit=r["kode_unit"], objek="sub_kegiatan",
            kode_objek=r["kode_sub_kegiatan"], nilai_pembanding=r["jumlah"],
            pesan=(f"LPJ memuat {r['n']} transaksi ({kapan}, jumlah {rp(r['jumlah'])}) dengan "
                   f"kode sub kegiatan {r['kode_sub_kegiatan']} yang tidak ada di DPA {tahun}; "
                   "perbaiki kodenya di LPJ atau pastikan sub kegiatan ini memang dianggarkan."),
            detail={"lpj": [baris_lpj_tampil(x) for x in r["baris"]],
                    "lpj_jumlah_baris": int(r["n"]),
                    "lpj_judul": f"Baris LPJ dengan kode {r['kode_sub_kegiatan']}",
                    "angka": {"Jumlah transaksi": int(r["n"]),
                              "Jumlah (Rp)": float(r["jumlah"])}}))
    return out
