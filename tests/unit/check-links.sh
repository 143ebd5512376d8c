#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The link checker's own test: a checker that finds nothing looks the same
# as docs without broken links, so it is run here on pages with known good
# and known broken links, and must tell them apart.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
checker=$top/scripts/check-links.py
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); }
ko() { echo "check-links test: $*" >&2; fail=$((fail + 1)); }

mkdir -p "$dir/sub"
cat >"$dir/good.md" <<'MD'
# Good page

## Hardening: `make check-stress`

## ipip's words in scid_ipip

## Twice

## Twice

Links: [other](sub/other.md), [its heading](sub/other.md#a-heading),
[here](#hardening-make-check-stress), [words](#ipips-words-in-scid_ipip),
[second](#twice-1), [a directory](sub), [web](https://example.org/x.md),
![image](sub/pic.png "a title"), [ref].

[ref]: sub/other.md#a-heading

An example, not a link: `[x](missing.md)`.

```
[also an example](missing.md)
```
MD
cat >"$dir/sub/other.md" <<'MD'
# Other

## A heading

[back](../good.md#good-page)
MD
: >"$dir/sub/pic.png"

if out=$(python3 "$checker" "$dir" 2>&1); then ok; else ko "good pages refused: $out"; fi

cat >"$dir/bad.md" <<'MD'
# Bad page

A [missing page](missing.md).

A [missing anchor](good.md#nowhere).

A [missing local anchor](#no-such-heading).
MD
if out=$(python3 "$checker" "$dir" 2>&1); then
	ko "broken links accepted"
else
	ok
fi
for want in "bad.md:3: broken link 'missing.md'" "bad.md:5: broken link 'good.md#nowhere'" \
	"bad.md:7: broken link '#no-such-heading'" "3 broken link"; do
	if [[ $out == *"$want"* ]]; then ok; else ko "no \"$want\" in: $out"; fi
done
if [[ $out == *good.md:* || $out == *other.md:* ]]; then ko "a good page reported: $out"; else ok; fi

# A skipped path is accepted while missing; its neighbours' anchors are not.
if out=$(SCID_LINKS_SKIP="missing.md" python3 "$checker" "$dir" 2>&1); then
	ko "broken anchors accepted with a skip list"
else
	ok
fi
if [[ $out == *"'missing.md'"* ]]; then ko "SCID_LINKS_SKIP ignored: $out"; else ok; fi
if [[ $out == *"2 broken link"* ]]; then ok; else ko "expected 2 broken links: $out"; fi

echo "check-links test: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
