"""The English catalogue: complete, faithful to its placeholders, compiled, and used by the pages.

The Indonesian text is the msgid everywhere; English lives in locale/en/LC_MESSAGES/django.po and the
committed django.mo (so a fresh machine needs no gettext tools).
"""

import gettext
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

LC_MESSAGES = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO_FILE = LC_MESSAGES / "django.po"
MO_FILE = LC_MESSAGES / "django.mo"

# Python %-placeholders (named or not), Django template variables, and HTML tags: a translation keeps
# exactly the same ones as its msgid.
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdr]|%[sdr]|%%|\{\{[^}]*\}\}|<[^>]+>")


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def translations(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


@pytest.fixture(scope="module")
def catalogue() -> polib.POFile:
    return polib.pofile(str(PO_FILE))


def test_catalogue_has_no_untranslated_or_fuzzy_entry(catalogue):
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    assert [entry.msgid for entry in catalogue.obsolete_entries()] == []
    assert catalogue.metadata["Language"] == "en"
    assert catalogue.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"


def test_every_translation_keeps_the_placeholders_of_its_msgid(catalogue):
    mismatches = [
        (entry.msgid, text)
        for entry in catalogue
        for text in translations(entry)
        if placeholders(text) != placeholders(entry.msgid_plural or entry.msgid)
    ]

    assert mismatches == []


def test_plural_entries_have_both_english_forms(catalogue):
    plurals = [entry for entry in catalogue if entry.msgid_plural]

    assert plurals != []
    assert [entry.msgid for entry in plurals if sorted(entry.msgstr_plural) != [0, 1]] == []


def test_compiled_catalogue_is_up_to_date_with_the_po_file(catalogue):
    """The .mo holds exactly the .po's pairs: run compilemessages after every change to the .po."""
    expected = {}
    for entry in catalogue.translated_entries():
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            for index, text in entry.msgstr_plural.items():
                expected[(key, index)] = text
        else:
            expected[key] = entry.msgstr

    with MO_FILE.open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    actual = {key: text for key, text in compiled._catalog.items() if key != ""}

    assert actual == expected
    assert compiled.info()["language"] == "en"


# Pages rendered in English.


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def heading(response) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S).group(1).strip()


def title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def test_login_page_in_english(english, db):
    response = english.get("/akun/masuk/")

    assert response.status_code == 200
    assert title(response) == "Log in · Anti-Corruption Pilot Regencies/Cities"
    assert heading(response) == "Log in to Antikorupsi"
    assert response.context["form"].fields["username"].label == "Username"
    assert str(response.context["form"].fields["password"].label) == "Password"
    assert "Forgotten your password?" in response.content.decode()


def test_staff_home_in_english(english, staff):
    english.force_login(staff)

    response = english.get("/staf/")

    assert response.status_code == 200
    assert title(response) == "Staff home · Anti-Corruption Pilot Regencies/Cities"
    assert heading(response) == "Welcome, Rina"
    assert [str(item["label"]) for item in response.context["nav_items"]][:2] == ["Home", "Regions"]
    assert "Dit Permas staff home" in response.content.decode()


def test_region_list_in_english(english, staff, kota_blitar):
    english.force_login(staff)

    response = english.get("/wilayah/")

    assert response.status_code == 200
    assert heading(response) == "Regency/city"
    assert 'placeholder="Search by code or name, for example 35.72 or Blitar"' in response.content.decode()
    assert "<th>Code</th><th>Name</th>" in response.content.decode()


def test_programme_list_in_english(english, staff):
    english.force_login(staff)

    response = english.get("/program/")

    assert response.status_code == 200
    assert title(response) == "Programme year · Anti-Corruption Pilot Regencies/Cities"
    assert "No programme year yet" in response.content.decode()


def test_assessor_home_in_english(english, assessor):
    english.force_login(assessor)

    response = english.get("/penilai/")

    assert response.status_code == 200
    assert heading(response) == "My assessments"
    assert "No assignments yet" in response.content.decode()


def test_unknown_verification_code_in_english(english, db):
    response = english.get("/verifikasi/ABCD2345/")

    assert response.status_code == 404
    assert heading(response) == "Unknown verification code"
    assert (
        "The code <code>ABCD2345</code> was never issued by KPK's Anti-Corruption Pilot Regencies/Cities system."
        in response.content.decode()
    )


def test_admin_index_in_english(english, staff):
    english.force_login(staff)

    response = english.get("/admin/")

    assert response.status_code == 200
    assert "Antikorupsi: Dit Permas administration" in response.content.decode()


def test_indonesian_stays_the_default(client, staff):
    client.force_login(staff)

    response = client.get("/staf/")

    assert [str(item["label"]) for item in response.context["nav_items"]][:2] == ["Beranda", "Wilayah"]
