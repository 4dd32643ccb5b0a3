#!/bin/sh
# check-elf.sh PROGRAM: checks what the kernel's ELF loader relies on in a
# user program just linked by user/user.mk, and exits 1 with a message if
# something is off:
#   - a static executable (ELF type EXEC, no PT_INTERP, no PT_DYNAMIC);
#   - its entry point inside the executable segment;
#   - every PT_LOAD page-aligned in the file and in memory (offset and
#     address multiples of 4096, so congruent modulo the page size), with
#     R-X or RW- permissions, never writable and executable at once.
f=$1
readelf -hlW "$f" | awk -v f="$f" '
function fail(msg) { print f ": " msg > "/dev/stderr"; bad = 1 }
function hex(s,   i, v) {     # mawk has no strtonum; addresses fit a double
	s = tolower(s); sub(/^0x/, "", s); v = 0
	for (i = 1; i <= length(s); i++)
		v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
	return v
}
/^  Type:/ && $2 != "EXEC" { fail("ELF type " $2 ", not EXEC (static, not PIE)") }
/^  Entry point address:/ { entry = hex($4) }
$1 == "INTERP" || $1 == "DYNAMIC" { fail("has a " $1 " segment: not a static executable") }
$1 == "LOAD" {
	nload++
	off = hex($2); va = hex($3); memsz = hex($6)
	flags = substr($0, 1)
	sub(/^.*0x[0-9a-f]+ 0x[0-9a-f]+ /, "", flags)   # after MemSiz: "R E 0x1000"
	sub(/ *0x[0-9a-f]+$/, "", flags)
	if (off % 4096 || va % 4096)
		fail(sprintf("PT_LOAD at offset 0x%x, address 0x%x: not page-aligned", off, va))
	if (flags != "R E" && flags != "RW")
		fail(sprintf("PT_LOAD at 0x%x has flags \"%s\", not \"R E\" or \"RW\"", va, flags))
	if (flags == "R E" && entry >= va && entry < va + memsz)
		entry_ok = 1
}
END {
	if (nload == 0)
		fail("no PT_LOAD segment")
	if (!entry_ok)
		fail(sprintf("entry point 0x%x is not in an R E segment", entry))
	exit bad
}'
