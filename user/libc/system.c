/* system(3): runs a command line with /bin/sh -c and waits for it. */
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <errno.h>

/*
 * Returns the shell's wait status, or -1 if it could not be started;
 * system(NULL) says whether there is a shell (1). SIGINT and SIGQUIT are
 * ignored in the caller while the command runs, as POSIX asks.
 */
int system(const char *command)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, oint, oquit;
	int status;
	pid_t pid;

	if (command == NULL)
		return access("/bin/sh", X_OK) == 0;
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &oint, NULL);
		sigaction(SIGQUIT, &oquit, NULL);
		execl("/bin/sh", "sh", "-c", command, (char *)NULL);
		_exit(127);
	}
	if (pid > 0) {
		while (waitpid(pid, &status, 0) < 0) {
			if (errno != EINTR) {
				status = -1;
				break;
			}
		}
	} else {
		status = -1;
	}
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	return status;
}
