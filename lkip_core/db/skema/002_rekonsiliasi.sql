-- Schema version 2: reconciliation state (shared/spec/reconciliation.md, SOP steps 3–5).
-- Findings themselves are recomputed from the data on every run; what is kept here is what the
-- data cannot tell: which findings were seen when (so one that disappears shows as `teratasi`),
-- and the reviewers' decisions, attached to a finding's stable `kunci`.

CREATE SEQUENCE IF NOT EXISTS rekonsiliasi_run_seq START 1;
CREATE SEQUENCE IF NOT EXISTS rekonsiliasi_tinjauan_seq START 1;

-- One row per recorded reconciliation run (kode_unit NULL: all units of the year).
CREATE TABLE IF NOT EXISTS rekonsiliasi_run (
    id          INTEGER PRIMARY KEY DEFAULT nextval('rekonsiliasi_run_seq'),
    tahun       INTEGER NOT NULL,
    kode_unit   VARCHAR,
    waktu       TIMESTAMP NOT NULL,
    temuan      INTEGER NOT NULL,
    galat       INTEGER NOT NULL,
    peringatan  INTEGER NOT NULL,
    info        INTEGER NOT NULL,
    teratasi    INTEGER NOT NULL,   -- findings that disappeared in this run
    per_aturan  VARCHAR NOT NULL,   -- JSON {"R01": n, …}
    detik       DOUBLE
);

-- Every finding key ever seen, with the last snapshot of its fields so that a finding that no
-- longer occurs can still be shown (as `teratasi`, with when).
CREATE TABLE IF NOT EXISTS rekonsiliasi_temuan (
    kunci            VARCHAR PRIMARY KEY,
    tahun            INTEGER NOT NULL,
    kode_unit        VARCHAR,
    aturan           VARCHAR NOT NULL,
    tingkat          VARCHAR NOT NULL,
    triwulan         INTEGER,
    objek            VARCHAR NOT NULL,
    kode_objek       VARCHAR NOT NULL,
    nilai_unit       DOUBLE,
    nilai_pembanding DOUBLE,
    selisih          DOUBLE,
    pesan            VARCHAR NOT NULL,
    pertama          TIMESTAMP NOT NULL,
    pertama_run      INTEGER NOT NULL,
    terakhir         TIMESTAMP NOT NULL,   -- last run in which it occurred
    terakhir_run     INTEGER NOT NULL,
    teratasi         TIMESTAMP,            -- set when a run no longer finds it; NULL while it occurs
    teratasi_run     INTEGER
);

-- Review actions: append-only, every change kept (who, when, note).
CREATE TABLE IF NOT EXISTS rekonsiliasi_tinjauan (
    id       INTEGER PRIMARY KEY DEFAULT nextval('rekonsiliasi_tinjauan_seq'),
    kunci    VARCHAR NOT NULL,
    status   VARCHAR NOT NULL CHECK (status IN ('diperiksa', 'selesai', 'diterima')),
    catatan  VARCHAR,
    oleh     VARCHAR NOT NULL,
    waktu    TIMESTAMP NOT NULL
);

CREATE OR REPLACE VIEW v_tinjauan_terakhir AS
    SELECT * FROM rekonsiliasi_tinjauan
    QUALIFY row_number() OVER (PARTITION BY kunci ORDER BY id DESC) = 1;
