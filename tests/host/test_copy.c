/*
 * The kernel's copies on the host: kernel/string.c's memcpy, memmove and
 * memset (built under ASan and UBSan with a kstr_ prefix,
 * kstring_rename.h) against glibc's, and arch/amd64/copy.S's md_copy
 * itself (this host is x86-64), at every alignment of source and
 * destination (0..15) and every length from 0 to 3 pages.
 *
 * md_copy's faults: its recovery pc is the first word of *curthread, as
 * in the kernel; a SIGSEGV handler plays trap()'s part (resume there with
 * EFAULT in %rax), and a PROT_NONE page is the hole. ASan does not see
 * into assembly, so each copy is checked with guard bytes around it.
 */
#define _GNU_SOURCE             /* REG_RIP, REG_RAX */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "hosttest.h"

#define PG              4096
#define ALIGNS          16                      /* offsets 0..15 */
#define GUARD           128                     /* bytes checked on each side */
#define MAXLEN          (3 * PG)
#define BUFSIZE         (MAXLEN + 2 * GUARD + ALIGNS)
#define SHORT           200                     /* every alignment pair below this length */
#define PAIRS_LONG      3                       /* random alignment pairs per longer length */
#define FILL            0xa5

void *kstr_memcpy(void *dst, const void *src, size_t n);
void *kstr_memmove(void *dst, const void *src, size_t n);
void *kstr_memset(void *dst, int c, size_t n);
int md_copy(void *dst, const void *src, size_t len);

/* What md_copy reads: a thread whose first word is t_onfault. */
static uintptr_t fake_thread[4];
void *curthread = fake_thread;

static unsigned char pat(size_t i)
{
	return (unsigned char)(i * 131 + (i >> 8) * 7 + 1);
}

enum how { BY_MEMCPY, BY_MEMMOVE, BY_MEMSET, BY_MD_COPY };

static void one(enum how how, unsigned char *src, unsigned char *dst, size_t sa, size_t da,
    size_t len)
{
	unsigned char *s = src + GUARD + sa, *d = dst + GUARD + da;

	switch (how) {
	case BY_MEMCPY: CHECK(kstr_memcpy(d, s, len) == d); break;
	case BY_MEMMOVE: CHECK(kstr_memmove(d, s, len) == d); break;
	case BY_MEMSET: CHECK(kstr_memset(d, s[0], len) == d); break;
	case BY_MD_COPY: CHECK_EQ(md_copy(d, s, len), 0); break;
	}
	for (size_t i = 0; i < len; i++)
		CHECKF(d[i] == (how == BY_MEMSET ? s[0] : s[i]),
		    "how %d, len %zu, src +%zu, dst +%zu: byte %zu", how, len, sa, da, i);
	for (size_t i = 1; i <= GUARD; i++)
		CHECKF(d[-(long)i] == FILL && d[len - 1 + i] == FILL,
		    "how %d, len %zu, src +%zu, dst +%zu: guard byte %zu", how, len, sa, da, i);
	memset(d, FILL, len);
}

static void sweep(enum how how)
{
	static unsigned char src[BUFSIZE], dst[BUFSIZE];

	for (size_t i = 0; i < BUFSIZE; i++)
		src[i] = pat(i), dst[i] = FILL;
	for (size_t len = 0; len <= MAXLEN; len++) {
		if (len < SHORT || len % PG <= 1 || len % PG == PG - 1) {
			for (size_t sa = 0; sa < ALIGNS; sa++)
				for (size_t da = 0; da < ALIGNS; da++)
					one(how, src, dst, sa, da, len);
		} else {
			for (int p = 0; p < PAIRS_LONG; p++)
				one(how, src, dst, host_rand_below(ALIGNS), host_rand_below(ALIGNS), len);
		}
	}
}

void test_copy_kstring_memcpy(void)
{
	sweep(BY_MEMCPY);
}

void test_copy_kstring_memmove(void)
{
	sweep(BY_MEMMOVE);
	/* Overlapping both ways, against glibc's memmove. */
	static unsigned char a[2 * PG], b[2 * PG];
	for (int n = 0; n < 2000; n++) {
		size_t len = host_rand_below(PG), from = host_rand_below(PG), to = host_rand_below(PG);
		for (size_t i = 0; i < sizeof(a); i++)
			a[i] = b[i] = pat(i + n);
		kstr_memmove(a + to, a + from, len);
		memmove(b + to, b + from, len);
		CHECKF(memcmp(a, b, sizeof(a)) == 0, "memmove %zu bytes from %zu to %zu", len, from, to);
	}
}

void test_copy_kstring_memset(void)
{
	sweep(BY_MEMSET);
}

void test_copy_md_copy_every_alignment(void)
{
	sweep(BY_MD_COPY);
}

/* trap()'s part: a fault with a recovery pc resumes there with EFAULT. */
static void on_segv(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	if (fake_thread[0] == 0) {
		signal(SIGSEGV, SIG_DFL);       /* not md_copy's: die of it */
		return;
	}
	uc->uc_mcontext.gregs[REG_RIP] = (greg_t)fake_thread[0];
	uc->uc_mcontext.gregs[REG_RAX] = EFAULT;
}

/* Out of and into a range whose second page is PROT_NONE: exactly the bytes before it. */
void test_copy_md_copy_fault_stops_at_the_hole(void)
{
	static const size_t before[] = { 0, 1, 3, 7, 8, 9, 63, 64, 65, 100, PG };
	static const size_t past[] = { 1, 5, 64, 2 * PG };
	static unsigned char buf[4 * PG];
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO | SA_NODEFER };
	unsigned char *map = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
	    -1, 0);

	CHECK(map != MAP_FAILED);
	CHECK_EQ(mprotect(map + PG, PG, PROT_NONE), 0);
	CHECK_EQ(sigaction(SIGSEGV, &sa, NULL), 0);
	for (size_t i = 0; i < PG; i++)
		map[i] = pat(i);
	for (size_t b = 0; b < sizeof(before) / sizeof(before[0]); b++) {
		size_t k = before[b];
		unsigned char *from = map + PG - k;
		for (size_t p = 0; p < sizeof(past) / sizeof(past[0]); p++) {
			size_t len = k + past[p];
			for (size_t da = 0; da < ALIGNS; da++) {
				memset(buf, FILL, sizeof(buf));
				CHECK_EQ(md_copy(buf + da, from, len), EFAULT);
				CHECK_EQ(fake_thread[0], 0);
				for (size_t i = 0; i < len + da; i++)
					CHECKF(buf[i] == (i >= da && i - da < k ? from[i - da] : FILL),
					    "from the hole - %zu, %zu bytes to +%zu: byte %zu", k, len, da, i);
				for (size_t i = 0; i < len; i++)
					buf[da + i] = (unsigned char)~pat(i);
				CHECK_EQ(md_copy(from, buf + da, len), EFAULT);
				for (size_t i = 0; i < k; i++)
					CHECK_EQ(from[i], buf[da + i]);
				if (k < PG)
					CHECK_EQ(from[-1], pat(PG - k - 1));
				for (size_t i = 0; i < k; i++)
					from[i] = pat(PG - k + i);
			}
		}
	}
	munmap(map, 2 * PG);
}
