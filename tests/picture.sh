#!/usr/bin/env bash
# The picture of an address space: tests/picture.sh ARCH (run by
# tests/run.sh after ARCH's build).
#
#   vmdemo_svg_xml      `make -s run CMD='vmdemo -svg'` prints an SVG that
#                       python3's xml.etree parses, with a legend of the
#                       seven page states and two processes
#   vmdemo_svg_pages    the pages vmdemo (user/vmdemo.c) made, by state:
#                       in its private region the parent has 4 shared, 2
#                       anon, 2 empty; the child 4 shared, 3 anon, 1 empty;
#                       the shared region 2 object pages in each, the same
#                       physical pages; and exactly 4 links between the
#                       private regions, each joining page k to page k for
#                       k = 0, 1, 4, 5
#   vmdemo_svg_png      rsvg-convert renders it to a PNG (librsvg2-bin,
#                       tools/deps.sh): missing, the test fails
#
# Holds the QEMU lock for its one boot.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh

arch=${1:?usage: tests/picture.sh i386|amd64}
dir=$LOGDIR/$arch-picture
mkdir -p "$dir"
unset MAKEFLAGS MFLAGS MAKELEVEL V

check() {
	local name=$1 ok=$2 why=$3 f
	shift 3
	if [ "$ok" -eq 0 ]; then
		result PASS "$arch" picture "$name"
		return
	fi
	result FAIL "$arch" picture "$name" "$why"
	for f in "$@"; do
		show_tail "$f" 15
	done
}

svg=$dir/vmdemo.svg
flock -w "$LOCK_WAIT" -E "$LOCK_FAILED" "$UVIX_LOCK" \
    timeout -k 5 "$TIMEOUT" make ARCH="$arch" -s run CMD='vmdemo -svg' </dev/null >"$svg" 2>"$dir/run.err"
rc=$?
python3 tests/picture/check_svg.py xml "$svg" >"$dir/xml.out" 2>&1
check vmdemo_svg_xml $? "make run exited $rc; the SVG is not what vmmap draws (see below)" \
    "$dir/xml.out" "$dir/run.err"
python3 tests/picture/check_svg.py pages "$svg" >"$dir/pages.out" 2>&1
check vmdemo_svg_pages $? "the pages by state are not vmdemo's (see below)" "$dir/pages.out"
png=$dir/vmdemo.png
rm -f "$png"
if ! command -v rsvg-convert >/dev/null; then
	check vmdemo_svg_png 1 "rsvg-convert is missing: tools/deps.sh installs librsvg2-bin"
else
	rsvg-convert -o "$png" "$svg" >"$dir/png.err" 2>&1 && [ -s "$png" ] &&
	    [ "$(head -c 8 "$png" | od -An -c | tr -d ' ')" = "211PNG\r\n032\n" ]
	check vmdemo_svg_png $? "rsvg-convert could not render $svg" "$dir/png.err"
fi
[ "$FAILED" -eq 0 ]
