/*
 * The ELF programs this arch runs: the class and machine exec accepts,
 * and the layouts of that class's headers. kernel/exec.c reads a file's
 * headers through md_elf_ehdr_t and md_elf_phdr_t, whose fields have the
 * same names in both classes, so it needs no branch on the class; a file
 * of the other class fails exec's check of e_ident[EI_CLASS] first.
 */
#ifndef _MACHINE_ELF_MD_H_
#define _MACHINE_ELF_MD_H_
#include "kernel/elf.h"
#define MD_ELF_CLASS    ELFCLASS32
#define MD_ELF_MACHINE  EM_386
typedef struct elf32_ehdr md_elf_ehdr_t;       /* the file header */
typedef struct elf32_phdr md_elf_phdr_t;       /* one program header */
#endif
