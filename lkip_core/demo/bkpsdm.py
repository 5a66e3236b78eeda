"""The demo agency, modelled on a BKPSDM (Badan Kepegawaian dan Pengembangan SDM) of a city.

Names of units, programs, kegiatan and sub kegiatan follow Permendagri 90/2019 usage; every
person is a placeholder (no real official is named). Numbers that the generator must reproduce
exactly (the published cases of domain.md) are written here as overrides.
"""

from __future__ import annotations

OPD = "BKPSDM"
NAMA_OPD = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Tangerang"
TAHUN_TARGET = (2021, 2022, 2023, 2024, 2025)
TAHUN_LALU = (2021, 2022, 2023, 2024)  # realisasi_lalu (historic sheet of the master)
TAHUN_ANGGARAN = (2024, 2025)
TAHUN_AWAL_RENSTRA, TAHUN_AKHIR_RENSTRA = 2020, 2026  # kondisi awal = 2020

# kode, nama, jenis, induk, pejabat, NIP (placeholders)
UNIT = [
    (OPD, NAMA_OPD, "opd", None, "Kepala Badan (nama contoh)", "19700101 199001 1 001"),
    ("SEKRE", "Sekretariat", "sekretariat", OPD, "Sekretaris (nama contoh)",
     "19720202 199303 1 002"),
    ("MUTASI", "Bidang Mutasi dan Promosi", "bidang", OPD, "Kepala Bidang Contoh 1",
     "19750303 199803 1 003"),
    ("PKA", "Bidang Pengembangan Kompetensi Aparatur", "bidang", OPD, "Kepala Bidang Contoh 2",
     "19760404 200003 2 004"),
    ("PPI", "Bidang Pengadaan, Pemberhentian dan Informasi", "bidang", OPD,
     "Kepala Bidang Contoh 3", "19780505 200112 1 005"),
    ("PKP", "Bidang Penilaian Kinerja dan Penghargaan", "bidang", OPD, "Kepala Bidang Contoh 4",
     "19800606 200501 2 006"),
    ("UPT", "UPT Assessment Center", "upt", OPD, "Kepala UPT Contoh", "19820707 200604 1 007"),
]
UPT_TANPA_LAPORAN = "UPT"  # R14: sends no realisation for the latest year

SASARAN = [
    ("S.01", "Meningkatnya kualitas dan kompetensi ASN"),
    ("S.02", "Meningkatnya akuntabilitas kinerja aparatur"),
    ("S.03", "Meningkatnya kualitas pelayanan administrasi kepegawaian"),
    ("S.04", "Meningkatnya kualitas perencanaan dan tata kelola keuangan"),
    ("S.05", "Tersedianya data kepegawaian yang akurat"),
]

PROGRAM = {
    "5.03.01": "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
    "5.03.02": "PROGRAM KEPEGAWAIAN DAERAH",
    "5.04.02": "PROGRAM PENGEMBANGAN SUMBER DAYA MANUSIA",
}
KEGIATAN = {
    "5.03.01.2.01": "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
    "5.03.01.2.02": "Administrasi Keuangan Perangkat Daerah",
    "5.03.01.2.05": "Administrasi Kepegawaian Perangkat Daerah",
    "5.03.01.2.06": "Administrasi Umum Perangkat Daerah",
    "5.03.01.2.07": "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah",
    "5.03.01.2.08": "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
    "5.03.01.2.09": "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
    "5.03.02.2.01": "Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN",
    "5.03.02.2.02": "Mutasi dan Promosi ASN",
    "5.03.02.2.03": "Penilaian dan Evaluasi Kinerja Aparatur",
    "5.04.02.2.01": "Pengembangan Kompetensi Teknis dan Manajerial",
    "5.04.02.2.02": "Sertifikasi, Kelembagaan, Pengembangan Kompetensi Manajerial dan Fungsional",
}

# kode sub kegiatan, nama, unit, pagu 2025 (None: drawn), kind of spending (rekening set)
SUB_KEGIATAN = [
    ("5.03.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah", "SEKRE", None, "keg"),
    ("5.03.01.2.01.0002", "Koordinasi dan Penyusunan Dokumen RKA-SKPD", "SEKRE", None, "keg"),
    ("5.03.01.2.01.0006", "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar "
     "Realisasi Kinerja SKPD", "SEKRE", None, "keg"),
    ("5.03.01.2.01.0007", "Evaluasi Kinerja Perangkat Daerah", "SEKRE", None, "keg"),
    ("5.03.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN", "SEKRE", 2_985_640_000, "gaji"),
    ("5.03.01.2.02.0005", "Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD",
     "SEKRE", None, "keg"),
    ("5.03.01.2.05.0009", "Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi",
     "SEKRE", None, "keg"),
    ("5.03.01.2.06.0001", "Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor",
     "SEKRE", None, "umum"),
    ("5.03.01.2.06.0002", "Penyediaan Peralatan dan Perlengkapan Kantor", "SEKRE", None, "umum"),
    ("5.03.01.2.06.0004", "Penyediaan Bahan Logistik Kantor", "SEKRE", None, "umum"),
    ("5.03.01.2.06.0005", "Penyediaan Barang Cetakan dan Penggandaan", "SEKRE", None, "umum"),
    ("5.03.01.2.06.0009", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD", "SEKRE",
     None, "keg"),
    ("5.03.01.2.07.0006", "Pengadaan Peralatan dan Mesin Lainnya", "SEKRE", None, "modal"),
    ("5.03.01.2.08.0002", "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik", "SEKRE",
     None, "jasa"),
    ("5.03.01.2.08.0004", "Penyediaan Jasa Pelayanan Umum Kantor", "SEKRE", None, "jasa"),
    ("5.03.01.2.09.0002", "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, dan Pajak "
     "Kendaraan Perorangan Dinas atau Kendaraan Dinas Jabatan", "SEKRE", None, "pelihara"),
    ("5.03.01.2.09.0009", "Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya",
     "SEKRE", 1_450_000_000, "gedung"),
    ("5.03.02.2.01.0001", "Penyusunan Rencana Kebutuhan, Jenis dan Jumlah Jabatan untuk "
     "Pelaksanaan Pengadaan ASN", "PPI", None, "keg"),
    ("5.03.02.2.01.0002", "Koordinasi dan Pelaksanaan Pengadaan ASN (Seleksi CASN dan PPPK)",
     "PPI", 1_850_000_000, "keg"),
    ("5.03.02.2.01.0003", "Pengelolaan Pemberhentian dan Pensiun ASN", "PPI", None, "keg"),
    ("5.03.02.2.01.0004", "Pengelolaan Data dan Sistem Informasi Manajemen Kepegawaian",
     "PPI", None, "jasa"),
    ("5.03.02.2.01.0005", "Pemutakhiran Data ASN pada SIASN", "PPI", None, "keg"),
    ("5.03.02.2.02.0001", "Pengelolaan Mutasi ASN", "MUTASI", None, "keg"),
    ("5.03.02.2.02.0002", "Pengelolaan Kenaikan Pangkat ASN", "MUTASI", None, "keg"),
    ("5.03.02.2.02.0003", "Pengelolaan Promosi ASN (Seleksi Terbuka Jabatan Pimpinan Tinggi)",
     "MUTASI", None, "keg"),
    ("5.03.02.2.02.0004", "Pelayanan Administrasi Kepegawaian Terpadu", "MUTASI", None, "keg"),
    ("5.03.02.2.02.0005", "Pengelolaan Jabatan Fungsional", "MUTASI", None, "keg"),
    ("5.03.02.2.03.0001", "Pengelolaan Penilaian Kinerja ASN", "PKP", None, "keg"),
    ("5.03.02.2.03.0002", "Penerapan Sistem Merit dalam Manajemen ASN", "PKP", None, "keg"),
    ("5.03.02.2.03.0003", "Pembinaan dan Penegakan Disiplin ASN", "PKP", None, "keg"),
    ("5.03.02.2.03.0004", "Pengelolaan Penghargaan dan Tanda Kehormatan ASN", "PKP", None, "keg"),
    ("5.03.02.2.03.0005", "Evaluasi Jabatan dan Analisis Beban Kerja", "PKP", None, "keg"),
    ("5.04.02.2.01.0001", "Pelaksanaan Diklat Kepemimpinan", "PKA", None, "diklat"),
    ("5.04.02.2.01.0002", "Penyelenggaraan Pelatihan Teknis ASN", "PKA", None, "diklat"),
    ("5.04.02.2.01.0003", "Penyelenggaraan Pelatihan Dasar CPNS", "PKA", None, "diklat"),
    ("5.04.02.2.01.0004", "Pengembangan Kompetensi ASN melalui Pembelajaran Daring", "PKA",
     None, "diklat"),
    ("5.04.02.2.02.0001", "Pelaksanaan Uji Kompetensi dan Sertifikasi ASN", "PKA", None, "diklat"),
    ("5.04.02.2.02.0002", "Pemberian Tugas Belajar dan Izin Belajar ASN", "PKA", None, "keg"),
    ("5.04.02.2.02.0003", "Penyelenggaraan Bimbingan Teknis Jabatan Fungsional", "PKA", None,
     "diklat"),
    ("5.04.02.2.02.0004", "Pengembangan Corporate University Pemerintah Daerah", "PKA", None,
     "keg"),
]

# The program case of domain.md ("Efficiency"): program 5.04.02 in 2025.
PROGRAM_KASUS = "5.04.02"
PAGU_PROGRAM_KASUS = 6_910_387_000
REALISASI_PROGRAM_KASUS = 6_495_748_767

# Indicators. kode, sasaran, uraian, satuan, polaritas, metode_negatif, agregasi, iku, unit,
# kode_program, kondisi awal (2020), target 2026 (per year for jumlah), decimals, TW targets,
# naik (a terakhir position that builds up over the year, rather than a level), and
# overrides: pk {tahun: target PK}, r {tahun: annual realisasi}, c {tahun: capaian ratio}.
INDIKATOR = [
    dict(kode="IK.01", sas="S.01", uraian="Indeks Profesionalitas ASN", satuan="indeks",
         agr="terakhir", iku=True, unit="PKA", prog="5.04.02", awal=68.5, akhir=78.0),
    dict(kode="IK.02", sas="S.01", uraian="Persentase ASN yang memenuhi standar kompetensi "
         "jabatan", satuan="persen", agr="terakhir", iku=True, unit="PKA", prog="5.04.02",
         awal=58.0, akhir=80.0, tw=True, naik=True,
         pk={2025: 75.0}, r={2025: 74.94}),  # capaian 99.92 %: the program case of domain.md
    dict(kode="IK.03", sas="S.01", uraian="Persentase pejabat yang telah mengikuti uji "
         "kompetensi", satuan="persen", agr="terakhir", iku=True, unit="PKA",
         prog="5.04.02.2.02", awal=3.5, akhir=12.5, naik=True,
         pk={2025: 10.83}, r={2025: 6.2032}),  # the published 57.28 % case
    dict(kode="IK.04", sas="S.01", uraian="Jumlah ASN yang mengikuti pelatihan teknis",
         satuan="orang", agr="jumlah", unit="PKA", prog="5.04.02.2.01", awal=320, akhir=480,
         dec=0, tw=True),
    dict(kode="IK.05", sas="S.01", uraian="Jumlah ASN yang mengikuti pelatihan kepemimpinan",
         satuan="orang", agr="jumlah", unit="PKA", prog="5.04.02.2.01", awal=90, akhir=150,
         dec=0, pk={2025: 120}, r={2025: 265}),  # R12: far above target
    dict(kode="IK.06", sas="S.01", uraian="Persentase ASN yang memenuhi 20 JP pengembangan "
         "kompetensi", satuan="persen", agr="terakhir", unit="PKA", prog="5.04.02",
         awal=41.0, akhir=85.0, tw=True, naik=True),
    dict(kode="IK.07", sas="S.01", uraian="Jumlah ASN yang mengikuti penilaian kompetensi "
         "(assessment)", satuan="orang", agr="jumlah", unit="UPT", prog="5.04.02.2.02",
         awal=150, akhir=300, dec=0, tw=True),
    dict(kode="IK.08", sas="S.01", uraian="Rata-rata nilai kesesuaian kompetensi manajerial "
         "hasil assessment", satuan="nilai", agr="rata_rata", unit="UPT", prog="5.04.02.2.02",
         awal=68.0, akhir=76.0),
    dict(kode="IK.09", sas="S.02", uraian="Nilai evaluasi SAKIP BKPSDM", satuan="nilai",
         agr="terakhir", iku=True, unit="SEKRE", prog="5.03.01.2.01", awal=70.1, akhir=80.0),
    dict(kode="IK.10", sas="S.02", uraian="Persentase ASN dengan predikat kinerja minimal "
         "baik", satuan="persen", agr="terakhir", unit="PKP", prog="5.03.02.2.03", awal=82.0,
         akhir=95.0, tw=True, pk={2025: 94.0}),  # R08: PK raised above the Renstra target
    dict(kode="IK.11", sas="S.02", uraian="Persentase ASN yang dijatuhi hukuman disiplin",
         satuan="persen", pol="negatif", agr="terakhir", iku=True, unit="PKP", prog="5.03.02",
         awal=2.4, akhir=1.2, naik=True,
         c={2025: 1.10}),  # R11: the unit applies the positive formula
    dict(kode="IK.12", sas="S.02", uraian="Indeks Sistem Merit", satuan="indeks",
         agr="terakhir", iku=True, unit="PKP", prog="5.03.02.2.03", awal=245.0, akhir=330.0),
    dict(kode="IK.13", sas="S.02", uraian="Jumlah ASN penerima penghargaan Satyalancana Karya "
         "Satya", satuan="orang", agr="jumlah", unit="PKP", prog="5.03.02.2.03", awal=180,
         akhir=260, dec=0),
    dict(kode="IK.14", sas="S.02", uraian="Persentase penilaian kinerja bulanan yang "
         "diselesaikan tepat waktu", satuan="persen", agr="rata_rata", unit="PKP",
         prog="5.03.02.2.03", awal=76.0, akhir=95.0, tw=True),
    dict(kode="IK.15", sas="S.03", uraian="Indeks Kepuasan Masyarakat terhadap layanan "
         "kepegawaian", satuan="indeks", agr="terakhir", iku=True, unit="MUTASI",
         prog="5.03.02.2.02", awal=78.2, akhir=86.0),
    dict(kode="IK.16", sas="S.03", uraian="Rata-rata waktu penyelesaian layanan kepegawaian",
         satuan="hari", pol="negatif", met="rasio", agr="rata_rata", unit="MUTASI",
         prog="5.03.02.2.02", awal=9.0, akhir=4.0, c={2025: 0.86}),
    dict(kode="IK.17", sas="S.03", uraian="Persentase usulan kenaikan pangkat yang diselesaikan "
         "tepat waktu", satuan="persen", agr="terakhir", unit="MUTASI", prog="5.03.02.2.02",
         awal=72.0, akhir=98.0, tw=True),  # R07: TW III left empty
    dict(kode="IK.18", sas="S.03", uraian="Persentase jabatan yang diisi sesuai hasil "
         "pemetaan kompetensi", satuan="persen", agr="terakhir", unit="MUTASI", prog="5.03.02",
         awal=55.0, akhir=85.0),
    dict(kode="IK.19", sas="S.03", uraian="Jumlah pengaduan atas layanan kepegawaian",
         satuan="pengaduan", pol="negatif", agr="jumlah", unit="MUTASI", prog="5.03.02.2.02",
         awal=64, akhir=30, dec=0, tw=True),
    dict(kode="IK.20", sas="S.03", uraian="Persentase usulan pensiun yang diproses tepat "
         "waktu", satuan="persen", agr="terakhir", unit="PPI", prog="5.03.02.2.01", awal=80.0,
         akhir=100.0, tw=True, c={2025: 0.81}),
    dict(kode="IK.21", sas="S.04", uraian="Persentase dokumen perencanaan dan pelaporan yang "
         "disampaikan tepat waktu", satuan="persen", agr="terakhir", unit="SEKRE",
         prog="5.03.01.2.01", awal=75.0, akhir=100.0, tw=True),
    dict(kode="IK.22", sas="S.04", uraian="Jumlah dokumen perencanaan dan evaluasi kinerja yang "
         "disusun", satuan="dokumen", agr="jumlah", unit="SEKRE", prog="5.03.01.2.01", awal=8,
         akhir=12, dec=0, tw=True),
    dict(kode="IK.23", sas="S.04", uraian="Persentase realisasi anggaran BKPSDM",
         satuan="persen", agr="terakhir", unit="SEKRE", prog="5.03.01", awal=86.0, akhir=97.0),
    dict(kode="IK.24", sas="S.05", uraian="Persentase data ASN yang mutakhir pada SIASN",
         satuan="persen", agr="terakhir", iku=True, unit="PPI", prog="5.03.02.2.01",
         awal=64.0, akhir=98.0, tw=True, naik=True),
    dict(kode="IK.25", sas="S.05", uraian="Jumlah layanan kepegawaian berbasis elektronik",
         satuan="layanan", agr="terakhir", unit="PPI", prog=None, awal=6, akhir=18, dec=0),
]

SUMBER_DATA = {
    "SEKRE": "Subbag Perencanaan dan Keuangan", "MUTASI": "Aplikasi layanan mutasi",
    "PKA": "Data peserta pengembangan kompetensi", "PPI": "SIMPEG dan SIASN",
    "PKP": "Aplikasi e-Kinerja", "UPT": "Laporan hasil assessment",
}

# Permasalahan and upaya for an indicator below 90 % (specific first, then general).
MASALAH = {
    "IK.03": ("Kuota dan jadwal uji kompetensi dari penyelenggara terbatas; sebagian pejabat "
              "berhalangan pada jadwal yang ditetapkan.",
              "Mengajukan tambahan kuota dan menjadwalkan ulang peserta pada TW I tahun "
              "berikutnya; memanfaatkan assessment center mandiri."),
    "IK.16": ("Lonjakan usulan layanan pada TW II dan TW III, sementara verifikasi berkas "
              "masih manual.",
              "Menambah petugas verifikasi dan menerapkan pelacakan berkas secara daring."),
    "IK.20": ("Berkas usulan pensiun dari perangkat daerah terlambat dan tidak lengkap.",
              "Sosialisasi kelengkapan berkas dan pengingat enam bulan sebelum BUP."),
}
MASALAH_UMUM = [
    ("Keterbatasan anggaran dan jadwal kegiatan yang bergeser.",
     "Menyusun ulang jadwal kegiatan dan memprioritaskan kegiatan utama."),
    ("Koordinasi dengan perangkat daerah belum optimal.",
     "Meningkatkan koordinasi melalui rapat berkala dan grup koordinasi."),
]

# Spending accounts per kind of sub kegiatan: (kode rekening, uraian, usual jenis).
_ATK = ("5.1.02.01.01.0024", "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor", "GU")
_CETAK = ("5.1.02.01.01.0026", "Belanja Alat/Bahan untuk Kegiatan Kantor-Bahan Cetak", "GU")
_MAMIN = ("5.1.02.01.01.0052", "Belanja Makanan dan Minuman Rapat", "GU")
_HONOR = ("5.1.02.02.01.0003", "Honorarium Narasumber atau Pembahas, Moderator, Pembawa Acara, "
          "dan Panitia", "LS")
_PERJADIN = ("5.1.02.04.01.0001", "Belanja Perjalanan Dinas Biasa", "GU")
_DALAM_KOTA = ("5.1.02.04.01.0003", "Belanja Perjalanan Dinas Dalam Kota", "GU")
_TENAGA = ("5.1.02.02.01.0026", "Belanja Jasa Tenaga Administrasi", "LS")
REKENING = {
    "keg": [_ATK, _CETAK, _MAMIN, _HONOR, _PERJADIN, _DALAM_KOTA],
    "diklat": [_MAMIN, _HONOR, _CETAK,
               ("5.1.02.02.12.0001", "Belanja Kursus Singkat/Pelatihan", "LS"),
               ("5.1.02.02.12.0003", "Belanja Diklat Kepemimpinan", "LS"),
               ("5.1.02.02.08.0008", "Belanja Sewa Gedung Kantor untuk Pelatihan", "LS")],
    "umum": [_ATK, _CETAK,
             ("5.1.02.01.01.0025", "Belanja Alat/Bahan untuk Kegiatan Kantor-Kertas dan Cover",
              "GU"),
             ("5.1.02.01.01.0029", "Belanja Alat/Bahan untuk Kegiatan Kantor-Bahan Komputer",
              "GU"),
             ("5.1.02.01.01.0031", "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Listrik",
              "GU")],
    "jasa": [_TENAGA,
             ("5.1.02.02.01.0059", "Belanja Tagihan Telepon", "LS"),
             ("5.1.02.02.01.0061", "Belanja Tagihan Listrik", "LS"),
             ("5.1.02.02.01.0063", "Belanja Kawat/Faksimili/Internet/TV Berlangganan", "LS"),
             ("5.1.02.02.01.0030", "Belanja Jasa Tenaga Kebersihan", "LS")],
    "pelihara": [("5.1.02.03.02.0035", "Belanja Pemeliharaan Alat Angkutan Darat Bermotor",
                  "GU"),
                 ("5.1.02.01.01.0004", "Belanja Bahan-Bahan Bakar dan Pelumas", "GU"),
                 ("5.1.02.02.01.0035", "Belanja Pajak Kendaraan Bermotor Dinas", "LS")],
    "gedung": [("5.1.02.03.03.0001", "Belanja Pemeliharaan Bangunan Gedung Kantor", "LS"),
               ("5.2.03.01.01.0001", "Belanja Modal Bangunan Gedung Kantor", "LS"),
               ("5.1.02.02.01.0029", "Belanja Jasa Konsultansi Pengawasan", "LS")],
    "modal": [("5.2.02.05.01.0005", "Belanja Modal Alat Kantor Lainnya", "LS"),
              ("5.2.02.10.01.0002", "Belanja Modal Personal Computer", "LS"),
              ("5.2.02.10.02.0003", "Belanja Modal Peralatan Jaringan", "LS")],
    "gaji": [("5.1.01.01.01.0001", "Belanja Gaji Pokok PNS", "LS"),
             ("5.1.01.01.02.0001", "Belanja Tunjangan Keluarga PNS", "LS"),
             ("5.1.01.01.03.0001", "Belanja Tunjangan Jabatan PNS", "LS"),
             ("5.1.01.01.05.0001", "Belanja Tunjangan Fungsional Umum PNS", "LS"),
             ("5.1.01.01.06.0001", "Belanja Tunjangan Beras PNS", "LS"),
             ("5.1.01.03.07.0001", "Belanja Tambahan Penghasilan berdasarkan Prestasi Kerja",
              "LS")],
}
