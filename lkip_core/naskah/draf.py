"""The automatic draft of every section: prose a planner would write, with every figure as a
field (`medan.py`) so that it stays right when the data change.

Paragraphs are separated by a line break; a `daftar` section has one item per line. Texts
that rarely change (Bab I) are generic drafts for the first year; the following years copy
the previous year's edited text instead (`teks.salin_tahun_lalu`).
"""

from __future__ import annotations

from collections.abc import Callable

from .. import fmt
from ..analisis import narasi_sasaran as ns
from ..analisis.narasi import ada, ada_isi, kalimat_unit, narasi_indikator
from ..lampiran.data import RUMUS
from .bagian import pisah_kunci
from .bahan import Bahan

BATAS_DAFTAR = 10  # indicators named in a list sentence before "dan n lainnya"


def _nama_daftar(rows: list[dict], kunci_medan: str = "capaian") -> str:
    bagian = [f"{r['uraian_indikator']} ([[{r['kode_indikator']}.{kunci_medan}]])"
              for r in rows[:BATAS_DAFTAR]]
    if len(rows) > BATAS_DAFTAR:
        bagian.append(f"{fmt.angka(len(rows) - BATAS_DAFTAR, 0)} indikator lainnya")
    return ns.gabung(bagian)


def kata_pengantar(b: Bahan) -> str:
    return "\n".join([
        "Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa, karena atas rahmat dan "
        "karunia-Nya Laporan Kinerja Instansi Pemerintah (LKIP) [[instansi]] Tahun [[tahun]] "
        "dapat diselesaikan.",
        "LKIP ini disusun sebagai wujud pertanggungjawaban atas pelaksanaan tugas pokok dan "
        "fungsi serta pencapaian sasaran strategis yang ditetapkan dalam Perjanjian Kinerja "
        "Tahun [[tahun]], sesuai dengan Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem "
        "Akuntabilitas Kinerja Instansi Pemerintah dan Peraturan Menteri Pendayagunaan Aparatur "
        "Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014.",
        "Secara umum, rata-rata capaian [[jumlah_indikator]] indikator kinerja tahun [[tahun]] "
        "sebesar [[capaian_rata]] dengan kategori [[predikat_rata]], dengan realisasi anggaran "
        "[[realisasi_anggaran]] atau [[serapan]] dari pagu. Capaian yang belum memenuhi target "
        "menjadi bahan perbaikan perencanaan dan pelaksanaan program pada tahun berikutnya.",
        "Kami menyadari bahwa laporan ini masih memiliki kekurangan. Saran dan masukan dari "
        "semua pihak kami harapkan untuk penyempurnaan laporan di masa mendatang. Semoga LKIP "
        "ini bermanfaat sebagai bahan evaluasi dan peningkatan kinerja [[instansi]].",
    ])


def ikhtisar(b: Bahan) -> str:
    teks = [
        "Laporan Kinerja Instansi Pemerintah (LKIP) [[instansi]] Tahun [[tahun]] menyajikan "
        "capaian kinerja atas [[jumlah_sasaran]] sasaran strategis yang diukur dengan "
        "[[jumlah_indikator]] indikator kinerja, [[jumlah_iku]] di antaranya Indikator Kinerja "
        "Utama (IKU), sebagaimana ditetapkan dalam Perjanjian Kinerja Tahun [[tahun]].",
        "Rata-rata capaian seluruh indikator sebesar [[capaian_rata]] dengan kategori "
        "[[predikat_rata]]; [[sebaran_predikat]].",
    ]
    if b.capaian_rata_t1 is not None:
        teks[-1] += (" Dibandingkan dengan indikator yang sama pada tahun sebelumnya, rata-rata "
                     "capaian [[banding_rata]].")
    if b.ringkasan["tanpa_capaian"]:
        teks.append("Sebanyak [[jumlah_tanpa_capaian]] indikator belum dapat diukur karena data "
                    "realisasi atau targetnya belum lengkap.")
    teks.append("Capaian Indikator Kinerja Utama disajikan pada tabel berikut.")
    return "\n".join(teks)


def ikhtisar_penutup(b: Bahan) -> str:
    kal = ["Untuk mencapai sasaran tersebut, pagu anggaran [[pagu]] terealisasi "
           "[[realisasi_anggaran]] atau [[serapan]]."]
    ukur = [(k, u) for k, u, _ in b.kelompok if ada(b.sasaran[k]["capaian"])]
    if len(ukur) >= 2:
        hi = max(ukur, key=lambda x: b.sasaran[x[0]]["capaian"])
        lo = min(ukur, key=lambda x: b.sasaran[x[0]]["capaian"])
        kal.append(f"Capaian sasaran tertinggi pada sasaran \"{hi[1]}\" ([[{hi[0]}.capaian]]) "
                   f"dan terendah pada sasaran \"{lo[1]}\" ([[{lo[0]}.capaian]]).")
    kal.append("Uraian capaian setiap sasaran beserta penyebab dan upaya perbaikannya disajikan "
               "pada Bab III.")
    return " ".join(kal)


def latar_belakang(b: Bahan) -> str:
    return "\n".join([
        "Penyelenggaraan pemerintahan yang baik menuntut setiap instansi pemerintah "
        "mempertanggungjawabkan pelaksanaan tugas, fungsi, dan penggunaan anggarannya. Sistem "
        "Akuntabilitas Kinerja Instansi Pemerintah (SAKIP) sebagaimana diatur dalam Peraturan "
        "Presiden Nomor 29 Tahun 2014 mewajibkan setiap instansi menyusun laporan kinerja "
        "tahunan yang membandingkan realisasi dengan target yang diperjanjikan.",
        "Laporan Kinerja Instansi Pemerintah (LKIP) [[instansi]] Tahun [[tahun]] disusun "
        "untuk memberikan informasi kinerja yang terukur kepada [[kepala_daerah]] dan "
        "masyarakat atas capaian sasaran strategis dalam Rencana Strategis [[renstra]] dan "
        "Perjanjian Kinerja Tahun [[tahun]], sekaligus menjadi bahan evaluasi untuk perbaikan "
        "kinerja pada tahun berikutnya.",
    ])


def dasar_hukum(b: Bahan) -> str:
    return "\n".join([
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah "
        "beberapa kali diubah terakhir dengan Undang-Undang Nomor 6 Tahun 2023",
        "Peraturan Pemerintah Nomor 8 Tahun 2006 tentang Pelaporan Keuangan dan Kinerja Instansi "
        "Pemerintah",
        "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
        "Pemerintah",
        "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun "
        "2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu "
        "atas Laporan Kinerja Instansi Pemerintah",
        "Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017 tentang Tata Cara Perencanaan, "
        "Pengendalian dan Evaluasi Pembangunan Daerah",
        "Peraturan Menteri Dalam Negeri Nomor 90 Tahun 2019 tentang Klasifikasi, Kodefikasi, dan "
        "Nomenklatur Perencanaan Pembangunan dan Keuangan Daerah",
        "Peraturan Daerah [[pemda]] tentang Pembentukan dan Susunan Perangkat Daerah",
        "Peraturan [[kepala_daerah]] tentang Kedudukan, Susunan Organisasi, Tugas dan Fungsi, "
        "serta Tata Kerja [[instansi]]",
    ])


def tupoksi(b: Bahan) -> str:
    return "\n".join([
        "[[instansi]] mempunyai tugas membantu [[kepala_daerah]] dalam melaksanakan fungsi "
        "penunjang urusan pemerintahan yang menjadi kewenangan daerah sesuai bidang tugasnya. "
        "Untuk melaksanakan tugas tersebut, [[instansi]] menyelenggarakan fungsi:",
        "a. penyusunan kebijakan teknis sesuai dengan lingkup tugasnya;",
        "b. pelaksanaan tugas dukungan teknis sesuai dengan lingkup tugasnya;",
        "c. pemantauan, evaluasi, dan pelaporan pelaksanaan tugas dukungan teknis;",
        "d. pembinaan teknis penyelenggaraan fungsi penunjang urusan pemerintahan daerah; dan",
        "e. pelaksanaan fungsi lain yang diberikan oleh [[kepala_daerah]] sesuai dengan tugas "
        "dan fungsinya.",
    ])


def struktur(b: Bahan) -> str:
    return ("Susunan organisasi [[instansi]] dipimpin oleh seorang Kepala dan terdiri atas "
            "[[susunan_organisasi]], serta kelompok jabatan fungsional. Unit kerja beserta "
            "pejabat yang memimpinnya disajikan pada tabel berikut.")


def isu_strategis(b: Bahan) -> str:
    bawah = [r for r in b.data.baris if ada(r["capaian"]) and r["capaian"] < 100]
    bawah.sort(key=lambda r: r["capaian"])
    teks = ["Isu strategis yang dihadapi [[instansi]] tercermin dari hasil pengukuran kinerja "
            "tahun [[tahun]], antara lain:"]
    n = 0
    if bawah:
        n += 1
        teks.append(f"{n}. Masih terdapat indikator yang belum mencapai target, yaitu "
                    f"{_nama_daftar(bawah)}.")
    rendah = [r for r in b.data.anggaran.program.to_dict("records")
              if ada(r["serapan"]) and r["serapan"] < ns.SERAPAN_RENDAH]
    if rendah:
        n += 1
        nama = ns.gabung([f"{r['nama'] or r['kode']} ([[{r['kode']}.serapan]])" for r in rendah])
        teks.append(f"{n}. Serapan anggaran yang belum optimal pada {nama}.")
    if b.ringkasan["tanpa_capaian"]:
        n += 1
        teks.append(f"{n}. Kelengkapan dan ketepatan waktu data realisasi dari unit kerja: "
                    "[[jumlah_tanpa_capaian]] indikator belum dapat diukur.")
    n += 1
    teks.append(f"{n}. Konsistensi antara perencanaan, penganggaran, dan pelaporan kinerja agar "
                "setiap program dan kegiatan terukur kontribusinya terhadap sasaran strategis.")
    return "\n".join(teks)


def sistematika(b: Bahan) -> str:
    return "\n".join([
        "Laporan ini disajikan dengan sistematika sebagai berikut:",
        "Bab I Pendahuluan, menguraikan latar belakang, dasar hukum, tugas pokok dan fungsi, "
        "struktur organisasi, dan isu strategis.",
        "Bab II Perencanaan Kinerja, menyajikan Rencana Strategis dan Perjanjian Kinerja Tahun "
        "[[tahun]].",
        "Bab III Akuntabilitas Kinerja, menyajikan capaian kinerja organisasi per sasaran "
        "strategis beserta analisisnya dan realisasi anggaran.",
        "Bab IV Penutup, berisi kesimpulan dan langkah ke depan.",
        "Lampiran, memuat Perjanjian Kinerja, pengukuran kinerja, Indikator Kinerja Utama, "
        "realisasi anggaran, serta rencana aksi dan realisasi per triwulan.",
    ])


def renstra(b: Bahan) -> str:
    return ("Rencana Strategis (Renstra) [[instansi]] periode [[renstra]] menetapkan tujuan, "
            "sasaran strategis, dan indikator kinerja yang menjadi arah pembangunan di bidang "
            "tugasnya. Pada tahun [[tahun]] terdapat [[jumlah_sasaran]] sasaran strategis yang "
            "diukur dengan [[jumlah_indikator]] indikator kinerja, [[jumlah_iku]] di antaranya "
            "Indikator Kinerja Utama (IKU), sebagaimana disajikan pada tabel berikut.")


def pk(b: Bahan) -> str:
    return "\n".join([
        "Perjanjian Kinerja (PK) Tahun [[tahun]] merupakan pernyataan komitmen Kepala "
        "[[instansi]] kepada [[kepala_daerah]] untuk mewujudkan target kinerja tahunan sesuai "
        "dengan Rencana Strategis. PK memuat sasaran strategis, indikator kinerja, dan target "
        "yang menjadi acuan pengukuran kinerja dalam laporan ini.",
        "Untuk mencapai target tersebut dialokasikan anggaran sebesar [[pagu]] melalui "
        "[[jumlah_program]] program sebagaimana tercantum pada tabel program dan anggaran.",
    ])


def pengukuran(b: Bahan) -> str:
    negatif = sorted({r["metode_negatif"] for r in b.data.baris if r["polaritas"] == "negatif"})
    teks = ["Pengukuran kinerja dilakukan dengan membandingkan realisasi terhadap target "
            "Perjanjian Kinerja. Untuk indikator positif (makin besar makin baik), capaian "
            f"dihitung dengan rumus {RUMUS['positif']}."]
    for m in negatif:
        teks.append(f"Untuk indikator negatif (makin kecil makin baik) digunakan rumus {m}: "
                    f"{RUMUS[m]}.")
    teks.append("Capaian sasaran strategis adalah rata-rata capaian indikatornya; indikator "
                "yang belum dapat diukur tidak ikut dihitung. Predikat capaian ditetapkan dengan "
                "skala berikut.")
    return "\n".join(teks)


def ringkasan(b: Bahan) -> str:
    return ("Secara keseluruhan, rata-rata capaian [[jumlah_indikator]] indikator kinerja "
            "[[instansi]] pada tahun [[tahun]] sebesar [[capaian_rata]] dengan kategori "
            "[[predikat_rata]]; [[sebaran_predikat]]. Capaian setiap sasaran strategis "
            "disajikan pada tabel dan gambar berikut, kemudian diuraikan per sasaran.")


def anggaran(b: Bahan) -> str:
    return ns.narasi_anggaran(b.data.anggaran, b.tahun, "[[instansi]]", medan=True)


def kesimpulan(b: Bahan) -> str:
    teks = ["Berdasarkan pengukuran kinerja tahun [[tahun]], rata-rata capaian indikator "
            "kinerja [[instansi]] sebesar [[capaian_rata]] dengan kategori [[predikat_rata]]; "
            "[[sebaran_predikat]]."]
    for n, (kode, uraian, _) in enumerate(b.kelompok, start=1):
        if ada(b.sasaran[kode]["capaian"]):
            teks.append(f"Sasaran strategis {n}, \"{uraian}\", tercapai [[{kode}.capaian]] "
                        f"(kategori [[{kode}.predikat]]).")
    teks.append("Dari sisi anggaran, pagu [[pagu]] terealisasi [[realisasi_anggaran]] atau "
                "[[serapan]].")
    return "\n".join(teks)


def langkah(b: Bahan) -> str:
    bawah = sorted((r for r in b.data.baris if ada(r["capaian"]) and r["capaian"] < 100),
                   key=lambda r: r["capaian"])
    out = []
    if bawah:
        out.append(f"Meningkatkan capaian indikator yang belum memenuhi target, terutama "
                   f"{_nama_daftar(bawah[:3])}, dengan melanjutkan upaya yang telah dilaporkan "
                   "unit kerja.")
    out += ["Menyelaraskan target Perjanjian Kinerja dengan Rencana Strategis dan kemampuan "
            "anggaran.",
            "Mempercepat penyerapan anggaran sesuai rencana anggaran kas (RAK) per triwulan.",
            "Meningkatkan ketepatan waktu dan kualitas data realisasi kinerja dari setiap unit "
            "kerja melalui pemantauan triwulanan.",
            "Menindaklanjuti hasil evaluasi SAKIP untuk perbaikan perencanaan dan pelaporan "
            "kinerja."]
    return "\n".join(out)


# --- per sasaran ---------------------------------------------------------------------------


def _kelompok(b: Bahan, kode: str) -> tuple[int, list[dict]]:
    for n, (k, _, rows) in enumerate(b.kelompok, start=1):
        if k == kode:
            return n, rows
    return 0, []


def analisis_sasaran(b: Bahan, kode: str) -> str:
    n, rows = _kelompok(b, kode)
    if not rows:
        return ""
    teks = [ns.narasi_sasaran(n, b.sasaran[kode], rows, b.tahun, b.skala, medan=True)]
    # the unit's permasalahan and upaya belong to analysis 5 (`sebab`), not here
    teks += [narasi_indikator({**r, "permasalahan": None, "upaya": None}, medan=True)
             for r in rows]
    return "\n".join(teks)


def sebab(b: Bahan, kode: str) -> str:
    _, rows = _kelompok(b, kode)
    capai = [r for r in rows if ada(r["capaian"]) and r["capaian"] >= 100]
    belum = [r for r in rows if ada(r["capaian"]) and r["capaian"] < 100]
    teks = []
    if capai:
        teks.append(f"Indikator yang mencapai atau melampaui target: {_nama_daftar(capai)}. "
                    "Keberhasilan ini didukung oleh pelaksanaan program dan kegiatan sesuai "
                    "rencana serta koordinasi antarunit kerja.")
    if belum:
        teks.append(f"Indikator yang belum mencapai target: {_nama_daftar(belum)}.")
    for r in rows:
        kal = kalimat_unit(r)
        if kal:
            teks.append(f"Pada indikator {r['uraian_indikator']}: " + " ".join(
                k[0].lower() + k[1:] for k in kal))
    if not any(ada_isi(r.get("permasalahan")) or ada_isi(r.get("upaya")) for r in rows):
        teks.append("Unit kerja penanggung jawab tidak melaporkan permasalahan pada indikator "
                    "sasaran ini.")
    return "\n".join(teks)


def efisiensi(b: Bahan, kode: str) -> str:
    _, rows = _kelompok(b, kode)
    return ns.narasi_efisiensi(rows, b.nama_anggaran, medan=True)


def program(b: Bahan, kode: str) -> str:
    _, rows = _kelompok(b, kode)
    return ns.narasi_program(rows, b.data.anggaran, b.nama_anggaran, medan=True)


def surat_isi(b: Bahan) -> str:
    return ("Dengan hormat, bersama ini kami sampaikan Laporan Kinerja Instansi Pemerintah "
            "(LKIP) [[instansi]] Tahun [[tahun]] sebagai bentuk pertanggungjawaban atas "
            "pelaksanaan Perjanjian Kinerja Tahun [[tahun]], sesuai dengan Peraturan Menteri "
            "PAN-RB Nomor 53 Tahun 2014.\nDemikian kami sampaikan, atas perhatiannya kami "
            "ucapkan terima kasih.")


def surat_tujuan(b: Bahan) -> str:
    return f"Yth. {b.kepala_daerah} {b.pemda}\nc.q. Inspektur {b.pemda}\ndi {b.data.tempat}"


_UMUM: dict[str, Callable[[Bahan], str]] = {
    "kata_pengantar": kata_pengantar, "ikhtisar": ikhtisar, "ikhtisar_penutup": ikhtisar_penutup,
    "bab1_latar_belakang": latar_belakang, "bab1_dasar_hukum": dasar_hukum,
    "bab1_tupoksi": tupoksi, "bab1_struktur": struktur, "bab1_isu_strategis": isu_strategis,
    "bab1_sistematika": sistematika, "bab2_renstra": renstra, "bab2_pk": pk,
    "bab3_pengukuran": pengukuran, "bab3_ringkasan": ringkasan, "bab3_anggaran": anggaran,
    "bab4_kesimpulan": kesimpulan, "bab4_langkah": langkah, "surat_isi": surat_isi,
    "surat_tujuan": surat_tujuan,
    "surat_nomor": lambda b: "", "surat_tanggal": lambda b: "",
    "surat_sifat": lambda b: "Penting", "surat_tembusan": lambda b: "",
}
_SASARAN: dict[str, Callable[[Bahan, str], str]] = {
    "bab3_analisis": analisis_sasaran, "bab3_standar": lambda b, k: "", "bab3_sebab": sebab,
    "bab3_efisiensi": efisiensi, "bab3_program": program,
}


def draf(b: Bahan, kunci: str) -> str:
    """The automatic draft of section `kunci` (KeyError for a section the book does not have)."""
    awalan, kode = pisah_kunci(kunci)
    if kode is not None:
        return _SASARAN[awalan](b, kode)
    return _UMUM[kunci](b)
