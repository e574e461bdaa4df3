/* remove_later.c: removals on background threads, for relink_at.c's old entries (Linux; elsewhere never queued). */
#ifndef LINKSCOPE_REMOVE_LATER_H
#define LINKSCOPE_REMOVE_LATER_H
#include "napi_helpers.h"

/* Queue the removal of `name` in dirfd if it is still the file dev:ino; 0, or -1 when it could not be queued. */
int remove_later(int dirfd, const char *name, double dev, double ino);
/* removalsDone, exported with relinkAt */
void remove_later_export(napi_env env, napi_value exports);
#endif
