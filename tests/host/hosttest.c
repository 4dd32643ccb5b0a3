/*
 * The host test runner: runs each test of the table below in a child
 * process (fork), one at a time, and prints one line per test:
 *
 *   host: PASS <name>
 *   host: FAIL <name>: <reason>
 *
 * The child hands its reason back through a shared page; a child that
 * dies instead (ASan or UBSan report on stderr, a signal, a timeout)
 * fails too. Exit status: 0 if all passed, 1 otherwise.
 * Usage: hosttest [name...] (default all); HOST_SEED=n for another seed.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tests/host/hosttest.h"

void test_page_freelists(void);
void test_page_order_zero(void);
void test_page_zero_pool(void);
void test_page_reserve(void);
void test_page_free_checks(void);
void test_pglist_contig(void);
void test_pglist_pages(void);
void test_pglist_einval(void);
void test_pglist_enomem(void);
void test_kmem_random(void);
void test_amap_model(void);
void test_map_model(void);
void test_map_merge_and_args(void);
void test_map_fixed_replace_fails_whole(void);
void test_amap_partial_unmap(void);
void test_amap_check_catches(void);
void test_amap_extend_geometric(void);
void test_kmem_zalloc(void);
void test_kmem_slabs(void);
void test_kmem_bad_free(void);
void test_kmem_huge_sizes(void);
void test_vmem_model(void);
void test_vmem_holes(void);
void test_vmem_no_memory(void);
void test_vmem_bad_sizes(void);
void test_vmem_bad_free(void);
void test_kmem_nosleep(void);
void test_initrd_fixture(void);
void test_initrd_fuzz(void);
void test_vfs_lookup_model(void);
void test_ulibc_printf_random(void);
void test_ulibc_printf_cases(void);
void test_ulibc_memory(void);
void test_ulibc_strings(void);
void test_ulibc_strtol(void);
void test_ulibc_ctype(void);
void test_ulibc_qsort(void);
void test_ulibc_malloc(void);
void test_ulibc_malloc_enomem(void);
void test_ulibc_malloc_bad_free(void);
void test_ulibc_math_exact(void);
void test_ulibc_math_transcendental(void);
void test_ulibc_strtod(void);
void test_ulibc_sscanf(void);
void test_ulibc_calendar(void);
void test_ulibc_fnmatch(void);
void test_ulibc_getopt_long(void);
void test_copy_kstring_memcpy(void);
void test_copy_kstring_memmove(void);
void test_copy_kstring_memset(void);
void test_copy_md_copy_every_alignment(void);
void test_copy_md_copy_fault_stops_at_the_hole(void);

static const struct {
	const char *name;
	void (*fn)(void);
} tests[] = {
	{ "map_model", test_map_model },
	{ "map_merge_and_args", test_map_merge_and_args },
	{ "map_fixed_replace_fails_whole", test_map_fixed_replace_fails_whole },
	{ "amap_model", test_amap_model },
	{ "amap_partial_unmap", test_amap_partial_unmap },
	{ "amap_check_catches", test_amap_check_catches },
	{ "amap_extend_geometric", test_amap_extend_geometric },
	{ "page_freelists", test_page_freelists },
	{ "page_order_zero", test_page_order_zero },
	{ "page_zero_pool", test_page_zero_pool },
	{ "page_reserve", test_page_reserve },
	{ "page_free_checks", test_page_free_checks },
	{ "pglist_contig", test_pglist_contig },
	{ "pglist_pages", test_pglist_pages },
	{ "pglist_einval", test_pglist_einval },
	{ "pglist_enomem", test_pglist_enomem },
	{ "kmem_random", test_kmem_random },
	{ "kmem_zalloc", test_kmem_zalloc },
	{ "kmem_slabs", test_kmem_slabs },
	{ "kmem_bad_free", test_kmem_bad_free },
	{ "kmem_nosleep", test_kmem_nosleep },
	{ "kmem_huge_sizes", test_kmem_huge_sizes },
	{ "vmem_model", test_vmem_model },
	{ "vmem_holes", test_vmem_holes },
	{ "vmem_no_memory", test_vmem_no_memory },
	{ "vmem_bad_sizes", test_vmem_bad_sizes },
	{ "vmem_bad_free", test_vmem_bad_free },
	{ "initrd_fixture", test_initrd_fixture },
	{ "vfs_lookup_model", test_vfs_lookup_model },
	{ "initrd_fuzz", test_initrd_fuzz },
	{ "ulibc_printf_random", test_ulibc_printf_random },
	{ "ulibc_printf_cases", test_ulibc_printf_cases },
	{ "ulibc_memory", test_ulibc_memory },
	{ "ulibc_strings", test_ulibc_strings },
	{ "ulibc_strtol", test_ulibc_strtol },
	{ "ulibc_ctype", test_ulibc_ctype },
	{ "ulibc_qsort", test_ulibc_qsort },
	{ "ulibc_malloc", test_ulibc_malloc },
	{ "ulibc_malloc_enomem", test_ulibc_malloc_enomem },
	{ "ulibc_malloc_bad_free", test_ulibc_malloc_bad_free },
	{ "ulibc_math_exact", test_ulibc_math_exact },
	{ "ulibc_math_transcendental", test_ulibc_math_transcendental },
	{ "ulibc_strtod", test_ulibc_strtod },
	{ "ulibc_sscanf", test_ulibc_sscanf },
	{ "ulibc_calendar", test_ulibc_calendar },
	{ "ulibc_fnmatch", test_ulibc_fnmatch },
	{ "ulibc_getopt_long", test_ulibc_getopt_long },
	{ "copy_kstring_memcpy", test_copy_kstring_memcpy },
	{ "copy_kstring_memmove", test_copy_kstring_memmove },
	{ "copy_kstring_memset", test_copy_kstring_memset },
	{ "copy_md_copy_every_alignment", test_copy_md_copy_every_alignment },
	{ "copy_md_copy_fault_stops_at_the_hole", test_copy_md_copy_fault_stops_at_the_hole },
};

#define TEST_TIMEOUT    60      /* seconds; a looping free list is a failure too */
#define REASON_MAX      4096

static char *reason;            /* shared with the child: its verdict */
uint64_t host_seed;
static uint64_t rng_state;

void host_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, REASON_MAX, fmt, ap);
	va_end(ap);
	_exit(1);
}

uint64_t host_rand(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

uint64_t host_rand_below(uint64_t n)
{
	return host_rand() % n;
}

/* Runs one test in a child; prints its line and returns whether it passed. */
static bool run_one(const char *name, void (*fn)(void))
{
	int status;

	reason[0] = '\0';
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(1);
	}
	if (pid == 0) {
		alarm(TEST_TIMEOUT);
		rng_state = host_seed;
		fn();
		exit(0);        /* exit, not _exit: LeakSanitizer runs at exit */
	}
	if (waitpid(pid, &status, 0) < 0) {
		perror("waitpid");
		exit(1);
	}
	bool pass = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	if (pass)
		printf("host: PASS %s\n", name);
	else if (reason[0])
		printf("host: FAIL %s: %s (seed %llu)\n", name, reason,
		    (unsigned long long)host_seed);
	else if (WIFSIGNALED(status))
		printf("host: FAIL %s: killed by signal %d (%s)\n", name,
		    WTERMSIG(status), WTERMSIG(status) == SIGALRM ? "timeout" :
		    "see stderr above");
	else
		printf("host: FAIL %s: exit status %d (sanitizer report on stderr above)\n",
		    name, WEXITSTATUS(status));
	return pass;
}

int main(int argc, char **argv)
{
	int nfail = 0, nrun = 0;
	const char *s = getenv("HOST_SEED");

	host_seed = s ? strtoull(s, NULL, 0) : 1;
	reason = mmap(NULL, REASON_MAX, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (reason == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		bool wanted = argc == 1;
		for (int a = 1; a < argc; a++)
			wanted |= strcmp(argv[a], tests[i].name) == 0;
		if (!wanted)
			continue;
		nrun++;
		nfail += !run_one(tests[i].name, tests[i].fn);
	}
	if (nrun == 0) {
		fprintf(stderr, "hosttest: no test matches\n");
		return 1;
	}
	return nfail ? 1 : 0;
}
