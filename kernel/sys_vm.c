/*
 * System calls about memory: the mmap family, brk, the VM counters.
 * Each validates every argument first, then calls the map layer, whose
 * errors (EINVAL, ENOMEM, EACCES) are the calls' own.
 */
#include <machine/vmparam.h>
#include "kernel/syscall.h"
#include "kernel/abi/mman.h"
#include "kernel/abi/resource.h"
#include "kernel/copy.h"
#include "kernel/errno.h"
#include "kernel/file.h"
#include "kernel/initrd.h"
#include "kernel/proc.h"
#include "kernel/tmpfs.h"
#include "vm/uvm_anon.h"
#include "vm/uvm_aobj.h"
#include "vm/uvm_map.h"
#include "vm/uvm_object.h"
#include "vm/uvm_page.h"
#include "vm/uvm_pdpolicy.h"
#include "vm/uvm_vmspace.h"
#include "vm/uvm_vnode.h"
#include "vm/uvm_wire.h"
#include "vm/uvmexp.h"
#include "pmap/pmap.h"

/* Where mmap looks for room when not told. */
#define MMAP_BASE       (VM_MAXUSER_ADDRESS / 4)

static struct vm_map *curmap(void)
{
	return &curproc()->p_vmspace->vm_map;
}

static bool range_ok(vaddr_t va, size_t len)
{
	return (va & PAGE_MASK) == 0 && len > 0 && user_range_ok(va, round_page(len)) &&
	    round_page(len) >= len;
}

/* The most pages the process may user-wire (RLIMIT_MEMLOCK). */
static vsize_t memlock_pages(void)
{
	uvix_rlim_t lim = proc_rlimit(curproc(), RLIMIT_MEMLOCK);

	return lim == RLIM_INFINITY || atop(lim) > (uvix_rlim_t)(vsize_t)-1 ?
	    (vsize_t)-1 : (vsize_t)atop(lim);
}

/*
 * Under mlockall(MCL_FUTURE), wires [va, va + len), which the caller
 * has just mapped or made accessible. => returns 0 or what
 * uvm_map_pageable returns (EAGAIN at a limit).
 */
static int wire_future(vaddr_t va, size_t len)
{
	if (!uvm_map_wirefuture(curmap()))
		return 0;
	return uvm_map_pageable(curmap(), va, va + len, false, UVM_WIRE_USER, memlock_pages());
}

/*
 * mmap's numbers, checked before anything is made, in Linux's order.
 * => returns 0; EINVAL for a bad flag or protection, a length of 0, a
 *    MAP_FIXED address not page-aligned, an offset not page-aligned,
 *    negative, or whose end wraps (Linux: EOVERFLOW); ENOMEM for a length
 *    that wraps when rounded up to a page or does not fit in the user
 *    space (at va, with MAP_FIXED).
 */
static int mmap_check(vaddr_t va, size_t len, int prot, int flags, uvix_off_t off)
{
	int share = flags & (MAP_SHARED | MAP_PRIVATE);

	if (len == 0 || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) ||
	    (share != MAP_SHARED && share != MAP_PRIVATE) ||
	    (flags & ~(MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS)))
		return EINVAL;
	if (round_page(len) < len || round_page(len) > VM_MAXUSER_ADDRESS)
		return ENOMEM;
	if ((off & PAGE_MASK) || off < 0 || off > INT64_MAX - (uvix_off_t)round_page(len))
		return EINVAL;
	if (flags & MAP_FIXED) {
		if (va & PAGE_MASK)
			return EINVAL;
		if (!user_range_ok(va, round_page(len)))
			return ENOMEM;
	}
	return 0;
}

/*
 * The object behind a mapping of descriptor fd, with a new reference,
 * and the most protection its mapping may ever have: an initrd file's
 * (read-only: a shared mapping may not write), or a tmpfs file's aobj (a
 * shared mapping may write if the file was opened for writing).
 * Directories, pipes and devices cannot be mapped; a file opened
 * write-only neither.
 * => returns 0, EBADF, ENODEV, EACCES or ENOMEM.
 */
static int mmap_file(int fd, int share, int prot, struct uvm_object **objp,
    vm_prot_t *maxprot)
{
	struct file *fp = fd_get(fd);
	const struct initrd_file *f;
	int error = 0;

	if (!fp)
		return EBADF;
	int mode = fp->f_flags & O_ACCMODE;
	bool initrd = file_initrd_get(fp, &f);
	if (!initrd)
		error = tmpfs_mmap_object(fp, objp);
	else if (initrd_isdir(f))
		error = ENODEV;
	file_release(fp);
	if (error)
		return error;
	if (mode == O_WRONLY || (share == MAP_SHARED && (initrd || mode == O_RDONLY))) {
		if (mode == O_WRONLY || (prot & PROT_WRITE)) {
			if (!initrd)
				uvm_obj_detach(*objp);
			return EACCES;
		}
		*maxprot = VM_PROT_READ | VM_PROT_EXECUTE;
	}
	if (initrd && (*objp = uvn_attach(f)) == NULL)
		return ENOMEM;
	return 0;
}

SYSCALL(mmap)
{
	vaddr_t va = args[0];
	size_t len = args[1];
	int prot = (int)args[2], flags = (int)args[3], fd = (int)args[4];
	uvix_off_t off = (uvix_off_t)(intptr_t)args[5];
	struct uvm_object *obj = NULL;
	vm_prot_t maxprot = VM_PROT_ALL;
	int share = flags & (MAP_SHARED | MAP_PRIVATE), uflags = 0;
	int error = mmap_check(va, len, prot, flags, off);

	if (error)
		return error;
	len = round_page(len);
	if (flags & MAP_ANONYMOUS) {
		/*
		 * The offset means nothing for anonymous memory: its object is
		 * new, and starts at 0 (an object offset past its end would
		 * make every access EFAULT). As on Linux, it is ignored.
		 */
		off = 0;
		/*
		 * An aobj's slot array (one int per page) is allocated whole
		 * when it is made: one bigger than memory and swap together
		 * could never be filled, and would take every free page.
		 */
		if (share == MAP_SHARED && atop(len) > (size_t)(uvmexp.npages + uvmexp.swpages))
			return ENOMEM;
		if (share == MAP_SHARED && (obj = uao_create(len, 0)) == NULL)
			return ENOMEM;
	} else if ((error = mmap_file(fd, share, prot, &obj, &maxprot)) != 0) {
		return error;
	}
	if (flags & MAP_FIXED)
		uflags |= UVM_FLAG_FIXED | UVM_FLAG_UNMAP;
	else if (va == 0 || !user_range_ok(va, len))
		va = MMAP_BASE;
	else
		va = trunc_page(va);
	if (share == MAP_PRIVATE)
		uflags |= UVM_FLAG_COPYONW;
	error = uvm_map(curmap(), &va, len, obj, off, prot, maxprot,
	    share == MAP_SHARED ? MAP_INHERIT_SHARE : MAP_INHERIT_COPY, UVM_ADV_NORMAL, uflags);
	if (error) {
		if (obj)
			uvm_obj_detach(obj);
		return error;
	}
	/* MCL_FUTURE: wired now, or not mapped at all (PROT_NONE waits for mprotect). */
	if (prot != PROT_NONE && (error = wire_future(va, len)) != 0) {
		uvm_unmap(curmap(), va, va + len);
		return error == ENOMEM ? EAGAIN : error;
	}
	*ret = va;
	return 0;
}

SYSCALL(munmap)
{
	if (!range_ok(args[0], args[1]))
		return EINVAL;
	return uvm_unmap(curmap(), args[0], args[0] + round_page(args[1]));
}

SYSCALL(mprotect)
{
	if (!range_ok(args[0], args[1]) || (args[2] & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return EINVAL;
	int error = uvm_map_protect(curmap(), args[0], args[0] + round_page(args[1]),
	    (vm_prot_t)args[2], false);
	/* MCL_FUTURE: a range made accessible is wired (what was wired stays so). */
	if (error == 0 && args[2] != PROT_NONE)
		error = wire_future(args[0], round_page(args[1]));
	return error;
}

SYSCALL(madvise)
{
	if (!range_ok(args[0], args[1]))
		return EINVAL;
	return uvm_map_advice(curmap(), args[0], args[0] + round_page(args[1]), (int)args[2]);
}

SYSCALL(minherit)
{
	if (!range_ok(args[0], args[1]))
		return EINVAL;
	return uvm_map_inherit(curmap(), args[0], args[0] + round_page(args[1]), (int)args[2]);
}

/*
 * brk(addr): moves the end of the heap to addr (rounded up to a page);
 * 0 asks for the current end. Returns the new end, or ENOMEM (then the
 * end is unchanged). The heap is anonymous memory from p_brk_base up.
 */
SYSCALL(brk)
{
	struct proc *p = curproc();
	vaddr_t want = round_page(args[0]);
	int error = 0;

	if (args[0] == 0 || want == p->p_brk) {
		*ret = p->p_brk;
		return 0;
	}
	if (want < p->p_brk_base || want < args[0] || !user_range_ok(p->p_brk_base, want - p->p_brk_base) ||
	    want - p->p_brk_base > VM_MAXUSER_ADDRESS / 4 ||
	    want - p->p_brk_base > proc_rlimit(p, RLIMIT_DATA))
		return ENOMEM;
	if (want > p->p_brk) {
		vaddr_t va = p->p_brk;
		error = uvm_map(curmap(), &va, want - p->p_brk, NULL, 0,
		    VM_PROT_READ | VM_PROT_WRITE, VM_PROT_ALL, MAP_INHERIT_COPY,
		    UVM_ADV_NORMAL, UVM_FLAG_FIXED);
		if (error)
			return error == EEXIST ? ENOMEM : error;
		if ((error = wire_future(p->p_brk, want - p->p_brk)) != 0) {
			uvm_unmap(curmap(), p->p_brk, want);
			return ENOMEM;
		}
	} else {
		uvm_unmap(curmap(), want, p->p_brk);
	}
	p->p_brk = want;
	*ret = want;
	return 0;
}

/*
 * pageinfo(addr, buf): the page mapped at addr now (kernel/abi/mman.h).
 * Looked up through the pmap: what the MMU would use. The page's fields
 * are read under the owner's locks (uvm_anonlock, the object's lock) and
 * uvm_pageqlock, so a snapshot of one moment.
 */
SYSCALL(pageinfo)
{
	vaddr_t va = trunc_page(args[0]);
	struct vm_map *map = curmap();
	struct uvix_pageinfo pi = { 0 };
	paddr_t pa;

	if (!user_range_ok(va, PAGE_SIZE))
		return EFAULT;
	mutex_enter(&map->lock);
	mutex_enter(&uvm_anonlock);
	struct vm_page *pg = pmap_extract(map->pmap, va, &pa) ? uvm_phys_to_page(pa) : NULL;
	if (pg != NULL) {
		struct uvm_object *uobj = pg->uobject;
		if (uobj)
			mutex_enter(&uobj->vmobjlock);
		mutex_enter(&uvm_pageqlock);
		pi.pi_pfn = atop(pg->phys_addr);
		pi.pi_loan_count = pg->loan_count;
		pi.pi_wire_count = pg->wire_count;
		pi.pi_owner = (pg->pqflags & PQ_ANON) ? UVIX_PAGE_OWNER_ANON :
		    pg->uobject ? UVIX_PAGE_OWNER_OBJECT : UVIX_PAGE_OWNER_NONE;
		pi.pi_anon_refs = pg->uanon ? (uint32_t)pg->uanon->an_ref : 0;
		pi.pi_writable = (pmap_prot(map->pmap, va) & VM_PROT_WRITE) != 0;
		mutex_exit(&uvm_pageqlock);
		if (uobj)
			mutex_exit(&uobj->vmobjlock);
	}
	mutex_exit(&uvm_anonlock);
	mutex_exit(&map->lock);
	if (pg == NULL)
		return ENOENT;
	return copyout(&pi, (void *)args[1], sizeof(pi));
}

SYSCALL(getpagesize)
{
	*ret = PAGE_SIZE;
	return 0;
}

/* uvmexp(buf, len): copies min(len, sizeof) bytes of the counters; returns sizeof. */
SYSCALL(uvmexp)
{
	size_t len = args[1] < sizeof(uvmexp) ? args[1] : sizeof(uvmexp);

	*ret = sizeof(uvmexp);
	uvmexp.kptpages = pmap_kernel_ptpages();        /* the pmap keeps its own count */
	return copyout(&uvmexp, (void *)args[0], len);
}

/*
 * mlock(addr, len), munlock(addr, len): the pages of [addr, addr + len),
 * addr rounded down to a page (as Linux does). A length that wraps is
 * EINVAL; 0 is nothing to do. See vm/uvm_wire.h.
 * => mlock: 0; ENOMEM if part of the range is not mapped; EAGAIN past
 *    vm.wiredmax or RLIMIT_MEMLOCK; EPERM if RLIMIT_MEMLOCK is 0; EINTR.
 * => munlock: 0 (a range not locked, too); ENOMEM if not all mapped.
 */
static int mlock_range(vaddr_t addr, size_t len, vaddr_t *startp, vaddr_t *endp)
{
	vaddr_t start = trunc_page(addr), end = addr + len;

	if (end < addr || round_page(end) < end)
		return EINVAL;
	end = round_page(end);
	if (start < VMSPACE_MIN || end > VM_MAXUSER_ADDRESS)
		return ENOMEM;
	*startp = start;
	*endp = end;
	return 0;
}

SYSCALL(mlock)
{
	vaddr_t start, end;
	int error = mlock_range(args[0], args[1], &start, &end);

	if (error || args[1] == 0)
		return error;
	if (proc_rlimit(curproc(), RLIMIT_MEMLOCK) == 0)
		return EPERM;
	return uvm_map_pageable(curmap(), start, end, false, UVM_WIRE_USER, memlock_pages());
}

SYSCALL(munlock)
{
	vaddr_t start, end;
	int error = mlock_range(args[0], args[1], &start, &end);

	if (error || args[1] == 0)
		return error;
	return uvm_map_pageable(curmap(), start, end, true, UVM_WIRE_USER, 0);
}

/*
 * mlockall(flags): MCL_CURRENT wires every mapping there is (but
 * PROT_NONE ones), MCL_FUTURE every one made or made accessible from now
 * on, until munlockall or exec; fork does not pass it on.
 * => 0; EINVAL for no flag or an unknown one; ENOMEM past a limit; EPERM
 *    if RLIMIT_MEMLOCK is 0; EINTR.
 */
SYSCALL(mlockall)
{
	int flags = (int)args[0];

	if (flags == 0 || (flags & ~(MCL_CURRENT | MCL_FUTURE)))
		return EINVAL;
	if (proc_rlimit(curproc(), RLIMIT_MEMLOCK) == 0)
		return EPERM;
	int error = uvm_map_pageable_all(curmap(), true, flags & MCL_CURRENT,
	    flags & MCL_FUTURE, memlock_pages());
	return error == EAGAIN ? ENOMEM : error;
}

SYSCALL(munlockall)
{
	return uvm_map_pageable_all(curmap(), false, false, false, 0);
}
