/* sigsetjmp's half in C (setjmp.h): the signal mask around setjmp and longjmp. */
#include <setjmp.h>
#include <signal.h>

int __sigsetjmp_save(sigjmp_buf env, int savemask)
{
	env->__saved = savemask != 0;
	if (savemask)
		sigprocmask(SIG_BLOCK, NULL, &env->__mask);
	return 0;
}

void siglongjmp(sigjmp_buf env, int val)
{
	if (env->__saved)
		sigprocmask(SIG_SETMASK, &env->__mask, NULL);
	longjmp(env->__jb, val);
}
