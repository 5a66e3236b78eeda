"""Roles and what each may do: ONE declarative table (IZIN), and the checks built on it.

domain.md "People and roles": `admin` everything; `operator` its own unit's template, uploads,
submissions, findings and correction workbook, and reads its unit's analysis; `bendahara` LPJ
upload, reads reconciliation and budget; `pimpinan` reads everything and downloads every report,
no uploads or settings. Roles are enforced here, in the core, not by hiding buttons.

Each action gives every role that may do it a scope: SEMUA (any unit, or nothing unit-specific)
or UNIT_SENDIRI (only with `kode_unit` equal to the account's own unit). A unit-scoped role
asking without a unit (e.g. "all units") is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .galat import TidakDiizinkan

if TYPE_CHECKING:
    from .model import Akun

PERAN: tuple[str, ...] = ("admin", "operator", "bendahara", "pimpinan")
LABEL_PERAN = {"admin": "Admin (Subbag Perencanaan)", "operator": "Operator unit",
               "bendahara": "Bendahara", "pimpinan": "Pimpinan"}

SEMUA = "semua"
UNIT_SENDIRI = "unit_sendiri"


@dataclass(frozen=True)
class Izin:
    uraian: str  # completes "Akun … tidak boleh …", e.g. "mengunggah data"
    peran: dict[str, str]  # role -> SEMUA | UNIT_SENDIRI; a role not named may not


_A = {"admin": SEMUA}
_BACA_SEMUA = {"admin": SEMUA, "pimpinan": SEMUA}

IZIN: dict[str, Izin] = {
    # SOP steps 1 and 5: uploads and the template
    "unggah_master": Izin("mengunggah master", _A),
    "unggah_realisasi": Izin("mengunggah data", {"admin": SEMUA, "operator": UNIT_SENDIRI}),
    "unggah_lpj": Izin("mengunggah LPJ", {"admin": SEMUA, "bendahara": SEMUA}),
    "unduh_template": Izin("mengunduh template", {"admin": SEMUA, "operator": UNIT_SENDIRI}),
    "rollback": Izin("mengaktifkan kembali kiriman lama", _A),
    "baca_kiriman": Izin("melihat kiriman", {"admin": SEMUA, "pimpinan": SEMUA,
                                              "bendahara": SEMUA, "operator": UNIT_SENDIRI}),
    # SOP steps 3-5: reconciliation and the correction loop
    "baca_rekonsiliasi": Izin("melihat temuan rekonsiliasi", {
        "admin": SEMUA, "pimpinan": SEMUA, "bendahara": SEMUA, "operator": UNIT_SENDIRI}),
    "tinjau_temuan": Izin("meninjau temuan", _A),
    "catatan_temuan": Izin("memberi catatan temuan", {"admin": SEMUA, "operator": UNIT_SENDIRI}),
    "koreksi_unduh": Izin("mengunduh buku koreksi", {"admin": SEMUA, "operator": UNIT_SENDIRI}),
    # SOP step 6: analysis (an operator reads its own unit's, kinerja and anggaran alike)
    "baca_kinerja": Izin("melihat analisis kinerja", {
        "admin": SEMUA, "pimpinan": SEMUA, "operator": UNIT_SENDIRI}),
    "baca_anggaran": Izin("melihat realisasi anggaran", {
        "admin": SEMUA, "pimpinan": SEMUA, "bendahara": SEMUA, "operator": UNIT_SENDIRI}),
    # Every unit at once: recap, leadership summary, schedule, annexes, briefing deck
    "baca_semua": Izin("melihat data semua unit", _BACA_SEMUA),
    "ekspor": Izin("mengekspor lampiran dan paparan", _BACA_SEMUA),
    "tahapan": Izin("mengubah jadwal tahapan SOP", _A),
    "pengaturan": Izin("mengubah pengaturan", _A),
    "cadangan": Izin("membuat dan memulihkan cadangan basis data", _A),
    "kelola_akun": Izin("mengelola akun", _A),
    "baca_audit": Izin("membaca log audit", _A),
    # SOP steps 6 and 8-12: the LKIP book, its pengesahan chain (the jabatan of the Sekretaris
    # and the Kepala is checked by lkip_core.naskah.pengesahan) and the year lock
    "naskah_tulis": Izin("menyunting naskah LKIP", _A),
    "pengesahan_verifikasi": Izin("memverifikasi naskah LKIP", _A),
    "pengesahan_setujui": Izin("menyetujui naskah LKIP", {"pimpinan": SEMUA}),
    "pengesahan_sahkan": Izin("mengesahkan naskah LKIP", {"pimpinan": SEMUA}),
    "pengesahan_buka": Izin("membuka kembali tahun yang sudah disahkan", _A),
}

# Pages by a stable key, in navigation order, each with the actions of which the role needs at
# least one (any scope). An empty tuple: every signed-in account (its own profile/password).
HALAMAN: dict[str, tuple[str, ...]] = {
    "ringkasan": ("baca_semua",),
    "tahapan": ("baca_semua",),
    "unggah": ("unggah_master", "unggah_realisasi", "unggah_lpj"),
    "rekap": ("baca_semua",),
    "rekonsiliasi": ("baca_rekonsiliasi",),
    "analisis": ("baca_kinerja",),
    "anggaran": ("baca_anggaran",),
    "naskah": ("naskah_tulis", "baca_semua"),
    "lampiran": ("ekspor",),
    "pengesahan": ("pengesahan_verifikasi", "pengesahan_setujui", "pengesahan_sahkan",
                   "baca_semua"),
    "pengaturan": ("pengaturan",),
    "cadangan": ("cadangan",),
    "audit": ("baca_audit",),
    "akun": ("kelola_akun",),
    "profil": (),
}


def _peran_dari(akun_atau_peran: Akun | str) -> str:
    return akun_atau_peran if isinstance(akun_atau_peran, str) else akun_atau_peran.peran


def _izin(aksi: str) -> Izin:
    try:
        return IZIN[aksi]
    except KeyError:
        raise KeyError(f"aksi tidak dikenal: {aksi}") from None


def cakupan(akun: Akun | str, aksi: str) -> str | None:
    """SEMUA, UNIT_SENDIRI, or None when the role may not do `aksi` at all.

    Pages use it to decide what to offer (an operator gets its own unit preselected)."""
    return _izin(aksi).peran.get(_peran_dari(akun))


def _sebutan(akun: Akun) -> str:
    if akun.peran == "operator":
        return f"Akun operator {akun.kode_unit}"
    return f"Akun {akun.peran} {akun.nama_pengguna}"


def alasan_tolak(akun: Akun, aksi: str, kode_unit: str | None = None) -> str | None:
    """The Indonesian reason `akun` may not do `aksi` (for `kode_unit`), or None when it may."""
    izin = _izin(aksi)
    if not akun.aktif:
        return f"Akun {akun.nama_pengguna} tidak aktif; hubungi admin."
    ruang = izin.peran.get(akun.peran)
    if ruang is None:
        return f"{_sebutan(akun)} tidak boleh {izin.uraian}" + (
            f" unit {kode_unit}." if kode_unit else ".")
    if ruang == UNIT_SENDIRI:
        if kode_unit is None:
            return (f"{_sebutan(akun)} hanya boleh {izin.uraian} unit {akun.kode_unit}; "
                    "pilih unit itu.")
        if kode_unit != akun.kode_unit:
            return f"{_sebutan(akun)} tidak boleh {izin.uraian} unit {kode_unit}."
    return None


def boleh(akun: Akun, aksi: str, kode_unit: str | None = None) -> bool:
    """Whether `akun` may do `aksi` (for the unit `kode_unit`, None: not unit-specific/all)."""
    return alasan_tolak(akun, aksi, kode_unit) is None


def periksa_izin(akun: Akun, aksi: str, *, kode_unit: str | None = None) -> None:
    """Raise TidakDiizinkan with a specific message when `akun` may not do `aksi`.

    This does not write the audit log; `audit.wajib_izin` checks, logs a refusal, then raises.
    """
    alasan = alasan_tolak(akun, aksi, kode_unit)
    if alasan:
        raise TidakDiizinkan(alasan)


def halaman_untuk(akun: Akun | str) -> list[str]:
    """Keys of the pages the role may open, in navigation order (HALAMAN)."""
    peran = _peran_dari(akun)
    if not isinstance(akun, str) and not akun.aktif:
        return []
    return [k for k, aksi in HALAMAN.items()
            if not aksi or any(peran in _izin(a).peran for a in aksi)]


def boleh_buka(akun: Akun | str, halaman: str) -> bool:
    """Whether the role may open the page `halaman` (a page re-checks this on every run)."""
    if halaman not in HALAMAN:
        raise KeyError(f"halaman tidak dikenal: {halaman}")
    return halaman in halaman_untuk(akun)
