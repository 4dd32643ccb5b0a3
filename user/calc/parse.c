/*
 * calc's parser, by recursive descent over the grammar
 *
 *   sum     = product { ("+" | "-") product }
 *   product = power { ("*" | "/") power }
 *   power   = unary [ "^" power ]
 *   unary   = "-" unary | primary
 *   primary = number | "(" sum ")" | name "(" sum ")"
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "calc.h"

struct parser {
	const char *p;
	const char *error;
};

static double sum(struct parser *ps);

static int peek(struct parser *ps)
{
	while (isspace((unsigned char)*ps->p))
		ps->p++;
	return *ps->p;
}

static double fail(struct parser *ps, const char *why)
{
	if (ps->error == NULL)
		ps->error = why;
	return 0;
}

static double primary(struct parser *ps)
{
	static const struct {
		const char *name;
		double (*fn)(double);
	} fns[] = { { "sqrt", sqrt }, { "sin", sin }, { "cos", cos }, { "exp", exp }, { "log", log } };
	int c = peek(ps);

	if (c == '(') {
		ps->p++;
		double v = sum(ps);
		if (peek(ps) != ')')
			return fail(ps, "missing )");
		ps->p++;
		return v;
	}
	for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
		size_t n = strlen(fns[i].name);
		if (strncmp(ps->p, fns[i].name, n) == 0) {
			ps->p += n;
			if (peek(ps) != '(')
				return fail(ps, "a function needs (");
			return fns[i].fn(primary(ps));
		}
	}
	char *end;
	double v = strtod(ps->p, &end);
	if (end == ps->p)
		return fail(ps, "a number expected");
	ps->p = end;
	return v;
}

static double unary(struct parser *ps)
{
	if (peek(ps) == '-') {
		ps->p++;
		return -unary(ps);
	}
	return primary(ps);
}

static double power(struct parser *ps)
{
	double v = unary(ps);

	if (peek(ps) == '^') {
		ps->p++;
		return pow(v, power(ps));
	}
	return v;
}

static double product(struct parser *ps)
{
	double v = power(ps);

	for (int c; (c = peek(ps)) == '*' || c == '/';) {
		ps->p++;
		double w = power(ps);
		v = c == '*' ? v * w : v / w;
	}
	return v;
}

static double sum(struct parser *ps)
{
	double v = product(ps);

	for (int c; (c = peek(ps)) == '+' || c == '-';) {
		ps->p++;
		double w = product(ps);
		v = c == '+' ? v + w : v - w;
	}
	return v;
}

int calc_eval(const char *expr, double *value, const char **error)
{
	struct parser ps = { expr, NULL };

	*value = sum(&ps);
	if (ps.error == NULL && peek(&ps) != '\0')
		ps.error = "junk at the end";
	*error = ps.error;
	return ps.error ? -1 : 0;
}
