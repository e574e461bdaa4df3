/*
 * A whole-tree scan on native threads (as many as the caller asks; walk-tree.ts nativeThreadCount says why
 * twice the cores): they share a LIFO of folders and a set of folder ids already queued, list each folder
 * with list_folder (scan_core.c), queue its real subfolders and keep every other record, with its full
 * path, until JavaScript drains them.
 *
 *   walkStart(root, dev, ino, flags, threads, target?, real?, coldThreads?) → handle   root is queued as the
 *       folder dev:ino; with F_INTO, target (absolute) and real (its real path) are the place links are asked
 *       about; coldThreads: while listings read from the disk, start more walkers, up to this many in all
 *       (see grow_if_cold)
 *   walkDrain(handle) → { recs: Float64Array, paths: string, targets?: string[], entries, bytes,
 *                         folders, mounts, queued, idle }
 *       mounts: with F_ONE_DEVICE, subfolders on another device than the root's, not entered
 *       with F_LISTED, each folder's records follow an R_LISTED record with its path (scan_core.h), and
 *       carry their names only
 *       paths: each record's full path ended by NUL (one string, not thousands: cheaper to make and to collect)
 *       everything found since the last drain (the record layout of scan_core.h, plus R_FAIL for a
 *       folder that could not be listed: its path, V_ERR its errno); idle when no folder is queued or
 *       being listed, so, once JS has queued nothing more, the walk is over
 *   walkPush(handle, path, dev, ino) → boolean            queue a folder JS found (false: seen already)
 *   walkStop(handle, abandon) → number                     end: threads stop, mid-folder if need be, and exit
 *       never waits: it joins the threads that have exited and returns how many still run, so the caller
 *       can wait for them without blocking (native-walk.ts). abandon: detach those, which may be stuck in a
 *       syscall on a hung network or FUSE mount for ever. The walk's state is shared by the handle and every
 *       thread still running, and the last of them frees it.
 *
 * Why: a walk through worker threads adds start-up, messages and strings per folder to the kernel's
 * stat calls; threads here start at once and hand JavaScript only the few entries it acts on.
 * Never follows links: only entries whose lstat says folder are queued. Every walk ends: a folder id
 * is queued at most once, whatever loops the tree holds.
 */
#define _GNU_SOURCE /* RUSAGE_THREAD */
#include "scan_core.h"
#include "file_io.h"
#include "napi_helpers.h"
#include "run_threads.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#define MAX_THREADS 64
/*
 * Records kept for JavaScript before the walkers wait for it to drain them: when its thread gets little of
 * the CPU (a busy machine), walkers racing ahead would otherwise hold every record of a big tree at once,
 * and the drain that takes them all would make as many JS values in one go.
 */
#define FOUND_LIMIT 32768

/* Folder ids seen: open addressing over (dev, ino), grown at half full. */
typedef struct {
  uint64_t *keys; /* dev, ino pairs; a slot is empty when `used` says so */
  unsigned char *used;
  size_t cap, n;
} idset_t;

static uint64_t mix(uint64_t x) { /* splitmix64's finaliser */
  x ^= x >> 30; x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27; x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/* 1 added, 0 there already, -1 out of memory */
static int idset_add(idset_t *s, uint64_t dev, uint64_t ino) {
  if (2 * (s->n + 1) > s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 4096;
    idset_t g = { calloc(2 * cap, sizeof(uint64_t)), calloc(cap, 1), cap, 0 };
    if (!g.keys || !g.used) { free(g.keys); free(g.used); return -1; }
    for (size_t i = 0; i < s->cap; i++) if (s->used[i]) idset_add(&g, s->keys[2 * i], s->keys[2 * i + 1]);
    free(s->keys);
    free(s->used);
    *s = g;
  }
  for (size_t i = mix(dev * 0x9e3779b97f4a7c15ULL ^ ino) & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
    if (!s->used[i]) {
      s->used[i] = 1;
      s->keys[2 * i] = dev;
      s->keys[2 * i + 1] = ino;
      s->n++;
      return 1;
    }
    if (s->keys[2 * i] == dev && s->keys[2 * i + 1] == ino) return 0;
  }
}

/* What JS has not drained yet: records (REC doubles each) with their full paths and link targets. */
typedef struct {
  double *recs;
  char **paths;
  char **targets;
  size_t n, cap;
  double entries, bytes, folders;
  double mounts; /* folders on another device not entered (F_ONE_DEVICE) */
} found_t;

typedef struct walk walk_t;

/* What a thread is handed: its walk and its slot in walk_t.threads. */
typedef struct {
  walk_t *w;
  int index;
} thread_arg_t;

struct walk {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  char **stack;
  size_t sp, scap;
  idset_t seen;
  found_t found;
  int flags;
  match_t into; /* F_INTO: the target and its real path (malloc'ed) */
  uint64_t root_dev; /* with F_ONE_DEVICE, folders on any other device are counted, not queued */
  int busy;       /* threads listing a folder now */
  int stop;       /* walkStop, or out of memory; list_folder reads it to end a big folder early */
  int nomem;
  int nthreads;   /* threads started */
  int cold_threads; /* how many may run while listings read from the disk (grow_if_cold) */
  size_t listed, listed_cold; /* folders listed, and those whose listing read from the disk */
  int live;       /* threads that have not yet left walker() */
  int refs;       /* the JS handle and each live thread: the last one out frees the walk */
  pthread_t threads[MAX_THREADS];
  thread_arg_t args[MAX_THREADS];
  unsigned char thread_state[MAX_THREADS]; /* T_…, changed under the lock */
};

enum { T_RUNNING = 0, T_EXITED, T_GONE /* joined or detached: nothing more to do with it */ };

static void found_free(found_t *f) {
  for (size_t i = 0; i < f->n; i++) { free(f->paths[i]); free(f->targets[i]); }
  free(f->recs);
  free(f->paths);
  free(f->targets);
  memset(f, 0, sizeof *f);
}

static int found_reserve(found_t *f, size_t more) {
  if (f->n + more <= f->cap) return 0;
  size_t cap = f->cap ? f->cap : 256;
  while (cap < f->n + more) cap *= 2;
  double *r = realloc(f->recs, cap * REC * sizeof *r);
  if (r) f->recs = r;
  char **p = r ? realloc(f->paths, cap * sizeof *p) : NULL;
  if (p) f->paths = p;
  char **t = p ? realloc(f->targets, cap * sizeof *t) : NULL;
  if (t) f->targets = t;
  if (!t) return -1;
  f->cap = cap;
  return 0;
}

/* Queue a folder (the caller holds the lock); takes `path`. 1 queued, 0 seen already, -1 out of memory. */
static int queue_folder(walk_t *w, char *path, uint64_t dev, uint64_t ino) {
  int added = idset_add(&w->seen, dev, ino);
  if (added <= 0) { free(path); return added; }
  if (w->sp == w->scap) {
    size_t cap = w->scap ? w->scap * 2 : 1024;
    char **g = realloc(w->stack, cap * sizeof *g);
    if (!g) { free(path); return -1; }
    w->stack = g;
    w->scap = cap;
  }
  w->stack[w->sp++] = path;
  return 1;
}

/* Each record's full path, made before the lock is taken (NULL: out of memory). */
static char **full_paths(const char *dir, const listing_t *l) {
  char **full = malloc((l->recs.n ? l->recs.n : 1) * sizeof *full);
  if (!full) return NULL;
  size_t dlen = strlen(dir);
  for (size_t r = 0; r < l->recs.n; r++) {
    const entry_t *e = &l->ents[l->recs.entry[r]];
    if (!(full[r] = path_join(dir, dlen, e->name, e->len))) {
      while (r > 0) free(full[--r]);
      free(full);
      return NULL;
    }
  }
  return full;
}

/*
 * One folder's records into w->found and its subfolders onto the stack (the caller holds the lock).
 * Takes `dir` and the strings in `full`; a folder that failed (err) becomes an R_FAIL record. With
 * F_LISTED, an R_LISTED record for the folder comes first and its subfolders keep R_DIR records too.
 */
static int keep(walk_t *w, char *dir, int err, listing_t *l, char **full) {
  found_t *f = &w->found;
  f->folders++;
  if (err) {
    if (found_reserve(f, 1)) { free(dir); return -1; }
    double *rec = f->recs + REC * f->n;
    memset(rec, 0, REC * sizeof *rec);
    rec[V_TYPE] = R_FAIL;
    rec[V_KIND] = K_DIR;
    rec[V_ERR] = err;
    f->paths[f->n] = dir;
    f->targets[f->n++] = NULL;
    return 0;
  }
  int listed = (w->flags & F_LISTED) != 0;
  int result = found_reserve(f, l->recs.n + (size_t)listed);
  if (listed && result == 0) { /* the folder's own record, taking `dir` */
    double *rec = f->recs + REC * f->n;
    memset(rec, 0, REC * sizeof *rec);
    rec[V_TYPE] = R_LISTED;
    rec[V_KIND] = K_DIR;
    f->paths[f->n] = dir;
    f->targets[f->n++] = NULL;
  } else free(dir);
  f->entries += (double)l->count;
  f->bytes += l->bytes;
  for (size_t r = 0; r < l->recs.n; r++) {
    const double *rec = l->recs.recs + REC * r;
    if (result < 0) { free(full[r]); continue; }
    if (rec[V_TYPE] == R_DIR && (w->flags & F_ONE_DEVICE) && (uint64_t)rec[V_DEV] != w->root_dev) {
      f->mounts++; /* a mount point: stay on the root's file system, as find -xdev does */
      free(full[r]);
      continue;
    }
    /* With F_LISTED a record carries its name only: its folder's R_LISTED record has the rest. */
    const entry_t *e = &l->ents[l->recs.entry[r]];
    char *name = listed ? strndup(e->name, e->len) : NULL;
    if (listed && !name) { free(full[r]); result = -1; continue; }
    if (rec[V_TYPE] == R_DIR) {
      char *kept = name; /* the queue takes full[r] */
      if (queue_folder(w, full[r], (uint64_t)rec[V_DEV], (uint64_t)rec[V_INO]) < 0) result = -1;
      if (!kept) continue;
      memcpy(f->recs + REC * f->n, rec, REC * sizeof *rec);
      f->paths[f->n] = kept;
      f->targets[f->n++] = NULL;
      continue;
    }
    memcpy(f->recs + REC * f->n, rec, REC * sizeof *rec);
    if (name) free(full[r]);
    f->paths[f->n] = name ? name : full[r];
    f->targets[f->n++] = l->recs.targets[r];
    l->recs.targets[r] = NULL; /* moved */
  }
  return result;
}

static void walk_free(walk_t *w) {
  for (size_t i = 0; i < w->sp; i++) free(w->stack[i]);
  free(w->stack);
  free(w->seen.keys);
  free(w->seen.used);
  found_free(&w->found);
  free((char *)w->into.target);
  free((char *)w->into.real);
  pthread_mutex_destroy(&w->mu);
  pthread_cond_destroy(&w->cv);
  free(w);
}

/* Drop one reference (the caller holds the lock, which this releases); the last one frees the walk. */
static void walk_release(walk_t *w) {
  int last = --w->refs == 0;
  pthread_mutex_unlock(&w->mu);
  if (last) walk_free(w);
}

/* Blocks this thread has read from the disk so far; 0 where the system does not say (no growth then). */
static long blocks_read(void) {
#ifdef RUSAGE_THREAD
  struct rusage u;
  if (getrusage(RUSAGE_THREAD, &u) == 0) return u.ru_inblock;
#endif
  return 0;
}

static void *walker(void *arg);

/* One more walker, taking no signals (the caller holds the lock); 0, or pthread_create's error. */
static int start_walker(walk_t *w) {
  int i = w->nthreads;
  w->args[i] = (thread_arg_t){ w, i };
  int e = start_thread(&w->threads[i], walker, &w->args[i]);
  if (e) return e;
  w->nthreads++;
  w->live++;
  w->refs++;
  return 0;
}

/*
 * A listing that had to read the disk (a cold cache) spent its time waiting, not computing: while at least
 * half of the folders listed so far had to, each such listing starts one more walker while folders are
 * waiting, up to cold_threads, so more reads are in flight at once. On a warm cache nothing is read and
 * the count stays where walkStart set it (more threads than cores then only contend for the lock and for
 * the CPU JavaScript needs); a few blocks read here and there in a warm tree do not make it grow either.
 * The caller holds the lock.
 */
static void grow_if_cold(walk_t *w, int cold) {
  w->listed++;
  if (!cold) return;
  w->listed_cold++;
  if (2 * w->listed_cold >= w->listed && !w->stop && w->sp > 0 && w->nthreads < w->cold_threads) start_walker(w);
}

static void *walker(void *arg) {
  walk_t *w = ((thread_arg_t *)arg)->w;
  int index = ((thread_arg_t *)arg)->index;
  pthread_mutex_lock(&w->mu);
  for (;;) {
    while ((w->sp == 0 || w->found.n >= FOUND_LIMIT) && !w->stop) pthread_cond_wait(&w->cv, &w->mu);
    if (w->stop) break;
    char *dir = w->stack[--w->sp];
    w->busy++;
    pthread_mutex_unlock(&w->mu);
    listing_t l;
    const char *syscall;
    long read_before = blocks_read();
    int err = list_folder(dir, strlen(dir), w->flags, &w->into, &w->stop, &l, &syscall);
    int cold = blocks_read() > read_before;
    char **full = err ? NULL : full_paths(dir, &l);
    if (!err && !full) err = ENOMEM;
    pthread_mutex_lock(&w->mu);
    /* Stopped while listing (mid-folder, or after a syscall that waited long): nothing of it is kept. */
    if (w->stop && err != ENOMEM) {
      if (full) for (size_t r = 0; r < l.recs.n; r++) free(full[r]);
      err = ECANCELED;
    }
    if (err == ENOMEM || err == ECANCELED) free(dir);
    if (err == ENOMEM || (err != ECANCELED && keep(w, dir, err, &l, full) < 0)) {
      w->nomem = 1; /* the next drain throws */
      __atomic_store_n(&w->stop, 1, __ATOMIC_RELAXED);
    }
    free(full);
    w->busy--;
    grow_if_cold(w, cold);
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
    listing_free(&l);
    pthread_mutex_lock(&w->mu);
  }
  if (w->thread_state[index] == T_RUNNING) w->thread_state[index] = T_EXITED; /* detached (T_GONE): nobody joins it */
  w->live--;
  walk_release(w);
  return NULL;
}

/*
 * Stop the threads (again: nothing more) and join those that have left walker(); with `abandon`, detach
 * the others (each still holds its reference, so the walk outlives it). Returns how many still run.
 */
static int walk_end(walk_t *w, int abandon) {
  pthread_mutex_lock(&w->mu);
  __atomic_store_n(&w->stop, 1, __ATOMIC_RELAXED); /* atomic: listings in progress read it without the lock */
  pthread_cond_broadcast(&w->cv);
  /* Nothing queued will be listed now, and a stopped walk queues nothing more (walker, walk_push). */
  for (size_t i = 0; i < w->sp; i++) free(w->stack[i]);
  w->sp = 0;
  pthread_t join[MAX_THREADS];
  int njoin = 0;
  for (int i = 0; i < w->nthreads; i++) {
    if (w->thread_state[i] == T_EXITED) join[njoin++] = w->threads[i];
    else if (w->thread_state[i] == T_RUNNING && abandon) pthread_detach(w->threads[i]);
    else continue;
    w->thread_state[i] = T_GONE;
  }
  int running = w->live;
  pthread_mutex_unlock(&w->mu);
  /* A thread marked exited has only its return left, so joining it waits for nothing. */
  for (int i = 0; i < njoin; i++) pthread_join(join[i], NULL);
  return running;
}

static void walk_finalize(napi_env env, void *data, void *hint) {
  (void)env; (void)hint;
  walk_t *w = data;
  walk_end(w, 1);
  pthread_mutex_lock(&w->mu);
  walk_release(w); /* the handle's reference */
}

static walk_t *walk_arg(napi_env env, napi_callback_info info, size_t *argc, napi_value *argv) {
  void *data = NULL;
  if (napi_get_cb_info(env, info, argc, argv, NULL, NULL) != napi_ok || *argc < 1 || napi_get_value_external(env, argv[0], &data) != napi_ok || !data) {
    napi_throw_type_error(env, NULL, "expected a walk handle");
    return NULL;
  }
  return data;
}

napi_value walk_start(napi_env env, napi_callback_info info) {
  size_t argc = 8;
  napi_value argv[8];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 5) {
    napi_throw_type_error(env, NULL, "walkStart(root: string, dev: number, ino: number, flags: number, threads: number, target?: string, real?: string, coldThreads?: number)");
    return NULL;
  }
  char *root = path_arg(env, argv[0]);
  if (!root) {
    napi_throw_type_error(env, NULL, "walkStart: root must be a string without NUL");
    return NULL;
  }
  int32_t flags = 0, threads = 1;
  napi_get_value_int32(env, argv[3], &flags);
  napi_get_value_int32(env, argv[4], &threads);
  if (threads < 1) threads = 1;
  if (threads > MAX_THREADS) threads = MAX_THREADS;
  int32_t cold_threads = 0;
  if (argc >= 8) napi_get_value_int32(env, argv[7], &cold_threads);
  if (cold_threads < threads) cold_threads = threads;
  if (cold_threads > MAX_THREADS) cold_threads = MAX_THREADS;
  walk_t *w = calloc(1, sizeof *w);
  if (!w) { free(root); return throw_errno(env, ENOMEM, "scandir", ""); }
  pthread_mutex_init(&w->mu, NULL);
  pthread_cond_init(&w->cv, NULL);
  w->refs = 1; /* the handle */
  w->cold_threads = cold_threads;
  w->flags = flags & (F_FILES | F_LINKS | F_OTHERS | F_FOLLOW | F_ONE_DEVICE | F_EACH | F_LISTED | F_TARGET); /* no matching: a walk scans */
  if ((flags & F_INTO) && argc >= 7) { /* without both places every link is left to JavaScript (R_ENTRY) */
    char *target = path_arg(env, argv[5]), *real = path_arg(env, argv[6]);
    w->into = (match_t){ .target = target, .real = real, .target_len = target ? strlen(target) : 0, .real_len = real ? strlen(real) : 0 };
    if (target && real) w->flags |= F_INTO | F_TARGET;
  }
  w->root_dev = (uint64_t)number_arg(env, argv[1]);
  if (queue_folder(w, root, (uint64_t)number_arg(env, argv[1]), (uint64_t)number_arg(env, argv[2])) < 0) {
    walk_finalize(env, w, NULL);
    return throw_errno(env, ENOMEM, "scandir", "");
  }
  /* Walkers take no signals (start_thread): one sent to the process (Ctrl-C) must reach a thread that can
     handle it, never one stuck in a syscall on a hung mount. */
  pthread_mutex_lock(&w->mu); /* threads start before all are counted */
  for (int i = 0; i < threads; i++)
    if (start_walker(w) != 0) break;
  pthread_mutex_unlock(&w->mu);
  if (w->nthreads == 0) {
    walk_finalize(env, w, NULL);
    return throw_errno(env, EAGAIN, "pthread_create", "");
  }
  napi_value handle;
  if (napi_create_external(env, w, walk_finalize, NULL, &handle) != napi_ok) {
    walk_finalize(env, w, NULL);
    return throw_errno(env, ENOMEM, "scandir", "");
  }
  return handle;
}

napi_value walk_drain(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  walk_t *w = walk_arg(env, info, &argc, argv);
  if (!w) return NULL;
  pthread_mutex_lock(&w->mu);
  found_t f = w->found;
  memset(&w->found, 0, sizeof w->found);
  pthread_cond_broadcast(&w->cv); /* walkers waiting for room (FOUND_LIMIT) */
  double queued = (double)w->sp;
  int idle = w->sp == 0 && w->busy == 0;
  int nomem = w->nomem;
  pthread_mutex_unlock(&w->mu);
  napi_value result = NULL;
  if (nomem) {
    throw_errno(env, ENOMEM, "scandir", "");
    goto done;
  }
  napi_value obj, v, paths_v, recs_v, targets_v;
  /* The paths as one string, each ended by NUL: one JS string made here, split in JS into slices of it. */
  size_t total = 0;
  for (size_t r = 0; r < f.n; r++) total += strlen(f.paths[r]) + 1;
  char *joined = malloc(total + 1);
  size_t at = 0;
  for (size_t r = 0; joined && r < f.n; r++) {
    size_t len = strlen(f.paths[r]);
    memcpy(joined + at, f.paths[r], len);
    joined[at + len] = 0;
    at += len + 1;
  }
  napi_status made = joined ? name_value(env, joined, total, &paths_v) : napi_generic_failure;
  free(joined);
  if (made != napi_ok || records_value(env, f.recs, f.n, &recs_v) != napi_ok || record_targets_value(env, f.targets, f.recs, f.n, &targets_v) != napi_ok) {
    throw_errno(env, ENOMEM, "scandir", "");
    goto done;
  }
  napi_create_object(env, &obj);
  napi_set_named_property(env, obj, "recs", recs_v);
  napi_set_named_property(env, obj, "paths", paths_v);
  if (targets_v) napi_set_named_property(env, obj, "targets", targets_v);
  const struct { const char *name; double value; } nums[] = {
    { "entries", f.entries }, { "bytes", f.bytes }, { "folders", f.folders }, { "mounts", f.mounts }, { "queued", queued },
  };
  for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
    napi_create_double(env, nums[i].value, &v);
    napi_set_named_property(env, obj, nums[i].name, v);
  }
  napi_get_boolean(env, idle, &v);
  napi_set_named_property(env, obj, "idle", v);
  result = obj;
done:
  found_free(&f);
  return result;
}

napi_value walk_push(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  walk_t *w = walk_arg(env, info, &argc, argv);
  if (!w) return NULL;
  char *path = argc >= 4 ? path_arg(env, argv[1]) : NULL;
  if (!path) {
    napi_throw_type_error(env, NULL, "walkPush(handle, path: string, dev: number, ino: number)");
    return NULL;
  }
  uint64_t dev = (uint64_t)number_arg(env, argv[2]), ino = (uint64_t)number_arg(env, argv[3]);
  pthread_mutex_lock(&w->mu);
  int r = 0;
  if (w->stop) free(path);
  else if ((r = queue_folder(w, path, dev, ino)) > 0) pthread_cond_signal(&w->cv);
  pthread_mutex_unlock(&w->mu);
  if (r < 0) return throw_errno(env, ENOMEM, "scandir", "");
  napi_value v;
  napi_get_boolean(env, r > 0, &v);
  return v;
}

napi_value walk_stop(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  walk_t *w = walk_arg(env, info, &argc, argv);
  if (!w) return NULL;
  bool abandon = false;
  if (argc >= 2) napi_get_value_bool(env, argv[1], &abandon);
  napi_value v;
  napi_create_int32(env, walk_end(w, abandon), &v);
  return v;
}
