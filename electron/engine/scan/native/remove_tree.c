/*
 * removeTree(path, threads?) → number of entries removed: delete a folder tree (POSIX), never following a
 * link. Each folder is opened relative to its parent's handle (O_DIRECTORY | O_NOFOLLOW), read once, and
 * its entries removed relative to that handle (unlinkat), as rm -rf does: a file costs one system call and
 * no walk of its whole path, where node:fs would walk every component of the full path again.
 *
 * Folders are shared out to `threads` threads (default 1; this thread is one of them). On ext4 mounted
 * with `discard`, each unlink of a file with data waits for the disk to discard its blocks; one thread
 * spends the delete waiting, several keep that many discards in flight. A folder is removed by whichever
 * thread finishes its last entry (its own listing, or the last of its subfolders); until then it keeps its
 * handle open for its subfolders' opens and removals.
 *
 * Throws an Error like node:fs's (.code the errno name, .syscall, .path the tree) on the first failure;
 * what was removed stays removed. ELOOP (syscall "depth") when folders nest deeper than MAX_DEPTH, as each
 * level holds a handle: the caller then leaves the rest to node:fs.
 */
#define _GNU_SOURCE
#include "napi_helpers.h"
#include "run_threads.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_DEPTH 256
#define MAX_THREADS 32

typedef struct folder {
  struct folder *parent; /* NULL for the root */
  struct folder *next;   /* in the queue of folders to read */
  struct folder *all;    /* every folder made, freed at the end */
  char *name;            /* in the parent (the root's path for the root) */
  int fd;                /* -1 until opened, and again once closed */
  int depth;
  atomic_int pending; /* its own listing, plus each subfolder not yet removed */
} folder_t;

typedef struct {
  pthread_mutex_t lock;
  pthread_cond_t wake;
  folder_t *queue, *all;
  int busy; /* threads reading a folder now */
  int err;  /* the first failure (then everyone stops) */
  const char *syscall;
  atomic_int removed;
} removal_t;

static void fail(removal_t *r, int err, const char *syscall) {
  pthread_mutex_lock(&r->lock);
  if (!r->err) r->err = err, r->syscall = syscall;
  pthread_cond_broadcast(&r->wake);
  pthread_mutex_unlock(&r->lock);
}

static int failed(removal_t *r) {
  pthread_mutex_lock(&r->lock);
  int e = r->err;
  pthread_mutex_unlock(&r->lock);
  return e;
}

static void enqueue(removal_t *r, folder_t *parent, const char *name, int depth) {
  folder_t *f = calloc(1, sizeof *f);
  char *copy = f ? strdup(name) : NULL;
  if (!copy) {
    free(f);
    fail(r, ENOMEM, "malloc");
    return;
  }
  f->parent = parent, f->name = copy, f->fd = -1, f->depth = depth;
  atomic_init(&f->pending, 1);
  if (parent) atomic_fetch_add(&parent->pending, 1);
  pthread_mutex_lock(&r->lock);
  f->all = r->all, r->all = f;
  f->next = r->queue, r->queue = f; /* last in, first out: the open handles stay few, as depth first */
  pthread_cond_signal(&r->wake);
  pthread_mutex_unlock(&r->lock);
}

/* One entry of the folder `f` has ended; when it was the last, the folder goes, and so up the tree. */
static void release(removal_t *r, folder_t *f) {
  while (f && atomic_fetch_sub(&f->pending, 1) == 1) {
    if (f->fd >= 0) close(f->fd), f->fd = -1;
    if (!failed(r)) {
      int at = f->parent ? f->parent->fd : AT_FDCWD;
      if (unlinkat(at, f->name, AT_REMOVEDIR) == 0) atomic_fetch_add(&r->removed, 1);
      else if (errno != ENOENT) fail(r, errno, "rmdir");
    }
    f = f->parent;
  }
}

static int is_folder(int dirfd, const struct dirent *e) {
  if (e->d_type != DT_UNKNOWN) return e->d_type == DT_DIR;
  struct stat st;
  return fstatat(dirfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
}

/* Read the folder `f`: its other entries removed, its subfolders queued. 0, or an errno with *syscall set. */
static int empty_folder(removal_t *r, folder_t *f, const char **syscall) {
  int at = f->parent ? f->parent->fd : AT_FDCWD;
  f->fd = openat(at, f->name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (f->fd < 0) return errno == ENOENT && f->parent ? 0 : (*syscall = "open", errno);
  int own = dup(f->fd); /* the reader's; f->fd stays open for the subfolders */
  DIR *d = own < 0 ? NULL : fdopendir(own);
  if (!d) {
    int e = errno;
    if (own >= 0) close(own);
    return *syscall = "fdopendir", e;
  }
  int err = 0;
  for (;;) {
    errno = 0;
    struct dirent *e = readdir(d);
    if (!e) {
      if (errno) *syscall = "readdir", err = errno;
      break;
    }
    const char *name = e->d_name;
    if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0))) continue;
    /* Entries removed behind the reader may still be listed once: already gone is done. */
    if (!is_folder(f->fd, e)) {
      if (unlinkat(f->fd, name, 0) == 0 || errno == ENOENT) {
        atomic_fetch_add(&r->removed, 1);
        continue;
      }
      if (errno != EISDIR) {
        *syscall = "unlink", err = errno;
        break;
      }
    }
    if (f->depth + 1 >= MAX_DEPTH) {
      *syscall = "depth", err = ELOOP;
      break;
    }
    enqueue(r, f, name, f->depth + 1);
  }
  closedir(d);
  return err;
}

static void *remove_some(void *arg) {
  removal_t *r = arg;
  pthread_mutex_lock(&r->lock);
  for (;;) {
    while (!r->queue && r->busy > 0 && !r->err) pthread_cond_wait(&r->wake, &r->lock);
    if (!r->queue || r->err) break; /* nothing queued and nobody reading: done */
    folder_t *f = r->queue;
    r->queue = f->next;
    r->busy++;
    pthread_mutex_unlock(&r->lock);
    const char *syscall = NULL;
    int err = empty_folder(r, f, &syscall);
    if (err) fail(r, err, syscall);
    else release(r, f);
    pthread_mutex_lock(&r->lock);
    r->busy--;
    if (!r->queue && r->busy == 0) pthread_cond_broadcast(&r->wake);
  }
  pthread_cond_broadcast(&r->wake);
  pthread_mutex_unlock(&r->lock);
  return NULL;
}

/* Remove the tree at `path` on `threads` threads; 0, or an errno with *syscall set. */
static int remove_all(const char *path, int threads, double *removed, const char **syscall) {
  removal_t r = { .queue = NULL, .all = NULL, .busy = 0, .err = 0, .syscall = NULL };
  atomic_init(&r.removed, 0);
  pthread_mutex_init(&r.lock, NULL);
  pthread_cond_init(&r.wake, NULL);
  enqueue(&r, NULL, path, 0);
  run_on_threads(threads, remove_some, &r);
  for (folder_t *f = r.all, *next; f; f = next) {
    next = f->all;
    if (f->fd >= 0) close(f->fd); /* left open by a failure */
    free(f->name);
    free(f);
  }
  pthread_mutex_destroy(&r.lock);
  pthread_cond_destroy(&r.wake);
  *removed = (double)atomic_load(&r.removed);
  *syscall = r.syscall;
  return r.err;
}

static napi_value remove_tree(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  char *path = NULL;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1 || !(path = path_arg(env, argv[0]))) {
    napi_throw_type_error(env, NULL, "removeTree(path: string, threads?: number)");
    return NULL;
  }
  double asked = argc >= 2 ? number_arg(env, argv[1]) : 1;
  int threads = asked >= 1 ? (asked < MAX_THREADS ? (int)asked : MAX_THREADS) : 1;
  double removed = 0;
  const char *syscall = NULL;
  int err = remove_all(path, threads, &removed, &syscall);
  napi_value result = NULL;
  if (err) throw_errno(env, err, syscall, path);
  else napi_create_double(env, removed, &result);
  free(path);
  return result;
}

void remove_tree_export(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "removeTree", NAPI_AUTO_LENGTH, remove_tree, NULL, &fn);
  napi_set_named_property(env, exports, "removeTree", fn);
}
