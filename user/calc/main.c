/*
 * calc expression ...: evaluate an arithmetic expression and print it
 * (%.10g). An example of a program of several files: main.c here, the
 * parser in parse.c, their interface in calc.h.
 */
#include <stdio.h>
#include <string.h>
#include "calc.h"

int main(int argc, char *argv[])
{
	char expr[1024] = "";
	double v;
	const char *why;

	if (argc < 2) {
		fprintf(stderr, "usage: calc expression ...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		strncat(expr, argv[i], sizeof(expr) - strlen(expr) - 2);
		strcat(expr, " ");
	}
	if (calc_eval(expr, &v, &why) < 0) {
		fprintf(stderr, "calc: %s\n", why);
		return 1;
	}
	printf("%.10g\n", v);
	return 0;
}
