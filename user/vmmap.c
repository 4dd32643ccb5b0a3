/*
 * vmmap: a process's address space, entry by entry, as a table or as a
 * picture (an SVG), read with vmmap(2) (kernel/abi/vmmap.h).
 *
 *   vmmap [PROC ...]           one table per process: each entry's range,
 *                              protection, layers, and its pages by state
 *   vmmap -svg PROC [PROC2]    one picture on stdout: entries as bands,
 *                              pages as squares coloured by state; with
 *                              two processes, side by side, a line joins
 *                              each anon they share (fork's, until one
 *                              of them writes)
 *
 * PROC is a pid, or a name: every process of that name but vmmap itself
 * (`vmmap -svg vmdemo` draws vmdemo and its child). Without PROC, the
 * table is vmmap's own space.
 *
 * A page's state, the first that holds: loaned, wired, swapped (an anon
 * on swap), shared (an anon two amaps hold, or in an amap two entries
 * still share: fork shared it), anon (private), object (a resident page of a file or of shared
 * memory), empty (never touched, or not in memory). Two processes share
 * an anon when it has the same physical page (or swap slot) in both.
 *
 * The SVG marks what a program may count: each process is a
 * <g class="proc" data-pid="N">, each entry a <g class="entry"
 * data-start="0x..">, each page a <rect class="page STATE">, each shared
 * anon's curve a <path class="link">. A run of COLS or more empty pages is
 * drawn as one <rect class="gap"> that says how many (a stack's reserve);
 * entries of more than MAXDRAW pages draw their first MAXDRAW and say how
 * many more.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/uvix.h>

#define MAXPROCS        2       /* in one picture */
#define MAXDRAW         65536   /* pages kept per entry to draw */
#define COLS            32      /* pages per row of a band */
#define SQ              10      /* a page's square */
#define STEP            12      /* square and gap */
#define LABEL_W         180     /* the text left of the pages */
#define COL_W           (LABEL_W + COLS * STEP + 30)

enum state { S_EMPTY, S_OBJECT, S_ANON, S_SHARED, S_SWAPPED, S_WIRED, S_LOANED, NSTATES };

static const struct {
	const char *cls, *fill, *what;
} states[NSTATES] = {
	[S_EMPTY] = { "empty", "#eeeeee", "nothing (never touched, or not in memory)" },
	[S_OBJECT] = { "object", "#8ecae6", "an object's page (a file, shared memory)" },
	[S_ANON] = { "anon", "#90be6d", "an anon's page, private" },
	[S_SHARED] = { "shared", "#f9c74f", "an anon shared after fork (an_ref > 1, or its amap, needs copy)" },
	[S_SWAPPED] = { "swapped", "#9d4edd", "an anon on swap" },
	[S_WIRED] = { "wired", "#34495e", "wired" },
	[S_LOANED] = { "loaned", "#f94144", "loaned" },
};

struct ent {
	struct uvix_vmmap_entry ve;
	struct uvix_vmmap_page *pg;     /* the first ndraw pages */
	int ndraw;
	long count[NSTATES];            /* over every page of the entry */
	long mapped;
};

struct space {
	int pid;
	char name[32];
	struct ent *ents;
	int nents;
	long count[NSTATES];
};

static void usage(void)
{
	fprintf(stderr, "usage: vmmap [PID|NAME ...]\n       vmmap -svg PID|NAME [PID|NAME]\n");
	exit(2);
}

static enum state page_state(const struct uvix_vmmap_page *p)
{
	if (p->vp_flags & UVIX_VP_LOANED)
		return S_LOANED;
	if (p->vp_flags & UVIX_VP_WIRED)
		return S_WIRED;
	if (p->vp_flags & UVIX_VP_SWAPPED)
		return S_SWAPPED;
	if ((p->vp_flags & UVIX_VP_ANON) && (p->vp_flags & UVIX_VP_RESIDENT))
		return p->vp_anon_refs > 1 || p->vp_slot_refs > 1 ? S_SHARED : S_ANON;
	if (p->vp_flags & UVIX_VP_OBJECT)
		return S_OBJECT;
	return S_EMPTY;
}

/* Reads process pid's map into *s; returns 0 or an errno. */
static int read_space(int pid, struct space *s)
{
	static struct uvix_vmmap_page buf[UVIX_VMMAP_MAXPAGES];
	struct uvix_vmmap_entry ve;
	int cap = 0;

	memset(s, 0, sizeof(*s));
	s->pid = pid;
	for (int i = 0;; i++) {
		int n = vmmap(pid, i, &ve, 0, buf, UVIX_VMMAP_MAXPAGES);
		if (n < 0) {
			if (errno == ENOENT)
				return 0;
			return errno;
		}
		if (s->nents == cap) {
			cap = cap ? 2 * cap : 16;
			if ((s->ents = realloc(s->ents, cap * sizeof(*s->ents))) == NULL)
				return ENOMEM;
		}
		struct ent *e = &s->ents[s->nents++];
		memset(e, 0, sizeof(*e));
		e->ve = ve;
		e->ndraw = ve.ve_npages < MAXDRAW ? (int)ve.ve_npages : MAXDRAW;
		if ((e->pg = malloc(e->ndraw * sizeof(*e->pg))) == NULL)
			return ENOMEM;
		for (uint64_t off = 0;;) {
			for (int k = 0; k < n; k++) {
				if (off + k < (uint64_t)e->ndraw)
					e->pg[off + k] = buf[k];
				e->count[page_state(&buf[k])]++;
				s->count[page_state(&buf[k])]++;
				if (buf[k].vp_flags & UVIX_VP_MAPPED)
					e->mapped++;
			}
			off += n;
			if (n == 0 || off >= ve.ve_npages)
				break;
			/* The map may change between calls: a shorter entry ends here. */
			if ((n = vmmap(pid, i, &ve, off, buf, UVIX_VMMAP_MAXPAGES)) < 0)
				return errno;
		}
	}
}

/* The pids PROC names (a number, or every process of a name): how many. */
static int find_procs(const char *arg, int *pids, char names[][32], int max)
{
	static struct uvix_procinfo pi[64];
	char *end;
	long v = strtol(arg, &end, 10);
	int n = uvix_ps(pi, 64), found = 0;

	for (int i = 0; i < n && found < max; i++) {
		int match = *end == '\0' && *arg ? pi[i].pid == v :
		    strcmp(pi[i].name, arg) == 0 && pi[i].pid != getpid();
		if (match && pi[i].state != 'Z') {
			pids[found] = pi[i].pid;
			strncpy(names[found], pi[i].name, 31);
			names[found][31] = '\0';
			found++;
		}
	}
	return found;
}

static const char *prot_str(uint32_t prot, char *b)
{
	b[0] = prot & PROT_READ ? 'r' : '-';
	b[1] = prot & PROT_WRITE ? 'w' : '-';
	b[2] = prot & PROT_EXEC ? 'x' : '-';
	b[3] = '\0';
	return b;
}

static const char *kind_str(const struct uvix_vmmap_entry *ve)
{
	if (ve->ve_flags & UVIX_VE_VNODE)
		return ve->ve_flags & UVIX_VE_COW ? "file, private" : "file, shared";
	if (ve->ve_flags & UVIX_VE_OBJECT)
		return ve->ve_flags & UVIX_VE_COW ? "object, private" : "shared memory";
	return "anonymous";
}

static void table(const struct space *s)
{
	char pb[4];

	printf("pid %d (%s)\n", s->pid, s->name);
	printf("%-10s %-10s prot %6s %6s %6s %6s %6s %6s %6s %6s  kind\n", "start", "end",
	    "pages", "mapped", "object", "anon", "shared", "swap", "wired", "loaned");
	for (int i = 0; i < s->nents; i++) {
		const struct ent *e = &s->ents[i];
		printf("%#-10llx %#-10llx %s  %6u %6ld %6ld %6ld %6ld %6ld %6ld %6ld  %s%s%s\n",
		    (unsigned long long)e->ve.ve_start, (unsigned long long)e->ve.ve_end,
		    prot_str(e->ve.ve_prot, pb), e->ve.ve_npages, e->mapped, e->count[S_OBJECT],
		    e->count[S_ANON], e->count[S_SHARED], e->count[S_SWAPPED],
		    e->count[S_WIRED], e->count[S_LOANED], kind_str(&e->ve),
		    e->ve.ve_flags & UVIX_VE_NEEDSCOPY ? ", needs copy" : "",
		    e->ve.ve_flags & UVIX_VE_WIRED ? ", wired" : "");
	}
}

/* ---- the picture ---- */

struct pos {
	int x, y;
};

/* The length of the run of empty pages from page k of e. */
static int empty_run(const struct ent *e, int k)
{
	int n = 0;
	while (k + n < e->ndraw && page_state(&e->pg[k + n]) == S_EMPTY)
		n++;
	return n;
}

/*
 * Lays out e's pages from y: each page's square, or a gap's row; calls
 * page(k, x, y) for each page drawn and gap(k, n, y) for n pages elided
 * (either may be NULL). Returns the rows used.
 */
static int layout(const struct ent *e, int x, int y, struct pos *at,
    void (*page)(const struct ent *, int, int, int), void (*gap)(int, int, int))
{
	int col = 0, row = 0;

	for (int k = 0; k < e->ndraw;) {
		int run = empty_run(e, k);
		if (run >= COLS) {
			if (col != 0)
				col = 0, row++;
			if (gap)
				gap(run, x, y + row * STEP);
			row++, k += run;
			continue;
		}
		if (page) {
			at[k].x = x + col * STEP + SQ / 2;
			at[k].y = y + row * STEP + SQ / 2;
			page(e, k, x + col * STEP, y + row * STEP);
		}
		k++;
		if (++col == COLS)
			col = 0, row++;
	}
	return row + (col != 0);
}

/* The height of an entry's band. */
static int band_h(const struct ent *e)
{
	int rows = layout(e, 0, 0, NULL, NULL, NULL);
	if (rows < 2)
		rows = 2;       /* room for the two lines of text */
	return 8 + rows * STEP + (e->ndraw < (int)e->ve.ve_npages ? 14 : 0) + 8;
}

static void draw_page(const struct ent *e, int k, int px, int py)
{
	const struct uvix_vmmap_page *p = &e->pg[k];
	enum state st = page_state(p);

	printf("<rect class=\"page %s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
	    "fill=\"%s\" stroke=\"#666666\" stroke-width=\"0.5\"><title>%#llx",
	    states[st].cls, px, py, SQ, SQ, states[st].fill,
	    (unsigned long long)(e->ve.ve_start + (uint64_t)k * getpagesize()));
	if (p->vp_flags & UVIX_VP_RESIDENT)
		printf(" pfn %#llx", (unsigned long long)p->vp_pfn);
	if (p->vp_flags & UVIX_VP_SWAPPED)
		printf(" swap slot %u", p->vp_swslot);
	if (p->vp_flags & UVIX_VP_ANON)
		printf(" anon refs %u slot refs %u", p->vp_anon_refs, p->vp_slot_refs);
	printf("</title></rect>\n");
}

static void draw_gap(int n, int px, int py)
{
	printf("<rect class=\"gap\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
	    "fill=\"%s\" stroke=\"#666666\" stroke-width=\"0.5\" stroke-dasharray=\"2,2\"/>"
	    "<text x=\"%d\" y=\"%d\" class=\"small\">%d empty pages</text>\n", px, py,
	    COLS * STEP - 2, SQ, states[S_EMPTY].fill, px + 4, py + 8, n);
}

/* An anon's name across processes: its physical page, or its swap slot. */
static uint64_t anon_id(const struct uvix_vmmap_page *p)
{
	if (!(p->vp_flags & UVIX_VP_ANON))
		return 0;
	if (p->vp_flags & UVIX_VP_RESIDENT)
		return p->vp_pfn << 1;
	return ((uint64_t)p->vp_swslot << 1) | 1;
}

/* Draws space s in the column at x0; records each page's centre in at[entry][page]. */
static int draw_space(const struct space *s, int x0, int y0, struct pos **at)
{
	char pb[4];
	int y = y0;

	printf("<g class=\"proc\" data-pid=\"%d\">\n", s->pid);
	printf("<text x=\"%d\" y=\"%d\" class=\"title\">pid %d (%s)</text>\n", x0, y + 14,
	    s->pid, s->name);
	printf("<text x=\"%d\" y=\"%d\">%ld object, %ld anon, %ld shared, %ld swapped, "
	    "%ld wired, %ld loaned pages</text>\n", x0, y + 30, s->count[S_OBJECT],
	    s->count[S_ANON], s->count[S_SHARED], s->count[S_SWAPPED], s->count[S_WIRED],
	    s->count[S_LOANED]);
	y += 40;
	for (int i = 0; i < s->nents; i++) {
		const struct ent *e = &s->ents[i];
		int h = band_h(e);
		at[i] = malloc((e->ndraw ? e->ndraw : 1) * sizeof(struct pos));
		printf("<g class=\"entry\" data-start=\"%#llx\" data-pages=\"%u\">\n",
		    (unsigned long long)e->ve.ve_start, e->ve.ve_npages);
		printf("<rect class=\"band\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
		    "fill=\"%s\" stroke=\"#888888\"/>\n", x0, y, COL_W - 20, h - 4,
		    i % 2 ? "#fafafa" : "#f0f4f8");
		printf("<text x=\"%d\" y=\"%d\">%#llx-%#llx %s</text>\n", x0 + 4, y + 14,
		    (unsigned long long)e->ve.ve_start, (unsigned long long)e->ve.ve_end,
		    prot_str(e->ve.ve_prot, pb));
		printf("<text x=\"%d\" y=\"%d\" class=\"small\">%s%s, %u pages</text>\n", x0 + 4,
		    y + 28, kind_str(&e->ve), e->ve.ve_flags & UVIX_VE_NEEDSCOPY ? ", needs copy" : "",
		    e->ve.ve_npages);
		int rows = layout(e, x0 + LABEL_W, y + 6, at[i], draw_page, draw_gap);
		if (e->ndraw < (int)e->ve.ve_npages)
			printf("<text x=\"%d\" y=\"%d\" class=\"small\">+%u pages not drawn</text>\n",
			    x0 + LABEL_W, y + 6 + rows * STEP + 10,
			    e->ve.ve_npages - e->ndraw);
		printf("</g>\n");
		y += h;
	}
	printf("</g>\n");
	return y;
}

static void picture(struct space *sp, int n)
{
	struct pos **at[MAXPROCS];
	int legend_h = 20 + 16 * NSTATES, h = 0;

	/* The height: the taller column. */
	for (int j = 0; j < n; j++) {
		int y = 40;
		for (int i = 0; i < sp[j].nents; i++)
			y += band_h(&sp[j].ents[i]);
		if (y > h)
			h = y;
		at[j] = malloc((sp[j].nents ? sp[j].nents : 1) * sizeof(*at[j]));
	}
	int w = n * COL_W + 10, top = legend_h + 10;
	printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	printf("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
	    "viewBox=\"0 0 %d %d\" font-family=\"monospace\" font-size=\"11\">\n",
	    w, top + h + 10, w, top + h + 10);
	printf("<style>.title { font-size: 14px; font-weight: bold } .small { font-size: 9px }"
	    "</style>\n");
	printf("<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"white\"/>\n", w,
	    top + h + 10);
	printf("<g class=\"legend\">\n<text x=\"10\" y=\"16\" class=\"title\">vmmap: pages by "
	    "state</text>\n");
	for (int s = 0; s < NSTATES; s++)
		printf("<rect class=\"key %s\" x=\"10\" y=\"%d\" width=\"%d\" height=\"%d\" "
		    "fill=\"%s\" stroke=\"#666666\" stroke-width=\"0.5\"/><text x=\"26\" y=\"%d\">"
		    "%s: %s</text>\n", states[s].cls, 24 + 16 * s, SQ, SQ, states[s].fill,
		    33 + 16 * s, states[s].cls, states[s].what);
	if (n == 2)
		printf("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#e76f51\" "
		    "stroke-width=\"1.5\"/><text x=\"%d\" y=\"%d\">an anon both processes "
		    "share</text>\n", COL_W + 10, 29, COL_W + 40, 29, COL_W + 46, 33);
	printf("</g>\n");
	for (int j = 0; j < n; j++)
		draw_space(&sp[j], 10 + j * COL_W, top, at[j]);
	if (n == 2) {
		/* Each anon of the second that the first has too (few pages: a plain search). */
		int nlinks = 0;
		printf("<g class=\"links\">\n");
		for (int i = 0; i < sp[1].nents; i++) {
			for (int k = 0; k < sp[1].ents[i].ndraw; k++) {
				uint64_t id = anon_id(&sp[1].ents[i].pg[k]);
				if (id == 0)
					continue;
				for (int a = 0; a < sp[0].nents; a++)
					for (int b = 0; b < sp[0].ents[a].ndraw; b++)
						if (anon_id(&sp[0].ents[a].pg[b]) == id) {
							/* A curve below the row, deeper for each link. */
							int x1 = at[0][a][b].x, y1 = at[0][a][b].y;
							int x2 = at[1][i][k].x, y2 = at[1][i][k].y;
							int dy = 10 + 6 * (nlinks++ % 8);
							printf("<path class=\"link\" d=\"M %d %d C %d %d %d %d "
							    "%d %d\" fill=\"none\" stroke=\"#e76f51\" "
							    "stroke-width=\"1.2\" stroke-opacity=\"0.8\"/>\n",
							    x1, y1, x1 + 60, y1 + dy, x2 - 60, y2 + dy, x2, y2);
						}
			}
		}
		printf("</g>\n");
	}
	printf("</svg>\n");
}

int main(int argc, char **argv)
{
	struct space sp[16];
	char names[16][32];
	int pids[16], n = 0, svg = 0;

	if (argc > 1 && strcmp(argv[1], "-svg") == 0)
		svg = 1, argc--, argv++;
	if (svg && (argc < 2 || argc > 1 + MAXPROCS))
		usage();
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '-')
			usage();
		int got = find_procs(argv[i], pids + n, names + n, (svg ? MAXPROCS : 16) - n);
		if (got == 0) {
			fprintf(stderr, "vmmap: %s: no such process\n", argv[i]);
			return 1;
		}
		n += got;
	}
	if (argc == 1) {
		pids[0] = getpid();
		strcpy(names[0], "vmmap");
		n = 1;
	}
	for (int j = 0; j < n; j++) {
		int error = read_space(pids[j], &sp[j]);
		if (error) {
			fprintf(stderr, "vmmap: pid %d: %s\n", pids[j], strerror(error));
			return 1;
		}
		strcpy(sp[j].name, names[j]);
	}
	if (svg) {
		picture(sp, n);
		return 0;
	}
	for (int j = 0; j < n; j++)
		table(&sp[j]);
	return 0;
}
