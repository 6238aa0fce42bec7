/* SQLite for the index. SQLITE_TRANSIENT is a cast macro that does not import into Swift. */
#include <sqlite3.h>
static inline sqlite3_destructor_type csqlite_transient(void) { return (sqlite3_destructor_type)-1; }
/* Empties the database file in place (SQLITE_DBCONFIG_RESET_DATABASE, then VACUUM): what an index
   rebuilt from scratch starts from, without freeing its pages one by one. sqlite3_db_config is
   variadic, which Swift cannot call. In WAL mode readers keep their snapshot; SQLITE_BUSY while
   another connection writes. */
static inline int csqlite_reset_database(sqlite3 *db) {
    int rc = sqlite3_db_config(db, SQLITE_DBCONFIG_RESET_DATABASE, 1, 0);
    if (rc != SQLITE_OK) return rc;   /* else VACUUM would copy the whole database */
    rc = sqlite3_exec(db, "VACUUM", 0, 0, 0);
    sqlite3_db_config(db, SQLITE_DBCONFIG_RESET_DATABASE, 0, 0);
    return rc;
}
