/* The names of errors and signals: strerror, strsignal, sig2str, str2sig, psignal. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const errors[] = {
	[0]            = "Success",
	[EPERM]        = "Operation not permitted",
	[ENOENT]       = "No such file or directory",
	[ESRCH]        = "No such process",
	[EINTR]        = "Interrupted system call",
	[EIO]          = "Input/output error",
	[ENXIO]        = "No such device or address",
	[E2BIG]        = "Argument list too long",
	[ENOEXEC]      = "Exec format error",
	[EBADF]        = "Bad file descriptor",
	[ECHILD]       = "No child processes",
	[EAGAIN]       = "Resource temporarily unavailable",
	[ENOMEM]       = "Cannot allocate memory",
	[EACCES]       = "Permission denied",
	[EFAULT]       = "Bad address",
	[EBUSY]        = "Device or resource busy",
	[EEXIST]       = "File exists",
	[EXDEV]        = "Invalid cross-device link",
	[ENODEV]       = "No such device",
	[ENOTDIR]      = "Not a directory",
	[EISDIR]       = "Is a directory",
	[EINVAL]       = "Invalid argument",
	[ENFILE]       = "Too many open files in system",
	[EMFILE]       = "Too many open files",
	[ENOTTY]       = "Inappropriate ioctl for device",
	[EFBIG]        = "File too large",
	[ENOSPC]       = "No space left on device",
	[ESPIPE]       = "Illegal seek",
	[EROFS]        = "Read-only file system",
	[EPIPE]        = "Broken pipe",
	[EDOM]         = "Numerical argument out of domain",
	[ERANGE]       = "Numerical result out of range",
	[ENAMETOOLONG] = "File name too long",
	[ENOSYS]       = "Function not implemented",
	[ENOTEMPTY]    = "Directory not empty",
	[ELOOP]        = "Too many levels of symbolic links",
	[EOVERFLOW]    = "Value too large for defined data type",
	[ENOTSUP]      = "Operation not supported",
	[ETIMEDOUT]    = "Connection timed out",
};

/* Returns the message for errnum; an unknown one gets "Unknown error N" (in a static buffer). */
char *strerror(int errnum)
{
	static char unknown[32];

	if (errnum >= 0 && errnum < (int)(sizeof(errors) / sizeof(errors[0])) &&
	    errors[errnum] != NULL)
		return (char *)errors[errnum];
	snprintf(unknown, sizeof(unknown), "Unknown error %d", errnum);
	return unknown;
}

static const struct {
	const char *name;               /* without "SIG" */
	const char *desc;
} signals[NSIG] = {
	[SIGHUP]  = { "HUP",  "Hangup" },
	[SIGINT]  = { "INT",  "Interrupt" },
	[SIGQUIT] = { "QUIT", "Quit" },
	[SIGILL]  = { "ILL",  "Illegal instruction" },
	[SIGTRAP] = { "TRAP", "Trace/breakpoint trap" },
	[SIGABRT] = { "ABRT", "Aborted" },
	[SIGBUS]  = { "BUS",  "Bus error" },
	[SIGFPE]  = { "FPE",  "Floating point exception" },
	[SIGKILL] = { "KILL", "Killed" },
	[SIGUSR1] = { "USR1", "User defined signal 1" },
	[SIGSEGV] = { "SEGV", "Segmentation fault" },
	[SIGUSR2] = { "USR2", "User defined signal 2" },
	[SIGPIPE] = { "PIPE", "Broken pipe" },
	[SIGALRM] = { "ALRM", "Alarm clock" },
	[SIGTERM] = { "TERM", "Terminated" },
	[SIGCHLD] = { "CHLD", "Child exited" },
	[SIGCONT] = { "CONT", "Continued" },
	[SIGSTOP] = { "STOP", "Stopped (signal)" },
	[SIGTSTP] = { "TSTP", "Stopped" },
};

char *strsignal(int sig)
{
	static char unknown[32];

	if (sig > 0 && sig < NSIG && signals[sig].desc != NULL)
		return (char *)signals[sig].desc;
	snprintf(unknown, sizeof(unknown), "Unknown signal %d", sig);
	return unknown;
}

/* Writes sig's name without "SIG" ("INT") into str (SIG2STR_MAX bytes); -1 if it has none. */
int sig2str(int sig, char *str)
{
	if (sig > 0 && sig < NSIG && signals[sig].name != NULL) {
		strcpy(str, signals[sig].name);
		return 0;
	}
	return -1;
}

/* Reads "INT", "SIGINT" or a number into *sig; -1 if it names no signal. */
int str2sig(const char *str, int *sig)
{
	char *end;

	if (*str >= '0' && *str <= '9') {
		long n = strtol(str, &end, 10);
		if (*end != '\0' || n <= 0 || n >= NSIG)
			return -1;
		*sig = (int)n;
		return 0;
	}
	if (strncmp(str, "SIG", 3) == 0)
		str += 3;
	for (int i = 1; i < NSIG; i++) {
		if (signals[i].name != NULL && strcmp(str, signals[i].name) == 0) {
			*sig = i;
			return 0;
		}
	}
	return -1;
}

void psignal(int sig, const char *msg)
{
	if (msg != NULL && *msg != '\0')
		fprintf(stderr, "%s: %s\n", msg, strsignal(sig));
	else
		fprintf(stderr, "%s\n", strsignal(sig));
}
