/*
 * exec: loading a static ELF program from the initrd.
 *
 * 1. Read and check the headers (exec_check): this arch's class and
 *    machine, an executable, loadable segments inside the file and inside
 *    user space (never page 0), file offset and address congruent modulo
 *    the page size (so a page of the file is a page of the program).
 * 2. Map into a new address space (exec_map): each segment's file pages
 *    private copy-on-write from the file's object (text is shared until
 *    written, which it never is: read/execute only), the rest of the
 *    segment (bss) zero-fill, and the zero tail of its last file page
 *    written (a write fault: the page becomes an anon).
 * 3. The stack: 8 MiB reserved below the top of user space, zero-fill
 *    on demand (the pages below it stay unmapped: a guard), with argc,
 *    argv[], envp[] and their strings at the top, as the System V ABI
 *    has them:
 *
 *        top of user space
 *          strings of argv and envp
 *          (padding to 16 bytes)
 *          NULL, envp[envc-1] ... envp[0]
 *          NULL, argv[argc-1] ... argv[0]
 *      sp: argc
 *
 * Until the new space is complete the old one is untouched, so a failed
 * execve returns its errno to the old program.
 */
#include <machine/elf_md.h>
#include <machine/user.h>
#include <machine/vmparam.h>
#include "kernel/exec.h"
#include "kernel/abi/limits.h"
#include "kernel/copy.h"
#include "kernel/errno.h"
#include "kernel/syscall.h"
#include "kernel/file.h"
#include "kernel/initrd.h"
#include "kernel/panic.h"
#include "kernel/proc.h"
#include "kernel/vfs.h"
#include "kernel/signal.h"
#include "kernel/string.h"
#include "kernel/thread.h"
#include "pmap/pmap.h"
#include "vm/kmem.h"
#include "vm/uvm_fault.h"
#include "vm/uvm_object.h"
#include "vm/uvm_vmspace.h"
#include "vm/uvm_vnode.h"

#define EXEC_MAXSEGS    8       /* loadable segments (a static program has 2 to 4) */

/*
 * Program headers exec reads, of any type. Each is one read from the
 * file, and e_phnum can say 65535: the limit bounds the work a corrupt
 * or hostile file can cause. Our programs have fewer than ten.
 */
#define EXEC_MAXPHDRS   64

struct exec_seg {
	vaddr_t vaddr;
	uint64_t filesz, memsz, offset;
	vm_prot_t prot;
};

struct exec_image {
	vaddr_t entry;
	int nsegs;
	struct exec_seg segs[EXEC_MAXSEGS];
};

/* argv and envp strings, packed, in a kernel buffer. */
struct exec_args {
	char *buf;
	size_t len;
	int argc, envc;
};

static int read_exact(const struct initrd_file *f, uint64_t off, void *buf, size_t len)
{
	size_t done;

	if (initrd_read(f, off, buf, len, &done) != 0 || done != len)
		return ENOEXEC;
	return 0;
}

/* One program header, in this arch's class (<machine/elf_md.h>), into a segment. */
static int read_phdr(const struct initrd_file *f, uint64_t off, bool *load, struct exec_seg *s)
{
	md_elf_phdr_t ph;

	if (read_exact(f, off, &ph, sizeof(ph)))
		return ENOEXEC;
	*load = ph.p_type == PT_LOAD;
	*s = (struct exec_seg){ ph.p_vaddr, ph.p_filesz, ph.p_memsz, ph.p_offset,
	    (ph.p_flags & PF_R ? VM_PROT_READ : 0) | (ph.p_flags & PF_W ? VM_PROT_WRITE : 0) |
	    (ph.p_flags & PF_X ? VM_PROT_EXECUTE : 0) };
	return 0;
}

static bool seg_ok(const struct initrd_file *f, const struct exec_seg *s, vaddr_t prev_end)
{
	return s->filesz <= s->memsz && s->memsz > 0 &&
	    s->offset + s->filesz >= s->offset && s->offset + s->filesz <= f->f_size &&
	    s->vaddr >= PAGE_SIZE && s->vaddr + s->memsz > s->vaddr &&
	    s->vaddr + s->memsz <= VM_MAXUSER_ADDRESS - USTACK_SIZE - PAGE_SIZE &&
	    (s->vaddr & PAGE_MASK) == (s->offset & PAGE_MASK) &&
	    trunc_page(s->vaddr) >= prev_end &&
	    /* A zero tail to write needs a writable segment. */
	    (s->memsz == s->filesz || (s->prot & VM_PROT_WRITE));
}

static int exec_check(const struct initrd_file *f, struct exec_image *img)
{
	md_elf_ehdr_t eh;

	if (read_exact(f, 0, &eh, sizeof(eh)) || memcmp(eh.e_ident, ELFMAG, 4) != 0 ||
	    eh.e_ident[EI_CLASS] != MD_ELF_CLASS || eh.e_ident[EI_DATA] != ELFDATA2LSB)
		return ENOEXEC;
	if (eh.e_type != ET_EXEC || eh.e_machine != MD_ELF_MACHINE ||
	    eh.e_phentsize != sizeof(md_elf_phdr_t) || eh.e_phnum == 0 ||
	    eh.e_phnum > EXEC_MAXPHDRS)
		return ENOEXEC;
	img->entry = eh.e_entry;

	bool entry_ok = false;
	vaddr_t prev_end = 0;
	img->nsegs = 0;
	for (int i = 0; i < eh.e_phnum; i++) {
		struct exec_seg s;
		bool load;
		if (read_phdr(f, eh.e_phoff + (uint64_t)i * sizeof(md_elf_phdr_t), &load, &s))
			return ENOEXEC;
		if (!load)
			continue;
		if (img->nsegs == EXEC_MAXSEGS || !seg_ok(f, &s, prev_end))
			return ENOEXEC;
		if ((s.prot & VM_PROT_EXECUTE) && img->entry >= s.vaddr &&
		    img->entry < s.vaddr + s.memsz)
			entry_ok = true;
		prev_end = round_page(s.vaddr + s.memsz);
		img->segs[img->nsegs++] = s;
	}
	return img->nsegs > 0 && entry_ok ? 0 : ENOEXEC;
}

/*
 * Writes len bytes (zeros if buf is NULL) at va of a space that need not
 * be the current one: each page is faulted in for writing, held (wired,
 * so the pagedaemon leaves it alone) and written through the direct map.
 */
static int space_write(struct vmspace *vm, vaddr_t va, const void *buf, size_t len)
{
	while (len > 0) {
		size_t n = PAGE_SIZE - (va & PAGE_MASK);
		if (n > len)
			n = len;
		struct vm_page *pg;
		int error = uvm_fault_hold(&vm->vm_map, va, VM_PROT_WRITE, &pg);
		if (error)
			return error;
		void *dst = (void *)(PMAP_DIRECT_MAP(pg->phys_addr) + (va & PAGE_MASK));
		if (buf)
			memcpy(dst, buf, n);
		else
			memset(dst, 0, n);
		uvm_pageunwire(pg);     /* held only while we wrote */
		va += n;
		len -= n;
		if (buf)
			buf = (const char *)buf + n;
	}
	return 0;
}

static int exec_map(struct vmspace *vm, const struct initrd_file *f,
    const struct exec_image *img, vaddr_t *brkp)
{
	struct vm_map *map = &vm->vm_map;
	struct uvm_object *uobj = uvn_attach(f);
	int error = 0;
	vaddr_t brk = 0;

	if (!uobj)
		return ENOMEM;
	for (int i = 0; i < img->nsegs && !error; i++) {
		const struct exec_seg *s = &img->segs[i];
		vaddr_t start = trunc_page(s->vaddr), fend = s->vaddr + s->filesz;
		vaddr_t mend = round_page(s->vaddr + s->memsz);
		vaddr_t va = start;
		if (s->filesz > 0) {
			uvm_obj_reference(uobj);        /* the entry takes it over */
			error = uvm_map(map, &va, round_page(fend) - start, uobj,
			    trunc_page(s->offset), s->prot, VM_PROT_ALL, MAP_INHERIT_COPY,
			    UVM_ADV_NORMAL, UVM_FLAG_FIXED | UVM_FLAG_COPYONW);
			if (error) {
				uvm_obj_detach(uobj);
				break;
			}
			if (s->memsz > s->filesz && (fend & PAGE_MASK))
				error = space_write(vm, fend, NULL, round_page(fend) - fend);
			va = round_page(fend);
		}
		if (!error && va < mend)
			error = uvm_map(map, &va, mend - va, NULL, 0, s->prot, VM_PROT_ALL,
			    MAP_INHERIT_COPY, UVM_ADV_NORMAL, UVM_FLAG_FIXED);
		if (mend > brk)
			brk = mend;
	}
	uvm_obj_detach(uobj);
	*brkp = brk;
	return error;
}

/* The stack, with argc, argv and envp; *spp is the initial stack pointer. */
static int exec_stack(struct vmspace *vm, const struct exec_args *a, vaddr_t *spp)
{
	vaddr_t top = VM_MAXUSER_ADDRESS, base = top - USTACK_SIZE;
	int n = a->argc + a->envc;
	vaddr_t strs = top - a->len;
	vaddr_t sp = (strs - (n + 3) * sizeof(uintptr_t)) & ~(vaddr_t)15;
	size_t vlen = (n + 3) * sizeof(uintptr_t);
	int error = uvm_map(&vm->vm_map, &base, USTACK_SIZE, NULL, 0,
	    VM_PROT_READ | VM_PROT_WRITE, VM_PROT_ALL, MAP_INHERIT_COPY, UVM_ADV_NORMAL,
	    UVM_FLAG_FIXED);
	if (error)
		return error;
	uintptr_t *v = kmem_alloc(vlen, KM_NOSLEEP);
	if (!v)
		return ENOMEM;
	/* argc, argv[], NULL, envp[], NULL: pointers into the strings. */
	int k = 0;
	const char *s = a->buf;
	v[k++] = a->argc;
	for (int i = 0; i < n; i++) {
		v[k++] = strs + (s - a->buf);
		s += strlen(s) + 1;
		if (i == a->argc - 1)
			v[k++] = 0;             /* argv's NULL, after its last */
	}
	if (a->argc == 0)
		v[k++] = 0;                     /* argv's NULL */
	v[k++] = 0;                             /* envp's NULL */
	KASSERT(k == n + 3);
	error = space_write(vm, strs, a->buf, a->len);
	if (!error)
		error = space_write(vm, sp, v, k * sizeof(uintptr_t));
	kmem_free(v, vlen);
	*spp = sp;
	return error;
}

static int args_add(struct exec_args *a, const char *s, size_t len)
{
	if (a->len + len > EXEC_ARG_MAX || a->argc + a->envc >= EXEC_NARGS_MAX)
		return E2BIG;
	memcpy(a->buf + a->len, s, len);
	a->len += len;
	return 0;
}

/* Appends a user vector of strings (NULL-terminated; NULL: none), counting them. */
static int args_copyin(struct exec_args *a, char *const *uv, int *count)
{
	for (int i = 0; uv; i++) {
		char *us;
		size_t done;
		if (copyin(&uv[i], &us, sizeof(us)) != 0)
			return EFAULT;
		if (us == NULL)
			return 0;
		if (a->argc + a->envc >= EXEC_NARGS_MAX)
			return E2BIG;
		int error = copyinstr(us, a->buf + a->len, EXEC_ARG_MAX - a->len, &done);
		if (error)
			return error == ENAMETOOLONG ? E2BIG : error;
		a->len += done;
		(*count)++;
	}
	return 0;
}

/* Builds a complete new space for f with args a. */
static int exec_build(const struct initrd_file *f, const struct exec_args *a,
    struct vmspace *vm, vaddr_t *entryp, vaddr_t *spp, vaddr_t *brkp)
{
	struct exec_image img;
	int error;

	if (initrd_isdir(f) || (f->f_mode & INITRD_IFMT) != INITRD_IFREG)
		return EACCES;
	if ((error = exec_check(f, &img)) != 0)
		return error;
	if ((error = exec_map(vm, f, &img, brkp)) != 0)
		return error;
	if ((error = exec_stack(vm, a, spp)) != 0)
		return error;
	*entryp = img.entry;
	return 0;
}

/* What exec changes besides the space: name, heap, signals, files. */
static void exec_finish(struct proc *p, const struct initrd_file *f, vaddr_t brk,
    vaddr_t entry, vaddr_t sp, struct trapframe *tf)
{
	strlcpy(p->p_name, f->f_name, sizeof(p->p_name));
	p->p_brk_base = p->p_brk = brk;
	signal_exec_reset(p);
	file_close_on_exec(p);
	md_user_tf_init(tf, entry, sp);
}

/*
 * The program at path: a regular file of the initrd (not yet: programs
 * in /tmp, whose files are objects of another kind). Returns 0, the
 * lookup's errno, EACCES for a directory, a device or a file of /tmp.
 */
static int exec_lookup(struct proc *p, const char *path, const struct initrd_file **fp)
{
	struct vnode *vp;
	int error = vfs_lookup(p->p_cwd, path, &vp);

	if (error)
		return error;
	*fp = vfs_initrd_file(vp);
	if (*fp == NULL || vp->v_type != VREG)
		error = EACCES;
	vrele(vp);
	return error;
}

int exec_kernel(struct proc *p, const char *path, char *const argv[], struct trapframe *tf)
{
	const struct initrd_file *f;
	struct exec_args a = { kmem_alloc(EXEC_ARG_MAX, KM_NOSLEEP), 0, 0, 0 };
	vaddr_t entry, sp, brk;
	int error;

	if (!a.buf)
		return ENOMEM;
	error = initrd_lookup(&initrd_boot, path, &f);
	for (int i = 0; !error && argv && argv[i]; i++, a.argc++)
		error = args_add(&a, argv[i], strlen(argv[i]) + 1);
	if (!error)
		error = exec_build(f, &a, p->p_vmspace, &entry, &sp, &brk);
	if (!error) {
		vrele(p->p_cwd);
		p->p_cwd = vfs_root();
		exec_finish(p, f, brk, entry, sp, tf);
	}
	kmem_free(a.buf, EXEC_ARG_MAX);
	return error;
}

int sys_execve(const char *upath, char *const *uargv, char *const *uenvp, struct trapframe *tf)
{
	struct proc *p = curproc();
	const struct initrd_file *f;
	struct exec_args a = { kmem_alloc(EXEC_ARG_MAX, KM_NOSLEEP), 0, 0, 0 };
	char path[UVIX_PATH_MAX];
	vaddr_t entry, sp, brk;
	struct vmspace *vm = NULL;
	int error;

	if (!a.buf)
		return ENOMEM;
	error = copyinstr(upath, path, sizeof(path), NULL);
	if (!error)
		error = exec_lookup(p, path, &f);
	if (!error)
		error = args_copyin(&a, uargv, &a.argc);
	if (!error)
		error = args_copyin(&a, uenvp, &a.envc);
	if (!error && (vm = uvmspace_alloc()) == NULL)
		error = ENOMEM;
	if (!error)
		error = exec_build(f, &a, vm, &entry, &sp, &brk);
	kmem_free(a.buf, EXEC_ARG_MAX);
	if (error) {
		if (vm)
			uvmspace_free(vm);
		return error;
	}
	/* The point of no return: the new space replaces the old. */
	mutex_enter(&proc_lock);         /* ps and the OOM killer look at it */
	struct vmspace *old = p->p_vmspace;
	p->p_vmspace = vm;
	mutex_exit(&proc_lock);
	pmap_activate(vm->vm_map.pmap);
	uvmspace_free(old);
	exec_finish(p, f, brk, entry, sp, tf);
	md_thread_exec(&curthread->t_md);
	return EJUSTRETURN;
}
