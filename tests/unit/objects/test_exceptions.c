// tests/unit/objects/test_exceptions.c: the built-in exception hierarchy (names, bases, MROs),
// BaseException's construction, repr/str, args, __context__/__cause__/__suppress_context__,
// __traceback__, add_note, and the subclasses with their own attributes.
// Expected texts come from the oracle; each group names the command that printed them.
#include <pthread.h>   // pthread_barrier_t
#include <string.h>    // strcmp

#include "objects_test_util.h"

#include "objects/int.h"          // ft_int_*
#include "objects/list.h"         // ft_list_*
#include "objects/method_def.h"   // ft_getset_descr_type
#include "objects/tuple.h"        // ft_tuple_*
#include "objects/type.h"         // ft_type_*

TEST(setup)
{
    CHECK_EQ_INT(obj_setup(), 0);
}

static FtObject *
make(FtTypeObject *type, int nargs, FtObject *a, FtObject *b)
{
    FtObject *args[2] = {a, b};
    return ft_exception_new_ref(type, args, nargs);
}

// Oracle: walking BaseException.__subclasses__() in python3.14 (the tree in objects/error.h), e.g.
//   ModuleNotFoundError.__mro__ -> ModuleNotFoundError ImportError Exception BaseException object
TEST(hierarchy_names_and_bases)
{
    static const struct { const char *name, *base; } expected[] = {
        {"BaseException", "object"}, {"Exception", "BaseException"},
        {"GeneratorExit", "BaseException"}, {"KeyboardInterrupt", "BaseException"},
        {"SystemExit", "BaseException"}, {"ZeroDivisionError", "ArithmeticError"},
        {"ModuleNotFoundError", "ImportError"}, {"KeyError", "LookupError"},
        {"UnboundLocalError", "NameError"}, {"BrokenPipeError", "ConnectionError"},
        {"ConnectionError", "OSError"}, {"TimeoutError", "OSError"},
        {"PythonFinalizationError", "RuntimeError"}, {"RecursionError", "RuntimeError"},
        {"TabError", "IndentationError"}, {"_IncompleteInputError", "SyntaxError"},
        {"UnicodeTranslateError", "UnicodeError"}, {"UnicodeError", "ValueError"},
        {"EncodingWarning", "Warning"}, {"Warning", "Exception"},
        {"StopAsyncIteration", "Exception"}, {"BaseExceptionGroup", "BaseException"},
        {"ExceptionGroup", "BaseExceptionGroup"},
    };
    CHECK_EQ_INT(ft_exception_type_count, 69);
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        FtTypeObject *found = NULL;
        for (int k = 0; k < ft_exception_type_count; k++) {
            if (strcmp(ft_exception_types[k]->tp_name, expected[i].name) == 0)
                found = ft_exception_types[k];
        }
        CHECK(found != NULL);
        CHECK(strcmp(found->tp_base->tp_name, expected[i].base) == 0);
        CHECK(ft_type_has_flag(found, FT_TPFLAGS_BASE_EXC_SUBCLASS));
        CHECK(ft_type_has_flag(found, FT_TPFLAGS_READY));
    }
    CHECK(obj_repr_is(ft_exc_module_not_found_error.tp_mro,
                      "(<class 'ModuleNotFoundError'>, <class 'ImportError'>, <class 'Exception'>, "
                      "<class 'BaseException'>, <class 'object'>)"));
}

// Oracle: python3.14 -c "print(repr(ValueError('x')), str(ValueError('x')), repr(ValueError()),
//   str(ValueError()), repr(ValueError(1,'a')), str(ValueError(1,'a')), repr(KeyError('k')),
//   str(KeyError('k')))"
//   ValueError('x') x ValueError()  ValueError(1, 'a') (1, 'a') KeyError('k') 'k'
// Oracle: python3.14 -c "print(str(KeyError()), str(KeyError(1,2)), repr(BaseException()))"
//   (empty)  (1, 2) BaseException()
TEST(repr_and_str)
{
    FtObject *x = ft_str_from_cstr_ref("x"), *a = ft_str_from_cstr_ref("a");
    FtObject *one = ft_int_from_int64_ref(1), *two = ft_int_from_int64_ref(2);
    FtObject *e = make(&ft_exc_value_error, 1, x, NULL);
    CHECK(obj_repr_is(e, "ValueError('x')"));
    FtObject *s = ft_object_str_ref(e);
    CHECK(obj_str_is(s, "x"));
    ft_decref(s);
    ft_decref(e);
    e = make(&ft_exc_value_error, 0, NULL, NULL);
    CHECK(obj_repr_is(e, "ValueError()"));
    s = ft_object_str_ref(e);
    CHECK(obj_str_is(s, ""));
    ft_decref(s);
    ft_decref(e);
    e = make(&ft_exc_value_error, 2, one, a);
    CHECK(obj_repr_is(e, "ValueError(1, 'a')"));
    s = ft_object_str_ref(e);
    CHECK(obj_str_is(s, "(1, 'a')"));
    ft_decref(s);
    ft_decref(e);
    e = make(&ft_exc_key_error, 0, NULL, NULL);
    s = ft_object_str_ref(e);
    CHECK(obj_str_is(s, ""));
    ft_decref(s);
    ft_decref(e);
    e = make(&ft_exc_key_error, 2, one, two);
    s = ft_object_str_ref(e);
    CHECK(obj_str_is(s, "(1, 2)"));
    ft_decref(s);
    ft_decref(e);
    e = make(&ft_exc_base_exception, 0, NULL, NULL);
    CHECK(obj_repr_is(e, "BaseException()"));
    ft_decref(e);
    ft_decref(x);
    ft_decref(a);
}

// Oracle: ValueError(x=1) -> TypeError ValueError() takes no keyword arguments
// Oracle: AttributeError(foo=1) -> TypeError AttributeError() got an unexpected keyword argument 'foo'
// Oracle: ValueError(1).args = 5 -> TypeError 'int' object is not iterable
TEST(construction_and_args)
{
    FtObject *one = ft_int_from_int64_ref(1);
    FtObject *kw = ft_tuple_pack_ref(1, ft_str_intern_cstr_ref("x"));
    FtObject *argv[1] = {one};
    CHECK(ft_object_vectorcall_ref((FtObject *)&ft_exc_value_error, argv, 0, kw) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "ValueError() takes no keyword arguments"));
    ft_decref(kw);
    kw = ft_tuple_pack_ref(1, ft_str_intern_cstr_ref("foo"));
    CHECK(ft_object_vectorcall_ref((FtObject *)&ft_exc_attribute_error, argv, 0, kw) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "AttributeError() got an unexpected keyword argument 'foo'"));
    ft_decref(kw);
    FtObject *e = make(&ft_exc_value_error, 1, one, NULL);
    FtObject *args = ft_object_get_attr_cstr_ref(e, "args");
    CHECK(obj_repr_is(args, "(1,)"));
    ft_decref(args);
    FtObject *name = ft_str_intern_cstr_ref("args");
    CHECK_EQ_INT(ft_object_set_attr(e, name, ft_int_from_int64_ref(5)), -1);
    CHECK(obj_error_is(&ft_exc_type_error, "'int' object is not iterable"));
    FtObject *t = ft_tuple_pack_ref(2, one, one);
    CHECK_EQ_INT(ft_object_set_attr(e, name, t), 0);
    CHECK(obj_repr_is(e, "ValueError(1, 1)"));
    ft_decref(t);
    CHECK(obj_repr_is(ft_type_lookup_borrow(&ft_exc_value_error, name),
                      "<attribute 'args' of 'BaseException' objects>"));
    ft_decref(e);
}

// Oracle: ValueError().__cause__=1 -> TypeError exception cause must be None or derive from
//   BaseException
// Oracle: ValueError().__context__=1 -> TypeError exception context must be None or derive from
//   BaseException
// Oracle: ValueError().__traceback__=1 -> TypeError __traceback__ must be a traceback or None
TEST(context_cause_traceback)
{
    FtObject *e = make(&ft_exc_value_error, 0, NULL, NULL);
    FtObject *c = make(&ft_exc_key_error, 0, NULL, NULL);
    FtObject *one = ft_int_from_int64_ref(1);
    FtObject *cause = ft_str_intern_cstr_ref("__cause__"), *context = ft_str_intern_cstr_ref("__context__");
    FtObject *tb = ft_str_intern_cstr_ref("__traceback__");
    FtObject *sc = ft_str_intern_cstr_ref("__suppress_context__");
    CHECK(ft_object_get_attr_ref(e, cause) == FT_NONE);
    CHECK(ft_object_get_attr_ref(e, sc) == FT_FALSE);
    CHECK_EQ_INT(ft_object_set_attr(e, cause, one), -1);
    CHECK(obj_error_is(&ft_exc_type_error, "exception cause must be None or derive from BaseException"));
    CHECK_EQ_INT(ft_object_set_attr(e, context, one), -1);
    CHECK(obj_error_is(&ft_exc_type_error, "exception context must be None or derive from BaseException"));
    CHECK_EQ_INT(ft_object_set_attr(e, tb, one), -1);
    CHECK(obj_error_is(&ft_exc_type_error, "__traceback__ must be a traceback or None"));
    CHECK_EQ_INT(ft_object_set_attr(e, tb, FT_NONE), 0);
    CHECK(ft_object_get_attr_ref(e, tb) == FT_NONE);
    CHECK_EQ_INT(ft_object_set_attr(e, cause, c), 0);
    FtObject *v = ft_object_get_attr_ref(e, cause);
    CHECK(v == c);
    ft_decref(v);
    CHECK(ft_object_get_attr_ref(e, sc) == FT_TRUE);   // setting a cause suppresses the context
    CHECK_EQ_INT(ft_object_set_attr(e, sc, FT_FALSE), 0);
    CHECK(ft_object_get_attr_ref(e, sc) == FT_FALSE);
    CHECK_EQ_INT(ft_object_set_attr(e, context, c), 0);
    v = ft_exception_get_context_ref(e);
    CHECK(v == c);
    ft_decref(v);
    CHECK_EQ_INT(ft_object_set_attr(e, context, FT_NONE), 0);
    CHECK(ft_exception_get_context_ref(e) == NULL);
    CHECK_EQ_INT(ft_object_set_attr(e, context, NULL), -1);
    CHECK(obj_error_is(&ft_exc_type_error, "__context__ may not be deleted"));
    // with_traceback(None) returns the exception itself.
    FtObject *m = ft_object_get_attr_cstr_ref(e, "with_traceback");
    FtObject *none = FT_NONE;
    v = ft_object_vectorcall_ref(m, &none, 1, NULL);
    CHECK(v == e);
    ft_decref(v);
    ft_decref(m);
    ft_decref(c);
    ft_decref(e);
}

// Oracle: ValueError().add_note(1) -> TypeError add_note() argument must be str, not int
TEST(add_note)
{
    FtObject *e = make(&ft_exc_value_error, 0, NULL, NULL);
    CHECK(ft_object_get_attr_cstr_ref(e, "__notes__") == NULL);
    CHECK(obj_error_is(&ft_exc_attribute_error, "'ValueError' object has no attribute '__notes__'"));
    FtObject *add = ft_object_get_attr_cstr_ref(e, "add_note");
    FtObject *one = ft_int_from_int64_ref(1);
    CHECK(ft_object_vectorcall_ref(add, &one, 1, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "add_note() argument must be str, not int"));
    FtObject *n1 = ft_str_from_cstr_ref("first"), *n2 = ft_str_from_cstr_ref("second");
    CHECK(ft_object_vectorcall_ref(add, &n1, 1, NULL) == FT_NONE);
    CHECK(ft_object_vectorcall_ref(add, &n2, 1, NULL) == FT_NONE);
    FtObject *notes = ft_object_get_attr_cstr_ref(e, "__notes__");
    CHECK(obj_repr_is(notes, "['first', 'second']"));
    ft_decref(notes);
    ft_decref(n1);
    ft_decref(n2);
    ft_decref(add);
    ft_decref(e);
}

// Oracle: python3.14 -c "print(repr(StopIteration(5).value), SystemExit(1,2).code,
//   ImportError('m', name='x').name, str(ImportError('m', name='x')))"
//   5 (1, 2) x m
// Oracle: repr(StopIteration.__dict__['value']) -> <member 'value' of 'StopIteration' objects>
TEST(subclass_attributes)
{
    FtObject *five = ft_int_from_int64_ref(5), *one = ft_int_from_int64_ref(1);
    FtObject *two = ft_int_from_int64_ref(2);
    FtObject *e = make(&ft_exc_stop_iteration, 1, five, NULL);
    FtObject *v = ft_object_get_attr_cstr_ref(e, "value");
    CHECK(v == five);
    ft_decref(e);
    e = make(&ft_exc_stop_iteration, 0, NULL, NULL);
    CHECK(ft_object_get_attr_cstr_ref(e, "value") == FT_NONE);
    FtObject *vname = ft_str_intern_cstr_ref("value");
    CHECK(obj_repr_is(ft_type_lookup_borrow(&ft_exc_stop_iteration, vname),
                      "<member 'value' of 'StopIteration' objects>"));
    ft_decref(e);
    e = make(&ft_exc_system_exit, 2, one, two);
    v = ft_object_get_attr_cstr_ref(e, "code");
    CHECK(obj_repr_is(v, "(1, 2)"));
    ft_decref(v);
    ft_decref(e);
    e = make(&ft_exc_system_exit, 0, NULL, NULL);
    CHECK(ft_object_get_attr_cstr_ref(e, "code") == FT_NONE);
    ft_decref(e);
    FtObject *m = ft_str_from_cstr_ref("m"), *x = ft_str_from_cstr_ref("x");
    FtObject *kw = ft_tuple_pack_ref(1, ft_str_intern_cstr_ref("name"));
    FtObject *args[2] = {m, x};
    e = ft_object_vectorcall_ref((FtObject *)&ft_exc_module_not_found_error, args, 1, kw);
    CHECK(e != NULL);
    v = ft_object_get_attr_cstr_ref(e, "name");
    CHECK(v == x);
    ft_decref(v);
    CHECK(ft_object_get_attr_cstr_ref(e, "path") == FT_NONE);
    FtObject *s = ft_object_str_ref(e);
    CHECK(obj_str_is(s, "m"));
    ft_decref(s);
    CHECK(obj_repr_is(e, "ModuleNotFoundError('m')"));
    ft_decref(e);
    ft_decref(kw);
    kw = ft_tuple_pack_ref(1, ft_str_intern_cstr_ref("name"));
    e = ft_object_vectorcall_ref((FtObject *)&ft_exc_unbound_local_error, args, 1, kw);
    v = ft_object_get_attr_cstr_ref(e, "name");
    CHECK(v == x);
    ft_decref(v);
    ft_decref(e);
    ft_decref(kw);
    ft_decref(m);
    ft_decref(x);
}

static FtObject *
make_n(FtTypeObject *type, FtObject *const *args, Ft_ssize n)
{
    return ft_exception_new_ref(type, args, n);
}

// Oracle: for a in [(2,'No such file'), (2,'x','f'), (2,'x','f',None,'g'), ('a',), (), (99999,'weird'),
//   (1,2,3,4,5,6), (13,'denied',None)]: e=OSError(*a); print(type(e).__name__, repr(str(e)), repr(e))
//   FileNotFoundError '[Errno 2] No such file' FileNotFoundError(2, 'No such file')
//   FileNotFoundError "[Errno 2] x: 'f'" FileNotFoundError(2, 'x')
//   FileNotFoundError "[Errno 2] x: 'f' -> 'g'" FileNotFoundError(2, 'x')
//   OSError 'a' OSError('a')
//   OSError '' OSError()
//   OSError '[Errno 99999] weird' OSError(99999, 'weird')
//   OSError '(1, 2, 3, 4, 5, 6)' OSError(1, 2, 3, 4, 5, 6)
//   PermissionError '[Errno 13] denied' PermissionError(13, 'denied', None)
// Oracle: FileNotFoundError(13,'x') -> FileNotFoundError [Errno 13] x
// Oracle: e=BlockingIOError(11,'x',5); print(e.characters_written, str(e), e.args) -> 5 [Errno 11] x (11, 'x', 5)
// Oracle: OSError(x=1) -> TypeError OSError() takes no keyword arguments
// Oracle: BlockingIOError(11,'x').characters_written -> AttributeError characters_written
TEST(os_error_arguments_and_subclass_selection)
{
    static const struct {
        int n;
        const char *type, *str, *repr;
    } cases[] = {
        {2, "FileNotFoundError", "[Errno 2] No such file", "FileNotFoundError(2, 'No such file')"},
        {3, "FileNotFoundError", "[Errno 2] x: 'f'", "FileNotFoundError(2, 'x')"},
        {5, "FileNotFoundError", "[Errno 2] x: 'f' -> 'g'", "FileNotFoundError(2, 'x')"},
        {1, "OSError", "a", "OSError('a')"},
        {0, "OSError", "", "OSError()"},
        {2, "OSError", "[Errno 99999] weird", "OSError(99999, 'weird')"},
        {6, "OSError", "(1, 2, 3, 4, 5, 6)", "OSError(1, 2, 3, 4, 5, 6)"},
        {3, "PermissionError", "[Errno 13] denied", "PermissionError(13, 'denied', None)"},
    };
    FtObject *x = ft_str_from_cstr_ref("x"), *f = ft_str_from_cstr_ref("f"), *g = ft_str_from_cstr_ref("g");
    FtObject *a = ft_str_from_cstr_ref("a"), *nsf = ft_str_from_cstr_ref("No such file");
    FtObject *weird = ft_str_from_cstr_ref("weird"), *denied = ft_str_from_cstr_ref("denied");
    FtObject *argv[8][6] = {
        {ft_int_from_int64_ref(2), nsf},
        {ft_int_from_int64_ref(2), x, f},
        {ft_int_from_int64_ref(2), x, f, FT_NONE, g},
        {a},
        {NULL},
        {ft_int_from_int64_ref(99999), weird},
        {ft_int_from_int64_ref(1), ft_int_from_int64_ref(2), ft_int_from_int64_ref(3),
         ft_int_from_int64_ref(4), ft_int_from_int64_ref(5), ft_int_from_int64_ref(6)},
        {ft_int_from_int64_ref(13), denied, FT_NONE},
    };
    for (int i = 0; i < 8; i++) {
        FtObject *e = make_n(&ft_exc_os_error, argv[i], cases[i].n);
        CHECK(e != NULL);
        if (strcmp(e->ob_type->tp_name, cases[i].type) != 0)
            printf("  case %d: %s\n", i, e->ob_type->tp_name);
        CHECK(strcmp(e->ob_type->tp_name, cases[i].type) == 0);
        FtObject *s = ft_object_str_ref(e);
        CHECK(obj_str_is(s, cases[i].str));
        ft_decref(s);
        CHECK(obj_repr_is(e, cases[i].repr));
        ft_decref(e);
    }
    FtObject *e = make_n(&ft_exc_os_error, argv[2], 5);
    FtObject *v = ft_object_get_attr_cstr_ref(e, "filename2");
    CHECK(v == g);
    ft_decref(v);
    v = ft_object_get_attr_cstr_ref(e, "errno");
    CHECK(obj_repr_is(v, "2"));
    ft_decref(v);
    ft_decref(e);
    FtObject *a13[2] = {ft_int_from_int64_ref(13), x};
    e = make_n(&ft_exc_file_not_found_error, a13, 2);
    CHECK(e->ob_type == &ft_exc_file_not_found_error);
    ft_decref(e);
    FtObject *a11[3] = {ft_int_from_int64_ref(11), x, ft_int_from_int64_ref(5)};
    e = make_n(&ft_exc_blocking_io_error, a11, 3);
    v = ft_object_get_attr_cstr_ref(e, "characters_written");
    CHECK(obj_repr_is(v, "5"));
    ft_decref(v);
    CHECK(obj_repr_is(e, "BlockingIOError(11, 'x', 5)"));
    ft_decref(e);
    e = make_n(&ft_exc_blocking_io_error, a11, 2);
    CHECK(ft_object_get_attr_cstr_ref(e, "characters_written") == NULL);
    CHECK(obj_error_is(&ft_exc_attribute_error, "characters_written"));
    ft_decref(e);
    FtObject *kw = ft_tuple_pack_ref(1, ft_str_intern_cstr_ref("x"));
    CHECK(ft_object_vectorcall_ref((FtObject *)&ft_exc_os_error, a11, 0, kw) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "OSError() takes no keyword arguments"));
    ft_decref(kw);
    FtObject *all[] = {x, f, g, a, nsf, weird, denied};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        ft_decref(all[i]);
}

// Oracle: e=SyntaxError('bad', ('dir/f.py', 3, 4, 'x = (', 3, 5)); print(str(e), repr(e), e.msg,
//   e.filename, e.lineno, e.offset, repr(e.text), e.end_lineno, e.end_offset, e.print_file_and_line)
//   bad (f.py, line 3) SyntaxError('bad', ('dir/f.py', 3, 4, 'x = (', 3, 5)) bad dir/f.py 3 4 'x = (' 3 5 None
// Oracle: str(SyntaxError('bad', (None, 3, 4, 'x'))) -> bad (line 3)
// Oracle: str(SyntaxError('bad', ('f.py', None, 4, 'x'))) -> bad (f.py)
// Oracle: str(SyntaxError()) -> None;  str(SyntaxError('bad')) -> bad
// Oracle: SyntaxError('m', 5) -> TypeError 'int' object is not iterable
// Oracle: SyntaxError('m', (1,2)) -> TypeError function takes at least 4 arguments (2 given)
// Oracle: str(IndentationError('bad', ('f.py', 3, 4, 'x'))) -> bad (f.py, line 3)
TEST(syntax_error_attributes_and_str)
{
    FtObject *bad = ft_str_from_cstr_ref("bad"), *path = ft_str_from_cstr_ref("dir/f.py");
    FtObject *text = ft_str_from_cstr_ref("x = ("), *fpy = ft_str_from_cstr_ref("f.py");
    FtObject *three = ft_int_from_int64_ref(3), *four = ft_int_from_int64_ref(4);
    FtObject *five = ft_int_from_int64_ref(5);
    FtObject *info = ft_tuple_pack_ref(6, path, three, four, text, three, five);
    FtObject *args[2] = {bad, info};
    FtObject *e = make_n(&ft_exc_syntax_error, args, 2);
    FtObject *s = ft_object_str_ref(e);
    CHECK(obj_str_is(s, "bad (f.py, line 3)"));
    ft_decref(s);
    CHECK(obj_repr_is(e, "SyntaxError('bad', ('dir/f.py', 3, 4, 'x = (', 3, 5))"));
    FtObject *v = ft_object_get_attr_cstr_ref(e, "filename");
    CHECK(v == path);
    ft_decref(v);
    v = ft_object_get_attr_cstr_ref(e, "end_offset");
    CHECK(v == five);
    CHECK(ft_object_get_attr_cstr_ref(e, "print_file_and_line") == FT_NONE);
    ft_decref(e);
    ft_decref(info);
    info = ft_tuple_pack_ref(4, FT_NONE, three, four, text);
    args[1] = info;
    e = make_n(&ft_exc_syntax_error, args, 2);
    s = ft_object_str_ref(e);
    CHECK(obj_str_is(s, "bad (line 3)"));
    ft_decref(s);
    ft_decref(e);
    ft_decref(info);
    info = ft_tuple_pack_ref(4, fpy, FT_NONE, four, text);
    args[1] = info;
    e = make_n(&ft_exc_syntax_error, args, 2);
    s = ft_object_str_ref(e);
    CHECK(obj_str_is(s, "bad (f.py)"));
    ft_decref(s);
    ft_decref(e);
    ft_decref(info);
    e = make_n(&ft_exc_syntax_error, NULL, 0);
    s = ft_object_str_ref(e);
    CHECK(obj_str_is(s, "None"));
    ft_decref(s);
    ft_decref(e);
    e = make_n(&ft_exc_syntax_error, args, 1);
    s = ft_object_str_ref(e);
    CHECK(obj_str_is(s, "bad"));
    ft_decref(s);
    ft_decref(e);
    args[1] = five;
    CHECK(make_n(&ft_exc_syntax_error, args, 2) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "'int' object is not iterable"));
    info = ft_tuple_pack_ref(2, three, four);
    args[1] = info;
    CHECK(make_n(&ft_exc_syntax_error, args, 2) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "function takes at least 4 arguments (2 given)"));
    ft_decref(info);
    info = ft_tuple_pack_ref(4, fpy, three, four, text);
    args[1] = info;
    e = make_n(&ft_exc_indentation_error, args, 2);
    s = ft_object_str_ref(e);
    CHECK(obj_str_is(s, "bad (f.py, line 3)"));
    ft_decref(s);
    ft_decref(e);
    ft_decref(info);
    FtObject *all[] = {bad, path, text, fpy};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        ft_decref(all[i]);
}

static int
in_dict(FtTypeObject *type, const char *name)
{
    return ft_type_dict_get_borrow(type, ft_str_intern_cstr_ref(name)) != NULL;
}

// Oracle: python3.14 -c "print(ValueError.__dict__.keys()); print(KeyError.__dict__.keys());
//   print(StopIteration.__dict__.keys()); print(FileNotFoundError.__dict__.keys())"
//   dict_keys(['__new__', '__doc__'])
//   dict_keys(['__str__', '__doc__'])
//   dict_keys(['__init__', 'value', '__doc__'])
//   dict_keys(['__doc__'])
TEST(own_dict_entries_follow_cpython)
{
    CHECK(in_dict(&ft_exc_value_error, "__new__") && !in_dict(&ft_exc_value_error, "__init__"));
    CHECK(!in_dict(&ft_exc_value_error, "__str__") && in_dict(&ft_exc_value_error, "__doc__"));
    CHECK(in_dict(&ft_exc_key_error, "__str__") && !in_dict(&ft_exc_key_error, "__new__"));
    CHECK(in_dict(&ft_exc_stop_iteration, "__init__") && in_dict(&ft_exc_stop_iteration, "value"));
    CHECK(!in_dict(&ft_exc_stop_iteration, "__new__"));
    CHECK(!in_dict(&ft_exc_file_not_found_error, "__new__"));
    CHECK(!in_dict(&ft_exc_file_not_found_error, "__init__"));
    CHECK(!in_dict(&ft_exc_file_not_found_error, "__str__"));
    CHECK(in_dict(&ft_exc_os_error, "__new__") && in_dict(&ft_exc_os_error, "errno"));
    CHECK(in_dict(&ft_exc_base_exception, "args") && in_dict(&ft_exc_base_exception, "add_note"));
    CHECK(!in_dict(&ft_exc_value_error, "args"));
}

#define WRITERS 2
static pthread_barrier_t barrier;
static FtObject *shared_exc;   // published before the writers start

static void *
noter(void *arg)
{
    obj_thread_begin();
    FtObject *add = ft_object_get_attr_cstr_ref(shared_exc, "add_note");
    FtObject *note = ft_str_from_cstr_ref("n");
    FtObject *other = make(&ft_exc_key_error, 0, NULL, NULL);
    pthread_barrier_wait(&barrier);
    for (int i = 0; i < 200; i++) {
        FtObject *r = ft_object_vectorcall_ref(add, &note, 1, NULL);
        ft_xdecref(r);
        ft_exception_set_context_steal(shared_exc, ft_new_ref(other));
        FtObject *ctx = ft_exception_get_context_ref(shared_exc);
        ft_xdecref(ctx);
    }
    ft_decref(other);
    ft_decref(note);
    ft_decref(add);
    ft_thread_state_delete_current();
    return NULL;
}

// Exceptions are mutable and shared: concurrent add_note keeps every note (the lock), and concurrent
// __context__ replacement neither leaks nor frees a live object.
TEST(concurrent_notes_and_context)
{
    shared_exc = make(&ft_exc_value_error, 0, NULL, NULL);
    pthread_barrier_init(&barrier, NULL, WRITERS);
    pthread_t threads[WRITERS];
    for (int i = 0; i < WRITERS; i++)
        pthread_create(&threads[i], NULL, noter, NULL);
    FtThreadState *ts = ft_thread_state_current();
    ft_thread_detach(ts);
    for (int i = 0; i < WRITERS; i++)
        pthread_join(threads[i], NULL);
    ft_thread_attach(ts);
    pthread_barrier_destroy(&barrier);
    FtObject *notes = ft_object_get_attr_cstr_ref(shared_exc, "__notes__");
    CHECK(notes != NULL);
    CHECK(ft_list_check(notes));
    CHECK_EQ_INT(ft_list_size(notes), WRITERS * 200);
    ft_decref(notes);
    ft_decref(shared_exc);
}

int
main(void)
{
    return ft_test_run_all();
}
