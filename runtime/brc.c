// runtime/brc.c: the per-owner merge queues of biased reference counting (runtime/brc.h).
//
// Owns: the bucket table of thread states keyed by thread id, and each thread's two queues.
// Invariant: an object in QUEUED state is in exactly one place: in its owner's objects_to_merge or
// local_objects_to_merge, or in the hands of the thread that is merging it on the spot (owner gone or
// out of memory). The queue holds one reference to it (the decrement that could not be applied).
// Concurrency: a bucket's list and every objects_to_merge in it are guarded by the bucket's FtMutex
// (taken without detaching, a leaf: nothing is locked and no destructor runs under it);
// local_objects_to_merge is owner-thread only. A thread leaves the table only with an empty shared
// queue, under the bucket mutex, so a queuer either finds the owner (and the owner will merge) or
// finds it gone (and the owner's last writes to its objects' local counts happen before, through the
// bucket mutex).
// Mirrors CPython's Python/brc.c (_Py_brc_queue_object, _Py_brc_merge_refcounts,
// _Py_brc_remove_thread); FREE-THREADING.md 2.4.
#include "runtime/brc.h"

#include "runtime/refcount.h"       // ft_refcount_explicit_merge ft_object_dealloc ft_decref
#include "runtime/runtime_mem.h"    // ft_runtime_mem_alloc ft_runtime_mem_free
#include "runtime/thread_state.h"   // FtThreadState FtInterp ft_eval_breaker_*
#include "sync/fatal.h"             // FT_ASSERT

static bool
brc_stack_push(FtBrcStack *stack, FtObject *op)
{
    FtBrcChunk *chunk = stack->head;
    if (chunk == NULL || chunk->n == FT_BRC_CHUNK_ITEMS) {
        FtBrcChunk *fresh = ft_runtime_mem_alloc(sizeof *fresh);
        if (fresh == NULL)
            return false;
        fresh->prev = chunk;
        fresh->n = 0;
        stack->head = fresh;
        chunk = fresh;
    }
    chunk->items[chunk->n++] = op;
    return true;
}

static FtObject *
brc_stack_pop(FtBrcStack *stack)
{
    FtBrcChunk *chunk = stack->head;
    if (chunk == NULL)
        return NULL;
    FT_ASSERT(chunk->n > 0);
    FtObject *op = chunk->items[--chunk->n];
    if (chunk->n == 0) {
        stack->head = chunk->prev;
        ft_runtime_mem_free(chunk);
    }
    return op;
}

// Moves every chunk of src under the chunks of dst (order does not matter to merging).
static void
brc_stack_take(FtBrcStack *dst, FtBrcStack *src)
{
    if (src->head == NULL)
        return;
    FtBrcChunk *bottom = src->head;
    while (bottom->prev != NULL)
        bottom = bottom->prev;
    bottom->prev = dst->head;
    dst->head = src->head;
    src->head = NULL;
}

static size_t
brc_stack_length(const FtBrcStack *stack)
{
    size_t n = 0;
    for (const FtBrcChunk *chunk = stack->head; chunk != NULL; chunk = chunk->prev)
        n += chunk->n;
    return n;
}

static FtBrcBucket *
brc_bucket(FtInterp *interp, uintptr_t tid)
{
    return &interp->brc.buckets[tid % FT_BRC_BUCKETS];
}

// The thread state with id tid in bucket, or NULL. The caller holds the bucket mutex.
static FtThreadState *
brc_bucket_find(FtBrcBucket *bucket, uintptr_t tid)
{
    for (FtThreadState *ts = bucket->head; ts != NULL; ts = ts->brc.bucket_next) {
        if (ts->brc.tid == tid)
            return ts;
    }
    return NULL;
}

// Merges and frees the objects in the owner's private queue.
static void
brc_merge_local(FtThreadState *ts)
{
    FtObject *op;
    while ((op = brc_stack_pop(&ts->brc.local_objects_to_merge)) != NULL) {
        // The owner itself merges: drop the queue's reference and free at 0. A destructor may
        // queue more objects or poll the eval breaker (which merges recursively): the stack
        // stays consistent because every pop finishes before the object is handled.
        if (ft_refcount_explicit_merge(op, -1) == 0)
            ft_object_dealloc(op);
    }
}

void
ft_brc_thread_add(FtThreadState *ts)
{
    FT_ASSERT(ts->brc.tid != 0 && !ts->brc.in_table);
    FtBrcBucket *bucket = brc_bucket(ts->interp, ts->brc.tid);
    ft_mutex_lock_no_detach(&bucket->mutex);
    FT_ASSERT(brc_bucket_find(bucket, ts->brc.tid) == NULL);
    ts->brc.bucket_next = bucket->head;
    bucket->head = ts;
    ts->brc.in_table = true;
    ft_mutex_unlock(&bucket->mutex);
}

void
ft_brc_thread_remove(FtThreadState *ts)
{
    if (!ts->brc.in_table)
        return;
    FtBrcBucket *bucket = brc_bucket(ts->interp, ts->brc.tid);
    for (;;) {
        brc_merge_local(ts);
        ft_mutex_lock_no_detach(&bucket->mutex);
        if (ts->brc.objects_to_merge.head == NULL) {
            FtThreadState **link = &bucket->head;
            while (*link != ts)
                link = &(*link)->brc.bucket_next;
            *link = ts->brc.bucket_next;
            ts->brc.bucket_next = NULL;
            ts->brc.in_table = false;
            ft_mutex_unlock(&bucket->mutex);
            break;
        }
        brc_stack_take(&ts->brc.local_objects_to_merge, &ts->brc.objects_to_merge);
        ft_mutex_unlock(&bucket->mutex);
    }
    ft_eval_breaker_clear(ts, FT_EVAL_EXPLICIT_MERGE);
}

void
ft_brc_queue_object(FtObject *op)
{
    // relaxed: ob_tid only ever changes from the owner's id to 0; the bucket mutex orders the rest.
    uintptr_t tid = ft_atomic_load_uintptr_relaxed(&op->ob_tid);
    if (tid == 0) {
        // The object was merged meanwhile; our decrement can now go to the shared count.
        ft_decref(op);
        return;
    }
    FtThreadState *self = ft_thread_state_current();
    FtInterp *interp = self != NULL ? self->interp : ft_interp_main();
    FtBrcBucket *bucket = brc_bucket(interp, tid);

    ft_mutex_lock_no_detach(&bucket->mutex);
    FtThreadState *owner = brc_bucket_find(bucket, tid);
    if (owner == NULL) {
        ft_mutex_unlock(&bucket->mutex);
        // The owner has exited: its local count is final, merge it here.
        if (ft_refcount_explicit_merge(op, -1) == 0)
            ft_object_dealloc(op);
        return;
    }
    if (FT_UNLIKELY(!brc_stack_push(&owner->brc.objects_to_merge, op))) {
        ft_mutex_unlock(&bucket->mutex);
        // Out of memory for a chunk: merge on the owner's behalf while it cannot touch its counts.
        ft_stop_the_world(interp);
        Ft_ssize total = ft_refcount_explicit_merge(op, -1);
        ft_start_the_world(interp);
        if (total == 0)
            ft_object_dealloc(op);
        return;
    }
    ft_eval_breaker_set(owner, FT_EVAL_EXPLICIT_MERGE);
    ft_mutex_unlock(&bucket->mutex);
}

void
ft_brc_merge_refcounts(FtThreadState *ts)
{
    // Clear first: an object queued after we take the shared queue sets the bit again.
    ft_eval_breaker_clear(ts, FT_EVAL_EXPLICIT_MERGE);
    if (!ts->brc.in_table)
        return;
    FtBrcBucket *bucket = brc_bucket(ts->interp, ts->brc.tid);
    ft_mutex_lock_no_detach(&bucket->mutex);
    brc_stack_take(&ts->brc.local_objects_to_merge, &ts->brc.objects_to_merge);
    ft_mutex_unlock(&bucket->mutex);
    brc_merge_local(ts);
}

size_t
ft_brc_queue_length(FtThreadState *ts)
{
    size_t n = brc_stack_length(&ts->brc.local_objects_to_merge);
    if (!ts->brc.in_table)
        return n;
    FtBrcBucket *bucket = brc_bucket(ts->interp, ts->brc.tid);
    ft_mutex_lock_no_detach(&bucket->mutex);
    n += brc_stack_length(&ts->brc.objects_to_merge);
    ft_mutex_unlock(&bucket->mutex);
    return n;
}
