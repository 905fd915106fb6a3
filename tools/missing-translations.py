#!/usr/bin/env python3
"""Lists UI strings used in the code that Ui.es.resx doesn't translate yet (the same rules as
LocalizationTests): L["..."] keys, ErrorMessage = "...", and message constants ending in a full stop.

usage: tools/missing-translations.py
"""
import glob, os, re
import xml.etree.ElementTree as ET

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
web = os.path.join(root, 'src', 'IonPortal.Web')
keys = set()
for f in glob.glob(web + '/**/*.razor', recursive=True) + glob.glob(web + '/**/*.cs', recursive=True):
    s = open(f, encoding='utf-8').read()
    keys.update(m.group(1).replace('\\"', '"') for m in re.finditer(r'L\["((?:[^"\\]|\\.)*)"[\],]', s))
    keys.update(m.group(1).replace('\\"', '"') for m in re.finditer(r'ErrorMessage\s*=\s*"((?:[^"\\]|\\.)*)"', s))
for f in glob.glob(os.path.join(root, 'src') + '/**/*.cs', recursive=True):
    if '/obj/' in f:
        continue
    s = open(f, encoding='utf-8').read()
    keys.update(m.group(1).replace('\\"', '"') for m in re.finditer(r'const string \w+ = "((?:[^"\\]|\\.)*\.)";', s))
spanish = {d.get('name') for d in ET.parse(os.path.join(web, 'Localization', 'Ui.es.resx')).getroot().findall('data')}
for key in sorted(keys - spanish, key=str.lower):
    print(key)
