/*
 * The ELF structures exec needs, in both classes. The arch says which
 * class and machine it runs, and names that class's two structures
 * md_elf_ehdr_t and md_elf_phdr_t (<machine/elf_md.h>), which exec reads.
 */
#ifndef _KERNEL_ELF_H_
#define _KERNEL_ELF_H_

#include <stdint.h>

#define EI_NIDENT       16
#define ELFMAG          "\177ELF"
#define EI_CLASS        4
#define ELFCLASS32      1
#define ELFCLASS64      2
#define EI_DATA         5
#define ELFDATA2LSB     1
#define ET_EXEC         2
#define EM_386          3
#define EM_X86_64       62
#define PT_LOAD         1
#define PF_X            0x1
#define PF_W            0x2
#define PF_R            0x4

struct elf32_ehdr {
	uint8_t e_ident[EI_NIDENT];
	uint16_t e_type, e_machine;
	uint32_t e_version, e_entry, e_phoff, e_shoff, e_flags;
	uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf32_phdr {
	uint32_t p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, p_align;
};

struct elf64_ehdr {
	uint8_t e_ident[EI_NIDENT];
	uint16_t e_type, e_machine;
	uint32_t e_version;
	uint64_t e_entry, e_phoff, e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_phdr {
	uint32_t p_type, p_flags;
	uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

#endif
