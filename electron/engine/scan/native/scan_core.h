/*
 * The part of linkscope_scan that knows nothing of Node: list one folder and stat its entries relative
 * to an open handle to it (fstatat), keeping only the entries a walk acts on, as records. scan_dir.c
 * hands one folder's records to JavaScript; walk.c walks a whole tree on several threads with it.
 */
#ifndef LINKSCOPE_SCAN_CORE_H
#define LINKSCOPE_SCAN_CORE_H

/* glibc: POSIX.1-2008 (fstatat, fdopendir, dirfd, strndup) and the BSD d_type constants; macOS shows them by default. */
#define _DEFAULT_SOURCE
#include <stddef.h>
#include <stdint.h>

/* doubles per record: type, kind, lstat errno, follow errno, lstat kind, nlink, ino, dev, size, mode, mtime s, ns,
   the kind a stat through a link saw (F_TARGET) */
#define REC 13
enum { V_TYPE = 0, V_KIND, V_ERR, V_FOLLOW_ERR, V_STAT_KIND, V_NLINK, V_INO, V_DEV, V_SIZE, V_MODE, V_MTIME_S, V_MTIME_NS, V_TARGET_KIND };

enum { K_NONE = 0, K_FILE = 1, K_DIR = 2, K_LINK = 3, K_OTHER = 4 };
/* F_ONE_DEVICE: only for a walk (walk.c), which then queues no folder on another device than the root's.
   F_EACH: a record for each entry the kind flags select (R_DIR, or R_ENTRY with its lstat and a link's
   text), not only for those a scan acts on: duplicate finding asks it for files, tree copy and compare
   for every kind.
   F_LISTED: only for a walk: each folder listed gives an R_LISTED record (its own path) followed by all of
   its records, its subfolders' R_DIR records too, each with its name only (not its full path), so JS can
   rebuild every folder's listing (compare).
   F_TARGET: with F_EACH, each link's R_ENTRY also carries a stat through it (V_FOLLOW_ERR its errno, or
   V_TARGET_KIND what it reached), so "links pointing here" gives each link's status without a stat by path.
   F_INTO: with F_EACH | F_TARGET, a link that leads into match_t's target (link_into.c) gets an R_INTO record,
   its target string the text, a NUL and the text resolved against its folder; one that does not, none;
   one that cannot be told here, its R_ENTRY. */
enum { F_FILES = 1, F_LINKS = 2, F_OTHERS = 4, F_FOLLOW = 8, F_MATCH_ID = 16, F_MATCH_NAME = 32, F_ONE_DEVICE = 64, F_EACH = 128, F_LISTED = 256, F_TARGET = 512, F_INTO = 1024 };
/* R_FAIL: only from walk.c, a folder that could not be listed (V_ERR its errno); R_LISTED: see F_LISTED; R_INTO: see F_INTO */
enum { R_DIR = 1, R_MULTI = 2, R_BROKEN = 3, R_REDO = 4, R_MATCH = 5, R_FAIL = 6, R_ENTRY = 7, R_LISTED = 8, R_INTO = 9 };

typedef struct {
  const char *name;
  size_t len;
  uint64_t ino; /* readdir's d_ino: the order entries are stat'ed in (scan_core.c stat_order) */
  unsigned char dtype;
} entry_t;

/* Records gathered while a folder is read. */
typedef struct {
  double *recs;     /* REC doubles each */
  uint32_t *entry;  /* the entry (index into the sorted names) each record is about */
  char **targets;   /* BROKEN: the link's target (malloc'ed) or NULL */
  size_t n, cap;
} records_t;

/* One folder: `count` entries, `bytes` of the lstat'ed files that need no record, the records, and the names they point into. */
typedef struct {
  size_t count;
  double bytes;
  records_t recs;
  entry_t *ents;
  char *names;
  size_t *offs;
} listing_t;

/* What to match (F_MATCH_NAME: name; F_MATCH_ID: dev and ino; F_INTO: the target as given and its real path). */
typedef struct {
  const char *name;
  size_t name_len;
  double dev, ino;
  const char *target, *real;
  size_t target_len, real_len;
} match_t;

/*
 * List `path` (plen bytes) into `out`. Returns 0, or an errno with *syscall naming the call that failed:
 * "scandir" when the folder cannot be opened or read, "lstat" when an entry without d_type cannot be
 * stat'ed (node:fs fails the whole listing then too). ENOMEM when memory runs out. `out` must be freed
 * with listing_free either way. `stop` (may be NULL) is read every STOP_EVERY entries: once it is
 * non-zero the listing ends with ECANCELED, so a walk stops within a few hundred stats even in a folder
 * of a million entries.
 */
#define STOP_EVERY 256
int list_folder(const char *path, size_t plen, int flags, const match_t *match, const int *stop, listing_t *out, const char **syscall);
void listing_free(listing_t *l);
/* link_into.c: `text` resolved against the absolute folder `dir` as path.resolve does it (malloc'ed, NUL-ended). */
char *resolve_lexically(const char *dir, size_t dlen, const char *text, size_t tlen, size_t *len);
/* Whether the link `name` in the folder `dir` (open as dfd), whose text is `text`, leads into m's target: 1, 0,
   or -1 when it cannot be told here. With 1, *resolved is the text resolved against `dir` (malloc'ed). */
int link_into(const char *dir, size_t dlen, int dfd, const char *name, const char *text, size_t tlen, int follow_err,
              const match_t *m, char **resolved);
const char *errno_name(int e);
/* The length of the well-formed UTF-8 sequence (RFC 3629: no overlongs, surrogates or code points past
   U+10FFFF) at s[i], or 0 when none starts there; utf8_valid: the whole of s is such sequences. */
size_t utf8_sequence(const unsigned char *s, size_t len, size_t i);
int utf8_valid(const unsigned char *s, size_t len);

#endif
