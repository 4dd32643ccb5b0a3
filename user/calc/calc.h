/* calc: the parts' interface (a multi-file program: user/calc/ is /bin/calc). */
#ifndef _CALC_H_
#define _CALC_H_

/*
 * Evaluates an expression of numbers, + - * / ^ (power, right to left),
 * parentheses and the functions sqrt, sin, cos, exp, log.
 * => returns 0 and *value, or -1 with *error saying what is wrong.
 */
int calc_eval(const char *expr, double *value, const char **error);

#endif
