-- Schema version 7: notes on findings (issue 10). An operator answers a finding of its own unit
-- ("sudah diperbaiki, mohon dicek") without changing its review status, which stays the admin's
-- (rekonsiliasi_tinjauan). Append-only, like the reviews. Idempotent (IF NOT EXISTS).
CREATE SEQUENCE IF NOT EXISTS rekonsiliasi_catatan_seq START 1;

CREATE TABLE IF NOT EXISTS rekonsiliasi_catatan (
    id       INTEGER PRIMARY KEY DEFAULT nextval('rekonsiliasi_catatan_seq'),
    kunci    VARCHAR NOT NULL,
    catatan  VARCHAR NOT NULL,
    oleh     VARCHAR NOT NULL,
    waktu    TIMESTAMP NOT NULL
);
