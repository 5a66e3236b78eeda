-- Schema version 5: one active submission per slot, enforced by the database (issue 9).
-- A slot is what a new file replaces: a unit's realisasi of a year, a year's LPJ, a year of the
-- master. Activating a submission writes its slot rows; the primary key makes two concurrent
-- activations of one slot conflict, so one of them is retried after the other and ends as its
-- replacement instead of both staying `aktif`. `submission.status` follows the slots: a
-- submission is `aktif` while it holds at least one slot, and the master that governs a year
-- (v_master_tahun: the last activated active master containing it) is the one in its slot.

CREATE TABLE IF NOT EXISTS slot_aktif (
    jenis           VARCHAR NOT NULL,
    kode_unit       VARCHAR NOT NULL,   -- '' for the master and the LPJ
    tahun           INTEGER NOT NULL,
    submission_id   INTEGER NOT NULL,
    waktu           TIMESTAMP NOT NULL,
    PRIMARY KEY (jenis, kode_unit, tahun)
);

-- Existing databases: the latest active submission of each slot takes it; a second active one
-- left by the race this migration closes is marked `diganti`.
INSERT OR REPLACE INTO slot_aktif
    SELECT jenis, coalesce(kode_unit, ''), tahun, arg_max(id, urutan), CAST(now() AS TIMESTAMP)
    FROM submission WHERE jenis <> 'master' AND status = 'aktif' AND tahun IS NOT NULL
    GROUP BY jenis, coalesce(kode_unit, ''), tahun;

INSERT OR REPLACE INTO slot_aktif
    SELECT 'master', '', mt.tahun, arg_max(mt.submission_id, s.urutan), CAST(now() AS TIMESTAMP)
    FROM master_tahun mt JOIN submission s ON s.id = mt.submission_id AND s.status = 'aktif'
    GROUP BY mt.tahun;

UPDATE submission SET status = 'diganti'
WHERE status = 'aktif' AND id NOT IN (SELECT submission_id FROM slot_aktif);
