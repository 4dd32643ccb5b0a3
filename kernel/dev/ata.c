/*
 * ATA PIO driver (see kernel/dev/ata.h). The primary channel's registers:
 *
 *   0x1f0 data (32-bit)      0x1f4 LBA bits 8-15     0x1f7 status / command
 *   0x1f1 error              0x1f5 LBA bits 16-23    0x3f6 device control
 *   0x1f2 sector count       0x1f6 drive, LBA 24-27
 *   0x1f3 LBA bits 0-7
 *
 * A command: wait until not busy, select the drive and the LBA, write
 * the command; then per sector wait for DRQ (data request) and move 256
 * words. LBA28 addressing: disks up to 128 GiB, far beyond a swap disk.
 *
 * Lock legend: [d] ata_lock (a mutex: a transfer takes a while)
 */
#include <x86/cpufunc.h>
#include "kernel/dev/ata.h"
#include "kernel/errno.h"
#include "kernel/lock.h"
#include "kernel/printf.h"

#define ATA_DATA        0x1f0
#define ATA_ERROR       0x1f1
#define ATA_COUNT       0x1f2
#define ATA_LBA0        0x1f3
#define ATA_LBA1        0x1f4
#define ATA_LBA2        0x1f5
#define ATA_DRIVE       0x1f6
#define ATA_STATUS      0x1f7
#define ATA_COMMAND     0x1f7
#define ATA_CONTROL     0x3f6

#define ST_ERR          0x01
#define ST_DRQ          0x08
#define ST_DF           0x20
#define ST_DRDY         0x40
#define ST_BSY          0x80
#define CTL_NIEN        0x02            /* no interrupts: we poll */
#define DRIVE_MASTER_LBA 0xe0

#define CMD_READ        0x20
#define CMD_WRITE       0x30
#define CMD_IDENTIFY    0xec

#define ATA_MAX_PER_CMD 256             /* a count of 0 means 256 */
#define ATA_SPIN_LIMIT  5000000         /* status reads before we give up */
#define LBA28_MAX       (1u << 28)

static struct mutex ata_lock = MUTEX_INITIALIZER(ata_lock, "ata");
static uint64_t ata_nsectors;           /* [I] after ata_init */

/* Waits until not busy; then, with want, until want is set. 0 or EIO. */
static int ata_wait(uint8_t want)
{
	for (unsigned i = 0; i < ATA_SPIN_LIMIT; i++) {
		uint8_t st = inb(ATA_STATUS);
		if (st & ST_BSY)
			continue;
		if (st & (ST_ERR | ST_DF))
			return EIO;
		if ((st & want) == want)
			return 0;
	}
	return EIO;
}

uint64_t ata_init(void)
{
	uint16_t id[256];

	outb(ATA_CONTROL, CTL_NIEN);
	outb(ATA_DRIVE, 0xa0);                  /* master */
	outb(ATA_COUNT, 0);
	outb(ATA_LBA0, 0);
	outb(ATA_LBA1, 0);
	outb(ATA_LBA2, 0);
	outb(ATA_COMMAND, CMD_IDENTIFY);
	uint8_t st = inb(ATA_STATUS);
	/* No device: the bus floats (0xff) or reads 0. An ATAPI device
	 * (a CD) sets the signature in LBA1/LBA2 and aborts IDENTIFY. */
	if (st == 0 || st == 0xff || ata_wait(0) != 0 || inb(ATA_LBA1) || inb(ATA_LBA2) ||
	    ata_wait(ST_DRQ) != 0) {
		printf("ata0: no disk (no swap)\n");
		return 0;
	}
	for (int i = 0; i < 256; i++)
		id[i] = inw(ATA_DATA);
	ata_nsectors = id[60] | (uint32_t)id[61] << 16;  /* LBA28 sectors */
	printf("ata0: %llu sectors (%llu MiB)\n", (unsigned long long)ata_nsectors,
	    (unsigned long long)ata_nsectors * ATA_SECTOR_SIZE >> 20);
	return ata_nsectors;
}

uint64_t ata_sectors(void)
{
	return ata_nsectors;
}

static int ata_check(uint64_t lba, size_t n)
{
	if (ata_nsectors == 0)
		return ENXIO;
	if (n == 0 || lba >= ata_nsectors || n > ata_nsectors - lba || lba + n > LBA28_MAX)
		return EINVAL;
	return 0;
}

/* Issues cmd for n (1..256) sectors at lba. => ata_lock held. */
static int ata_command(uint8_t cmd, uint64_t lba, size_t n)
{
	int error = ata_wait(0);

	if (error)
		return error;
	outb(ATA_DRIVE, DRIVE_MASTER_LBA | ((lba >> 24) & 0x0f));
	outb(ATA_COUNT, n == ATA_MAX_PER_CMD ? 0 : (uint8_t)n);
	outb(ATA_LBA0, lba & 0xff);
	outb(ATA_LBA1, (lba >> 8) & 0xff);
	outb(ATA_LBA2, (lba >> 16) & 0xff);
	outb(ATA_COMMAND, cmd);
	return 0;
}

/* Moves nbufs buffers of nsect sectors each, from / to the disk at lba on. */
static int ata_transfer(uint64_t lba, void *const bufs[], size_t nbufs, size_t nsect,
    bool write)
{
	size_t n = nbufs * nsect, done = 0;
	int error = nsect == 0 ? EINVAL : ata_check(lba, n);

	if (error)
		return error;
	mutex_enter(&ata_lock);
	while (n > 0 && !error) {
		size_t chunk = n < ATA_MAX_PER_CMD ? n : ATA_MAX_PER_CMD;
		error = ata_command(write ? CMD_WRITE : CMD_READ, lba, chunk);
		for (size_t s = 0; s < chunk && !error; s++, done++) {
			uint8_t *p = (uint8_t *)bufs[done / nsect] +
			    done % nsect * ATA_SECTOR_SIZE;
			if ((error = ata_wait(ST_DRQ)) != 0)
				break;
			if (write)
				outsl(ATA_DATA, p, ATA_SECTOR_SIZE / 4);
			else
				insl(ATA_DATA, p, ATA_SECTOR_SIZE / 4);
		}
		/* The last sector of a write is taken once the drive is not busy. */
		if (!error && write)
			error = ata_wait(0);
		lba += chunk;
		n -= chunk;
	}
	mutex_exit(&ata_lock);
	return error;
}

int ata_read(uint64_t lba, void *buf, size_t n)
{
	return ata_transfer(lba, &buf, 1, n, false);
}

int ata_write(uint64_t lba, const void *buf, size_t n)
{
	void *b = (void *)buf;

	return ata_transfer(lba, &b, 1, n, true);
}

int ata_readv(uint64_t lba, void *const bufs[], size_t nbufs, size_t nsect)
{
	return ata_transfer(lba, bufs, nbufs, nsect, false);
}

int ata_writev(uint64_t lba, void *const bufs[], size_t nbufs, size_t nsect)
{
	return ata_transfer(lba, bufs, nbufs, nsect, true);
}
