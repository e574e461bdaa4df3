/* Node-API helpers shared by scan_dir.c and walk.c, and walk.c's exports. */
#ifndef LINKSCOPE_NAPI_HELPERS_H
#define LINKSCOPE_NAPI_HELPERS_H
#include <node_api.h>
#include <stddef.h>

/* Throw an Error like node:fs's: .code the errno name, .errno, .syscall, .path; returns NULL. */
napi_value throw_errno(napi_env env, int e, const char *syscall, const char *path);
/*
 * Names are bytes: a JS string stands for a name's bytes with each byte that is not UTF-8 as the lone
 * surrogate U+DC80 + (byte - 0x80) (shared/names.ts says why). name_value makes that string from bytes;
 * string_arg gives back the bytes.
 */
napi_status name_value(napi_env env, const char *s, size_t len, napi_value *out);
/* A string argument as a malloc'ed C string of its bytes (NULL when absent or not a string); *len its length. */
char *string_arg(napi_env env, napi_value v, size_t *len);
/* A path argument as a malloc'ed C string: NULL when absent, not a string, or holding a NUL. */
char *path_arg(napi_env env, napi_value v);
/* Two path arguments as malloc'ed C strings (1), or a TypeError thrown with `usage` (0). */
int two_paths(napi_env env, napi_callback_info info, char **a, char **b, const char *usage);
double number_arg(napi_env env, napi_value v);
/* Records (REC doubles each) as one Float64Array. */
napi_status records_value(napi_env env, const double *recs, size_t n, napi_value *out);
/* A sparse array of the non-NULL targets[0..n) (*out stays NULL when there are none). */
napi_status targets_value(napi_env env, char *const *targets, size_t n, napi_value *out);
/* The same for records' targets: an R_INTO record's is two strings, each ended by NUL, and both are kept. */
napi_status record_targets_value(napi_env env, char *const *targets, const double *recs, size_t n, napi_value *out);

napi_value walk_start(napi_env env, napi_callback_info info);
napi_value walk_drain(napi_env env, napi_callback_info info);
napi_value walk_push(napi_env env, napi_callback_info info);
napi_value walk_stop(napi_env env, napi_callback_info info);
/* link_at.c: the *at link operations (Linux; nothing elsewhere). */
void link_at_export(napi_env env, napi_value exports);
/* A new name `name` in dirfd for the file open as fd (never replaces; Linux). */
int link_fd(int fd, int dirfd, const char *name);
/* same_bytes.c: byte comparison of file pairs on native threads (tree compare). */
void same_bytes_export(napi_env env, napi_value exports);
/* read_hash.c: hashFiles, content hashes for duplicate finding (Linux; nothing elsewhere). */
void read_hash_export(napi_env env, napi_value exports);
/* list_dir.c: one folder listed in steps, for the explorer's listing. */
void list_dir_export(napi_env env, napi_value exports);
/* remove_tree.c: removeTree, a tree deleted through folder handles (POSIX). */
void remove_tree_export(napi_env env, napi_value exports);
/* copy_file.c: copyFileKeep, one file copied with its owner, mode and times, and sameBytes (POSIX). */
void copy_file_export(napi_env env, napi_value exports);
/* relink_at.c: relinkAt, one name made another name of a file, checked and crash-safe (Linux). */
void relink_at_export(napi_env env, napi_value exports);
/* retarget_at.c: atRetargetRun, a run of one folder's links retargeted atomically each (Linux; nothing elsewhere). */
void retarget_at_export(napi_env env, napi_value exports);
/* copy_file.c: one file copied as copyFileKeep copies it; 0, or an errno with the call and the path it failed on. */
int copy_keep(const char *from, const char *to, double *copied, const char **syscall, const char **at);
/* copy_batch.c: copyFilesKeep, many files copied so on native threads. */
void copy_batch_export(napi_env env, napi_value exports);
/* compare_trees.c: compareTrees, a whole tree compare on native threads (POSIX). */
void compare_trees_export(napi_env env, napi_value exports);
#endif
