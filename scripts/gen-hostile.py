#!/usr/bin/env python3
"""Hostile inputs for zonewarden, printed to standard output, for benchmarks and by hand.

Each subcommand takes N, and the output grows linearly with N:

  yaml-aliases N   a desired state whose N records each alias one list of N TXT values:
                   about 30*N bytes that expand to N*N values without limits
  yaml-nesting N   a desired state with a value nested N flow sequences deep: 2*N bytes whose
                   parse costs N*N without limits

zonewarden refuses both (exit 2) once past its limits (src/desired/limits.rs).
"""

import argparse
import sys


def yaml_aliases(n):
    """N TXT values under the anchor `l`, then N records whose values are `*l`."""
    out = ["'':\n  type: TXT\n  values: &l ["]
    out.extend(f"v{i}, " for i in range(n))
    out.append("end]\n")
    out.extend(f"n{i}: {{type: TXT, values: *l}}\n" for i in range(n))
    return "".join(out)


def yaml_nesting(n):
    """An A record whose value is N nested flow sequences."""
    return f"www:\n  type: A\n  value: {'[' * n}{']' * n}\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="family", required=True)
    for name, fn in (("yaml-aliases", yaml_aliases), ("yaml-nesting", yaml_nesting)):
        p = sub.add_parser(name, help=fn.__doc__)
        p.add_argument("n", type=int, metavar="N", help="size (output grows linearly)")
        p.set_defaults(generate=fn)
    args = parser.parse_args()
    if args.n < 0:
        parser.error("N must be 0 or more")
    sys.stdout.write(args.generate(args.n))


if __name__ == "__main__":
    main()
