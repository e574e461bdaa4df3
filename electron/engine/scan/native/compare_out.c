/*
 * The end of a native tree compare (compare_trees.h): once every folder is done, the folders are put in
 * the walk's order (each folder's records, then its subfolders', depth first; B's own paths after all of
 * A's), and the figures that depend on that order or on the whole tree are settled here, as
 * compare-walk.ts and compare-grouping.ts settle them: the bytes read (a pair of the same two files read
 * once) and the paths whose hard links are grouped differently. Then each record's --json line is
 * written as compare-line.ts writes it (the caller gave up on any name that is not UTF-8).
 */
#include "compare_trees.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* idmap_t: open addressing, grown at half full. */

static uint64_t mix(uint64_t x) { /* splitmix64's finaliser */
  x ^= x >> 30; x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27; x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

static size_t slot(const idmap_t *m, uint64_t dev, uint64_t ino) {
  size_t i = mix(dev * 0x9e3779b97f4a7c15ULL ^ ino) & (m->cap - 1);
  while (m->used[i] && (m->kv[4 * i] != dev || m->kv[4 * i + 1] != ino)) i = (i + 1) & (m->cap - 1);
  return i;
}

uint64_t *idmap_get(const idmap_t *m, uint64_t dev, uint64_t ino) {
  if (!m->cap) return NULL;
  size_t i = slot(m, dev, ino);
  return m->used[i] ? &m->kv[4 * i + 2] : NULL;
}

int idmap_put(idmap_t *m, uint64_t dev, uint64_t ino, uint64_t vdev, uint64_t vino) {
  if (2 * (m->n + 1) > m->cap) {
    idmap_t g = { NULL, NULL, m->cap ? 2 * m->cap : 1024, 0 };
    if (!(g.kv = malloc(4 * g.cap * sizeof *g.kv)) || !(g.used = calloc(g.cap, 1))) { free(g.kv); return -1; }
    for (size_t i = 0; i < m->cap; i++)
      if (m->used[i]) idmap_put(&g, m->kv[4 * i], m->kv[4 * i + 1], m->kv[4 * i + 2], m->kv[4 * i + 3]);
    free(m->kv);
    free(m->used);
    *m = g;
  }
  size_t i = slot(m, dev, ino);
  if (m->used[i]) return 0;
  m->used[i] = 1;
  uint64_t *e = &m->kv[4 * i];
  e[0] = dev, e[1] = ino, e[2] = vdev, e[3] = vino;
  m->n++;
  return 0;
}

void idmap_free(idmap_t *m) {
  free(m->kv);
  free(m->used);
}

void fold_free(fold_t *root) {
  if (!root) return;
  /* an explicit stack: the deepest tree cannot overflow the call stack */
  size_t sp = 0, cap = 64;
  fold_t **stack = malloc(cap * sizeof *stack);
  fold_t *f = root;
  for (;;) {
    for (size_t k = 0; k < f->nkids; k++) {
      if (sp == cap) {
        fold_t **g = stack ? realloc(stack, 2 * cap * sizeof *stack) : NULL;
        if (!g) break; /* out of memory: the rest leaks rather than crash */
        stack = g, cap *= 2;
      }
      if (stack) stack[sp++] = f->kids[k];
    }
    for (size_t r = 0; r < f->nrecs; r++) free(f->recs[r].name);
    free(f->recs);
    free(f->kids);
    free(f->rel);
    free(f);
    if (!stack || sp == 0) break;
    f = stack[--sp];
  }
  free(stack);
}

/* Every fold from `root` in the walk's order (depth first, a folder before its subfolders); NULL when out of memory. */
static fold_t **in_order(fold_t *root, size_t *n) {
  size_t cap = 1024, sp = 1, count = 0, scap = 64;
  fold_t **order = malloc(cap * sizeof *order), **stack = malloc(scap * sizeof *stack);
  if (!order || !stack) goto fail;
  stack[0] = root;
  while (sp > 0) {
    fold_t *f = stack[--sp];
    if (count == cap) {
      fold_t **g = realloc(order, 2 * cap * sizeof *order);
      if (!g) goto fail;
      order = g, cap *= 2;
    }
    order[count++] = f;
    if (sp + f->nkids > scap) {
      while (sp + f->nkids > scap) scap *= 2;
      fold_t **g = realloc(stack, scap * sizeof *stack);
      if (!g) goto fail;
      stack = g;
    }
    for (size_t k = f->nkids; k > 0; k--) stack[sp++] = f->kids[k - 1];
  }
  free(stack);
  *n = count;
  return order;
fail:
  free(order);
  free(stack);
  return NULL;
}

/* The bytes read, both sides, as compare-walk.ts counts them: a pair of two linked files whose A file was
 * first met with the same B file is that pair again, not read. */
static int settle_reads(fold_t **order, size_t n, cout_t *out) {
  idmap_t first = { 0 };
  for (size_t i = 0; i < n; i++) {
    fold_t *f = order[i];
    for (size_t r = 0; r < f->nonly_a; r++) {
      crec_t *c = &f->recs[r];
      if (!(c->flags & C_READ)) continue;
      if (c->flags & C_LINKED) {
        uint64_t *seen = idmap_get(&first, c->adev, c->aino);
        if (seen && seen[0] == c->bdev && seen[1] == c->bino) continue;
        if (!seen && idmap_put(&first, c->adev, c->aino, c->bdev, c->bino)) return idmap_free(&first), ENOMEM;
      }
      out->pairs_read++;
      out->bytes_read += 2 * c->size;
    }
  }
  idmap_free(&first);
  return 0;
}

/* Mark the records whose files are grouped differently (compare-grouping.ts's groupingDiffers). */
static int settle_grouping(fold_t **order, size_t n, cout_t *out) {
  int all_same = 1;
  for (size_t i = 0; i < n && all_same; i++)
    for (size_t r = 0; r < order[i]->nonly_a && all_same; r++) {
      const crec_t *c = &order[i]->recs[r];
      if ((c->flags & C_IDS) && (c->adev != c->bdev || c->aino != c->bino)) all_same = 0;
    }
  if (all_same) return 0;
  idmap_t ab = { 0 }, ba = { 0 }, bad_a = { 0 }, bad_b = { 0 };
  int err = 0;
  for (size_t i = 0; i < n && !err; i++)
    for (size_t r = 0; r < order[i]->nonly_a && !err; r++) {
      const crec_t *c = &order[i]->recs[r];
      if (!(c->flags & C_IDS)) continue;
      uint64_t *a = idmap_get(&ab, c->adev, c->aino), *b = idmap_get(&ba, c->bdev, c->bino);
      if (!a) err |= idmap_put(&ab, c->adev, c->aino, c->bdev, c->bino);
      else if (a[0] != c->bdev || a[1] != c->bino) err |= idmap_put(&bad_a, c->adev, c->aino, 0, 0);
      if (!b) err |= idmap_put(&ba, c->bdev, c->bino, c->adev, c->aino);
      else if (b[0] != c->adev || b[1] != c->aino) err |= idmap_put(&bad_b, c->bdev, c->bino, 0, 0);
    }
  for (size_t i = 0; i < n && !err && bad_a.n + bad_b.n > 0; i++)
    for (size_t r = 0; r < order[i]->nonly_a; r++) {
      crec_t *c = &order[i]->recs[r];
      if ((c->flags & C_IDS) && (idmap_get(&bad_a, c->adev, c->aino) || idmap_get(&bad_b, c->bdev, c->bino))) {
        c->flags |= C_GROUPING;
        out->grouping++;
      }
    }
  idmap_free(&ab), idmap_free(&ba), idmap_free(&bad_a), idmap_free(&bad_b);
  return err ? ENOMEM : 0;
}

typedef struct {
  char *s;
  size_t len, cap;
  int nomem;
} buf_t;

static void put(buf_t *b, const char *s, size_t n) {
  if (b->nomem) return;
  if (b->len + n > b->cap) {
    size_t cap = b->cap ? b->cap : 1 << 16;
    while (b->len + n > cap) cap *= 2;
    char *g = realloc(b->s, cap);
    if (!g) { b->nomem = 1; return; }
    b->s = g, b->cap = cap;
  }
  memcpy(b->s + b->len, s, n);
  b->len += n;
}

/* `s` inside a JSON string as JSON.stringify writes it (UTF-8 in, so no lone surrogate to escape). */
static void put_escaped(buf_t *b, const char *s) {
  static const char hex[] = "0123456789abcdef";
  const char *run = s;
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    put(b, run, (size_t)(s - run));
    run = s + 1;
    char e[7] = { '\\', 0 };
    size_t n = 2;
    switch (c) {
      case '"': e[1] = '"'; break;
      case '\\': e[1] = '\\'; break;
      case '\b': e[1] = 'b'; break;
      case '\f': e[1] = 'f'; break;
      case '\n': e[1] = 'n'; break;
      case '\r': e[1] = 'r'; break;
      case '\t': e[1] = 't'; break;
      default: memcpy(e + 1, "u00", 3), e[4] = hex[c >> 4], e[5] = hex[c & 15], n = 6;
    }
    put(b, e, n);
  }
  put(b, run, (size_t)(s - run));
}

static const char *const STATES[S_COUNT] = { "same-file", "same-content", "differs", "link-differs", "only-a", "only-b" };
static const char *const KINDS[] = { "other", "file", "dir", "symlink", "other" }; /* by K_… (scan_core.h) */

static void put_line(buf_t *b, const char *rel, const crec_t *c) {
  put(b, "{\"path\":\"", 9);
  if (*rel) {
    put_escaped(b, rel);
    put(b, "/", 1);
  }
  put_escaped(b, c->name);
  char tail[128];
  int n = snprintf(tail, sizeof tail, "\",\"state\":\"%s\",\"size\":%.0f,\"kind\":\"%s\"%s}\n", STATES[c->state], c->size,
                   KINDS[c->kind < 5 ? c->kind : 0], c->flags & C_GROUPING ? ",\"grouping\":\"differs\"" : "");
  put(b, tail, (size_t)n);
}

int compare_out(fold_t *root, cout_t *out) {
  memset(out, 0, sizeof *out);
  size_t n = 0;
  fold_t **order = in_order(root, &n);
  if (!order) return ENOMEM;
  int err = settle_reads(order, n, out);
  if (!err) err = settle_grouping(order, n, out);
  buf_t b = { 0 };
  for (int pass = 0; pass < 2 && !err; pass++) /* A's paths, then B's own */
    for (size_t i = 0; i < n; i++) {
      const fold_t *f = order[i];
      for (size_t r = pass ? f->nonly_a : 0; r < (pass ? f->nrecs : f->nonly_a); r++) {
        const crec_t *c = &f->recs[r];
        out->counts[c->state]++;
        out->bytes[c->state] += c->size;
        put_line(&b, f->rel, c);
      }
    }
  free(order);
  if (!err && b.nomem) err = ENOMEM;
  if (err) {
    free(b.s);
    return err;
  }
  out->text = b.s;
  out->len = b.len;
  return 0;
}
