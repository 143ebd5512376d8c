#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""scidtun help, scidtun(8) and the bash completion must list the same words.

    tests/unit/option-lists.py TOPDIR [SCIDTUN]

A word is a command (add, show, --version, ...), an option of one (-n,
--prune, -j, ...), a tunnel keyword or alias (remote, link, noencap, ...)
or a literal value of one (ipip, fou, inherit, auto, ...): what a user
types as it is, as opposed to NAME, ADDR, numbers or example intervals.
Each source gives its words:

- scidtun help: the syntax columns of its output (not the descriptions);
- scidtun(8): the bold words of SYNOPSIS and of the COMMANDS and OPTIONS
  tags;
- the completion: the words it offers (compgen lists) and its keyword
  lists.

Every word one of them lists must be in the other two. The check of the
tunnel keywords against the words table itself is words_test.c's; this one
catches what no table holds: commands, their options, values.
"""
import os
import re
import shlex
import subprocess
import sys

WORD = re.compile(r"^-{0,2}[a-z][a-z0-9-]*$")

# Accepted by scidtun (tools/scidtun/scidtun.c, del.c, setconf.c) and
# documented in scidtun(8) and the completion, but not printed by
# `scidtun help`, whose text is in tools/scidtun/scidtun.c. Once help
# prints one, the test says to take it off this list.
NOT_IN_HELP_YET = {"-h", "--help", "--dry-run"}

# Words every source must yield, or its parser has gone blind.
CORE = {"add", "change", "del", "flush", "show", "setconf", "showconf", "help",
        "--version", "remote", "mode", "ipip", "encap", "fou", "keepalive",
        "pmtu-probe", "-j", "-s", "--prune"}


def words(text):
    return {w for w in re.split(r"[\s\[\]{}|,\"']+", text) if WORD.match(w)}


def from_help(text):
    found, section = set(), None
    for line in text.splitlines():
        if not line.strip():
            section = None
            continue
        if not line.startswith(" "):
            section = line.split()[0]
            continue
        if section == "Commands:":
            found |= words(re.split(r"\s{2,}", line.strip())[0])
        elif section == "OPTIONS":
            found |= words(line)
        elif section == "Options":
            found |= {w for w in words(line) if w.startswith("-")}
    return found


def roff_bold(line):
    """The bold text of one roff line, in pieces."""
    line = line.replace("\\-", "-").replace("\\|", "")
    inline = re.findall(r"\\fB(.*?)\\f[PRI]", line)
    line = re.sub(r"\\f[BPRI]", "", line)
    m = re.match(r"^\.(B|BR|RB|BI|IB|I|IR|RI|SY)\b\s*(.*)$", line)
    if not m:
        return inline
    macro, rest = m.groups()
    try:
        args = shlex.split(rest, posix=True)
    except ValueError:
        args = rest.split()
    if macro in ("B", "SY"):
        bold = args
    elif macro in ("BR", "BI"):
        bold = args[0::2]
    elif macro in ("RB", "IB"):
        bold = args[1::2]
    else:
        bold = []
    return inline + bold


def from_man(text):
    found, section, tag = set(), None, False
    for line in text.splitlines():
        if line.startswith(".SH "):
            section = line[4:].strip().strip('"')
            continue
        if section == "SYNOPSIS" or (tag and section in ("COMMANDS", "OPTIONS")):
            for piece in roff_bold(line):
                found |= words(piece)
        tag = line.strip() == ".TP"
    found.discard("scidtun")
    return found


def from_completion(text):
    found = set()
    for name in ("_scidtun_valued", "_scidtun_flags", "_scidtun_external"):
        m = re.search(r"^%s=\"([^\"]*)\"" % name, text, re.M)
        found |= words(m.group(1)) if m else set()
    m = re.search(r"^_scidtun_aliases=\"([^\"]*)\"", text, re.M)
    if m:
        found |= {a.split("=")[0] for a in m.group(1).split()}
    for offered in re.findall(r"_scidtun_reply \"([^\"]*)\"", text):
        found |= words(re.sub(r"\$\([^)]*\)|\$\{[^}]*\}", " ", offered))
    return found


def disagreements(sources):
    """What is wrong with sources ({name: set of words}), one message each."""
    out = []
    for name, found in sources.items():
        for w in sorted(CORE - found):
            out.append(f"no '{w}' read from {name}: is its parser still right?")
    everything = set().union(*sources.values())
    for w in sorted(everything):
        have = [n for n, found in sources.items() if w in found]
        missing = [n for n in sources if w not in sources[n]]
        if missing == ["scidtun help"] and w in NOT_IN_HELP_YET:
            continue
        if missing:
            out.append(f"'{w}' is in {' and '.join(have)} but not in {' or '.join(missing)}")
    for w in sorted(NOT_IN_HELP_YET & sources.get("scidtun help", set())):
        out.append(f"scidtun help lists '{w}' now: take it off NOT_IN_HELP_YET")
    return out


def main(argv):
    if len(argv) not in (2, 3):
        print("usage: option-lists.py TOPDIR [SCIDTUN]", file=sys.stderr)
        return 1
    top = argv[1]
    tool = argv[2] if len(argv) == 3 else os.path.join(top, "tools/scidtun/scidtun")
    helptext = subprocess.run([tool, "help"], capture_output=True, text=True, check=True).stdout
    with open(os.path.join(top, "tools/scidtun/man/scidtun.8"), encoding="utf-8") as f:
        man = f.read()
    with open(os.path.join(top, "tools/scidtun/completion/scidtun.bash"), encoding="utf-8") as f:
        completion = f.read()
    sources = {
        "scidtun help": from_help(helptext),
        "scidtun(8)": from_man(man),
        "the completion": from_completion(completion),
    }
    # The comparison must see a word one source lacks, or it proves nothing.
    probe = {n: CORE | {"probe"} for n in sources}
    probe["the completion"] = CORE
    if len(disagreements(probe)) != 1:
        print("option-lists: the comparison misses a word missing from one source", file=sys.stderr)
        return 1
    problems = disagreements(sources)
    for p in problems:
        print(f"option-lists: {p}", file=sys.stderr)
    everything = set().union(*sources.values())
    print(f"option-lists: {len(everything)} words, {len(problems)} disagreements")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
