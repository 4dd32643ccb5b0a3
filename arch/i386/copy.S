/*
 * int md_copy(void *dst, const void *src, size_t len): copies with the
 * fault-recovery pc set (struct thread.t_onfault, offset 0), so a fault
 * on a bad user address returns EFAULT (kernel/copy.c checks the range
 * first; the fault handler resolves faults on good ones), or EINTR if a
 * signal ended the fault's wait for memory: trap() sets the result.
 *
 * How it copies (kernel/copy.h states the contract):
 *
 *   len < COPY_BLOCK   byte by byte
 *   otherwise          bytes until dst is word-aligned (the head), then
 *                      COPY_BLOCK bytes per iteration in words (src may
 *                      stay unaligned: x86 allows it), then words, then
 *                      the bytes of the tail
 *
 * An unrolled loop rather than `rep movsl`: under QEMU's TCG every
 * iteration of a `rep` string instruction is one emulated step, and
 * vmbench measured a hot 4 KiB copy at 3108 cycles for this loop, 3696
 * for `rep movsl` and 13818 for `rep movsb` (1 MiB: 16805, 55770 and
 * 222202 cycles per 4 KiB).
 *
 * Fault recovery. Throughout, %esi and %edi point at the first byte not
 * yet copied and %ecx counts the bytes left: every byte before them has
 * been copied (a block's first words may have been copied past them; they
 * are copied again). A fault ends the fast path at copy_fault, which finishes
 * byte by byte under a second recovery pc: that copy stops exactly at the
 * first byte that cannot be read or written. So on EFAULT, dst holds every
 * byte before that one and nothing from it on.
 */
#include "kernel/errno.h"

#define COPY_WORD       4               /* bytes in a register */
#define COPY_BLOCK      32              /* bytes per unrolled iteration: 8 words */

	.text
	.globl md_copy
md_copy:
	pushl %esi
	pushl %edi
	movl curthread, %eax
	movl $copy_fault, (%eax)
	movl 12(%esp), %edi
	movl 16(%esp), %esi
	movl 20(%esp), %ecx
	cld
	cmpl $COPY_BLOCK, %ecx
	jb copy_bytes
copy_head:                              /* to a word boundary of dst */
	testl $COPY_WORD - 1, %edi
	jz copy_blocks
	movb (%esi), %al
	movb %al, (%edi)
	incl %esi
	incl %edi
	decl %ecx
	jmp copy_head
copy_blocks:                            /* %ecx >= COPY_BLOCK - COPY_WORD + 1 here */
	cmpl $COPY_BLOCK, %ecx
	jb copy_words
	movl (%esi), %eax
	movl 4(%esi), %edx
	movl %eax, (%edi)
	movl %edx, 4(%edi)
	movl 8(%esi), %eax
	movl 12(%esi), %edx
	movl %eax, 8(%edi)
	movl %edx, 12(%edi)
	movl 16(%esi), %eax
	movl 20(%esi), %edx
	movl %eax, 16(%edi)
	movl %edx, 20(%edi)
	movl 24(%esi), %eax
	movl 28(%esi), %edx
	movl %eax, 24(%edi)
	movl %edx, 28(%edi)
	addl $COPY_BLOCK, %esi
	addl $COPY_BLOCK, %edi
	subl $COPY_BLOCK, %ecx
	jmp copy_blocks
copy_words:
	cmpl $COPY_WORD, %ecx
	jb copy_bytes
	movl (%esi), %eax
	movl %eax, (%edi)
	addl $COPY_WORD, %esi
	addl $COPY_WORD, %edi
	subl $COPY_WORD, %ecx
	jmp copy_words
copy_bytes:
	testl %ecx, %ecx
	jz copy_done
	movb (%esi), %al
	movb %al, (%edi)
	incl %esi
	incl %edi
	decl %ecx
	jmp copy_bytes
copy_done:
	movl curthread, %eax
	movl $0, (%eax)
	xorl %eax, %eax
	popl %edi
	popl %esi
	ret

	/*
	 * A fault in the fast path; %eax: the error trap() put there. On
	 * EFAULT, the rest byte by byte up to the byte that faults (which
	 * the word that faulted may not have reached); EINTR returns at once.
	 */
copy_fault:
	cmpl $EFAULT, %eax
	jne copy_out
	movl curthread, %eax
	movl $copy_out, (%eax)
	rep movsb
	xorl %eax, %eax                 /* the rest could be copied after all */
copy_out:
	movl curthread, %ecx
	movl $0, (%ecx)
	popl %edi
	popl %esi
	ret
