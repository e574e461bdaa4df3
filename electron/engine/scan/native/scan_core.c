/* See scan_core.h. */
#include "scan_core.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif
#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif

#if defined(__APPLE__)
#define MTIME(s) ((s).st_mtimespec)
#else
#define MTIME(s) ((s).st_mtim)
#endif

const char *errno_name(int e) {
  switch (e) {
    case ENOENT: return "ENOENT";
    case EACCES: return "EACCES";
    case EPERM: return "EPERM";
    case ENOTDIR: return "ENOTDIR";
    case ELOOP: return "ELOOP";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case EIO: return "EIO";
    case EMFILE: return "EMFILE";
    case ENFILE: return "ENFILE";
    case ENOMEM: return "ENOMEM";
    case EBUSY: return "EBUSY";
    case EINVAL: return "EINVAL";
    case EBADF: return "EBADF";
    case EOVERFLOW: return "EOVERFLOW";
    case EILSEQ: return "EILSEQ";
    case EEXIST: return "EEXIST";
    case EXDEV: return "EXDEV";
    case EMLINK: return "EMLINK";
    case ENOSYS: return "ENOSYS";
    case ENOTEMPTY: return "ENOTEMPTY";
    case EROFS: return "EROFS";
    case ENOSPC: return "ENOSPC";
    case EDQUOT: return "EDQUOT";
    case EISDIR: return "EISDIR";
    case EOPNOTSUPP: return "EOPNOTSUPP";
#ifdef ESTALE
    case ESTALE: return "ESTALE";
#endif
    default: return "UNKNOWN";
  }
}

static unsigned char kind_of_mode(mode_t m) {
  if (S_ISREG(m)) return K_FILE;
  if (S_ISDIR(m)) return K_DIR;
  if (S_ISLNK(m)) return K_LINK;
  return K_OTHER;
}

static unsigned char kind_of_dtype(unsigned char t) {
  switch (t) {
    case DT_REG: return K_FILE;
    case DT_DIR: return K_DIR;
    case DT_LNK: return K_LINK;
    case DT_UNKNOWN: return K_NONE;
    default: return K_OTHER;
  }
}

size_t utf8_sequence(const unsigned char *s, size_t len, size_t i) {
  unsigned char c = s[i];
  if (c < 0x80) return 1;
  size_t extra;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) extra = 1;
  else if (c >= 0xE0 && c <= 0xEF) { extra = 2; if (c == 0xE0) lo = 0xA0; else if (c == 0xED) hi = 0x9F; }
  else if (c >= 0xF0 && c <= 0xF4) { extra = 3; if (c == 0xF0) lo = 0x90; else if (c == 0xF4) hi = 0x8F; }
  else return 0;
  if (i + extra >= len) return 0;
  if (s[i + 1] < lo || s[i + 1] > hi) return 0;
  for (size_t j = 2; j <= extra; j++) if (s[i + j] < 0x80 || s[i + j] > 0xBF) return 0;
  return extra + 1;
}

int utf8_valid(const unsigned char *s, size_t len) {
  for (size_t i = 0, n; i < len; i += n)
    if (!(n = utf8_sequence(s, len, i))) return 0;
  return 1;
}

static int by_name(const void *a, const void *b) {
  return strcmp(((const entry_t *)a)->name, ((const entry_t *)b)->name);
}

static double *add_record(records_t *r, int type, uint32_t entry, unsigned char kind) {
  if (r->n == r->cap) {
    size_t cap = r->cap ? r->cap * 2 : 16;
    double *recs = realloc(r->recs, cap * REC * sizeof *recs);
    if (!recs) return NULL;
    r->recs = recs;
    uint32_t *ent = realloc(r->entry, cap * sizeof *ent);
    if (!ent) return NULL;
    r->entry = ent;
    char **t = realloc(r->targets, cap * sizeof *t);
    if (!t) return NULL;
    r->targets = t;
    r->cap = cap;
  }
  double *rec = r->recs + REC * r->n;
  memset(rec, 0, REC * sizeof *rec);
  rec[0] = type;
  rec[1] = kind;
  r->entry[r->n] = entry;
  r->targets[r->n] = NULL;
  r->n++;
  return rec;
}

static void put_stat(double *rec, const struct stat *st) {
  rec[4] = kind_of_mode(st->st_mode);
  rec[5] = (double)st->st_nlink;
  rec[6] = (double)st->st_ino;
  rec[7] = (double)st->st_dev;
  rec[8] = (double)st->st_size;
  rec[9] = (double)st->st_mode;
  rec[10] = (double)MTIME(*st).tv_sec;
  rec[11] = (double)MTIME(*st).tv_nsec;
}

void listing_free(listing_t *l) {
  for (size_t r = 0; r < l->recs.n; r++) free(l->recs.targets[r]);
  free(l->recs.recs);
  free(l->recs.entry);
  free(l->recs.targets);
  free(l->names);
  free(l->ents);
  free(l->offs);
  memset(l, 0, sizeof *l);
}

/*
 * F_INTO: the link just recorded (its record last in `recs`) is kept as R_INTO with "text NUL resolved" when
 * it leads into m's target, dropped when it does not, left an R_ENTRY when that cannot be told here. 0 or ENOMEM.
 */
static int keep_if_into(records_t *recs, const char *dir, size_t dlen, int dfd, const char *name, const char *text,
                        size_t tlen, const match_t *m) {
  double *rec = recs->recs + REC * (recs->n - 1);
  char *resolved;
  int into = link_into(dir, dlen, dfd, name, text, tlen, (int)rec[V_FOLLOW_ERR], m, &resolved);
  if (into < 0) return 0;
  if (into == 0) {
    recs->n--;
    return 0;
  }
  size_t rlen = strlen(resolved);
  char *both = malloc(tlen + 1 + rlen + 1);
  if (!both) {
    free(resolved);
    return ENOMEM;
  }
  memcpy(both, text, tlen);
  both[tlen] = 0;
  memcpy(both + tlen + 1, resolved, rlen + 1);
  free(resolved);
  rec[V_TYPE] = R_INTO;
  recs->targets[recs->n - 1] = both;
  return 0;
}

typedef struct {
  uint64_t ino;
  uint32_t at;
} by_ino_t;

static int by_ino(const void *a, const void *b) {
  const by_ino_t *x = a, *y = b;
  if (x->ino != y->ino) return x->ino < y->ino ? -1 : 1;
  return x->at < y->at ? -1 : x->at > y->at;
}

/*
 * The order to stat a folder's entries in: by inode number, so that on a cold cache the stats read each
 * part of the file system's inode table once, in ascending order, instead of hopping about it in name
 * order. NULL: name order (an entry without d_type is lstat'ed to learn its kind, and a failure there
 * ends the listing as node:fs's would, at the first such name; or out of memory).
 */
static uint32_t *stat_order(const entry_t *ents, size_t n) {
  if (n < 2) return NULL;
  for (size_t i = 0; i < n; i++) if (ents[i].dtype == DT_UNKNOWN) return NULL;
  by_ino_t *pairs = malloc(n * sizeof *pairs);
  uint32_t *order = malloc(n * sizeof *order);
  if (pairs && order) {
    for (size_t i = 0; i < n; i++) pairs[i] = (by_ino_t){ ents[i].ino, (uint32_t)i };
    qsort(pairs, n, sizeof *pairs, by_ino);
    for (size_t i = 0; i < n; i++) order[i] = pairs[i].at;
  } else {
    free(order);
    order = NULL;
  }
  free(pairs);
  return order;
}

/* Records made in stat order back into name order (an entry's own records keep theirs). 0 or ENOMEM. */
static int records_by_name(records_t *r) {
  if (r->n < 2) return 0;
  by_ino_t *keys = malloc(r->n * sizeof *keys); /* the entry as the key, the record as the tie-break */
  double *recs = malloc(r->n * REC * sizeof *recs);
  uint32_t *entry = malloc(r->n * sizeof *entry);
  char **targets = malloc(r->n * sizeof *targets);
  int err = keys && recs && entry && targets ? 0 : ENOMEM;
  if (!err) {
    for (size_t i = 0; i < r->n; i++) keys[i] = (by_ino_t){ r->entry[i], (uint32_t)i };
    qsort(keys, r->n, sizeof *keys, by_ino);
    for (size_t i = 0; i < r->n; i++) {
      size_t from = keys[i].at;
      memcpy(recs + REC * i, r->recs + REC * from, REC * sizeof *recs);
      entry[i] = r->entry[from];
      targets[i] = r->targets[from];
    }
    free(r->recs);
    free(r->entry);
    free(r->targets);
    *r = (records_t){ recs, entry, targets, r->n, r->n };
    recs = NULL;
    entry = NULL;
    targets = NULL;
  }
  free(keys);
  free(recs);
  free(entry);
  free(targets);
  return err;
}

/* Set by another thread (walk.c) while this one lists: an atomic read, no lock. */
static int stopped(const int *stop, size_t i) {
  return stop && i % STOP_EVERY == 0 && __atomic_load_n(stop, __ATOMIC_RELAXED);
}

int list_folder(const char *path, size_t plen, int flags, const match_t *match, const int *stop, listing_t *out, const char **syscall) {
  memset(out, 0, sizeof *out);
  *syscall = "scandir";
  int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return errno;
  DIR *dir = fdopendir(fd);
  if (!dir) {
    int e = errno;
    close(fd);
    return e;
  }

  /* Read every name first: one buffer of NUL-ended names, offsets fixed up once it stops growing. */
  size_t cap = 8192, used = 0, n = 0, ecap = 64;
  out->names = malloc(cap);
  out->ents = malloc(ecap * sizeof *out->ents);
  out->offs = malloc(ecap * sizeof *out->offs);
  int err = (!out->names || !out->ents || !out->offs) ? ENOMEM : 0;
  while (!err) {
    if (stopped(stop, n + 1)) { err = ECANCELED; break; }
    errno = 0;
    struct dirent *d = readdir(dir);
    if (!d) { err = errno; break; }
    const char *nm = d->d_name;
    if (nm[0] == '.' && (nm[1] == 0 || (nm[1] == '.' && nm[2] == 0))) continue;
    size_t len = strlen(nm);
    if (used + len + 1 > cap) {
      while (used + len + 1 > cap) cap *= 2;
      char *g = realloc(out->names, cap);
      if (!g) { err = ENOMEM; break; }
      out->names = g;
    }
    if (n == ecap) {
      ecap *= 2;
      entry_t *g = realloc(out->ents, ecap * sizeof *out->ents);
      if (g) out->ents = g;
      size_t *h = g ? realloc(out->offs, ecap * sizeof *out->offs) : NULL;
      if (h) out->offs = h;
      if (!g || !h) { err = ENOMEM; break; }
    }
    memcpy(out->names + used, nm, len + 1);
    out->offs[n] = used;
    out->ents[n].len = len;
    out->ents[n].dtype = d->d_type;
    out->ents[n].ino = (uint64_t)d->d_ino;
    n++;
    used += len + 1;
  }
  if (err) goto done;
  out->count = n;
  entry_t *ents = out->ents;
  for (size_t i = 0; i < n; i++) ents[i].name = out->names + out->offs[i];
  qsort(ents, n, sizeof *ents, by_name);
  uint32_t *order = stat_order(ents, n);

  int dfd = dirfd(dir);
  records_t *recs = &out->recs;
  struct stat st;
  char target[PATH_MAX + 1];
  for (size_t j = 0; j < n && !err; j++) {
    if (stopped(stop, j + 1)) { err = ECANCELED; break; }
    size_t i = order ? order[j] : j;
    const entry_t *e = &ents[i];
    unsigned char k = kind_of_dtype(e->dtype);
    /* The full path node:fs would use is path + "/" + name (the separator is skipped when path ends with one). */
    int too_long = plen + 1 + e->len >= PATH_MAX;
    int bad = too_long ? ENAMETOOLONG : 0;
    int have_stat = 0, lerr = 0, ferr = 0;
    if (k == K_NONE) { /* no d_type from this file system: node:fs lstats such entries, and fails the listing if that fails */
      if (bad || fstatat(dfd, e->name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        err = bad ? bad : errno;
        *syscall = "lstat";
        break;
      }
      k = kind_of_mode(st.st_mode);
      have_stat = 1;
    }
    int want = k == K_DIR || (k == K_FILE && (flags & F_FILES)) || (k == K_LINK && (flags & F_LINKS)) ||
               (k == K_OTHER && (flags & F_OTHERS));
    int followed_fail = 0;
    if (k == K_LINK && (flags & F_FOLLOW)) {
      struct stat tst;
      if (bad) ferr = bad;
      else if (fstatat(dfd, e->name, &tst, 0) != 0) { ferr = errno ? errno : EIO; followed_fail = 1; }
    }
    if ((want || followed_fail) && !have_stat) {
      if (bad) lerr = bad;
      else if (fstatat(dfd, e->name, &st, AT_SYMLINK_NOFOLLOW) != 0) lerr = errno ? errno : EIO;
      else have_stat = 1;
    }
    int named = (flags & F_MATCH_NAME) && match && match->name && !bad && e->len == match->name_len &&
                memcmp(e->name, match->name, e->len) == 0;
    double *rec = NULL;
    if (k == K_DIR) {
      if (lerr) rec = add_record(recs, R_REDO, (uint32_t)i, k);
      else if (kind_of_mode(st.st_mode) == K_DIR && (rec = add_record(recs, R_DIR, (uint32_t)i, k))) put_stat(rec, &st);
      if (lerr || kind_of_mode(st.st_mode) == K_DIR) {
        if (!rec) { err = ENOMEM; break; }
        rec[V_ERR] = lerr;
      }
      if (named && !add_record(recs, R_MATCH, (uint32_t)i, k)) err = ENOMEM;
      continue;
    }
    if (ferr) { /* a link that does not reach its target */
      if (!(rec = add_record(recs, R_BROKEN, (uint32_t)i, k))) { err = ENOMEM; break; }
      rec[V_FOLLOW_ERR] = ferr;
      if (have_stat) put_stat(rec, &st);
      if (followed_fail && have_stat && S_ISLNK(st.st_mode)) {
        ssize_t len = readlinkat(dfd, e->name, target, sizeof target);
        if (len < 0 || (size_t)len >= sizeof target - 1) lerr = len < 0 ? (errno ? errno : EIO) : ENAMETOOLONG;
        else if (!(recs->targets[recs->n - 1] = strndup(target, (size_t)len))) { err = ENOMEM; break; }
      }
      rec[V_ERR] = lerr;
    } else if (want && (flags & F_MATCH_ID)) {
      if (lerr) rec = add_record(recs, R_REDO, (uint32_t)i, k);
      else if (match && (double)st.st_ino == match->ino && (double)st.st_dev == match->dev) rec = add_record(recs, R_MATCH, (uint32_t)i, k);
      else continue;
      if (!rec) { err = ENOMEM; break; }
      rec[V_ERR] = lerr;
    } else if (want && (flags & F_EACH)) {
      if (!(rec = add_record(recs, lerr ? R_REDO : R_ENTRY, (uint32_t)i, k))) { err = ENOMEM; break; }
      rec[V_ERR] = lerr;
      if (lerr) continue;
      put_stat(rec, &st);
      if (S_ISLNK(st.st_mode)) { /* a text that cannot be read here is redone by path */
        ssize_t len = readlinkat(dfd, e->name, target, sizeof target);
        if (len < 0 || (size_t)len >= sizeof target - 1) {
          rec[V_TYPE] = R_REDO;
          continue;
        }
        struct stat tst;
        if (flags & F_TARGET) {
          if (fstatat(dfd, e->name, &tst, 0) != 0) rec[V_FOLLOW_ERR] = errno ? errno : EIO;
          else rec[V_TARGET_KIND] = kind_of_mode(tst.st_mode);
        }
        size_t kept = recs->n;
        if ((flags & F_INTO) && (err = keep_if_into(recs, path, plen, dfd, e->name, target, (size_t)len, match)) != 0) break;
        if (recs->n < kept) continue; /* it does not lead there */
        if (rec[V_TYPE] == R_ENTRY && !(recs->targets[recs->n - 1] = strndup(target, (size_t)len))) { err = ENOMEM; break; }
      }
    } else if (k == K_FILE && (flags & F_FILES)) {
      if (lerr) {
        if (!(rec = add_record(recs, R_REDO, (uint32_t)i, k))) { err = ENOMEM; break; }
        rec[V_ERR] = lerr;
      } else if (S_ISREG(st.st_mode) && st.st_nlink > 1) {
        if (!(rec = add_record(recs, R_MULTI, (uint32_t)i, k))) { err = ENOMEM; break; }
        put_stat(rec, &st);
      } else {
        out->bytes += (double)st.st_size;
      }
    }
    if (named && k == K_FILE && !add_record(recs, R_MATCH, (uint32_t)i, k)) err = ENOMEM;
  }
  if (order && !err) err = records_by_name(recs);
  free(order);
done:
  closedir(dir);
  return err;
}
