/*
 * popen and pclose: a command's standard output (mode "r") or input
 * ("w") as a FILE, through a pipe to /bin/sh -c. Each FILE popen opened
 * remembers its child, so pclose can wait for it; a child closes the
 * pipes of the other popen'ed FILEs, as POSIX asks.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

struct popened {
	FILE *f;
	pid_t pid;
	struct popened *next;
};

static struct popened *popened;

FILE *popen(const char *command, const char *mode)
{
	int fds[2], reading = mode[0] == 'r';

	if ((mode[0] != 'r' && mode[0] != 'w') || mode[1] != '\0') {
		errno = EINVAL;
		return NULL;
	}
	struct popened *p = malloc(sizeof(*p));
	if (p == NULL)
		return NULL;
	if (pipe(fds) < 0) {
		free(p);
		return NULL;
	}
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		free(p);
		return NULL;
	}
	if (pid == 0) {
		for (struct popened *q = popened; q; q = q->next)
			close(fileno(q->f));
		int mine = reading ? fds[1] : fds[0], std = reading ? 1 : 0;
		close(reading ? fds[0] : fds[1]);
		if (mine != std) {
			dup2(mine, std);
			close(mine);
		}
		execl("/bin/sh", "sh", "-c", command, (char *)NULL);
		_exit(127);
	}
	close(reading ? fds[1] : fds[0]);
	p->f = fdopen(reading ? fds[0] : fds[1], mode);
	if (p->f == NULL) {
		close(reading ? fds[0] : fds[1]);
		waitpid(pid, NULL, 0);
		free(p);
		return NULL;
	}
	p->pid = pid;
	p->next = popened;
	popened = p;
	return p->f;
}

/* Closes f and returns the command's wait status; -1 and ECHILD for a FILE popen did not open. */
int pclose(FILE *f)
{
	struct popened **pp, *p;
	int status;

	for (pp = &popened; (p = *pp) != NULL && p->f != f; pp = &p->next)
		;
	if (p == NULL) {
		errno = ECHILD;
		return -1;
	}
	*pp = p->next;
	fclose(f);
	pid_t pid = p->pid;
	free(p);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}
