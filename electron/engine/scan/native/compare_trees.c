/*
 * A tree compare on native threads, from both roots to the last line of --json output (compare-native.ts).
 * Each thread takes a folder present on one or both sides, lists both sides through open folder handles,
 * matches the names, lstats, reads the bytes of separate files of one size (openat, large preads,
 * memcmp), and queues the subfolders; compare_out.c then orders the records as compare-walk.ts does
 * and writes them. No JavaScript runs per entry.
 *
 *   compareTrees(rootA, rootB, devA, inoA, devB, inoB, formsA, formsB, threads, stop: Int32Array)
 *     → Promise<{ text, counts: Float64Array, bytes: Float64Array, grouping, bytesRead, pairsRead }
 *               | { fallback: string }>
 *     formsA, formsB: each root as given and as the kernel resolves it, joined by NUL (absolute link
 *     texts are equal when they name one place inside their own roots); stop[0] set: the walk ends, and
 *     resolves { fallback: "cancelled" }.
 *
 * Anything this does not decide exactly as the walk in JavaScript would (a folder or entry that cannot be
 * read, a name that is not UTF-8, a path too long for a path-based call, a folder met twice, an absolute
 * link text that is not in its plain form) ends it with { fallback: why }: the caller then compares with
 * compare.ts, which reports the problem in node:fs's words.
 *
 * A hard-link clone costs one lstat per path, not two: where B's folder entry names the inode A's lstat
 * gave (readdir's d_ino, same device, same kind), it is that file. Only where d_ino is st_ino: on file
 * systems known to keep them equal, with no mount point inside either tree (a file mounted over another
 * keeps the name's d_ino).
 */
#include "scan_core.h" /* first: it sets the feature macros */
#include "async_promise.h"
#include "file_io.h"
#include "compare_trees.h"
#include "napi_helpers.h"
#include "run_threads.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/vfs.h>
#endif

#define BLOCK (256 * 1024)
#define MAX_THREADS 16
#define OPEN_FLAGS (O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)

typedef struct {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  fold_t **stack;
  size_t sp, scap;
  int busy;
  const char *why; /* set once: the walk gives up (see above) */
  idmap_t seen_a, seen_b; /* folders entered, by id */
  idmap_t verdicts;       /* A's linked file → B's and the verdict (top bit of B's device) */
  char *root_a, *root_b, *forms_a, *forms_b;
  size_t forms_a_len, forms_b_len;
  int by_dino;
  int threads;
  int32_t *stop;
  napi_ref stop_ref;
  fold_t *root;
  cout_t out;
} ctree_t;

static void give_up(ctree_t *t, const char *why) {
  pthread_mutex_lock(&t->mu);
  if (!t->why) t->why = why;
  pthread_cond_broadcast(&t->cv);
  pthread_mutex_unlock(&t->mu);
}

static int over(ctree_t *t) { return __atomic_load_n(&t->why, __ATOMIC_RELAXED) || __atomic_load_n(t->stop, __ATOMIC_RELAXED); }

/* One side of a folder: its entries sorted by name bytes (as node:fs lists), the folder kept open. */
typedef struct {
  const char *name;
  unsigned char dtype;
  uint64_t dino;
} ent_t;
typedef struct {
  DIR *dir;
  int fd;
  char *names;
  ent_t *ents;
  size_t n;
  struct stat *st;
  unsigned char *have; /* st[i] filled */
} side_t;

static int by_name(const void *a, const void *b) { return strcmp(((const ent_t *)a)->name, ((const ent_t *)b)->name); }

static void side_free(side_t *s) {
  if (s->dir) closedir(s->dir);
  free(s->names);
  free(s->ents);
  free(s->st);
  free(s->have);
}

/* List `path` into `s`; NULL, or why not. */
static const char *side_list(const char *path, side_t *s) {
  int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 || !(s->dir = fdopendir(fd))) {
    if (fd >= 0) close(fd);
    return "a folder cannot be listed";
  }
  s->fd = fd;
  size_t cap = 4096, used = 0, ecap = 64;
  size_t *offs = malloc(ecap * sizeof *offs);
  s->names = malloc(cap);
  s->ents = malloc(ecap * sizeof *s->ents);
  if (!offs || !s->names || !s->ents) return free(offs), "out of memory";
  for (struct dirent *d; (errno = 0, d = readdir(s->dir));) {
    const char *nm = d->d_name;
    if (nm[0] == '.' && (nm[1] == 0 || (nm[1] == '.' && nm[2] == 0))) continue;
    size_t len = strlen(nm);
    if (!utf8_valid((const unsigned char *)nm, len)) return free(offs), "a name is not UTF-8";
    if (used + len + 1 > cap) {
      while (used + len + 1 > cap) cap *= 2;
      char *g = realloc(s->names, cap);
      if (!g) return free(offs), "out of memory";
      s->names = g;
    }
    if (s->n == ecap) {
      ecap *= 2;
      ent_t *g = realloc(s->ents, ecap * sizeof *g);
      if (g) s->ents = g;
      size_t *h = g ? realloc(offs, ecap * sizeof *h) : NULL;
      if (!h) return free(offs), "out of memory";
      offs = h;
    }
    memcpy(s->names + used, nm, len + 1);
    offs[s->n] = used;
    s->ents[s->n++] = (ent_t){ NULL, d->d_type, (uint64_t)d->d_ino };
    used += len + 1;
  }
  if (errno) return free(offs), "a folder cannot be listed";
  for (size_t i = 0; i < s->n; i++) s->ents[i].name = s->names + offs[i];
  free(offs);
  qsort(s->ents, s->n, sizeof *s->ents, by_name);
  s->st = calloc(s->n + 1, sizeof *s->st);
  s->have = calloc(s->n + 1, 1);
  return s->st && s->have ? NULL : "out of memory";
}

static unsigned char kind_of(mode_t m) {
  return S_ISREG(m) ? K_FILE : S_ISDIR(m) ? K_DIR : S_ISLNK(m) ? K_LINK : K_OTHER;
}

static unsigned char kind_of_dtype(unsigned char t) {
  return t == DT_REG ? K_FILE : t == DT_DIR ? K_DIR : t == DT_LNK ? K_LINK : t == DT_UNKNOWN ? K_NONE : K_OTHER;
}

/* lstat entry i of a side whose folder path is `dlen` bytes; NULL, or why not. */
static const char *side_stat(side_t *s, size_t i, size_t dlen) {
  /* node:fs would use the full path: one the kernel refuses (ENAMETOOLONG) is a problem there */
  if (dlen + 1 + strlen(s->ents[i].name) >= PATH_MAX) return "a path is too long";
  if (fstatat(s->fd, s->ents[i].name, &s->st[i], AT_SYMLINK_NOFOLLOW) != 0) return "an entry cannot be stat'ed";
  s->have[i] = 1;
  return NULL;
}

/*
 * 1 when the two open files of `size` bytes (as listed) hold the same bytes, 0 when not, -1 on an error.
 * The last block asks one byte more than is left: on a regular file a read returns less than asked only
 * at its end, so getting exactly what was left proves the end without a second read.
 */
static int same_fds(ctree_t *t, int fa, int fb, double size, char *ba, char *bb) {
  for (off_t pos = 0;;) {
    if (__atomic_load_n(t->stop, __ATOMIC_RELAXED)) return -1;
    double left = size - (double)pos;
    int last = left >= 0 && left < BLOCK;
    size_t want = last ? (size_t)left + 1 : BLOCK;
    size_t end = last ? (size_t)left : want;
    ssize_t na = pread_full(fa, ba, want, end, pos), nb = na < 0 ? -1 : pread_full(fb, bb, want, end, pos);
    if (na < 0 || nb < 0) return -1;
    if (na != nb || memcmp(ba, bb, (size_t)na) != 0) return 0;
    if (na == 0 || (last && (double)na == left) || (!last && (size_t)na < want)) return 1; /* both ended there */
    pos += na; /* a file grown since listed, or a short read before its end: read on */
  }
}

/* The verdict on two separate files of one size: 1 same bytes, 0 not, -1 cannot be read. */
static int same_bytes_at(ctree_t *t, side_t *a, size_t i, side_t *b, size_t j, int linked, char *ba, char *bb) {
  const struct stat *x = &a->st[i], *y = &b->st[j];
  if (linked) { /* the same two files met again under other names: read once */
    pthread_mutex_lock(&t->mu);
    uint64_t *v = idmap_get(&t->verdicts, (uint64_t)x->st_dev, (uint64_t)x->st_ino);
    int known = v && (v[0] & ~(1ULL << 63)) == (uint64_t)y->st_dev && v[1] == (uint64_t)y->st_ino ? (int)(v[0] >> 63) : -1;
    pthread_mutex_unlock(&t->mu);
    if (known >= 0) return known;
  }
  int fa = openat(a->fd, a->ents[i].name, OPEN_FLAGS);
  int fb = fa < 0 ? -1 : openat(b->fd, b->ents[j].name, OPEN_FLAGS);
  int r = fb < 0 ? -1 : same_fds(t, fa, fb, (double)x->st_size, ba, bb);
  if (fa >= 0) close(fa);
  if (fb >= 0) close(fb);
  if (linked && r >= 0) {
    pthread_mutex_lock(&t->mu);
    if (idmap_put(&t->verdicts, (uint64_t)x->st_dev, (uint64_t)x->st_ino, (uint64_t)y->st_dev | ((uint64_t)r << 63), (uint64_t)y->st_ino))
      r = -1;
    pthread_mutex_unlock(&t->mu);
  }
  return r;
}

/* A link text in the form path.relative leaves as it is: absolute, no empty, "." or ".." part, no slash at the end. */
static int plain_abs(const char *p) {
  if (p[0] != '/') return 0;
  if (p[1] == 0) return 1;
  for (const char *c = p; *c; c++) {
    if (*c != '/') continue;
    const char *n = c + 1;
    if (*n == 0 || *n == '/' || (n[0] == '.' && (n[1] == '/' || n[1] == 0 || (n[1] == '.' && (n[2] == '/' || n[2] == 0)))))
      return 0;
  }
  return 1;
}

/* Where plain `p` lies under one of the NUL-joined `forms`, relative ("" the root itself), or NULL. */
static const char *under_any(const char *forms, size_t len, const char *p) {
  for (const char *f = forms; f < forms + len; f += strlen(f) + 1) {
    size_t lf = strlen(f);
    if (strcmp(p, f) == 0) return "";
    if (lf == 1 && f[0] == '/') return p + 1;
    if (strncmp(p, f, lf) == 0 && p[lf] == '/') return p + lf + 1;
  }
  return NULL;
}

/* compare-walk.ts sameLink: 1 equal, 0 not, -1 not told here. */
static int same_link(ctree_t *t, side_t *a, size_t i, side_t *b, size_t j) {
  char ta[PATH_MAX + 1], tb[PATH_MAX + 1];
  ssize_t la = readlinkat(a->fd, a->ents[i].name, ta, PATH_MAX), lb = readlinkat(b->fd, b->ents[j].name, tb, PATH_MAX);
  if (la < 0 || lb < 0 || la >= PATH_MAX || lb >= PATH_MAX) return -1;
  ta[la] = tb[lb] = 0;
  if (la == lb && memcmp(ta, tb, (size_t)la) == 0) return 1;
  if (ta[0] != '/' || tb[0] != '/') return 0;
  if (!plain_abs(ta) || !plain_abs(tb) || !utf8_valid((unsigned char *)ta, (size_t)la) || !utf8_valid((unsigned char *)tb, (size_t)lb))
    return -1;
  const char *ra = under_any(t->forms_a, t->forms_a_len, ta);
  const char *rb = ra ? under_any(t->forms_b, t->forms_b_len, tb) : NULL;
  return ra && rb && strcmp(ra, rb) == 0;
}

/* A subfolder to visit, with its place in B's listing (-1: none), as compare-walk.ts's Ordered. */
typedef struct {
  fold_t *f;
  long b_at;
} kid_t;

/* Enter a folder on one side: 1, or 0 when it was entered already (the walk in JavaScript reports that). */
static int enter(ctree_t *t, idmap_t *seen, const struct stat *st) {
  pthread_mutex_lock(&t->mu);
  int fresh = !idmap_get(seen, (uint64_t)st->st_dev, (uint64_t)st->st_ino);
  if (fresh && idmap_put(seen, (uint64_t)st->st_dev, (uint64_t)st->st_ino, 0, 0)) fresh = -1;
  pthread_mutex_unlock(&t->mu);
  return fresh;
}

static fold_t *new_fold(const char *rel, const char *name, int in_a, int in_b) {
  fold_t *f = calloc(1, sizeof *f);
  if (f && !(f->rel = *rel ? path_join(rel, strlen(rel), name, strlen(name)) : strdup(name))) free(f), f = NULL;
  if (f) f->in_a = in_a, f->in_b = in_b;
  return f;
}


/* Which entry of B has each name of A (-1: none), and back: both listings are sorted alike. */
static void match_names(const side_t *a, const side_t *b, long *of_a, long *of_b) {
  for (size_t j = 0; j < b->n; j++) of_b[j] = -1;
  for (size_t i = 0, j = 0; i < a->n; i++) {
    of_a[i] = -1;
    int c = 1;
    while (j < b->n && (c = strcmp(b->ents[j].name, a->ents[i].name)) < 0) j++;
    if (j < b->n && c == 0) of_a[i] = (long)j, of_b[j] = (long)i, j++;
  }
}

/* B's entry j is A's entry i when its folder entry names A's inode on A's device (see above). */
static int same_by_dino(const ctree_t *t, const side_t *a, size_t i, const side_t *b, size_t j, dev_t bdev) {
  const struct stat *x = &a->st[i];
  unsigned char k = kind_of(x->st_mode);
  return t->by_dino && k != K_DIR && bdev == x->st_dev && b->ents[j].dino == (uint64_t)x->st_ino &&
         kind_of_dtype(b->ents[j].dtype) == k;
}

/* The record of A's entry i, matched with B's entry j (-1: none); `keep` false for two folders. */
static const char *classify(ctree_t *t, side_t *a, size_t i, side_t *b, long j, crec_t *c, int *keep, char *ba, char *bb) {
  const struct stat *x = &a->st[i];
  unsigned char k = kind_of(x->st_mode);
  *c = (crec_t){ NULL, k == K_FILE ? (double)x->st_size : 0, (uint64_t)x->st_dev, (uint64_t)x->st_ino, 0, 0, S_ONLY_A, k, 0 };
  *keep = 1;
  if (j < 0) return NULL;
  const struct stat *y = &b->st[j];
  unsigned char kb = kind_of(y->st_mode);
  c->bdev = (uint64_t)y->st_dev, c->bino = (uint64_t)y->st_ino;
  if (k == K_FILE && kb == K_FILE && (x->st_nlink > 1 || y->st_nlink > 1)) c->flags |= C_IDS;
  if (k != kb) c->state = S_DIFFERS;
  else if (k == K_DIR) *keep = 0;
  else if (x->st_ino == y->st_ino && x->st_dev == y->st_dev) c->state = S_SAME_FILE;
  else if (k == K_LINK) {
    int same = same_link(t, a, i, b, (size_t)j);
    if (same < 0) return "a link cannot be read, or its text is not plain";
    c->state = same ? S_SAME_CONTENT : S_LINK_DIFFERS;
  } else if (k == K_FILE && x->st_size == y->st_size) {
    int linked = x->st_nlink > 1 && y->st_nlink > 1;
    c->flags |= C_READ | (linked ? C_LINKED : 0);
    int same = same_bytes_at(t, a, i, b, (size_t)j, linked, ba, bb);
    if (same < 0) return "a file cannot be read";
    c->state = same ? S_SAME_CONTENT : S_DIFFERS;
  } else c->state = S_DIFFERS;
  return NULL;
}

/* compare-walk.ts mergeVisits: A's subfolders in A's order, B's own before the first shared one after them in B's. */
static void merge_kids(fold_t *f, const kid_t *ka, size_t na, const kid_t *kb, size_t nb) {
  size_t j = 0;
  for (size_t i = 0; i < na; i++) {
    if (ka[i].b_at >= 0)
      while (j < nb && kb[j].b_at < ka[i].b_at) f->kids[f->nkids++] = kb[j++].f;
    f->kids[f->nkids++] = ka[i].f;
  }
  while (j < nb) f->kids[f->nkids++] = kb[j++].f;
}

typedef struct {
  side_t a, b;
  char *pa, *pb;
  long *of_a, *of_b;
  kid_t *ka, *kb;
  size_t nka, nkb;
} work_t;

static void work_free(work_t *w) {
  side_free(&w->a);
  side_free(&w->b);
  free(w->pa), free(w->pb), free(w->of_a), free(w->of_b);
  for (size_t k = 0; k < w->nka; k++) fold_free(w->ka[k].f);
  for (size_t k = 0; k < w->nkb; k++) fold_free(w->kb[k].f);
  free(w->ka), free(w->kb);
}

/* Both sides of `f` listed and stat'ed; B's matched entries by d_ino where that is known to hold. */
static const char *list_both(ctree_t *t, fold_t *f, work_t *w) {
  const char *why = NULL;
  if (!(w->pa = *f->rel ? path_join(t->root_a, strlen(t->root_a), f->rel, strlen(f->rel)) : strdup(t->root_a)) ||
      !(w->pb = *f->rel ? path_join(t->root_b, strlen(t->root_b), f->rel, strlen(f->rel)) : strdup(t->root_b)))
    return "out of memory";
  if (f->in_a && (why = side_list(w->pa, &w->a))) return why;
  if (f->in_b && (why = side_list(w->pb, &w->b))) return why;
  size_t la = strlen(w->pa), lb = strlen(w->pb);
  for (size_t i = 0; i < w->a.n; i++)
    if ((why = side_stat(&w->a, i, la))) return why;
  w->of_a = malloc((w->a.n + 1) * sizeof *w->of_a);
  w->of_b = malloc((w->b.n + 1) * sizeof *w->of_b);
  if (!w->of_a || !w->of_b) return "out of memory";
  match_names(&w->a, &w->b, w->of_a, w->of_b);
  struct stat bst;
  dev_t bdev = f->in_b && fstat(w->b.fd, &bst) == 0 ? bst.st_dev : (dev_t)-1;
  for (size_t j = 0; j < w->b.n; j++) {
    long i = w->of_b[j];
    if (i >= 0 && same_by_dino(t, &w->a, (size_t)i, &w->b, j, bdev)) {
      if (lb + 1 + strlen(w->b.ents[j].name) >= PATH_MAX) return "a path is too long";
      w->b.st[j] = w->a.st[i];
      w->b.have[j] = 1;
    } else if ((why = side_stat(&w->b, j, lb)))
      return why;
  }
  return NULL;
}

/* One folder: its records and its subfolders (f->kids, also queued by the caller); NULL, or why the walk gives up. */
static const char *visit(ctree_t *t, fold_t *f, work_t *w, char *ba, char *bb) {
  const char *why = list_both(t, f, w);
  if (why) return why;
  side_t *a = &w->a, *b = &w->b;
  if (!(f->recs = malloc((a->n + b->n + 1) * sizeof *f->recs)) || !(w->ka = malloc((a->n + 1) * sizeof *w->ka)) ||
      !(w->kb = malloc((b->n + 1) * sizeof *w->kb)))
    return "out of memory";
  for (size_t i = 0; i < a->n; i++) {
    if (over(t)) return "stopped";
    long j = w->of_a[i];
    crec_t c;
    int keep;
    if ((why = classify(t, a, i, b, j, &c, &keep, ba, bb))) return why;
    if (keep) {
      if (!(c.name = strdup(a->ents[i].name))) return "out of memory";
      f->recs[f->nrecs++] = c;
    }
    if (c.kind != K_DIR) continue;
    int in_b = j >= 0 && kind_of(b->st[j].st_mode) == K_DIR;
    if (enter(t, &t->seen_a, &a->st[i]) <= 0 || (in_b && enter(t, &t->seen_b, &b->st[j]) <= 0))
      return "a folder is met twice";
    fold_t *kid = new_fold(f->rel, a->ents[i].name, 1, in_b);
    if (!kid) return "out of memory";
    w->ka[w->nka++] = (kid_t){ kid, in_b ? j : -1 };
  }
  f->nonly_a = f->nrecs;
  for (size_t j = 0; j < b->n; j++) {
    long i = w->of_b[j];
    unsigned char k = kind_of(b->st[j].st_mode);
    if (i >= 0 && kind_of(a->st[i].st_mode) == k) continue; /* recorded with A's entry */
    if (i < 0) {
      crec_t c = { strdup(b->ents[j].name), k == K_FILE ? (double)b->st[j].st_size : 0, 0, 0, 0, 0, S_ONLY_B, k, 0 };
      if (!c.name) return "out of memory";
      f->recs[f->nrecs++] = c;
    }
    if (k != K_DIR) continue;
    if (enter(t, &t->seen_b, &b->st[j]) <= 0) return "a folder is met twice";
    fold_t *kid = new_fold(f->rel, b->ents[j].name, 0, 1);
    if (!kid) return "out of memory";
    w->kb[w->nkb++] = (kid_t){ kid, (long)j };
  }
  if (!(f->kids = malloc((w->nka + w->nkb + 1) * sizeof *f->kids))) return "out of memory";
  merge_kids(f, w->ka, w->nka, w->kb, w->nkb);
  w->nka = w->nkb = 0; /* the kids belong to f now */
  return NULL;
}

static void *walker(void *arg) {
  ctree_t *t = arg;
  char *ba = malloc(BLOCK), *bb = malloc(BLOCK);
  if (!ba || !bb) give_up(t, "out of memory");
  pthread_mutex_lock(&t->mu);
  for (;;) {
    while (t->sp == 0 && t->busy > 0 && !t->why && !__atomic_load_n(t->stop, __ATOMIC_RELAXED)) pthread_cond_wait(&t->cv, &t->mu);
    if (t->sp == 0 || t->why || __atomic_load_n(t->stop, __ATOMIC_RELAXED)) break;
    fold_t *f = t->stack[--t->sp];
    t->busy++;
    pthread_mutex_unlock(&t->mu);
    work_t w = { 0 };
    const char *why = visit(t, f, &w, ba, bb);
    work_free(&w);
    pthread_mutex_lock(&t->mu);
    if (why && !t->why) t->why = why;
    if (!why && t->sp + f->nkids > t->scap) {
      size_t cap = t->scap ? t->scap : 256;
      while (t->sp + f->nkids > cap) cap *= 2;
      fold_t **g = realloc(t->stack, cap * sizeof *g);
      if (g) t->stack = g, t->scap = cap;
      else if (!t->why) t->why = "out of memory";
    }
    for (size_t k = f->nkids; !t->why && k > 0; k--) t->stack[t->sp++] = f->kids[k - 1];
    t->busy--;
    pthread_cond_broadcast(&t->cv);
  }
  pthread_cond_broadcast(&t->cv);
  pthread_mutex_unlock(&t->mu);
  free(ba);
  free(bb);
  return NULL;
}

static void walk_all(void *data) {
  ctree_t *t = data;
  run_on_threads(t->threads, walker, t);
  if (!t->why && __atomic_load_n(t->stop, __ATOMIC_RELAXED)) t->why = "cancelled";
  if (!t->why && compare_out(t->root, &t->out)) t->why = "out of memory";
}

static void ctree_free(napi_env env, void *data) {
  ctree_t *t = data;
  if (t->stop_ref) napi_delete_reference(env, t->stop_ref);
  fold_free(t->root);
  idmap_free(&t->seen_a), idmap_free(&t->seen_b), idmap_free(&t->verdicts);
  free(t->stack), free(t->root_a), free(t->root_b), free(t->forms_a), free(t->forms_b), free(t->out.text);
  pthread_mutex_destroy(&t->mu);
  pthread_cond_destroy(&t->cv);
  free(t);
}

/* The walk's result, or { fallback: why }: the caller then compares in JavaScript. */
static napi_status compared_value(napi_env env, void *data, napi_value *obj) {
  ctree_t *t = data;
  napi_value v;
  napi_create_object(env, obj);
  if (t->why || napi_create_string_utf8(env, t->out.text ? t->out.text : "", t->out.len, &v) != napi_ok) {
    napi_create_string_utf8(env, t->why ? t->why : "out of memory", NAPI_AUTO_LENGTH, &v);
    napi_set_named_property(env, *obj, "fallback", v);
  } else {
    napi_set_named_property(env, *obj, "text", v);
    float64s_value(env, t->out.counts, S_COUNT, &v);
    napi_set_named_property(env, *obj, "counts", v);
    float64s_value(env, t->out.bytes, S_COUNT, &v);
    napi_set_named_property(env, *obj, "bytes", v);
    const struct { const char *name; double value; } nums[] = {
      { "grouping", t->out.grouping }, { "bytesRead", t->out.bytes_read }, { "pairsRead", t->out.pairs_read },
    };
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
      napi_create_double(env, nums[i].value, &v);
      napi_set_named_property(env, *obj, nums[i].name, v);
    }
  }
  return napi_ok;
}

static const async_call_t compare_call = { "compareTrees", walk_all, compared_value, ctree_free };

/* A root's forms as NUL-joined bytes (string_arg keeps the NULs). */
static char *forms_arg(napi_env env, napi_value v, size_t *len) {
  char *s = string_arg(env, v, len);
  if (s && *len > 0 && s[*len - 1] == 0) (*len)--; /* a trailing NUL ends the last form already */
  return s;
}

#if defined(__linux__)
/* File systems whose readdir d_ino is the inode lstat gives (overlayfs, FUSE and others may differ). */
static int plain_fs(long type) {
  return type == 0xEF53 /* ext2/3/4 */ || type == 0x58465342 /* xfs */ || type == 0x9123683E /* btrfs */ ||
         type == 0x01021994 /* tmpfs */;
}

/* Whether some mount point lies strictly inside `real` (/proc/self/mountinfo's fifth field); 1 also when that cannot be told. */
static int mount_inside(const char *real) {
  FILE *f = fopen("/proc/self/mountinfo", "re");
  if (!f) return 1;
  size_t lr = strlen(real), cap = 0;
  char *line = NULL;
  int inside = 0;
  while (!inside && getline(&line, &cap, f) > 0) {
    char *p = line;
    for (int field = 0; field < 4 && p; field++) p = strchr(p, ' '), p = p ? p + 1 : NULL;
    if (!p) continue;
    char mp[PATH_MAX + 1];
    size_t n = 0;
    for (; *p && *p != ' ' && *p != '\n' && n < PATH_MAX; p++) { /* octal escapes: \040 is a space */
      if (p[0] == '\\' && p[1] >= '0' && p[1] <= '3' && p[2] && p[3]) {
        mp[n++] = (char)((p[1] - '0') * 64 + (p[2] - '0') * 8 + (p[3] - '0'));
        p += 3;
      } else mp[n++] = *p;
    }
    mp[n] = 0;
    inside = lr == 1 ? n > 1 : n > lr && strncmp(mp, real, lr) == 0 && mp[lr] == '/';
  }
  free(line);
  fclose(f);
  return inside;
}
#endif

/* Whether B's folder entries may stand for their lstat under `root` (see above). */
static int dino_is_ino(const char *root) {
#if defined(__linux__)
  struct statfs fs;
  char *real = realpath(root, NULL);
  int ok = real && statfs(real, &fs) == 0 && plain_fs((long)fs.f_type) && !mount_inside(real);
  free(real);
  return ok;
#else
  (void)root;
  return 0;
#endif
}

static napi_value compare_trees(napi_env env, napi_callback_info info) {
  size_t argc = 10;
  napi_value argv[10];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  ctree_t *t = calloc(1, sizeof *t);
  if (!t) return throw_errno(env, ENOMEM, "compareTrees", "");
  pthread_mutex_init(&t->mu, NULL);
  pthread_cond_init(&t->cv, NULL);
  bool typed = false;
  napi_typedarray_type type = napi_int8_array;
  size_t n = 0;
  void *stop = NULL;
  if (argc == 10) napi_is_typedarray(env, argv[9], &typed);
  if (typed) napi_get_typedarray_info(env, argv[9], &type, &n, &stop, NULL, NULL);
  t->root_a = argc == 10 ? path_arg(env, argv[0]) : NULL;
  t->root_b = argc == 10 ? path_arg(env, argv[1]) : NULL;
  t->forms_a = argc == 10 ? forms_arg(env, argv[6], &t->forms_a_len) : NULL;
  t->forms_b = argc == 10 ? forms_arg(env, argv[7], &t->forms_b_len) : NULL;
  t->root = calloc(1, sizeof *t->root);
  if (t->root) t->root->rel = strdup(""), t->root->in_a = t->root->in_b = 1;
  t->stack = malloc(256 * sizeof *t->stack);
  t->scap = 256;
  if (!t->root_a || !t->root_b || !t->forms_a || !t->forms_b || !typed || type != napi_int32_array || n < 1 || !t->root ||
      !t->root->rel || !t->stack) {
    ctree_free(env, t);
    napi_throw_type_error(env, NULL, "compareTrees(rootA, rootB, devA, inoA, devB, inoB, formsA, formsB, threads, stop: Int32Array)");
    return NULL;
  }
  t->stop = stop;
  napi_create_reference(env, argv[9], 1, &t->stop_ref); /* its memory stays while the walk reads it */
  struct stat ra = { .st_dev = (dev_t)number_arg(env, argv[2]), .st_ino = (ino_t)number_arg(env, argv[3]) };
  struct stat rb = { .st_dev = (dev_t)number_arg(env, argv[4]), .st_ino = (ino_t)number_arg(env, argv[5]) };
  enter(t, &t->seen_a, &ra);
  enter(t, &t->seen_b, &rb);
  t->threads = (int)number_arg(env, argv[8]);
  if (t->threads < 1) t->threads = 1;
  if (t->threads > MAX_THREADS) t->threads = MAX_THREADS;
  t->by_dino = dino_is_ino(t->root_a) && dino_is_ino(t->root_b);
  t->stack[t->sp++] = t->root;
  return queue_promise(env, &compare_call, t);
}

void compare_trees_export(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "compareTrees", NAPI_AUTO_LENGTH, compare_trees, NULL, &fn);
  napi_set_named_property(env, exports, "compareTrees", fn);
}
