/*
 * vmbench: what the VM's basic operations cost, in CPU cycles (rdtsc),
 * and as a ratio to the best 4 KiB memcpy measured in the same run, so
 * the table compares like with like on any machine (or emulator).
 *
 *   zero-fill fault     first write to a page of fresh anonymous memory
 *   copy-on-write fault write to a page shared with a child after fork
 *   fork+exit+wait      a process that has touched little / 16 MiB
 *
 * Usage: vmbench [pages]   (default 1024 pages for the fault rows)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PG      4096

static inline uint64_t cycles(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static char *anon(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		perror("vmbench: mmap");
		exit(1);
	}
	return p;
}

/* The best of many 4 KiB copies. */
static uint64_t copy_4k(void)
{
	static char a[PG], b[PG];
	uint64_t best = UINT64_MAX;

	memset(a, 1, PG);
	for (int i = 0; i < 2000; i++) {
		uint64_t t = cycles();
		memcpy(b, a, PG);
		__asm__ volatile("" : : "r"(b) : "memory");
		t = cycles() - t;
		if (t < best)
			best = t;
	}
	return best;
}

static uint64_t zero_fill(int n)
{
	char *p = anon((size_t)n * PG);
	uint64_t t = cycles();

	for (int i = 0; i < n; i++)
		p[i * PG] = 1;
	t = cycles() - t;
	munmap(p, (size_t)n * PG);
	return t / n;
}

/* The parent writes n shared pages while its child sleeps on a pipe. */
static uint64_t cow(int n)
{
	char *p = anon((size_t)n * PG);
	int fds[2];
	char c;

	for (int i = 0; i < n; i++)
		p[i * PG] = 1;
	if (pipe(fds) != 0)
		return 0;
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[1]);
		read(fds[0], &c, 1);            /* until the parent closes its end */
		_exit(0);
	}
	close(fds[0]);
	uint64_t t = cycles();
	for (int i = 0; i < n; i++)
		p[i * PG] = 2;
	t = cycles() - t;
	close(fds[1]);
	waitpid(pid, NULL, 0);
	munmap(p, (size_t)n * PG);
	return t / n;
}

static uint64_t fork_exit_wait(int rounds)
{
	uint64_t t = cycles();

	for (int i = 0; i < rounds; i++) {
		pid_t pid = fork();
		if (pid == 0)
			_exit(0);
		waitpid(pid, NULL, 0);
	}
	return (cycles() - t) / rounds;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1024;

	if (n <= 0 || n > 65536) {
		fprintf(stderr, "usage: vmbench [pages, 1 to 65536]\n");
		return 2;
	}
	uint64_t copy = copy_4k();
	uint64_t zf = zero_fill(n), cw = cow(n);
	uint64_t small = fork_exit_wait(20);
	size_t big = 16 << 20;
	char *p = anon(big);
	for (size_t i = 0; i < big; i += PG)
		p[i] = 1;
	uint64_t large = fork_exit_wait(5);
	munmap(p, big);

	printf("%-34s %14s %10s\n", "operation", "cycles", "x copy");
	printf("%-34s %14llu %10.1f\n", "best 4 KiB memcpy", (unsigned long long)copy, 1.0);
	printf("%-34s %14llu %10.1f\n", "zero-fill fault, per page", (unsigned long long)zf,
	    (double)zf / copy);
	printf("%-34s %14llu %10.1f\n", "copy-on-write fault, per page", (unsigned long long)cw,
	    (double)cw / copy);
	printf("%-34s %14llu %10.1f\n", "fork+exit+wait, small process",
	    (unsigned long long)small, (double)small / copy);
	printf("%-34s %14llu %10.1f\n", "fork+exit+wait, 16 MiB touched",
	    (unsigned long long)large, (double)large / copy);
	return 0;
}
