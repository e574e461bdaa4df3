/*
 * Removals left to background threads (Linux): the old entry a merge's exchange leaves at its temporary
 * name (relink_at.c) is removed here while the merge goes on. Removing a file's last name frees its
 * blocks, which waits on the file system's own bookkeeping (a millisecond and more a file on a busy
 * disk); several removals at once overlap those waits, where one after another they add up.
 *
 * Each removal is checked as relink_at.c checks it: the entry at the name must still be the file
 * expected (dev, ino), else it is not ours and stays. The folder is held by a handle of the removal's
 * own, so it does not matter when the caller closes its own.
 *
 *   removalsDone() → Promise<{ names: string[], errnos: number[] }>
 *     settles once every removal queued so far is done, with the names that could not be removed
 *     (and why); a caller ends its run only after it (its journal's end says nothing is left behind).
 */
#ifdef __linux__
#define _GNU_SOURCE
#include "remove_later.h"

#include "async_promise.h"
#include "run_threads.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Removals at once: enough to keep a disk's queue full; they wait, they do not compute. */
#define THREADS 8

typedef struct removal {
  struct removal *next;
  int dirfd;
  double dev, ino;
  int err;
  char name[];
} removal_t;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t work = PTHREAD_COND_INITIALIZER, idle = PTHREAD_COND_INITIALIZER;
static removal_t *queue, *failed;
static size_t pending; /* queued or in hand */
static int started;

static void remove_one(removal_t *r) {
  struct stat st;
  if (fstatat(r->dirfd, r->name, &st, AT_SYMLINK_NOFOLLOW) == 0 && (double)st.st_dev == r->dev &&
      (double)st.st_ino == r->ino && unlinkat(r->dirfd, r->name, 0) < 0)
    r->err = errno;
  close(r->dirfd);
}

static void *remover(void *arg) {
  (void)arg;
  pthread_mutex_lock(&lock);
  for (;;) {
    while (!queue) pthread_cond_wait(&work, &lock);
    removal_t *r = queue;
    queue = r->next;
    pthread_mutex_unlock(&lock);
    remove_one(r);
    pthread_mutex_lock(&lock);
    if (r->err) r->next = failed, failed = r;
    else free(r);
    if (--pending == 0) pthread_cond_broadcast(&idle);
  }
  return NULL;
}

int remove_later(int dirfd, const char *name, double dev, double ino) {
  size_t len = strlen(name);
  removal_t *r = malloc(sizeof *r + len + 1);
  if (!r) return -1;
  if ((r->dirfd = fcntl(dirfd, F_DUPFD_CLOEXEC, 0)) < 0) {
    free(r);
    return -1;
  }
  memcpy(r->name, name, len + 1);
  r->dev = dev;
  r->ino = ino;
  r->err = 0;
  pthread_mutex_lock(&lock);
  while (started < THREADS) { /* started once, for the life of the process: they sleep when there is nothing to do */
    pthread_t t;
    if (start_thread(&t, remover, NULL) != 0) break;
    pthread_detach(t);
    started++;
  }
  if (started == 0) {
    pthread_mutex_unlock(&lock);
    close(r->dirfd);
    free(r);
    return -1;
  }
  r->next = queue;
  queue = r;
  pending++;
  pthread_cond_signal(&work);
  pthread_mutex_unlock(&lock);
  return 0;
}

typedef struct {
  removal_t *failed;
} flush_t;

static void wait_idle(void *data) {
  flush_t *f = data;
  pthread_mutex_lock(&lock);
  while (pending > 0) pthread_cond_wait(&idle, &lock);
  f->failed = failed;
  failed = NULL;
  pthread_mutex_unlock(&lock);
}

static napi_status flushed(napi_env env, void *data, napi_value *result) {
  flush_t *f = data;
  napi_value names, errnos, v;
  napi_create_object(env, result);
  napi_create_array(env, &names);
  napi_create_array(env, &errnos);
  uint32_t i = 0;
  for (removal_t *r = f->failed; r; r = r->next, i++) {
    name_value(env, r->name, strlen(r->name), &v);
    napi_set_element(env, names, i, v);
    napi_create_int32(env, r->err, &v);
    napi_set_element(env, errnos, i, v);
  }
  napi_set_named_property(env, *result, "names", names);
  napi_set_named_property(env, *result, "errnos", errnos);
  return napi_ok;
}

static void flush_free(napi_env env, void *data) {
  (void)env;
  flush_t *f = data;
  for (removal_t *r = f->failed, *next; r; r = next) next = r->next, free(r);
  free(f);
}

static const async_call_t flush_call = { "removalsDone", wait_idle, flushed, flush_free };

static napi_value removals_done(napi_env env, napi_callback_info info) {
  (void)info;
  flush_t *f = calloc(1, sizeof *f);
  if (!f) return throw_errno(env, ENOMEM, "removalsDone", "");
  return queue_promise(env, &flush_call, f);
}

void remove_later_export(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "removalsDone", NAPI_AUTO_LENGTH, removals_done, NULL, &fn);
  napi_set_named_property(env, exports, "removalsDone", fn);
}
#else
#include "remove_later.h"
int remove_later(int dirfd, const char *name, double dev, double ino) {
  (void)dirfd, (void)name, (void)dev, (void)ino;
  return -1;
}
void remove_later_export(napi_env env, napi_value exports) { (void)env; (void)exports; }
#endif
