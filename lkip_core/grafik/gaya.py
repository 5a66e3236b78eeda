"""The look shared by every chart: readable on a projector, Indonesian numbers, one colour per
predikat everywhere (pages, the briefing deck and the PDF use the same figures).
"""

from __future__ import annotations

import math
import re
import statistics
import textwrap
from collections.abc import Sequence

import plotly.graph_objects as go

from .. import fmt

# Colours: predikat from best (dark green) to worst (red); grey where there is no capaian.
HIJAU_TUA, HIJAU, KUNING, JINGGA, MERAH = "#1B5E20", "#43A047", "#F9A825", "#EF6C00", "#C62828"
ABU = "#9E9E9E"
BIRU, BIRU_MUDA, GELAP = "#1565C0", "#90CAF9", "#37474F"
_TANGGA = (HIJAU_TUA, HIJAU, KUNING, JINGGA, MERAH)

WARNA_PREDIKAT: dict[str, str] = {
    # domain.md, the Permendagri 86/2017 scale
    "Sangat Tinggi": HIJAU_TUA, "Tinggi": HIJAU, "Sedang": KUNING, "Rendah": JINGGA,
    "Sangat Rendah": MERAH,
    # the second preset
    "Sangat Berhasil": HIJAU_TUA, "Berhasil": HIJAU, "Cukup Berhasil": KUNING,
    "Kurang Berhasil": MERAH,
}
TANPA_CAPAIAN = "Tanpa capaian"

FONT = 16  # body text; titles larger, tick labels never below 14
FONT_KECIL = 14
JUDUL_LEBAR = 44  # characters of a chart title per line
PENCILAN = 150.0  # a capaian or serapan above this (and far from the rest) is an outlier
TANDA_PENCILAN = " ▸"  # after the value of a bar drawn to the axis end (the real value beyond)

# Plotly's own words (toolbar, date axes) in Indonesian: the config's `locale` with a
# dictionary of the strings the reduced toolbar and the axes show.
LOKAL_ID = {
    "dictionary": {
        "Download plot as a PNG": "Unduh grafik sebagai PNG",
        "Download plot": "Unduh grafik",
        "Autoscale": "Skala otomatis", "Reset axes": "Kembalikan sumbu",
        "Zoom in": "Perbesar", "Zoom out": "Perkecil", "Pan": "Geser", "Zoom": "Zum",
        "Double-click to zoom back out": "Klik dua kali untuk memperkecil lagi",
        "Taking snapshot - this may take a few seconds":
            "Membuat gambar — mungkin perlu beberapa detik",
        "Snapshot succeeded": "Gambar berhasil dibuat",
        "Sorry, there was a problem downloading your snapshot!":
            "Maaf, gambar grafik gagal diunduh.",
    },
    "format": {
        "days": ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
        "shortDays": ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"],
        "months": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                   "September", "Oktober", "November", "Desember"],
        "shortMonths": ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt",
                        "Nov", "Des"],
        "date": "%d/%m/%Y", "decimal": ",", "thousands": ".",
    },
}


def nama_berkas(judul: str, awalan: str = "grafik") -> str:
    """An Indonesian file name for a chart's PNG from its title: "grafik_capaian_per_sasaran"."""
    polos = re.sub(r"<[^>]+>", " ", str(judul)).lower()  # no <b>, <br> in a file name
    kata = re.sub(r"[^0-9a-z]+", "_", polos).strip("_")
    return f"{awalan}_{kata}"[:80].rstrip("_") if kata else awalan


def konfigurasi(judul: str = "grafik") -> dict:
    """The one plotly config of every page chart: Indonesian locale and separators, the
    toolbar reduced to "Unduh grafik sebagai PNG" saving under an Indonesian file name."""
    return {
        "locale": "id", "locales": {"id": LOKAL_ID}, "displaylogo": False,
        "modeBarButtons": [["toImage"]], "scrollZoom": False,
        "toImageButtonOptions": {"format": "png", "filename": nama_berkas(judul), "scale": 2},
    }


def kosong(x: object) -> bool:
    """None or NaN: a value not filled in."""
    return x is None or (isinstance(x, float) and math.isnan(x))


def warna_predikat(label: str | None, skala: Sequence[tuple[float, str]] | None = None) -> str:
    """The colour of a predikat: fixed for the two presets, by rank for a custom scale."""
    if label is None or kosong(label) or label == TANPA_CAPAIAN:
        return ABU
    if label in WARNA_PREDIKAT:
        return WARNA_PREDIKAT[label]
    labels = [lbl for _, lbl in (skala or ())]
    if label in labels:
        if len(labels) == 1:
            return HIJAU
        posisi = labels.index(label) / (len(labels) - 1)
        return _TANGGA[round(posisi * (len(_TANGGA) - 1))]
    return ABU


def urutan_predikat(skala: Sequence[tuple[float, str]] | None) -> list[str]:
    """Predikat labels from best to worst (the scale's order), for legends and axes."""
    if skala:
        return [lbl for _, lbl in skala]
    return ["Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"]


def baris(df, kolom: Sequence[str]) -> list[dict]:
    """The rows of a frame as dicts, only the columns a chart uses (a capaian table has sixty;
    converting all of them cost more than drawing the chart at city scale)."""
    return df[[k for k in kolom if k in df.columns]].to_dict("records")


def batasi(rows: list[dict], kunci: str, maks: int | None, *, terbesar: bool = False
           ) -> tuple[list[dict], str]:
    """At most `maks` rows for a bar chart that must stay readable at city scale: the lowest
    (or, with `terbesar`, the highest) by `kunci`, kept in their original order. Returns the
    rows and a note for the title ("" when nothing was left out)."""
    if maks is None or len(rows) <= maks:
        return rows, ""
    urut = sorted(range(len(rows)), reverse=terbesar,
                  key=lambda i: (kosong(rows[i][kunci]) != terbesar,
                                 0.0 if kosong(rows[i][kunci]) else float(rows[i][kunci])))
    pilih = sorted(urut[:maks])
    kata = "terbesar" if terbesar else "terendah"
    return [rows[i] for i in pilih], f" ({maks} {kata} dari {len(rows)})"


def bungkus(teks: object, lebar: int = 45, baris: int = 3) -> str:
    """A long label broken into lines (plotly breaks on <br>), at most `baris` lines."""
    if kosong(teks):
        return ""
    potong = textwrap.wrap(str(teks), lebar) or [""]
    if len(potong) > baris:
        potong = potong[:baris]
        potong[-1] = potong[-1][: max(lebar - 1, 1)] + "…"
    return "<br>".join(potong)


def pendek(teks: object, lebar: int = 60) -> str:
    """A label cut to `lebar` characters (hover texts of thousands of dots: no textwrap)."""
    if kosong(teks):
        return ""
    t = str(teks)
    return t if len(t) <= lebar else t[: lebar - 1] + "…"


def nilai(x: object, satuan: str | None = None) -> str:
    """A measured value as text: whole numbers without decimals, otherwise two (6,20)."""
    if kosong(x):
        return fmt.KOSONG
    f = float(x)
    teks = fmt.angka(f, 0 if f.is_integer() else 2)
    return f"{teks} {satuan}".strip() if satuan else teks


def skala_rupiah(maks: float) -> tuple[float, str]:
    """(divisor, word) so that money axes read "6,91 miliar" rather than 6.910.387.000."""
    for bagi, kata in ((1e12, "triliun"), (1e9, "miliar"), (1e6, "juta"), (1e3, "ribu")):
        if maks >= bagi:
            return bagi, kata
    return 1.0, ""


_SINGKATAN = {"triliun": "T", "miliar": "M", "juta": "jt"}


def rupiah_ringkas(x: object, singkat: bool = False) -> str:
    """Money short enough for a headline: "Rp 21,13 miliar", or with `singkat` "Rp 21,13 M"
    (as finance reports abbreviate; the full figure is `fmt.rupiah`)."""
    if kosong(x):
        return fmt.KOSONG
    f = float(x)
    bagi, kata = skala_rupiah(abs(f))
    if bagi < 1e6:
        return fmt.rupiah(f)
    kata = _SINGKATAN[kata] if singkat else kata
    return f"{'-' if f < 0 else ''}Rp {fmt.angka(abs(f) / bagi, 2)} {kata}"


def teks_batang(warna: str, jangkar: str = "end") -> dict:
    """Bar labels inside the bar when they fit (white, or dark on yellow), else just outside:
    a label never collides with a target line or marker drawn across the bars."""
    gelap = warna in (KUNING, ABU, BIRU_MUDA, "#ECEFF1")
    return {"textposition": "auto", "insidetextanchor": jangkar, "cliponaxis": False,
            "insidetextfont": {"size": FONT, "color": "#212121" if gelap else "white"},
            "outsidetextfont": {"size": FONT, "color": "#212121"}, "constraintext": "none"}


def tata_letak(fig: go.Figure, judul: str, *, x: str | None = None, y: str | None = None,
               tinggi: int | None = None, legenda: bool = True) -> go.Figure:
    """Apply the house look: white, large type, Indonesian separators, title at the left.

    A long title is wrapped (it was cut at the right of a half-width column at 1280 px) and
    the top margin grows with its lines."""
    judul = bungkus(judul, JUDUL_LEBAR, 3) if len(judul) > JUDUL_LEBAR else judul
    tambah = 28 * judul.count("<br>")
    fig.update_layout(
        template="plotly_white",
        separators=",.",  # decimal comma, thousands dot: 1.234,5
        font={"family": "Arial, Helvetica, sans-serif", "size": FONT, "color": "#212121"},
        # plotly lifts a title of several lines ~14 px above its anchor: lowered to match
        title={"text": judul, "font": {"size": 20}, "x": 0.01, "xanchor": "left",
               "y": 0.98 - (18 / ((tinggi or 450) + tambah) if tambah else 0),
               "yanchor": "top"},
        margin={"l": 20, "r": 30, "t": (110 if legenda else 80) + tambah, "b": 30},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "xanchor": "left",
                "font": {"size": FONT_KECIL}, "title": {"text": ""}},
        showlegend=legenda,
        hoverlabel={"font": {"size": FONT_KECIL}},
        height=tinggi + tambah if tinggi else None,
    )
    fig.update_xaxes(title={"text": x, "font": {"size": FONT}}, tickfont={"size": FONT_KECIL},
                     automargin=True, zeroline=False)
    fig.update_yaxes(title={"text": y, "font": {"size": FONT}}, tickfont={"size": FONT_KECIL},
                     automargin=True, zeroline=False)
    return fig


def kosongkan(judul: str, pesan: str = "Belum ada data untuk ditampilkan") -> go.Figure:
    """An empty chart that says why, so a page or a slide never shows a blank frame."""
    fig = go.Figure()
    fig.add_annotation(text=pesan, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font={"size": 18, "color": GELAP})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return tata_letak(fig, judul, tinggi=300, legenda=False)


def sumbu_pencilan(nilai: Sequence[object], minimum: float, ruang: float = 1.18
                   ) -> tuple[float, float | None]:
    """The upper end of a percentage axis sized to the data, and the outlier threshold (None
    when there is no outlier). An outlier is above `PENCILAN` and above Q3 + 1.5 × IQR of the
    values: it is drawn at the axis end and marked (`jepit`, `TANDA_PENCILAN`) instead of
    stretching the axis until every other bar is a sliver."""
    ada = sorted(float(v) for v in nilai if not kosong(v))
    if not ada:
        return minimum, None
    batas = PENCILAN
    if len(ada) >= 4:
        q1, _, q3 = statistics.quantiles(ada, n=4, method="inclusive")
        batas = max(PENCILAN, q3 + 1.5 * (q3 - q1))
    biasa = [v for v in ada if v <= batas]
    atas = max(minimum, (max(biasa) if biasa else minimum) * ruang)
    return atas, (batas if len(biasa) < len(ada) else None)


def pencilan(v: object, batas: float | None) -> bool:
    return batas is not None and not kosong(v) and float(v) > batas


def jepit(v: object, atas: float, batas: float | None) -> float | None:
    """The length to draw: an outlier stops at the axis end (its label keeps the real value)."""
    if kosong(v):
        return None
    return atas if pencilan(v, batas) else float(v)


def persen_tanda(v: object, batas: float | None) -> str:
    """A bar's label: the real value, with ▸ when the bar was cut at the axis end."""
    return fmt.persen(v) + (TANDA_PENCILAN if pencilan(v, batas) else "")
