#include "kernel/sched.h"
#include "kernel/thread.h"

struct thread thread0 = { .t_name = "boot" };
struct thread *curthread = &thread0;

void sched_preempt_point(void)
{
}
