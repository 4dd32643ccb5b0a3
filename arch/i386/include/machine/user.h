/* User-mode hooks: see <x86/user.h>. */
#ifndef _MACHINE_USER_H_
#define _MACHINE_USER_H_
#include <x86/user.h>
#endif
