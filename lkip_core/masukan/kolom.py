"""The layouts of the input files, as data: every sheet and column of shared/spec/inputs.md.

One declarative table serves the readers, the validation, the templates, the demo generator
and the README. A column's `jenis` names the parser applied to each of its cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lkip_core.fmt import ROMAWI


@dataclass(frozen=True)
class Kolom:
    nama: str  # canonical name, as stored in the database
    jenis: str  # code | text | number | money | percent | year | date | flag | enum:<field>
    wajib: bool = False
    sinonim: tuple[str, ...] = ()
    judul: str = ""  # header written in templates and demo files

    @property
    def header(self) -> str:
        return self.judul or self.nama.replace("_", " ").title()


@dataclass(frozen=True)
class Lembar:
    """One table: a sheet of a workbook, or the whole of a CSV file."""

    nama: str
    sinonim: tuple[str, ...]
    kolom: tuple[Kolom, ...]
    kunci: tuple[str, ...] = ()  # columns whose values must be unique within the sheet
    keterangan: str = ""

    @property
    def wajib(self) -> tuple[Kolom, ...]:
        return tuple(k for k in self.kolom if k.wajib)

    def get(self, nama: str) -> Kolom:
        return next(k for k in self.kolom if k.nama == nama)


def _tw(prefix: str, jenis: str, sinonim: tuple[str, ...], judul: str) -> tuple[Kolom, ...]:
    """Four quarter columns; synonyms are written with `{n}` for the quarter (normalised tw1…)."""
    return tuple(
        Kolom(
            f"{prefix}_tw{n}",
            jenis,
            sinonim=tuple(s.format(n=n) for s in sinonim),
            judul=f"{judul} TW {ROMAWI[n - 1]}",
        )
        for n in range(1, 5)
    )


# --- 1. Master workbook ------------------------------------------------------------------------

UNIT = Lembar(
    "unit",
    ("unit kerja", "bidang"),
    (
        Kolom("kode_unit", "code", True, ("kode",), "Kode Unit"),
        Kolom("nama_unit", "text", True, ("nama", "unit kerja"), "Nama Unit"),
        Kolom("jenis_unit", "enum:jenis_unit", sinonim=("jenis",), judul="Jenis Unit"),
        Kolom("kode_induk", "code", sinonim=("induk",), judul="Kode Induk"),
        Kolom("nama_pejabat", "text", sinonim=("pejabat", "kepala"), judul="Nama Pejabat"),
        Kolom("nip_pejabat", "code", sinonim=("nip",), judul="NIP Pejabat"),
    ),
    kunci=("kode_unit",),
)

SASARAN = Lembar(
    "sasaran",
    ("sasaran strategis",),
    (
        Kolom("kode_sasaran", "code", True, ("kode",), "Kode Sasaran"),
        Kolom("uraian_sasaran", "text", True, ("sasaran", "uraian"), "Uraian Sasaran"),
        Kolom("tingkat", "enum:tingkat", judul="Tingkat"),
        Kolom("kode_induk", "code", sinonim=("induk",), judul="Kode Induk"),
    ),
    kunci=("kode_sasaran",),
)

INDIKATOR = Lembar(
    "indikator",
    ("indikator kinerja",),
    (
        Kolom("kode_indikator", "code", True, ("kode",), "Kode Indikator"),
        Kolom("kode_sasaran", "code", True, ("sasaran",), "Kode Sasaran"),
        Kolom(
            "uraian_indikator", "text", True, ("indikator", "indikator kinerja", "uraian"),
            "Uraian Indikator",
        ),
        Kolom("satuan", "text", True, judul="Satuan"),
        Kolom("polaritas", "enum:polaritas", True, ("polarisasi", "sifat"), "Polaritas"),
        Kolom("metode_negatif", "enum:metode_negatif", judul="Metode Negatif"),
        Kolom("agregasi", "enum:agregasi", judul="Agregasi"),
        Kolom("iku", "flag", judul="IKU"),
        Kolom("definisi", "text", sinonim=("formula", "cara pengukuran"), judul="Definisi"),
        Kolom("sumber_data", "text", judul="Sumber Data"),
        Kolom("kode_unit", "code", True, ("penanggung jawab", "unit pj"), "Kode Unit"),
        Kolom("kode_program", "code", sinonim=("program", "kode anggaran"), judul="Kode Program"),
        Kolom("kondisi_awal", "number", judul="Kondisi Awal"),
        Kolom("target_akhir_renstra", "number", judul="Target Akhir Renstra"),
        Kolom("tahun_akhir_renstra", "year", judul="Tahun Akhir Renstra"),
    ),
    kunci=("kode_indikator",),
)

TARGET = Lembar(
    "target",
    ("target kinerja",),
    (
        Kolom("kode_indikator", "code", True, ("kode",), "Kode Indikator"),
        Kolom("tahun", "year", True, judul="Tahun"),
        Kolom("target_pk", "number", True, ("target", "target pk"), "Target PK"),
        Kolom("target_renstra", "number", judul="Target Renstra"),
        *_tw("target", "number", ("target tw{n}",), "Target"),
    ),
    kunci=("kode_indikator", "tahun"),
)

ANGGARAN_MASTER = Lembar(
    "anggaran",
    ("dpa", "pagu"),
    (
        Kolom("tahun", "year", True, judul="Tahun"),
        Kolom(
            "kode_sub_kegiatan", "code", True, ("kode", "kode rekening"), "Kode Sub Kegiatan"
        ),
        Kolom(
            "nama_sub_kegiatan", "text", True, ("sub kegiatan", "uraian"), "Nama Sub Kegiatan"
        ),
        Kolom("kode_unit", "code", True, judul="Kode Unit"),
        Kolom("pagu", "money", True, ("anggaran", "pagu anggaran", "dpa"), "Pagu"),
        Kolom("nama_program", "text", sinonim=("program",), judul="Nama Program"),
        Kolom("nama_kegiatan", "text", sinonim=("kegiatan",), judul="Nama Kegiatan"),
        *_tw("rak", "money", ("rak tw{n}", "anggaran kas tw{n}"), "RAK"),
    ),
    kunci=("tahun", "kode_sub_kegiatan"),
)

REALISASI_LALU = Lembar(
    "realisasi_lalu",
    ("capaian tahun lalu", "realisasi tahun lalu"),
    (
        Kolom("kode_indikator", "code", True, ("kode",), "Kode Indikator"),
        Kolom("tahun", "year", True, judul="Tahun"),
        Kolom("realisasi", "number", True, judul="Realisasi"),
    ),
    kunci=("kode_indikator", "tahun"),
)

MASTER = (UNIT, SASARAN, INDIKATOR, TARGET, ANGGARAN_MASTER, REALISASI_LALU)
MASTER_WAJIB = ("unit", "sasaran", "indikator", "target", "anggaran")

# --- 2. Unit realisation workbook ---------------------------------------------------------------

KINERJA = Lembar(
    "kinerja",
    ("realisasi kinerja", "capaian kinerja", "pengukuran kinerja"),
    (
        Kolom("kode_indikator", "code", True, ("kode",), "Kode Indikator"),
        Kolom("uraian_indikator", "text", sinonim=("indikator", "indikator kinerja", "uraian"),
              judul="Indikator Kinerja"),
        Kolom("satuan", "text", judul="Satuan"),
        Kolom("target", "number", sinonim=("target pk",), judul="Target"),
        *_tw("realisasi", "number", ("realisasi tw{n}",), "Realisasi"),
        Kolom("capaian", "number", sinonim=("capaian persen",), judul="Capaian (%)"),
        Kolom("permasalahan", "text", sinonim=("kendala", "hambatan"), judul="Permasalahan"),
        Kolom("upaya", "text", sinonim=("solusi", "tindak lanjut"), judul="Upaya"),
        Kolom("bukti", "text", sinonim=("evidence", "link bukti"), judul="Bukti"),
    ),
    kunci=("kode_indikator",),
)

ANGGARAN_REALISASI = Lembar(
    "anggaran",
    ("realisasi anggaran", "realisasi keuangan", "rfk"),
    (
        Kolom("kode_sub_kegiatan", "code", True, ("kode", "kode rekening"), "Kode Sub Kegiatan"),
        Kolom("nama_sub_kegiatan", "text", sinonim=("sub kegiatan", "uraian"),
              judul="Nama Sub Kegiatan"),
        Kolom("pagu", "money", sinonim=("anggaran", "pagu anggaran"), judul="Pagu"),
        *_tw("keuangan", "money", ("realisasi keuangan tw{n}", "keuangan tw{n}"), "Keuangan"),
        *_tw("fisik", "percent", ("realisasi fisik tw{n}", "fisik tw{n}"), "Fisik"),
        Kolom("keterangan", "text", sinonim=("ket",), judul="Keterangan"),
    ),
    kunci=("kode_sub_kegiatan",),
)

REALISASI = (KINERJA, ANGGARAN_REALISASI)

# --- 3. Finance transactions --------------------------------------------------------------------

LPJ = Lembar(
    "lpj",
    ("bku", "transaksi", "sp2d"),
    (
        Kolom("tanggal", "date", True, ("tgl", "tanggal sp2d", "tanggal bukti", "tgl sp2d", "tgl bukti",
                                        "tanggal transaksi"), "Tanggal"),
        Kolom("nomor_bukti", "code", True, ("no bukti", "nomor sp2d", "no sp2d", "no bku"),
              "Nomor Bukti"),
        Kolom("kode_sub_kegiatan", "code", True, ("kode kegiatan", "kode"), "Kode Sub Kegiatan"),
        Kolom("kode_rekening", "code", sinonim=("rekening", "kode akun"), judul="Kode Rekening"),
        Kolom("uraian", "text", judul="Uraian"),
        Kolom("jumlah", "money", True, ("nilai", "nominal", "belanja"), "Jumlah"),
        Kolom("jenis", "enum:jenis_lpj", sinonim=("jenis sp2d",), judul="Jenis"),
    ),
)

# The hidden sheet of a generated template, so an upload is matched to its unit and year.
META_SHEET = "_lkip"

ALL_SHEETS: dict[str, tuple[Lembar, ...]] = {
    "master": MASTER,
    "realisasi": REALISASI,
    "lpj": (LPJ,),
}


@dataclass
class KolomPeta:
    """How the columns of one sheet were matched (for the import report)."""

    kolom: dict[str, int] = field(default_factory=dict)  # canonical name -> column index
    tak_dikenal: list[str] = field(default_factory=list)  # headers that matched nothing
