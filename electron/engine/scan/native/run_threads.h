/* The addon's own threads: each started with every signal blocked, so none of them ever takes a process signal. */
#ifndef LINKSCOPE_RUN_THREADS_H
#define LINKSCOPE_RUN_THREADS_H
#include <pthread.h>

/* The most threads run_on_threads runs fn on. */
#define RUN_THREADS_MAX 32

/*
 * Start fn(arg) on a new thread with every signal blocked; 0, or pthread_create's error. A thread takes the
 * mask of the thread that creates it, so the mask is set here around pthread_create, then this thread's own
 * comes back. Named "linkscope-work" on Linux, so top -H and the tests can tell the addon's threads apart.
 */
int start_thread(pthread_t *t, void *(*fn)(void *), void *arg);

/*
 * fn(arg) on `count` threads at once, returning when all have: this thread (with its own mask: it is Node's
 * or libuv's) and count - 1 started as start_thread starts them. Fewer run when some cannot be started, so
 * fn takes its work from a queue or index shared through arg.
 */
void run_on_threads(int count, void *(*fn)(void *), void *arg);

#endif
