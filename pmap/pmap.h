#ifndef _PMAP_PMAP_H_
#define _PMAP_PMAP_H_
#include <machine/types.h>
#include <machine/vmparam.h>
#define PMAP_DIRECT_MAP(pa) ((vaddr_t)(pa) + DIRECT_MAP_BASE)
#endif
