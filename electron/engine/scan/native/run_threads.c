#define _GNU_SOURCE /* pthread_setname_np */
#include "run_threads.h"

#include <signal.h>

static int create_named(pthread_t *t, void *(*fn)(void *), void *arg) {
  int e = pthread_create(t, NULL, fn, arg);
#ifdef __linux__
  if (e == 0) pthread_setname_np(*t, "linkscope-work");
#endif
  return e;
}

int start_thread(pthread_t *t, void *(*fn)(void *), void *arg) {
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  int e = create_named(t, fn, arg);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  return e;
}

void run_on_threads(int count, void *(*fn)(void *), void *arg) {
  pthread_t extra[RUN_THREADS_MAX];
  int started = 0;
  if (count > RUN_THREADS_MAX) count = RUN_THREADS_MAX;
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  for (int i = 1; i < count; i++)
    if (create_named(&extra[started], fn, arg) == 0) started++;
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  fn(arg); /* this thread takes its share too */
  for (int i = 0; i < started; i++) pthread_join(extra[i], NULL);
}
