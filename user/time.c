/*
 * time command [arg ...]: run the command, then print on standard error
 * its wall-clock time, its user and system time and its page faults
 * (getrusage(RUSAGE_CHILDREN): ticks of 10 ms, see sys/resource.h).
 * The exit status is the command's (127 if it could not be run).
 */
#include <err.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds(const struct timeval *tv)
{
	return (double)tv->tv_sec + tv->tv_usec / 1e6;
}

int main(int argc, char *argv[])
{
	struct timespec a, b;
	struct rusage before, after;
	int status;

	if (argc < 2) {
		fprintf(stderr, "usage: time command [arg ...]\n");
		return 2;
	}
	getrusage(RUSAGE_CHILDREN, &before);
	clock_gettime(CLOCK_MONOTONIC, &a);
	pid_t pid = fork();
	if (pid < 0)
		err(1, "fork");
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		warn("%s", argv[1]);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		;
	clock_gettime(CLOCK_MONOTONIC, &b);
	getrusage(RUSAGE_CHILDREN, &after);
	double wall = (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
	fprintf(stderr, "real %.2fs user %.2fs sys %.2fs faults %ld\n", wall,
	    seconds(&after.ru_utime) - seconds(&before.ru_utime),
	    seconds(&after.ru_stime) - seconds(&before.ru_stime),
	    after.ru_minflt - before.ru_minflt);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
