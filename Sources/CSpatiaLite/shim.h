/* C headers of SQLite and SpatiaLite, plus the few helpers Swift cannot express. */
#ifndef CSPATIALITE_SHIM_H
#define CSPATIALITE_SHIM_H
#include <sqlite3.h>
#include <spatialite.h>

/* SQLITE_TRANSIENT is a macro cast of -1: not importable into Swift. */
static inline sqlite3_destructor_type csl_transient(void) { return SQLITE_TRANSIENT; }

#endif
