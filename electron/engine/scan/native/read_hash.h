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
/* find_dupes.c: dupesFiles, dupesAddDrain, dupesAdd, dupesFind, dupesProgress, dupesCancel */
void find_dupes_export(napi_env env, napi_value exports);
#endif
