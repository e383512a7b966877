// modules/finalize_main.c: what happens to the __main__ module's objects at exit
// (ft_modules_finalize_main, modules/modules.h).
//
// CPython 3.14's shutdown removes __main__ from sys.modules and collects it: its dict, the
// functions and instances that refer to it are one garbage cycle, and the collector first runs the
// finalizers of everything in that cycle (PEP 442), with the globals still intact, then clears it.
// ftpy has no cycle collector yet, so it does the same by hand: it walks what the globals reach
// (not through other modules or classes, which outlive __main__), runs each finalizer found, in
// depth-first order of the dict (CPython's order is its collector's list order, which agrees for
// objects held directly by globals), and then empties the dict, which releases the values.
//
// Concurrency: the walk reads containers without their locks, so it runs with the world stopped
// (runtime/stop_the_world.h) and runs no Python code; the finalizers then run on the main thread
// with the world started, like any other Python code.
#include <stdbool.h>   // bool
#include <stdint.h>    // uintptr_t
#include <string.h>    // memcpy

#include "modules/modules_internal.h"

#include "objects/dict.h"               // ft_dict_*
#include "objects/error.h"              // ft_error_*
#include "objects/module.h"             // ft_module_*
#include "objects/type.h"               // ft_type_check
#include "runtime/refcount.h"           // ft_object_finalize ft_object_is_immortal
#include "runtime/runtime_mem.h"        // ft_runtime_mem_*
#include "runtime/stop_the_world.h"     // ft_stop_the_world ft_start_the_world
#include "runtime/thread_state.h"       // ft_interp_main

// A growable array of object pointers.
typedef struct {
    FtObject **items;
    Ft_ssize count, capacity;
} ObjectArray;

// The walk's state: the objects still to visit, those already seen (an open-addressing set of
// addresses, 0 = empty slot), and the finalizable objects found, in order, each with a reference.
typedef struct {
    ObjectArray stack;
    ObjectArray found;
    uintptr_t *seen;
    size_t seen_capacity, seen_count;   // seen_capacity is a power of two
    bool failed;                        // out of memory: the walk stops short
} Walk;

static bool
array_push(ObjectArray *a, FtObject *op)
{
    if (a->count == a->capacity) {
        Ft_ssize capacity = a->capacity == 0 ? 256 : 2 * a->capacity;
        FtObject **items = ft_runtime_mem_alloc((size_t)capacity * sizeof(FtObject *));
        if (items == NULL)
            return false;
        if (a->count > 0)
            memcpy(items, a->items, (size_t)a->count * sizeof(FtObject *));
        ft_runtime_mem_free(a->items);
        a->items = items;
        a->capacity = capacity;
    }
    a->items[a->count++] = op;
    return true;
}

static size_t
seen_slot(const uintptr_t *table, size_t capacity, uintptr_t key)
{
    size_t i = (size_t)(key >> 4) * 0x9E3779B97F4A7C15u & (capacity - 1);
    while (table[i] != 0 && table[i] != key)
        i = (i + 1) & (capacity - 1);
    return i;
}

// Adds op to the seen set; false if it was there already (or memory ran out: w->failed).
static bool
seen_add(Walk *w, FtObject *op)
{
    if (2 * (w->seen_count + 1) > w->seen_capacity) {
        size_t capacity = w->seen_capacity == 0 ? 1024 : 2 * w->seen_capacity;
        uintptr_t *table = ft_runtime_mem_zalloc(capacity * sizeof(uintptr_t));
        if (table == NULL) {
            w->failed = true;
            return false;
        }
        for (size_t i = 0; i < w->seen_capacity; i++) {
            if (w->seen[i] != 0)
                table[seen_slot(table, capacity, w->seen[i])] = w->seen[i];
        }
        ft_runtime_mem_free(w->seen);
        w->seen = table;
        w->seen_capacity = capacity;
    }
    size_t i = seen_slot(w->seen, w->seen_capacity, (uintptr_t)op);
    if (w->seen[i] != 0)
        return false;
    w->seen[i] = (uintptr_t)op;
    w->seen_count++;
    return true;
}

// tp_traverse's callback: queues a referent not seen yet. Modules and classes are not entered
// (they outlive __main__), nor immortal objects (none has a finalizer to run).
static int
visit(FtObject *op, void *arg)
{
    Walk *w = arg;
    if (op == NULL || w->failed || ft_object_is_immortal(op) || ft_module_check(op) || ft_type_check(op))
        return 0;
    if (seen_add(w, op) && !array_push(&w->stack, op))
        w->failed = true;
    return 0;
}

// Walks everything globals reaches, collecting (with a reference) the objects whose finalizer has
// yet to run. The world is stopped.
static void
walk_globals(Walk *w, FtObject *globals)
{
    seen_add(w, globals);
    if (!array_push(&w->stack, globals))
        w->failed = true;
    while (w->stack.count > 0 && !w->failed) {
        FtObject *op = w->stack.items[--w->stack.count];
        // relaxed: the world is stopped; the bit is only read.
        if (op->ob_type->tp_finalize != NULL &&
            (ft_atomic_load_uint8_relaxed(&op->ob_gc_bits) & FT_GC_FINALIZED) == 0) {
            if (!array_push(&w->found, op)) {
                w->failed = true;
                break;
            }
            ft_incref(op);
        }
        Ft_ssize first_child = w->stack.count;
        if (op->ob_type->tp_traverse != NULL)
            op->ob_type->tp_traverse(op, visit, w);
        // Children were pushed in the order the object lists them; reversing them makes the
        // first one popped first, so that the walk follows the dict's order.
        for (Ft_ssize i = first_child, j = w->stack.count - 1; i < j; i++, j--) {
            FtObject *t = w->stack.items[i];
            w->stack.items[i] = w->stack.items[j];
            w->stack.items[j] = t;
        }
    }
}

void
ft_modules_finalize_main(void)
{
    FtInterp *interp = ft_interp_main();
    FtObject *main_module = NULL;
    if (interp->modules_dict == NULL ||
        ft_dict_get_item_str_ref(interp->modules_dict, "__main__", &main_module) <= 0) {
        ft_error_clear();
        return;
    }
    FtObject *globals = ft_module_check(main_module) ? ft_module_dict_borrow(main_module) : NULL;
    if (globals != NULL && ft_dict_check(globals)) {
        Walk w = {0};
        ft_stop_the_world(interp);
        walk_globals(&w, globals);
        ft_start_the_world(interp);
        for (Ft_ssize i = 0; i < w.found.count; i++) {
            ft_object_finalize(w.found.items[i]);
            ft_decref(w.found.items[i]);
        }
        ft_runtime_mem_free(w.stack.items);
        ft_runtime_mem_free(w.found.items);
        ft_runtime_mem_free(w.seen);
        ft_dict_clear(globals);
    }
    ft_decref(main_module);
    if (ft_error_occurred())
        ft_error_write_unraisable(NULL, NULL);
}
