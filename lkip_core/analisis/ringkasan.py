"""What the Bab III pages, downloads and slides show, derived from `tabel_capaian` and
`HasilAnggaran`: filters, headline counts, per-unit means, and the tables as shown.

Pages stay thin (no pandas there): they call these and render. Every mean of capaian goes
through `rumus.capaian_sasaran` (indicators without capaian left out and counted).
"""

from __future__ import annotations

import pandas as pd

from ..fmt import ROMAWI
from . import rumus
from .anggaran import HasilAnggaran

TANPA_CAPAIAN = "Tanpa capaian"

RUMUS_NEGATIF = {m: rumus.uraian_rumus(m, "kalimat") for m in rumus.METODE_NEGATIF}


def label_rumus(polaritas: str, metode: str | None) -> str:
    """"positif", or "negatif (selisih)" / "negatif (rasio)": every table showing a negatif
    capaian says which formula made it (domain.md, "Capaian")."""
    if polaritas == "negatif":
        return f"negatif ({metode or 'selisih'})"
    return polaritas


def saring_capaian(df: pd.DataFrame, kode_sasaran: str | None = None,
                   hanya_iku: bool = False) -> pd.DataFrame:
    """Rows of `tabel_capaian` for one sasaran and/or IKU only (None: every sasaran)."""
    mask = pd.Series(True, index=df.index)
    if kode_sasaran:
        mask &= df["kode_sasaran"] == kode_sasaran
    if hanya_iku:
        mask &= df["iku"].astype(bool)
    return df.loc[mask].reset_index(drop=True)


def daftar_sasaran(df: pd.DataFrame) -> dict[str, str]:
    """kode_sasaran → "kode · uraian", in the table's order (for a select box)."""
    out: dict[str, str] = {}
    for kode, uraian in zip(df["kode_sasaran"], df["uraian_sasaran"]):
        if kode not in out:
            out[kode] = f"{kode} · {uraian}" if isinstance(uraian, str) else str(kode)
    return out


def ringkasan_capaian(df: pd.DataFrame, skala: list[tuple[float, str]]) -> dict:
    """Headline figures: indikator, rata_rata (mean capaian), dengan_capaian, tanpa_capaian,
    per_predikat (label → count, every label of the scale in order, zeros included)."""
    rata, tanpa = rumus.capaian_sasaran(df["capaian"].tolist())
    hitung = df["predikat"].value_counts(dropna=True).to_dict()
    return {"indikator": len(df), "rata_rata": rata, "dengan_capaian": len(df) - tanpa,
            "tanpa_capaian": tanpa,
            "per_predikat": {lbl: int(hitung.get(lbl, 0)) for _, lbl in skala}}


def distribusi_predikat(df: pd.DataFrame, skala: list[tuple[float, str]]) -> pd.DataFrame:
    """Columns predikat, jumlah: every label of the scale, then "Tanpa capaian"."""
    r = ringkasan_capaian(df, skala)
    rows = [*r["per_predikat"].items(), (TANPA_CAPAIAN, r["tanpa_capaian"])]
    return pd.DataFrame(rows, columns=["predikat", "jumlah"])


def capaian_per_unit(df: pd.DataFrame, skala: list[tuple[float, str]]) -> pd.DataFrame:
    """Mean capaian per unit (like a sasaran's). Columns: kode_unit, nama_unit, capaian,
    predikat, indikator, tanpa_capaian; ordered by capaian, highest first."""
    rows = []
    for (kode, nama), g in df.groupby(["kode_unit", "nama_unit"], sort=True, dropna=False):
        nilai, kosong = rumus.capaian_sasaran(g["capaian"].tolist())
        rows.append({"kode_unit": kode, "nama_unit": nama, "capaian": nilai,
                     "predikat": rumus.predikat(nilai, skala), "indikator": len(g),
                     "tanpa_capaian": kosong})
    out = pd.DataFrame(rows, columns=["kode_unit", "nama_unit", "capaian", "predikat",
                                      "indikator", "tanpa_capaian"])
    return out.sort_values("capaian", ascending=False, na_position="last").reset_index(drop=True)


LABEL_CAPAIAN = {
    "kode_indikator": "Kode", "uraian_indikator": "Indikator", "nama_unit": "Unit",
    "satuan": "Satuan", "rumus": "Polaritas (rumus)", "target": "Target",
    "realisasi": "Realisasi", "capaian": "Capaian (%)", "predikat": "Predikat",
    "realisasi_t1": "Realisasi tahun lalu", "capaian_t1": "Capaian tahun lalu (%)",
    "capaian_renstra": "Capaian Renstra (%)", "keterangan": "Keterangan",
    "permasalahan": "Permasalahan", "upaya": "Upaya",
}


def tabel_tampil(df: pd.DataFrame) -> pd.DataFrame:
    """The capaian table as shown (columns of LABEL_CAPAIAN, values unformatted): rumus names
    the negatif formula, keterangan says why a capaian is "—" and when a "s.d. TW" figure is
    meant."""
    out = pd.DataFrame({
        "kode_indikator": df["kode_indikator"], "uraian_indikator": df["uraian_indikator"],
        "nama_unit": df["nama_unit"], "satuan": df["satuan"],
        "rumus": [label_rumus(p, m) for p, m in zip(df["polaritas"], df["metode_negatif"])],
        "target": df["target"], "realisasi": df["realisasi"], "capaian": df["capaian"],
        "predikat": df["predikat"], "realisasi_t1": df["realisasi_t1"],
        "capaian_t1": df["capaian_t1"], "capaian_renstra": df["capaian_renstra"],
        "keterangan": [_keterangan(a, n) for a, n in zip(df["alasan"], df["sampai_tw"])],
        "permasalahan": df["permasalahan"], "upaya": df["upaya"],
    }, columns=list(LABEL_CAPAIAN))
    return out


def _keterangan(alasan: object, sampai_tw: int) -> str | None:
    if isinstance(alasan, str):
        return alasan
    if sampai_tw < 4:
        return f"Realisasi s.d. TW {ROMAWI[int(sampai_tw) - 1]}"
    return None


def lembar_capaian(df: pd.DataFrame) -> pd.DataFrame:
    """The capaian table for a spreadsheet: Indonesian headings, unrounded numbers."""
    return tabel_tampil(df).rename(columns=LABEL_CAPAIAN)


LABEL_EFISIENSI = {
    "kode_indikator": "Kode", "uraian_indikator": "Indikator", "kode_program": "Anggaran terkait",
    "capaian": "Capaian (%)", "pagu": "Pagu (Rp)", "realisasi": "Realisasi (Rp)",
    "serapan": "Serapan (%)", "ie": "IE", "te": "TE", "keterangan": "Keterangan",
}


def tabel_efisiensi(df: pd.DataFrame) -> pd.DataFrame:
    """Indikator | Capaian (%) | Pagu | Realisasi | Serapan (%) | IE | TE | Keterangan, for the
    indicators linked to a program or kegiatan code (columns of LABEL_EFISIENSI)."""
    d = df.loc[df["kode_program"].notna()]
    ket = []
    for r in d[["efisiensi", "serapan_program", "pagu_program", "alasan"]].to_dict("records"):
        if isinstance(r["efisiensi"], str):
            ket.append(r["efisiensi"])
        elif pd.isna(r["serapan_program"]):
            ket.append("Kode anggaran tidak ditemukan di DPA tahun ini"
                       if pd.isna(r["pagu_program"]) else "Serapan 0: IE tidak dapat dihitung")
        else:
            ket.append(f"Capaian belum ada ({r['alasan']})" if isinstance(r["alasan"], str)
                       else "IE tidak dapat dihitung")
    return pd.DataFrame({
        "kode_indikator": d["kode_indikator"], "uraian_indikator": d["uraian_indikator"],
        "kode_program": d["kode_program"], "capaian": d["capaian"], "pagu": d["pagu_program"],
        "realisasi": d["realisasi_program"], "serapan": d["serapan_program"], "ie": d["ie"],
        "te": d["te"], "keterangan": ket}, columns=list(LABEL_EFISIENSI)).reset_index(drop=True)


LABEL_TW = {"tw": "Triwulan", "rak_kumulatif": "Rencana RAK kumulatif (Rp)",
            "realisasi_kumulatif": "Realisasi kumulatif (Rp)", "rencana": "Rencana (% pagu)",
            "serapan": "Serapan (% pagu)", "deviasi": "Deviasi (Rp)",
            "deviasi_poin": "Deviasi (poin)", "deviasi_persen": "Realisasi / rencana (%)"}


def tabel_deviasi(hasil: HasilAnggaran) -> pd.DataFrame:
    """Serapan against RAK per TW as shown (columns of LABEL_TW; tw as "TW I" …)."""
    d = hasil.per_tw()
    d = d.assign(tw=[f"TW {ROMAWI[int(t) - 1]}" for t in d["tw"]])
    return d[list(LABEL_TW)]


LABEL_ANGGARAN = {"kode": "Kode", "nama": "Uraian", "nama_unit": "Unit", "pagu": "Pagu (Rp)",
                  "realisasi": "Realisasi (Rp)", "serapan": "Serapan (%)", "sisa": "Sisa (Rp)",
                  "fisik": "Fisik (%)"}


def tabel_anggaran(df: pd.DataFrame) -> pd.DataFrame:
    """A level frame of HasilAnggaran as shown (columns of LABEL_ANGGARAN present in it)."""
    return df[[c for c in LABEL_ANGGARAN if c in df.columns]].reset_index(drop=True)


LABEL_UNIT = {"kode_unit": "Kode", "nama_unit": "Unit", "pagu": "Pagu (Rp)",
              "realisasi": "Realisasi (Rp)", "serapan": "Serapan (%)", "sisa": "Sisa (Rp)",
              "fisik": "Fisik (%)", "sub_kegiatan": "Sub kegiatan",
              "dilaporkan": "Sudah dilaporkan"}


def baris_indikator(df: pd.DataFrame, kode_indikator: str) -> dict | None:
    """One indicator's row of `tabel_capaian` as a dict (None when it is not there)."""
    hit = df.loc[df["kode_indikator"] == kode_indikator]
    return None if hit.empty else hit.iloc[0].to_dict()


def daftar_indikator(df: pd.DataFrame) -> dict[str, str]:
    """kode_indikator → "kode · uraian" (for a select box)."""
    return {k: f"{k} · {u}" for k, u in zip(df["kode_indikator"], df["uraian_indikator"])}


LABEL_SASARAN = {"kode_sasaran": "Kode", "uraian_sasaran": "Sasaran", "capaian": "Capaian (%)",
                 "predikat": "Predikat", "indikator": "Indikator",
                 "tanpa_capaian": "Tanpa capaian"}


def pilihan_kode(df: pd.DataFrame) -> dict[str, str]:
    """kode → nama of a level frame of HasilAnggaran (for a select box)."""
    return {k: (n if isinstance(n, str) else "") for k, n in zip(df["kode"], df["nama"])}


def lembar_anggaran(hasil: HasilAnggaran, efisiensi: pd.DataFrame | None = None
                    ) -> dict[str, pd.DataFrame]:
    """The budget tables for a spreadsheet, one sheet each, Indonesian headings."""
    lembar = {
        "Program": tabel_anggaran(hasil.program).rename(columns=LABEL_ANGGARAN),
        "Kegiatan": tabel_anggaran(hasil.kegiatan).rename(columns=LABEL_ANGGARAN),
        "Sub kegiatan": tabel_anggaran(hasil.sub_kegiatan).rename(columns=LABEL_ANGGARAN),
        "Per triwulan": tabel_deviasi(hasil).rename(columns=LABEL_TW),
        "Per unit": hasil.per_unit().rename(columns=LABEL_UNIT),
    }
    if efisiensi is not None:
        lembar["Efisiensi"] = efisiensi.rename(columns=LABEL_EFISIENSI)
    return lembar


def potong(df: pd.DataFrame, maks: int = 500) -> tuple[pd.DataFrame, str | None]:
    """At most `maks` rows for an on-screen table (formatting thousands of rows costs
    seconds); the note says how many are left for the download, None when none are."""
    if len(df) <= maks:
        return df, None
    return df.head(maks), (f"Menampilkan {maks} dari {len(df)} baris; tabel lengkap ada pada "
                           "unduhan di bagian bawah halaman.")
