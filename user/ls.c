/*
 * ls [-a] [-l] [file ...]: list directories (their entries, sorted) and
 * files, one name per line. -a shows names starting with '.'; -l shows
 * the type and permissions, the link count and the size in bytes:
 *
 *   drwxr-xr-x  2      512 tests
 *   -rw-r--r--  1       40 motd
 */
#include <dirent.h>
#include <err.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool aflag, lflag;

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 'd', '-', 'c', 'p' or '?' for the file type, then rwx three times. */
static void mode_string(mode_t m, char s[11])
{
	s[0] = S_ISDIR(m) ? 'd' : S_ISREG(m) ? '-' : S_ISCHR(m) ? 'c' : S_ISFIFO(m) ? 'p' : '?';
	for (int i = 0; i < 9; i++)
		s[1 + i] = (m & (0400 >> i)) ? "rwx"[i % 3] : '-';
	s[10] = '\0';
}

/* Prints one entry: its name, or with -l its details (path is where to stat it). */
static int print_entry(const char *path, const char *name)
{
	struct stat st;
	char mode[11];

	if (!lflag) {
		printf("%s\n", name);
		return 0;
	}
	if (stat(path, &st) < 0) {
		warn("%s", path);
		return 1;
	}
	mode_string(st.st_mode, mode);
	printf("%s %2u %8lld %s\n", mode, (unsigned)st.st_nlink, (long long)st.st_size, name);
	return 0;
}

/* Lists directory dir; returns 0, or 1 after a message. */
static int list_dir(const char *dir)
{
	DIR *d = opendir(dir);
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	int status = 0;

	if (d == NULL) {
		warn("%s", dir);
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' && !aflag)
			continue;
		char **more = realloc(names, (n + 1) * sizeof(*names));
		if (more == NULL || (more[n] = strdup(e->d_name)) == NULL)
			err(1, "out of memory");
		names = more;
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n; i++) {
		char path[1024];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		status |= print_entry(path, names[i]);
		free(names[i]);
	}
	free(names);
	return status;
}

int main(int argc, char *argv[])
{
	int c, status = 0;

	while ((c = getopt(argc, argv, "al1")) != -1) {
		switch (c) {
		case 'a':
			aflag = true;
			break;
		case 'l':
			lflag = true;
			break;
		case '1':
			break;                  /* one per line is all we do */
		default:
			fprintf(stderr, "usage: ls [-al] [file ...]\n");
			return 2;
		}
	}
	if (optind == argc)
		return list_dir(".");
	for (int i = optind; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) < 0) {
			warn("%s", argv[i]);
			status = 1;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			status |= print_entry(argv[i], argv[i]);
			continue;
		}
		if (argc - optind > 1)
			printf("%s%s:\n", i > optind ? "\n" : "", argv[i]);
		status |= list_dir(argv[i]);
	}
	return status;
}
