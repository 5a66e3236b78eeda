"""Writing the demo's input files as a user would have them: xlsx with kolom.py headers."""

from __future__ import annotations

import datetime as dt
import io

from lkip_core.masukan.kolom import Lembar

from ..unduhan import buku_kerja

_DIBUAT = dt.datetime(2025, 1, 2)  # fixed, so the same data gives the same bytes


def xlsx(sheets: list[tuple[Lembar, list[dict]]], *, judul: tuple[str, ...] = (),
         total: str | None = None, besar: bool = False) -> bytes:
    """A workbook with one sheet per Lembar: optional title rows, the header, the rows.

    Codes and texts are written as text, dates as date cells, the rest as numbers. `total`
    names a money column to close the sheet with a "JUMLAH" row, as finance exports do.
    `besar` writes in constant-memory mode (row by row) for the city-scale set.
    """
    buf = io.BytesIO()
    wb = buku_kerja(buf, constant_memory=besar)
    wb.set_properties({"created": _DIBUAT, "author": "LKIP Dashboard (data demo)"})
    bold = wb.add_format({"bold": True})
    head = wb.add_format({"bold": True, "border": 1, "bg_color": "#D9E1F2", "text_wrap": True})
    tanggal = wb.add_format({"num_format": "dd/mm/yyyy"})
    uang = wb.add_format({"num_format": "#,##0"})
    teks = wb.add_format({"num_format": "@"})
    for lembar, rows in sheets:
        ws = wb.add_worksheet(lembar.nama)
        for r, t in enumerate(judul):
            ws.write_string(r, 0, t, bold)
        h = len(judul) + (1 if judul else 0)
        fmt = {}
        for c, k in enumerate(lembar.kolom):
            ws.write_string(h, c, k.header, head)
            ws.set_column(c, c, 40 if k.nama.startswith(("uraian", "nama")) else 16)
            fmt[k.nama] = {"date": tanggal, "money": uang, "code": teks}.get(k.jenis)
        kolom = [(c, k.nama, k.jenis, fmt[k.nama]) for c, k in enumerate(lembar.kolom)]
        r = h
        for r, row in enumerate(rows, start=h + 1):
            for c, nama, jenis, f in kolom:
                v = row.get(nama)
                if v is None:
                    continue
                if jenis == "date":
                    ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), f)
                elif isinstance(v, str):
                    ws.write_string(r, c, v, f)
                else:
                    ws.write_number(r, c, v, f)
        if total:
            c = next(i for i, k in enumerate(lembar.kolom) if k.nama == total)
            ws.write_string(r + 1, 0, "JUMLAH", bold)
            ws.write_number(r + 1, c, sum(row[total] for row in rows), uang)
        ws.freeze_panes(h + 1, 0)
    wb.close()
    return buf.getvalue()
