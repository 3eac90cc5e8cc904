"""The Dutch message catalogue: every entry translated, nothing fuzzy, placeholders kept, and the
committed .mo compiled from the current .po.

The .po is read by the small parser below (no extra dependency); the .mo by the standard
library's gettext. The last tests break a copy of the catalogue on purpose, to show that each
check really fails when it should."""

from __future__ import annotations

import ast
import gettext
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[1] / "src" / "wijkkracht" / "locale"
PO = LOCALE / "nl" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
NPLURALS = 2  # Dutch: one, other

# printf-style conversions as Python's % operator reads them, named or positional; "%%" is a
# literal percent sign and not a placeholder.
PYTHON_FORMAT = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa%]")
BRACE_FORMAT = re.compile(r"\{\{|\}\}|\{[^{}]*\}")
HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    def forms(self) -> list[tuple[str, str]]:
        """(English source, Dutch form) pairs: for a plural entry msgstr[0] renders the
        singular and every further form the plural."""
        if self.msgid_plural is None:
            return [(self.msgid, self.msgstr.get(0, ""))]
        return [(self.msgid if i == 0 else self.msgid_plural, self.msgstr.get(i, ""))
                for i in range(NPLURALS)]

    def __str__(self) -> str:
        return f"line {self.line}: {self.msgid!r}"


def parse_po(path: Path) -> list[Entry]:
    """The active entries of a .po file (obsolete "#~" entries are left out)."""
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int] | None = None

    def start(number: int) -> Entry:
        nonlocal entry
        entry = Entry(line=number)
        entries.append(entry)
        return entry

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        keyword, _, rest = line.partition(" ")
        # Comments, msgctxt and msgid open the next entry once the current one has its msgstr.
        if (line.startswith("#") or keyword in ("msgctxt", "msgid")) and (
                entry is None or entry.msgstr):
            start(number)
        if line.startswith("#"):
            if line.startswith("#,"):
                entry.flags |= {f.strip() for f in line[2:].split(",") if f.strip()}
            continue
        if line.startswith('"'):
            if target is None:
                raise ValueError(f"{path}:{number}: a string outside an entry")
            rest = line
        else:
            plural_form = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            if plural_form:
                target = ("msgstr", int(plural_form.group(1)))
            elif keyword in ("msgctxt", "msgid", "msgid_plural", "msgstr"):
                target = (keyword, 0)
            else:
                raise ValueError(f"{path}:{number}: unknown keyword {keyword!r}")
        text = ast.literal_eval(rest)
        kind, index = target
        if kind == "msgstr":
            entry.msgstr[index] = entry.msgstr.get(index, "") + text
        else:
            setattr(entry, kind, (getattr(entry, kind) or "") + text)
    return entries


def untranslated(entries: list[Entry]) -> list[str]:
    problems = []
    for e in entries:
        if e.is_header:
            continue
        wanted = set(range(NPLURALS)) if e.msgid_plural is not None else {0}
        if set(e.msgstr) != wanted or not all(e.msgstr.values()):
            problems.append(str(e))
    return problems


def fuzzy(entries: list[Entry]) -> list[str]:
    return [str(e) for e in entries if "fuzzy" in e.flags]


def _python_placeholders(text: str) -> Counter:
    return Counter(m.group(0) for m in PYTHON_FORMAT.finditer(text) if m.group(0) != "%%")


def _brace_placeholders(text: str) -> Counter:
    return Counter(m.group(0) for m in BRACE_FORMAT.finditer(text)
                   if m.group(0) not in ("{{", "}}"))


def _edges(text: str) -> tuple[str, str]:
    """Leading and trailing whitespace (newlines included)."""
    return text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]


def _show(value) -> str:
    return repr(sorted(value.elements()) if isinstance(value, Counter) else value)


def placeholder_problems(entries: list[Entry]) -> list[str]:
    """Placeholders, HTML tags and surrounding whitespace of every source text, exactly in its
    Dutch form: a missing %(name)s drops a value, an extra one raises KeyError at run time."""
    problems = []
    for e in entries:
        if e.is_header:
            continue
        for source, form in e.forms():
            if not form:
                continue  # reported by untranslated()
            checks = [("HTML tags", Counter(HTML_TAG.findall(source)),
                       Counter(HTML_TAG.findall(form))),
                      ("whitespace at the edges", _edges(source), _edges(form))]
            if "python-format" in e.flags:
                checks.append(("python-format placeholders", _python_placeholders(source),
                               _python_placeholders(form)))
            if "python-brace-format" in e.flags:
                checks.append(("python-brace-format placeholders", _brace_placeholders(source),
                               _brace_placeholders(form)))
            for what, expected, found in checks:
                if expected != found:
                    problems.append(f"{e}: {what} {_show(expected)} became {_show(found)} "
                                    f"in {form!r}")
    return problems


def po_catalog(entries: list[Entry]) -> dict:
    """What msgfmt puts in the .mo, keyed like gettext.GNUTranslations._catalog: translated,
    non-fuzzy entries, and the header without its POT-Creation-Date (msgfmt leaves that out)."""
    catalog: dict = {}
    for e in entries:
        key = e.msgid if e.msgctxt is None else f"{e.msgctxt}\x04{e.msgid}"
        if e.is_header:
            catalog[key] = "".join(line for line in e.msgstr.get(0, "").splitlines(keepends=True)
                                   if not line.startswith("POT-Creation-Date:"))
        elif "fuzzy" in e.flags:
            continue
        elif e.msgid_plural is None:
            if e.msgstr.get(0):
                catalog[key] = e.msgstr[0]
        elif all(e.msgstr.get(i) for i in range(NPLURALS)):
            catalog.update({(key, i): text for i, text in e.msgstr.items()})
    return catalog


def mo_catalog(path: Path) -> dict:
    with path.open("rb") as fh:
        return dict(gettext.GNUTranslations(fh)._catalog)


def compile_po(po: Path, mo: Path) -> Path:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext's msgfmt is not installed (apt-get install gettext), so the "
                    ".po cannot be compiled to compare it with the committed .mo")
    proc = subprocess.run([msgfmt, "--check", "-o", str(mo), str(po)], capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 0, f"msgfmt --check refuses {po}:\n{proc.stderr}"
    return mo


def catalog_difference(expected: dict, found: dict) -> list[str]:
    keys = sorted(set(expected) | set(found), key=repr)
    return [f"{k!r}: the .mo has {found.get(k)!r}, the .po {expected.get(k)!r}"
            for k in keys if expected.get(k) != found.get(k)]


FIX = ("translate it in src/wijkkracht/locale/nl/LC_MESSAGES/django.po, then run: cd src/wijkkracht"
       " && msgfmt --check -o locale/nl/LC_MESSAGES/django.mo locale/nl/LC_MESSAGES/django.po")


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return parse_po(PO)


# The catalogue in the repository.

def test_the_parser_reads_the_whole_catalogue(entries):
    assert entries[0].is_header and "Plural-Forms: nplurals=2;" in entries[0].msgstr[0]
    assert len(entries) == len(re.findall(r'^msgid "', PO.read_text(encoding="utf-8"),
                                          flags=re.MULTILINE))
    by_id = {e.msgid: e for e in entries}
    assert by_id["Search"].msgstr == {0: "Zoeken"}


def test_every_entry_is_translated(entries):
    assert untranslated(entries) == [], FIX


def test_no_entry_is_fuzzy(entries):
    assert fuzzy(entries) == [], "check the translation, then remove the '#, fuzzy' flag"


def test_placeholders_tags_and_edges_are_kept(entries):
    assert placeholder_problems(entries) == []


def test_the_committed_mo_is_the_compiled_po(tmp_path):
    assert MO.exists(), f"{MO} is missing: {FIX}"
    compiled = compile_po(PO, tmp_path / "django.mo")
    assert catalog_difference(mo_catalog(compiled), mo_catalog(MO)) == [], \
        f"the committed .mo is out of date: {FIX}"


def test_the_committed_mo_holds_what_the_po_says(entries):
    # The same question without msgfmt, so it is asked even where gettext is not installed.
    assert MO.exists(), f"{MO} is missing: {FIX}"
    assert catalog_difference(po_catalog(entries), mo_catalog(MO)) == [], \
        f"the committed .mo is out of date: {FIX}"


# The checks themselves: each one fails on a catalogue broken on purpose.

def _broken_copy(tmp_path: Path, pattern: str, replacement: str) -> Path:
    text = PO.read_text(encoding="utf-8")
    broken, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert count == 1, f"nothing to break: {pattern!r}"
    copy = tmp_path / "django.po"
    copy.write_text(broken, encoding="utf-8")
    return copy


def _blanked(tmp_path: Path) -> Path:
    """A copy with the first one-line translation emptied."""
    return _broken_copy(tmp_path, r'^msgstr "(?!")(.+)"$', 'msgstr ""')


def test_the_checks_catch_a_blank_entry(tmp_path):
    blank = parse_po(_blanked(tmp_path))
    assert len(untranslated(blank)) == 1
    assert catalog_difference(po_catalog(blank), mo_catalog(MO)) != []
    compiled = compile_po(tmp_path / "django.po", tmp_path / "django.mo")
    assert catalog_difference(mo_catalog(compiled), mo_catalog(MO)) != []


def test_the_checks_catch_a_blank_plural_form(tmp_path):
    copy = _broken_copy(tmp_path, r'^msgstr\[1\] "(?!")(.+)"$', 'msgstr[1] ""')
    assert len(untranslated(parse_po(copy))) == 1


def test_the_checks_catch_a_fuzzy_entry(tmp_path):
    copy = _broken_copy(tmp_path, r"^#: ", "#, fuzzy\n#: ")
    found = parse_po(copy)
    assert len(fuzzy(found)) == 1
    assert catalog_difference(po_catalog(found), mo_catalog(MO)) != []


SYNTHETIC_HEADER = 'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'


def _synthetic(tmp_path: Path, body: str) -> list[Entry]:
    copy = tmp_path / "synthetic.po"
    copy.write_text(SYNTHETIC_HEADER + body, encoding="utf-8")
    return parse_po(copy)


def test_the_checks_catch_a_lost_or_extra_placeholder(tmp_path):
    good = _synthetic(tmp_path, """#, python-format
msgid "%(counter)s result for %(query)s"
msgid_plural "%(counter)s results for %(query)s"
msgstr[0] "%(counter)s resultaat voor %(query)s"
msgstr[1] "%(counter)s resultaten voor %(query)s"

#, python-format
msgid "%s of %d"
msgstr "%s van %d"

#, python-brace-format
msgid "Record {sequence} is 100%% {{odd}}"
msgstr "Record {sequence} is 100%% {{vreemd}}"

msgid "Not a format: %(x)s {y}"
msgstr "Geen formaat"
""")
    assert placeholder_problems(good) == []
    lost = _synthetic(tmp_path, """#, python-format
msgid "%(counter)s result for %(query)s"
msgid_plural "%(counter)s results for %(query)s"
msgstr[0] "%(counter)s resultaat"
msgstr[1] "%(counter)s resultaten voor %(query)s"
""")
    assert len(placeholder_problems(lost)) == 1
    extra = _synthetic(tmp_path, """#, python-format
msgid "You are signed in as %(name)s."
msgstr "U bent aangemeld als %(naam)s."

#, python-format
msgid "%s of %d"
msgstr "%s van %s"
""")
    assert len(placeholder_problems(extra)) == 2
    brace = _synthetic(tmp_path, """#, python-brace-format
msgid "Record {sequence} was changed."
msgstr "Record {volgnummer} is veranderd."
""")
    assert len(placeholder_problems(brace)) == 1


def test_the_checks_catch_a_lost_newline_or_tag(tmp_path):
    found = _synthetic(tmp_path, 'msgid "Line\\n"\nmsgstr "Regel"\n\n'
                                 'msgid "<b>Bold</b>"\nmsgstr "Vet"\n')
    assert len(placeholder_problems(found)) == 2
