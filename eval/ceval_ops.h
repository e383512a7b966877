// eval/ceval_ops.h: the out-of-line halves of instruction bodies (eval/ceval_ops.c): the parts of
// an instruction too long or too rare to inline in the dispatch loop. Private to eval/.
//
// Concurrency: each runs on the thread executing the instruction; objects passed are borrowed
// from its stack. Results are new references, or NULL / -1 with the exception set.
#ifndef FT_EVAL_CEVAL_OPS_H
#define FT_EVAL_CEVAL_OPS_H

#include <stdbool.h>   // bool

#include "objects/frame.h"          // FtFrame
#include "runtime/object.h"         // FtObject
#include "runtime/stackref.h"       // FtStackRef
#include "runtime/thread_state.h"   // FtThreadState

// UnboundLocalError / NameError for localsplus slot i being empty.
void ft_eval_op_unbound_local(FtFrame *frame, int i);

FtObject *ft_eval_op_binary(int op, FtObject *lhs, FtObject *rhs);
// left <op> right (op: FT_LT..FT_GE) for two exact floats or two exact ints that fit int64_t: 1 or 0;
// -1 (no exception set) for every other pair, which takes the rich-comparison protocol.
int ft_eval_op_compare_fast(int op, FtObject *lhs, FtObject *rhs);
// container[sub] = v (STORE_SUBSCR), with a direct path for an exact list and an exact int index.
// Returns 0, or -1 with an exception set.
int ft_eval_op_store_subscr(FtObject *container, FtObject *sub, FtObject *v);
FtObject *ft_eval_op_slice_get(FtObject *container, FtObject *start, FtObject *stop);
int ft_eval_op_slice_set(FtObject *container, FtObject *start, FtObject *stop, FtObject *v);

FtObject *ft_eval_op_load_global(FtFrame *frame, FtObject *name);
// LOAD_GLOBAL's lookup into a stack ref: functions, classes and modules (deferred) come uncounted,
// so that threads calling the same global function never write its count. 0, or -1 (NameError).
int ft_eval_op_load_global_stackref(FtFrame *frame, FtObject *name, FtStackRef *res);
FtObject *ft_eval_op_load_name(FtFrame *frame, FtObject *name);
FtObject *ft_eval_op_load_from_dict_or_globals(FtFrame *frame, FtObject *mapping, FtObject *name);
FtObject *ft_eval_op_load_from_dict_or_deref(FtFrame *frame, FtObject *mapping, int i);
int ft_eval_op_store_name(FtFrame *frame, FtObject *name, FtObject *v);
int ft_eval_op_delete_name(FtFrame *frame, FtObject *name);
int ft_eval_op_delete_global(FtFrame *frame, FtObject *name);
FtObject *ft_eval_op_load_builtin(FtFrame *frame, const char *name);

// The method-bit lookup of LOAD_ATTR: 1 with *meth an unbound function to call with owner
// prepended, 0 with *meth the attribute itself, -1 on error.
int ft_eval_op_get_method(FtObject *owner, FtObject *name, FtObject **meth);
// owner.name (LOAD_ATTR without the method bit): a new reference, or NULL with an exception.
FtObject *ft_eval_op_load_attr(FtObject *owner, FtObject *name);
// owner.name = v (STORE_ATTR): 0, or -1 with an exception.
int ft_eval_op_store_attr(FtObject *owner, FtObject *name, FtObject *v);
FtObject *ft_eval_op_load_super_attr(FtObject *global_super, FtObject *cls, FtObject *self,
                                     FtObject *name, int nargs);
// LOAD_SPECIAL: *meth and *self (NULL when meth needs no self) as new references; 0 or -1.
int ft_eval_op_load_special(FtObject *owner, int which, FtObject **meth, FtObject **self);

// Unpacks v into before + (after >= 0 ? 1 + after : 0) stack slots starting at out (out[n-1] is
// the first item, the top of the stack). 0, or -1 leaving out untouched.
int ft_eval_op_unpack(FtObject *v, int before, int after, FtStackRef *out);

// Build instructions. The _steal forms consume the n stack references (even on error).
FtObject *ft_eval_op_tuple_steal(FtStackRef *items, int n);
FtObject *ft_eval_op_list_steal(FtStackRef *items, int n);
FtObject *ft_eval_op_build_set(FtStackRef *items, int n);
FtObject *ft_eval_op_build_map(FtStackRef *items, int npairs);
FtObject *ft_eval_op_build_string(FtStackRef *items, int n);
int ft_eval_op_list_extend(FtObject *list, FtObject *iterable);
int ft_eval_op_dict_update(FtObject *dict, FtObject *update);
int ft_eval_op_dict_merge(FtObject *callable, FtObject *dict, FtObject *update);

// Calls. ft_eval_op_is_inlinable: a Python function whose call pushes a frame in the loop.
bool ft_eval_op_is_inlinable(FtObject *callable);
// A new frame for fn bound to args (borrowed) and kwnames (the last len(kwnames) of the total are
// keywords); NULL with an exception.
FtFrame *ft_eval_op_push_frame(FtThreadState *ts, FtObject *fn, FtStackRef *args, int total,
                               FtObject *kwnames);
FtObject *ft_eval_op_call(FtObject *callable, FtStackRef *args, int total, FtObject *kwnames);
FtObject *ft_eval_op_call_ex(FtObject *func, FtObject *callargs, FtObject *kwargs);

FtObject *ft_eval_op_intrinsic1(FtThreadState *ts, FtFrame *frame, int which, FtObject *v);
FtObject *ft_eval_op_intrinsic2(int which, FtObject *v2, FtObject *v1);
// A new reference (None when the builtins module lacks all/any).
FtObject *ft_eval_op_common_constant(FtThreadState *ts, int which);
int ft_eval_op_setup_annotations(FtFrame *frame);
FtObject *ft_eval_op_convert(FtObject *v, int which);

// Structural pattern matching: MATCH_MAPPING / MATCH_SEQUENCE's test, MATCH_KEYS (a tuple of the
// values, or None when a key is missing), MATCH_CLASS (a tuple of the attributes, or None).
bool ft_eval_op_match_kind(FtObject *subject, bool mapping);
FtObject *ft_eval_op_match_keys(FtObject *subject, FtObject *keys);
FtObject *ft_eval_op_match_class(FtObject *subject, FtObject *type, int nargs, FtObject *names);

FtObject *ft_eval_op_import_name(FtFrame *frame, FtObject *name, FtObject *fromlist,
                                 FtObject *level);
FtObject *ft_eval_op_import_from(FtThreadState *ts, FtObject *module, FtObject *name);

// Exceptions. ft_eval_op_raise always leaves an exception set (exc NULL: bare `raise`).
void ft_eval_op_raise(FtThreadState *ts, FtObject *exc, FtObject *cause);
int ft_eval_op_check_exc_match(FtObject *exc, FtObject *match);
// Replaces the handled exception with exc (stolen, NULL for none); returns the previous one (new
// reference, or NULL).
FtObject *ft_eval_op_swap_exc_info(FtThreadState *ts, FtObject *exc);
FtObject *ft_eval_op_with_except_start(FtObject *exit_func, FtObject *exit_self, FtObject *val);

#endif // FT_EVAL_CEVAL_OPS_H
