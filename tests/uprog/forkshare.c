/*
 * Fork of shared and copied ranges, as processes see it (minherit):
 *
 *  1. touch, fork C1, minherit(SHARE), fork C2; C2 reads page X; the
 *     parent writes X (a copy: C1 still holds the old page): C2 must
 *     read the parent's byte.
 *  2. a private file mapping, minherit(SHARE), fork; the child reads
 *     page Y (the file's); the parent writes Y: the child must read it.
 *  3. minherit(SHARE), fork C1, minherit(COPY), fork C2; C1 writes: C2
 *     must keep reading what was there at its fork.
 *  4. MAP_SHARED|MAP_ANON, minherit(COPY), fork; the child writes: the
 *     parent must not see it.
 *
 * Each child waits for its turn on a pipe, checks, and exits 0, or with
 * the line number of the check that failed.
 */
#include "uprog.h"

#define PG      4096

struct turn { int go[2], ack[2]; };

static void turn_init(struct turn *t)
{
	UCHECK(usys(SYS_pipe, (long)t->go, 0, 0, 0, 0) == 0);
	UCHECK(usys(SYS_pipe, (long)t->ack, 0, 0, 0, 0) == 0);
}

static void post(int fd) { char c = 1; UCHECK(usys(SYS_write, fd, (long)&c, 1, 0, 0) == 1); }
static void await(int fd) { char c; UCHECK(usys(SYS_read, fd, (long)&c, 1, 0, 0) == 1); }

static long fork1(void) { return usys(SYS_fork, 0, 0, 0, 0, 0); }

static int reap(long pid)
{
	int status = -1;
	UCHECK(usys(SYS_waitpid, pid, (long)&status, 0, 0, 0) == pid);
	return status;
}

static long map(long len, int prot, int flags, int fd)
{
	long a = usys6(SYS_mmap, 0, len, prot, flags, fd, 0);
	UCHECK(a > 0 && (a & (PG - 1)) == 0);
	return a;
}

static void inherit(long a, long len, int how)
{
	UCHECK(usys(SYS_minherit, a, len, how, 0, 0) == 0);
}

#define RW      (PROT_READ | PROT_WRITE)
#define PRIV    (MAP_PRIVATE | MAP_ANONYMOUS)

/* 1: a copy-on-write copy into a shared amap reaches the other sharer. */
static void copy_into_shared(void)
{
	struct turn t;
	volatile char *p = (char *)map(2 * PG, RW, PRIV, -1);

	turn_init(&t);
	p[5] = 0x11;
	long c1 = fork1();
	if (c1 == 0) {
		await(t.go[0]);                 /* only to hold the old page */
		uexit(p[5] == 0x11 ? 0 : __LINE__);
	}
	inherit((long)p, 2 * PG, MAP_INHERIT_SHARE);
	long c2 = fork1();
	if (c2 == 0) {
		int ok = p[5] == 0x11;
		post(t.ack[1]);
		await(t.go[0]);
		uexit(ok && p[5] == 0x22 ? 0 : __LINE__);
	}
	await(t.ack[0]);
	p[5] = 0x22;
	post(t.go[1]);
	post(t.go[1]);
	UCHECK(reap(c2) == 0);
	UCHECK(reap(c1) == 0);
}

/* 2: a promotion into a shared amap reaches the other sharer. */
static void promote_into_shared(void)
{
	struct turn t;
	long fd = usys(SYS_open, (long)"/tests/size12388", O_RDONLY, 0, 0, 0);
	UCHECK(fd >= 0);
	volatile char *p = (char *)map(2 * PG, RW, MAP_PRIVATE, (int)fd);
	char file_byte = p[PG + 9];

	turn_init(&t);
	inherit((long)p, 2 * PG, MAP_INHERIT_SHARE);
	long c = fork1();
	if (c == 0) {
		int ok = p[PG + 9] == file_byte;
		post(t.ack[1]);
		await(t.go[0]);
		uexit(ok && p[PG + 9] == (char)(file_byte + 1) ? 0 : __LINE__);
	}
	await(t.ack[0]);
	p[PG + 9] = (char)(file_byte + 1);
	post(t.go[1]);
	UCHECK(reap(c) == 0);
	UCHECK(usys(SYS_close, fd, 0, 0, 0, 0) == 0);
}

/* 3: a copy of a shared range is a snapshot. */
static void copy_of_shared_is_snapshot(void)
{
	struct turn t1, t2;                     /* the parent's turns with C1, with C2 */
	volatile char *p = (char *)map(2 * PG, RW, PRIV, -1);

	turn_init(&t1);
	turn_init(&t2);
	p[0] = 0x10;
	inherit((long)p, 2 * PG, MAP_INHERIT_SHARE);
	long c1 = fork1();
	if (c1 == 0) {
		p[0] = 0x20;                    /* writable here before C2's fork */
		post(t1.ack[1]);
		await(t1.go[0]);
		p[0] = 0x21;
		p[PG] = 0x31;
		post(t1.ack[1]);
		uexit(0);
	}
	await(t1.ack[0]);
	UCHECK(p[0] == 0x20);
	inherit((long)p, 2 * PG, MAP_INHERIT_COPY);
	long c2 = fork1();
	if (c2 == 0) {
		await(t2.go[0]);
		uexit(p[0] == 0x20 && p[PG] == 0 ? 0 : __LINE__);
	}
	post(t1.go[1]);                         /* C1 writes */
	await(t1.ack[0]);
	UCHECK(p[0] == 0x21 && p[PG] == 0x31);  /* the parent shares with C1 */
	post(t2.go[1]);                         /* C2 checks */
	UCHECK(reap(c1) == 0);
	UCHECK(reap(c2) == 0);
}

/* 4: copy inheritance of a shared mapping is private to the child. */
static void copy_of_shared_object(void)
{
	volatile char *p = (char *)map(2 * PG, RW, MAP_SHARED | MAP_ANONYMOUS, -1);

	p[0] = 0x11;
	inherit((long)p, 2 * PG, MAP_INHERIT_COPY);
	long c = fork1();
	if (c == 0) {
		int ok = p[0] == 0x11;
		p[0] = 0x44;
		p[PG] = 0x45;
		uexit(ok && p[0] == 0x44 ? 0 : __LINE__);
	}
	UCHECK(reap(c) == 0);
	UCHECK(p[0] == 0x11 && p[PG] == 0);
}

int umain(long *sp)
{
	(void)sp;
	copy_into_shared();
	promote_into_shared();
	copy_of_shared_is_snapshot();
	copy_of_shared_object();
	return 0;
}
