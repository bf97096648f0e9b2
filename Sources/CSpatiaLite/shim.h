/* C headers of SQLite and SpatiaLite, plus the few helpers Swift cannot express. */
#ifndef CSPATIALITE_SHIM_H
#define CSPATIALITE_SHIM_H
#include <sqlite3.h>
#include <spatialite.h>

/* SQLITE_TRANSIENT is a macro cast of -1: not importable into Swift. */
static inline sqlite3_destructor_type csl_transient(void) { return SQLITE_TRANSIENT; }

/* sqlite3_config is variadic: not callable from Swift. Turning memory statistics off removes a
   global mutex taken on every allocation (7 % of a bulk load). Must run before SQLite initialises;
   returns SQLITE_MISUSE (harmless) if it already has. */
static inline int csl_disable_memory_statistics(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

#endif
