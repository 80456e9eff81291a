#!/bin/sh
# Write build/linux's base..HEAD back to patches/: one format-patch file per
# commit, the series file, and the generated tail of the cover letter.
# Output is deterministic (zero commit ids, author dates, no git version), so
# exporting an unchanged tree changes nothing.
set -eu
tree=build/linux
cover=patches/0000-cover-letter.patch
marker='Base: Debian linux-source-6.12'
[ -d "$tree/.git" ] || { echo "export: no build/linux (make tree)" >&2; exit 1; }
if [ -n "$(git -C "$tree" status --porcelain --untracked-files=no)" ]; then
	echo "export: build/linux has uncommitted changes; commit them first" >&2
	exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git -C "$tree" format-patch -q --zero-commit --no-signature --abbrev=12 \
	-o "$tmp" base..HEAD
n=$(ls "$tmp" | wc -l)

# Cover letter: keep its subject and hand-written body, regenerate the rest.
subject="TAO: THP Allocator Optimizations for Linux 6.12"
body="*** describe the series ***"
if [ -f "$cover" ]; then
	subject=$(sed -n 's/^Subject: \[PATCH[^]]*\] //p' "$cover" | head -n 1)
	body=$(awk -v m="$marker" 'h && index($0, m) == 1 {exit} h {print} /^$/ && !h {h=1}' "$cover")
fi
name=$(git config user.name) email=$(git config user.email)
{
	echo "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001"
	echo "From: $name <$email>"
	echo "Date: $(git -C "$tree" log -1 --format=%aD HEAD)"
	printf 'Subject: [PATCH %02d/%02d] %s\n\n' 0 "$n" "$subject"
	printf '%s\n' "$body"
	echo
	echo "$marker $(git -C "$tree" log -1 --format=%s base | sed 's/.* //')"
	echo
	git -C "$tree" shortlog base..HEAD
	git -C "$tree" diff --stat=72 --summary base..HEAD
} >"$tmp/cover"

find patches -name '[0-9][0-9][0-9][0-9]-*.patch' ! -name '0000-*' -delete
mv "$tmp/cover" "$cover"
for f in "$tmp"/*.patch; do
	[ -e "$f" ] && mv "$f" patches/
done
{
	echo "# TAO series, in order (quilt convention)"
	for f in patches/[0-9][0-9][0-9][0-9]-*.patch; do
		case $f in */0000-*) ;; *) echo "${f#patches/}" ;; esac
	done
} >patches/series
echo "export: $n patches in patches/"
