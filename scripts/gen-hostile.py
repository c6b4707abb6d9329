#!/usr/bin/env python3
"""Hostile inputs for zonewarden, printed to standard output, for benchmarks and by hand.

Each subcommand takes N, and the output grows linearly with N:

  yaml-aliases N   a desired state whose N records each alias one list of N TXT values:
                   about 30*N bytes that expand to N*N values without limits
  yaml-nesting N   a desired state with a value nested N flow sequences deep: 2*N bytes whose
                   parse costs N*N without limits
  parens N         a zone of N lines that each open a parenthesis and never close it: 6*N
                   bytes, which cost N*N when each error is recovered from by reading on
  long-token N     a zone with one bad A record whose address is N KiB of digits, quoted in
                   the finding's message and shown in its source line
  generate N       a zone of N `$GENERATE` lines of 100,000 TXT records each: 60*N bytes
                   that ask for 100,000*N records
  deep-names N     a zone of N owner names 60 labels deep on 13 branches, taken in turn:
                   each name is found from the apex down, 60 labels at a time
  siblings N       a zone of about N owner names whose parents each have 12 children, as
                   many as the name table keeps in a list, in a scattered order: each name
                   is looked for down lists that are not in the processor's cache

zonewarden refuses both YAML files (exit 2) once past its limits (src/desired/limits.rs),
reports each parenthesis once, quotes a bounded part of the token, and expands `$GENERATE`
lines only up to its budget (1,048,576 records a zone). scripts/gen-keytrap.py writes the
signed-zone families (colliding key tags, signatures by no key, redundant signatures).
"""

import argparse
import math
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


HEAD = (
    "$ORIGIN hostile.example.\n$TTL 3600\n"
    "@ SOA ns1 hostmaster 1 7200 3600 1209600 3600\n@ NS ns1\n"
    "ns1 A 192.0.2.1\nns1 AAAA 2001:db8::1\n"
)


def parens(n):
    """N lines of `a A (`."""
    return HEAD + "a A (\n" * n


def long_token(n):
    """One A record whose address is N KiB of digits."""
    return HEAD + "x A " + "9" * (1024 * n) + "\n"


def generate(n):
    """N `$GENERATE` lines of 100,000 TXT records each."""
    return HEAD + "".join(f"$GENERATE 0-99999 g{k}-$ TXT v$\n" for k in range(n))


def deep_names(n):
    """N TXT records at names of 60 labels, `lK.lK+1...`, on 13 branches taken in turn."""
    lines = (
        ".".join(f"l{(i * 7 + k) % 13}" for k in range(60)) + f' TXT "{i}"\n' for i in range(n)
    )
    return HEAD + "".join(lines)


def siblings(n):
    """`cA.bB.aK` for A and B below 12, in an order that scatters each parent's children."""
    total = 144 * max(1, n // 144)
    step = 1_000_003
    while math.gcd(step, total) != 1:
        step += 1
    names = (
        f"c{j % 12}.b{j // 12 % 12}.a{j // 144} A 192.0.2.2\n"
        for j in ((i * step) % total for i in range(total))
    )
    return HEAD + "".join(names)


# The `2 1 1` record of testdata/tlsa/intermediate.pem, the CA that issued the leaf of
# testdata/tlsa/fullchain.pem (scripts/make-tlsa-testdata.sh).
INTERMEDIATE_2_1_1 = "2 1 1 6E4C163BCD75A835E040FD43DD138FE59889B24E927465C703B8D191503E4270"


def ta_records(n):
    """N DANE-TA records, each at a mail host's `_25._tcp`, naming the CA of a chain given with
    --cert: each match asks whether the CA is on the chain's issuing path."""
    return HEAD + "".join(f"_25._tcp.h{i} TLSA {INTERMEDIATE_2_1_1}\n" for i in range(n))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="family", required=True)
    families = (
        ("yaml-aliases", yaml_aliases),
        ("yaml-nesting", yaml_nesting),
        ("parens", parens),
        ("long-token", long_token),
        ("generate", generate),
        ("deep-names", deep_names),
        ("siblings", siblings),
        ("ta-records", ta_records),
    )
    for name, fn in families:
        p = sub.add_parser(name, help=fn.__doc__)
        p.add_argument("n", type=int, metavar="N", help="size (output grows linearly)")
        p.set_defaults(generate=fn)
    args = parser.parse_args()
    if args.n < 0:
        parser.error("N must be 0 or more")
    sys.stdout.write(args.generate(args.n))


if __name__ == "__main__":
    main()
