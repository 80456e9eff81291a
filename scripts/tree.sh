#!/bin/sh
# Create or refresh build/linux: tag 'base' is the pristine Debian source,
# the commits above it are patches/ applied in 'series' order.
#
# An up-to-date tree is left alone, so its timestamps (and the objects built
# from it) stay valid.  A stale tree is refreshed in place (reset to base,
# git am), which rewrites only the files the series touches.  Commits that
# would be dropped are kept under refs/tao-backup/ first; uncommitted edits
# stop the refresh.
set -eu
want=$1
tree=build/linux
tarball=/usr/src/linux-source-6.12.tar.xz

have=$(dpkg-query -W -f '${Version}' linux-source-6.12 2>/dev/null || true)
[ -f "$tarball" ] || { echo "tree: $tarball missing (run 'make deps' as root)" >&2; exit 1; }
if [ "$have" != "$want" ]; then
	echo "tree: WARNING: installed linux-source-6.12 is '$have', the series is pinned to '$want'" >&2
fi

series_ids() {
	grep -v '^[[:space:]]*\(#\|$\)' patches/series | while read -r p; do
		git patch-id --stable <"patches/$p"
	done | awk '{print $1}'
}
tree_ids() {
	git -C "$tree" log --reverse -p --no-merges base..HEAD | git patch-id --stable | awk '{print $1}'
}

identity() {
	name=$(git config user.name || echo tao-tree)
	email=$(git config user.email || echo tao-tree@localhost)
	git -C "$1" config user.name "$name"
	git -C "$1" config user.email "$email"
}

create() {
	new=$tree.new
	rm -rf "$new"
	mkdir -p "$new"
	echo "tree: extracting $tarball ($have)"
	tar -xf "$tarball" -C "$new" --strip-components=1
	# Debian's packaging rule ('/*' at the end of .gitignore) would hide
	# every new file from git; drop that block, nothing else.
	sed -i '/^# Debian packaging/,$d' "$new/.gitignore"
	sed -i '${/^#$/d}' "$new/.gitignore"
	git -C "$new" init -q
	identity "$new"
	git -C "$new" add -A -f .
	GIT_AUTHOR_DATE='2000-01-01T00:00:00Z' GIT_COMMITTER_DATE='2000-01-01T00:00:00Z' \
		git -C "$new" commit -q -m "Debian linux-source-6.12 $have" \
		-m "Pristine source from /usr/src/linux-source-6.12.tar.xz; only Debian's
top-level '/*' .gitignore rule is removed."
	git -C "$new" tag base
	rm -rf "$tree"
	mv "$new" "$tree"
}

apply_series() {
	n=0
	for p in $(grep -v '^[[:space:]]*\(#\|$\)' patches/series); do
		if ! git -C "$tree" am -q --keep-cr "$PWD/patches/$p"; then
			git -C "$tree" am --abort || true
			echo "tree: patches/$p does not apply to linux-source-6.12 $have" >&2
			exit 1
		fi
		n=$((n + 1))
	done
	echo "tree: applied $n patches on base ($have)"
}

if [ -d "$tree/.git" ] && git -C "$tree" rev-parse -q --verify base >/dev/null &&
   git -C "$tree" log -1 --format=%s base | grep -qxF "Debian linux-source-6.12 $have"; then
	if [ "$(tree_ids)" = "$(series_ids)" ]; then
		echo "tree: build/linux is up to date with patches/"
		exit 0
	fi
	if [ -n "$(git -C "$tree" status --porcelain --untracked-files=no)" ]; then
		echo "tree: build/linux has uncommitted changes; commit and 'make export', or discard them" >&2
		exit 1
	fi
	ref=refs/tao-backup/$(date +%Y%m%d-%H%M%S)
	git -C "$tree" update-ref "$ref" HEAD
	echo "tree: patches/ changed; refreshing build/linux (old HEAD kept as $ref)"
	git -C "$tree" checkout -q -B main base
else
	create
	git -C "$tree" checkout -q -B main base
fi
apply_series
