#!/usr/bin/env python3
"""Check the UI message catalogs against the English one.

Usage: python3 scripts/check-catalogs.py [CATALOG_DIR]

CATALOG_DIR defaults to Sources/CareBridgeServer/Resources/l10n next to this script's
parent folder. Every *.json file in it is loaded and checked:

  * it is valid UTF-8 JSON with "language", "name", "direction" and "messages";
    "language" matches the file name;
  * it has exactly the keys of en.json, and each message has the same shape
    (plain string or plural object) as in English;
  * every message uses exactly the {placeholder} names of the English message
    (for a plural, each category uses the union of the English categories' names);
  * each plural message has exactly the CLDR plural categories of its language;
  * "direction" is rtl for Arabic-script languages (ar, fa-AF) and ltr otherwise;
  * no message is left identical to English, unless it consists only of
    placeholders, codes and brand names (reported as a warning).

Exits 0 when there is no error (warnings allowed), 1 otherwise, printing every problem.
Standard library only.
"""

import json
import os
import re
import sys

# CLDR cardinal plural categories of each supported language.
PLURAL_CATEGORIES = {
    "en": {"one", "other"},
    "ru": {"one", "few", "many", "other"},
    "be": {"one", "few", "many", "other"},
    "uk": {"one", "few", "many", "other"},
    "uz": {"one", "other"},
    "tk": {"one", "other"},
    "zh": {"other"},
    "ar": {"zero", "one", "two", "few", "many", "other"},
    "fa-AF": {"one", "other"},
}
CATEGORY_ORDER = ["zero", "one", "two", "few", "many", "other"]
RTL_LANGUAGES = {"ar", "fa-AF"}
SOURCE_LANGUAGE = "en"
# Text that is the same in every language: product names.
BRAND_NAMES = ["CareBridge"]

PLACEHOLDER = re.compile(r"\{([^{}\s]+)\}")
# Codes and examples kept verbatim in every language: identifiers with a dot, hyphen,
# underscore or digit (health.read, minsk-clinic-5, BY-HM, ISO 3166-2), all-caps
# abbreviations (UTC, ISO) and two-letter language codes listed in a hint.
CODE = re.compile(r"[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)+|\b[A-Z]{2,}\b|\b\d+\b")


def placeholders(text):
    return set(PLACEHOLDER.findall(text))


def stray_braces(text):
    rest = PLACEHOLDER.sub("", text)
    return "{" in rest or "}" in rest


def only_codes(text):
    """True if nothing but placeholders, codes, brand names and punctuation remains."""
    rest = PLACEHOLDER.sub(" ", text)
    for brand in BRAND_NAMES:
        rest = rest.replace(brand, " ")
    rest = CODE.sub(" ", rest)
    return not any(ch.isalpha() for ch in rest)


def fmt_set(names):
    return "{" + ", ".join(sorted(names)) + "}" if names else "{}"


def fmt_categories(cats):
    return ", ".join(sorted(cats, key=lambda c: CATEGORY_ORDER.index(c) if c in CATEGORY_ORDER else 99))


def load(path, errors):
    try:
        with open(path, "rb") as f:
            raw = f.read()
        text = raw.decode("utf-8")
        data = json.loads(text)
    except UnicodeDecodeError as e:
        errors.append(f"not valid UTF-8: {e}")
        return None
    except json.JSONDecodeError as e:
        errors.append(f"not valid JSON: {e}")
        return None
    if not isinstance(data, dict):
        errors.append("top level is not a JSON object")
        return None
    for field in ("language", "name", "direction"):
        if not isinstance(data.get(field), str) or not data.get(field):
            errors.append(f'"{field}" is missing or not a non-empty string')
    if not isinstance(data.get("messages"), dict):
        errors.append('"messages" is missing or not an object')
        return None
    return data


def check_message_shape(key, value, categories, errors):
    """Checks one message's structure; returns {category: text} for plurals, or the text."""
    if isinstance(value, str):
        if not value.strip():
            errors.append(f"{key}: empty message")
        return value
    if isinstance(value, dict):
        bad = [c for c, t in value.items() if not isinstance(t, str)]
        for c in bad:
            errors.append(f"{key}: plural category '{c}' is not a string")
        for c, t in value.items():
            if isinstance(t, str) and not t.strip():
                errors.append(f"{key}: plural category '{c}' is empty")
        if categories is not None and set(value) != categories:
            missing = categories - set(value)
            extra = set(value) - categories
            parts = []
            if missing:
                parts.append(f"missing {fmt_categories(missing)}")
            if extra:
                parts.append(f"unexpected {fmt_categories(extra)}")
            errors.append(f"{key}: plural categories must be exactly [{fmt_categories(categories)}] ({'; '.join(parts)})")
        return {c: t for c, t in value.items() if isinstance(t, str)}
    errors.append(f"{key}: message is neither a string nor a plural object")
    return None


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    default_dir = os.path.join(os.path.dirname(here), "Sources", "CareBridgeServer", "Resources", "l10n")
    folder = argv[1] if len(argv) > 1 else default_dir
    if not os.path.isdir(folder):
        print(f"error: catalog folder not found: {folder}")
        return 1

    files = sorted(n for n in os.listdir(folder) if n.endswith(".json"))
    source_file = f"{SOURCE_LANGUAGE}.json"
    if source_file not in files:
        print(f"error: {source_file} not found in {folder}")
        return 1

    all_errors = {}
    all_warnings = {}

    # The English catalog: the reference.
    en_errors = []
    en = load(os.path.join(folder, source_file), en_errors)
    if en is None:
        print(f"{source_file}: cannot be used as the reference:")
        for e in en_errors:
            print(f"  error: {e}")
        return 1
    en_messages = {}
    en_placeholders = {}
    for key, value in en["messages"].items():
        shaped = check_message_shape(key, value, PLURAL_CATEGORIES[SOURCE_LANGUAGE], en_errors)
        en_messages[key] = shaped
        if isinstance(shaped, dict):
            names = set()
            for t in shaped.values():
                names |= placeholders(t)
            en_placeholders[key] = names
            for c, t in shaped.items():
                if stray_braces(t):
                    en_errors.append(f"{key}[{c}]: unbalanced or malformed braces")
        elif isinstance(shaped, str):
            en_placeholders[key] = placeholders(shaped)
            if stray_braces(shaped):
                en_errors.append(f"{key}: unbalanced or malformed braces")
    if en.get("language") != SOURCE_LANGUAGE:
        en_errors.append(f'"language" is "{en.get("language")}", expected "{SOURCE_LANGUAGE}"')
    if en.get("direction") != "ltr":
        en_errors.append(f'"direction" is "{en.get("direction")}", expected "ltr"')
    all_errors[source_file] = en_errors
    all_warnings[source_file] = []

    for name in files:
        if name == source_file:
            continue
        errors, warnings = [], []
        all_errors[name], all_warnings[name] = errors, warnings
        lang = name[: -len(".json")]
        data = load(os.path.join(folder, name), errors)
        if data is None:
            continue
        if data.get("language") != lang:
            errors.append(f'"language" is "{data.get("language")}", but the file name says "{lang}"')
        expected_dir = "rtl" if lang in RTL_LANGUAGES else "ltr"
        if data.get("direction") != expected_dir:
            errors.append(f'"direction" is "{data.get("direction")}", expected "{expected_dir}"')
        categories = PLURAL_CATEGORIES.get(lang)
        if categories is None:
            errors.append(f"no CLDR plural categories known for '{lang}': add them to PLURAL_CATEGORIES in {os.path.basename(__file__)}")

        messages = data["messages"]
        missing = [k for k in en_messages if k not in messages]
        extra = [k for k in messages if k not in en_messages]
        for k in missing:
            errors.append(f"{k}: missing (present in English)")
        for k in extra:
            errors.append(f"{k}: not an English key")

        for key in en_messages:
            if key not in messages:
                continue
            en_value = en_messages[key]
            value = check_message_shape(key, messages[key], categories, errors)
            if value is None or en_value is None:
                continue
            if isinstance(en_value, dict) != isinstance(value, dict):
                kind = "a plural object" if isinstance(en_value, dict) else "a plain string"
                errors.append(f"{key}: must be {kind}, as in English")
                continue
            want = en_placeholders[key]
            texts = value.items() if isinstance(value, dict) else [(None, value)]
            for cat, text in texts:
                label = f"{key}[{cat}]" if cat else key
                got = placeholders(text)
                if got != want:
                    parts = []
                    if want - got:
                        parts.append(f"missing {fmt_set(want - got)}")
                    if got - want:
                        parts.append(f"unexpected {fmt_set(got - want)}")
                    errors.append(f"{label}: placeholders {fmt_set(got)} differ from English {fmt_set(want)} ({'; '.join(parts)})")
                if stray_braces(text):
                    errors.append(f"{label}: unbalanced or malformed braces")
            # Untranslated text: any form identical to an English form.
            en_texts = set(en_value.values()) if isinstance(en_value, dict) else {en_value}
            for cat, text in texts:
                if text in en_texts:
                    label = f"{key}[{cat}]" if cat else key
                    if only_codes(text):
                        warnings.append(f"{label}: same as English, but only placeholders/codes/brand: {text!r}")
                    else:
                        errors.append(f"{label}: not translated (identical to English): {text!r}")

    error_count = sum(len(v) for v in all_errors.values())
    warning_count = sum(len(v) for v in all_warnings.values())
    print(f"Checked {len(files)} catalogs in {folder} against {source_file} ({len(en_messages)} keys).")
    for name in files:
        errors, warnings = all_errors.get(name, []), all_warnings.get(name, [])
        status = "OK" if not errors else f"{len(errors)} error(s)"
        if warnings:
            status += f", {len(warnings)} warning(s)"
        print(f"{name}: {status}")
        for e in errors:
            print(f"  error: {e}")
        for w in warnings:
            print(f"  warning: {w}")
    if error_count:
        print(f"FAILED: {error_count} error(s), {warning_count} warning(s).")
        return 1
    print(f"PASSED: 0 errors, {warning_count} warning(s).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
