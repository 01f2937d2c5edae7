# SPDX-License-Identifier: GPL-2.0
"""flat_profile.py: reads flat-profile XML (profiles, fxsd's state file) for
the end-to-end tests, with the Python standard library only.

  flat_profile.py dump FILE          sorted NAME=VALUE lines of the leaves
  flat_profile.py get FILE NAME      the value of NAME (exit 1 if absent)
  flat_profile.py which FILE A B     "A" or "B" when FILE holds exactly the
                                     values of profile A or of profile B,
                                     else "neither" (exit 1); exit 2 when
                                     FILE is not well-formed XML
  flat_profile.py applied FILE STORE every leaf of FILE that has an entry
                                     STORE/NAME/value holds FILE's value
                                     (the last occurrence; an empty-element
                                     tag <X/> leaves X unchanged and is not
                                     checked; X inside <router-configuration>
                                     is Router_X); prints the count, or the
                                     mismatches (exit 1)
"""

import os
import re

import sys
import xml.etree.ElementTree as ET
from xml.parsers import expat


def local(tag):
    return tag.rsplit('}', 1)[-1]


def leaves(path):
    """NAME -> VALUE for every element without children (the last wins)."""
    root = ET.parse(path).getroot()
    values = {}
    for elem in root.iter():
        if len(elem) == 0 and elem is not root:
            values[local(elem.tag)] = (elem.text or '').strip()
    return values


def leaves_keep(path):
    """as leaves(), but an empty-element tag <X/> gives None (no change),
    told apart from <X></X> by what expat's end event points at: an end
    tag "</X>" or the byte after "/>"."""
    values = {}
    stack = []  # [name, start offset, text, has children]

    def start(name, attrs):
        if stack:
            stack[-1][2] = True
        stack.append([name, '', False])

    def end(name):
        name, text, children = stack.pop()
        if stack and not children:
            self_closing = not raw.startswith(b'</', parser.CurrentByteIndex)
            local = name.rsplit(':', 1)[-1]
            # a <router-configuration> setting X is fxsd's Router_X
            if any(e[0].rsplit(':', 1)[-1] == 'router-configuration'
                   for e in stack):
                local = 'Router_' + local
            # fxsd makes each newline inside a value a space
            value = re.sub(r'\r\n|\r|\n', ' ', text.strip())
            values[local] = None if self_closing else value

    def chars(data):
        if stack:
            stack[-1][1] += data

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    with open(path, 'rb') as f:
        raw = f.read()
    parser.Parse(raw, True)
    return values


def matches(state, profile):
    return all(state.get(name) == value for name, value in profile.items())


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    cmd, path = argv[1], argv[2]
    try:
        values = leaves(path)
    except (ET.ParseError, OSError) as err:
        print('%s: %s' % (path, err), file=sys.stderr)
        return 2
    if cmd == 'dump':
        for name in sorted(values):
            print('%s=%s' % (name, values[name]))
        return 0
    if cmd == 'get' and len(argv) == 4:
        if argv[3] not in values:
            return 1
        print(values[argv[3]])
        return 0
    if cmd == 'which' and len(argv) == 5:
        for label, profile in (('A', argv[3]), ('B', argv[4])):
            if matches(values, leaves(profile)):
                print(label)
                return 0
        print('neither')
        return 1
    if cmd == 'applied' and len(argv) == 4:
        return applied(leaves_keep(path), argv[3])
    print(__doc__, file=sys.stderr)
    return 2


def applied(values, store):
    known = bad = 0
    for name, want in sorted(values.items()):
        path = os.path.join(store, name, 'value')
        if want is None or not os.path.isfile(path):
            continue
        known += 1
        with open(path, encoding='utf-8', errors='replace') as f:
            got = f.read().strip()
        if got != want:
            bad += 1
            print('%s: store has %r, profile has %r' % (name, got, want))
    print('%d parameters known to the store, %d differ' % (known, bad))
    return 1 if bad or not known else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
