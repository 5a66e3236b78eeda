"""Every word a user reads is Indonesian (issue 14 item 2): an AppTest over every page, signed
in as admin on the demo database, lists the texts we set (titles, labels, help, placeholders,
captions, messages, table headers, chart titles and legends) and fails on a known English UI
word, on a widget left with Streamlit's English default ("Choose an option", "Select all"),
or on a code key (snake_case) shown to people."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator

import pytest
from aplikasi import ROOT, AppTest, masuk
from google.protobuf.json_format import MessageToDict

# Words of Streamlit's or a programmer's English that have no place on an Indonesian page.
INGGRIS = ("Upload", "Download", "Browse files", "Drag and drop", "per file", "Select all",
           "Choose an option", "Choose options", "Submit", "Cancel", "Delete", "Save",
           "Settings", "Search", "Loading", "Error", "Warning", "None", "nan", "NaN", "True",
           "False", "Clear", "Reset", "Close", "Next", "Previous", "Filter", "Click", "Please",
           "Sorry", "Failed", "Success", "Done", "Open", "Show", "Hide", "Edit", "Add",
           "Remove", "Select", "Choose", "Total rows", "Not found", "Unknown")
_INGGRIS = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, INGGRIS)) + r")(?![\w-])")
# snake_case: lower-case words joined by "_", not part of a file name (rekap_lkip_2025.xlsx) or
# a path; two leading/trailing underscores are Streamlit's or ours (__semua__), not shown.
_SNAKE = re.compile(r"(?<![\w./\\-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w./\\-])")
# The fields of an element's proto that hold text shown to people.
KUNCI_TEKS = {"label", "help", "placeholder", "body", "options", "caption", "title",
              "delta", "text"}


def _teks(obj, jalur: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k in KUNCI_TEKS:
                for t in (v if isinstance(v, list) else [v]):
                    if isinstance(t, str):
                        yield f"{jalur}.{k}", t
            if isinstance(v, dict | list):
                yield from _teks(v, f"{jalur}.{k}")
    elif isinstance(obj, list):
        for v in obj:
            yield from _teks(v, jalur)


def _simpul(node) -> Iterator:
    yield node
    for anak in getattr(node, "children", {}).values():
        yield from _simpul(anak)


def _grafik(spec: dict) -> Iterator[str]:
    lay = spec.get("layout", {})
    for bagian in (lay.get("title"), *(lay.get(k, {}).get("title") for k in lay
                                        if k.startswith(("xaxis", "yaxis")))):
        if isinstance(bagian, dict) and isinstance(bagian.get("text"), str):
            yield bagian["text"]
    for t in spec.get("data", []):
        if isinstance(t.get("name"), str):
            yield t["name"]
    for a in lay.get("annotations", []):
        if isinstance(a.get("text"), str):
            yield a["text"]


def teks_halaman(at: AppTest) -> list[tuple[str, str]]:
    """(where, text) for every text we set on the page and its sidebar."""
    out: list[tuple[str, str]] = []
    for node in _simpul(at._tree):
        proto = getattr(node, "proto", None)
        # code: the draft text to copy; html: the session cookie's script, never drawn
        if proto is None or getattr(node, "type", "") in ("code", "exception", "html"):
            continue
        jenis = getattr(node, "type", type(node).__name__)
        if jenis == "plotly_chart":
            out += [("grafik", t) for t in _grafik(json.loads(proto.spec))]
            continue
        if jenis == "arrow_data_frame" or type(node).__name__ == "Dataframe":
            out += [("judul kolom", str(c)) for c in node.value.columns]
            continue
        try:
            d = MessageToDict(proto, preserving_proto_field_name=True)
        except Exception:  # noqa: BLE001 — an element the test cannot read has no text for it
            continue
        out += [(f"{jenis}{j}", t) for j, t in _teks(d)]
        # Streamlit's own English where we left its default
        if jenis == "multiselect":
            if not d.get("placeholder") and not d.get("disabled"):
                out.append((f"{jenis} {d.get('label')}", "Choose options (bawaan Streamlit)"))
            if d.get("select_all", 0) != 0:
                out.append((f"{jenis} {d.get('label')}", "Select all (bawaan Streamlit)"))
        if jenis == "selectbox" and "default" not in d and not d.get("placeholder"):
            out.append((f"{jenis} {d.get('label')}", "Choose an option (bawaan Streamlit)"))
    return out


def masalah(teks: list[tuple[str, str]]) -> list[str]:
    temuan = []
    for dimana, t in teks:
        bersih = re.sub(r"<[^>]+>", " ", t)  # <b>, <br> in chart labels
        bersih = re.sub(r"https?://\S+", " ", bersih)
        bersih = re.sub(r"\[\[[^\]]*\]\]", " ", bersih)  # [[isian]]: what a user types in naskah
        if m := _INGGRIS.search(bersih):
            temuan.append(f"{dimana}: kata Inggris {m.group(0)!r} dalam {t[:120]!r}")
        if m := _SNAKE.search(bersih):
            temuan.append(f"{dimana}: kunci kode {m.group(0)!r} dalam {t[:120]!r}")
    return temuan


def test_the_checker_bites():
    assert masalah([("x", "Upload berkas")]) and masalah([("x", "Tersimpan: skala_predikat")])
    assert masalah([("x", "Choose an option (bawaan Streamlit)")])
    assert not masalah([("x", "Unduh rekap_lkip_2025.xlsx (Rp 1.234.567)")])
    assert not masalah([("x", "Menampilkan 5 dari 17 temuan · status Info")])
    assert not masalah([("x", "Tulis isian, mis. [[capaian_rata]]")])


def _halaman() -> list[str]:
    """Every page of the navigation (the sign-in page is tested signed out, below)."""
    teks = (ROOT / "app.py").read_text(encoding="utf-8")
    return [p for p in re.findall(r'st\.Page\("(pages/[a-z0-9_]+\.py)"', teks)
            if p != "pages/akun_masuk.py"]


@pytest.fixture(scope="module")
def demo_app(demo_db, tmp_path_factory):
    """A copy of the demo database the app opens (the pages write: daily backup, sessions)."""
    salinan = tmp_path_factory.mktemp("kata") / "lkip.duckdb"
    shutil.copy(demo_db, salinan)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LKIP_DB", str(salinan))
        yield salinan


@pytest.mark.parametrize("halaman", _halaman())
def test_every_page_speaks_indonesian(demo_app, halaman):
    at = masuk(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120), "admin")
    at.run()
    at.switch_page(halaman)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    teks = teks_halaman(at)
    assert len(teks) > 5, teks  # the page drew its texts (not an error page)
    temuan = masalah(teks)
    assert not temuan, "\n".join(temuan)


def test_the_sign_in_page_speaks_indonesian(demo_app):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    teks = teks_halaman(at)
    assert any(t == "Masuk" for _, t in teks), teks
    temuan = masalah(teks)
    assert not temuan, "\n".join(temuan)


@pytest.mark.parametrize("halaman", ["pages/langkah1_unggah_data.py",
                                     "pages/langkah3_rekonsiliasi.py",
                                     "pages/langkah6_analisis_kinerja.py",
                                     "pages/langkah6_realisasi_anggaran.py"])
def test_an_operators_pages_speak_indonesian(demo_app, halaman):
    """An operator sees other widgets (its own unit fixed, a note instead of a review)."""
    at = masuk(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120), "op.mutasi")
    at.run()
    at.switch_page(halaman)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    temuan = masalah(teks_halaman(at))
    assert not temuan, "\n".join(temuan)
