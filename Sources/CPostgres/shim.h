#ifndef CRONTUI_CPOSTGRES_SHIM_H
#define CRONTUI_CPOSTGRES_SHIM_H

#include <postgresql/libpq-fe.h>

// PG_DIAG_* are character macros Swift does not import.
static inline int crontui_pg_diag_sqlstate(void) { return PG_DIAG_SQLSTATE; }
static inline int crontui_pg_diag_message_primary(void) { return PG_DIAG_MESSAGE_PRIMARY; }
static inline int crontui_pg_diag_message_detail(void) { return PG_DIAG_MESSAGE_DETAIL; }
static inline int crontui_pg_diag_severity_nonlocalized(void) { return PG_DIAG_SEVERITY_NONLOCALIZED; }

#endif
