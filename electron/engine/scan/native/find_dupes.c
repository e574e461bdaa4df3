/*
 * Duplicate finding chained on native threads (Linux): the walk's file records are kept here, in C,
 * then grouped by size, names of one file folded into one, and hashed step by step (small files whole;
 * large ones by head, tail, then whole) on the addon's threads, regrouped after each step, so JavaScript
 * makes a few calls for a whole search and gets only the groups found. Each step reads as read_hash.c
 * does (open without following links, check the open file is the one the walk saw, then hash), a few
 * files at once on each device.
 *
 *   dupesFiles() → handle                                  an empty table of names
 *   dupesAddDrain(handle, recs: Float64Array, paths: string, root) → number   a walkDrain's plain files
 *       added; answers how many records it left for the scan's own handling (neither a file nor R_ENTRY)
 *   dupesAdd(handle, path, dev, ino, links, size, root)    one name added (a root that is a file, or a
 *       file the scan's own handling found); ids then order as text, as the JavaScript search orders them
 *   dupesFind(handle, minSize, several, large, perDevice, headBytes, tailFrom) → Promise<{ count,
 *       groups: Float64Array (size, files), hashes: string (32 hex digits a group), files: Float64Array
 *       (FILE_OUT a file: dev, ino, links, root, mtimeMs, mode, uid, gid, noXattrs, paths), paths: string
 *       (NUL-ended), errors: Float64Array (errno a file that could not be read), errorPaths: string,
 *       cancelled }>
 *       the first call groups the names by size, then by file (distinct files seen: count); each call
 *       hashes the candidates of one class: small (size ≤ tailFrom, whole) or large (head, tail, whole),
 *       and answers that class's groups. several: the roots may name one path twice (fold repeats).
 *       The large class's call is the last: it frees the table's names, files and groups.
 *   dupesProgress(handle) → [bytesHashed, candidates]      dupesCancel(handle)
 *
 * A file none of whose names opens, or that is not the file first seen, or is written while read whole,
 * leaves the running silently (as the JavaScript search does); one that fails to read is an error.
 */
#ifdef __linux__
#define _GNU_SOURCE
#include "scan_core.h"
#include "read_hash.h"
#include "async_promise.h"
#include "run_threads.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_THREADS 16
#define FILE_OUT 10

typedef struct {
  uint64_t dev, ino, size;
  uint32_t links, root;
  const char *path;
} name_t;

/* One distinct file of a size group: its names are pathidx[paths .. paths + npaths). */
typedef struct {
  uint32_t name, paths, npaths, links;
  int gone, err, noxattr;
  double mtime;
  uint32_t mode, uid, gid;
  XXH128_hash_t hash;
} dfile_t;

/* Candidates: members[from .. from + n) are indices into files. */
typedef struct {
  size_t from, n;
  uint64_t size;
} group_t;

typedef struct {
  name_t *names;
  size_t n, cap;
  char **chunks; /* the strings names point into */
  size_t nchunks, ccap;
  int textual; /* a name was added with its id as text: ids compare as "dev:ino" strings */
  int grouped;
  double count;
  dfile_t *files;
  uint32_t *pathidx;
  uint32_t *members;
  size_t nfiles;
  group_t *groups;
  size_t ngroups;
  int busy, cancel;
  uint64_t hashed; /* atomic */
  size_t candidates;
} table_t;

enum { WHOLE = 0, HEAD, TAIL };

typedef struct {
  table_t *t;
  int kind;
  uint64_t head;
  uint32_t *todo; /* files to hash, ordered by device */
  size_t n;
  size_t *run_end, *next; /* per device: where its files end, and the next to take (atomic) */
  int *active;            /* per device: threads on it (atomic) */
  size_t nruns;
  int per_device;
} step_t;

typedef struct {
  table_t *t;
  napi_ref handle;
  double min_size;
  int several, large, per_device;
  uint64_t head, tail_from;
  int failed;
} job_t;

/* Everything the table holds; it stays a table with no names, no files and no groups. */
static void table_clear(table_t *t) {
  for (size_t i = 0; i < t->nchunks; i++) free(t->chunks[i]);
  free(t->chunks);
  free(t->names);
  free(t->files);
  free(t->pathidx);
  free(t->members);
  free(t->groups);
  t->chunks = NULL, t->names = NULL, t->files = NULL, t->pathidx = NULL, t->members = NULL, t->groups = NULL;
  t->nchunks = t->ccap = t->n = t->cap = t->nfiles = t->ngroups = 0;
}

static void table_free(table_t *t) {
  table_clear(t);
  free(t);
}

static void finalize(napi_env env, void *data, void *hint) {
  (void)env; (void)hint;
  table_free(data);
}

static table_t *table_arg(napi_env env, napi_value v) {
  void *data = NULL;
  if (napi_get_value_external(env, v, &data) != napi_ok || !data) {
    napi_throw_type_error(env, NULL, "expected a dupesFiles handle");
    return NULL;
  }
  return data;
}

/* Keep `chunk` (malloc'ed) for the table's names to point into; 0, or -1 out of memory. */
static int keep_chunk(table_t *t, char *chunk) {
  if (t->nchunks == t->ccap) {
    size_t cap = t->ccap ? 2 * t->ccap : 64;
    char **g = realloc(t->chunks, cap * sizeof *g);
    if (!g) return -1;
    t->chunks = g;
    t->ccap = cap;
  }
  t->chunks[t->nchunks++] = chunk;
  return 0;
}

static name_t *add_name(table_t *t) {
  if (t->n == t->cap) {
    size_t cap = t->cap ? 2 * t->cap : 4096;
    name_t *g = realloc(t->names, cap * sizeof *g);
    if (!g) return NULL;
    t->names = g;
    t->cap = cap;
  }
  return &t->names[t->n++];
}

/* ---- grouping ---- */

static int cmp_u64(uint64_t a, uint64_t b) { return a < b ? -1 : a > b; }

static int compare_ids(const name_t *a, const name_t *b, int textual) {
  if (!textual) return cmp_u64(a->dev, b->dev) ? cmp_u64(a->dev, b->dev) : cmp_u64(a->ino, b->ino);
  char x[48], y[48];
  snprintf(x, sizeof x, "%llu:%llu", (unsigned long long)a->dev, (unsigned long long)a->ino);
  snprintf(y, sizeof y, "%llu:%llu", (unsigned long long)b->dev, (unsigned long long)b->ino);
  return strcmp(x, y);
}

/* By size, then id, then the order added: names of one file together, in the order they were found. */
static int by_size_id(const void *pa, const void *pb, void *arg) {
  const table_t *t = arg;
  uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
  const name_t *x = &t->names[a], *y = &t->names[b];
  int c = cmp_u64(x->size, y->size);
  if (!c) c = compare_ids(x, y, t->textual);
  return c ? c : cmp_u64(a, b);
}

static int same_file(const table_t *t, uint32_t a, uint32_t b) {
  const name_t *x = &t->names[a], *y = &t->names[b];
  return x->dev == y->dev && x->ino == y->ino;
}

/* Sizes shared by two distinct files or more (and at least min_size) as groups of files. 0, or ENOMEM. */
static int group_by_size(table_t *t, double min_size, int several) {
  uint32_t *order = malloc((t->n ? t->n : 1) * sizeof *order);
  t->files = malloc((t->n ? t->n : 1) * sizeof *t->files);
  t->pathidx = malloc((t->n ? t->n : 1) * sizeof *t->pathidx);
  t->members = malloc((t->n ? t->n : 1) * sizeof *t->members);
  t->groups = malloc((t->n / 2 + 1) * sizeof *t->groups);
  if (!order || !t->files || !t->pathidx || !t->members || !t->groups) { free(order); return ENOMEM; }
  for (size_t i = 0; i < t->n; i++) order[i] = (uint32_t)i;
  qsort_r(order, t->n, sizeof *order, by_size_id, t);
  size_t nfiles = 0, npaths = 0;
  for (size_t from = 0; from < t->n;) {
    uint64_t size = t->names[order[from]].size;
    size_t to = from + 1, distinct = 1;
    for (; to < t->n && t->names[order[to]].size == size; to++)
      if (!same_file(t, order[to - 1], order[to])) distinct++;
    t->count += (double)distinct;
    if (distinct > 1 && (double)size >= min_size) {
      group_t *g = &t->groups[t->ngroups++];
      *g = (group_t){ nfiles, 0, size };
      for (size_t k = from; k < to; k++) {
        const name_t *nm = &t->names[order[k]];
        dfile_t *f;
        if (k > from && same_file(t, order[k - 1], order[k])) {
          f = &t->files[nfiles - 1];
          if (nm->links > f->links) f->links = nm->links;
          int repeat = 0;
          for (uint32_t q = 0; several && q < f->npaths && !repeat; q++)
            repeat = strcmp(t->names[t->pathidx[f->paths + q]].path, nm->path) == 0;
          if (!repeat) t->pathidx[npaths++] = order[k], f->npaths++;
          continue;
        }
        f = &t->files[nfiles];
        *f = (dfile_t){ .name = order[k], .paths = (uint32_t)npaths, .npaths = 1, .links = nm->links, .mtime = -1 };
        t->pathidx[npaths++] = order[k];
        t->members[nfiles] = (uint32_t)nfiles;
        nfiles++;
        g->n++;
      }
    }
    from = to;
  }
  free(order);
  t->nfiles = nfiles;
  __atomic_store_n(&t->candidates, nfiles, __ATOMIC_RELAXED); /* dupesProgress reads it meanwhile */
  return 0;
}

/* ---- hashing ---- */

static void hash_file(step_t *s, uint32_t fi, char *buf) {
  table_t *t = s->t;
  dfile_t *f = &t->files[fi];
  const name_t *seen = &t->names[f->name];
  uint64_t off = s->kind == TAIL ? seen->size - s->head : 0;
  uint64_t len = s->kind == WHOLE ? seen->size : s->head;
  int fd = -1;
  for (uint32_t k = 0; k < f->npaths && fd < 0; k++) fd = open_read(t->names[t->pathidx[f->paths + k]].path);
  if (fd < 0) { f->gone = 1; return; }
  const double expect[4] = { (double)seen->dev, (double)seen->ino, (double)seen->size, f->mtime };
  hashed_t h;
  hash_checked(fd, expect, off, len, buf, &h);
  close(fd);
  if (h.status != NOT_SAME && f->mtime < 0) f->mtime = h.mtime, f->mode = h.mode, f->uid = h.uid, f->gid = h.gid;
  if (h.status == UNREAD) f->err = h.err ? h.err : EIO;
  if (h.status != OK) { f->gone = 1; return; }
  f->hash = h.hash;
  if (s->kind == WHOLE && !h.xattrs) f->noxattr = 1;
  __atomic_fetch_add(&t->hashed, len, __ATOMIC_RELAXED);
}

/* A device with files left and fewer than per_device threads on it, now one more; nruns when none. */
static size_t take_device(step_t *s) {
  for (size_t r = 0; r < s->nruns; r++) {
    int a = __atomic_load_n(&s->active[r], __ATOMIC_RELAXED);
    while (__atomic_load_n(&s->next[r], __ATOMIC_RELAXED) < s->run_end[r] && a < s->per_device)
      if (__atomic_compare_exchange_n(&s->active[r], &a, a + 1, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) return r;
  }
  return s->nruns;
}

static void *worker(void *arg) {
  step_t *s = arg;
  char *buf = malloc(HASH_BUF_BYTES);
  for (size_t r; (r = take_device(s)) < s->nruns;) {
    for (size_t i; (i = __atomic_fetch_add(&s->next[r], 1, __ATOMIC_RELAXED)) < s->run_end[r];) {
      if (__atomic_load_n(&s->t->cancel, __ATOMIC_RELAXED)) break;
      if (buf) hash_file(s, s->todo[i], buf);
      else s->t->files[s->todo[i]].err = ENOMEM, s->t->files[s->todo[i]].gone = 1;
    }
    __atomic_fetch_sub(&s->active[r], 1, __ATOMIC_RELAXED);
  }
  free(buf);
  return NULL;
}

static uint64_t dev_of(const table_t *t, uint32_t file) { return t->names[t->files[file].name].dev; }

static int todo_by_device(const void *pa, const void *pb, void *arg) {
  uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
  uint64_t x = dev_of(arg, a), y = dev_of(arg, b);
  return cmp_u64(x, y) ? cmp_u64(x, y) : cmp_u64(a, b);
}

static int in_class(const job_t *j, const group_t *g) { return (g->size > j->tail_from) == (j->large != 0); }

/* Hash every candidate of the job's class with `kind`, per_device files at once on each device. */
static int run_step(job_t *j, int kind) {
  table_t *t = j->t;
  step_t s = { .t = t, .kind = kind, .head = j->head, .per_device = j->per_device };
  size_t n = 0;
  for (size_t g = 0; g < t->ngroups; g++) if (in_class(j, &t->groups[g])) n += t->groups[g].n;
  s.todo = malloc((n ? n : 1) * sizeof *s.todo);
  s.run_end = malloc((n ? n : 1) * sizeof *s.run_end);
  s.next = malloc((n ? n : 1) * sizeof *s.next);
  s.active = calloc(n ? n : 1, sizeof *s.active);
  int err = !s.todo || !s.run_end || !s.next || !s.active ? ENOMEM : 0;
  for (size_t g = 0; !err && g < t->ngroups; g++)
    if (in_class(j, &t->groups[g]))
      for (size_t k = 0; k < t->groups[g].n; k++) s.todo[s.n++] = t->members[t->groups[g].from + k];
  if (!err && s.n > 0) {
    qsort_r(s.todo, s.n, sizeof *s.todo, todo_by_device, t);
    for (size_t i = 0; i < s.n; i++) {
      if (i == 0 || dev_of(t, s.todo[i]) != dev_of(t, s.todo[i - 1])) s.next[s.nruns++] = i;
      s.run_end[s.nruns - 1] = i + 1;
    }
    size_t want = (size_t)j->per_device * s.nruns;
    int threads = want > MAX_THREADS ? MAX_THREADS : want > s.n ? (int)s.n : (int)want;
    run_on_threads(threads, worker, &s);
  }
  free(s.todo);
  free(s.run_end);
  free(s.next);
  free(s.active);
  return err;
}

static int by_hash(const void *pa, const void *pb, void *arg) {
  const table_t *t = arg;
  uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
  const XXH128_hash_t *x = &t->files[a].hash, *y = &t->files[b].hash;
  int c = cmp_u64(x->high64, y->high64);
  if (!c) c = cmp_u64(x->low64, y->low64);
  return c ? c : cmp_u64(a, b); /* files were numbered in group order: it stays */
}

/* Each group of the class split by the hash just taken; a file alone, or out of the running, leaves. */
static int regroup(job_t *j) {
  table_t *t = j->t;
  group_t *out = malloc((t->candidates / 2 + 1) * sizeof *out); /* each group holds two candidates or more */
  if (!out) return ENOMEM;
  size_t ng = 0, live_total = 0;
  for (size_t gi = 0; gi < t->ngroups; gi++) {
    group_t g = t->groups[gi];
    if (!in_class(j, &g)) { out[ng++] = g; live_total += g.n; continue; }
    uint32_t *m = t->members + g.from;
    size_t live = 0;
    for (size_t k = 0; k < g.n; k++) if (!t->files[m[k]].gone) m[live++] = m[k];
    qsort_r(m, live, sizeof *m, by_hash, t);
    for (size_t a = 0, b; a < live; a = b) {
      for (b = a + 1; b < live && XXH128_isEqual(t->files[m[a]].hash, t->files[m[b]].hash); b++) {}
      if (b - a > 1) out[ng++] = (group_t){ g.from + a, b - a, g.size }, live_total += b - a;
    }
  }
  free(t->groups);
  t->groups = out;
  t->ngroups = ng;
  __atomic_store_n(&t->candidates, live_total, __ATOMIC_RELAXED);
  return 0;
}

/* On a thread of libuv's pool: group (first call), then the class's steps, each followed by a regroup. */
static void execute(void *data) {
  job_t *j = data;
  table_t *t = j->t;
  int err = 0;
  if (!t->grouped) {
    err = group_by_size(t, j->min_size, j->several);
    t->grouped = 1;
  }
  static const int small_steps[] = { WHOLE }, large_steps[] = { HEAD, TAIL, WHOLE };
  const int *steps = j->large ? large_steps : small_steps;
  int nsteps = j->large ? 3 : 1;
  for (int k = 0; !err && k < nsteps && !__atomic_load_n(&t->cancel, __ATOMIC_RELAXED); k++) {
    err = run_step(j, steps[k]);
    if (!err) err = regroup(j);
  }
  j->failed = err;
}

/* ---- answers ---- */

static napi_status doubles_value(napi_env env, size_t n, double **data, napi_value *out) {
  napi_value ab;
  napi_status st = napi_create_arraybuffer(env, (n ? n : 1) * sizeof(double), (void **)data, &ab);
  if (st == napi_ok) st = napi_create_typedarray(env, napi_float64_array, n, ab, 0, out);
  return st;
}

/* NUL-ended strings as one JS string. */
static napi_status joined_value(napi_env env, const char *const *s, size_t n, napi_value *out) {
  size_t total = 0;
  for (size_t i = 0; i < n; i++) total += strlen(s[i]) + 1;
  char *all = malloc(total + 1), *at = all;
  if (!all) return napi_generic_failure;
  for (size_t i = 0; i < n; i++) {
    size_t len = strlen(s[i]) + 1;
    memcpy(at, s[i], len);
    at += len;
  }
  napi_status st = name_value(env, all, total, out);
  free(all);
  return st;
}

static void set(napi_env env, napi_value obj, const char *name, napi_value v) { napi_set_named_property(env, obj, name, v); }

/* The class's groups (and the files that could not be read) as the answer's values. */
static napi_status answer(napi_env env, job_t *j, napi_value obj) {
  table_t *t = j->t;
  size_t ng = 0, nf = 0, np = 0, ne = 0;
  for (size_t g = 0; g < t->ngroups; g++) {
    if (!in_class(j, &t->groups[g])) continue;
    ng++;
    nf += t->groups[g].n;
    for (size_t k = 0; k < t->groups[g].n; k++) np += t->files[t->members[t->groups[g].from + k]].npaths;
  }
  const char **paths = malloc((np + 1) * sizeof *paths);
  double *groups, *files, *errs;
  napi_value groups_v, files_v, hashes_v, paths_v, errs_v, epaths_v, v;
  char *hex = malloc(ng * 32 + 1);
  napi_status st = paths && hex ? doubles_value(env, ng * 2, &groups, &groups_v) : napi_generic_failure;
  if (st == napi_ok) st = doubles_value(env, nf * FILE_OUT, &files, &files_v);
  size_t gi = 0, fi = 0, pi = 0;
  static const char digits[] = "0123456789abcdef";
  for (size_t g = 0; st == napi_ok && g < t->ngroups; g++) {
    const group_t *grp = &t->groups[g];
    if (!in_class(j, grp)) continue;
    groups[2 * gi] = (double)grp->size;
    groups[2 * gi + 1] = (double)grp->n;
    XXH128_canonical_t c;
    XXH128_canonicalFromHash(&c, t->files[t->members[grp->from]].hash);
    for (int k = 0; k < 16; k++) {
      hex[32 * gi + 2 * k] = digits[c.digest[k] >> 4];
      hex[32 * gi + 2 * k + 1] = digits[c.digest[k] & 15];
    }
    gi++;
    for (size_t k = 0; k < grp->n; k++) {
      const dfile_t *f = &t->files[t->members[grp->from + k]];
      const name_t *nm = &t->names[f->name];
      double row[FILE_OUT] = { (double)nm->dev, (double)nm->ino, f->links, nm->root, f->mtime, f->mode, f->uid, f->gid, f->noxattr, f->npaths };
      memcpy(files + FILE_OUT * fi++, row, sizeof row);
      for (uint32_t q = 0; q < f->npaths; q++) paths[pi++] = t->names[t->pathidx[f->paths + q]].path;
    }
  }
  if (st == napi_ok) st = napi_create_string_latin1(env, hex, ng * 32, &hashes_v);
  if (st == napi_ok) st = joined_value(env, paths, pi, &paths_v);
  free(paths);
  free(hex);
  /* the class's files that could not be read (their err kept since grouping) */
  for (size_t i = 0; i < t->nfiles; i++)
    if (t->files[i].err && (t->names[t->files[i].name].size > j->tail_from) == (j->large != 0)) ne++;
  const char **epaths = malloc((ne + 1) * sizeof *epaths);
  if (st == napi_ok) st = epaths ? doubles_value(env, ne, &errs, &errs_v) : napi_generic_failure;
  for (size_t i = 0, e = 0; st == napi_ok && i < t->nfiles; i++) {
    const dfile_t *f = &t->files[i];
    if (!f->err || (t->names[f->name].size > j->tail_from) != (j->large != 0)) continue;
    errs[e] = f->err;
    epaths[e++] = t->names[t->pathidx[f->paths]].path; /* its first name, as the JavaScript search says */
  }
  if (st == napi_ok) st = joined_value(env, epaths, ne, &epaths_v);
  free(epaths);
  if (st == napi_ok) st = napi_create_double(env, t->count, &v);
  if (st != napi_ok) return st;
  set(env, obj, "count", v);
  set(env, obj, "groups", groups_v);
  set(env, obj, "hashes", hashes_v);
  set(env, obj, "files", files_v);
  set(env, obj, "paths", paths_v);
  set(env, obj, "errors", errs_v);
  set(env, obj, "errorPaths", epaths_v);
  napi_get_boolean(env, __atomic_load_n(&t->cancel, __ATOMIC_RELAXED) != 0, &v);
  set(env, obj, "cancelled", v);
  return napi_ok;
}

/* Back on the JS thread: the answer, or a rejection when the steps failed (out of memory, a thread's error). */
static napi_status settle(napi_env env, void *data, napi_value *out) {
  job_t *j = data;
  if (j->failed) return napi_generic_failure;
  napi_status st = napi_create_object(env, out);
  return st == napi_ok ? answer(env, j, *out) : st;
}

static void release(napi_env env, void *data) {
  job_t *j = data;
  j->t->busy = 0;
  /* the large class is the last: its names are free now rather than when the handle is collected
     (V8 does not see this memory, so would not hurry), which is while a merge runs */
  if (j->large) table_clear(j->t);
  napi_delete_reference(env, j->handle);
  free(j);
}

static const async_call_t find_call = { "dupesFind", execute, settle, release };

static napi_value dupes_find(napi_env env, napi_callback_info info) {
  static const char usage[] = "dupesFind(handle, minSize, several, large, perDevice, headBytes, tailFrom)";
  size_t argc = 7;
  napi_value argv[7];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 7) {
    napi_throw_type_error(env, NULL, usage);
    return NULL;
  }
  table_t *t = table_arg(env, argv[0]);
  if (!t) return NULL;
  if (t->busy) {
    napi_throw_error(env, NULL, "dupesFind: a call on this table is still running");
    return NULL;
  }
  job_t *j = calloc(1, sizeof *j);
  if (!j) return throw_errno(env, ENOMEM, "dupesFind", "");
  double per = number_arg(env, argv[4]);
  *j = (job_t){ .t = t, .min_size = number_arg(env, argv[1]), .several = number_arg(env, argv[2]) != 0,
                .large = number_arg(env, argv[3]) != 0, .per_device = per < 1 ? 1 : per > MAX_THREADS ? MAX_THREADS : (int)per,
                .head = (uint64_t)number_arg(env, argv[5]), .tail_from = (uint64_t)number_arg(env, argv[6]) };
  napi_create_reference(env, argv[0], 1, &j->handle); /* the table outlives the call */
  t->busy = 1;
  return queue_promise(env, &find_call, j);
}

/* ---- the table ---- */

static napi_value dupes_files(napi_env env, napi_callback_info info) {
  (void)info;
  table_t *t = calloc(1, sizeof *t);
  napi_value handle;
  if (!t) return throw_errno(env, ENOMEM, "dupesFiles", "");
  if (napi_create_external(env, t, finalize, NULL, &handle) != napi_ok) {
    table_free(t);
    return throw_errno(env, ENOMEM, "dupesFiles", "");
  }
  return handle;
}

/* The table a call names, or NULL (a TypeError thrown) when it is none or is being searched already. */
static table_t *open_table(napi_env env, napi_callback_info info, size_t *argc, napi_value *argv, const char *usage) {
  if (napi_get_cb_info(env, info, argc, argv, NULL, NULL) != napi_ok || *argc < 1) {
    napi_throw_type_error(env, NULL, usage);
    return NULL;
  }
  table_t *t = table_arg(env, argv[0]);
  if (t && (t->busy || t->grouped)) {
    napi_throw_error(env, NULL, "dupes: names are added before the search");
    return NULL;
  }
  return t;
}

static napi_value dupes_add_drain(napi_env env, napi_callback_info info) {
  static const char usage[] = "dupesAddDrain(handle, recs: Float64Array, paths: string, root: number)";
  size_t argc = 4, len = 0, count = 0;
  napi_value argv[4];
  table_t *t = open_table(env, info, &argc, argv, usage);
  if (!t) return NULL;
  napi_typedarray_type type;
  void *data = NULL;
  if (argc < 4 || napi_get_typedarray_info(env, argv[1], &type, &count, &data, NULL, NULL) != napi_ok ||
      type != napi_float64_array) {
    napi_throw_type_error(env, NULL, usage);
    return NULL;
  }
  char *paths = string_arg(env, argv[2], &len);
  if (!paths) {
    napi_throw_type_error(env, NULL, usage);
    return NULL;
  }
  if (keep_chunk(t, paths)) {
    free(paths);
    return throw_errno(env, ENOMEM, "dupesAddDrain", "");
  }
  uint32_t root = (uint32_t)number_arg(env, argv[3]);
  const double *recs = data;
  size_t at = 0, left = 0;
  for (size_t r = 0; r + 1 <= count / REC && at <= len; r++) {
    const double *rec = recs + REC * r;
    const char *p = paths + at;
    at += strlen(p) + 1;
    if ((rec[V_TYPE] != R_ENTRY && rec[V_TYPE] != R_MULTI) || rec[V_STAT_KIND] != K_FILE) {
      left += rec[V_TYPE] != R_ENTRY; /* another kind since readdir (R_ENTRY) is no file to compare */
      continue;
    }
    name_t *nm = add_name(t);
    if (!nm) return throw_errno(env, ENOMEM, "dupesAddDrain", "");
    *nm = (name_t){ (uint64_t)rec[V_DEV], (uint64_t)rec[V_INO], (uint64_t)rec[V_SIZE], (uint32_t)rec[V_NLINK], root, p };
  }
  napi_value v;
  napi_create_double(env, (double)left, &v);
  return v;
}

static napi_value dupes_add(napi_env env, napi_callback_info info) {
  static const char usage[] = "dupesAdd(handle, path, dev, ino, links, size, root)";
  size_t argc = 7;
  napi_value argv[7];
  table_t *t = open_table(env, info, &argc, argv, usage);
  if (!t) return NULL;
  char *p = argc >= 7 ? path_arg(env, argv[1]) : NULL;
  if (!p) {
    napi_throw_type_error(env, NULL, usage);
    return NULL;
  }
  if (keep_chunk(t, p)) {
    free(p);
    return throw_errno(env, ENOMEM, "dupesAdd", "");
  }
  name_t *nm = add_name(t);
  if (!nm) return throw_errno(env, ENOMEM, "dupesAdd", "");
  *nm = (name_t){ (uint64_t)number_arg(env, argv[2]), (uint64_t)number_arg(env, argv[3]), (uint64_t)number_arg(env, argv[5]),
                  (uint32_t)number_arg(env, argv[4]), (uint32_t)number_arg(env, argv[6]), p };
  t->textual = 1;
  return NULL;
}

static napi_value dupes_progress(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], out;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1) return NULL;
  table_t *t = table_arg(env, argv[0]);
  double *d;
  if (!t || doubles_value(env, 2, &d, &out) != napi_ok) return NULL;
  d[0] = (double)__atomic_load_n(&t->hashed, __ATOMIC_RELAXED);
  d[1] = (double)__atomic_load_n(&t->candidates, __ATOMIC_RELAXED);
  return out;
}

static napi_value dupes_cancel(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1) return NULL;
  table_t *t = table_arg(env, argv[0]);
  if (t) __atomic_store_n(&t->cancel, 1, __ATOMIC_RELAXED);
  return NULL;
}

void find_dupes_export(napi_env env, napi_value exports) {
  static const struct { const char *name; napi_callback fn; } fns[] = {
    { "dupesFiles", dupes_files }, { "dupesAddDrain", dupes_add_drain }, { "dupesAdd", dupes_add },
    { "dupesFind", dupes_find }, { "dupesProgress", dupes_progress }, { "dupesCancel", dupes_cancel },
  };
  for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
    napi_value fn;
    napi_create_function(env, fns[i].name, NAPI_AUTO_LENGTH, fns[i].fn, NULL, &fn);
    napi_set_named_property(env, exports, fns[i].name, fn);
  }
}
#else
#include "napi_helpers.h"
void find_dupes_export(napi_env env, napi_value exports) { (void)env; (void)exports; }
#endif
