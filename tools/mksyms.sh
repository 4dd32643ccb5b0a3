#!/bin/sh
# Usage: mksyms.sh NM KERNEL-ELF WORDSIZE > ksyms.S
#
# Emits the kernel's function symbols as a sorted table in section .ksyms,
# which kernel/ksyms.c searches to print symbolic backtraces. Layout:
#   word count; word addr[count]; uint32 name_offset[count]; char names[]
set -e
NM=$1; ELF=$2; WORD=$3
case $WORD in 4) DIR=.long ;; 8) DIR=.quad ;; *) echo "bad word size" >&2; exit 1 ;; esac
"$NM" -n --defined-only "$ELF" | awk -v dir="$DIR" '
BEGIN { n = 0 }
$2 ~ /^[tTwW]$/ { addr[n] = $1; name[n] = $3; n++ }
END {
	print "\t.section .ksyms, \"a\""
	print "\t.p2align 3"
	printf "\t%s %d\n", dir, n
	for (i = 0; i < n; i++) printf "\t%s 0x%s\n", dir, addr[i]
	off = 0
	for (i = 0; i < n; i++) { printf "\t.long %d\n", off; off += length(name[i]) + 1 }
	for (i = 0; i < n; i++) printf "\t.asciz \"%s\"\n", name[i]
}'
