"""Large CSV files (issue 12): refused before reading when they would need too much memory,
every bad cell reported, and the original bytes kept (compressed) and given back whole."""

from __future__ import annotations

import pytest

from lkip_core.db import periksa
from lkip_core.errors import FileRefused
from lkip_core.masukan import berkas, submisi
from lkip_core.masukan.berkas import read_workbook
from lkip_core.masukan.impor import impor


def bku_csv(lines: int, *, bad_every: int = 0) -> bytes:
    """A BKU export with a title, a blank line and `;` columns (about 100 bytes a line)."""
    out = ["BUKU KAS UMUM PENGELUARAN TAHUN 2025", "",
           "No;Tanggal;No Bukti;Kode Kegiatan;Kode Akun;Uraian;Nilai (Rp);Jenis SP2D"]
    for i in range(lines):
        amount = "seratus ribu" if bad_every and i % bad_every == 7 else \
            f"{100_000 + i * 37:,}".replace(",", ".")
        out.append(f"{i + 1};{i % 28 + 1:02d}/{i % 12 + 1:02d}/2025;{i:06d}/SP2D/LS/2025;"
                   f"5.03.02.2.01.0001;5.1.02.01.01.0024;Belanja barang dan jasa;{amount};LS")
    return ("\r\n".join(out) + "\r\n").encode("utf-8")


def test_a_file_needing_too_much_memory_is_refused_before_it_is_read(monkeypatch):
    monkeypatch.setattr(berkas, "MAX_MEMORI_IMPOR", 4 << 20)
    monkeypatch.setattr(berkas, "_read_csv", lambda *a, **k: pytest.fail("it was read"))
    with pytest.raises(FileRefused) as info:
        read_workbook("bku.csv", bku_csv(15_000))
    message = str(info.value)
    assert "terlalu besar untuk dibaca sekaligus" in message and "batas 4 MB" in message
    assert "Pisahkan datanya" in message


def test_a_large_csv_with_bad_cells_reports_each_cell(con_master):
    hasil = impor(con_master, [("bku.csv", bku_csv(15_000, bad_every=5_000))], oleh="uji")
    assert not hasil.ok
    assert [(e.row, e.column, e.value) for e in hasil.errors] == [
        (4 + i, "G (Nilai (Rp))", "seratus ribu") for i in (7, 5_007, 10_007)]
    assert "bukan angka" in hasil.errors[0].message


def test_the_stored_original_comes_back_byte_for_byte(con_master):
    data = bku_csv(15_000)
    hasil = impor(con_master, [("bku.csv", data)], oleh="uji")
    sid = hasil.submissions[0]["id"]
    stored = con_master.execute("SELECT octet_length(isi) FROM submission_berkas "
                                "WHERE submission_id = ?", [sid]).fetchone()[0]
    assert stored < len(data) // 4  # a CSV is kept compressed
    assert submisi.isi_berkas(con_master.cursor(), sid) == ("bku.csv", data)
    assert periksa.periksa(con_master).ok


def test_a_damaged_compressed_original_is_reported_not_a_crash(con_master):
    hasil = impor(con_master, [("bku.csv", bku_csv(15_000))], oleh="uji")
    sid = hasil.submissions[0]["id"]
    stored = con_master.execute("SELECT isi FROM submission_berkas WHERE submission_id = ?",
                                [sid]).fetchone()[0]
    damaged = stored[: len(stored) // 2] + bytes(100)
    con_master.execute("UPDATE submission_berkas SET isi = ? WHERE submission_id = ?",
                       [damaged, sid])
    hasil = periksa.periksa(con_master)
    assert not hasil.ok
    assert any("tidak cocok" in m.pesan and "bku.csv" in m.objek for m in hasil.masalah)
