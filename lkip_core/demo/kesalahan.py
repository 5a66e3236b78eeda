"""The mistakes planted in the demo's latest year, one per reconciliation rule.

Each is planted once, on its own indicator or sub kegiatan, and still passes import validation
(fisik within 0–100, every code belongs to its unit). Where a rule implies another by its
definition (a TW I figure that the LPJ lacks is also a cumulative difference), the description
says so.
"""

from __future__ import annotations

from . import bkpsdm as B
from .keuangan import jumlah_per_tw

TAHUN = 2025

KESALAHAN_DEMO: dict[str, str] = {
    "R01": "SEKRE, 5.03.01.2.06.0002 (Peralatan dan Perlengkapan Kantor), TW II: unit mencatat "
           "SP2D pertama TW III (Juli) di TW II, sehingga keuangan s.d. TW II lebih besar dari "
           "LPJ; s.d. TW III kembali sama.",
    "R02": "MUTASI, 5.03.02.2.02.0003 (Promosi ASN), TW I: unit melaporkan keuangan padahal LPJ "
           "belum punya transaksi sampai TW I (juga selisih R01 pada TW I); s.d. TW II sama.",
    "R03": "PPI, 5.03.02.2.01.0003 (Pemberhentian dan Pensiun ASN), TW I: LPJ mencatat belanja "
           "tetapi unit mengosongkan keuangan TW I (juga selisih R01 pada TW I); dilaporkan "
           "sekaligus di TW II.",
    "R04": "PKP, 5.03.02.2.03.0004 (Penghargaan dan Tanda Kehormatan ASN), TW IV: belanja "
           "menurut LPJ (dan laporan unit) s.d. TW IV melebihi pagu sekitar 3,5 %.",
    "R05": "SEKRE, 5.03.01.2.09.0009 (Rehabilitasi Gedung Kantor), TW II: fisik 58 % sedangkan "
           "serapan sekitar 19 %.",
    "R06": "MUTASI, 5.03.02.2.02.0001 (Pengelolaan Mutasi ASN): fisik kumulatif turun dari "
           "53 % di TW II menjadi 47 % di TW III.",
    "R07": "MUTASI, IK.17 (kenaikan pangkat tepat waktu): realisasi TW III dikosongkan, padahal "
           "unit melaporkan TW III untuk indikator lain.",
    "R08": "PKP, IK.10 (ASN berpredikat kinerja minimal baik): unit menulis target Renstra "
           "2025 sebagai target, bukan target PK 94,00.",
    "R09": "LPJ 2025, 5.03.02.2.01.0004 (SIMPEG), TW III: satu baris transaksi tercatat dua "
           "kali (nomor bukti, rekening dan jumlah sama); laporan unit ikut menjumlahkannya.",
    "R10": "LPJ 2025, TW II: satu transaksi memakai kode 5.03.02.2.02.0009 yang tidak ada di "
           "DPA 2025.",
    "R11": "PKP, IK.11 (ASN dijatuhi hukuman disiplin, negatif): unit menghitung capaian "
           "dengan rumus positif (R/T × 100), sehingga berbeda dari hitungan ulang.",
    "R12": "PKA, IK.05 (pelatihan kepemimpinan): realisasi 265 orang dari target PK 120 "
           "(capaian sekitar 221 %).",
    "R13": "PKP, 5.03.02.2.03.0002 (Sistem Merit): pagu yang ditulis unit Rp 25.000.000 lebih "
           "besar dari pagu DPA.",
    "R14": "UPT: UPT Assessment Center tidak mengirim berkas realisasi 2025.",
}

SUB = {"R01": "5.03.01.2.06.0002", "R02": "5.03.02.2.02.0003", "R03": "5.03.02.2.01.0003",
       "R04": "5.03.02.2.03.0004", "R05": "5.03.01.2.09.0009", "R06": "5.03.02.2.02.0001",
       "R09": "5.03.02.2.01.0004", "R13": "5.03.02.2.03.0002"}
KODE_TAK_DIKENAL = "5.03.02.2.02.0009"
KINERJA = {"R07": "IK.17", "R08": "IK.10", "R11": "IK.11"}  # R12: the IK.05 override in bkpsdm
SELISIH_PAGU_R13 = 25_000_000

# Spending profiles (serapan of the year, cumulative shares, fisik) for the planted cases.
PROFIL = {
    SUB["R02"]: {"serapan": 0.90, "kum": (0.0, 0.45, 0.75, 1.0), "fisik": (5, 40, 68, 95)},
    SUB["R04"]: {"serapan": 1.035, "kum": (0.15, 0.4, 0.75, 1.0), "fisik": (15, 40, 75, 100)},
    SUB["R05"]: {"serapan": 0.97, "kum": (0.05, 0.20, 0.70, 1.0), "fisik": (10, 58, 75, 100)},
    SUB["R06"]: {"serapan": 0.90, "kum": (0.2, 0.5, 0.68, 1.0), "fisik": (20, 53, 47, 95)},
    # Not mistakes themselves: room so that R03 and R09 trigger no other rule.
    SUB["R03"]: {"serapan": 0.90, "kum": (0.08, 0.45, 0.72, 1.0), "fisik": (8, 45, 70, 96)},
    SUB["R09"]: {"serapan": 0.88},
}


def tanam_lpj(lines: list[dict]) -> list[dict]:
    """R09 (a duplicated line) and R10 (a line with a code not in the DPA)."""
    tw3 = [i for i, x in enumerate(lines)
           if x["kode_sub_kegiatan"] == SUB["R09"] and x["tanggal"].month in (7, 8, 9)]
    i = tw3[len(tw3) // 2]
    lines.insert(i + 1, dict(lines[i]))
    contoh = next(x for x in lines if x["tanggal"].month == 5 and x["jenis"] == "GU")
    lines.insert(lines.index(contoh) + 1, {
        **contoh, "kode_sub_kegiatan": KODE_TAK_DIKENAL, "kode_rekening": "5.1.02.01.01.0052",
        "uraian": "Belanja Makanan dan Minuman Rapat - Rapat Koordinasi Jabatan Fungsional",
        "jumlah": 3_750_000,
    })
    return lines


def laporan_anggaran(lines: list[dict], renc: dict[str, dict], salah: bool
                     ) -> dict[str, dict[str, dict]]:
    """What each unit reports on its anggaran sheet: {kode_unit: {kode_sub: {...}}}.

    Keuangan per TW equals the LPJ per TW (the clean case reconciles); with `salah` the
    planted R01, R02, R03 and R13 are applied.
    """
    lpj = jumlah_per_tw(lines)
    out: dict[str, dict[str, dict]] = {}
    for kode, r in renc.items():
        keu: list[int | None] = list(lpj.get(kode, [0, 0, 0, 0]))
        row: dict = {}
        if salah and kode == SUB["R01"]:
            pindah = min((x for x in lines if x["kode_sub_kegiatan"] == kode
                          and x["tanggal"].month in (7, 8, 9)),
                         key=lambda x: x["tanggal"])["jumlah"]
            keu[1] += pindah
            keu[2] -= pindah
        elif salah and kode == SUB["R02"]:
            muka = round(keu[1] * 0.4 / 1000) * 1000
            keu[0], keu[1] = muka, keu[1] - muka
            row["keterangan"] = "TW I: uang muka panitia seleksi terbuka"
        elif salah and kode == SUB["R03"]:
            keu[0], keu[1] = None, keu[0] + keu[1]
            row["keterangan"] = "Realisasi TW I dilaporkan bersama TW II"
        elif salah and kode == SUB["R13"]:
            row["pagu"] = r["pagu"] + SELISIH_PAGU_R13
        row.update({f"keuangan_tw{i + 1}": v for i, v in enumerate(keu)})
        row.update({f"fisik_tw{i + 1}": float(v) for i, v in enumerate(r["fisik"])})
        out.setdefault(r["unit"], {})[kode] = row
    return out


def unit_melapor(tahun: int) -> list[str]:
    """Units that send a realisation file for `tahun` (the UPT skips the latest year)."""
    ada = {ind["unit"] for ind in B.INDIKATOR} | {s[2] for s in B.SUB_KEGIATAN}
    return [u[0] for u in B.UNIT
            if u[0] in ada and not (tahun == TAHUN and u[0] == B.UPT_TANPA_LAPORAN)]
