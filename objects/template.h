// objects/template.h: t-string objects, string.templatelib.Template and Interpolation (CPython's
// Objects/templateobject.c and Objects/interpolationobject.c).
//
// Both are immutable after creation: a Template holds a tuple of strs (strings, always one more
// than interpolations) and a tuple of Interpolations; an Interpolation holds value, expression (str),
// conversion (None or 's'/'r'/'a') and format_spec (str). Every operation is lock-free; the
// Template iterator claims its position under its own critical section.
#ifndef FT_OBJECTS_TEMPLATE_H
#define FT_OBJECTS_TEMPLATE_H

#include "runtime/object.h"   // FtObject FtTypeObject

typedef struct FtTemplateObject {
    FtObject ob_base;
    FtObject *strings;          // immutable: tuple of str, len(interpolations) + 1 items
    FtObject *interpolations;   // immutable: tuple of Interpolation
} FtTemplateObject;

typedef struct FtInterpolationObject {
    FtObject ob_base;
    FtObject *value;         // immutable: any object
    FtObject *expression;    // immutable: str
    FtObject *conversion;    // immutable: None or one of the strs 's', 'r', 'a'
    FtObject *format_spec;   // immutable: str
} FtInterpolationObject;

extern FtTypeObject ft_template_type;        // "string.templatelib.Template"
extern FtTypeObject ft_interpolation_type;   // "string.templatelib.Interpolation"
extern FtTypeObject ft_template_iter_type;   // "string.templatelib.TemplateIter"

// BUILD_TEMPLATE: a Template from a tuple of strs and a tuple of Interpolations (one fewer), both
// borrowed. New reference or NULL.
FtObject *ft_template_build_ref(FtObject *strings, FtObject *interpolations);

// BUILD_INTERPOLATION: conversion is the CONVERT_VALUE code (0 none, 1 's', 2 'r', 3 'a'),
// format_spec a str or NULL for ''. New reference or NULL.
FtObject *ft_interpolation_build_ref(FtObject *value, FtObject *expression, int conversion,
                                     FtObject *format_spec);

int ft_template_init_types(void);

#endif // FT_OBJECTS_TEMPLATE_H
