"""Who is signed in: the session token, its cookie, the login page, the sidebar's account block.

A signed-in person holds a token of `lkip_core.akun` (signed, expiring after `sesi_menit` idle
minutes, worthless after sign-out). It lives in the session state, so every rerun of this
browser tab knows the account — that is also the way AppTest signs in — and in a cookie, so a
reload or a new tab keeps the person signed in: the app reads the cookie with
`st.context.cookies` and writes it with a one-line script in the page (`st.html`), SameSite=Strict.
The token is renewed at most once a minute of activity, which is what makes the expiry idle time.

Where `.streamlit/secrets.toml` has an `[auth]` section, "Masuk dengan akun kantor" signs in
through OpenID Connect (`st.login`); the e-mail is mapped to an account by the `[lkip.email]`
table of the same file. The password path is the default.
"""

from __future__ import annotations

import time
from collections.abc import Mapping

import streamlit as st

from lkip_core import akun as akun_inti
from lkip_core import fmt, pengaturan
from lkip_core.akun import Akun
from lkip_core.akun.peran import LABEL_PERAN
from lkip_core.demo.akun import akun_contoh
from lkip_core.errors import LkipError
from pages._muat_awal import muat_grafik_awal

KUKI = "lkip_sesi"
K_TOKEN = "_lkip_token"  # the session's token (AppTest puts one here to sign in)
K_WAKTU = "_lkip_token_waktu"  # when this session's token was issued (time.time())
K_AKUN = "_lkip_akun"  # the account of this run, for ui.akun()
K_PESAN = "_lkip_pesan_masuk"  # a sentence for the login page (session ended, signed out)
K_GAGAL = "_lkip_masuk_gagal"  # why the last sign-in was refused, for the login page
SEGARKAN = 60  # seconds between token renewals while the person is active
PERINTAH_ADMIN = ".venv/bin/python -m lkip_core pengguna tambah admin --peran admin --sandi-stdin"


# --- The account of this run ---------------------------------------------------------------

def _kuki() -> str | None:
    try:
        return st.context.cookies.get(KUKI)
    except Exception:  # noqa: BLE001 — no request behind this run (AppTest, a thread)
        return None


def akun_sekarang(con) -> Akun | None:
    """The signed-in account of this run (session token, else cookie, else OpenID Connect),
    renewing its token when due; None when nobody is signed in."""
    token = st.session_state.get(K_TOKEN)
    a = akun_inti.baca_token(con, token) if token else None
    if token and a is None:
        st.session_state.pop(K_TOKEN, None)
        st.session_state.setdefault(K_PESAN, "Sesi Anda sudah berakhir; silakan masuk lagi.")
    if a is None and (kuki := _kuki()) and kuki != token:
        a = akun_inti.baca_token(con, kuki)
        if a is not None:
            st.session_state[K_TOKEN], st.session_state[K_WAKTU] = kuki, 0.0
    if a is None:
        a = _dari_oidc(con)
    st.session_state[K_AKUN] = a
    if a is None:
        return None
    st.session_state.pop(K_PESAN, None)
    if time.time() - st.session_state.get(K_WAKTU, 0.0) > SEGARKAN:
        mulai_sesi(con, a)
    return a


def mulai_sesi(con, a: Akun) -> None:
    """Give this session a fresh token for `a` (after signing in, and to renew it)."""
    st.session_state[K_TOKEN] = akun_inti.buat_token(con, a)
    st.session_state[K_WAKTU] = time.time()
    st.session_state[K_AKUN] = a


def keluar(con) -> None:
    """Sign out: every token of the account ends (core, audited); the cookie goes."""
    akun_inti.keluar(con, st.session_state.pop(K_TOKEN, None))
    st.session_state.pop(K_WAKTU, None)
    st.session_state[K_AKUN] = None
    st.session_state[K_PESAN] = "Anda sudah keluar."
    if _oidc_aktif() and getattr(st.user, "is_logged_in", False):
        st.logout()


def tulis_kuki(con) -> None:
    """The script that keeps the cookie equal to this session's token (or removes it).

    Drawn on every run: an unchanged script is not run again by the browser; a new token is."""
    token = st.session_state.get(K_TOKEN)
    if token:
        umur = int(float(pengaturan.baca(con, "sesi_menit")) * 60)
        isi = f"{KUKI}={token}; Max-Age={umur}"
    elif _kuki() is not None:
        isi = f"{KUKI}=; Max-Age=0"
    else:
        return
    # A token is base64url and one dot: nothing in it can end the string or the script.
    st.html(f'<script>document.cookie = "{isi}; Path=/; SameSite=Strict" + '
            f'(location.protocol === "https:" ? "; Secure" : "");</script>',
            unsafe_allow_javascript=True, width="content")


# --- OpenID Connect (optional) ---------------------------------------------------------------

def _oidc_aktif() -> bool:
    try:
        return bool(st.secrets.get("auth"))
    except Exception:  # noqa: BLE001 — no secrets.toml: the password path only
        return False


def peta_email() -> dict[str, str]:
    """`[lkip.email]` of secrets.toml: e-mail (any case) → user name."""
    try:
        peta = st.secrets.get("lkip", {}).get("email", {})
    except Exception:  # noqa: BLE001
        return {}
    return {str(k).strip().lower(): str(v) for k, v in dict(peta).items()}


def akun_dari_email(con, email: str | None,
                    peta: Mapping[str, str]) -> Akun | None:
    """The active account an e-mail maps to, or None (unknown e-mail, inactive account)."""
    nama = peta.get((email or "").strip().lower())
    a = akun_inti.ambil(con, nama) if nama else None
    return a if a is not None and a.aktif else None


def _dari_oidc(con) -> Akun | None:
    if not _oidc_aktif() or not getattr(st.user, "is_logged_in", False):
        return None
    email = st.user.get("email")
    a = akun_dari_email(con, email, peta_email())
    if a is None:
        st.session_state[K_PESAN] = (f"E-mail {email} belum terhubung ke akun aktif; minta admin "
                                     "menambahkannya ke [lkip.email] di secrets.toml.")
        return None
    akun_inti.audit.catat(con.cursor(), a, "masuk", a.nama_pengguna, rincian={"cara": "oidc"})
    mulai_sesi(con, a)
    return a


# --- Navigation ----------------------------------------------------------------------------

# Pages that share the permission of another page of lkip_core.akun.HALAMAN
SAMA_DENGAN = {"cadangan": "pengaturan"}


def izin(kunci: str) -> str:
    """The HALAMAN key that decides who may open the page `kunci`."""
    return SAMA_DENGAN.get(kunci, kunci)


def navigasi(a: Akun, halaman: dict[str, dict[str, st.Page]]) -> dict[str, list[st.Page]]:
    """The sections and pages `a` may open (lkip_core.akun.halaman_untuk), in order."""
    boleh = set(akun_inti.halaman_untuk(a))
    nav = {bagian: [p for k, p in isi.items() if izin(k) in boleh]
           for bagian, isi in halaman.items()}
    return {bagian: isi for bagian, isi in nav.items() if isi}


def navigasi_tamu(halaman: dict[str, dict[str, st.Page]], masuk: st.Page) -> list[st.Page]:
    """Only the login page — also under every page's address, so a deep link shows the login
    form (not "page not found") and, once signed in, opens the page it named."""
    return [masuk, *(st.Page(halaman_masuk, title="Masuk", url_path=p.url_path,
                             visibility="hidden")
                     for isi in halaman.values() for p in isi.values())]


def kunci_halaman(halaman: dict[str, dict[str, st.Page]], page: st.Page) -> str | None:
    for isi in halaman.values():
        for k, p in isi.items():
            if p.url_path == page.url_path:
                return izin(k)
    return None


# --- What the person sees ------------------------------------------------------------------

# Text that does not fit wraps instead of ending in "…": Streamlit cuts the sidebar's section
# titles, widget labels, metric labels and values and button labels to one line. Only the
# wrapping properties, and a metric value scaled to the window (presentation mode keeps its
# own size). Checked on every page at 1440×900 and 1280×720 by tests/test_browser_tampilan.py.
GAYA = """<style>
[data-testid="stNavSectionHeader"], [data-testid="stNavSectionHeader"] *,
[data-testid="stWidgetLabel"] [data-testid="stMarkdownContainer"],
[data-testid="stWidgetLabel"] [data-testid="stMarkdownContainer"] *,
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"],
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] *,
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"],
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] *,
button [data-testid="stMarkdownContainer"], button [data-testid="stMarkdownContainer"] * {
    white-space: normal !important; overflow: visible !important;
    text-overflow: clip !important;
}
[data-testid="stMetricValue"] { height: auto !important; }
/* "Rp 21,13 M" on one line in five columns at 1280 px; presentation mode sets its own size */
div[data-testid="stMetricValue"] { font-size: clamp(1.5rem, 2.1vw, 2.25rem); }
</style>"""


def gaya() -> None:
    """The shared style (GAYA), drawn once per run without taking room on the page."""
    st.html(GAYA)


def sidebar_akun(con, a: Akun) -> None:
    """Who is signed in (name, role, unit) and the Keluar button."""
    gaya()
    with st.sidebar:
        st.divider()
        st.markdown(f":material/account_circle: **{fmt.aman_md(a.nama_tampil)}**")
        st.caption(LABEL_PERAN.get(a.peran, a.peran)
                   + (f" · unit {a.kode_unit}" if a.kode_unit else "")
                   + f" · `{a.nama_pengguna}`")
        if st.button("Keluar", icon=":material/logout:", key="keluar"):
            keluar(con)
            st.rerun()
        tulis_kuki(con)
        muat_grafik_awal()


def _masuk_sekarang() -> None:
    """The form's callback, run before the app's script: sign in here, so that this very run
    already shows the account's landing page (no login page drawn in between); a refusal is
    kept for the login page. The password field is emptied either way."""
    from pages import _bersama as ui

    nama = st.session_state.get("masuk_nama", "")
    sandi = st.session_state.get("masuk_sandi", "")
    st.session_state["masuk_sandi"] = ""

    def jalan() -> None:
        mulai_sesi(ui.con(), akun_inti.masuk(ui.con(), nama, sandi))

    try:
        ui.dengan_db(jalan)()
    except LkipError as exc:  # wrong name or password, locked, inactive; a busy database
        st.session_state[K_GAGAL] = str(exc)


def halaman_masuk() -> None:
    """The login page (also drawn under every other page's address when signed out)."""
    from pages import _bersama as ui

    con = ui.con()
    gaya()
    st.title("LKIP Dashboard")
    st.caption("Laporan Kinerja Instansi Pemerintah · SOP 065/767-1.01/BKPSDM. Masuk dengan akun "
               "Anda untuk melanjutkan.")
    if pesan := st.session_state.pop(K_PESAN, None):
        st.info(fmt.aman_md(pesan))
    gagal = st.session_state.pop(K_GAGAL, None)
    kiri, kanan = st.columns([2, 3], gap="large")
    with kiri:
        with st.form("form_masuk"):
            st.text_input("Nama pengguna", key="masuk_nama", autocomplete="username")
            st.text_input("Kata sandi", type="password", key="masuk_sandi",
                          autocomplete="current-password")
            st.form_submit_button("Masuk", type="primary", on_click=_masuk_sekarang,
                                  key="masuk_kirim")
        if gagal:
            st.error(gagal)  # the core's words: they never repeat what was typed
        if _oidc_aktif() and st.button("Masuk dengan akun kantor", key="masuk_oidc",
                                       icon=":material/badge:"):
            st.login()
    if akun_inti.daftar(con).empty:
        with kanan:
            st.warning("Belum ada akun di basis data ini. Buat admin pertama dari baris perintah "
                       "di server (kata sandi minimal 10 karakter dibaca dari stdin):")
            st.code(f"echo 'kata sandi panjang' | {PERINTAH_ADMIN}", language="bash")
    elif contoh := akun_contoh(con):
        with kanan, st.container(border=True, key="akun_contoh"):
            st.markdown("**Akun contoh** · data contoh, bukan data sungguhan")
            st.caption(f"Semua akun contoh memakai kata sandi `{contoh[0]['sandi']}`. Ganti atau "
                       "nonaktifkan akun ini sebelum aplikasi dipakai sungguhan.")
            st.markdown("\n".join(
                f"- `{c['nama']}` — {c['peran']}" + (f", unit {c['unit']}" if c["unit"] else "")
                for c in contoh))
    tulis_kuki(con)
    muat_grafik_awal(segera=False)  # the landing page's charts load while one types
