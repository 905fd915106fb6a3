#!/usr/bin/env python3
"""The UI strings in Ui.resx (English) and Ui.es.resx (Spanish), kept sorted. The English sentence is the key.

usage: tools/translations.py missing      list strings used in the code that have no Spanish yet
       tools/translations.py add FILE.tsv add or update strings (one a line: English<TAB>Spanish)
       tools/translations.py prune        drop strings the code no longer uses
"Used" follows the same rules as LocalizationTests: L["..."] keys, ErrorMessage = "...", and
message constants ending in a full stop.
"""
import glob, html, os, re, sys
import xml.etree.ElementTree as ET

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
web = os.path.join(root, 'src', 'IonPortal.Web')
resources = os.path.join(web, 'Localization')
HEADER = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''

def sources(folder, patterns):
    for pattern in patterns:
        for f in glob.glob(os.path.join(folder, '**', pattern), recursive=True):
            if '/obj/' not in f and '/bin/' not in f:
                yield open(f, encoding='utf-8').read()

def used():
    keys = set()
    for s in sources(web, ['*.razor', '*.cs']):
        keys.update(m.group(1).replace('\\"', '"') for m in re.finditer(r'L\["((?:[^"\\]|\\.)*)"[\],]', s))
        keys.update(m.group(1).replace('\\"', '"') for m in re.finditer(r'ErrorMessage\s*=\s*"((?:[^"\\]|\\.)*)"', s))
    for s in sources(os.path.join(root, 'src'), ['*.cs']):
        keys.update(m.group(1).replace('\\"', '"') for m in re.finditer(r'const string \w+ = "((?:[^"\\]|\\.)*\.)";', s))
    return keys

def load(name):
    try:
        return {d.get('name'): d.find('value').text or '' for d in ET.parse(os.path.join(resources, name)).getroot().findall('data')}
    except FileNotFoundError:
        return {}

def save(name, entries):
    with open(os.path.join(resources, name), 'w', encoding='utf-8') as f:
        f.write(HEADER)
        for k in sorted(entries, key=str.lower):
            f.write('  <data name="%s" xml:space="preserve"><value>%s</value></data>\n' % (html.escape(k, quote=True), html.escape(entries[k], quote=False)))
        f.write('</root>\n')

command = sys.argv[1] if len(sys.argv) > 1 else 'missing'
en, es = load('Ui.resx'), load('Ui.es.resx')
if command == 'missing':
    for key in sorted(used() - set(es), key=str.lower):
        print(key)
elif command == 'add':
    for line in open(sys.argv[2], encoding='utf-8'):
        line = line.rstrip('\n')
        if not line.strip() or line.startswith('#'):
            continue
        k, v = line.split('\t')
        en[k] = k
        es[k] = v
    save('Ui.resx', en)
    save('Ui.es.resx', es)
    print(len(es), 'strings')
elif command == 'prune':
    keep = used()
    for k in [k for k in es if k not in keep]:
        print('dropped:', k)
        en.pop(k, None)
        es.pop(k, None)
    save('Ui.resx', en)
    save('Ui.es.resx', es)
else:
    sys.exit(__doc__)
