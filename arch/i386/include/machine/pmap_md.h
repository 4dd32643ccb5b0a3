#ifndef _MACHINE_PMAP_MD_H_
#define _MACHINE_PMAP_MD_H_
void pmap_md_kernel_tables_switched(void);
#endif
