#!/usr/bin/env python3
"""compiler/gen/gen_parser.py: the PEG parser generator (compiler/python.gram -> parser.gen.c).

Usage: gen_parser.py [compiler/python.gram] [compiler/generated/parser.gen.c] [compiler/generated/tokens.gen.h]

Grammar notation (PEP 617's, which compiler/python.gram follows):
  rule (memo): alt | alt ...        a rule; `(memo)` caches its result per start token
  name=item                         binds the item's value to a C variable for the action
  e?  [e]  e*  e+  s.e+             optional, zero-or-more, one-or-more, s-separated one-or-more
  &e  !e  &&e  ~                    lookahead, negative lookahead, forced (error if absent), cut
  'kw'  "soft"  '+'                 keyword, soft keyword, operator token; NAME/NUMBER/... tokens
  { C expression }                  the alternative's value; NULL without an error means "fails"

Rules named invalid_* exist only to produce specific error messages: an alternative that mentions
one is tried only when p->call_invalid_rules is set (the second pass after a failed parse). A rule
whose name ends in _without_invalid clears that flag while it runs (so nothing under it does).

Semantics follow CPython's pegen: ordered choice with backtracking, memoization of `(memo)` rules,
and direct left recursion by growing a seed (Warth et al.; pegen's approach): a left-recursive
rule is memoized with a failure first, then re-parsed while each round consumes more input.

Every rule returns `void *` (NULL = no match); NAME yields a Name node, NUMBER a Constant node,
STRING and other tokens yield FtParseToken *. The output is #included by compiler/parser.c, which
defines the parser state and the helpers the actions call.
"""
import os
import re
import sys


class Item:
    def __init__(self, kind, value=None, sub=None, name=None):
        self.kind = kind      # rule, token, keyword, soft, op, group, opt, star, plus, gather, and, not, forced, cut
        self.value = value
        self.sub = sub        # for wrappers: the inner item or list of alts
        self.name = name


class Alt:
    def __init__(self, items, action):
        self.items, self.action = items, action


class Rule:
    def __init__(self, name, alts, memo):
        self.name, self.alts, self.memo = name, alts, memo
        self.left_rec = False


TOKEN_RE = re.compile(r"""
    (?P<ws>[ \t\n]+) | (?P<comment>\#[^\n]*) |
    (?P<name>[A-Za-z_][A-Za-z_0-9]*) |
    (?P<string>'[^'\n]*'|"[^"\n]*") |
    (?P<op>&&|[|:()\[\]*+?.&!~=]) |
    (?P<action>\{)
""", re.X)


def lex(text):
    toks = []
    i = 0
    line_start = True
    while i < len(text):
        m = TOKEN_RE.match(text, i)
        if not m:
            raise SystemExit("gen_parser: bad grammar text at %r" % text[i:i + 40])
        kind = m.lastgroup
        if kind == "action":
            depth, j = 0, i
            while True:
                c = text[j]
                if c in "\"'":
                    q = c
                    j += 1
                    while text[j] != q:
                        j += 2 if text[j] == "\\" else 1
                elif c == "{":
                    depth += 1
                elif c == "}":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            toks.append(("action", text[i + 1:j].strip(), False))
            i = j + 1
            line_start = False
            continue
        if kind == "ws":
            if "\n" in m.group():
                line_start = m.group().endswith("\n")
        elif kind != "comment":
            col0 = i == 0 or text[i - 1] == "\n"
            toks.append((kind, m.group(), col0))
        i = m.end()
    toks.append(("eof", "", True))
    return toks


class GrammarParser:
    def __init__(self, toks):
        self.toks, self.i = toks, 0

    def peek(self):
        return self.toks[self.i]

    def take(self, value=None):
        t = self.toks[self.i]
        if value is not None and t[1] != value:
            raise SystemExit("gen_parser: expected %r, got %r (token %d)" % (value, t[1], self.i))
        self.i += 1
        return t

    def rules(self):
        out = []
        while self.peek()[0] != "eof":
            name = self.take()[1]
            memo = False
            if self.peek()[1] == "(":
                self.take("(")
                memo = self.take()[1] == "memo"
                self.take(")")
            self.take(":")
            out.append(Rule(name, self.alts(), memo))
        return out

    def at_rule_start(self):
        t = self.peek()
        return t[0] == "eof" or (t[2] and t[0] == "name")

    def alts(self, nested=False):
        if self.peek()[1] == "|":
            self.take()
        alts = [self.alt(nested)]
        while self.peek()[1] == "|" and not self.at_rule_start():
            self.take()
            alts.append(self.alt(nested))
        return alts

    def alt(self, nested):
        items, action = [], None
        while True:
            t = self.peek()
            if t[0] == "eof" or (not nested and self.at_rule_start()) or t[1] in ("|", ")", "]"):
                break
            if t[0] == "action":
                action = self.take()[1]
                break
            items.append(self.item())
        return Alt(items, action)

    def item(self):
        t = self.peek()
        name = None
        if t[0] == "name" and self.toks[self.i + 1][1] == "=":
            name = self.take()[1]
            self.take("=")
            t = self.peek()
        if t[1] in ("&", "!", "&&"):
            self.take()
            kind = {"&": "and", "!": "not", "&&": "forced"}[t[1]]
            return Item(kind, sub=self.atom(), name=name)
        if t[1] == "~":
            self.take()
            return Item("cut")
        it = self.atom()
        nxt = self.peek()[1]
        if nxt == "?":
            self.take()
            it = Item("opt", sub=it)
        elif nxt == "*":
            self.take()
            it = Item("star", sub=it)
        elif nxt == "+":
            self.take()
            it = Item("plus", sub=it)
        elif nxt == "." and self.toks[self.i + 1][0] in ("name", "string") or nxt == "." and self.toks[self.i + 1][1] == "(":
            self.take(".")
            elem = self.atom()
            self.take("+")
            it = Item("gather", sub=(it, elem))
        it.name = name
        return it

    def atom(self):
        t = self.take()
        if t[1] == "(":
            alts = self.alts(nested=True)
            self.take(")")
            return Item("group", sub=alts)
        if t[1] == "[":
            alts = self.alts(nested=True)
            self.take("]")
            return Item("opt", sub=Item("group", sub=alts))
        if t[0] == "name":
            if t[1].isupper():
                return Item("token", t[1])
            return Item("rule", t[1])
        if t[0] == "string":
            s = t[1][1:-1]
            if t[1][0] == '"':
                return Item("soft", s)
            if re.fullmatch(r"[A-Za-z_]\w*", s):
                return Item("keyword", s)
            return Item("op", s)
        raise SystemExit("gen_parser: unexpected %r" % (t,))


class Generator:
    def __init__(self, rules, spellings):
        self.rules = rules
        self.by_name = {r.name: r for r in rules}
        self.spellings = spellings
        self.keywords = []
        self.aux = []         # (name, kind, payload)
        self.aux_count = 0
        self.out = []
        self.rule_ids = {}

    def keyword_id(self, kw):
        if kw not in self.keywords:
            self.keywords.append(kw)
        return 500 + self.keywords.index(kw)

    def first_item_is(self, alt, name):
        for it in alt.items:
            if it.kind in ("and", "not", "cut"):
                continue
            return it.kind == "rule" and it.value == name
        return False

    def new_aux(self, kind, payload):
        self.aux_count += 1
        name = "aux%d_%s" % (self.aux_count, kind)
        self.aux.append((name, kind, payload))
        return name

    def expr(self, it):
        """C expression that parses item `it`, yielding a pointer (NULL = failure)."""
        k = it.kind
        if k == "rule":
            if it.value not in self.by_name:
                raise SystemExit("gen_parser: unknown rule %s" % it.value)
            return "%s_rule(p)" % it.value
        if k == "token":
            if it.value == "NAME":
                return "name_token(p)"
            if it.value == "NUMBER":
                return "number_token(p)"
            return "expect_token(p, FT_TOKEN_%s)" % it.value
        if k == "keyword":
            return "expect_token(p, %d)" % self.keyword_id(it.value)
        if k == "soft":
            return "expect_soft_keyword(p, \"%s\")" % it.value
        if k == "op":
            if it.value not in self.spellings:
                raise SystemExit("gen_parser: unknown operator %r" % it.value)
            return "expect_token(p, FT_TOKEN_%s)" % self.spellings[it.value]
        if k == "group":
            alts = it.sub
            if len(alts) == 1 and len(alts[0].items) == 1 and alts[0].action is None \
                    and alts[0].items[0].kind not in ("and", "not", "cut", "forced"):
                return self.expr(alts[0].items[0])
            return "%s(p)" % self.new_aux("group", alts)
        if k in ("star", "plus"):
            return "%s(p)" % self.new_aux("loop0" if k == "star" else "loop1", it.sub)
        if k == "gather":
            return "%s(p)" % self.new_aux("gather", it.sub)
        if k == "opt":
            return self.expr(it.sub)
        raise SystemExit("gen_parser: no expression for %s" % k)

    def mentions_invalid(self, it):
        """True if the item names an invalid_* rule: such alternatives run only in the error pass."""
        if it.kind == "rule":
            return it.value.startswith("invalid_")
        if it.kind == "group":
            return any(self.mentions_invalid(i) for a in it.sub for i in a.items)
        if it.kind == "gather":
            return any(self.mentions_invalid(i) for i in it.sub)
        if it.sub is not None and isinstance(it.sub, Item):
            return self.mentions_invalid(it.sub)
        return False

    def describe(self, it):
        if it.kind in ("op", "keyword"):
            return "'%s'" % it.value
        if it.kind == "soft":
            return "'%s'" % it.value
        if it.kind == "token":
            return it.value
        return it.value or "expression"

    def gen_alt(self, rule_name, alt, idx, w, extra_default):
        """Emits one alternative. On success sets `res` and jumps to done."""
        w("    {  // alt %d" % idx)
        conds = []
        decls = []
        names = []
        has_cut = False
        for n, it in enumerate(alt.items):
            var = it.name or "_v%d" % n
            if it.kind == "cut":
                has_cut = True
                conds.append("(cut = 1)")
                continue
            if it.kind in ("and", "not"):
                e = self.expr(it.sub)
                conds.append("%s({ int m_ = p->mark; void *r_ = %s; p->mark = m_; r_ != NULL; })"
                             % ("" if it.kind == "and" else "!", e))
                if it.kind == "not":
                    conds[-1] = "(%s && !p->error)" % conds[-1]
                continue
            decls.append(var)
            names.append(var)
            if it.kind == "forced":
                conds.append("((%s = %s) != NULL || forced_error(p, \"%s\"))"
                             % (var, self.expr(it.sub), self.describe(it.sub).replace('"', '\\"')))
                continue
            e = self.expr(it)
            if it.kind == "opt":
                conds.append("((%s = %s), !p->error)" % (var, e))
            else:
                conds.append("(%s = %s) != NULL" % (var, e))
        for d in decls:
            w("        void *%s;" % d)
        if not conds:
            conds = ["1"]
        if any(self.mentions_invalid(it) for it in alt.items):
            conds.insert(0, "p->call_invalid_rules")
        w("        if (%s) {" % "\n            && ".join(conds))
        for d in decls:
            w("            (void)%s;" % d)
        if alt.action is not None:
            act = alt.action
            if "EXTRA" in act:
                w("            FtParseToken *last_ = last_significant_token(p);")
                w("            int end_lineno = last_->end_lineno, end_col_offset = last_->end_col_offset;")
            w("            res = %s;" % act)
        else:
            real = [it for it in alt.items if it.kind not in ("and", "not", "cut")]
            if len(real) == 1:
                w("            res = %s;" % (real[0].name or "_v%d" % alt.items.index(real[0])))
            else:
                w("            res = p->dummy;")
        w("            if (res == NULL && p->error)")
        w("                goto done;")
        w("            if (res != NULL)")
        w("                goto done;")
        w("        }")
        w("        p->mark = mark;")
        w("        if (p->error)")
        w("            goto done;")
        if has_cut:
            w("        if (cut)")
            w("            goto done;")
        w("    }")

    def gen_body(self, fname, alts, memo_id, w, uses_extra):
        w("static void *")
        w("%s(FtParser *p)" % fname)
        w("{")
        w("    if (enter_rule(p) < 0)")
        w("        return NULL;")
        w("    void *res = NULL;")
        if memo_id is not None:
            w("    if (memo_get(p, %d, &res)) {" % memo_id)
            w("        p->level--;")
            w("        return res;")
            w("    }")
        no_invalid = fname.endswith("_without_invalid_rule")
        if no_invalid:
            w("    int saved_invalid = p->call_invalid_rules;")
            w("    p->call_invalid_rules = 0;")
        w("    int mark = p->mark;")
        w("    int cut = 0;")
        w("    (void)cut;")
        if uses_extra:
            w("    if (p->mark == p->fill && fill_token(p) < 0)")
            w("        goto done;")
            w("    int start_lineno = p->tokens[mark]->lineno;")
            w("    int start_col_offset = p->tokens[mark]->col_offset;")
            w("    (void)start_lineno;")
            w("    (void)start_col_offset;")
        for i, alt in enumerate(alts):
            self.gen_alt(fname, alt, i, w, uses_extra)
        w("    res = NULL;")
        w("done:")
        if no_invalid:
            w("    p->call_invalid_rules = saved_invalid;")
        w("    if (p->error)")
        w("        res = NULL;")
        if memo_id is not None:
            w("    else if (memo_put(p, mark, %d, res) < 0)" % memo_id)
            w("        res = NULL;")
        w("    p->level--;")
        w("    return res;")
        w("}")
        w("")

    def gen_loop(self, name, kind, payload, w):
        w("static void *")
        w("%s(FtParser *p)" % name)
        w("{")
        w("    if (enter_rule(p) < 0)")
        w("        return NULL;")
        w("    FtParseVec vec = {0};")
        w("    void *elem;")
        w("    void *res = NULL;")
        w("    int mark = p->mark;")
        if kind == "gather":
            sep, elem = payload
            w("    if ((elem = %s) == NULL)" % self.expr(elem))
            w("        goto done;")
            w("    if (vec_push(p, &vec, elem) < 0)")
            w("        goto done;")
            w("    for (;;) {")
            w("        int m = p->mark;")
            w("        if (%s == NULL || (elem = %s) == NULL) {" % (self.expr(sep), self.expr(elem)))
            w("            p->mark = m;")
            w("            break;")
            w("        }")
            w("        if (vec_push(p, &vec, elem) < 0)")
            w("            goto done;")
            w("    }")
        else:
            w("    while ((elem = %s) != NULL) {" % self.expr(payload))
            w("        if (vec_push(p, &vec, elem) < 0)")
            w("            goto done;")
            w("    }")
        w("    if (p->error)")
        w("        goto done;")
        if kind == "loop1" or kind == "gather":
            w("    if (vec.len == 0) {")
            w("        p->mark = mark;")
            w("        goto done;")
            w("    }")
        w("    res = vec_to_seq(p, &vec);")
        w("done:")
        w("    vec_free(&vec);")
        w("    if (p->error)")
        w("        res = NULL;")
        w("    if (res == NULL)")
        w("        p->mark = mark;")
        w("    p->level--;")
        w("    return res;")
        w("}")
        w("")

    def run(self):
        for r in self.rules:
            r.left_rec = any(self.first_item_is(a, r.name) for a in r.alts)
        memo_id = 0
        for r in self.rules:
            if r.memo or r.left_rec:
                memo_id += 1
                self.rule_ids[r.name] = memo_id
        body = []
        w = body.append
        for r in self.rules:
            uses_extra = any(a.action and "EXTRA" in a.action for a in r.alts)
            if r.left_rec:
                mid = self.rule_ids[r.name]
                w("static void *")
                w("%s_rule(FtParser *p)" % r.name)
                w("{")
                w("    void *res = NULL;")
                w("    if (memo_get(p, %d, &res))" % mid)
                w("        return res;")
                w("    int mark = p->mark, resmark = p->mark;")
                w("    if (memo_put(p, mark, %d, NULL) < 0)" % mid)
                w("        return NULL;")
                w("    for (;;) {")
                w("        p->mark = mark;")
                w("        void *raw = %s_raw(p);" % r.name)
                w("        if (p->error)")
                w("            return NULL;")
                w("        if (raw == NULL || p->mark <= resmark)")
                w("            break;")
                w("        resmark = p->mark;")
                w("        res = raw;")
                w("        if (memo_put(p, mark, %d, res) < 0)" % mid)
                w("            return NULL;")
                w("    }")
                w("    p->mark = resmark;")
                w("    return res;")
                w("}")
                w("")
                self.gen_body("%s_raw" % r.name, r.alts, None, w, uses_extra)
            else:
                self.gen_body("%s_rule" % r.name, r.alts, self.rule_ids.get(r.name), w, uses_extra)
        # Aux rules may create more aux rules while being generated.
        done = 0
        while done < len(self.aux):
            name, kind, payload = self.aux[done]
            done += 1
            if kind == "group":
                uses_extra = any(a.action and "EXTRA" in a.action for a in payload)
                self.gen_body(name, payload, None, w, uses_extra)
            else:
                self.gen_loop(name, kind, payload, w)
        out = self.out
        out.append("// Generated by compiler/gen/gen_parser.py from compiler/python.gram. Do not edit.")
        out.append("// The PEG parser: one function per rule; #included by compiler/parser.c.")
        out.append("")
        out.append("#define FT_PARSER_KEYWORD_COUNT %d" % len(self.keywords))
        out.append("static const char *const parser_keywords[FT_PARSER_KEYWORD_COUNT] = {")
        for kw in self.keywords:
            out.append("    \"%s\",  // %d" % (kw, self.keyword_id(kw)))
        out.append("};")
        out.append("")
        out.append("#define EXTRA start_lineno, start_col_offset, end_lineno, end_col_offset, p->arena")
        out.append("")
        for r in self.rules:
            out.append("static void *%s_rule(FtParser *p);" % r.name)
            if r.left_rec:
                out.append("static void *%s_raw(FtParser *p);" % r.name)
        for name, kind, payload in self.aux:
            out.append("static void *%s(FtParser *p);" % name)
        out.append("")
        out.extend(body)
        out.append("#undef EXTRA")


def read_spellings(path):
    spell = {}
    for m in re.finditer(r'X\((\w+), \d+, "([^"]+)"\)', open(path, encoding="utf-8").read()):
        spell[m.group(2)] = m.group(1)
    return spell


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    gram = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "python.gram")
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "..", "generated", "parser.gen.c")
    toks = sys.argv[3] if len(sys.argv) > 3 else os.path.join(here, "..", "generated", "tokens.gen.h")
    rules = GrammarParser(lex(open(gram, encoding="utf-8").read())).rules()
    g = Generator(rules, read_spellings(toks))
    g.run()
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(g.out) + "\n")


if __name__ == "__main__":
    main()
