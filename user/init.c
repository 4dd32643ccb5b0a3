/*
 * init: process 1. It makes sure descriptors 0, 1 and 2 are the console,
 * shows /etc/motd, then runs /bin/sh again and again, and meanwhile
 * reaps every process whose parent died before it (they become init's
 * children). init ignores the keyboard's signals (SIGINT, SIGQUIT,
 * SIGTSTP): it must never die, and while no shell holds the console they
 * would go to init's process group.
 *
 * XXX: the console's path is not in kernel/abi; "/dev/console" is what
 * the kernel is asked to provide.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CONSOLE "/dev/console"
#define SHELL   "/bin/sh"

static char *const shell_argv[] = { "sh", NULL };
static char *const shell_envp[] = { "PATH=/bin", "HOME=/", NULL };
static const int keyboard_signals[] = { SIGINT, SIGQUIT, SIGTSTP };

/* Opens the console as each of descriptors 0, 1 and 2 that is not open. */
static void open_console(void)
{
	struct stat st;

	for (int fd = 0; fd < 3; fd++) {
		if (fstat(fd, &st) == 0)
			continue;
		/* 0 .. fd - 1 are open, so open() returns fd. */
		int got = open(CONSOLE, O_RDWR);
		if (got < 0)
			return;                 /* no console: nowhere to even say so */
		if (got != fd) {
			dup2(got, fd);
			close(got);
		}
	}
}

static void show_motd(void)
{
	char buf[512];
	int fd = open("/etc/motd", O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		write(STDOUT_FILENO, buf, n);
	close(fd);
}

static void set_keyboard_signals(void (*handler)(int))
{
	for (size_t i = 0; i < sizeof(keyboard_signals) / sizeof(keyboard_signals[0]); i++)
		signal(keyboard_signals[i], handler);
}

static pid_t start_shell(char *const argv[])
{
	pid_t pid = fork();

	if (pid == 0) {
		set_keyboard_signals(SIG_DFL);  /* ignored signals stay ignored across exec */
		execve(SHELL, argv, shell_envp);
		fprintf(stderr, "init: %s: %s\n", SHELL, strerror(errno));
		_exit(127);
	}
	if (pid < 0)
		fprintf(stderr, "init: fork: %s\n", strerror(errno));
	return pid;
}

static time_t uptime(void)
{
	struct timespec ts;

	return clock_gettime(CLOCK_MONOTONIC, &ts) == 0 ? ts.tv_sec : 0;
}

/* Says why the shell ended. */
static void report(int status)
{
	if (WIFSIGNALED(status))
		fprintf(stderr, "init: %s killed by signal %d (%s); starting another\n", SHELL,
		    WTERMSIG(status), strsignal(WTERMSIG(status)));
	else if (WEXITSTATUS(status) != 0)
		fprintf(stderr, "init: %s exited with status %d; starting another\n", SHELL,
		    WEXITSTATUS(status));
}

/*
 * init -c 'command' (the kernel's command line after "--", from
 * `make run CMD=...`): runs the command line once with sh -c, reaping
 * orphans meanwhile, then powers the machine off with its exit status
 * (128 + the signal's number if it was killed).
 */
static void run_once(char *cmd)
{
	char *argv[] = { "sh", "-c", cmd, NULL };
	pid_t shell = start_shell(argv), pid;
	int status = 0, code = 127;

	while (shell > 0 && ((pid = wait(&status)) != shell))
		if (pid < 0 && errno != EINTR)
			break;
	if (shell > 0)
		code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	uvix_reboot(RB_POWEROFF, code);
}

int main(int argc, char **argv)
{
	if (getpid() != 1) {
		fprintf(stderr, "init: I must be process 1\n");
		return 1;
	}
	set_keyboard_signals(SIG_IGN);
	open_console();
	if (argc == 3 && strcmp(argv[1], "-c") == 0)
		run_once(argv[2]);
	show_motd();
	for (;;) {
		time_t started = uptime();
		pid_t shell = start_shell(shell_argv);
		int status = 0;
		while (shell > 0) {
			pid_t pid = wait(&status);
			if (pid == shell)
				break;
			if (pid < 0 && errno != EINTR) {
				fprintf(stderr, "init: wait: %s\n", strerror(errno));
				break;
			}
			/* Otherwise an orphan (or EINTR): reaped, nothing more to do. */
		}
		if (shell > 0)
			report(status);
		if (uptime() - started < 2)
			sleep(1);               /* a shell that cannot start: do not spin */
	}
}
