/*
 * ATA (IDE) disk: the primary channel's master, in PIO mode, the disk
 * QEMU attaches with -drive file=...,if=ide,format=raw,index=0. Uvix uses
 * it for swap (vm/uvm_swap.c). Transfers are polled (the data moves by
 * port I/O anyway); every wait is bounded, and a device error or a
 * timeout is EIO for the caller, never a hang or a panic. Writes are not
 * flushed from the drive's cache: swap need not survive a power cut.
 */
#ifndef _KERNEL_DEV_ATA_H_
#define _KERNEL_DEV_ATA_H_

#include <stddef.h>
#include <stdint.h>

#define ATA_SECTOR_SIZE 512

/* Finds the disk and prints what it found. Returns its size in sectors (0: none). */
uint64_t ata_init(void);
/* Sectors of the disk, or 0 if there is none. */
uint64_t ata_sectors(void);

/*
 * Reads / writes n sectors from sector lba, to / from buf.
 * => returns 0; ENXIO without a disk; EINVAL for n == 0 or a range past
 *    the end of the disk; EIO if the device reported an error or did not
 *    answer in time.
 */
int ata_read(uint64_t lba, void *buf, size_t n);
int ata_write(uint64_t lba, const void *buf, size_t n);
/*
 * The same for nbufs buffers of nsect sectors each, bufs[0] at lba and
 * each next one after the last (swap writes a cluster of pages that are
 * scattered in memory to consecutive sectors).
 */
int ata_readv(uint64_t lba, void *const bufs[], size_t nbufs, size_t nsect);
int ata_writev(uint64_t lba, void *const bufs[], size_t nbufs, size_t nsect);

#endif
