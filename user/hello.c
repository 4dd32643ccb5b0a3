/*
 * hello: the example to copy. Any user/NAME.c with a main() becomes
 * /bin/NAME in the initrd at the next `make`: copy this file to
 * user/NAME.c, change it, run `make qemu`, and type NAME at the prompt.
 * The libc's headers are in user/include/ (user/README.md says what
 * they offer).
 */
#include <stdio.h>

int main(int argc, char *argv[])
{
	printf("Hello from user space!\n");
	for (int i = 1; i < argc; i++)
		printf("argv[%d] = \"%s\"\n", i, argv[i]);
	return 0;
}
