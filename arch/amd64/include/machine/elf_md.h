/* The ELF programs this arch runs. */
#ifndef _MACHINE_ELF_MD_H_
#define _MACHINE_ELF_MD_H_
#include "kernel/elf.h"
#define MD_ELF_CLASS    ELFCLASS64
#define MD_ELF_MACHINE  EM_X86_64
#endif
