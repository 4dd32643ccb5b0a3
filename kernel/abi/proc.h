/* The process list ps(1) reads with SYS_ps. */
#ifndef _UVIX_ABI_PROC_H_
#define _UVIX_ABI_PROC_H_

#include "kernel/abi/types.h"

struct uvix_procinfo {
	uvix_pid_t pid, ppid, pgrp;
	int32_t state;                  /* 'R' running/runnable, 'S' sleeping, 'Z' zombie */
	uint64_t vsize;                 /* bytes mapped */
	uint64_t rss;                   /* pages mapped (resident) */
	uint64_t anon;                  /* of those, private (anon) pages */
	uint64_t swap;                  /* private pages out on swap */
	char name[32];
	uint64_t wired;                 /* pages in wired (mlock'd or kernel-wired) ranges */
	uint64_t minflt, majflt;        /* page faults taken (getrusage) */
};

#endif
