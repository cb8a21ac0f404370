"""A study written as a real survey export holds it: names, e-mail addresses, a consent column
(``ja``, ``Nee``, ``yes``, ``0``, empty), three respondents who share a name, and a name written
inside another respondent's change. Shared by the privacy tests."""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from pathlib import Path

STUDY = """\
impactkit: 1
id: werkplaats
title: Werkplaats Zuid
language: nl
question: Wat levert de werkplaats op, en voor wie?
route: nonlinear
stakeholders:
  - {id: studenten, name: Studenten, group: studenten, helix: onderwijs}
  - {id: bewoners, name: Bewoners, group: bewoners, helix: maatschappij}
changes: changes.csv
methods:
  idg: {}
"""

HEADER = [
    "Respondent",
    "Persoon",
    "E-mail",
    "Rol",
    "Stakeholder",
    "Verandering",
    "Citaat",
    "Toestemming",
    "Belang",
    "IDG",
]

# (respondent, name, role, stakeholder, change, quote, consent, importance, idg)
ROWS = [
    (
        "101",
        "Jan de Vries",
        "student",
        "studenten",
        "Ik werk beter samen met bewoners.",
        "Samenwerken met de buurt gaf mij energie.",
        "ja",
        5,
        "Samenwerken",
    ),
    (
        "102",
        "Jan de Vries",
        "student",
        "studenten",
        "Ik werk beter samen met bewoners.",
        "Zonder Jan de Vries was het nooit gelukt, zegt de buurt.",
        "Nee",
        5,
        "Samenwerken",
    ),
    (
        "103",
        "Jan de Vries",
        "student",
        "studenten",
        "Ik werk beter samen met bewoners.",
        "Ik had nooit gedacht dat een bewoner mij iets kon leren.",
        "",
        4,
        "Samenwerken",
    ),
    (
        "104",
        "Fatima Yilmaz",
        "bewoner",
        "bewoners",
        "Ik voel me minder alleen.",
        "Ik kom nu elke week bij de buurtkamer en ken mijn buren.",
        "nee",
        5,
        "Verbinden",
    ),
    (
        "105",
        "Piet Bakker",
        "bewoner",
        "bewoners",
        "Ik voel me minder alleen.",
        "Eindelijk iemand die luistert naar wat wij nodig hebben.",
        "yes",
        4,
        "Verbinden",
    ),
    (
        "106",
        "Anna Smit",
        "bewoner",
        "bewoners",
        "Samen met Fatima Yilmaz durf ik weer naar buiten.",
        "De wandelgroep is mijn vaste afspraak geworden op dinsdag.",
        "0",
        5,
        "Moed",
    ),
    (
        "107",
        "Sanne Visser",
        "student",
        "studenten",
        "Ik begrijp hoe ingewikkeld armoede is.",
        "Ik zie nu hoe schulden en gezondheid met elkaar samenhangen.",
        "TRUE",
        3,
        "Complexiteitsbewustzijn",
    ),
    (
        "108",
        "Kees Mulder",
        "student",
        "studenten",
        "Ik begrijp hoe ingewikkeld armoede is.",
        "Armoede is veel meer dan geen geld hebben, dat weet ik nu.",
        "",
        3,
        "Bewustzijn van complexiteit",
    ),
]
NAMES = sorted({row[1] for row in ROWS})
"""Every respondent's name: no output may hold one."""
WITHHELD = [row[5] for row in ROWS if row[6].strip().casefold() not in ("ja", "yes", "true", "1")]
"""The quotes without an explicit yes: no output may hold one."""
SHOWN = [row[5] for row in ROWS if row[6].strip().casefold() in ("ja", "yes", "true", "1")]
EMAILS = [f"{row[1].split()[0].lower()}.{row[0]}@example.org" for row in ROWS]


def changes_csv() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for (respondent, name, role, holder, change, quote, consent, importance, idg), email in zip(ROWS, EMAILS):
        writer.writerow([respondent, name, email, role, holder, change, quote, consent, importance, idg])
    return buffer.getvalue()


def write(folder: Path, study: str = STUDY) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "study.yaml").write_text(study, encoding="utf-8")
    (folder / "changes.csv").write_text(changes_csv(), encoding="utf-8")
    return folder


def texts(path: Path) -> list[str]:
    """What a file holds as text, whatever it is: the file decoded (UTF-8, UTF-16 and Latin-1), each
    member of a zip (xlsx, docx, qdpx) the same way, and a PDF's text and deflated streams."""
    data = path.read_bytes()
    blobs = [data]
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            blobs += [archive.read(name) for name in archive.namelist()]
    if data.startswith(b"%PDF"):
        for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
            try:
                blobs.append(zlib.decompress(match.group(1)))
            except zlib.error:
                pass
    out = []
    if data.startswith(b"%PDF"):  # a PDF's text as a reader sees it (its fonts may encode the bytes)
        import pypdf

        out += [page.extract_text() or "" for page in pypdf.PdfReader(path).pages]
    for blob in blobs:
        for encoding in ("utf-8", "utf-16", "latin-1"):
            out.append(blob.decode(encoding, errors="ignore"))
    return out


def found(folder: Path, needles: list[str]) -> list[tuple[str, str]]:
    """``(file, needle)`` for every needle some file under ``folder`` holds (case and runs of
    spaces ignored, also with XML/HTML escapes undone)."""
    import html

    def plain(text: str) -> str:
        return " ".join(html.unescape(text).split()).casefold()

    hits = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        contents = [plain(text) for text in texts(path)]
        for needle in needles:
            if any(plain(needle) in text for text in contents):
                hits.append((str(path.relative_to(folder)), needle))
    return hits
