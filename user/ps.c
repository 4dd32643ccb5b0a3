/*
 * ps: list the processes (SYS_ps): ids, state, memory and name. Memory in
 * KiB: VSZ mapped, RSS resident (of which ANON private pages), SWAP
 * private pages out on swap, WIRED in wired (mlock'd or kernel-wired)
 * ranges; MINFLT and MAJFLT the page faults it took (getrusage), major
 * ones reading from swap.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/uvix.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	struct uvix_procinfo *procs = NULL;
	size_t cap = 32;
	int n;

	if (argc != 1) {
		fprintf(stderr, "usage: ps\n");
		return 2;
	}
	/* A full buffer may mean there are more: try again with a larger one. */
	for (;;) {
		free(procs);
		if ((procs = malloc(cap * sizeof(*procs))) == NULL)
			err(1, "malloc");
		if ((n = uvix_ps(procs, cap)) < 0)
			err(1, "uvix_ps");
		if ((size_t)n < cap || cap >= 4096)
			break;
		cap *= 2;
	}
	long kb_per_page = getpagesize() / 1024;
	printf("  PID  PPID  PGRP S    VSZ(K)    RSS(K)   ANON(K)   SWAP(K)  WIRED(K)   MINFLT MAJFLT COMMAND\n");
	for (int i = 0; i < n; i++) {
		const struct uvix_procinfo *p = &procs[i];
		printf("%5d %5d %5d %c %9llu %9llu %9llu %9llu %9llu %8llu %6llu %.*s\n", (int)p->pid,
		    (int)p->ppid, (int)p->pgrp, (char)p->state,
		    (unsigned long long)(p->vsize / 1024),
		    (unsigned long long)(p->rss * kb_per_page),
		    (unsigned long long)(p->anon * kb_per_page),
		    (unsigned long long)(p->swap * kb_per_page),
		    (unsigned long long)(p->wired * kb_per_page), (unsigned long long)p->minflt,
		    (unsigned long long)p->majflt, (int)sizeof(p->name), p->name);
	}
	return 0;
}
