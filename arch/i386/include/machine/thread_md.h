/* The machine-dependent part of a thread, and its hooks: <x86/thread_md.h>. */
#ifndef _MACHINE_THREAD_MD_H_
#define _MACHINE_THREAD_MD_H_
#include <x86/thread_md.h>
#endif
