#!/bin/sh
# Seeds the fuzz corpora from the committed test corpus (tests/corpus). Run from crates/pki:
#   sh fuzz/seed.sh
# fuzz/corpus/ is generated (git-ignored); libFuzzer adds what it finds there.
set -eu
here=$(dirname "$0")
src="$here/../tests/corpus"
out="$here/corpus/cms_verify"
mkdir -p "$out" "$here/corpus/cms_mutate"
# Every CMS, whole: the attached ones verify as valid with the target's first call.
cp "$src"/cms/*.p7s "$out"/
# Certificates and CRLs: DER of another shape, for the parser.
for f in "$src"/pki/*.der "$src"/crl/*.der; do
    cp "$f" "$out/$(basename "$(dirname "$f")")-$(basename "$f")"
done
# The detached cases in the split form the target understands: CMS ++ content ++ [length].
len=$(wc -c < "$src/cms/document.txt")
for c in rsa-detached p256-detached rsa-pss-digest; do
    { cat "$src/cms/$c.p7s" "$src/cms/document.txt"; printf "$(printf '\\%03o' "$len")"; } \
        > "$out/split-$c"
done
# cms_mutate: one input per base case, no edits (the first byte picks the base).
for k in 0 1 2 3 4 5 6; do
    printf "$(printf '\\%03o' "$k")" > "$here/corpus/cms_mutate/base-$k"
done
echo "seeded $(ls "$out" | wc -l) inputs into $out, 7 into $here/corpus/cms_mutate"
