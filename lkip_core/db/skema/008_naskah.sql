-- Schema version 8: the LKIP book (issue 13). The prose of each section per year, with its whole
-- history, and the pengesahan chain (SOP step 9) that locks a year once `disahkan`. Both tables
-- are append-only: the current text of a section is its latest revision, the status of a year's
-- book is its latest step. Written idempotently (IF NOT EXISTS) so it can be re-applied safely.

CREATE SEQUENCE IF NOT EXISTS naskah_revisi_seq START 1;

-- One row per change of a section (lkip_core/naskah/bagian.py names the sections).
CREATE TABLE IF NOT EXISTS naskah_revisi (
    id              BIGINT PRIMARY KEY DEFAULT nextval('naskah_revisi_seq'),
    tahun           INTEGER NOT NULL,
    kunci           VARCHAR NOT NULL,      -- the section, e.g. 'kata_pengantar', 'bab3_sebab:S.01'
    teks            VARCHAR,               -- NULL: the automatic draft, written at render time
    selesai         BOOLEAN NOT NULL,      -- marked "selesai ditulis"
    jenis           VARCHAR NOT NULL
                    CHECK (jenis IN ('tulis', 'draf', 'salin', 'selesai')),
    oleh            VARCHAR NOT NULL,
    waktu           TIMESTAMP NOT NULL
);

CREATE SEQUENCE IF NOT EXISTS pengesahan_seq START 1;

-- One row per step of the chain: draf → diverifikasi → disetujui → disahkan; `tolak` returns to
-- draf, `buka` reopens a year that was disahkan. `sha256` is the exact PDF the step approved
-- (kept in the export archive as `ekspor_id`); `sahkan` also keeps the signed PDF (`ekspor_sah`).
CREATE TABLE IF NOT EXISTS pengesahan (
    id              BIGINT PRIMARY KEY DEFAULT nextval('pengesahan_seq'),
    tahun           INTEGER NOT NULL,
    aksi            VARCHAR NOT NULL
                    CHECK (aksi IN ('verifikasi', 'setujui', 'sahkan', 'tolak', 'buka')),
    status          VARCHAR NOT NULL
                    CHECK (status IN ('draf', 'diverifikasi', 'disetujui', 'disahkan')),
    oleh            VARCHAR NOT NULL,      -- account name
    nama_lengkap    VARCHAR,
    nip             VARCHAR,
    jabatan         VARCHAR,
    peran           VARCHAR,
    waktu           TIMESTAMP NOT NULL,
    catatan         VARCHAR,
    sha256          VARCHAR,
    ekspor_id       INTEGER,               -- the approved PDF in the archive
    ekspor_docx     INTEGER,               -- its Word document (verifikasi)
    ekspor_sah      INTEGER                -- the signed PDF with its Lembar Pengesahan (sahkan)
);

-- A custom Word template of the book (or of the surat pengantar) that replaces the default one
-- (templates/); the latest row of a kind is in force, a row without bytes returns to the default.
CREATE SEQUENCE IF NOT EXISTS naskah_templat_seq START 1;

CREATE TABLE IF NOT EXISTS naskah_templat (
    id              BIGINT PRIMARY KEY DEFAULT nextval('naskah_templat_seq'),
    jenis           VARCHAR NOT NULL CHECK (jenis IN ('naskah', 'surat')),
    nama_berkas     VARCHAR,
    isi             BLOB,
    sha256          VARCHAR,
    oleh            VARCHAR NOT NULL,
    waktu           TIMESTAMP NOT NULL
);
