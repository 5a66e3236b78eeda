"""SOP steps 10–12: the publication package of a ratified year, kept in the archive.

One zip: the signed PDF (with its Lembar Pengesahan), the verified DOCX, the surat pengantar,
the Lampiran I–V workbook, the Bab III tables, and `manifest.json` listing every file with its
SHA-256, the data submissions the figures were read from, and who signed what and when. The
year is locked once ratified, so the workbooks written now hold the figures of the signed book.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import datetime

import duckdb

from lkip_core import lampiran
from lkip_core.lampiran import arsip

from ..akun.model import Akun
from . import pengesahan
from .pelaku import pelaku, wajib
from .surat import buat_surat

JENIS = "publikasi"
_KIRIMAN = """
SELECT id, jenis, kode_unit, tahun, nama_berkas, sha256, oleh, waktu FROM submission
WHERE list_contains(?, id) ORDER BY id
"""


def nama_berkas(tahun: int) -> str:
    return f"publikasi_lkip_{tahun}.zip"


def buat_paket(con: duckdb.DuckDBPyConnection, tahun: int, *, oleh: Akun | str) -> tuple[int, bytes]:
    """Build, archive and return (archive id, zip bytes) of the package of a ratified year."""
    a = wajib(con, pelaku(con, oleh), "ekspor", objek=nama_berkas(tahun), tahun=tahun)
    cur = con.cursor()
    r = pengesahan.wajib_disahkan(cur, tahun)
    sah, verif = r.step("sahkan"), r.step("verifikasi")
    berkas = {
        f"lkip_{tahun}_disahkan.pdf": arsip.isi_ekspor(cur, sah.ekspor_sah),
        f"naskah_lkip_{tahun}.docx": arsip.isi_ekspor(cur, verif.ekspor_docx),
        f"surat_pengantar_lkip_{tahun}.docx": buat_surat(con, tahun),
        lampiran.nama_berkas(tahun): lampiran.buku_lampiran(con, tahun),
        lampiran.nama_berkas(tahun, lampiran.BAB3): lampiran.buku_bab3(con, tahun),
    }
    sumber = arsip.sumber_aktif(cur, tahun)
    kiriman = [{"id": i, "jenis": j, "kode_unit": u, "tahun": t, "nama_berkas": n,
                "sha256": h, "oleh": o, "waktu": w.isoformat(timespec="seconds")}
               for i, j, u, t, n, h, o, w in cur.execute(_KIRIMAN, [sumber]).fetchall()]
    manifest = {
        "tahun": tahun, "dibuat": datetime.now().isoformat(timespec="seconds"),
        "oleh": a.nama_pengguna, "status": r.status, "sha256_naskah_disetujui": r.pdf[1],
        "berkas": [{"nama": n, "sha256": hashlib.sha256(b).hexdigest(), "ukuran": len(b)}
                   for n, b in berkas.items()],
        "kiriman": kiriman,
        "pengesahan": [s.to_dict() for s in r.putaran],
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in berkas.items():
            z.writestr(n, b)
        z.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    isi = buf.getvalue()
    eid = arsip.arsipkan(con, jenis=JENIS, tahun=tahun, nama_berkas=nama_berkas(tahun), isi=isi,
                         oleh=a.nama_pengguna, submission_ids=sumber)
    return eid, isi
