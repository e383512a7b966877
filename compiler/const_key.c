// compiler/const_key.c: the key under which the compiler stores a constant.
//
// Owns: ft_compile_const_key_ref, the compiler's name for CPython's _PyCode_ConstantKey, which lives
// with the code objects (objects/code.c, ft_code_constant_key_ref) because code objects compare
// their constants through it, as in CPython's Objects/codeobject.c.
// Concurrency: pure; touches only new objects.
#include "compiler/assemble.h"

#include "objects/code.h"   // ft_code_constant_key_ref

FtObject *
ft_compile_const_key_ref(FtObject *value)
{
    return ft_code_constant_key_ref(value);
}
