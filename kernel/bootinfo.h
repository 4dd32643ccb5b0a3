/*
 * What the boot loader told us, copied out of the multiboot (v1 or v2)
 * information before any memory is handed out, so the loader's structures
 * need no reservation. Module contents stay where the loader put them and
 * are reserved by the physical memory set-up.
 */
#ifndef _KERNEL_BOOTINFO_H_
#define _KERNEL_BOOTINFO_H_

#include <stdint.h>
#include <machine/types.h>

#define BI_MAXMEM       32
#define BI_MAXMOD       8
#define BI_MAXARGS      16
#define BI_CMDLINE      256
/* Names are copied cut to these sizes, NUL included. */
#define BI_LOADERNAME   48      /* the boot loader's name */
#define BI_MODNAME      64      /* a module's string (QEMU: the -initrd path) */

struct bi_range {
	paddr_t start, end;             /* [start, end) */
};

struct bi_module {
	paddr_t start, end;
	char name[BI_MODNAME];
};

struct bootinfo {
	int mb_version;                 /* 1 or 2 */
	char loader[BI_LOADERNAME];
	char cmdline[BI_CMDLINE];       /* as given */
	int nmem;
	struct bi_range mem[BI_MAXMEM]; /* usable RAM, sorted, as reported */
	int nmod;
	struct bi_module mod[BI_MAXMOD];
	const char *initcmd;            /* what follows " -- ": a command for init, or NULL */
	int nargs;                      /* key=value words of the command line */
	struct { char *key, *val; } args[BI_MAXARGS];
	char argbuf[BI_CMDLINE];
};

extern struct bootinfo bootinfo;

/* Parses the loader's information; panics with a clear message if unusable. */
void bootinfo_init(uint32_t magic, uint32_t info_pa);
/*
 * The command line is key=value words, then optionally "--" and a command
 * line for init to run (`make run CMD=...`): bootinfo.initcmd.
 */
/* The value of key=value on the command line, or NULL. */
const char *bootinfo_arg(const char *key);
/* Prints the memory map and modules. */
void bootinfo_print(void);

#endif
