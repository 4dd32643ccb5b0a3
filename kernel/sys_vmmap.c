/*
 * vmmap(pid, index, ent, pgoff, pages, npages): one entry of a process's
 * map and some of its pages (kernel/abi/vmmap.h, vm/uvm_vmmap.c). Every
 * argument is checked first; the pages are described into a kernel
 * buffer under the VM's locks, then copied out with no lock held.
 *
 * Another process's space is read with proc_lock held, so it cannot exit
 * (and free its space) meanwhile: proc_lock comes before the map's lock,
 * as for the OOM killer's sizes (kernel/proc.c).
 */
#include "kernel/syscall.h"
#include "kernel/abi/vmmap.h"
#include "kernel/copy.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "vm/kmem.h"
#include "vm/uvm_vmmap.h"
#include "vm/uvm_vmspace.h"

SYSCALL(vmmap)
{
	uvix_pid_t pid = (uvix_pid_t)args[0];
	long index = (long)args[1];
	struct uvix_vmmap_entry ve;
	uint64_t pgoff = (uint64_t)args[3];
	long npages = (long)args[5];
	struct uvix_vmmap_page *kbuf = NULL;
	size_t len = 0;
	struct proc *p;
	int error, n = 0;

	if ((long)args[0] != (long)pid || index < 0 || (long)args[3] < 0 ||
	    npages < 0 || npages > UVIX_VMMAP_MAXPAGES)
		return EINVAL;
	if (npages > 0) {
		len = (size_t)npages * sizeof(*kbuf);
		if ((kbuf = kmem_alloc(len, KM_NOSLEEP)) == NULL)
			return ENOMEM;
	}
	mutex_enter(&proc_lock);
	p = pid == 0 ? curproc() : proc_find(pid);
	if (p == NULL || p->p_state != PS_ALIVE || p->p_vmspace == NULL)
		error = ESRCH;
	else
		error = uvm_map_describe(&p->p_vmspace->vm_map, index, &ve, pgoff, kbuf,
		    (int)npages, &n);
	mutex_exit(&proc_lock);
	if (!error)
		error = copyout(&ve, (void *)args[2], sizeof(ve));
	if (!error && n > 0)
		error = copyout(kbuf, (void *)args[4], (size_t)n * sizeof(*kbuf));
	if (kbuf)
		kmem_free(kbuf, len);
	if (!error)
		*ret = n;
	return error;
}
