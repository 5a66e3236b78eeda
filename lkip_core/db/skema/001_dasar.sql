-- Schema version 1: everything in shared/spec/inputs.md, with every accepted file kept as a
-- submission. Data rows carry the submission they came from; the views below (v_*) show only
-- what is currently active, so a revision or a rollback is a status change, never a delete.

CREATE SEQUENCE IF NOT EXISTS submission_id_seq START 1;
CREATE SEQUENCE IF NOT EXISTS aktivasi_seq START 1;

CREATE TABLE IF NOT EXISTS submission (
    id              INTEGER PRIMARY KEY DEFAULT nextval('submission_id_seq'),
    jenis           VARCHAR NOT NULL CHECK (jenis IN ('master', 'realisasi', 'lpj')),
    kode_unit       VARCHAR,            -- realisasi only
    tahun           INTEGER,            -- realisasi and lpj; a master covers the years in master_tahun
    nama_berkas     VARCHAR NOT NULL,
    sha256          VARCHAR NOT NULL,
    ukuran          BIGINT NOT NULL,
    oleh            VARCHAR NOT NULL,
    waktu           TIMESTAMP NOT NULL,
    baris           INTEGER NOT NULL,   -- data rows loaded
    baris_dilewati  INTEGER NOT NULL,   -- empty and subtotal rows skipped
    status          VARCHAR NOT NULL CHECK (status IN ('aktif', 'diganti')),
    urutan          BIGINT NOT NULL,    -- activation order: the latest activated master governs a year
    peringatan      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS submission_berkas (
    submission_id   INTEGER PRIMARY KEY,
    isi             BLOB NOT NULL
);

CREATE TABLE IF NOT EXISTS master_tahun (
    submission_id   INTEGER NOT NULL,
    tahun           INTEGER NOT NULL,
    PRIMARY KEY (submission_id, tahun)
);

CREATE TABLE IF NOT EXISTS unit (
    submission_id INTEGER NOT NULL, baris INTEGER,
    kode_unit VARCHAR NOT NULL, nama_unit VARCHAR NOT NULL, jenis_unit VARCHAR, kode_induk VARCHAR,
    nama_pejabat VARCHAR, nip_pejabat VARCHAR
);

CREATE TABLE IF NOT EXISTS sasaran (
    submission_id INTEGER NOT NULL, baris INTEGER,
    kode_sasaran VARCHAR NOT NULL, uraian_sasaran VARCHAR NOT NULL, tingkat VARCHAR NOT NULL,
    kode_induk VARCHAR
);

CREATE TABLE IF NOT EXISTS indikator (
    submission_id INTEGER NOT NULL, baris INTEGER,
    kode_indikator VARCHAR NOT NULL, kode_sasaran VARCHAR NOT NULL, uraian_indikator VARCHAR NOT NULL,
    satuan VARCHAR NOT NULL, polaritas VARCHAR NOT NULL,
    metode_negatif VARCHAR,  -- NULL: the default method of the settings applies
    agregasi VARCHAR NOT NULL, iku BOOLEAN NOT NULL, definisi VARCHAR, sumber_data VARCHAR,
    kode_unit VARCHAR NOT NULL, kode_program VARCHAR, kondisi_awal DOUBLE,
    target_akhir_renstra DOUBLE, tahun_akhir_renstra INTEGER
);

CREATE TABLE IF NOT EXISTS target (
    submission_id INTEGER NOT NULL, baris INTEGER,
    kode_indikator VARCHAR NOT NULL, tahun INTEGER NOT NULL, target_pk DOUBLE NOT NULL,
    target_renstra DOUBLE, target_tw1 DOUBLE, target_tw2 DOUBLE, target_tw3 DOUBLE, target_tw4 DOUBLE
);

CREATE TABLE IF NOT EXISTS anggaran (
    submission_id INTEGER NOT NULL, baris INTEGER,
    tahun INTEGER NOT NULL, kode_sub_kegiatan VARCHAR NOT NULL, nama_sub_kegiatan VARCHAR NOT NULL,
    kode_unit VARCHAR NOT NULL, pagu DECIMAL(18, 2) NOT NULL, nama_program VARCHAR, nama_kegiatan VARCHAR,
    rak_tw1 DECIMAL(18, 2), rak_tw2 DECIMAL(18, 2), rak_tw3 DECIMAL(18, 2), rak_tw4 DECIMAL(18, 2)
);

CREATE TABLE IF NOT EXISTS realisasi_lalu (
    submission_id INTEGER NOT NULL, baris INTEGER,
    kode_indikator VARCHAR NOT NULL, tahun INTEGER NOT NULL, realisasi DOUBLE NOT NULL
);

CREATE TABLE IF NOT EXISTS realisasi_kinerja (
    submission_id INTEGER NOT NULL, baris INTEGER,
    kode_indikator VARCHAR NOT NULL, uraian_indikator VARCHAR, satuan VARCHAR, target DOUBLE,
    realisasi_tw1 DOUBLE, realisasi_tw2 DOUBLE, realisasi_tw3 DOUBLE, realisasi_tw4 DOUBLE,
    capaian DOUBLE, permasalahan VARCHAR, upaya VARCHAR, bukti VARCHAR
);

CREATE TABLE IF NOT EXISTS realisasi_anggaran (
    submission_id INTEGER NOT NULL, baris INTEGER,
    kode_sub_kegiatan VARCHAR NOT NULL, nama_sub_kegiatan VARCHAR, pagu DECIMAL(18, 2),
    keuangan_tw1 DECIMAL(18, 2), keuangan_tw2 DECIMAL(18, 2), keuangan_tw3 DECIMAL(18, 2),
    keuangan_tw4 DECIMAL(18, 2),
    fisik_tw1 DOUBLE, fisik_tw2 DOUBLE, fisik_tw3 DOUBLE, fisik_tw4 DOUBLE, keterangan VARCHAR
);

CREATE TABLE IF NOT EXISTS lpj (
    submission_id INTEGER NOT NULL, baris INTEGER,
    tanggal DATE NOT NULL, nomor_bukti VARCHAR NOT NULL, kode_sub_kegiatan VARCHAR NOT NULL,
    kode_rekening VARCHAR, uraian VARCHAR, jumlah DECIMAL(18, 2) NOT NULL, jenis VARCHAR
);

CREATE TABLE IF NOT EXISTS pengaturan (
    kunci VARCHAR PRIMARY KEY,
    nilai VARCHAR NOT NULL,        -- JSON
    oleh VARCHAR,
    waktu TIMESTAMP
);

-- Active data -------------------------------------------------------------------------------

CREATE OR REPLACE VIEW v_master_aktif AS
    SELECT id AS submission_id, urutan FROM submission WHERE jenis = 'master' AND status = 'aktif';

-- For each year, the master submission activated last among those that contain the year.
CREATE OR REPLACE VIEW v_master_tahun AS
    SELECT tahun, arg_max(mt.submission_id, m.urutan) AS submission_id
    FROM master_tahun mt JOIN v_master_aktif m USING (submission_id)
    GROUP BY tahun;

CREATE OR REPLACE VIEW v_unit AS
    SELECT * EXCLUDE (urutan) FROM (
        SELECT u.*, m.urutan FROM unit u JOIN v_master_aktif m USING (submission_id)
    ) QUALIFY row_number() OVER (PARTITION BY kode_unit ORDER BY urutan DESC) = 1;

CREATE OR REPLACE VIEW v_sasaran AS
    SELECT * EXCLUDE (urutan) FROM (
        SELECT s.*, m.urutan FROM sasaran s JOIN v_master_aktif m USING (submission_id)
    ) QUALIFY row_number() OVER (PARTITION BY kode_sasaran ORDER BY urutan DESC) = 1;

CREATE OR REPLACE VIEW v_indikator AS
    SELECT * EXCLUDE (urutan) FROM (
        SELECT i.*, m.urutan FROM indikator i JOIN v_master_aktif m USING (submission_id)
    ) QUALIFY row_number() OVER (PARTITION BY kode_indikator ORDER BY urutan DESC) = 1;

CREATE OR REPLACE VIEW v_realisasi_lalu AS
    SELECT * EXCLUDE (urutan) FROM (
        SELECT r.*, m.urutan FROM realisasi_lalu r JOIN v_master_aktif m USING (submission_id)
    ) QUALIFY row_number() OVER (PARTITION BY kode_indikator, tahun ORDER BY urutan DESC) = 1;

CREATE OR REPLACE VIEW v_target AS
    SELECT t.* FROM target t JOIN v_master_tahun g USING (submission_id, tahun);

CREATE OR REPLACE VIEW v_anggaran AS
    SELECT a.* FROM anggaran a JOIN v_master_tahun g USING (submission_id, tahun);

CREATE OR REPLACE VIEW v_realisasi_kinerja AS
    SELECT s.kode_unit, s.tahun, r.*
    FROM realisasi_kinerja r JOIN submission s ON s.id = r.submission_id AND s.status = 'aktif';

CREATE OR REPLACE VIEW v_realisasi_anggaran AS
    SELECT s.kode_unit, s.tahun, r.*
    FROM realisasi_anggaran r JOIN submission s ON s.id = r.submission_id AND s.status = 'aktif';

CREATE OR REPLACE VIEW v_lpj AS
    SELECT s.tahun, l.*
    FROM lpj l JOIN submission s ON s.id = l.submission_id AND s.status = 'aktif';
