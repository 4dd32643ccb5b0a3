/*
 * df: how full /tmp is. tmpfs counts the pages of its files' sizes
 * against a limit (sysctl tmpfs.maxpages) and its nodes against another
 * (tmpfs.maxnodes); df prints both, in KiB and in nodes.
 */
#include <err.h>
#include <stdio.h>
#include <sys/sysctl.h>
#include <unistd.h>

static int get(const char *name)
{
	int v;

	if (sysctl(name, &v, NULL) < 0)
		err(1, "sysctl %s", name);
	return v;
}

int main(int argc, char *argv[])
{
	if (argc > 1) {
		fprintf(stderr, "usage: df\n");
		return 2;
	}
	long kb = getpagesize() / 1024;
	long max = get("tmpfs.maxpages"), used = get("tmpfs.pages");
	long nmax = get("tmpfs.maxnodes"), nused = get("tmpfs.nodes");
	printf("%-10s %10s %10s %10s %5s %8s %8s  %s\n", "Filesystem", "1K-blocks", "Used",
	    "Available", "Use%", "Nodes", "NUsed", "Mounted on");
	printf("%-10s %10ld %10ld %10ld %4ld%% %8ld %8ld  %s\n", "tmpfs", max * kb, used * kb,
	    used < max ? (max - used) * kb : 0L, max ? used * 100 / max : 0L, nmax, nused, "/tmp");
	return 0;
}
