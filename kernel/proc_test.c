/*
 * In-kernel tests of processes: each spawns one of the freestanding
 * programs in /tests/bin (tests/uprog, no libc), waits for it, and checks
 * its wait status. A program checks the kernel's answers itself and
 * exits with the failing line's number. The runner's leak check then
 * proves that the process gave back every page, anon, amap, kmem byte
 * and kernel stack (after the reaper has run: run() waits for it).
 */
#include "kernel/ktest.h"
#include "kernel/abi/wait.h"
#include "kernel/abi/signal.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/thread.h"
#include "kernel/console.h"
#include "kernel/tty.h"

/* Waits for p, then for the reaper to free its thread; returns p's status. */
static int wait_and_reap(struct proc *p, unsigned threads)
{
	int status = proc_wait_kernel(p);

	for (int i = 0; i < 200 && thread_count() > threads; i++)
		thread_sleep(1);
	return status;
}

/* Runs path to completion; returns its wait status, or -errno. */
static int run(const char *path)
{
	char *argv[] = { (char *)path, 0 };
	unsigned threads = thread_count();
	struct proc *p;
	int error = proc_spawn(path, argv, NULL, &p);

	if (error)
		return -error;
	return wait_and_reap(p, threads);
}

KTEST(proc_hello_exits_42)
{
	KT_ASSERT_EQ(run("/tests/bin/hello"), UVIX_W_EXITCODE(42, 0));
	KT_ASSERT_EQ(proc_count(), 0);
}

KTEST(proc_spawn_bad_program)
{
	KT_ASSERT_EQ(run("/tests/bin/no-such-program"), -ENOENT);
	KT_ASSERT_EQ(run("/tests/hello.txt"), -ENOEXEC);
	KT_ASSERT_EQ(run("/tests/bin/truncated"), -ENOEXEC);   /* segments past the end */
	KT_ASSERT_EQ(run("/tests/bin/badmachine"), -ENOEXEC);  /* e_machine: ARM */
	KT_ASSERT_EQ(run("/tests/bin/badclass"), -ENOEXEC);    /* the other arch's class */
	KT_ASSERT_EQ(run("/tests"), -EACCES);
	KT_ASSERT_EQ(proc_count(), 0);
}

KTEST(proc_bad_syscall_args_get_errnos)
{
	KT_ASSERT_EQ(run("/tests/bin/badargs"), UVIX_W_EXITCODE(0, 0));
}

KTEST(proc_segv_kills)
{
	KT_ASSERT_EQ(run("/tests/bin/segv"), UVIX_W_EXITCODE(0, SIGSEGV));
}

KTEST(proc_fork_copy_on_write)
{
	KT_ASSERT_EQ(run("/tests/bin/forkcow"), UVIX_W_EXITCODE(0, 0));
	KT_ASSERT_EQ(proc_count(), 0);
}

KTEST(proc_pipes)
{
	KT_ASSERT_EQ(run("/tests/bin/pipes"), UVIX_W_EXITCODE(0, 0));
}

KTEST(proc_signals)
{
	KT_ASSERT_EQ(run("/tests/bin/signals"), UVIX_W_EXITCODE(0, 0));
}

KTEST(proc_exec_args_and_env)
{
	KT_ASSERT_EQ(run("/tests/bin/execargs"), UVIX_W_EXITCODE(33, 0));
}

KTEST(proc_stack_grows_to_its_guard)
{
	KT_ASSERT_EQ(run("/tests/bin/stack"), UVIX_W_EXITCODE(0, 0));
}

KTEST(proc_mmap_family)
{
	KT_ASSERT_EQ(run("/tests/bin/mmaps"), UVIX_W_EXITCODE(0, 0));
}

/* Types s on the console, as the UART's receive interrupt would. */
static void type(const char *s)
{
	for (; *s; s++)
		cons_input(*s);
}

static struct proc *spawn2(const char *path, const char *arg)
{
	char *argv[] = { (char *)path, (char *)arg, 0 };
	struct proc *p = NULL;

	if (proc_spawn(path, argv, NULL, &p) != 0)
		return NULL;
	return p;
}

/* Cooked input: a line with an erased typo arrives as one read. */
KTEST(proc_tty_reads_a_line)
{
	unsigned threads = thread_count();
	struct proc *p = spawn2("/tests/bin/ttyread", "line");
	KT_ASSERT(p != NULL);
	thread_sleep(5);                        /* let it block in read */
	type("hi thx\bere\n");
	KT_ASSERT_EQ(wait_and_reap(p, threads), UVIX_W_EXITCODE(0, 0));
}

/* ^C: SIGINT to the foreground process group, which interrupts its read. */
KTEST(proc_tty_ctrl_c_interrupts)
{
	unsigned threads = thread_count();
	struct proc *p = spawn2("/tests/bin/ttyread", "block");
	KT_ASSERT(p != NULL);
	tty_set_fgpgrp(p->p_pgrp);
	thread_sleep(5);
	type("\003");
	int status = wait_and_reap(p, threads);
	tty_set_fgpgrp(0);
	KT_ASSERT_EQ(status, UVIX_W_EXITCODE(0, SIGINT));
}
