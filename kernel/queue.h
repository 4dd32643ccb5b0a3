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

#define TAILQ_REMOVE(head, elm, field) do {                             \
	if ((elm)->field.tqe_next != NULL)                              \
		(elm)->field.tqe_next->field.tqe_prev = (elm)->field.tqe_prev; \
	else                                                            \
		(head)->tqh_last = (elm)->field.tqe_prev;               \
	*(elm)->field.tqe_prev = (elm)->field.tqe_next;                 \
} while (0)

#endif
