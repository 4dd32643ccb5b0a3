/*
 * vmdemo: a small address space with a page of each kind a fork leaves,
 * shown by vmmap. It maps, at fixed addresses,
 *
 *   0x30000000  8 pages, anonymous, private: writes pages 0-5
 *   0x30010000  2 pages, anonymous, shared:  writes both
 *
 * then forks. The child writes pages 2, 3 (copy-on-write: its own copies
 * now) and 6 (a new page), and waits. Then the parent runs
 *
 *   /bin/vmmap [ARGS ...] PARENT CHILD
 *
 * (`vmdemo -svg` draws both: tests/picture.sh and the README's picture),
 * lets the child go, and exits with vmmap's status. What vmmap shows in
 * the private region: in both, pages 0, 1, 4, 5 shared (anons with two
 * references, one line each joining the two), 2 and 3 private; 6 private
 * in the child only, empty in the parent; 7 empty in both. The shared
 * region's 2 pages are its object's in both, the same physical pages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define PRIV    ((char *)0x30000000)
#define SHARED  ((char *)0x30010000)

static void die(const char *what)
{
	fprintf(stderr, "vmdemo: %s failed\n", what);
	exit(1);
}

int main(int argc, char **argv)
{
	long pgsz = getpagesize();
	int ready[2], go[2], status;
	char c = 0, pid_s[2][16];

	if (mmap(PRIV, 8 * pgsz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON | MAP_FIXED,
	    -1, 0) != PRIV)
		die("mmap private");
	if (mmap(SHARED, 2 * pgsz, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANON | MAP_FIXED,
	    -1, 0) != SHARED)
		die("mmap shared");
	for (int i = 0; i < 6; i++)
		PRIV[i * pgsz] = (char)('a' + i);
	SHARED[0] = SHARED[pgsz] = 's';
	if (pipe(ready) < 0 || pipe(go) < 0)
		die("pipe");
	pid_t child = fork();
	if (child < 0)
		die("fork");
	if (child == 0) {
		close(ready[0]);
		close(go[1]);
		PRIV[2 * pgsz] = PRIV[3 * pgsz] = PRIV[6 * pgsz] = 'c';
		if (write(ready[1], &c, 1) != 1)
			_exit(1);
		(void)read(go[0], &c, 1);       /* until the parent closes go */
		_exit(0);
	}
	close(ready[1]);
	close(go[0]);
	if (read(ready[0], &c, 1) != 1)
		die("the child");

	char *av[argc + 3];
	int n = 0;
	av[n++] = "vmmap";
	for (int i = 1; i < argc; i++)
		av[n++] = argv[i];
	snprintf(pid_s[0], sizeof(pid_s[0]), "%d", (int)getpid());
	snprintf(pid_s[1], sizeof(pid_s[1]), "%d", (int)child);
	av[n++] = pid_s[0];
	av[n++] = pid_s[1];
	av[n] = NULL;
	pid_t v = fork();
	if (v < 0)
		die("fork");
	if (v == 0) {
		close(ready[0]);
		close(go[1]);
		execve("/bin/vmmap", av, NULL);
		_exit(127);
	}
	if (waitpid(v, &status, 0) != v)
		die("waitpid");
	close(go[1]);
	waitpid(child, NULL, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
