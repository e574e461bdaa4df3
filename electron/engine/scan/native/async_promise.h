/* A promise settled by work done on a thread of libuv's pool (Node-API async work), for the addon's async calls. */
#ifndef LINKSCOPE_ASYNC_PROMISE_H
#define LINKSCOPE_ASYNC_PROMISE_H
#include <node_api.h>
#include <stddef.h>
#include <stdint.h>

/* What one kind of call does; one static const of these a call. */
typedef struct {
  const char *name; /* the JS function's: the async resource's name, and "<name> failed" on a rejection */
  /* The work, on a thread of libuv's pool: no Node-API call there. */
  void (*run)(void *state);
  /* Back on the JS thread: the value to resolve with (napi_ok); any other status rejects "<name> failed". */
  napi_status (*value)(napi_env env, void *state, napi_value *out);
  /* Frees state: after the promise settles, or when the work cannot be queued. */
  void (*release)(napi_env env, void *state);
} async_call_t;

/*
 * Queue call->run(state) and return its promise. When it cannot be queued, state is released and an Error
 * like node:fs's is thrown (EAGAIN, syscall the call's name); NULL then.
 */
napi_value queue_promise(napi_env env, const async_call_t *call, void *state);

/* A Float64Array, or an Int32Array, holding a copy of n numbers: what most calls resolve with. */
napi_status float64s_value(napi_env env, const double *v, size_t n, napi_value *out);
napi_status int32s_value(napi_env env, const int32_t *v, size_t n, napi_value *out);

#endif
