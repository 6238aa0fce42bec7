/* SQLite for the index. SQLITE_TRANSIENT is a cast macro that does not import into Swift. */
#include <sqlite3.h>
static inline sqlite3_destructor_type csqlite_transient(void) { return (sqlite3_destructor_type)-1; }
