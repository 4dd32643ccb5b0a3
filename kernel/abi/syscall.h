/* System call numbers (see kernel/abi/README.md for the calling convention). */
#ifndef _UVIX_ABI_SYSCALL_H_
#define _UVIX_ABI_SYSCALL_H_

#define SYS_exit                1
#define SYS_fork                2
#define SYS_read                3
#define SYS_write               4
#define SYS_open                5
#define SYS_close               6
#define SYS_waitpid             7
#define SYS_execve              8
#define SYS_getpid              9
#define SYS_getppid             10
#define SYS_kill                11
#define SYS_dup                 12
#define SYS_dup2                13
#define SYS_pipe                14
#define SYS_lseek               15
#define SYS_fstat               16
#define SYS_getdents            17
#define SYS_mmap                18
#define SYS_munmap              19
#define SYS_mprotect            20
#define SYS_madvise             21
#define SYS_minherit            22
#define SYS_brk                 23
#define SYS_nanosleep           24
#define SYS_clock_gettime       25
#define SYS_sched_yield         26
#define SYS_getpagesize         27
#define SYS_sigaction           28
#define SYS_sigprocmask         29
#define SYS_sigreturn           30
#define SYS_uvmexp              31      /* (struct uvmexp *buf, size_t len): the VM counters */
#define SYS_reboot              32      /* (int how, int status): RB_HALT, RB_POWEROFF */
#define SYS_stat                33
#define SYS_chdir               34
#define SYS_getcwd              35
#define SYS_setpgid             36
#define SYS_getpgrp             37
#define SYS_tcsetpgrp           38      /* (int fd, pid_t pgrp): the console's foreground job */
#define SYS_sigpending          39
#define SYS_sigsuspend          40
#define SYS_ps                  41      /* (struct uvix_procinfo *buf, size_t n): process list */
#define SYS_pageinfo            42      /* (void *addr, struct uvix_pageinfo *buf): the page at addr */
#define SYS_sysctl              43      /* (const char *name, int *oldp, const int *newp): sysctl.h */
#define SYS_sysctl_list         44      /* (int index, struct uvix_sysctl *out) */
#define SYS_mlock               60      /* (void *addr, size_t len) */
#define SYS_munlock             61      /* (void *addr, size_t len) */
#define SYS_mlockall            62      /* (int flags): MCL_CURRENT, MCL_FUTURE (resource.h) */
#define SYS_munlockall          63
#define SYS_getrlimit           64      /* (int resource, struct uvix_rlimit *) */
#define SYS_setrlimit           65      /* (int resource, const struct uvix_rlimit *) */
#define SYS_getrusage           66      /* (int who, struct uvix_rusage *) */
#define SYS_ftruncate           70      /* (int fd, off_t length) */
#define SYS_fsync               71      /* (int fd) */
#define SYS_unlink              72      /* (const char *path) */
#define SYS_rename              73      /* (const char *from, const char *to) */
#define SYS_link                74      /* (const char *existing, const char *new) */
#define SYS_mkdir               75      /* (const char *path, mode_t mode) */
#define SYS_rmdir               76      /* (const char *path) */
#define SYS_access              77      /* (const char *path, int mode) */
#define SYS_mkfifo              78      /* (const char *path, mode_t mode) */
#define SYS_faulttrace          90      /* (uint64_t seq, struct uvix_fault_rec *buf, int n,
                                         *  struct uvix_fault_stats *st): faulttrace.h */
#define SYS_vmmap               91      /* (pid_t pid, int index, struct uvix_vmmap_entry *ent,
                                         *  uint64_t pgoff, struct uvix_vmmap_page *pages,
                                         *  int npages): vmmap.h */
#define SYS_alarm               95      /* (unsigned seconds): SIGALRM then; returns seconds left of the last */
#define SYS_MAXSYSCALL          97

/* reboot(2): RB_AUTOBOOT is not supported (EINVAL). */
#define RB_AUTOBOOT             0
#define RB_HALT                 1
#define RB_POWEROFF             2

#endif
