"""Publications written as content pages: tables, dashboards, infographics and books.

- front.py       the front matter of a publication page (`jenis: tabel | dasbor | infografis | buku`)
- blocks.py      the fenced blocks of a page (```grafik, ```angka, ```tabel, ```ikon) and their HTML
- infographic.py an infographic: HTML for the site, PNG 1080x1350 (Chromium) and PDF (WeasyPrint)
- book.py        a book: print-grade PDF (WeasyPrint) and its HTML for the site
"""
