// sync/sync_thread.c: storage for the per-thread pointer declared in sync/sync_thread.h.
#include "sync/sync_thread.h"

// Per thread; written only by its own thread (ft_sync_thread_bind).
__thread FtSyncThread *ft_sync_thread_tls;
