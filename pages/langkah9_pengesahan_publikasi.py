"""Pengesahan & Publikasi — SOP steps 9–12: the chain Kasubag → Sekretaris → Kepala on the exact
PDF each signer downloads, the year lock and its reopening, and the publication package kept in
the archive."""

import streamlit as st

from lkip_core import akun as akun_inti
from lkip_core import fmt, naskah
from lkip_core.lampiran import arsip
from lkip_core.naskah import pengesahan, tampil
from pages import _bersama as ui
from pages import _dialog

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

saya = ui.halaman("pengesahan")
ui.judul("Pengesahan & Publikasi", "Langkah 9–12 SOP",
         "verifikasi Kasubag → persetujuan Sekretaris → pengesahan Kepala; publikasi dan arsip")
tahun = ui.tahun()
if tahun is None:
    st.info("Belum ada data. Buka halaman Unggah Data untuk mengunggah master dan realisasi.")
    st.stop()

r = naskah.rantai(ui.cur(), tahun)
tahap = ["draf", "diverifikasi", "disetujui", "disahkan"]
kolom = st.columns(4, vertical_alignment="bottom")  # a label on two lines keeps the row even
for k, s in zip(kolom, tahap):
    sudah = tahap.index(r.status) >= tahap.index(s)
    k.metric(naskah.LABEL_STATUS[s], "●" if s == r.status else ("✓" if sudah else "—"))
st.markdown(f"Status naskah LKIP {tahun}: **{fmt.aman_md(naskah.LABEL_STATUS[r.status])}**")
if r.langkah:
    ui.tabel(tampil.rantai_tampil(r), key="ps_rantai")

# --- The PDF under signature: exactly the bytes in the chain ---------------------------------
berlaku = naskah.pdf_berlaku(ui.cur(), tahun)
if berlaku is not None:
    nama, isi = berlaku
    st.caption(f"SHA-256 naskah yang disahkan: `{r.pdf[1]}`")
    st.download_button("Unduh PDF yang sedang disahkan" if r.status != "disahkan"
                       else "Unduh PDF yang sudah disahkan", isi, file_name=nama,
                       mime="application/pdf", key="ps_unduh_pdf", on_click="ignore",
                       type="primary", icon=":material/picture_as_pdf:")


# Steps that undo a finished chain, asked about in a dialog: title, question, confirm button.
TANYA = {"buka": (
    "Buka kunci tahun ini?",
    lambda c: (f"Naskah LKIP {tahun} yang sudah disahkan kembali menjadi **draf**: data tahun "
               f"itu bisa diubah lagi dan verifikasi, persetujuan dan pengesahan harus diulang. "
               f"Alasan: *{fmt.aman_md(c)}*"),
    "Ya, buka kunci")}


def _langkah(aksi: str, label: str, wajib_catatan: bool = False, tipe: str = "secondary"):
    """A step the signed-in account may take: a note and a button."""
    catatan = st.text_input(f"Catatan ({'wajib' if wajib_catatan else 'boleh kosong'})",
                            key=f"ps_catatan_{aksi}")
    if aksi in TANYA:  # undoes a finished chain: asked first, done after "Ya"
        if st.button(label + " …", key=f"ps_{aksi}", type=tipe):
            if wajib_catatan and not catatan.strip():
                st.error("Isi alasannya di kolom catatan di atas; alasan dicatat di log audit.")
            else:
                _dialog.tanya(f"ps_{aksi}", catatan)
        judul, teks, ya = TANYA[aksi]
        catatan = _dialog.dijawab(f"ps_{aksi}", judul, teks, ya=ya)
        if catatan is None:
            return
    elif not st.button(label, key=f"ps_{aksi}", type=tipe):
        return
    s = naskah.jalankan(ui.con(), tahun, aksi, oleh=saya, catatan=catatan,
                        sha256=r.pdf[1] if r.pdf else None)
    st.session_state["ps_pesan"] = (f"Naskah LKIP {tahun} {pengesahan.LABEL_AKSI[aksi]}; "
                                    f"status sekarang {s.status}.")
    st.session_state.pop("ps_calon", None)
    st.rerun()


if pesan := st.session_state.pop("ps_pesan", None):
    st.success(pesan)

st.subheader("Langkah Anda")
boleh = {a: pengesahan.alasan_tidak_boleh(saya, a, r.status) is None for a in naskah.AKSI}
if r.status == "draf" and boleh["verifikasi"]:
    st.caption("Buat naskah dari data terkini, periksa PDF-nya, lalu verifikasi: Sekretaris dan "
               "Kepala akan menyetujui tepat PDF ini.")
    if st.button("Buat naskah untuk diperiksa", key="ps_buat", icon=":material/build:"):
        with st.spinner("Menyusun naskah dan PDF …"):
            buku = naskah.buat_docx(ui.con(), tahun)
            st.session_state["ps_calon"] = (buku.docx, naskah.ke_pdf_buku(buku.docx))
    calon = st.session_state.get("ps_calon")
    if calon:
        docx, pdf = calon
        c1, c2 = st.columns(2)
        c1.download_button("Unduh PDF untuk diperiksa", pdf, file_name=f"naskah_lkip_{tahun}.pdf",
                           mime="application/pdf", key="ps_calon_pdf", on_click="ignore")
        c2.download_button("Unduh Word", docx, file_name=f"naskah_lkip_{tahun}.docx", mime=DOCX,
                           key="ps_calon_docx", on_click="ignore")
        catatan = st.text_input("Catatan verifikasi (boleh kosong)", key="ps_catatan_verifikasi")
        if st.button("Verifikasi naskah ini", key="ps_verifikasi", type="primary"):
            naskah.jalankan(ui.con(), tahun, "verifikasi", oleh=saya, catatan=catatan,
                            docx=docx, pdf=pdf)
            st.session_state.pop("ps_calon", None)
            st.session_state["ps_pesan"] = f"Naskah LKIP {tahun} diverifikasi."
            st.rerun()
elif r.status == "diverifikasi" and boleh["setujui"]:
    _langkah("setujui", "Setujui naskah ini", tipe="primary")
elif r.status == "disetujui" and boleh["sahkan"]:
    _langkah("sahkan", "Sahkan naskah ini", tipe="primary")
if r.status in ("diverifikasi", "disetujui") and boleh["tolak"]:
    with st.expander("Tolak dan kembalikan ke draf"):
        _langkah("tolak", "Tolak naskah", wajib_catatan=True)
if r.status == "disahkan":
    kunci = naskah.terkunci(ui.cur(), tahun)
    st.info(kunci.pesan(), icon=":material/lock:")
    if boleh["buka"]:
        with st.expander("Buka kunci tahun ini"):
            st.caption("Membuka kunci mengembalikan naskah ke draf; pengesahan harus diulang. "
                       "Alasannya dicatat di log audit.")
            _langkah("buka", "Buka kunci", wajib_catatan=True)
if not any(boleh[a] for a in naskah.AKSI):
    st.caption("Tidak ada langkah pengesahan untuk akun Anda pada status ini.")

# --- Publication (steps 10-12) ---------------------------------------------------------------
st.subheader("Paket publikasi dan arsip")
if r.status == "disahkan" and akun_inti.boleh(saya, "ekspor"):
    st.download_button(
        "Buat dan unduh paket publikasi (zip)",
        ui.dengan_db(lambda: naskah.buat_paket(ui.con(), tahun, oleh=saya)[1]),
        file_name=f"publikasi_lkip_{tahun}.zip", mime="application/zip", key="ps_paket",
        type="primary", icon=":material/inventory_2:")
    st.caption("Berisi PDF yang disahkan, Word, surat pengantar, lampiran I–V, tabel Bab III dan "
               "manifest (SHA-256 setiap berkas, kiriman data yang dipakai, rantai pengesahan).")
else:
    st.caption("Paket publikasi tersedia setelah naskah disahkan Kepala.")
daftar = tampil.arsip_naskah(ui.cur(), tahun)
if not daftar.empty:
    ui.tabel(daftar[["id", "waktu", "oleh", "jenis", "nama_berkas", "ukuran", "sha256"]],
             rupiah=["ukuran"], key="ps_arsip", label={
                 "id": "No. arsip", "waktu": "Waktu", "oleh": "Oleh", "jenis": "Jenis",
                 "nama_berkas": "Berkas", "ukuran": "Ukuran (byte)", "sha256": "SHA-256"})
    ids = daftar["id"].tolist()
    nama_arsip = dict(zip(ids, daftar["nama_berkas"]))
    a1, a2 = st.columns([3, 1])
    pilih = a1.selectbox("Berkas terdahulu", ids, key="ps_arsip_pilih",
                         format_func=lambda i: f"#{i} · {nama_arsip[i]}")
    a2.download_button("Unduh ulang", ui.dengan_db(lambda: arsip.isi_ekspor(ui.cur(), pilih)),
                       file_name=nama_arsip[pilih], key="ps_arsip_unduh", width="stretch")
