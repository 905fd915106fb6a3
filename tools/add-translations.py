#!/usr/bin/env python3
"""Adds or updates UI strings in Ui.resx (English) and Ui.es.resx (Spanish), kept sorted.

usage: tools/add-translations.py FILE.tsv   (one string a line: English<TAB>Spanish)
The English sentence is the key. LocalizationTests fails when a key used in code has no Spanish.
"""
import sys, xml.etree.ElementTree as ET, html
import os
base=os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'IonPortal.Web', 'Localization') + os.sep
HEADER='''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''
def load(path):
    try:
        root=ET.parse(path).getroot()
        return {d.get('name'): d.find('value').text or '' for d in root.findall('data')}
    except FileNotFoundError:
        return {}
def save(path, entries):
    with open(path,'w',encoding='utf-8') as f:
        f.write(HEADER)
        for k in sorted(entries, key=str.lower):
            f.write('  <data name="%s" xml:space="preserve"><value>%s</value></data>\n' % (html.escape(k, quote=True), html.escape(entries[k], quote=False)))
        f.write('</root>\n')
en=load(base+'Ui.resx'); es=load(base+'Ui.es.resx')
for line in open(sys.argv[1],encoding='utf-8'):
    line=line.rstrip('\n')
    if not line.strip() or line.startswith('#'): continue
    k,v=line.split('\t')
    en[k]=k; es[k]=v
save(base+'Ui.resx',en); save(base+'Ui.es.resx',es)
print(len(en),'strings')
