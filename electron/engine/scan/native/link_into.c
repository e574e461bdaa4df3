/*
 * "Links pointing here" decided in the walker threads (F_INTO): whether one link leads to a folder or into
 * it, by the same two tests as points-into.ts, so JavaScript sees only the links that do. A link found
 * there costs JavaScript a string or two; one that is not costs it nothing.
 *   1. its text resolved against its folder's path as path.resolve would (no disk access), under the
 *      target as given;
 *   2. failing that, where the kernel's stat through it ends (its real path, every link on the way
 *      followed, which is realpath's answer), under the target's real path.
 * What cannot be told here (a text with a Windows prefix, which points-into.ts strips; no /proc; a
 * destination replaced meanwhile) is left to JavaScript.
 */
#define _GNU_SOURCE /* O_PATH */
#include "scan_core.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

/* Append `s` (len bytes) to the absolute path in out[0..*n), folding ".", ".." and empty parts away. */
static void fold(char *out, size_t *n, const char *s, size_t len) {
  for (size_t i = 0; i < len;) {
    size_t j = i;
    while (j < len && s[j] != '/') j++;
    size_t part = j - i;
    if (part == 2 && s[i] == '.' && s[i + 1] == '.') { /* up one; ".." at "/" stays there */
      while (*n > 1 && out[*n - 1] != '/') (*n)--;
      if (*n > 1) (*n)--;
    } else if (part > 0 && !(part == 1 && s[i] == '.')) {
      if (*n > 1) out[(*n)++] = '/';
      memcpy(out + *n, s + i, part);
      *n += part;
    }
    i = j + 1;
  }
}

char *resolve_lexically(const char *dir, size_t dlen, const char *text, size_t tlen, size_t *len) {
  char *out = malloc(dlen + tlen + 3);
  if (!out) return NULL;
  size_t n = 0;
  out[n++] = '/';
  if (tlen == 0 || text[0] != '/') fold(out, &n, dir, dlen);
  fold(out, &n, text, tlen);
  out[n] = 0;
  *len = n;
  return out;
}

/* `p` is `dir` or under it, whole components only (as points-into.ts isUnder). */
static int under(const char *p, size_t plen, const char *dir, size_t dlen) {
  if (dlen > 1 && dir[dlen - 1] == '/') dlen--;
  if (dlen == 0 || plen < dlen || memcmp(p, dir, dlen) != 0) return 0;
  return plen == dlen || dir[dlen - 1] == '/' || p[dlen] == '/';
}

/* Where the link `name` in the folder `dfd` ends, as its real path, under m->real: 1, 0, or -1 (cannot tell here). */
static int real_under(int dfd, const char *name, const match_t *m) {
#ifdef O_PATH
  int fd = openat(dfd, name, O_PATH | O_CLOEXEC);
  if (fd < 0) return -1;
  char proc[64], real[PATH_MAX + 1];
  snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(proc, real, sizeof real);
  close(fd);
  static const char deleted[] = " (deleted)";
  size_t dl = sizeof deleted - 1;
  if (n <= 0 || (size_t)n >= sizeof real || real[0] != '/' || ((size_t)n > dl && memcmp(real + n - dl, deleted, dl) == 0)) return -1;
  return under(real, (size_t)n, m->real, m->real_len);
#else
  (void)dfd; (void)name; (void)m;
  return -1;
#endif
}

int link_into(const char *dir, size_t dlen, int dfd, const char *name, const char *text, size_t tlen, int follow_err,
              const match_t *m, char **resolved) {
  *resolved = NULL;
  if (!m || !m->target || !m->real || (tlen > 0 && text[0] == '\\')) return -1;
  size_t rlen;
  char *r = resolve_lexically(dir, dlen, text, tlen, &rlen);
  if (!r) return -1;
  /* follow_err: it leads nowhere, so its real path is nowhere either */
  int into = under(r, rlen, m->target, m->target_len) ? 1 : follow_err ? 0 : real_under(dfd, name, m);
  if (into == 1) *resolved = r;
  else free(r);
  return into;
}
