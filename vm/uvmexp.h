/*
 * uvmexp: the VM system's counters, with the names of NetBSD's uvm(9)
 * where one exists. Tests compare them before and after; user programs
 * read them with SYS_uvmexp and `vmstat -s` prints them.
 *
 * The list is an X-macro, so the struct, and every program that prints
 * the counters by name, come from this one place. All are int64_t.
 *
 * Lock legend (the VM's, vm/README.md): [I] set at boot  [f]
 * uvm_fpageqlock  [q] uvm_pageqlock  [w] swap_lock  [d] the pagedaemon's:
 * written in a pass (uvm_anonlock held) or by the pagedaemon thread alone
 * [~] approximate: no lock of its own (the fault counters are written
 * under the faulting map's lock only, so two maps' faults may race).
 */
#ifndef _VM_UVMEXP_H_
#define _VM_UVMEXP_H_

#include <stdint.h>

#define UVMEXP_COUNTERS(X)                                                       \
	X(pagesize,           "bytes per page")                              /* [I] */ \
	X(npages,             "pages managed")                               /* [I] */ \
	X(free,               "pages free")                                  /* [f] */ \
	X(zeropages,          "free pages known to be zero")                 /* [f] */ \
	X(wired,              "pages wired")                                 /* [f] */ \
	X(reserve_pagedaemon, "free pages kept for the pagedaemon")          /* [I] */ \
	X(reserve_kernel,     "free pages kept for the kernel")              /* [I] */ \
	X(pga_zerohit,        "zeroed allocations served pre-zeroed")        /* [f] */ \
	X(pga_zeromiss,       "zeroed allocations zeroed on demand")         /* [f] */ \
	X(pga_fail,           "page allocations that found no page")         /* [f] */ \
	X(pgs_allocated,      "pages allocated")                             /* [f] */ \
	X(pgs_freed,          "pages freed")                                 /* [f] */ \
	X(zeroed_idle,        "pages zeroed by the idle loop")               /* [f] */ \
	X(pglist_allocs,      "uvm_pglistalloc calls that succeeded")        /* [f] */ \
	X(faults,             "page faults")                                 /* [~] */ \
	X(flt_anon,           "faults: anon page mapped (1A)")               /* [~] */ \
	X(flt_acow,           "faults: shared anon copied on write (1B)")    /* [~] */ \
	X(flt_obj,            "faults: object page mapped (2A)")             /* [~] */ \
	X(flt_prcopy,         "faults: object page copied to an anon (2B)")  /* [~] */ \
	X(flt_przero,         "faults: zero-filled anon (2B)")               /* [~] */ \
	X(flt_noamap,         "faults failed: no memory for an amap")        /* [~] */ \
	X(flt_noanon,         "faults failed: no memory for an anon")        /* [~] */ \
	X(flt_noram,          "faults failed: no page")                      /* [~] */ \
	X(flt_bad,            "faults refused: no mapping or no permission") /* [~] */ \
	X(active,             "pages on the active queue")                   /* [q] */ \
	X(inactive,           "pages on the inactive queue")                 /* [q] */ \
	X(anonpages,          "pages owned by anons")                        /* [f] */ \
	X(objpages,           "pages owned by objects (files, aobjs)")       /* [f] */ \
	X(freemin,            "the pagedaemon starts below this many free")  /* [I] */ \
	X(freetarg,           "the pagedaemon stops at this many free")      /* [I] */ \
	X(inactarg,           "inactive pages the pagedaemon aims for")      /* [d] */ \
	X(pdwoke,             "times the pagedaemon woke")                   /* [d] */ \
	X(pdrevs,             "pagedaemon passes")                           /* [d] */ \
	X(pdscans,            "pages scanned by the pagedaemon")             /* [d] */ \
	X(pdanscan,           "anon pages scanned")                          /* [d] */ \
	X(pdobscan,           "object pages scanned")                        /* [d] */ \
	X(pdfreed,            "pages freed by the pagedaemon")               /* [d] */ \
	X(pdreact,            "referenced pages reactivated")                /* [d] */ \
	X(pddeact,            "pages moved to the inactive queue")           /* [d] */ \
	X(pdbusy,             "pages skipped: busy, loaned or owner locked") /* [d] */ \
	X(pdfiledrop,         "clean file pages dropped")                    /* [d] */ \
	X(pdnoswap,           "pages kept for want of a swap slot")          /* [d] */ \
	X(pdpageouts,         "pageout clusters written to swap")            /* [d] */ \
	X(pgwaits,            "waits for free memory (uvm_wait)")            /* [~] */ \
	X(oomkills,           "processes killed for want of memory")         /* [d] */ \
	X(swpages,            "swap pages (slots) configured")               /* [I] */ \
	X(swpginuse,          "swap pages in use")                           /* [w] */ \
	X(nswget,             "swap reads (uvm_swap_get calls)")             /* [w] */ \
	X(pgswapin,           "pages read from swap")                        /* [w] */ \
	X(pgswapout,          "pages written to swap")                       /* [w] */ \
	X(swioerr,            "swap transfers that failed")                  /* [w] */ \
	X(flt_swapin,         "faults: anon read back from swap (1A/1B)")    /* [~] */ \
	X(kptpages,           "kernel page-table pages (never freed)")       /* [~] */ \
	X(kvatags,            "kernel VA boundary tags in use (segments)")   /* [~] */ \
	X(kvatagpages,        "pages holding kernel VA boundary tags")       /* [~] */ \
	X(loaned,             "pages lent now (loan_count > 0)")             /* [q] */ \
	X(loans,              "page loans made")                             /* [q] */ \
	X(unloans,            "page loans given back")                       /* [q] */ \
	X(loanbreaks,         "loans broken by a write (the writer copied)") /* [~] */ \
	X(loanrefused,        "loans refused: the page wired or lent too often") /* [~] */ \
	X(orphans,            "lent pages their owner let go of")            /* [q] */ \
	X(orphanfrees,        "orphans freed by their last unloan")          /* [A] */ \
	X(adoptions,          "orphans an anon that borrowed them adopted")  /* [A] */ \
	X(loanzero,           "loans of the zero page")                      /* [~] */ \
	X(loankva,            "bytes of the loan arena in use")              /* [~] */ \
	X(loankvamax,         "bytes of the loan arena")                     /* [I] */ \
	X(user_wired,         "pages in user-wired (mlock'd) entries")       /* [q] */

struct uvmexp {
#define UVMEXP_FIELD(name, desc) int64_t name;
	UVMEXP_COUNTERS(UVMEXP_FIELD)
#undef UVMEXP_FIELD
};

#ifndef _UVIX_USER
extern struct uvmexp uvmexp;
#endif

#endif
