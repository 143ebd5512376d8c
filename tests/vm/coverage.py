#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Which lines of module/*.c each VM test reaches, from tests/vm/run.sh --gcov.

    tests/vm/coverage.py [GCOV_DIR] [--lane FILE]

GCOV_DIR defaults to build/vm-debug/gcov (one folder per test, its .gcda and
the module's .gcno). Prints the lines the whole suite reaches, each test's
share, the lines only one test reaches, and a small set of tests that
reaches every one of them. With --lane FILE (test names, one a line, # for
comments, as tests/vm/debug-lane.txt) it checks that those tests together
reach every line the whole suite does, and exits 1 naming what they miss.
"""
import glob
import gzip
import json
import os
import subprocess
import sys
import tempfile


def lines_of(test_dir):
    """The (file, line) pairs with a count above zero in one test's data."""
    reached = set()
    with tempfile.TemporaryDirectory() as tmp:
        gcdas = sorted(glob.glob(os.path.join(test_dir, '*.gcda')))
        if not gcdas:
            return reached
        # One at a time: gcov gives up on a whole list for one odd file.
        for gcda in gcdas:
            subprocess.run(['gcov', '--json-format', '--object-directory',
                            test_dir, gcda], cwd=tmp, check=True,
                           capture_output=True)
        for path in glob.glob(os.path.join(tmp, '*.gcov.json.gz')):
            with gzip.open(path) as f:
                data = json.load(f)
            for src in data['files']:
                name = os.path.basename(src['file'])
                if name.endswith('.h'):
                    continue
                for line in src['lines']:
                    if line['count'] > 0:
                        reached.add((name, line['line_number']))
    return reached


def main(argv):
    top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    args = [a for a in argv if not a.startswith('--')]
    lane = None
    if '--lane' in argv:
        lane = argv[argv.index('--lane') + 1]
        args.remove(lane)
    gdir = args[0] if args else os.path.join(top, 'build', 'vm-debug', 'gcov')
    tests = {os.path.basename(d.rstrip('/')): lines_of(os.path.abspath(d))
             for d in sorted(glob.glob(os.path.join(gdir, '*/')))}
    if not tests:
        sys.exit(f'coverage.py: no test data in {gdir}; run tests/vm/run.sh --gcov')
    union = set().union(*tests.values())
    print(f'{len(union)} lines of module/*.c reached by {len(tests)} tests')
    for name, got in sorted(tests.items(), key=lambda kv: -len(kv[1])):
        only = got - set().union(*(v for k, v in tests.items() if k != name))
        print(f'  {name:20} {len(got):5} lines, {len(only):4} reached by no other test')
    # Greedy set cover: the test adding most new lines first.
    left, chosen = set(union), []
    while left:
        best = max(tests, key=lambda k: len(tests[k] & left))
        chosen.append((best, len(tests[best] & left)))
        left -= tests[best]
    print('a covering set: ' + ', '.join(f'{n} (+{c})' for n, c in chosen))
    if lane is None:
        return 0
    with open(lane) as f:
        names = [ln.split('#')[0].strip() for ln in f]
    names = [n for n in names if n]
    unknown = [n for n in names if n not in tests]
    missed = union - set().union(*(tests[n] for n in names if n in tests))
    if unknown:
        print(f'lane: no data for {", ".join(unknown)}')
    if not missed:
        print(f'lane {os.path.basename(lane)}: its {len(names)} tests reach all {len(union)} lines')
        return 0
    print(f'lane {os.path.basename(lane)} misses {len(missed)} lines:')
    for name, line in sorted(missed):
        who = [k for k, v in tests.items() if (name, line) in v]
        print(f'  {name}:{line} (reached by {", ".join(who)})')
    return 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
