/*
 * free [-k]: memory and swap from the VM counters (vm/uvmexp.h), in
 * human units (K, M, G: powers of 1024), or -k in KiB. "used" is what
 * is neither free nor reserved for nothing: npages - free.
 */
#include <err.h>
#include <stdio.h>
#include <string.h>
#include <sys/uvix.h>

static int kflag;

static void size(long long bytes)
{
	static const char units[] = "BKMGT";
	double v = (double)bytes;
	int u = 0;

	if (kflag) {
		printf(" %10lld", bytes / 1024);
		return;
	}
	while (v >= 1024 && u < 4) {
		v /= 1024;
		u++;
	}
	printf(u == 0 ? " %9.0f%c" : " %9.1f%c", v, units[u]);
}

int main(int argc, char *argv[])
{
	struct uvmexp u;

	if (argc > 2 || (argc == 2 && strcmp(argv[1], "-k") != 0)) {
		fprintf(stderr, "usage: free [-k]\n");
		return 2;
	}
	kflag = argc == 2;
	if (uvmexp(&u) < 0)
		err(1, "uvmexp");
	long long ps = u.pagesize;
	printf("      %10s %10s %10s %10s\n", "total", "used", "free", "wired");
	printf("Mem: ");
	size(u.npages * ps);
	size((u.npages - u.free) * ps);
	size(u.free * ps);
	size(u.wired * ps);
	printf("\nSwap:");
	size(u.swpages * ps);
	size(u.swpginuse * ps);
	size((u.swpages - u.swpginuse) * ps);
	putchar('\n');
	return 0;
}
