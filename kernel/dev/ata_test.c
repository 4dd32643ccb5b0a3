/*
 * Tests of the ATA driver on the swap disk the harness attaches (make
 * creates build/ARCH/swap.img; SWAP sets its size): sectors written come
 * back the same, across a multi-command transfer too; a range past the
 * end or of no sectors is refused with EINVAL.
 */
#include "kernel/ktest.h"
#include "kernel/errno.h"
#include "kernel/dev/ata.h"
#include "vm/kmem.h"

#define NSECT   300                     /* more than one command's 256 */

KTEST(ata_write_read_back)
{
	size_t len = NSECT * ATA_SECTOR_SIZE;
	uint32_t *out = kmem_alloc(len, KM_SLEEP), *in = kmem_alloc(len, KM_SLEEP);
	uint64_t n = ata_sectors(), lba = 1000 + ktest_random(kt) % 1000;
	uint32_t salt = (uint32_t)ktest_random(kt);
	bool same = true;

	KT_ASSERT(n >= lba + NSECT);            /* the harness attaches a disk */
	for (size_t i = 0; i < len / 4; i++)
		out[i] = salt ^ (uint32_t)(i * 2654435761u);
	KT_ASSERT_EQ(ata_write(lba, out, NSECT), 0);
	for (size_t i = 0; i < len / 4; i++)
		in[i] = ~out[i];
	KT_ASSERT_EQ(ata_read(lba, in, NSECT), 0);
	for (size_t i = 0; i < len / 4; i++)
		same &= in[i] == out[i];
	/* One sector alone, then the last sector of the disk. */
	KT_ASSERT_EQ(ata_read(lba + 7, in, 1), 0);
	same &= in[0] == out[7 * ATA_SECTOR_SIZE / 4];
	KT_ASSERT_EQ(ata_write(n - 1, out, 1), 0);
	KT_ASSERT_EQ(ata_read(n - 1, in, 1), 0);
	same &= in[1] == out[1];
	kmem_free(out, len);
	kmem_free(in, len);
	KT_ASSERT(same);
}

KTEST(ata_bad_ranges)
{
	uint8_t buf[ATA_SECTOR_SIZE];
	uint64_t n = ata_sectors();

	KT_ASSERT(n > 0);
	KT_ASSERT_EQ(ata_read(n, buf, 1), EINVAL);
	KT_ASSERT_EQ(ata_read(n - 1, buf, 2), EINVAL);
	KT_ASSERT_EQ(ata_read(0, buf, 0), EINVAL);
	KT_ASSERT_EQ(ata_write(~(uint64_t)0, buf, 1), EINVAL);
}
