/* which name ...: the file PATH finds for each command; exit 1 if one is not found. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	int status = 0;
	const char *path = getenv("PATH");

	if (argc < 2) {
		fprintf(stderr, "usage: which name ...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		char buf[PATH_MAX];
		int found = 0;
		if (strchr(argv[i], '/')) {
			found = access(argv[i], X_OK) == 0;
			if (found)
				puts(argv[i]);
		}
		for (const char *p = path ? path : ""; !found && *p;) {
			size_t n = strcspn(p, ":");
			snprintf(buf, sizeof(buf), "%.*s/%s", (int)n, n ? p : ".", argv[i]);
			if (access(buf, X_OK) == 0) {
				puts(buf);
				found = 1;
			}
			p += n + (p[n] == ':');
		}
		if (!found) {
			fprintf(stderr, "which: no %s in (%s)\n", argv[i], path ? path : "");
			status = 1;
		}
	}
	return status;
}
