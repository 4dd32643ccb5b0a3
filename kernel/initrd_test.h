/*
 * The pattern files of the initrd's test tree, /tests/sizeN (written by
 * tests/initrd-pattern.sh), for the tests that read them
 * (kernel/initrd_test.c, vm/uvm_vnode_test.c): 64-byte lines "NAME OFFSET "
 * (OFFSET in 8 hex digits), letters 'a' + (line + column) % 26 up to
 * column 63, then a newline; file sizeN is the first N bytes of that.
 */
#ifndef _KERNEL_INITRD_TEST_H_
#define _KERNEL_INITRD_TEST_H_

#include <stdint.h>
#include "kernel/printf.h"

#define INITRD_TEST_LINE        64

/* Sets line[0..63] to the pattern's line that holds byte off of file name. */
static inline void initrd_test_line(const char *name, uint64_t off, char line[INITRD_TEST_LINE + 1])
{
	uint64_t start = off - off % INITRD_TEST_LINE;
	int k = snprintf(line, INITRD_TEST_LINE + 1, "%s %08llx ", name, (unsigned long long)start);

	for (; k < INITRD_TEST_LINE - 1; k++)
		line[k] = (char)('a' + (start / INITRD_TEST_LINE + (uint64_t)k) % 26);
	line[INITRD_TEST_LINE - 1] = '\n';
	line[INITRD_TEST_LINE] = '\0';
}

/*
 * True if buf[0..len) are the bytes of file name from offset off on.
 * => sets *badp to the first offset that differs otherwise.
 */
static inline bool initrd_test_matches(const char *name, uint64_t off, const uint8_t *buf,
    size_t len, uint64_t *badp)
{
	char line[INITRD_TEST_LINE + 1];

	for (size_t i = 0; i < len; i++) {
		if (i == 0 || (off + i) % INITRD_TEST_LINE == 0)
			initrd_test_line(name, off + i, line);
		if (buf[i] != (uint8_t)line[(off + i) % INITRD_TEST_LINE]) {
			*badp = off + i;
			return false;
		}
	}
	return true;
}

#endif
