"""Pengaturan — every setting of `lkip_core.pengaturan.SETELAN`, one widget each, grouped by
kelompok; saved for every user of this database."""

import base64

import streamlit as st

from lkip_core import fmt, pengaturan
from lkip_core.analisis.rumus import METODE_NEGATIF, uraian_rumus
from lkip_core.errors import CellProblem, InputRefused
from lkip_core.masukan.parsing import parse_number
from pages import _bersama as ui

saya = ui.halaman("pengaturan")
ui.judul("Pengaturan", "Semua langkah",
         "rumus capaian, ambang rekonsiliasi dan isian lampiran; berlaku untuk semua pengguna")
NAMA_PILIHAN = {
    "permendagri_86_2017": "Permendagri 86/2017 (Sangat Tinggi … Sangat Rendah)",
    "berhasil": "Berhasil (Sangat Berhasil … Kurang Berhasil)",
    "kustom": "Kustom (tabel skala kustom di bawah)",
    **{m: f"{m}: {uraian_rumus(m, 'singkat')}" for m in METODE_NEGATIF},
}


SETELAN = {s.kunci: s for s in pengaturan.SETELAN}
# What a person reads for each setting, with its unit; the key stays in the code and the log.
NAMA_SETELAN = {
    "skala_predikat": "Skala predikat capaian",
    "skala_predikat_kustom": "Skala predikat kustom",
    "metode_negatif_bawaan": "Rumus bawaan indikator negatif",
    "toleransi_keuangan": "Toleransi selisih keuangan unit dan LPJ (Rp) · R01",
    "ambang_fisik_keuangan": "Ambang beda fisik dan serapan (poin persen) · R05",
    "toleransi_capaian_unit": "Toleransi beda capaian unit dan hitung ulang (poin) · R11",
    "capaian_ekstrem_atas": "Capaian ekstrem atas (%) · R12",
    "capaian_ekstrem_bawah": "Capaian ekstrem bawah (%) · R12",
    "tempat_ttd": "Tempat tanda tangan",
    "tanggal_ttd": "Tanggal tanda tangan",
    "judul_lampiran_i": "Judul Lampiran I",
    "judul_lampiran_ii": "Judul Lampiran II",
    "judul_lampiran_iii": "Judul Lampiran III",
    "judul_lampiran_iv": "Judul Lampiran IV",
    "judul_lampiran_v": "Judul Lampiran V",
    "logo_instansi": "Logo instansi",
    "cadangan_simpan": "Jumlah cadangan disimpan",
    "batas_unggah_mb": "Batas ukuran berkas unggahan (MB)",
    "sesi_menit": "Lama sesi tanpa aktivitas (menit)",
}


def _judul(s: pengaturan.Setelan) -> str:
    return NAMA_SETELAN.get(s.kunci) or s.kunci.replace("_", " ").capitalize()


def _nilai(s: pengaturan.Setelan, v) -> str:
    """A value as a person reads it: 0,01 not 0.01, a choice by its name, a scale in words."""
    if s.jenis == "angka":
        return fmt.angka(v, 0 if float(v).is_integer() else 2)
    if s.jenis == "skala":
        return "; ".join(f"{'selain itu' if t is None else f'≥ {fmt.angka(t, 0)}'} → {lbl}"
                         for t, lbl in v)
    if s.jenis == "gambar":
        return "ada" if v else "tidak ada"
    return NAMA_PILIHAN.get(v, v) if v not in ("", None) else "(kosong)"


def _bantuan(s: pengaturan.Setelan) -> str:
    return f"{s.bantuan}\n\nBawaan: {_nilai(s, s.bawaan)}"


def _widget(s: pengaturan.Setelan, nilai):
    """One input per setting, by its jenis; returns the value as it would be stored."""
    key = f"set_{s.kunci}"
    if s.jenis == "pilihan":
        return st.selectbox(_judul(s), s.pilihan, index=s.pilihan.index(nilai), key=key,
                            help=_bantuan(s), format_func=lambda v: NAMA_PILIHAN.get(v, v))
    if s.jenis == "angka" and not (isinstance(s.bawaan, int) and float(nilai).is_integer()):
        # A decimal is typed and shown the Indonesian way (0,01): a number field would say 0.01.
        teks = st.text_input(_judul(s), value=fmt.angka(nilai, 2), key=key, help=_bantuan(s))
        try:
            v = parse_number(teks)
        except CellProblem as exc:
            v, salah = None, str(exc)
        else:
            salah = "Isi dengan angka, misalnya 0,01." if v is None else None
        if salah:
            st.error(f"{_judul(s)}: {salah} Nilai tersimpan ({_nilai(s, nilai)}) tetap dipakai.")
            return nilai
        return v
    if s.jenis == "angka":
        bulat = isinstance(s.bawaan, int) and float(nilai).is_integer()
        v = st.number_input(_judul(s), value=float(nilai), key=key, help=_bantuan(s),
                            min_value=None if s.minimum is None else float(s.minimum),
                            step=1.0 if bulat else 0.01, format="%.0f" if bulat else "%.2f")
        return int(v) if bulat and float(v).is_integer() else v
    if s.jenis == "skala":
        # Only while the scale in use is the custom one (chosen and saved in this form).
        if st.session_state.get("set_skala_predikat", pengaturan.semua(ui.cur())[
                "skala_predikat"]) != "kustom":
            st.caption(f"{_judul(s)}: dipakai bila Skala predikat capaian = Kustom. Pilih Kustom, "
                       "simpan, lalu isi tabelnya di sini.")
            return nilai
        st.markdown(_judul(s), help=_bantuan(s))
        tabel = st.data_editor(
            pengaturan.skala_ke_tabel(nilai), key=key, num_rows="dynamic", hide_index=True,
            placeholder="selain itu",  # the empty last threshold catches every other value
            column_config={
                pengaturan.KOLOM_SKALA[0]: st.column_config.NumberColumn(
                    help="Capaian minimal (%) untuk predikat ini; kosongkan pada baris "
                         "terakhir (selain itu)"),
                pengaturan.KOLOM_SKALA[1]: st.column_config.TextColumn(required=True)})
        return pengaturan.skala_dari_tabel(tabel)
    if s.jenis == "gambar":  # stored as base64 text; the deck's cover reads it
        st.markdown(_judul(s), help=_bantuan(s))
        if nilai:
            st.image(base64.b64decode(nilai), width=120, caption="Logo tersimpan")
        berkas = st.file_uploader("Unggah logo (PNG atau JPG)", type=["png", "jpg", "jpeg"],
                                  key=key)
        if nilai and st.checkbox("Hapus logo", key=f"{key}_hapus"):
            return ""
        return base64.b64encode(berkas.getvalue()).decode("ascii") if berkas else nilai
    return st.text_input(_judul(s), value=str(nilai), key=key, help=_bantuan(s))


st.caption(f"Perubahan dicatat atas nama **{fmt.aman_md(saya.nama_tampil)}** di log audit, "
           "dengan nilai lama dan barunya.")
nilai = pengaturan.semua(ui.cur())
for kelompok, daftar in pengaturan.per_kelompok().items():
    st.subheader(kelompok)
    slug = kelompok.lower().replace(" ", "_")
    with st.form(f"form_{slug}"):
        baru = {s.kunci: _widget(s, nilai[s.kunci]) for s in daftar}
        kirim = st.form_submit_button(f"Simpan {kelompok.lower()}", key=f"simpan_{slug}")
    if kirim:
        berubah = {k: v for k, v in baru.items() if v != nilai[k]}
        if not berubah:
            st.info("Tidak ada setelan yang berubah.")
        else:
            gagal = []
            for k, v in berubah.items():
                try:
                    pengaturan.simpan(ui.con(), k, v, oleh=saya)
                except InputRefused as exc:
                    gagal.append(k)
                    st.error(f"{_judul(SETELAN[k])} tidak disimpan: {exc}")
            tersimpan = [k for k in berubah if k not in gagal]
            if tersimpan:  # in words, with the old and the new value
                st.success("Tersimpan: " + "; ".join(
                    f"{_judul(s)}: {_nilai(s, nilai[s.kunci])} → {_nilai(s, berubah[s.kunci])}"
                    for s in daftar if s.kunci in tersimpan) + ".")
