-- Schema version 6: accounts, failed sign-ins and the audit log (issue 10; domain.md "People and
-- roles"). Passwords are kept only as argon2id hashes. Written idempotently (IF NOT EXISTS) so it
-- can be re-applied safely.

-- One row per person who signs in. `versi_sesi` is part of every session token: raising it
-- (sign-out, password change, deactivation) makes the person's earlier tokens worthless.
CREATE TABLE IF NOT EXISTS akun (
    nama_pengguna   VARCHAR PRIMARY KEY,   -- lower case, [a-z0-9._-]
    nama_lengkap    VARCHAR,
    nip             VARCHAR,
    jabatan         VARCHAR,
    peran           VARCHAR NOT NULL
                    CHECK (peran IN ('admin', 'operator', 'bendahara', 'pimpinan')),
    kode_unit       VARCHAR,
    sandi_hash      VARCHAR NOT NULL,      -- argon2id, never the password itself
    aktif           BOOLEAN NOT NULL DEFAULT TRUE,
    versi_sesi      INTEGER NOT NULL DEFAULT 0,
    dibuat_oleh     VARCHAR NOT NULL,
    dibuat_waktu    TIMESTAMP NOT NULL,
    diubah_oleh     VARCHAR,
    diubah_waktu    TIMESTAMP,
    CHECK (peran <> 'operator' OR kode_unit IS NOT NULL)
);

-- Consecutive failed sign-ins per name typed, whether or not an account of that name exists, so
-- that the lockout (and its message) is the same for both and reveals nothing. A success
-- removes the row.
CREATE TABLE IF NOT EXISTS masuk_gagal (
    nama            VARCHAR PRIMARY KEY,
    gagal           INTEGER NOT NULL,
    terakhir        TIMESTAMP NOT NULL,
    kunci_sampai    TIMESTAMP
);

-- The audit log: append-only (the core has no function that changes or deletes a row).
CREATE SEQUENCE IF NOT EXISTS audit_id_seq START 1;

CREATE TABLE IF NOT EXISTS audit (
    id              BIGINT PRIMARY KEY DEFAULT nextval('audit_id_seq'),
    waktu           TIMESTAMP NOT NULL,
    oleh            VARCHAR NOT NULL,      -- account name (or the name typed at a failed sign-in)
    peran           VARCHAR,               -- the account's role at the time; NULL when unknown
    aksi            VARCHAR NOT NULL,      -- 'masuk', 'keluar', 'impor', 'rollback', …
    objek           VARCHAR,               -- what it was done to: a file, a submission, a setting
    tahun           INTEGER,
    rincian         VARCHAR,               -- JSON
    berhasil        BOOLEAN NOT NULL
);
