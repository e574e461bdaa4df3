/* read_hash.c's reading and hashing of one open file, shared with find_dupes.c (Linux). */
#ifndef LINKSCOPE_READ_HASH_H
#define LINKSCOPE_READ_HASH_H
#include "napi_helpers.h"

#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#define XXH_INLINE_ALL
#include "xxhash.h"

/* The buffer hash_range reads through: a range up to this size is read whole and hashed in one call. */
#define HASH_BUF_BYTES (1 << 20)

double mtime_ms(const struct stat *st);
/* `p` opened read-only, never through a link, without waiting on a fifo; -1 with errno set. */
int open_read(const char *p);
/* Hash `len` bytes at `off` into *h (buf: HASH_BUF_BYTES); -1 (errno set) on a read error. */
int hash_range(int fd, off_t off, uint64_t len, char *buf, XXH128_hash_t *h);
/* What hashing one file found (hashFiles' status numbers). */
enum { OK = 0, UNOPENED = 1, NOT_SAME = 2, WRITTEN = 3, UNREAD = 4 };

typedef struct {
  int status; /* OK, NOT_SAME, WRITTEN or UNREAD */
  int err;    /* UNREAD: the read's errno */
  double mtime;
  uint32_t mode, uid, gid;
  int xattrs; /* 0: a whole read found none; 1: it has some, or only a range was read */
  XXH128_hash_t hash;
} hashed_t;

/*
 * Hash `len` bytes at `off` of the open fd, once it is checked to be the regular file expected: expect holds
 * dev, ino, size and mtimeMs (-1: any). A read of the whole file is checked once more after (a file written
 * meanwhile has no fingerprint yet) and asked whether it has extended attributes. Both searches read
 * through this, so they keep and drop the same files.
 */
void hash_checked(int fd, const double expect[4], uint64_t off, uint64_t len, char *buf, hashed_t *out);

/* find_dupes.c: dupesFiles, dupesAddDrain, dupesAdd, dupesFind, dupesProgress, dupesCancel */
void find_dupes_export(napi_env env, napi_value exports);
#endif
