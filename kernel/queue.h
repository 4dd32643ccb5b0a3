/*
 * Intrusive doubly-linked tail queues, in the style of BSD <sys/queue.h>:
 * the links live inside the element, so insertion and removal never
 * allocate. Only the operations Uvix uses.
 */
#ifndef _KERNEL_QUEUE_H_
#define _KERNEL_QUEUE_H_

#include <stddef.h>

#define TAILQ_HEAD(name, type)                                          \
struct name {                                                           \
	struct type *tqh_first;                                         \
	struct type **tqh_last;         /* &next of the last element */ \
}

/* For a static head: struct name head = TAILQ_HEAD_INITIALIZER(head); */
#define TAILQ_HEAD_INITIALIZER(head)    { NULL, &(head).tqh_first }

#define TAILQ_ENTRY(type)                                               \
struct {                                                                \
	struct type *tqe_next;                                          \
	struct type **tqe_prev;         /* &next of the previous one */ \
}

#define TAILQ_INIT(head) do {                                           \
	(head)->tqh_first = NULL;                                       \
	(head)->tqh_last = &(head)->tqh_first;                          \
} while (0)

#define TAILQ_FIRST(head)       ((head)->tqh_first)
#define TAILQ_EMPTY(head)       ((head)->tqh_first == NULL)
#define TAILQ_NEXT(elm, field)  ((elm)->field.tqe_next)

#define TAILQ_FOREACH(var, head, field)                                 \
	for ((var) = (head)->tqh_first; (var); (var) = (var)->field.tqe_next)

#define TAILQ_INSERT_HEAD(head, elm, field) do {                        \
	if (((elm)->field.tqe_next = (head)->tqh_first) != NULL)        \
		(head)->tqh_first->field.tqe_prev = &(elm)->field.tqe_next; \
	else                                                            \
		(head)->tqh_last = &(elm)->field.tqe_next;              \
	(head)->tqh_first = (elm);                                      \
	(elm)->field.tqe_prev = &(head)->tqh_first;                     \
} while (0)

#define TAILQ_INSERT_TAIL(head, elm, field) do {                        \
	(elm)->field.tqe_next = NULL;                                   \
	(elm)->field.tqe_prev = (head)->tqh_last;                       \
	*(head)->tqh_last = (elm);                                      \
	(head)->tqh_last = &(elm)->field.tqe_next;                      \
} while (0)

#define TAILQ_INSERT_AFTER(head, listelm, elm, field) do {             \
	if (((elm)->field.tqe_next = (listelm)->field.tqe_next) != NULL) \
		(elm)->field.tqe_next->field.tqe_prev = &(elm)->field.tqe_next; \
	else                                                            \
		(head)->tqh_last = &(elm)->field.tqe_next;              \
	(listelm)->field.tqe_next = (elm);                              \
	(elm)->field.tqe_prev = &(listelm)->field.tqe_next;             \
} while (0)

/*
 * The element before elm, or NULL. As in BSD, this relies on a head and
 * an entry having the same layout: tqe_prev points at the previous
 * element's tqe_next, which is the start of its entry, whose tqe_prev
 * (as a head's tqh_last) leads to the element before that one's link.
 */
#define TAILQ_PREV(elm, headname, field)                                \
	(*(((struct headname *)((elm)->field.tqe_prev))->tqh_last))

#define TAILQ_REMOVE(head, elm, field) do {                             \
	if ((elm)->field.tqe_next != NULL)                              \
		(elm)->field.tqe_next->field.tqe_prev = (elm)->field.tqe_prev; \
	else                                                            \
		(head)->tqh_last = (elm)->field.tqe_prev;               \
	*(elm)->field.tqe_prev = (elm)->field.tqe_next;                 \
} while (0)

#endif
