#!/usr/bin/env python3
"""The same work as `kso bench`'s "12-page register, layout + P-256 signature", done in Python for
comparison (docs/PERFORMANCE.md): fpdf2 lays out the register (A4 landscape, Liberation Sans
embedded and subset, the header row repeated on every page, "Lk n/N" footers) and pyHanko signs
it (PAdES, P-256 key from a .p12). Needs `pip install fpdf2 pyHanko pyhanko-cli`.

    python3 tests/pdf/bench_python.py KEY.p12 PASSWORD [--rows N] [--runs N] [--simple]
"""

import argparse
import io
import statistics
import time
from pathlib import Path

from fpdf import FPDF
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

FONTS = Path(__file__).resolve().parents[2] / "crates/kso-pdf/fonts"
TITLES = ["Nr", "Pealkiri", "Tarnija", "Rida", "Kehtivus", "Ilma KM-ta", "Koos KM-ga", "Arveldatud", "Jääk", "Seis",
          "Allkirjastaja"]
WIDTHS = [1.3, 3.1, 2.6, 0.8, 2.5, 1.6, 1.6, 1.6, 1.6, 1.4, 2.0]


def rows(n):
    # The same rows as `register_rows` in crates/kso-cli/src/bench.rs.
    return [[f"2026-{i + 1:03}", f"Seireteenuse hooldus ja tugi nr {i + 1}", "Õunapuu ja Šokolaad OÜ", "4500",
             "01.01.2026–31.12.2026", "9 950,00 €", "12 338,00 €", "8 433,26 €", "1 516,74 €", "kehtiv",
             "Mari Maasikas (osakonnajuhataja)"] for i in range(n)]


class Register(FPDF):
    def header(self):
        self.set_font("LS", size=8)
        self.cell(0, 5, "SMIT · Kasutajatoe- ja seireosakond")
        self.cell(0, 5, "Lepingute register 2026", align="R", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self):
        self.set_y(-12)
        self.set_font("LS", size=7.5)
        self.cell(0, 5, "Koostatud 03.12.2026 14:05 · Dokument KSO-2026-0001")
        self.cell(0, 5, f"Lk {self.page_no()}/{{nb}}", align="R")


def render(data, simple=False):
    pdf = Register(orientation="L", format="A4")
    pdf.add_font("LS", "", str(FONTS / "LiberationSans-Regular.ttf"))
    pdf.add_font("LS", "B", str(FONTS / "LiberationSans-Bold.ttf"))
    pdf.set_margins(15, 12, 15)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("LS", "B", 15)
    pdf.cell(0, 8, "Lepingute register 2026", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("LS", "", 10)
    pdf.cell(0, 6, "Lepingud, mis kehtivad 2026. aastal", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("LS", "", 8)
    total = sum(WIDTHS)
    widths = [w / total * (297 - 30) for w in WIDTHS]
    def heading():
        pdf.set_font("LS", "B", 8)
        pdf.set_fill_color(225)
        for title, w in zip(TITLES, widths):
            pdf.cell(w, 5.7, title, border="B", fill=True)
        pdf.ln(5.7)
        pdf.set_font("LS", "", 8)

    heading()
    if simple:
        # The floor: one line per row, no wrapping (long text runs over its column).
        for r in data:
            if pdf.get_y() + 5.7 > pdf.h - 14:
                pdf.add_page()
                heading()
            for i, (text, w) in enumerate(zip(r, widths)):
                pdf.cell(w, 5.7, text, border="B", align="R" if 5 <= i <= 8 else "L")
            pdf.ln(5.7)
        return bytes(pdf.output())
    for r in data:
        # Each row as high as its tallest cell, as the Rust layer does.
        lines = max(len(pdf.multi_cell(w - 2, 4.2, text, dry_run=True, output="LINES")) for text, w in zip(r, widths))
        row_h = lines * 4.2 + 1.5
        if pdf.get_y() + row_h > pdf.h - 14:
            pdf.add_page()
            heading()
        y = pdf.get_y()
        for i, (text, w) in enumerate(zip(r, widths)):
            x = pdf.get_x()
            pdf.multi_cell(w, 4.2, text, align="R" if 5 <= i <= 8 else "L", max_line_height=4.2,
                           new_x="RIGHT", new_y="TOP")
            pdf.set_xy(x + w, y)
        pdf.set_y(y + row_h)
        pdf.line(15, y + row_h, 297 - 15, y + row_h)
    return bytes(pdf.output())


def pages_of(pdf_bytes):
    from pyhanko.pdf_utils.reader import PdfFileReader
    return len(PdfFileReader(io.BytesIO(pdf_bytes)).root["/Pages"]["/Kids"])


def sign(pdf_bytes, signer):
    w = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
    meta = signers.PdfSignatureMetadata(field_name="Signature1", md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES)
    out = io.BytesIO()
    signers.sign_pdf(w, meta, signer=signer, output=out)
    return out.getvalue()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("p12")
    p.add_argument("password")
    p.add_argument("--rows", type=int, default=0, help="rows (default: as many as make 12 pages)")
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--simple", action="store_true", help="one line per row, no wrapping (the floor)")
    a = p.parse_args()
    signer = signers.SimpleSigner.load_pkcs12(a.p12, passphrase=a.password.encode())
    n = a.rows
    if n == 0:
        n = 10
        count = lambda k: pages_of(render(rows(k), a.simple))
        while count(n) < 12:
            n += 10
        while count(n - 1) >= 12:
            n -= 1
    data = rows(n)
    times_render, times_both = [], []
    for _ in range(a.runs):
        t = time.perf_counter()
        pdf = render(data, a.simple)
        times_render.append(time.perf_counter() - t)
        t = time.perf_counter()
        signed = sign(render(data, a.simple), signer)
        times_both.append(time.perf_counter() - t)
    pages = pages_of(pdf)
    print(f"{n} rows, {pages} pages, {len(signed)} bytes signed")
    print(f"fpdf2 layout:                 median {statistics.median(times_render) * 1000:.1f} ms")
    print(f"fpdf2 layout + pyHanko sign:  median {statistics.median(times_both) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
