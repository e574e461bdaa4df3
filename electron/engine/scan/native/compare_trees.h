/*
 * A whole tree compare on native threads (compare_trees.c walks and reads, compare_out.c orders and
 * writes). The states are shared/types/trees.ts's COMPARE_STATES, in its order.
 */
#ifndef LINKSCOPE_COMPARE_TREES_H
#define LINKSCOPE_COMPARE_TREES_H
#include <stddef.h>
#include <stdint.h>

enum { S_SAME_FILE = 0, S_SAME_CONTENT, S_DIFFERS, S_LINK_DIFFERS, S_ONLY_A, S_ONLY_B, S_COUNT };

/* crec_t.flags */
enum {
  C_READ = 1,   /* a pair of separate files of one size: its bytes decided the state */
  C_LINKED = 2, /* ... each with several names: the pair may be the same two files met again */
  C_IDS = 4,    /* two files, one with several names: checked for grouping */
  C_GROUPING = 8 /* grouped differently */
};

/* One path's record: its name in its folder, what the compare found, and the two files' ids. */
typedef struct {
  char *name;
  double size;
  uint64_t adev, aino, bdev, bino;
  uint8_t state, kind, flags;
} crec_t;

/* One folder visited: its path relative to the roots, its records (A's order, then B's own), and the
 * subfolders to visit after it, in the order the walk in JavaScript (compare-walk.ts) takes them. */
typedef struct fold fold_t;
struct fold {
  char *rel;
  int in_a, in_b;
  crec_t *recs;
  size_t nrecs, nonly_a; /* recs[0..nonly_a): A's entries; the rest: B's own (only-b) */
  fold_t **kids;
  size_t nkids;
};

/* What compare_out gives back: the NDJSON text and the summary's figures. */
typedef struct {
  char *text;
  size_t len;
  double counts[S_COUNT], bytes[S_COUNT];
  double grouping, bytes_read, pairs_read;
} cout_t;

/* (dev, ino) → (dev, ino), for the sets and maps of ids both halves keep (compare_out.c). */
typedef struct {
  uint64_t *kv; /* key dev, key ino, value dev, value ino */
  unsigned char *used;
  size_t cap, n;
} idmap_t;
/* The value of (dev, ino), or NULL. */
uint64_t *idmap_get(const idmap_t *m, uint64_t dev, uint64_t ino);
/* Set (dev, ino) to (vdev, vino) unless it is there; 0, or -1 out of memory. */
int idmap_put(idmap_t *m, uint64_t dev, uint64_t ino, uint64_t vdev, uint64_t vino);
void idmap_free(idmap_t *m);

/* Order the folds from `root`, settle bytes read and grouping, and write every record's line into `out`
 * (rel paths joined with '/'). 0, or ENOMEM. */
int compare_out(fold_t *root, cout_t *out);
void fold_free(fold_t *f);

#endif
