#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Every relative link and #anchor in the Markdown files must resolve.

    scripts/check-links.py [DIR]

DIR (default: the repository this script is in) is searched for Markdown
files: those git tracks when DIR is a work tree, else every *.md under it.
A link resolves when its file or directory exists, relative to the page,
and its #anchor, if any, is a heading of the target page as GitHub makes
anchors of headings (lowercase, punctuation dropped, spaces to '-', -1, -2
for repeats) or an explicit <a name>/id. Links with a scheme (https:,
mailto:) are not followed: the check must pass offline.

SCID_LINKS_SKIP="docs/a.md docs/b.md" accepts links to those paths (from
DIR) while they are missing: for a branch whose pages land with another
branch's. Prints FILE:LINE: and what is wrong for each broken link; exits 1
if there is one.
"""
import os
import re
import subprocess
import sys

# [text](target "title"), ![alt](target), and [ref]: target definitions.
INLINE = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*(<[^>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+\"[^\"]*\")?\s*\)")
REFDEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(\S+)")
HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
EXPLICIT = re.compile(r"<a\s+(?:name|id)=\"([^\"]+)\"|\bid=\"([^\"]+)\"")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def markdown_files(root):
    try:
        out = subprocess.run(["git", "-C", root, "ls-files", "-z", "--", "*.md"],
                             capture_output=True, check=True).stdout
        if os.path.exists(os.path.join(root, ".git")):
            # A tracked page deleted in the work tree is not a page any more.
            return sorted(p for p in out.decode().split("\0")
                          if p and os.path.exists(os.path.join(root, p)))
    except (OSError, subprocess.CalledProcessError):
        pass
    found = []
    for d, dirs, files in os.walk(root):
        dirs[:] = [x for x in dirs if not x.startswith(".") and x != "build"]
        found += [os.path.relpath(os.path.join(d, f), root) for f in files if f.endswith(".md")]
    return sorted(found)


def prose_lines(text):
    """(line number, line) outside fenced code blocks, code spans blanked,
    so that a link shown as an example is not taken for one."""
    fence = None
    for n, line in enumerate(text.splitlines(), 1):
        m = re.match(r"^ {0,3}(`{3,}|~{3,})", line)
        if m:
            if fence is None:
                fence = m.group(1)[0] * len(m.group(1))
            elif line.strip().startswith(fence):
                fence = None
            continue
        if fence is None:
            yield n, re.sub(r"(`+)(.+?)\1", lambda s: " " * len(s.group(0)), line)


def slug(heading):
    """The anchor GitHub gives a heading."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)   # links: their text
    text = re.sub(r"<[^>]+>", "", text)                          # inline HTML
    text = text.replace("`", "").lower()
    text = re.sub(r"[^\w\- ]", "", text)                          # \w keeps '_' and letters
    return text.replace(" ", "-")


def anchors(path, cache={}):
    if path not in cache:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        seen, names = {}, set()
        fence = None
        for line in text.splitlines():
            m = re.match(r"^ {0,3}(`{3,}|~{3,})", line)
            if m:
                fence = None if fence else m.group(1)
                continue
            if fence:
                continue
            for a, b in EXPLICIT.findall(line):
                names.add(a or b)
            h = HEADING.match(line)
            if h:
                s = slug(h.group(2))
                n = seen.get(s, 0)
                seen[s] = n + 1
                names.add(s if n == 0 else f"{s}-{n}")
        cache[path] = names
    return cache[path]


def check(root, skip):
    errors, count = [], 0
    for page in markdown_files(root):
        with open(os.path.join(root, page), encoding="utf-8") as f:
            text = f.read()
        here = os.path.dirname(page)
        for n, line in prose_lines(text):
            targets = [m.group(1) for m in INLINE.finditer(line)]
            m = REFDEF.match(line)
            if m:
                targets.append(m.group(1))
            for target in targets:
                count += 1
                problem = resolve(root, here, page, target.strip("<>"), skip)
                if problem:
                    errors.append(f"{page}:{n}: broken link '{target}': {problem}")
    return errors, count


def resolve(root, here, page, target, skip):
    if not target or SCHEME.match(target) or target.startswith("//"):
        return None
    path, _, anchor = target.partition("#")
    if path.startswith("/"):
        return "an absolute path; link relative to the page"
    rel = os.path.normpath(os.path.join(here, path)) if path else page
    if rel in skip:
        return None
    full = os.path.join(root, rel)
    if rel.startswith(".."):
        return "outside the repository"
    if not os.path.exists(full):
        return f"no file {rel}"
    if anchor and rel.endswith(".md"):
        if anchor not in anchors(full):
            return f"no heading or anchor '#{anchor}' in {rel}"
    return None


def main(argv):
    root = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    root = os.path.normpath(root)
    skip = {os.path.normpath(p) for p in os.environ.get("SCID_LINKS_SKIP", "").split()}
    errors, count = check(root, skip)
    for e in errors:
        print(e, file=sys.stderr)
    files = len(markdown_files(root))
    if errors:
        print(f"check-links: {len(errors)} broken link(s) in {files} Markdown files", file=sys.stderr)
        return 1
    print(f"check-links: {count} links in {files} Markdown files, every relative one resolves")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
