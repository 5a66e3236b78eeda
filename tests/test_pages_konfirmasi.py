"""AppTest: a step that undoes finished work is asked about in a dialog first, and done (and
said in words) only after "Ya" — here, reopening a year the Kepala has locked."""

from __future__ import annotations

from test_naskah_halaman import PENGESAHAN, TAHUN, _pdf, app_demo, buka  # noqa: F401

from lkip_core import akun, db, naskah


def _kunci_tahun(path) -> None:
    """The chain walked in the core by three accounts: the year ends locked."""
    c = db.connect(path)
    s = naskah.jalankan(c, TAHUN, "verifikasi", oleh=akun.ambil(c, "admin"), docx=b"docx",
                        pdf=_pdf(3))
    naskah.jalankan(c, TAHUN, "setujui", oleh=akun.ambil(c, "sekretaris"), sha256=s.sha256)
    naskah.jalankan(c, TAHUN, "sahkan", oleh=akun.ambil(c, "kepala"), sha256=s.sha256)
    assert naskah.terkunci(c.cursor(), TAHUN) is not None
    c.close()


def _status(path) -> str:
    c = db.connect(path)
    try:
        return naskah.rantai(c.cursor(), TAHUN).status
    finally:
        c.close()


def test_reopening_a_locked_year_is_asked_first(app_demo):  # noqa: F811
    _kunci_tahun(app_demo)
    at = buka(PENGESAHAN)
    # no reason, no question: the reason is asked for where it is typed
    at.button(key="ps_buka").click().run()
    assert any("Isi alasannya" in e.value for e in at.error)
    assert "ps_buka_ya" not in [b.key for b in at.button]
    at.text_input(key="ps_catatan_buka").set_value("Koreksi data PKA").run()
    at.button(key="ps_buka").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("kembali menjadi **draf**" in m.value and "Koreksi data PKA" in m.value
               for m in at.markdown)
    assert _status(app_demo) == "disahkan"  # asking changed nothing
    at.button(key="ps_buka_batal").click().run()
    assert "ps_buka_ya" not in [b.key for b in at.button]
    assert _status(app_demo) == "disahkan"
    at.button(key="ps_buka").click().run()
    at.button(key="ps_buka_ya").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert _status(app_demo) == "draf"
    assert any("dibuka kembali" in s.value for s in at.success)
    c = db.connect(app_demo)
    log = akun.audit.daftar(c, tahun=TAHUN, aksi="pengesahan_buka")
    c.close()
    assert log.iloc[0]["rincian"]["catatan"] == "Koreksi data PKA"

