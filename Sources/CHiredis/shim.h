#ifndef CRONTUI_CHIREDIS_SHIM_H
#define CRONTUI_CHIREDIS_SHIM_H

#include <hiredis/hiredis.h>

// redisContext.errstr imports as a 128-element tuple; a C string is simpler to read.
static inline const char *crontui_redis_errstr(const redisContext *c) { return c->errstr; }
static inline int crontui_redis_err(const redisContext *c) { return c->err; }
static inline int crontui_redis_fd(const redisContext *c) { return c->fd; }

// The same for a reply reader's error.
static inline const char *crontui_redis_reader_errstr(const redisReader *r) { return r->errstr; }
static inline int crontui_redis_reader_err(const redisReader *r) { return r->err; }

#endif
