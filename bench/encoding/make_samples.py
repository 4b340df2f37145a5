#!/usr/bin/env python3
"""Writes detection samples and speed pages from the system's gettext catalogues
(/usr/share/locale/*/LC_MESSAGES/*.mo: real translated sentences).

samples/LANG.ENCODING.SIZE.TRIAL.KIND.bin  the text in a legacy encoding, undeclared
samples/....expected                       the same text in UTF-8
pages/ru-utf8.html, ru-1251.html, ru-1251-undeclared.html   300 KB Russian pages
"""
import gettext, os, random, sys

out = sys.argv[1] if len(sys.argv) > 1 else '.'
random.seed(7)
CATALOGUES = ['coreutils', 'tar', 'bash', 'glib20', 'gtk20', 'findutils', 'grep', 'sed', 'wget', 'apt', 'dpkg', 'systemd']
LANGUAGES = {
    'ru': ['cp1251', 'koi8_r'], 'uk': ['cp1251'], 'bg': ['cp1251', 'koi8_r'],
    'fr': ['cp1252'], 'de': ['cp1252'], 'es': ['cp1252'], 'pt': ['cp1252'], 'it': ['cp1252'],
    'sv': ['cp1252'], 'da': ['cp1252'],
    'pl': ['cp1250', 'iso8859_2'], 'cs': ['cp1250', 'iso8859_2'], 'hu': ['cp1250', 'iso8859_2'],
    'sk': ['cp1250', 'iso8859_2'],
}
NAMES = {'cp1251': 'windows-1251', 'koi8_r': 'KOI8-R', 'cp1252': 'windows-1252', 'cp1250': 'windows-1250',
         'iso8859_2': 'ISO-8859-2'}


def messages(language):
    found = []
    for catalogue in CATALOGUES:
        path = f'/usr/share/locale/{language}/LC_MESSAGES/{catalogue}.mo'
        if not os.path.exists(path):
            continue
        try:
            with open(path, 'rb') as file:
                translations = gettext.GNUTranslations(file)
        except Exception:
            continue
        found += [v for k, v in translations._catalog.items()
                  if isinstance(v, str) and not isinstance(k, tuple) and len(v) > 20]
    return found


os.makedirs(f'{out}/samples', exist_ok=True)
os.makedirs(f'{out}/pages', exist_ok=True)
count = 0
for language, encodings in LANGUAGES.items():
    pool = [m for m in messages(language) if sum(1 for c in m if ord(c) > 127) > 2]
    if not pool:
        print(f'no catalogues for {language}; skipped', file=sys.stderr)
        continue
    for size in [60, 200, 1000, 5000]:
        for trial in range(12):
            random.shuffle(pool)
            text, i = '', 0
            while len(text) < size and i < len(pool):
                text += pool[i] + '\n'
                i += 1
            kind = ['txt', 'html', 'htmllang'][trial % 3]
            for encoding in encodings:
                data = text.encode(encoding, errors='replace')
                if kind != 'txt':
                    head = b'<html lang="%s">' % language.encode() if kind == 'htmllang' else b'<html>'
                    data = (head + b'<head><title>x</title></head><body><p class="a">'
                            + data.replace(b'\n', b'</p><p>') + b'</p></body></html>')
                name = f'{out}/samples/{language}.{NAMES[encoding]}.{size}.{trial}.{kind}'
                open(name + '.bin', 'wb').write(data)
                open(name + '.expected', 'wb').write(data.decode(encoding).encode('utf-8'))
                count += 1

body = ''.join(f'<p class="text">{m}</p>\n' for m in messages('ru'))
page = ('<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Новости</title></head>'
        f'<body><article>{body}</article></body></html>')[:300000]
open(f'{out}/pages/ru-utf8.html', 'w', encoding='utf-8').write(page)
open(f'{out}/pages/ru-1251.html', 'wb').write(page.replace('utf-8', 'windows-1251').encode('cp1251', 'replace'))
open(f'{out}/pages/ru-1251-undeclared.html', 'wb').write(
    page.replace('<meta charset="utf-8">', '').encode('cp1251', 'replace'))
print(f'{count} samples')
