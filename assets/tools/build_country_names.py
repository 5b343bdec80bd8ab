#!/usr/bin/env python3
"""Build assets/linking/country-names-*.tsv: names of countries, keyed by ISO code.

Sources (nothing from any news corpus):
- CLDR via Babel (PyPI `babel`, Unicode License v3): German and English territory
  names of every ISO 3166-1 country -> country-names-cldr.tsv
- Debian iso-codes (LGPL-2.1-or-later): German translations of the short, official
  and common names, plus the acronym of the English official name when it has at
  least three letters (`United States of America` -> `USA`) -> country-names-iso.tsv

Run with Babel importable, on a system with iso-codes installed:
  pip download --no-deps babel && unzip babel-*.whl -d babel
  PYTHONPATH=babel python3 assets/tools/build_country_names.py
"""
import gettext
import json
import os
import re

import babel.localedata as ld

ROOT = os.environ.get("ISO_CODES_ROOT", "/")
OUT = os.path.join(os.path.dirname(__file__), "..", "assets", "linking")
iso = json.load(open(os.path.join(ROOT, "usr/share/iso-codes/json/iso_3166-1.json")))["3166-1"]
codes = sorted(c["alpha_2"] for c in iso)

de, en = ld.load("de")["territories"], ld.load("en")["territories"]
with open(os.path.join(OUT, "country-names-cldr.tsv"), "w") as f:
    f.write("# ISO 3166-1 code<TAB>name. German territory names, and English ones of several words, from CLDR (via Babel %s).\n" % "2.18")
    f.write("# Licence: Unicode License v3 (CLDR). Built by assets/tools/build_country_names.py.\n")
    for code in codes:
        names = []
        for table in (de, en):
            n = table.get(code)
            # English names only when they have several words ("North Korea"):
            # one-word English names add little and some name other places in
            # German text ("Georgia" is the US state; the country is "Georgien").
            if table is en and n and " " not in n:
                continue
            if n and n not in names:
                names.append(n)
        for n in names:
            f.write(f"{code}\t{n}\n")

t = gettext.GNUTranslations(open(os.path.join(ROOT, "usr/share/locale/de/LC_MESSAGES/iso_3166-1.mo"), "rb"))
SKIP = {"of", "the", "and"}
with open(os.path.join(OUT, "country-names-iso.tsv"), "w") as f:
    f.write("# ISO 3166-1 code<TAB>name. German names (short, official, common) from Debian iso-codes,\n")
    f.write("# and acronyms (3+ letters) of the English official names.\n")
    f.write("# Licence: LGPL-2.1-or-later (iso-codes). Built by assets/tools/build_country_names.py.\n")
    for c in sorted(iso, key=lambda c: c["alpha_2"]):
        names = []
        for k in ("name", "official_name", "common_name"):
            if k in c:
                n = t.gettext(c[k])
                if "," in n:  # "Korea, Demokratische Volksrepublik": an index form
                    continue
                if n not in names:
                    names.append(n)
        off = c.get("official_name")
        if off:
            words = [w for w in re.split(r"[\s-]+", off) if w and w.lower() not in SKIP]
            acr = "".join(w[0] for w in words if w[0].isalpha())
            if len(acr) >= 3 and acr.isupper():
                names.append(acr)
        for n in names:
            f.write(f"{c['alpha_2']}\t{n}\n")
