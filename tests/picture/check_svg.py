#!/usr/bin/env python3
"""Checks vmmap's picture of vmdemo (tests/picture.sh).

check_svg.py xml FILE     parses, finds the legend and two processes
check_svg.py pages FILE   counts the pages vmdemo made, by state, and the
                          links between the processes' shared anons
Exits 0 if all holds, else 1 with each failure on stderr."""
import re
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"
STATES = ["empty", "object", "anon", "shared", "swapped", "wired", "loaned"]
PRIV, SHARED = 0x30000000, 0x30010000


def classes(el):
    return el.get("class", "").split()


def fail(msgs):
    for m in msgs:
        print("FAIL: " + m, file=sys.stderr)
    sys.exit(1 if msgs else 0)


def procs(root):
    return [g for g in root.iter(NS + "g") if "proc" in classes(g)]


def entry(proc, start):
    for g in proc.iter(NS + "g"):
        if "entry" in classes(g) and int(g.get("data-start"), 16) == start:
            return g
    return None


def pages(ent):
    return [r for r in ent.iter(NS + "rect") if "page" in classes(r)]


def check_xml(root):
    errs = []
    if root.tag != NS + "svg":
        errs.append("the root is %s, not svg" % root.tag)
    keys = [c for r in root.iter(NS + "rect") if "key" in classes(r) for c in classes(r)]
    for s in STATES:
        if s not in keys:
            errs.append("the legend has no key for %s" % s)
    if len(procs(root)) != 2:
        errs.append("%d processes drawn, not 2" % len(procs(root)))
    return errs


def check_pages(root):
    errs = []
    ps = procs(root)
    if len(ps) != 2:
        return ["%d processes drawn, not 2" % len(ps)]
    want = [{"shared": 4, "anon": 2, "empty": 2}, {"shared": 4, "anon": 3, "empty": 1}]
    centre = {}                 # (x, y) of a page's centre -> (proc, entry start, page)
    pfns = []
    for i, p in enumerate(ps):
        who = "parent" if i == 0 else "child"
        priv, shm = entry(p, PRIV), entry(p, SHARED)
        if priv is None or shm is None:
            errs.append("the %s has no entry at %#x or %#x" % (who, PRIV, SHARED))
            continue
        got = {}
        for k, r in enumerate(pages(priv)):
            st = [c for c in classes(r) if c in STATES]
            got[st[0] if st else "?"] = got.get(st[0] if st else "?", 0) + 1
            centre[(int(r.get("x")) + 5, int(r.get("y")) + 5)] = (i, PRIV, k)
        if got != want[i]:
            errs.append("the %s's private region: %s, want %s" % (who, got, want[i]))
        sp = pages(shm)
        states = [c for r in sp for c in classes(r) if c in STATES]
        if states != ["object", "object"]:
            errs.append("the %s's shared region: %s, want 2 object pages" % (who, states))
        pfns.append([re.search(r"pfn (0x[0-9a-f]+)", r.findtext(NS + "title") or "")
                     and re.search(r"pfn (0x[0-9a-f]+)", r.findtext(NS + "title")).group(1)
                     for r in sp])
    if len(pfns) == 2 and (pfns[0] != pfns[1] or None in pfns[0]):
        errs.append("the shared region's pages differ: %s and %s" % tuple(pfns))
    joined = []
    for path in root.iter(NS + "path"):
        if "link" not in classes(path):
            continue
        n = [int(v) for v in re.findall(r"-?\d+", path.get("d", ""))]
        a, b = centre.get((n[0], n[1])), centre.get((n[-2], n[-1]))
        if a and b:
            joined.append((a[2], b[2]))
    if sorted(joined) != [(0, 0), (1, 1), (4, 4), (5, 5)]:
        errs.append("links between the private regions join pages %s, want 0-0 1-1 4-4 5-5"
                    % sorted(joined))
    return errs


def main():
    what, path = sys.argv[1], sys.argv[2]
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as e:
        fail(["%s: %s" % (path, e)])
    fail(check_xml(root) if what == "xml" else check_pages(root))


main()
