-- Schema version 3: the export archive (SOP step 12, "arsip"). Every workbook the project hands
-- out (annexes, Bab III tables, and later correction workbooks or briefing decks) is kept with
-- who made it, when, from which active submissions, and its exact bytes, so an earlier export
-- can be downloaded again and shown to an auditor unchanged. Written idempotently (IF NOT
-- EXISTS) so it can be re-applied safely.

CREATE SEQUENCE IF NOT EXISTS ekspor_id_seq START 1;

CREATE TABLE IF NOT EXISTS ekspor (
    id              INTEGER PRIMARY KEY DEFAULT nextval('ekspor_id_seq'),
    jenis           VARCHAR NOT NULL,   -- 'lampiran' | 'bab3' | 'koreksi' | 'paparan' | ...
    tahun           INTEGER,
    lampiran        VARCHAR,            -- e.g. 'I,II,III,IV,V' (jenis 'lampiran' only)
    nama_berkas     VARCHAR NOT NULL,
    oleh            VARCHAR NOT NULL,
    waktu           TIMESTAMP NOT NULL,
    submission_ids  INTEGER[] NOT NULL, -- the active submissions the export was built from
    sha256          VARCHAR NOT NULL,
    ukuran          BIGINT NOT NULL     -- bytes
);

CREATE TABLE IF NOT EXISTS ekspor_berkas (
    ekspor_id       INTEGER PRIMARY KEY,
    isi             BLOB NOT NULL
);
