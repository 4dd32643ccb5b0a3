/* The ELF programs this arch runs. */
#ifndef _MACHINE_ELF_MD_H_
#define _MACHINE_ELF_MD_H_
#include "kernel/elf.h"
#define MD_ELF_CLASS    ELFCLASS32
#define MD_ELF_MACHINE  EM_386
#endif
