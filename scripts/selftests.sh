#!/bin/sh
# Build the mm selftests statically against the tree's own uapi headers.
# Usage: selftests.sh  ->  build/selftests/mm/
set -eu
top=$PWD
mkdir -p build/selftests/mm
make -s -C build/linux O="$top/build/headers" ARCH=x86_64 headers
make -s -C build/linux/tools/testing/selftests/mm -j"$(nproc)" \
	OUTPUT="$top/build/selftests/mm" \
	KHDR_INCLUDES="-isystem $top/build/headers/usr/include" LDFLAGS=-static
# The tools/mm tool for the THP zones, beside them in the guest's /mm
gcc -O2 -Wall -Wextra -static -o build/selftests/mm/thpzones build/linux/tools/mm/thpzones.c
