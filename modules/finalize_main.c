// modules/finalize_main.c: what happens to the __main__ module's objects at exit
// (ft_modules_finalize_main, modules/modules.h).
//
// CPython 3.14's shutdown removes __main__ from sys.modules and collects it: the dict, and the
// functions and instances that refer to it, are garbage, and the collector first runs the
// finalizers of all of that garbage (PEP 442), the globals still intact, then clears it. ftpy has no
// cycle collector yet, so this file decides the same thing for this one case: it builds the graph
// of what the globals reach (not through other modules or classes, which outlive __main__),
// counts the references each object gets from inside the graph, keeps alive whatever has more
// references than that (held from elsewhere) and all it reaches, and finalizes the rest in the
// graph's depth-first order (CPython's order is its collector's list order; they agree for objects
// the globals hold directly). Then the dict is emptied, which releases the values.
// Where it differs from CPython: counts of functions, classes and code (deferred reference
// counting) tell nothing, so they take no part in deciding what is alive; when an object held
// from elsewhere reaches __main__'s globals only through them (an instance kept in sys, whose
// class's methods have these globals), CPython keeps all of __main__ alive and finalizes nothing,
// while ftpy finalizes what nothing else holds. TODO(#4): the cycle collector decides this.
//
// Concurrency: the graph is built with the world stopped (runtime/stop_the_world.h): it reads
// containers without their locks and reference counts as a snapshot, and runs no Python code. The
// finalizers then run on the main thread with the world started, like any other Python code.
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

// The graph the globals reach: nodes[i] in the order first met (depth-first, in the dict's
// order), refs_inside[i] the references to nodes[i] from inside the graph, and an open-addressing
// index from address to i (slot value i + 1, 0 = empty). Nodes are borrowed: the world is stopped
// while the graph exists and nothing runs that could free them.
typedef struct {
    ObjectArray nodes;
    Ft_ssize *refs_inside;    // parallel to nodes (capacity nodes.capacity)
    ObjectArray stack;        // nodes still to visit
    uintptr_t *keys;          // addresses; 0 = empty slot
    Ft_ssize *slots;          // index + 1 of the node at that key
    size_t table_capacity;    // a power of two
    bool failed;              // out of memory: the walk stopped short, finalize nothing
} Graph;

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
table_slot(const uintptr_t *keys, size_t capacity, uintptr_t key)
{
    size_t i = (size_t)(key >> 4) * 0x9E3779B97F4A7C15u & (capacity - 1);
    while (keys[i] != 0 && keys[i] != key)
        i = (i + 1) & (capacity - 1);
    return i;
}

// The index of op in the graph, or -1.
static Ft_ssize
graph_find(const Graph *g, FtObject *op)
{
    if (g->table_capacity == 0)
        return -1;
    size_t i = table_slot(g->keys, g->table_capacity, (uintptr_t)op);
    return g->keys[i] != 0 ? g->slots[i] - 1 : -1;
}

// Makes room for one more node in the table and in refs_inside. False when memory ran out.
static bool
graph_reserve(Graph *g)
{
    Ft_ssize n = g->nodes.count;
    if (2 * (size_t)(n + 1) > g->table_capacity) {
        size_t capacity = g->table_capacity == 0 ? 1024 : 2 * g->table_capacity;
        uintptr_t *keys = ft_runtime_mem_zalloc(capacity * sizeof(uintptr_t));
        Ft_ssize *slots = ft_runtime_mem_alloc(capacity * sizeof(Ft_ssize));
        if (keys == NULL || slots == NULL) {
            ft_runtime_mem_free(keys);
            ft_runtime_mem_free(slots);
            return false;
        }
        for (size_t i = 0; i < g->table_capacity; i++) {
            if (g->keys[i] != 0) {
                size_t j = table_slot(keys, capacity, g->keys[i]);
                keys[j] = g->keys[i];
                slots[j] = g->slots[i];
            }
        }
        ft_runtime_mem_free(g->keys);
        ft_runtime_mem_free(g->slots);
        g->keys = keys;
        g->slots = slots;
        g->table_capacity = capacity;
    }
    if (n == g->nodes.capacity) {
        // nodes grows by doubling in array_push: grow refs_inside to the same capacity first.
        Ft_ssize capacity = n == 0 ? 256 : 2 * n;
        Ft_ssize *refs = ft_runtime_mem_zalloc((size_t)capacity * sizeof(Ft_ssize));
        if (refs == NULL)
            return false;
        if (n > 0)
            memcpy(refs, g->refs_inside, (size_t)n * sizeof(Ft_ssize));
        ft_runtime_mem_free(g->refs_inside);
        g->refs_inside = refs;
    }
    return true;
}

// Adds op as a new node (to visit later) and returns its index, or -1 (g->failed) out of memory.
static Ft_ssize
graph_add(Graph *g, FtObject *op)
{
    if (!graph_reserve(g) || !array_push(&g->nodes, op) || !array_push(&g->stack, op)) {
        g->failed = true;
        return -1;
    }
    Ft_ssize index = g->nodes.count - 1;
    size_t i = table_slot(g->keys, g->table_capacity, (uintptr_t)op);
    g->keys[i] = (uintptr_t)op;
    g->slots[i] = index + 1;
    return index;
}

// Objects the walk does not enter: other modules are not collected with __main__ (a module's
// references count as from outside), immortal objects (static types among them) never die.
static bool
outside_walk(FtObject *op)
{
    return ft_object_is_immortal(op) || ft_module_check(op);
}

// Whether op's references can tell if something outside holds it. Not for objects with deferred
// reference counting (functions, classes, code): frames hold them uncounted, and the runtime keeps
// counted references to them in places no tp_traverse shows (caches of a class's methods), so
// their counts say nothing; they neither keep anything alive here nor are kept alive. (So an
// object kept in sys whose class's methods refer to these globals does not keep them alive, where
// CPython's collector would keep all of __main__ then: TODO(#4), the cycle collector.)
static bool
count_is_telling(FtObject *op)
{
    return !ft_object_has_deferred_refcount(op);
}

// tp_traverse's callback while building the graph: counts one more reference from inside the
// graph to op, adding op on first sight.
static int
visit_count(FtObject *op, void *arg)
{
    Graph *g = arg;
    if (op == NULL || g->failed || outside_walk(op))
        return 0;
    Ft_ssize index = graph_find(g, op);
    if (index < 0)
        index = graph_add(g, op);
    if (index >= 0)
        g->refs_inside[index]++;
    return 0;
}

// Builds the graph of everything globals reaches. The world is stopped.
static void
graph_build(Graph *g, FtObject *globals)
{
    graph_add(g, globals);
    while (g->stack.count > 0 && !g->failed) {
        FtObject *op = g->stack.items[--g->stack.count];
        Ft_ssize first_child = g->stack.count;
        if (op->ob_type->tp_traverse != NULL)
            op->ob_type->tp_traverse(op, visit_count, g);
        // Children were pushed in the order the object lists them; reversing them makes the first
        // one popped first, so that the walk (and the node order) follows the dict's order.
        for (Ft_ssize i = first_child, j = g->stack.count - 1; i < j; i++, j--) {
            FtObject *t = g->stack.items[i];
            g->stack.items[i] = g->stack.items[j];
            g->stack.items[j] = t;
        }
    }
}

// The state of the second pass: which nodes stay alive after __main__ goes.
typedef struct {
    Graph *graph;
    bool *alive;
    ObjectArray stack;
    bool failed;
} Liveness;

static int
visit_mark_alive(FtObject *op, void *arg)
{
    Liveness *l = arg;
    Ft_ssize index = op != NULL ? graph_find(l->graph, op) : -1;
    if (index >= 0 && !l->alive[index] && count_is_telling(op)) {
        l->alive[index] = true;
        if (!array_push(&l->stack, op))
            l->failed = true;
    }
    return 0;
}

// As a cycle collector decides (CPython's gc): a node referenced from outside the graph (more
// references than the graph accounts for: another module, sys, a running thread's frame) stays
// alive, and so does everything it reaches. The root, the globals dict, is referenced by the
// module being dropped, which does not count; but if something alive reaches it (sys.g =
// globals()), all of it stays alive, as in CPython. Returns the alive flags, or NULL out of memory.
static bool *
graph_alive(Graph *g)
{
    Ft_ssize n = g->nodes.count;
    Liveness l = {g, ft_runtime_mem_zalloc((size_t)n * sizeof(bool) + 1), {0}, false};
    if (l.alive == NULL)
        return NULL;
    for (Ft_ssize i = 1; i < n; i++) {
        FtObject *op = g->nodes.items[i];
        if (count_is_telling(op) && ft_refcount(op) > g->refs_inside[i]) {
            l.alive[i] = true;
            if (!array_push(&l.stack, op))
                l.failed = true;
        }
    }
    while (l.stack.count > 0 && !l.failed) {
        FtObject *op = l.stack.items[--l.stack.count];
        if (op->ob_type->tp_traverse != NULL)
            op->ob_type->tp_traverse(op, visit_mark_alive, &l);
    }
    ft_runtime_mem_free(l.stack.items);
    if (l.failed) {
        ft_runtime_mem_free(l.alive);
        return NULL;
    }
    return l.alive;
}

// The dying nodes whose finalizer has yet to run, in node order, each with a new reference (the
// references are taken with the world stopped, so none of them can be freed before its turn).
// Returns false when the globals themselves stay alive (nothing dies then).
static bool
collect_finalizable(Graph *g, ObjectArray *found)
{
    bool *alive = g->failed ? NULL : graph_alive(g);
    if (alive == NULL)
        return false;
    if (alive[0]) {
        ft_runtime_mem_free(alive);
        return false;
    }
    for (Ft_ssize i = 1; i < g->nodes.count; i++) {
        FtObject *op = g->nodes.items[i];
        // relaxed: the world is stopped; the bit is only read.
        if (alive[i] || op->ob_type->tp_finalize == NULL ||
            (ft_atomic_load_uint8_relaxed(&op->ob_gc_bits) & FT_GC_FINALIZED) != 0)
            continue;
        if (!array_push(found, op))
            break;
        ft_incref(op);
    }
    ft_runtime_mem_free(alive);
    return true;
}

static void
graph_free(Graph *g)
{
    ft_runtime_mem_free(g->nodes.items);
    ft_runtime_mem_free(g->refs_inside);
    ft_runtime_mem_free(g->stack.items);
    ft_runtime_mem_free(g->keys);
    ft_runtime_mem_free(g->slots);
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
        Graph g = {0};
        ObjectArray found = {0};
        ft_stop_the_world(interp);
        graph_build(&g, globals);
        bool dying = collect_finalizable(&g, &found);
        ft_start_the_world(interp);
        graph_free(&g);
        for (Ft_ssize i = 0; i < found.count; i++) {
            ft_object_finalize(found.items[i]);
            ft_decref(found.items[i]);
        }
        ft_runtime_mem_free(found.items);
        if (dying)
            ft_dict_clear(globals);
    }
    ft_decref(main_module);
    if (ft_error_occurred())
        ft_error_write_unraisable(NULL, NULL);
}
