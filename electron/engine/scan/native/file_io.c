#define _GNU_SOURCE /* pread under -std=c11 */
#include "file_io.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

ssize_t pread_full(int fd, char *buf, size_t want, size_t end, off_t pos) {
  size_t got = 0;
  while (got < want) {
    ssize_t n = pread(fd, buf + got, want - got, pos + (off_t)got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    if (n == 0) break;
    got += (size_t)n;
    if (got == end && end < want) break;
  }
  return (ssize_t)got;
}

char *path_join(const char *dir, size_t dlen, const char *name, size_t nlen) {
  int sep = dlen > 0 && dir[dlen - 1] != '/';
  char *p = malloc(dlen + sep + nlen + 1);
  if (!p) return NULL;
  memcpy(p, dir, dlen);
  if (sep) p[dlen] = '/';
  memcpy(p + dlen + sep, name, nlen);
  p[dlen + sep + nlen] = 0;
  return p;
}

int split_paths(char *joined, size_t len, const char **at, size_t count) {
  size_t k = 0;
  for (size_t i = 0; i < len && k < count; i += strlen(joined + i) + 1) at[k++] = joined + i;
  return k == count;
}
