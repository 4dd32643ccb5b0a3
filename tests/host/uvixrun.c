/*
 * uvixrun: runs Uvix user programs (user/) on Linux, for testing the libc,
 * crt0 and the programs before, or beside, the Uvix kernel.
 *
 *   uvixrun ROOT PROGRAM [ARG...]
 *
 * chroots into ROOT (build/$ARCH/initrd: the initrd's tree), runs PROGRAM
 * there with the environment PATH=/bin HOME=/ and traces it and all its
 * descendants with ptrace. Each Uvix system call (int $0x80, numbers and
 * registers of kernel/abi) is replaced by the Linux system call that does
 * the same, with the structures converted where Linux's differ; the few
 * Linux has no counterpart for are answered here (getpagesize, minherit,
 * uvmexp with made-up counters, ps from /proc; reboot(how, status) ends
 * the run with that status).
 * Exits with the program's status (128 + signal if it was killed).
 *
 * How a call is made Linux's:
 *
 *   i386 programs are 32-bit Linux processes, and Linux's int $0x80 takes
 *   its arguments in Uvix's registers: at the system-call-entry stop the
 *   number (orig_eax) and the arguments are rewritten, Linux runs the
 *   call, and at the exit stop the result is converted.
 *
 *   amd64 programs are 64-bit Linux processes, but Linux treats int $0x80
 *   as a 32-bit call, cutting the arguments to 32 bits. So at the entry
 *   stop the call is cancelled (orig_rax = -1), and at the exit stop the
 *   tracee is sent to a real "syscall; int3" that uvixrun wrote over
 *   bytes 8-10 of its ELF header (mapped at 0x400000 and never read at run
 *   time), with the Linux number and arguments in the registers; at the
 *   int3 its registers are put back, with the converted result. Saved
 *   registers form a stack per process, because a signal handler may run,
 *   and make calls, in the middle of one.
 *
 * Scratch memory for converted structures is the caller's stack, 8 KiB
 * below its stack pointer (past amd64's red zone). Linux's signal frames
 * work with the libc's trampoline unchanged (SYS_sigreturn becomes
 * rt_sigreturn).
 *
 * Not a sandbox: it trusts the programs it runs. Debugging: UVIXRUN_TRACE=1
 * prints every call.
 */
#define _GNU_SOURCE
/*
 * Uvix's ABI headers first: glibc's <signal.h>, <fcntl.h> and
 * <sys/mman.h> would define the same names, some with other values, so
 * they are not included; the few functions needed from them are
 * declared below.
 */
#define _UVIX_USER
#include "kernel/abi/fcntl.h"
#include "kernel/abi/mman.h"
#include "kernel/abi/proc.h"
#include "kernel/abi/resource.h"
#include "kernel/abi/signal.h"
#include "kernel/abi/syscall.h"
#include "vm/uvmexp.h"

#include <elf.h>
#include <errno.h>
#include <linux/audit.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

int kill(pid_t pid, int sig);
int raise(int sig);
void (*signal(int sig, void (*handler)(int)))(int);
#define LINUX_SIGTTOU   22
#undef sa_handler                       /* glibc's, from <signal.h> through <sys/wait.h> */

#define SCRATCH_CODE    0x400008        /* amd64: "syscall; int3" in the ELF header */
#define ERESTARTSYS     512             /* Linux's restart codes: leave them alone */
#define ERESTART_RESTARTBLOCK 516

static bool amd64;                      /* the programs are amd64 (else i386) */
static bool trace;

/* ---- processes ------------------------------------------------------- */

/* What a Uvix call became: filled at its entry, used at its exit. */
struct call {
	long unr, uargs[6];             /* the Uvix call */
	bool emulate;                   /* answered here: result */
	long result;
	long lnr, largs[6];             /* else the Linux call */
	bool keep_result;               /* sigreturn: the restored register is the result */
	uint32_t old_siginfo;           /* sigaction: proc.siginfo before it */
	long scratch;                   /* tracee memory for conversions */
};

struct saved {                          /* amd64: a call sent to SCRATCH_CODE */
	struct user_regs_struct regs;
	struct call call;
};

#define MAX_DEPTH       16
struct proc {
	pid_t pid;
	bool uvix;                      /* has exec'd a Uvix program */
	bool known;                     /* its parent's fork event has been seen */
	bool held;                      /* stopped, waiting for that event */
	bool started;                   /* its first stop has been seen */
	bool in_call;                   /* between a Uvix call's entry and exit */
	struct call call;
	struct saved stack[MAX_DEPTH];
	int depth;
	uint32_t siginfo;               /* signals whose handler asked for SA_SIGINFO */
	struct proc *next;
};

static struct proc *procs;

static struct proc *find_proc(pid_t pid)
{
	for (struct proc *p = procs; p != NULL; p = p->next)
		if (p->pid == pid)
			return p;
	struct proc *p = calloc(1, sizeof(*p));
	if (p == NULL) {
		perror("uvixrun: calloc");
		exit(125);
	}
	p->pid = pid;
	p->next = procs;
	procs = p;
	return p;
}

static void forget_proc(pid_t pid)
{
	for (struct proc **pp = &procs; *pp != NULL; pp = &(*pp)->next) {
		if ((*pp)->pid == pid) {
			struct proc *p = *pp;
			*pp = p->next;
			free(p);
			return;
		}
	}
}

static void die(const char *what)
{
	fprintf(stderr, "uvixrun: %s: %s\n", what, strerror(errno));
	exit(125);
}

/* ---- tracee memory ------------------------------------------------------ */

static bool mem_read(pid_t pid, long addr, void *buf, size_t n)
{
	struct iovec local = { buf, n }, remote = { (void *)addr, n };

	return process_vm_readv(pid, &local, 1, &remote, 1, 0) == (ssize_t)n;
}

static bool mem_write(pid_t pid, long addr, const void *buf, size_t n)
{
	struct iovec local = { (void *)buf, n }, remote = { (void *)addr, n };

	return process_vm_writev(pid, &local, 1, &remote, 1, 0) == (ssize_t)n;
}

/* Writes "syscall; int3" at SCRATCH_CODE (read-only: ptrace may write it anyway). */
static void poke_scratch_code(pid_t pid)
{
	long word;

	errno = 0;
	word = ptrace(PTRACE_PEEKDATA, pid, SCRATCH_CODE, 0);
	if (errno != 0)
		die("peek at the ELF header");
	memcpy(&word, "\x0f\x05\xcc", 3);
	if (ptrace(PTRACE_POKEDATA, pid, SCRATCH_CODE, word) < 0)
		die("poke the scratch code");
}

/* ---- the calls ------------------------------------------------------------ */

/* Linux's numbers, [0] for i386 and [1] for x86-64. */
enum lcall {
	L_EXIT, L_FORK, L_READ, L_WRITE, L_OPEN, L_CLOSE, L_WAIT, L_EXECVE, L_GETPID,
	L_GETPPID, L_KILL, L_DUP, L_DUP2, L_PIPE, L_LSEEK, L_FSTAT, L_GETDENTS, L_MMAP,
	L_MUNMAP, L_MPROTECT, L_MADVISE, L_BRK, L_NANOSLEEP, L_CLOCK_GETTIME, L_YIELD,
	L_SIGACTION, L_SIGPROCMASK, L_SIGRETURN, L_STAT, L_CHDIR, L_GETCWD, L_SETPGID,
	L_GETPGRP, L_IOCTL, L_SIGPENDING, L_SIGSUSPEND, L_RESTART, L_ALARM, L_FTRUNCATE, L_FSYNC,
	L_UNLINK, L_RENAME, L_LINK, L_MKDIR, L_RMDIR, L_ACCESS, L_MKNOD,
};
static const long linux_nr[][2] = {
	[L_EXIT] = { 252, 231 },                /* exit_group */
	[L_FORK] = { 2, 57 },
	[L_READ] = { 3, 0 },
	[L_WRITE] = { 4, 1 },
	[L_OPEN] = { 5, 2 },
	[L_CLOSE] = { 6, 3 },
	[L_WAIT] = { 7, 61 },                   /* waitpid, wait4 */
	[L_EXECVE] = { 11, 59 },
	[L_GETPID] = { 20, 39 },
	[L_GETPPID] = { 64, 110 },
	[L_KILL] = { 37, 62 },
	[L_DUP] = { 41, 32 },
	[L_DUP2] = { 63, 33 },
	[L_PIPE] = { 42, 22 },
	[L_LSEEK] = { 19, 8 },
	[L_FSTAT] = { 197, 5 },                 /* fstat64, fstat */
	[L_GETDENTS] = { 220, 217 },            /* getdents64 */
	[L_MMAP] = { 192, 9 },                  /* mmap2 (offset in pages), mmap */
	[L_MUNMAP] = { 91, 11 },
	[L_MPROTECT] = { 125, 10 },
	[L_MADVISE] = { 219, 28 },
	[L_BRK] = { 45, 12 },
	[L_NANOSLEEP] = { 407, 230 },           /* clock_nanosleep(_time64) */
	[L_CLOCK_GETTIME] = { 403, 228 },       /* clock_gettime(64) */
	[L_YIELD] = { 158, 24 },
	[L_SIGACTION] = { 174, 13 },            /* rt_sigaction */
	[L_SIGPROCMASK] = { 126, 14 },          /* sigprocmask, rt_sigprocmask */
	[L_SIGRETURN] = { 173, 15 },            /* rt_sigreturn */
	[L_STAT] = { 195, 4 },                  /* stat64, stat */
	[L_CHDIR] = { 12, 80 },
	[L_GETCWD] = { 183, 79 },
	[L_SETPGID] = { 57, 109 },
	[L_GETPGRP] = { 65, 111 },
	[L_IOCTL] = { 54, 16 },
	[L_ALARM] = { 27, 37 },
	[L_SIGPENDING] = { 73, 127 },           /* sigpending, rt_sigpending */
	[L_SIGSUSPEND] = { 72, 130 },           /* sigsuspend, rt_sigsuspend */
	[L_RESTART] = { 0, 219 },               /* restart_syscall */
	[L_FTRUNCATE] = { 93, 77 },
	[L_FSYNC] = { 118, 74 },
	[L_UNLINK] = { 10, 87 },
	[L_RENAME] = { 38, 82 },
	[L_LINK] = { 9, 86 },
	[L_MKDIR] = { 39, 83 },
	[L_RMDIR] = { 40, 84 },
	[L_ACCESS] = { 33, 21 },
	[L_MKNOD] = { 14, 133 },                /* mkfifo: mknod with S_IFIFO */
};

static void to_linux(struct call *c, enum lcall l, long a0, long a1, long a2, long a3,
    long a4, long a5)
{
	c->lnr = linux_nr[l][amd64];
	c->largs[0] = a0;
	c->largs[1] = a1;
	c->largs[2] = a2;
	c->largs[3] = a3;
	c->largs[4] = a4;
	c->largs[5] = a5;
}

static void emulate(struct call *c, long result)
{
	c->emulate = true;
	c->result = result;
}

/* Signal masks: signal s is bit s for Uvix, bit s - 1 for Linux. */
static uint64_t linux_mask(uint32_t m)
{
	return m >> 1;
}

static uint32_t uvix_mask(uint64_t m)
{
	return (uint32_t)(m << 1);
}

/* Linux's sigaction flags from Uvix's, and back. */
#define LINUX_SA_SIGINFO        0x00000004
#define LINUX_SA_RESTORER       0x04000000
#define LINUX_SA_RESTART        0x10000000

/*
 * The struct sigaction of Linux's rt_sigaction: handler, flags, restorer,
 * an 8-byte mask. Always with SA_SIGINFO: only then does i386 Linux build
 * the rt frame that rt_sigreturn (our SYS_sigreturn) expects; a handler
 * of one argument does not mind two more.
 */
static size_t put_linux_sigaction(unsigned char *buf, const struct uvix_sigaction *u)
{
	uint64_t w = amd64 ? 8 : 4, flags = LINUX_SA_RESTORER | LINUX_SA_SIGINFO;
	uint64_t mask = linux_mask(u->sa_mask);

	if (u->sa_flags & SA_RESTART)
		flags |= LINUX_SA_RESTART;
	memcpy(buf, &u->sa_handler, w);
	memcpy(buf + w, &flags, w);
	memcpy(buf + 2 * w, &u->sa_restorer, w);
	memcpy(buf + 3 * w, &mask, 8);
	return 3 * w + 8;
}

/* The flags come back with SA_SIGINFO always set: the caller knows better. */
static void get_linux_sigaction(const unsigned char *buf, struct uvix_sigaction *u)
{
	uint64_t w = amd64 ? 8 : 4, flags = 0, mask = 0;

	memset(u, 0, sizeof(*u));
	memcpy(&u->sa_handler, buf, w);
	memcpy(&flags, buf + w, w);
	memcpy(&u->sa_restorer, buf + 2 * w, w);
	memcpy(&mask, buf + 3 * w, 8);
	u->sa_mask = uvix_mask(mask);
	u->sa_flags = ((flags & LINUX_SA_RESTART) ? SA_RESTART : 0) |
	    ((flags & LINUX_SA_SIGINFO) ? SA_SIGINFO : 0);
}

/*
 * The Uvix struct sigaction as the program sees it: uintptr_t is 4 or 8
 * bytes, so its layout is that of the program's arch, not uvixrun's.
 */
static bool read_uvix_sigaction(pid_t pid, long addr, struct uvix_sigaction *u)
{
	unsigned char b[24];
	uint64_t w = amd64 ? 8 : 4;

	memset(u, 0, sizeof(*u));
	if (!mem_read(pid, addr, b, amd64 ? 24 : 16))
		return false;
	memcpy(&u->sa_handler, b, w);
	memcpy(&u->sa_mask, b + w, 4);
	memcpy(&u->sa_flags, b + w + 4, 4);
	memcpy(&u->sa_restorer, b + w + 8, w);
	return true;
}

static bool write_uvix_sigaction(pid_t pid, long addr, const struct uvix_sigaction *u)
{
	unsigned char b[24];
	uint64_t w = amd64 ? 8 : 4;

	memcpy(b, &u->sa_handler, w);
	memcpy(b + w, &u->sa_mask, 4);
	memcpy(b + w + 4, &u->sa_flags, 4);
	memcpy(b + w + 8, &u->sa_restorer, w);
	return mem_write(pid, addr, b, amd64 ? 24 : 16);
}

/* Fills procs[0..n) of the program's buffer from /proc; returns how many, or -errno. */
static long emulate_ps(pid_t pid, long addr, long n)
{
	long count = 0;

	for (struct proc *p = procs; p != NULL && count < n; p = p->next) {
		char path[64], line[512];
		if (!p->uvix)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/stat", (int)p->pid);
		FILE *f = fopen(path, "r");
		if (f == NULL)
			continue;
		char *ok = fgets(line, sizeof(line), f);
		fclose(f);
		char *close = ok ? strrchr(line, ')') : NULL;
		char *open = ok ? strchr(line, '(') : NULL;
		if (close == NULL || open == NULL)
			continue;
		struct uvix_procinfo info = { .pid = p->pid };
		char state;
		long ppid, pgrp;
		unsigned long vsize;
		long rss;
		/* fields 3 on: state ppid pgrp session tty tpgid flags 4 fault counts 4 times
		   priority nice threads itrealvalue starttime vsize rss */
		if (sscanf(close + 2, "%c %ld %ld %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d "
		    "%*d %*d %*d %*d %*u %lu %ld", &state, &ppid, &pgrp, &vsize, &rss) != 5)
			continue;
		info.ppid = (uvix_pid_t)ppid;
		info.pgrp = (uvix_pid_t)pgrp;
		info.state = state == 'R' ? 'R' : state == 'Z' ? 'Z' : 'S';
		info.vsize = vsize;
		info.rss = (uint64_t)rss;
		size_t len = close - open - 1;
		memcpy(info.name, open + 1, len < sizeof(info.name) - 1 ? len : sizeof(info.name) - 1);
		if (!mem_write(pid, addr + count * (long)sizeof(info), &info, sizeof(info)))
			return -EFAULT;
		count++;
	}
	return count;
}

/* Made-up counters: pagesize is 4096, counter i (from 0) is 1000 * i + 7. */
static long emulate_uvmexp(pid_t pid, long addr, long len)
{
	struct uvmexp u;
	int64_t *v = (int64_t *)&u;

	for (size_t i = 0; i < sizeof(u) / sizeof(int64_t); i++)
		v[i] = 1000 * (int64_t)i + 7;
	u.pagesize = 4096;
	if (len > (long)sizeof(u))
		len = sizeof(u);
	return mem_write(pid, addr, &u, len) ? 0 : -EFAULT;
}

/*
 * Fills c for the Uvix call c->unr(c->uargs): a Linux call, or a result.
 * Reads what it needs from the tracee; scratch memory is at c->scratch.
 */
static void translate(struct proc *p, struct call *c)
{
	long *a = c->uargs, s = c->scratch;
	pid_t pid = p->pid;

	switch (c->unr) {
	case 0: to_linux(c, L_RESTART, 0, 0, 0, 0, 0, 0); break;   /* a restarted nanosleep */
	case SYS_exit: to_linux(c, L_EXIT, a[0], 0, 0, 0, 0, 0); break;
	case SYS_fork: to_linux(c, L_FORK, 0, 0, 0, 0, 0, 0); break;
	case SYS_read: to_linux(c, L_READ, a[0], a[1], a[2], 0, 0, 0); break;
	case SYS_write: to_linux(c, L_WRITE, a[0], a[1], a[2], 0, 0, 0); break;
	case SYS_open: to_linux(c, L_OPEN, a[0], a[1], a[2], 0, 0, 0); break;
	case SYS_close: to_linux(c, L_CLOSE, a[0], 0, 0, 0, 0, 0); break;
	case SYS_waitpid: to_linux(c, L_WAIT, a[0], a[1], a[2], 0, 0, 0); break;
	case SYS_execve: to_linux(c, L_EXECVE, a[0], a[1], a[2], 0, 0, 0); break;
	case SYS_getpid: to_linux(c, L_GETPID, 0, 0, 0, 0, 0, 0); break;
	case SYS_getppid: to_linux(c, L_GETPPID, 0, 0, 0, 0, 0, 0); break;
	case SYS_kill: to_linux(c, L_KILL, a[0], a[1], 0, 0, 0, 0); break;
	case SYS_dup: to_linux(c, L_DUP, a[0], 0, 0, 0, 0, 0); break;
	case SYS_dup2: to_linux(c, L_DUP2, a[0], a[1], 0, 0, 0, 0); break;
	case SYS_pipe: to_linux(c, L_PIPE, a[0], 0, 0, 0, 0, 0); break;
	case SYS_lseek: to_linux(c, L_LSEEK, a[0], a[1], a[2], 0, 0, 0); break;
	case SYS_fstat: to_linux(c, L_FSTAT, a[0], s, 0, 0, 0, 0); break;
	case SYS_stat: to_linux(c, L_STAT, a[0], s, 0, 0, 0, 0); break;
	case SYS_getdents: to_linux(c, L_GETDENTS, a[0], a[1], a[2], 0, 0, 0); break;
	case SYS_ftruncate: to_linux(c, L_FTRUNCATE, a[0], a[1], 0, 0, 0, 0); break;
	case SYS_fsync: to_linux(c, L_FSYNC, a[0], 0, 0, 0, 0, 0); break;
	case SYS_unlink: to_linux(c, L_UNLINK, a[0], 0, 0, 0, 0, 0); break;
	case SYS_rename: to_linux(c, L_RENAME, a[0], a[1], 0, 0, 0, 0); break;
	case SYS_link: to_linux(c, L_LINK, a[0], a[1], 0, 0, 0, 0); break;
	case SYS_mkdir: to_linux(c, L_MKDIR, a[0], a[1], 0, 0, 0, 0); break;
	case SYS_rmdir: to_linux(c, L_RMDIR, a[0], 0, 0, 0, 0, 0); break;
	case SYS_access: to_linux(c, L_ACCESS, a[0], a[1], 0, 0, 0, 0); break;
	case SYS_mkfifo: to_linux(c, L_MKNOD, a[0], (a[1] & 07777) | S_IFIFO, 0, 0, 0, 0); break;
	case SYS_mmap: {
		long flags = a[3] & ~MAP_ANONYMOUS, off = a[5];
		if (a[3] & MAP_ANONYMOUS)
			flags |= 0x20;
		to_linux(c, L_MMAP, a[0], a[1], a[2], flags, a[4], amd64 ? off : off / 4096);
		break;
	}
	case SYS_munmap: to_linux(c, L_MUNMAP, a[0], a[1], 0, 0, 0, 0); break;
	case SYS_mprotect: to_linux(c, L_MPROTECT, a[0], a[1], a[2], 0, 0, 0); break;
	case SYS_madvise: to_linux(c, L_MADVISE, a[0], a[1], a[2], 0, 0, 0); break;
	case SYS_minherit: emulate(c, 0); break;
	case SYS_brk: to_linux(c, L_BRK, a[0], 0, 0, 0, 0, 0); break;
	case SYS_nanosleep: to_linux(c, L_NANOSLEEP, 1 /* CLOCK_MONOTONIC */, 0, a[0], a[1], 0, 0); break;
	case SYS_clock_gettime: to_linux(c, L_CLOCK_GETTIME, a[0], a[1], 0, 0, 0, 0); break;
	case SYS_sched_yield: to_linux(c, L_YIELD, 0, 0, 0, 0, 0, 0); break;
	case SYS_getpagesize: emulate(c, 4096); break;
	case SYS_sigaction: {
		unsigned char buf[32];
		struct uvix_sigaction u;
		long act = 0;
		if (a[1] != 0) {
			if (!read_uvix_sigaction(pid, a[1], &u)) {
				emulate(c, -EFAULT);
				break;
			}
			c->old_siginfo = p->siginfo;
			if (a[0] > 0 && a[0] < 32) {
				p->siginfo &= ~(1u << a[0]);
				if (u.sa_flags & SA_SIGINFO)
					p->siginfo |= 1u << a[0];
			}
			size_t n = put_linux_sigaction(buf, &u);
			mem_write(pid, s, buf, n);
			act = s;
		}
		to_linux(c, L_SIGACTION, a[0], act, a[2] ? s + 64 : 0, 8, 0, 0);
		break;
	}
	case SYS_sigprocmask:
	case SYS_sigsuspend: {
		/* The mask converted in scratch memory, the old one there too (s + 8). */
		long uset = c->unr == SYS_sigsuspend ? a[0] : a[1];
		uint32_t set = 0;
		uint64_t lset;
		if (uset != 0 && !mem_read(pid, uset, &set, 4)) {
			emulate(c, -EFAULT);
			break;
		}
		lset = linux_mask(set);
		mem_write(pid, s, &lset, 8);
		if (c->unr == SYS_sigsuspend && amd64)
			to_linux(c, L_SIGSUSPEND, s, 8, 0, 0, 0, 0);
		else if (c->unr == SYS_sigsuspend)
			to_linux(c, L_SIGSUSPEND, 0, 0, (long)lset, 0, 0, 0);
		else
			to_linux(c, L_SIGPROCMASK, a[0], a[1] ? s : 0, a[2] ? s + 8 : 0, 8, 0, 0);
		break;
	}
	case SYS_sigreturn:
		to_linux(c, L_SIGRETURN, 0, 0, 0, 0, 0, 0);
		c->keep_result = true;
		break;
	case SYS_sigpending:
		to_linux(c, L_SIGPENDING, s, 8, 0, 0, 0, 0);
		break;
	case SYS_uvmexp: emulate(c, emulate_uvmexp(pid, a[0], a[1])); break;
	case SYS_reboot:                        /* (how, status): status is ours */
		fprintf(stderr, "uvixrun: reboot(%ld, %ld): the run ends\n", a[0], a[1]);
		for (struct proc *q = procs; q != NULL; q = q->next)
			kill(q->pid, SIGKILL);
		exit((int)a[1]);
	case SYS_chdir: to_linux(c, L_CHDIR, a[0], 0, 0, 0, 0, 0); break;
	case SYS_getcwd: to_linux(c, L_GETCWD, a[0], a[1], 0, 0, 0, 0); break;
	case SYS_setpgid: to_linux(c, L_SETPGID, a[0], a[1], 0, 0, 0, 0); break;
	case SYS_getpgrp: to_linux(c, L_GETPGRP, 0, 0, 0, 0, 0, 0); break;
	case SYS_tcsetpgrp: {
		int32_t pgrp = (int32_t)a[1];
		mem_write(pid, s, &pgrp, 4);
		to_linux(c, L_IOCTL, a[0], TIOCSPGRP, s, 0, 0, 0);
		break;
	}
	case SYS_ps: emulate(c, emulate_ps(pid, a[0], a[1])); break;
	case SYS_alarm: to_linux(c, L_ALARM, a[0], 0, 0, 0, 0, 0); break;
	case SYS_getrusage: {                   /* zeros: Linux's counts are not the tracee's alone */
		struct uvix_rusage ru = { 0 };
		if (a[0] != RUSAGE_SELF && a[0] != RUSAGE_CHILDREN)
			emulate(c, -EINVAL);
		else
			emulate(c, mem_write(pid, a[1], &ru, sizeof(ru)) ? 0 : -EFAULT);
		break;
	}
	default:
		fprintf(stderr, "uvixrun: pid %d: unknown system call %ld\n", (int)pid, c->unr);
		emulate(c, -ENOSYS);
		break;
	}
}

/* Linux's struct stat (x86-64) or stat64 (i386) at buf into the program's struct uvix_stat. */
static void convert_stat(const unsigned char *buf, struct uvix_stat *u)
{
	uint32_t mode32, nlink32, ino32;
	uint64_t nlink64;

	memset(u, 0, sizeof(*u));
	if (amd64) {
		memcpy(&u->st_dev, buf + 0, 8);
		memcpy(&u->st_ino, buf + 8, 8);
		memcpy(&nlink64, buf + 16, 8);
		memcpy(&u->st_mode, buf + 24, 4);
		memcpy(&u->st_size, buf + 48, 8);
		memcpy(&u->st_blksize, buf + 56, 8);
		memcpy(&u->st_blocks, buf + 64, 8);
		u->st_nlink = (uint32_t)nlink64;
	} else {
		memcpy(&u->st_dev, buf + 0, 8);
		memcpy(&ino32, buf + 12, 4);
		memcpy(&mode32, buf + 16, 4);
		memcpy(&nlink32, buf + 20, 4);
		memcpy(&u->st_size, buf + 44, 8);
		memcpy(&ino32, buf + 52, 4);
		u->st_blksize = ino32;
		memcpy(&u->st_blocks, buf + 56, 8);
		memcpy(&u->st_ino, buf + 88, 8);
		u->st_mode = mode32;
		u->st_nlink = nlink32;
	}
}

/* Linux getdents64 records (ino, off, reclen, type, name) into Uvix's (ino, reclen, type, name). */
static long convert_dents(pid_t pid, long addr, long n)
{
	unsigned char *in = malloc(n), *out = malloc(n);
	long used = 0;

	if (in == NULL || out == NULL || !mem_read(pid, addr, in, n)) {
		free(in);
		free(out);
		return -EFAULT;
	}
	for (long pos = 0; pos < n;) {
		uint16_t reclen;
		memcpy(&reclen, in + pos + 16, 2);
		const char *name = (const char *)in + pos + 19;
		size_t len = strlen(name);
		uint16_t ureclen = (uint16_t)((11 + len + 1 + 7) & ~7u);
		memset(out + used, 0, ureclen);
		memcpy(out + used, in + pos, 8);                /* d_ino */
		memcpy(out + used + 8, &ureclen, 2);
		out[used + 10] = in[pos + 18];                  /* d_type: same DT_ values */
		memcpy(out + used + 11, name, len + 1);
		used += ureclen;
		pos += reclen;
	}
	long r = mem_write(pid, addr, out, used) ? used : -EFAULT;
	free(in);
	free(out);
	return r;
}

/* The Uvix result of c, given what the Linux call returned. */
static long convert_result(struct proc *p, const struct call *c, long r)
{
	pid_t pid = p->pid;
	const long *a = c->uargs;
	long s = c->scratch;

	if (r < 0)
		return r;
	switch (c->unr) {
	case SYS_fstat:
	case SYS_stat: {
		unsigned char buf[144];
		struct uvix_stat u;
		if (!mem_read(pid, s, buf, sizeof(buf)))
			return -EFAULT;
		convert_stat(buf, &u);
		return mem_write(pid, a[1], &u, sizeof(u)) ? 0 : -EFAULT;
	}
	case SYS_getdents:
		return r == 0 ? 0 : convert_dents(pid, a[1], r);
	case SYS_sigaction:
		if (a[2] != 0) {
			unsigned char buf[32];
			struct uvix_sigaction u;
			if (!mem_read(pid, s + 64, buf, sizeof(buf)))
				return -EFAULT;
			get_linux_sigaction(buf, &u);
			uint32_t was = a[1] ? c->old_siginfo : p->siginfo;
			if (!(a[0] > 0 && a[0] < 32 && (was & (1u << a[0]))))
				u.sa_flags &= ~SA_SIGINFO;
			if (!write_uvix_sigaction(pid, a[2], &u))
				return -EFAULT;
		}
		return 0;
	case SYS_sigprocmask:
	case SYS_sigpending: {
		long from = c->unr == SYS_sigpending ? s : s + 8;
		long to = c->unr == SYS_sigpending ? a[0] : a[2];
		uint64_t m = 0;             /* i386's old calls fill only 4 bytes */
		uint32_t um;
		if (to != 0) {
			if (!mem_read(pid, from, &m, amd64 ? 8 : 4))
				return -EFAULT;
			um = uvix_mask(m);
			if (!mem_write(pid, to, &um, 4))
				return -EFAULT;
		}
		return 0;
	}
	default:
		return r;
	}
}

/* ---- registers ----------------------------------------------------------------- */

static void get_regs(pid_t pid, struct user_regs_struct *r)
{
	if (ptrace(PTRACE_GETREGS, pid, 0, r) < 0)
		die("PTRACE_GETREGS");
}

static void set_regs(pid_t pid, const struct user_regs_struct *r)
{
	if (ptrace(PTRACE_SETREGS, pid, 0, r) < 0)
		die("PTRACE_SETREGS");
}

/* The Uvix call in the registers at its entry stop. */
static void read_call(const struct user_regs_struct *r, struct call *c)
{
	memset(c, 0, sizeof(*c));
	if (amd64) {
		c->unr = (long)r->orig_rax;
		c->uargs[0] = r->rdi;
		c->uargs[1] = r->rsi;
		c->uargs[2] = r->rdx;
		c->uargs[3] = r->r10;
		c->uargs[4] = r->r8;
		c->uargs[5] = r->r9;
		c->scratch = (long)((r->rsp - 128 - 8192) & ~63ull);
	} else {
		/*
		 * 32-bit registers, zero-extended: most are addresses (the
		 * stack is near 4 GiB), and what goes back to Linux is cut
		 * to 32 bits again anyway.
		 */
		c->unr = (uint32_t)r->orig_rax;
		c->uargs[0] = (uint32_t)r->rbx;
		c->uargs[1] = (uint32_t)r->rcx;
		c->uargs[2] = (uint32_t)r->rdx;
		c->uargs[3] = (uint32_t)r->rsi;
		c->uargs[4] = (uint32_t)r->rdi;
		c->uargs[5] = (uint32_t)r->rbp;
		c->scratch = (long)((r->rsp - 8192) & ~63ull);
	}
}

static void set_i386_args(struct user_regs_struct *r, long nr, const long *a)
{
	r->orig_rax = (uint32_t)nr;
	r->rbx = (uint32_t)a[0];
	r->rcx = (uint32_t)a[1];
	r->rdx = (uint32_t)a[2];
	r->rsi = (uint32_t)a[3];
	r->rdi = (uint32_t)a[4];
	r->rbp = (uint32_t)a[5];
}

static const char *call_name(long nr)
{
	static char buf[16];

	snprintf(buf, sizeof(buf), "%ld", nr);
	return buf;
}

/* A system-call stop of p (entry or exit). */
static void syscall_stop(struct proc *p)
{
	struct __ptrace_syscall_info info;
	struct user_regs_struct regs;

	if (ptrace(PTRACE_GET_SYSCALL_INFO, p->pid, sizeof(info), &info) < 0)
		die("PTRACE_GET_SYSCALL_INFO");
	if (!p->uvix || (amd64 && info.arch == AUDIT_ARCH_X86_64))
		return;                 /* before exec, or a call uvixrun made it make */
	get_regs(p->pid, &regs);
	if (info.op == PTRACE_SYSCALL_INFO_ENTRY) {
		read_call(&regs, &p->call);
		translate(p, &p->call);
		p->in_call = true;
		if (trace)
			fprintf(stderr, "[%d] call %s(%lx, %lx, %lx) -> linux %ld%s\n", (int)p->pid,
			    call_name(p->call.unr), p->call.uargs[0], p->call.uargs[1],
			    p->call.uargs[2], p->call.lnr, p->call.emulate ? " (emulated)" : "");
		if (amd64 || p->call.emulate)
			regs.orig_rax = (unsigned long long)-1;     /* skip it */
		else
			set_i386_args(&regs, p->call.lnr, p->call.largs);
		set_regs(p->pid, &regs);
		return;
	}
	if (info.op != PTRACE_SYSCALL_INFO_EXIT || !p->in_call)
		return;
	p->in_call = false;
	struct call *c = &p->call;
	if (c->emulate) {
		regs.rax = c->result;
		set_regs(p->pid, &regs);
		return;
	}
	if (!amd64) {
		long r = (int32_t)regs.rax;
		if (r <= -ERESTARTSYS && r >= -ERESTART_RESTARTBLOCK) {
			/* Linux will run it again: make that a Uvix call again. */
			set_i386_args(&regs, c->unr, c->uargs);
			set_regs(p->pid, &regs);
			return;
		}
		if (!c->keep_result) {
			regs.rax = (uint32_t)convert_result(p, c, r);
			set_regs(p->pid, &regs);
		}
		return;
	}
	/* amd64: make the call from SCRATCH_CODE; its int3 comes back to us. */
	if (c->unr != SYS_sigreturn) {
		if (p->depth == MAX_DEPTH) {
			fprintf(stderr, "uvixrun: pid %d: calls nested too deep\n", (int)p->pid);
			exit(125);
		}
		p->stack[p->depth].regs = regs;
		p->stack[p->depth].call = *c;
		p->depth++;
	}
	regs.rax = c->lnr;
	regs.rdi = c->largs[0];
	regs.rsi = c->largs[1];
	regs.rdx = c->largs[2];
	regs.r10 = c->largs[3];
	regs.r8 = c->largs[4];
	regs.r9 = c->largs[5];
	regs.rip = SCRATCH_CODE;
	set_regs(p->pid, &regs);
}

/* amd64: a SIGTRAP at SCRATCH_CODE's int3. Returns false if it is another trap. */
static bool scratch_return(struct proc *p)
{
	struct user_regs_struct regs;

	if (!amd64 || p->depth == 0)
		return false;
	get_regs(p->pid, &regs);
	if (regs.rip != SCRATCH_CODE + 3)
		return false;
	struct saved *sv = &p->stack[--p->depth];
	long r = (long)regs.rax;
	sv->regs.rax = convert_result(p, &sv->call, r);
	set_regs(p->pid, &sv->regs);
	return true;
}

/* ---- the run ---------------------------------------------------------------------- */

static void resume(pid_t pid, int sig)
{
	if (ptrace(PTRACE_SYSCALL, pid, 0, sig) < 0 && errno != ESRCH)
		die("PTRACE_SYSCALL");
}

static void event_stop(struct proc *p, int event)
{
	unsigned long msg = 0;

	if (event == PTRACE_EVENT_FORK || event == PTRACE_EVENT_VFORK ||
	    event == PTRACE_EVENT_CLONE) {
		ptrace(PTRACE_GETEVENTMSG, p->pid, 0, &msg);
		struct proc *child = find_proc((pid_t)msg);
		child->uvix = p->uvix;
		child->known = true;
		child->call = p->call;
		child->in_call = p->in_call;
		memcpy(child->stack, p->stack, sizeof(p->stack));
		child->depth = p->depth;
		child->siginfo = p->siginfo;
		if (child->held) {
			child->held = false;
			resume(child->pid, 0);
		}
	} else if (event == PTRACE_EVENT_EXEC) {
		p->uvix = true;
		p->depth = 0;
		p->siginfo = 0;                 /* exec resets handlers */
		p->in_call = false;
		if (amd64)
			poke_scratch_code(p->pid);
	}
}

/* Writes s to the file at path; returns 0 or -1. */
static int write_file(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		return -1;
	int r = fputs(s, f) < 0 ? -1 : 0;
	return fclose(f) != 0 ? -1 : r;
}

/*
 * chroot to root, as root or else in a user namespace of our own (where
 * we are root), as an ordinary user may where the system allows it.
 */
static int enter_root(const char *root)
{
	if (chroot(root) < 0) {
		if (errno != EPERM)
			return -1;
		char map[64];
		uid_t uid = getuid();
		gid_t gid = getgid();
		if (unshare(CLONE_NEWUSER) < 0)
			return -1;
		snprintf(map, sizeof(map), "0 %d 1\n", (int)uid);
		if (write_file("/proc/self/uid_map", map) < 0 ||
		    write_file("/proc/self/setgroups", "deny\n") < 0)
			return -1;
		snprintf(map, sizeof(map), "0 %d 1\n", (int)gid);
		if (write_file("/proc/self/gid_map", map) < 0 || chroot(root) < 0)
			return -1;
	}
	return chdir("/");
}

/* Whether the ELF file at path is 64-bit; exits if it is not a readable ELF file. */
static bool elf_is_64(const char *path)
{
	unsigned char ident[EI_NIDENT];
	FILE *f = fopen(path, "rb");

	if (f == NULL || fread(ident, 1, sizeof(ident), f) != sizeof(ident) ||
	    memcmp(ident, ELFMAG, SELFMAG) != 0) {
		fprintf(stderr, "uvixrun: %s: not an ELF program\n", path);
		exit(125);
	}
	fclose(f);
	return ident[EI_CLASS] == ELFCLASS64;
}

int main(int argc, char *argv[])
{
	if (argc < 3) {
		fprintf(stderr, "usage: uvixrun ROOT PROGRAM [ARG...]\n");
		return 125;
	}
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", argv[1], argv[2]);
	amd64 = elf_is_64(path);
	trace = getenv("UVIXRUN_TRACE") != NULL;
	/*
	 * Uvix has no SIGTTOU; Linux sends it to a tcsetpgrp caller outside
	 * the foreground (a shell that just made its own group) unless it
	 * is ignored, as it then is in the programs too: ignoring survives
	 * exec.
	 */
	signal(LINUX_SIGTTOU, (void (*)(int))1);       /* SIG_IGN */

	pid_t first = fork();
	if (first < 0)
		die("fork");
	if (first == 0) {
		char *envp[] = { "PATH=/bin", "HOME=/", NULL };
		if (enter_root(argv[1]) < 0) {
			fprintf(stderr, "uvixrun: chroot %s: %s\n", argv[1], strerror(errno));
			_exit(125);
		}
		ptrace(PTRACE_TRACEME, 0, 0, 0);
		raise(SIGSTOP);
		execve(argv[2], argv + 2, envp);
		fprintf(stderr, "uvixrun: %s: %s\n", argv[2], strerror(errno));
		_exit(125);
	}
	int status;
	if (waitpid(first, &status, 0) != first)
		die("waitpid for the first stop");
	if (!WIFSTOPPED(status))
		return 125;                     /* it said why */
	if (ptrace(PTRACE_SETOPTIONS, first, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK |
	    PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL) < 0)
		die("PTRACE_SETOPTIONS");
	struct proc *p = find_proc(first);
	p->known = p->started = true;
	resume(first, 0);

	int first_status = 0;
	for (;;) {
		pid_t pid = waitpid(-1, &status, __WALL);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ECHILD)
				break;
			die("waitpid");
		}
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			if (pid == first)
				first_status = status;
			forget_proc(pid);
			continue;
		}
		if (!WIFSTOPPED(status))
			continue;
		p = find_proc(pid);
		int sig = WSTOPSIG(status), event = status >> 16;
		if (event != 0) {
			event_stop(p, event);
			resume(pid, 0);
		} else if (sig == (SIGTRAP | 0x80)) {
			syscall_stop(p);
			resume(pid, 0);
		} else if (!p->started && sig == SIGSTOP) {
			p->started = true;      /* a new child's first stop */
			if (p->known)
				resume(pid, 0);
			else
				p->held = true;
		} else if (sig == SIGTRAP && scratch_return(p)) {
			resume(pid, 0);
		} else {
			char si[128];           /* a siginfo_t */
			/* No siginfo: a group stop. Let it go on (there is no job control here). */
			resume(pid, ptrace(PTRACE_GETSIGINFO, pid, 0, si) < 0 ? 0 : sig);
		}
	}
	if (WIFSIGNALED(first_status))
		return 128 + WTERMSIG(first_status);
	return WEXITSTATUS(first_status);
}
