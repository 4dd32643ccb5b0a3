/*
 * sh: the Uvix shell. It reads command lines from the console (or from
 * a file, or the string after -c) and runs them:
 *
 *   ls -l /bin                  a command and its arguments
 *   echo 'single' "double $?"   quotes; $? $$ $NAME ${NAME} ~ expand,
 *                               except between single quotes; \ escapes
 *   cat motd | wc | cat         a pipeline, of any length
 *   cmd < in > out 2>&1         redirections (also >> and N>, N<, N>&M)
 *   cmd &                       in the background: the shell goes on
 *   NAME=value [cmd]            set a variable (of the environment), for
 *                               the command only if there is one
 *   a ; b    a && b    a || b   in sequence, if a succeeded, if it failed
 *   # comment
 *
 * and the built-in commands cd, exit, wait, jobs, export, unset and help
 * (kill's arguments %N name background job N, as jobs lists them). A
 * line is read, then parsed completely (a syntax error runs nothing),
 * then run: see the grammar above parse_line().
 *
 * Job control, as far as the kernel has it: an interactive shell (the
 * console as input, no -c, no file) ignores SIGINT and SIGQUIT, runs
 * each pipeline in a process group of its own (the pid of its first
 * process) and gives a foreground pipeline the console with tcsetpgrp()
 * until it ends, so ^C reaches the job and not the shell. There are no
 * stopped jobs (no ^Z, fg, bg). An interactive shell prints the pid of a
 * background job, and reports it when it ends, before the next prompt.
 *
 * Unquoted *, ? and [...] in a word glob: the word becomes the sorted
 * paths that match (fnmatch(3), a component at a time; a leading '.'
 * only by a '.'), or stays as it is if none does.
 *
 * Not done: field splitting of expansions, positional
 * parameters ($1), here-documents, subshells with ( ), control flow
 * (if, while, for), functions.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- state ------------------------------------------------------------ */

static int last_status;                 /* $? */
static bool interactive;                /* reading commands from the console */
static bool job_control;                /* process groups and the console */
static pid_t shell_pgrp;

/* Background processes not yet reported, with their command names. */
struct bgproc {
	pid_t pid;
	int job;                        /* its number for jobs and kill %N */
	char *name;
};
static struct bgproc *bg;
static int nbg;

/* malloc or die: a shell that runs out of memory cannot do much else. */
static void *xrealloc(void *p, size_t size)
{
	if ((p = realloc(p, size)) == NULL) {
		fprintf(stderr, "sh: out of memory\n");
		exit(2);
	}
	return p;
}

static char *xstrdup(const char *s)
{
	return strcpy(xrealloc(NULL, strlen(s) + 1), s);
}

/* A growing string. */
struct strbuf {
	char *s;
	size_t len, cap;
};

static void sb_add(struct strbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void sb_addc(struct strbuf *b, char c)
{
	sb_add(b, &c, 1);
}

/* ---- tokens ----------------------------------------------------------- */

enum tok {
	T_WORD,                         /* word: its text as written (expand_word when it runs) */
	T_REDIR,                        /* fd and kind: '<', '>', 'a' (>>), '&' (>&) */
	T_PIPE, T_AMP, T_SEMI, T_AND, T_OR,
	T_END,
};

struct token {
	enum tok kind;
	char *word;
	int fd;
	char redir;
};

static const char *tok_name(const struct token *t)
{
	switch (t->kind) {
	case T_WORD: return t->word;
	case T_REDIR: return t->redir == '<' ? "<" : t->redir == 'a' ? ">>" :
	    t->redir == '&' ? ">&" : ">";
	case T_PIPE: return "|";
	case T_AMP: return "&";
	case T_SEMI: return ";";
	case T_AND: return "&&";
	case T_OR: return "||";
	default: return "end of line";
	}
}

static bool is_operator_char(char c)
{
	return c == '|' || c == '&' || c == ';' || c == '<' || c == '>';
}

/* After a '$' at *pp: appends the expansion of $? $$ $NAME ${NAME} (or a plain '$'). */
static int expand_dollar(const char **pp, struct strbuf *b)
{
	const char *p = *pp;
	char num[16];

	if (*p == '?' || *p == '$') {
		snprintf(num, sizeof(num), "%d", *p == '?' ? last_status : (int)getpid());
		sb_add(b, num, strlen(num));
		*pp = p + 1;
		return 0;
	}
	bool braced = *p == '{';
	const char *name = p + braced, *end = name;
	while (isalnum((unsigned char)*end) || *end == '_')
		end++;
	if (end == name || (braced && *end != '}')) {
		if (braced) {
			fprintf(stderr, "sh: bad substitution\n");
			return -1;
		}
		sb_addc(b, '$');                /* "$" alone, "$-": itself */
		return 0;
	}
	char var[256];
	size_t n = end - name < (long)sizeof(var) - 1 ? (size_t)(end - name) : sizeof(var) - 1;
	memcpy(var, name, n);
	var[n] = '\0';
	const char *val = getenv(var);
	if (val != NULL)
		sb_add(b, val, strlen(val));
	*pp = end + braced;
	return 0;
}

/* Appends b's text from `from` on to pat with the glob characters escaped. */
static void pat_quote(struct strbuf *pat, const struct strbuf *b, size_t from)
{
	for (size_t i = from; i < b->len; i++) {
		if (strchr("*?[\\", b->s[i]))
			sb_addc(pat, '\\');
		sb_addc(pat, b->s[i]);
	}
}

/*
 * Expands one word as written (quotes and all) into *out: quotes removed,
 * escapes and expansions done, now, so that $? is the status of what ran
 * just before. If an unquoted *, ? or [ was written, *pattern (when not
 * NULL) gets the word as a pattern for fnmatch (what was quoted or
 * expanded escaped), else NULL. Returns 0, 1 if the word vanished (an
 * unquoted expansion to nothing), or -1 after a message.
 */
static int expand_word_glob(const char *p, char **out, char **pattern)
{
	struct strbuf b = { 0 }, pat = { 0 };
	bool quoted = false, glob = false;

	sb_add(&b, "", 0);
	sb_add(&pat, "", 0);
	if (*p == '~' && (p[1] == '/' || p[1] == '\0')) {
		const char *home = getenv("HOME");
		sb_add(&b, home ? home : "/", strlen(home ? home : "/"));
		pat_quote(&pat, &b, 0);
		p++;
	}
	while (*p) {
		size_t from = b.len;
		if (strchr("*?[", *p)) {
			glob = true;
			sb_addc(&pat, *p);
			sb_addc(&b, *p++);
			continue;
		}
		if (*p == '\\' && p[1] != '\0') {
			sb_addc(&b, p[1]);
			p += 2;
			quoted = true;
		} else if (*p == '\'') {
			const char *end = strchr(p + 1, '\'');
			sb_add(&b, p + 1, end - p - 1);         /* lex_word saw the quote closed */
			p = end + 1;
			quoted = true;
		} else if (*p == '"') {
			for (p++; *p != '"'; ) {
				if (*p == '\\' && p[1] != '\0' && strchr("$\"\\", p[1]) != NULL) {
					sb_addc(&b, p[1]);
					p += 2;
				} else if (*p == '$') {
					p++;
					if (expand_dollar(&p, &b) < 0)
						goto fail;
				} else {
					sb_addc(&b, *p++);
				}
			}
			p++;
			quoted = true;
		} else if (*p == '$') {
			p++;
			if (expand_dollar(&p, &b) < 0)
				goto fail;
		} else {
			sb_addc(&b, *p++);
		}
		pat_quote(&pat, &b, from);
	}
	if (b.len == 0 && !quoted) {
		free(b.s);
		free(pat.s);
		return 1;
	}
	*out = b.s;
	if (pattern != NULL && glob)
		*pattern = pat.s;
	else
		free(pat.s);
	return 0;
fail:
	free(b.s);
	free(pat.s);
	return -1;
}

static int expand_word(const char *p, char **out)
{
	return expand_word_glob(p, out, NULL);
}

/* ---- globbing ----------------------------------------------------------- */

struct strvec {
	char **v;
	int n, cap;
};

static void sv_add(struct strvec *sv, char *s)
{
	if (sv->n + 1 >= sv->cap)
		sv->v = xrealloc(sv->v, (sv->cap = sv->cap ? 2 * sv->cap : 16) * sizeof(char *));
	sv->v[sv->n++] = s;
}

static bool has_glob(const char *comp, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (comp[i] == '\\' && i + 1 < n)
			i++;
		else if (strchr("*?[", comp[i]))
			return true;
	}
	return false;
}

/*
 * The paths that match pattern `rest` under the directory `prefix` ("" is
 * the current one, else it ends in '/'), added to out, one component at a
 * time: a component without glob characters is taken as it is.
 */
static void glob_in(const char *prefix, const char *rest, struct strvec *out)
{
	size_t n = strcspn(rest, "/");
	const char *next = rest[n] == '/' ? rest + n + 1 : NULL;
	struct strbuf path = { 0 };
	struct stat st;

	while (next && *next == '/')
		next++;
	if (!has_glob(rest, n)) {
		sb_add(&path, prefix, strlen(prefix));
		for (size_t i = 0; i < n; i++) {
			if (rest[i] == '\\' && i + 1 < n)
				i++;
			sb_addc(&path, rest[i]);
		}
		if (next && *next && stat(path.s, &st) == 0 && S_ISDIR(st.st_mode)) {
			sb_addc(&path, '/');
			glob_in(path.s, next, out);
		} else if (!(next && *next) && stat(path.s, &st) == 0) {
			if (next)
				sb_addc(&path, '/');
			sv_add(out, xstrdup(path.s));
		}
		free(path.s);
		return;
	}
	char *comp = xrealloc(NULL, n + 1);
	memcpy(comp, rest, n);
	comp[n] = '\0';
	DIR *d = opendir(*prefix ? prefix : ".");
	struct dirent *de;
	while (d && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (fnmatch(comp, de->d_name, FNM_PERIOD) != 0)
			continue;
		path.len = 0;
		sb_add(&path, prefix, strlen(prefix));
		sb_add(&path, de->d_name, strlen(de->d_name));
		if (next == NULL) {
			sv_add(out, xstrdup(path.s));
		} else if (stat(path.s, &st) == 0 && S_ISDIR(st.st_mode)) {
			sb_addc(&path, '/');
			if (*next)
				glob_in(path.s, next, out);
			else
				sv_add(out, xstrdup(path.s));
		}
	}
	if (d)
		closedir(d);
	free(comp);
	free(path.s);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Reads one word at *pp (not a space nor an operator) as it is written,
 * into a malloc'd *out, checking only that its quotes are closed: words
 * are expanded when their command runs (expand_word). Returns 0, or -1
 * after a message.
 */
static int lex_word(const char **pp, char **out)
{
	const char *p = *pp;

	while (*p && !isspace((unsigned char)*p) && !is_operator_char(*p)) {
		if (*p == '\\' && p[1] != '\0') {
			p += 2;
		} else if (*p == '\'' || *p == '"') {
			char q = *p++;
			while (*p && *p != q)
				p += q == '"' && *p == '\\' && p[1] != '\0' ? 2 : 1;
			if (*p == '\0') {
				fprintf(stderr, "sh: syntax error: unterminated quote\n");
				return -1;
			}
			p++;
		} else {
			p++;
		}
	}
	*out = strndup(*pp, p - *pp);
	if (*out == NULL) {
		fprintf(stderr, "sh: out of memory\n");
		exit(2);
	}
	*pp = p;
	return 0;
}

static void free_tokens(struct token *toks, int n)
{
	for (int i = 0; i < n; i++)
		free(toks[i].word);
	free(toks);
}

/*
 * Splits line into tokens, ending with T_END, in *toks (to be freed with
 * free_tokens). Returns the number of tokens, or -1 after a message.
 */
static int lex(const char *line, struct token **toks)
{
	const char *p = line;
	int n = 0;

	*toks = NULL;
	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '#')
			p += strlen(p);
		*toks = xrealloc(*toks, (n + 1) * sizeof(**toks));
		struct token *t = &(*toks)[n];
		memset(t, 0, sizeof(*t));
		const char *digits = p;
		while (isdigit((unsigned char)*p))
			p++;
		if (p > digits && (*p == '<' || *p == '>')) {
			t->fd = atoi(digits);   /* "2>": a descriptor */
		} else {
			p = digits;
			t->fd = -1;
		}
		if (*p == '\0') {
			t->kind = T_END;
			return n + 1;
		} else if (*p == '<' || *p == '>') {
			t->kind = T_REDIR;
			if (t->fd < 0)
				t->fd = *p == '<' ? 0 : 1;
			t->redir = *p == '<' ? '<' : p[1] == '>' ? 'a' : p[1] == '&' ? '&' : '>';
			p += t->redir == '<' || t->redir == '>' ? 1 : 2;
		} else if (*p == '|') {
			t->kind = p[1] == '|' ? T_OR : T_PIPE;
			p += t->kind == T_OR ? 2 : 1;
		} else if (*p == '&') {
			t->kind = p[1] == '&' ? T_AND : T_AMP;
			p += t->kind == T_AND ? 2 : 1;
		} else if (*p == ';') {
			t->kind = T_SEMI;
			p++;
		} else {
			t->kind = T_WORD;
			if (lex_word(&p, &t->word) < 0) {
				free_tokens(*toks, n + 1);
				*toks = NULL;
				return -1;
			}
		}
		n++;
	}
}

/* ---- the parse tree ----------------------------------------------------- */

struct redir {
	int fd;
	char kind;                      /* '<', '>', 'a' (>>), '&' (dup2(target, fd)) */
	char *target;
};

/*
 * A command as parsed (its words as written, belonging to the tokens),
 * or as expanded to run (expand_cmd: the strings are its own).
 */
struct cmd {
	char **argv;                    /* argc words and a NULL */
	int argc;
	struct redir *redirs;
	int nredirs;
	char **assign;                  /* expanded: the NAME=value words before argv */
	int nassign;
};

struct pipeline {
	struct cmd *cmds;
	int ncmds;
};

/* pipes[0] op[0] pipes[1] op[1] ...: each op is T_AND or T_OR. */
struct andor {
	struct pipeline *pipes;
	enum tok *ops;
	int npipes;
	bool background;
};

static void free_andors(struct andor *a, int n)
{
	for (int i = 0; i < n; i++) {
		for (int j = 0; j < a[i].npipes; j++) {
			struct pipeline *p = &a[i].pipes[j];
			for (int k = 0; k < p->ncmds; k++) {
				free(p->cmds[k].argv);
				free(p->cmds[k].redirs);
			}
			free(p->cmds);
		}
		free(a[i].pipes);
		free(a[i].ops);
	}
	free(a);
}

static int syntax_error(const struct token *t)
{
	fprintf(stderr, "sh: syntax error near '%s'\n", tok_name(t));
	return -1;
}

/* cmd := (WORD | REDIR WORD)+ */
static int parse_cmd(struct token **tp, struct cmd *c)
{
	struct token *t = *tp;

	memset(c, 0, sizeof(*c));
	c->argv = xrealloc(NULL, sizeof(char *));
	for (;; t++) {
		if (t->kind == T_WORD) {
			c->argv = xrealloc(c->argv, (c->argc + 2) * sizeof(char *));
			c->argv[c->argc++] = t->word;
		} else if (t->kind == T_REDIR) {
			if (t[1].kind != T_WORD)
				return syntax_error(&t[1]);
			c->redirs = xrealloc(c->redirs, (c->nredirs + 1) * sizeof(*c->redirs));
			c->redirs[c->nredirs++] = (struct redir){ t->fd, t->redir, t[1].word };
			t++;
		} else {
			break;
		}
	}
	c->argv[c->argc] = NULL;
	*tp = t;
	if (c->argc == 0)
		return syntax_error(t);
	return 0;
}

/* pipeline := cmd ('|' cmd)* */
static int parse_pipeline(struct token **tp, struct pipeline *p)
{
	memset(p, 0, sizeof(*p));
	for (;;) {
		p->cmds = xrealloc(p->cmds, (p->ncmds + 1) * sizeof(*p->cmds));
		int r = parse_cmd(tp, &p->cmds[p->ncmds]);
		p->ncmds++;
		if (r < 0)
			return -1;
		if ((*tp)->kind != T_PIPE)
			return 0;
		(*tp)++;
	}
}

/*
 * The grammar:
 *
 *   line     := (andor (';' | '&'))* [andor]
 *   andor    := pipeline (('&&' | '||') pipeline)*
 *   pipeline := cmd ('|' cmd)*
 *   cmd      := (WORD | REDIR WORD)+        with at least one WORD
 *
 * Fills *out with the and-or lists (to free with free_andors) and
 * returns how many, or -1 after a message.
 */
static int parse_line(struct token *toks, struct andor **out)
{
	struct token *t = toks;
	struct andor *list = NULL;
	int n = 0;

	while (t->kind != T_END) {
		list = xrealloc(list, (n + 1) * sizeof(*list));
		struct andor *a = &list[n++];
		memset(a, 0, sizeof(*a));
		for (;;) {
			a->pipes = xrealloc(a->pipes, (a->npipes + 1) * sizeof(*a->pipes));
			a->ops = xrealloc(a->ops, (a->npipes + 1) * sizeof(*a->ops));
			int r = parse_pipeline(&t, &a->pipes[a->npipes]);
			a->npipes++;
			if (r < 0)
				goto fail;
			if (t->kind != T_AND && t->kind != T_OR)
				break;
			a->ops[a->npipes - 1] = t->kind;
			t++;
		}
		if (t->kind == T_AMP || t->kind == T_SEMI) {
			a->background = t->kind == T_AMP;
			t++;
		} else if (t->kind != T_END) {
			syntax_error(t);
			goto fail;
		}
	}
	*out = list;
	return n;
fail:
	free_andors(list, n);
	return -1;
}

/* ---- built-in commands ------------------------------------------------------ */

static int builtin_wait(int argc, char **argv);
static int builtin_jobs(int argc, char **argv);
static void job_args(struct cmd *e);

static int builtin_cd(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : getenv("HOME");
	char cwd[PATH_MAX];

	if (argc > 2) {
		fprintf(stderr, "usage: cd [dir]\n");
		return 2;
	}
	if (dir == NULL)
		dir = "/";
	if (chdir(dir) < 0) {
		fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	if (getcwd(cwd, sizeof(cwd)) != NULL)
		setenv("PWD", cwd, 1);
	return 0;
}

static int builtin_exit(int argc, char **argv)
{
	int status = last_status;

	if (argc > 2) {
		fprintf(stderr, "usage: exit [status]\n");
		return 2;
	}
	if (argc == 2) {
		char *end;
		status = (int)strtol(argv[1], &end, 10);
		if (*end != '\0' || end == argv[1]) {
			fprintf(stderr, "sh: exit: %s: not a number\n", argv[1]);
			status = 2;
		}
	}
	exit(status & 0xff);
}

/* export NAME=value ...: sets environment variables (programs see them). */
static int builtin_export(int argc, char **argv)
{
	int status = 0;

	for (int i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		if (eq == NULL)
			continue;               /* already exported, or unset: nothing to do */
		*eq = '\0';
		if (setenv(argv[i], eq + 1, 1) < 0) {
			fprintf(stderr, "sh: export: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
		*eq = '=';
	}
	return status;
}

static int builtin_unset(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		unsetenv(argv[i]);
	return 0;
}

static int builtin_help(int argc, char **argv)
{
	printf("Built-in commands: cd [dir], exit [status], wait [pid ...],\n"
	    "export NAME=value ..., unset NAME ..., help. Programs are in /bin:\n"
	    "ls /bin lists them. Syntax: see the comment at the top of user/sh.c.\n");
	return 0;
}

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} builtins[] = {
	{ "cd", builtin_cd },
	{ "exit", builtin_exit },
	{ "wait", builtin_wait },
	{ "export", builtin_export },
	{ "unset", builtin_unset },
	{ "help", builtin_help },
	{ "jobs", builtin_jobs },
};

static int (*find_builtin(const char *name))(int, char **)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (strcmp(name, builtins[i].name) == 0)
			return builtins[i].fn;
	return NULL;
}

/* ---- running ------------------------------------------------------------- */

static void free_expanded(struct cmd *e)
{
	for (int i = 0; i < e->nassign; i++)
		free(e->assign[i]);
	free(e->assign);
	for (int i = 0; i < e->argc; i++)
		free(e->argv[i]);
	for (int i = 0; i < e->nredirs; i++)
		free(e->redirs[i].target);
	free(e->argv);
	free(e->redirs);
}

/* Whether w is an assignment, NAME=value. */
static bool is_assignment(const char *w)
{
	const char *p = w;

	if (!isalpha((unsigned char)*p) && *p != '_')
		return false;
	while (isalnum((unsigned char)*p) || *p == '_')
		p++;
	return *p == '=';
}

/* Sets the environment variables of c's assignments. */
static void apply_assignments(const struct cmd *c)
{
	for (int i = 0; i < c->nassign; i++) {
		char *eq = strchr(c->assign[i], '=');
		*eq = '\0';
		setenv(c->assign[i], eq + 1, 1);
		*eq = '=';
	}
}

/*
 * Expands the words and redirection targets of c into e (to free with
 * free_expanded); the leading NAME=value words go to e->assign. Returns
 * 0, or -1 after a message. e->argc may be 0: then the command only
 * assigns or redirects.
 */
static int expand_cmd(const struct cmd *c, struct cmd *e)
{
	struct strvec args = { 0 };

	memset(e, 0, sizeof(*e));
	e->assign = xrealloc(NULL, (c->argc + 1) * sizeof(char *));
	e->redirs = xrealloc(NULL, (c->nredirs + 1) * sizeof(*e->redirs));
	sv_add(&args, NULL);
	args.n = 0;
	for (int i = 0; i < c->argc; i++) {
		char *w, *pattern = NULL;
		int r = expand_word_glob(c->argv[i], &w, &pattern);
		if (r < 0)
			goto fail;
		if (r == 1)
			continue;
		if (args.n == 0 && is_assignment(c->argv[i])) {
			e->assign[e->nassign++] = w;
			free(pattern);
			continue;
		}
		int before = args.n;
		if (pattern != NULL) {
			const char *rest = pattern;
			while (*rest == '/')
				rest++;
			glob_in(rest != pattern ? "/" : "", rest, &args);
			free(pattern);
			qsort(args.v + before, (size_t)(args.n - before), sizeof(char *), str_cmp);
		}
		if (args.n == before)
			sv_add(&args, w);       /* no match: the word as it is */
		else
			free(w);
	}
	sv_add(&args, NULL);
	e->argv = args.v;
	e->argc = args.n - 1;
	job_args(e);
	for (int i = 0; i < c->nredirs; i++) {
		char *w;
		int r = expand_word(c->redirs[i].target, &w);
		if (r != 0) {
			if (r == 1)
				fprintf(stderr, "sh: %s: ambiguous redirect\n", c->redirs[i].target);
			goto fail;
		}
		e->redirs[e->nredirs++] = (struct redir){ c->redirs[i].fd, c->redirs[i].kind, w };
	}
	return 0;
fail:
	if (e->argv == NULL) {
		sv_add(&args, NULL);
		e->argv = args.v;
		e->argc = args.n - 1;
	} else {
		e->argv[e->argc] = NULL;
	}
	free_expanded(e);
	return -1;
}

static int builtin_nothing(int argc, char **argv)
{
	return 0;
}

/* Says how a process that died of a signal died (not for SIGPIPE: that is how pipes end). */
static void report_signal(const char *name, int status)
{
	char sig[SIG2STR_MAX];

	if (sig2str(WTERMSIG(status), sig) < 0)
		snprintf(sig, sizeof(sig), "%d", WTERMSIG(status));
	fprintf(stderr, "sh: %s: killed by SIG%s (%s)%s\n", name, sig, strsignal(WTERMSIG(status)),
	    WCOREDUMP(status) ? " (core dumped)" : "");
}

/* The shell's $? for a wait status. */
static int status_value(int status)
{
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/*
 * Applies c's redirections in order, in a child (or around a built-in).
 * Returns 0, or -1 after a message.
 */
static int apply_redirs(const struct cmd *c)
{
	for (int i = 0; i < c->nredirs; i++) {
		const struct redir *r = &c->redirs[i];
		int fd;
		if (r->kind == '&') {
			char *end;
			fd = (int)strtol(r->target, &end, 10);
			if (*end != '\0' || end == r->target) {
				fprintf(stderr, "sh: %s: not a file descriptor\n", r->target);
				return -1;
			}
			if (dup2(fd, r->fd) < 0) {
				fprintf(stderr, "sh: %d>&%d: %s\n", r->fd, fd, strerror(errno));
				return -1;
			}
			continue;
		}
		int flags = r->kind == '<' ? O_RDONLY : r->kind == 'a' ?
		    O_WRONLY | O_CREAT | O_APPEND : O_WRONLY | O_CREAT | O_TRUNC;
		if ((fd = open(r->target, flags, 0666)) < 0) {
			fprintf(stderr, "sh: %s: %s\n", r->target, strerror(errno));
			return -1;
		}
		if (fd != r->fd) {
			dup2(fd, r->fd);
			close(fd);
		}
	}
	return 0;
}

/* A built-in in the shell itself, its redirections undone afterwards. */
static int run_builtin_here(const struct cmd *c, int (*fn)(int, char **))
{
	int saved[3], status;

	fflush(stdout);
	apply_assignments(c);           /* in the shell: they stay, even before a built-in */
	for (int fd = 0; fd < 3; fd++)
		saved[fd] = dup(fd);
	status = apply_redirs(c) < 0 ? 1 : fn(c->argc, c->argv);
	fflush(stdout);
	for (int fd = 0; fd < 3; fd++) {
		if (saved[fd] >= 0) {
			dup2(saved[fd], fd);
			close(saved[fd]);
		}
	}
	return status;
}

/*
 * In the child for one command of a pipeline: joins the pipeline's
 * process group (pgrp 0: starts it), takes the console if in the
 * foreground, connects the pipes (in: the read end of the pipe before,
 * or -1; out[]: the pipe after, or -1s), redirects, and runs the command.
 */
static _Noreturn void child(const struct cmd *c, pid_t pgrp, bool background, int in,
    const int out[2])
{
	if (job_control) {
		setpgid(0, pgrp);
		if (!background)
			tcsetpgrp(STDIN_FILENO, getpgrp());
	}
	signal(SIGINT, SIG_DFL);        /* the shell ignores them; the job must not */
	signal(SIGQUIT, SIG_DFL);
	if (in >= 0) {
		dup2(in, STDIN_FILENO);
		close(in);
	}
	if (out[1] >= 0) {
		dup2(out[1], STDOUT_FILENO);
		close(out[1]);
		close(out[0]);
	}
	if (apply_redirs(c) < 0)
		_exit(1);
	apply_assignments(c);           /* for the command only: this is its process */
	if (c->argc == 0)
		_exit(0);
	int (*fn)(int, char **) = find_builtin(c->argv[0]);
	if (fn != NULL) {
		int status = fn(c->argc, c->argv);
		fflush(stdout);
		_exit(status);
	}
	execvp(c->argv[0], c->argv);
	if (errno == ENOENT) {
		fprintf(stderr, "sh: %s: command not found\n", c->argv[0]);
		_exit(127);
	}
	fprintf(stderr, "sh: %s: %s\n", c->argv[0], strerror(errno));
	_exit(126);
}

static void add_background(pid_t pid, const char *name)
{
	int job = 1;

	for (int i = 0; i < nbg; i++)
		if (bg[i].job >= job)
			job = bg[i].job + 1;
	bg = xrealloc(bg, (nbg + 1) * sizeof(*bg));
	bg[nbg].pid = pid;
	bg[nbg].job = job;
	bg[nbg].name = xstrdup(name);
	nbg++;
}

/*
 * Forgets a background process that ended, if it is one of ours, and
 * tells the user (only at the console: a script would not want it).
 */
static void report_background(pid_t pid, int status)
{
	for (int i = 0; i < nbg; i++) {
		if (bg[i].pid != pid)
			continue;
		if (interactive && WIFSIGNALED(status))
			report_signal(bg[i].name, status);
		else if (interactive && WEXITSTATUS(status) != 0)
			fprintf(stderr, "[%d] exit %d: %s\n", (int)pid, WEXITSTATUS(status), bg[i].name);
		else if (interactive)
			fprintf(stderr, "[%d] done: %s\n", (int)pid, bg[i].name);
		free(bg[i].name);
		bg[i] = bg[--nbg];
		return;
	}
}

/* Before a prompt: reports the background processes that have ended. */
static void reap_background(void)
{
	int status;
	pid_t pid;

	while (nbg > 0 && (pid = waitpid(-1, &status, WNOHANG)) > 0)
		report_background(pid, status);
}

/* jobs: the background jobs not yet reaped, "[N] pid command". */
static int builtin_jobs(int argc, char **argv)
{
	reap_background();
	for (int job = 1, left = nbg; left > 0; job++)
		for (int i = 0; i < nbg; i++)
			if (bg[i].job == job) {
				printf("[%d] %d %s\n", job, (int)bg[i].pid, bg[i].name);
				left--;
			}
	fflush(stdout);
	return 0;
}

/* In kill's arguments, %N becomes the pid of background job N. */
static void job_args(struct cmd *e)
{
	if (e->argc == 0 || strcmp(e->argv[0], "kill") != 0)
		return;
	for (int i = 1; i < e->argc; i++) {
		char *end;
		if (e->argv[i][0] != '%')
			continue;
		long job = strtol(e->argv[i] + 1, &end, 10);
		int k;
		for (k = 0; k < nbg && !(*end == '\0' && bg[k].job == job); k++)
			;
		if (k == nbg) {
			fprintf(stderr, "sh: %s: no such job\n", e->argv[i]);
			continue;
		}
		char buf[16];
		snprintf(buf, sizeof(buf), "%d", (int)bg[k].pid);
		free(e->argv[i]);
		e->argv[i] = xstrdup(buf);
	}
}

static void interrupted(int sig)
{
	(void)sig;                      /* only to make waitpid return EINTR */
}

/*
 * wait [pid ...]: waits for those background processes (all by default).
 * ^C stops the waiting: the shell catches SIGINT meanwhile.
 */
static int builtin_wait(int argc, char **argv)
{
	struct sigaction act = { .sa_handler = interrupted }, old;
	int status = 0, st;

	sigaction(SIGINT, &act, &old);
	if (argc == 1) {
		pid_t pid;
		while ((pid = waitpid(-1, &st, 0)) > 0 || (pid < 0 && errno != ECHILD &&
		    errno != EINTR)) {
			if (pid > 0) {
				report_background(pid, st);
				status = status_value(st);
			}
		}
		if (pid < 0 && errno == EINTR) {
			status = 128 + SIGINT;
			if (interactive)
				fputc('\n', stderr);   /* after the ^C the terminal echoed */
		}
	}
	for (int i = 1; i < argc; i++) {
		char *end;
		pid_t pid = (pid_t)strtol(argv[i], &end, 10);
		if (*end != '\0' || end == argv[i] || pid <= 0) {
			fprintf(stderr, "sh: wait: %s: not a process id\n", argv[i]);
			status = 2;
			continue;
		}
		if (waitpid(pid, &st, 0) < 0) {
			if (errno == EINTR) {
				status = 128 + SIGINT;
				break;
			}
			fprintf(stderr, "sh: wait: %s: %s\n", argv[i], strerror(errno));
			status = 127;
			continue;
		}
		report_background(pid, st);
		status = status_value(st);
	}
	sigaction(SIGINT, &old, NULL);
	return status;
}

static int run_cmds(const struct cmd *cmds, int n, bool background);

/* A command's name for messages. */
static const char *cmd_name(const struct cmd *c)
{
	return c->argc > 0 ? c->argv[0] : "(redirection)";
}

/*
 * Runs a pipeline: a process per command, each one's output into the
 * next one's input, its words expanded now. In the foreground, waits for
 * all of them and returns the last one's status; in the background,
 * returns 0 at once.
 */
static int run_pipeline(const struct pipeline *p, bool background)
{
	struct cmd *cmds = xrealloc(NULL, p->ncmds * sizeof(*cmds));
	int status = 1, n;

	for (n = 0; n < p->ncmds; n++)
		if (expand_cmd(&p->cmds[n], &cmds[n]) < 0)
			break;
	if (n == p->ncmds)
		status = run_cmds(cmds, n, background);
	while (n-- > 0)
		free_expanded(&cmds[n]);
	free(cmds);
	return status;
}

/* Runs n expanded commands as a pipeline (see run_pipeline). */
static int run_cmds(const struct cmd *cmds, int n, bool background)
{
	int (*fn)(int, char **) = cmds[0].argc == 0 ? builtin_nothing : find_builtin(cmds[0].argv[0]);
	if (!background && n == 1 && fn != NULL)
		return run_builtin_here(&cmds[0], fn);

	pid_t *pids = xrealloc(NULL, n * sizeof(*pids));
	pid_t pgrp = 0;
	int in = -1, started = 0, status = 1;

	fflush(stdout);                 /* or the children would write it again */
	for (int i = 0; i < n; i++) {
		int out[2] = { -1, -1 };
		if (i < n - 1 && pipe(out) < 0) {
			fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
			break;
		}
		pid_t pid = fork();
		if (pid == 0)
			child(&cmds[i], pgrp, background, in, out);
		if (pid < 0) {
			fprintf(stderr, "sh: fork: %s\n", strerror(errno));
			if (out[0] >= 0) {
				close(out[0]);
				close(out[1]);
			}
			break;
		}
		/* Also here, so that the group exists whichever runs first. */
		if (job_control)
			setpgid(pid, pgrp ? pgrp : pid);
		if (pgrp == 0) {
			pgrp = pid;
			if (job_control && !background)
				tcsetpgrp(STDIN_FILENO, pgrp);
		}
		pids[started++] = pid;
		if (in >= 0)
			close(in);
		if (out[1] >= 0)
			close(out[1]);
		in = out[0];
	}
	if (in >= 0)
		close(in);

	if (background) {
		for (int i = 0; i < started; i++)
			add_background(pids[i], cmd_name(&cmds[i]));
		if (started > 0 && interactive)
			fprintf(stderr, "[%d]\n", (int)pids[started - 1]);
		free(pids);
		return started == n ? 0 : 1;
	}
	for (int i = 0; i < started; i++) {
		int st;
		while (waitpid(pids[i], &st, 0) < 0) {
			if (errno != EINTR) {
				st = 1 << 8;
				break;
			}
		}
		if (WIFSIGNALED(st) && !(WTERMSIG(st) == SIGPIPE && i < n - 1))
			report_signal(cmd_name(&cmds[i]), st);
		if (i == n - 1)
			status = status_value(st);
	}
	if (job_control)
		tcsetpgrp(STDIN_FILENO, shell_pgrp);
	free(pids);
	return status;
}

/* Runs an and-or list in the foreground: each pipeline if the ops allow it. */
static int run_andor_fg(const struct andor *a)
{
	int status = run_pipeline(&a->pipes[0], false);

	for (int i = 1; i < a->npipes; i++) {
		if ((a->ops[i - 1] == T_AND) == (status == 0))
			status = run_pipeline(&a->pipes[i], false);
	}
	return status;
}

/*
 * Runs an and-or list. In the background, a single pipeline runs as
 * usual; a longer list runs in a child shell, in a group of its own.
 */
static int run_andor(const struct andor *a)
{
	if (!a->background)
		return run_andor_fg(a);
	if (a->npipes == 1)
		return run_pipeline(&a->pipes[0], true);
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "sh: fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		if (job_control)
			setpgid(0, 0);
		job_control = false;    /* its pipelines stay in its group */
		exit(run_andor_fg(a));
	}
	if (job_control)
		setpgid(pid, pid);
	add_background(pid, a->pipes[0].cmds[0].argv[0]);
	if (interactive)
		fprintf(stderr, "[%d]\n", (int)pid);
	return 0;
}

/* Parses and runs one line. */
static void run_line(const char *line)
{
	struct token *toks;
	struct andor *list;
	int ntoks = lex(line, &toks), n;

	if (ntoks < 0) {
		last_status = 2;
		return;
	}
	if ((n = parse_line(toks, &list)) < 0) {
		last_status = 2;
	} else {
		for (int i = 0; i < n; i++)
			last_status = run_andor(&list[i]);
		free_andors(list, n);
	}
	free_tokens(toks, ntoks);
}

/* ---- input ----------------------------------------------------------------- */

/*
 * Reads a line from fd, without its newline, into a malloc'd string; NULL
 * at the end of the input. One byte at a time: the shell must not read
 * ahead what the commands it runs will read from the same input.
 */
static char *read_line(int fd)
{
	struct strbuf b = { 0 };
	char c;

	sb_add(&b, "", 0);
	for (;;) {
		ssize_t n = read(fd, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (b.len == 0) {
				free(b.s);
				return NULL;
			}
			return b.s;
		}
		if (c == '\n')
			return b.s;
		sb_addc(&b, c);
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: sh [-c command | file]\n");
	exit(2);
}

/* Runs each line of s (sh -c). */
static int run_string(const char *s)
{
	char *copy = xstrdup(s), *save, *line;

	for (line = strtok_r(copy, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save))
		run_line(line);
	free(copy);
	return last_status;
}

int main(int argc, char *argv[])
{
	int fd = STDIN_FILENO;

	if (argc == 3 && strcmp(argv[1], "-c") == 0)
		return run_string(argv[2]);
	if (argc > 2 || (argc == 2 && argv[1][0] == '-'))
		usage();
	if (argc == 2 && (fd = open(argv[1], O_RDONLY | O_CLOEXEC)) < 0) {
		fprintf(stderr, "sh: %s: %s\n", argv[1], strerror(errno));
		return 127;
	}
	interactive = argc == 1 && isatty(STDIN_FILENO);
	if (interactive) {
		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
		setpgid(0, 0);                  /* fails if already a group leader: fine */
		shell_pgrp = getpgrp();
		job_control = tcsetpgrp(STDIN_FILENO, shell_pgrp) == 0;
	}
	for (;;) {
		if (interactive) {
			reap_background();
			fputs("$ ", stderr);
		}
		char *line = read_line(fd);
		if (line == NULL)
			break;
		run_line(line);
		free(line);
	}
	if (interactive)
		fputc('\n', stderr);
	return last_status;
}
