#include <machine/intr.h>
#include "kernel/intr.h"
#include "kernel/panic.h"
#include "kernel/printf.h"
#include "kernel/sched.h"

static struct {
	intr_handler_t fn;
	void *arg;
	const char *name;
	uint64_t count;
} handlers[NIRQ];

int intr_depth;
bool intr_user;

void intr_establish(int irq, intr_handler_t fn, void *arg, const char *name)
{
	KASSERT(irq >= 0 && irq < NIRQ);
	KASSERTMSG(handlers[irq].fn == NULL, "irq %d already taken by %s",
	    irq, handlers[irq].name);
	handlers[irq].fn = fn;
	handlers[irq].arg = arg;
	handlers[irq].name = name;
	md_intr_unmask(irq);
}

void intr_dispatch(int irq)
{
	if (md_intr_spurious(irq))
		return;
	handlers[irq].count++;
	intr_depth++;
	if (handlers[irq].fn)
		handlers[irq].fn(handlers[irq].arg);
	md_intr_eoi(irq);
	intr_depth--;
	/* Preempt the interrupted thread if its time slice ran out. */
	if (intr_depth == 0)
		sched_preempt_point();
}

uint64_t intr_count(int irq)
{
	KASSERT(irq >= 0 && irq < NIRQ);
	return handlers[irq].count;
}
