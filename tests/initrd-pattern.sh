#!/bin/sh
# Writes the pattern files of the initrd's test tree (tests/initrd/sizeN),
# whose contents kernel/initrd_test.c and vm/uvm_vnode_test.c compute
# again: 64-byte lines "NAME OFFSET " (OFFSET in 8 hex digits) filled up
# to column 63 with letters, 'a' + (line + column) % 26, then a newline;
# the file is the first N bytes of that. Run it from the top of the tree
# after changing the pattern or the sizes, and commit the files.
set -eu
for size in 0 1 4095 4096 4097 12388; do
	name=size$size
	awk -v name="$name" -v size="$size" 'BEGIN {
		for (off = 0; off < size; off += 64) {
			s = sprintf("%s %08x ", name, off)
			for (k = length(s); k < 63; k++)
				s = s sprintf("%c", 97 + (off / 64 + k) % 26)
			printf "%s\n", s
		}
	}' | head -c "$size" >"tests/initrd/$name"
done
