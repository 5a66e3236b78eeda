"""Settings: one declarative table, each with a default and a help text (like datasette's).

Values are stored in the `pengaturan` table as JSON; a setting never stored has its default.
The Pengaturan page, the engines and the README's settings table are all built from SETELAN.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import duckdb
import pandas as pd

from . import db
from .akun import audit
from .akun.izin import wajib
from .akun.model import Akun
from .errors import InputRefused
from .naskah.kunci import periksa_pengaturan


@dataclass(frozen=True)
class Setelan:
    kunci: str
    bawaan: object
    bantuan: str
    jenis: str = "teks"  # teks | angka | pilihan | skala | gambar (base64)
    pilihan: tuple[str, ...] = ()
    kelompok: str = "Umum"
    minimum: float | None = None
    maksimum: float | None = None


# The page's uploader takes at most this (.streamlit/config.toml server.maxUploadSize); the
# setting batas_unggah_mb picks the limit below it, for the page and the command line alike.
BATAS_UNGGAH_MAKS_MB = 1024

SETELAN: tuple[Setelan, ...] = (
    Setelan("skala_predikat", "permendagri_86_2017",
            "Skala predikat capaian: Permendagri 86/2017 (Sangat Tinggi … Sangat Rendah), "
            "'berhasil' (Sangat Berhasil … Kurang Berhasil), atau skala kustom di bawah.",
            "pilihan", ("permendagri_86_2017", "berhasil", "kustom"), "Analisis kinerja"),
    Setelan("skala_predikat_kustom", [[90, "Sangat Baik"], [75, "Baik"], [60, "Cukup"],
                                      [None, "Kurang"]],
            "Skala kustom: pasangan [ambang minimal (%), predikat], dari yang tertinggi; baris "
            "terakhir tanpa ambang menampung sisanya.", "skala", kelompok="Analisis kinerja"),
    Setelan("metode_negatif_bawaan", "selisih",
            "Rumus capaian indikator negatif bila master tidak menentukannya: 'selisih' "
            "((2T − R)/T × 100, minimal 0) atau 'rasio' (T/R × 100).",
            "pilihan", ("selisih", "rasio"), "Analisis kinerja"),
    Setelan("toleransi_keuangan", 0,
            "R01: selisih keuangan unit dan LPJ yang masih diterima (Rp).", "angka",
            kelompok="Rekonsiliasi", minimum=0),
    Setelan("ambang_fisik_keuangan", 25,
            "R05: beda fisik (%) dan serapan (%) yang dianggap timpang (poin persen).", "angka",
            kelompok="Rekonsiliasi", minimum=0),
    Setelan("toleransi_capaian_unit", 0.01,
            "R11: beda capaian versi unit dan hasil hitung ulang yang masih diterima (poin).",
            "angka", kelompok="Rekonsiliasi", minimum=0),
    Setelan("capaian_ekstrem_atas", 150,
            "R12: capaian di atas angka ini (%) perlu diperiksa target dan realisasinya.",
            "angka", kelompok="Rekonsiliasi", minimum=0),
    Setelan("capaian_ekstrem_bawah", 10,
            "R12: capaian di bawah angka ini (%) perlu diperiksa target dan realisasinya.",
            "angka", kelompok="Rekonsiliasi", minimum=0),
    Setelan("tempat_ttd", "Tangerang", "Tempat pada blok tanda tangan lampiran.",
            kelompok="Lampiran"),
    Setelan("tanggal_ttd", "", "Tanggal pada blok tanda tangan (kosong: tanggal ekspor), "
            "mis. '28 Februari 2026'.", kelompok="Lampiran"),
    Setelan("judul_lampiran_i", "Perjanjian Kinerja", "Judul Lampiran I.", kelompok="Lampiran"),
    Setelan("judul_lampiran_ii", "Pengukuran Kinerja", "Judul Lampiran II.", kelompok="Lampiran"),
    Setelan("judul_lampiran_iii", "Indikator Kinerja Utama", "Judul Lampiran III.",
            kelompok="Lampiran"),
    Setelan("judul_lampiran_iv", "Realisasi Anggaran", "Judul Lampiran IV.", kelompok="Lampiran"),
    Setelan("judul_lampiran_v", "Rencana Aksi dan Realisasi per Triwulan", "Judul Lampiran V.",
            kelompok="Lampiran"),
    Setelan("logo_instansi", "",
            "Logo instansi pada sampul paparan pimpinan (PNG atau JPG, diunggah di halaman "
            "ini); kosong: sampul memuat kotak tempat logo.", "gambar", kelompok="Paparan"),
    Setelan("cadangan_simpan", 10,
            "Banyaknya cadangan otomatis terbaru yang disimpan di folder cadangan (sebelum "
            "master diganti, rollback, pemulihan, demo --force, dan harian); yang lebih lama "
            "dihapus.", "angka", kelompok="Cadangan", minimum=1),
    Setelan("batas_unggah_mb", 200,
            "Ukuran terbesar satu berkas yang diunggah (MB), di halaman Unggah Data dan di baris "
            "perintah. LPJ setahun sebuah kota (1.000.000 baris CSV) sekitar 110 MB. Berkas yang "
            "memerlukan memori lebih dari yang tersedia tetap ditolak sebelum dibaca.",
            "angka", kelompok="Unggahan", minimum=1, maksimum=BATAS_UNGGAH_MAKS_MB),
    Setelan("sesi_menit", 60,
            "Sesi masuk berakhir setelah sekian menit tanpa aktivitas; setelah itu pengguna "
            "harus masuk lagi.", "angka", kelompok="Keamanan", minimum=5),
)
_BY_KEY = {s.kunci: s for s in SETELAN}


SKALA_PREDIKAT: dict[str, list[tuple[float, str]]] = {
    # domain.md, "Predikat": the default scale.
    "permendagri_86_2017": [
        (91.0, "Sangat Tinggi"),
        (76.0, "Tinggi"),
        (66.0, "Sedang"),
        (51.0, "Rendah"),
        (float("-inf"), "Sangat Rendah"),
    ],
    # domain.md, "Predikat": the second preset in use elsewhere.
    "berhasil": [
        (100.0, "Sangat Berhasil"),
        (75.0, "Berhasil"),
        (55.0, "Cukup Berhasil"),
        (float("-inf"), "Kurang Berhasil"),
    ],
}


def _tanpa_ambang(x: object) -> bool:
    return x is None or (isinstance(x, float) and x != x)


def validasi_skala(skala: Sequence[tuple[float, str]]) -> list[str]:
    """Problems (Indonesian) of a custom predikat scale; an empty list means it is usable."""
    if not skala:
        return ["Skala predikat kosong: isi paling sedikit satu batas"]
    masalah: list[str] = []
    for i, (ambang, label) in enumerate(skala, start=1):
        if not isinstance(label, str) or not label.strip():
            masalah.append(f"Baris {i}: label predikat kosong")
        if _tanpa_ambang(ambang):
            masalah.append(f"Baris {i}: batas bawah kosong")
    for i in range(1, len(skala)):
        atas, bawah = skala[i - 1][0], skala[i][0]
        if not _tanpa_ambang(atas) and not _tanpa_ambang(bawah) and not atas > bawah:
            masalah.append(
                f"Baris {i + 1}: batas {bawah} harus lebih kecil dari batas di atasnya ({atas})"
            )
    if skala[-1][0] != float("-inf"):
        masalah.append(
            "Baris terakhir harus menampung semua nilai sisanya (batas -inf, 'selain itu')"
        )
    return masalah


def _setelan(kunci: str) -> Setelan:
    try:
        return _BY_KEY[kunci]
    except KeyError:
        raise KeyError(f"pengaturan tidak dikenal: {kunci}") from None


def baca(cur: duckdb.DuckDBPyConnection, kunci: str):
    """The stored value of a setting, or its default."""
    s = _setelan(kunci)
    row = cur.execute("SELECT nilai FROM pengaturan WHERE kunci = ?", [kunci]).fetchone()
    return json.loads(row[0]) if row else s.bawaan


def semua(cur: duckdb.DuckDBPyConnection) -> dict:
    stored = dict(cur.execute("SELECT kunci, nilai FROM pengaturan").fetchall())
    return {s.kunci: json.loads(stored[s.kunci]) if s.kunci in stored else s.bawaan
            for s in SETELAN}


def periksa(kunci: str, nilai) -> list[str]:
    """Problems with a value, in Indonesian (empty when it is fine)."""
    s = _setelan(kunci)
    if s.jenis == "pilihan" and nilai not in s.pilihan:
        return [f"{kunci}: pilih salah satu dari {', '.join(s.pilihan)}."]
    if s.jenis == "angka":
        if not isinstance(nilai, (int, float)) or isinstance(nilai, bool):
            return [f"{kunci}: harus berupa angka."]
        if s.minimum is not None and nilai < s.minimum:
            return [f"{kunci}: tidak boleh kurang dari {s.minimum}."]
        if s.maksimum is not None and nilai > s.maksimum:
            return [f"{kunci}: tidak boleh lebih dari {s.maksimum}."]
    if s.jenis == "skala":
        try:
            return validasi_skala(_skala_dari_json(nilai))
        except (TypeError, ValueError, IndexError):
            return [f"{kunci}: tulis sebagai daftar [ambang, predikat]."]
    return []


def simpan(con: duckdb.DuckDBPyConnection, kunci: str, nilai, *, oleh: Akun | str) -> bool:
    """Save one setting (see `simpan_banyak`); True when its value changed."""
    return bool(simpan_banyak(con, {kunci: nilai}, oleh=oleh))


def simpan_banyak(con: duckdb.DuckDBPyConnection, nilai: dict, *,
                  oleh: Akun | str) -> list[str]:
    """Save several settings all-or-nothing: every value is checked first, then all are written
    in one transaction, each change audited (aksi `pengaturan`, lama → baru). Admin only.

    A value equal to the one in force is not written. Returns the keys that changed. Refuses
    (InputRefused) an unknown key or any invalid value, naming every problem; nothing is saved.
    """
    pelaku = wajib(con, oleh, "pengaturan", objek=", ".join(nilai) or None)
    tidak_dikenal = [k for k in nilai if k not in _BY_KEY]
    if tidak_dikenal:
        raise InputRefused(f"Pengaturan tidak dikenal: {', '.join(tidak_dikenal)}.")
    problems = [p for k, v in nilai.items() for p in periksa(k, v)]
    if problems:
        raise InputRefused(" ".join(problems) + " Tidak ada pengaturan yang disimpan.")
    waktu = datetime.now().replace(microsecond=0)
    with db.transaksi(con) as cur:
        lama = semua(cur)
        berubah = [k for k, v in nilai.items() if _json(v) != _json(lama[k])]
        periksa_pengaturan(cur, berubah)  # a ratified year's book is computed with them
        for k in berubah:
            cur.execute("INSERT OR REPLACE INTO pengaturan VALUES (?, ?, ?, ?)",
                        [k, _json(nilai[k]), pelaku.nama_pengguna, waktu])
            audit.catat(cur, pelaku, "pengaturan", k,
                             rincian={"lama": lama[k], "baru": nilai[k]})
    return berubah


def _json(nilai) -> str:
    return json.dumps(nilai, ensure_ascii=False)


def _skala_dari_json(nilai) -> list[tuple[float, str]]:
    return [(float("-inf") if t is None else float(t), str(label)) for t, label in nilai]


def skala_predikat(cur: duckdb.DuckDBPyConnection) -> list[tuple[float, str]]:
    """The predikat scale in force (a preset or the custom one)."""
    nama = baca(cur, "skala_predikat")
    if nama == "kustom":
        return _skala_dari_json(baca(cur, "skala_predikat_kustom"))
    return SKALA_PREDIKAT[nama]


def batas_unggah(cur: duckdb.DuckDBPyConnection) -> int:
    """The upload size limit in force, in bytes (setting batas_unggah_mb)."""
    return int(float(baca(cur, "batas_unggah_mb")) * 2**20)


def per_kelompok() -> dict[str, list[Setelan]]:
    """SETELAN grouped by `kelompok`, in declaration order (the Pengaturan page's sections)."""
    out: dict[str, list[Setelan]] = {}
    for s in SETELAN:
        out.setdefault(s.kelompok, []).append(s)
    return out


KOLOM_SKALA = ("Batas bawah (%)", "Predikat")


def skala_ke_tabel(nilai) -> pd.DataFrame:
    """A custom scale [[ambang, predikat], …] as an editable table (empty ambang: the rest)."""
    rows = [(None if t is None else float(t), str(label)) for t, label in nilai]
    return pd.DataFrame(rows, columns=list(KOLOM_SKALA)).astype(
        {KOLOM_SKALA[0]: "float64", KOLOM_SKALA[1]: "str"})


def skala_dari_tabel(df: pd.DataFrame) -> list[list]:
    """The edited table back as a setting value; blank rows dropped, an empty ambang (the
    last row, "selain itu") kept as null. `simpan` checks the result."""
    out: list[list] = []
    for t, label in zip(df[KOLOM_SKALA[0]], df[KOLOM_SKALA[1]]):
        kosong_t = t is None or (isinstance(t, float) and t != t)
        teks = "" if label is None or (isinstance(label, float) and label != label) else \
            str(label).strip()
        if kosong_t and not teks:
            continue
        out.append([None if kosong_t else (int(t) if float(t).is_integer() else float(t)), teks])
    return out
