/*
 * pageinfo: what the kernel knows of the pages behind addresses of this
 * process (the pageinfo system call: physical page, owner, anon
 * references, loan and wire counts, whether writable).
 *
 *     pageinfo ADDR...     each address (hex or decimal) of this program
 *     pageinfo             a demonstration: a private page before it is
 *                          touched, after, shared with a child by fork,
 *                          and copied by the child's write
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uvix.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *owner_name(unsigned o)
{
	return o == UVIX_PAGE_OWNER_ANON ? "anon" : o == UVIX_PAGE_OWNER_OBJECT ? "object" :
	    "none";
}

static void show(const char *who, const void *addr)
{
	struct uvix_pageinfo pi;

	if (pageinfo(addr, &pi) != 0) {
		printf("%-8s %p: %s\n", who, addr, errno == ENOENT ? "nothing mapped" :
		    strerror(errno));
		return;
	}
	printf("%-8s %p: pfn %#llx owner %-6s anon refs %u loans %u wirings %u %s\n", who,
	    addr, (unsigned long long)pi.pi_pfn, owner_name(pi.pi_owner), pi.pi_anon_refs,
	    pi.pi_loan_count, pi.pi_wire_count, pi.pi_writable ? "writable" : "read-only");
}

static int demo(void)
{
	volatile char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
	    -1, 0);
	if (p == MAP_FAILED) {
		perror("pageinfo: mmap");
		return 1;
	}
	show("fresh", (const void *)p);
	p[0] = 1;
	show("written", (const void *)p);
	pid_t pid = fork();
	if (pid == 0) {
		(void)p[0];
		show("child", (const void *)p);
		p[0] = 2;
		show("child", (const void *)p);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	show("parent", (const void *)p);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 1)
		return demo();
	for (int i = 1; i < argc; i++) {
		char *end;
		unsigned long a = strtoul(argv[i], &end, 0);
		if (*end != '\0') {
			fprintf(stderr, "usage: pageinfo [ADDR...]\n");
			return 2;
		}
		show("addr", (const void *)a);
	}
	return 0;
}
