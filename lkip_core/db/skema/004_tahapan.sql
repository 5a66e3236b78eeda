-- Schema version 4: the SOP tracker (SOP 065/767-1.01/BKPSDM "Penyusunan LKIP", 12 steps).
-- Like submissions, nothing is overwritten: a new plan or a corrected actual date is a new row
-- (with who entered it and when), and the v_* views show the latest row.

CREATE SEQUENCE IF NOT EXISTS tahapan_seq START 1;

-- The plan of a year: the SOP's mutu baku laid out in working days from tanggal_mulai.
CREATE TABLE IF NOT EXISTS tahapan_rencana (
    id              INTEGER PRIMARY KEY DEFAULT nextval('tahapan_seq'),
    tahun           INTEGER NOT NULL,     -- the LKIP year (tahun laporan), not the calendar year
    tanggal_mulai   DATE NOT NULL,        -- the first day of step 1
    cuti_bersama    BOOLEAN NOT NULL DEFAULT TRUE,  -- also skip the government's cuti bersama
    oleh            VARCHAR NOT NULL,
    waktu           TIMESTAMP NOT NULL
);

-- What really happened: actual start and finish of a step, entered by the user.
CREATE TABLE IF NOT EXISTS tahapan_realisasi (
    id              INTEGER PRIMARY KEY DEFAULT nextval('tahapan_seq'),
    tahun           INTEGER NOT NULL,
    langkah         INTEGER NOT NULL CHECK (langkah BETWEEN 1 AND 12),
    mulai           DATE,
    selesai         DATE,
    catatan         VARCHAR,
    oleh            VARCHAR NOT NULL,
    waktu           TIMESTAMP NOT NULL,
    CHECK (mulai IS NULL OR selesai IS NULL OR selesai >= mulai)
);

CREATE OR REPLACE VIEW v_tahapan_rencana AS
    SELECT * FROM tahapan_rencana
    QUALIFY row_number() OVER (PARTITION BY tahun ORDER BY id DESC) = 1;

CREATE OR REPLACE VIEW v_tahapan_realisasi AS
    SELECT * FROM tahapan_realisasi
    QUALIFY row_number() OVER (PARTITION BY tahun, langkah ORDER BY id DESC) = 1;
