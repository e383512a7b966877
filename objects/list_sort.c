// objects/list_sort.c: the sort behind list.sort(): CPython's adaptive, stable natural merge sort
// ("timsort" with the powersort merge policy of 3.12+), as described in CPython's
// Objects/listsort.txt and implemented in Objects/listobject.c (listsort and its helpers).
//
// Owns: ft_list_sort_items, the algorithm on a private array of keys (and optional values moved in
// lockstep, for key functions: the "decorate" step happens in objects/list.c).
// Algorithm: the input is cut into natural runs (non-descending, or strictly descending and then
// reversed in place, which keeps stability); a run shorter than minrun (32..64, chosen so that
// n / minrun is a power of two or just under one) is extended with a stable binary insertion sort.
// Runs are pushed on a stack; before a run is pushed, the powersort "power" of the boundary between
// the top run and the new one decides which pending runs to merge (merge while the run below the top
// has a higher power). Merges first trim the parts already in place with galloping searches, then
// merge from the shorter side with a temporary copy of the shorter run, switching to galloping mode
// once one run wins MIN_GALLOP times in a row (min_gallop adapts per merge).
// Invariant: at every point, even after a comparison error, keys[0..n) (and values) hold a
// permutation of the input: nothing is lost or duplicated, so the caller can put the items back.
// Concurrency: none here; the caller owns the arrays (objects/list.c takes them out of the list
// under its critical section and publishes them again). Comparisons may run Python code.
#include <string.h>   // memcpy memmove

#include "objects/list.h"

#include "objects/error.h"          // ft_error_no_memory
#include "objects/object.h"         // ft_object_rich_compare_bool FT_LT
#include "runtime/runtime_mem.h"    // ft_runtime_mem_alloc ft_runtime_mem_free
#include "sync/fatal.h"             // FT_ASSERT

// Stay in galloping mode while a run wins at least this often in a row (listsort.txt).
#define MIN_GALLOP 7
// Temporary storage that needs no allocation.
#define MERGE_TEMP_SIZE 256
// The largest minrun; a power of two.
#define MAX_MINRUN 64
// At most floor(log2(n)) + 1 runs are ever pending, so one per bit of a size is plenty.
#define MAX_MERGE_PENDING ((int)(sizeof(size_t) * 8))

// A sortable view: keys, and values moved along with them (NULL when the keys are the values).
typedef struct SortSlice {
    FtObject **keys;
    FtObject **values;
} SortSlice;

typedef struct SortRun {
    SortSlice base;
    Ft_ssize len;
    int power;   // powersort node level of the boundary before the next run
} SortRun;

typedef struct MergeState {
    Ft_ssize min_gallop;
    Ft_ssize listlen;
    FtObject **basekeys;
    SortSlice temp;        // scratch for merges; points into temp_array or allocated
    Ft_ssize temp_alloced;
    bool temp_heap;
    int n;
    SortRun pending[MAX_MERGE_PENDING];
    FtObject *temp_array[MERGE_TEMP_SIZE];
} MergeState;

/* --- Slice helpers --- */

static inline void
slice_copy(SortSlice *dst, Ft_ssize i, const SortSlice *src, Ft_ssize j)
{
    dst->keys[i] = src->keys[j];
    if (dst->values != NULL)
        dst->values[i] = src->values[j];
}

static inline void
slice_copy_incr(SortSlice *dst, SortSlice *src)
{
    *dst->keys++ = *src->keys++;
    if (dst->values != NULL)
        *dst->values++ = *src->values++;
}

static inline void
slice_copy_decr(SortSlice *dst, SortSlice *src)
{
    *dst->keys-- = *src->keys--;
    if (dst->values != NULL)
        *dst->values-- = *src->values--;
}

static inline void
slice_memcpy(SortSlice *dst, Ft_ssize i, const SortSlice *src, Ft_ssize j, Ft_ssize n)
{
    memcpy(&dst->keys[i], &src->keys[j], sizeof(FtObject *) * (size_t)n);
    if (dst->values != NULL)
        memcpy(&dst->values[i], &src->values[j], sizeof(FtObject *) * (size_t)n);
}

static inline void
slice_memmove(SortSlice *dst, Ft_ssize i, const SortSlice *src, Ft_ssize j, Ft_ssize n)
{
    memmove(&dst->keys[i], &src->keys[j], sizeof(FtObject *) * (size_t)n);
    if (dst->values != NULL)
        memmove(&dst->values[i], &src->values[j], sizeof(FtObject *) * (size_t)n);
}

static inline void
slice_advance(SortSlice *s, Ft_ssize n)
{
    s->keys += n;
    if (s->values != NULL)
        s->values += n;
}

static void
reverse_range(FtObject **lo, FtObject **hi)
{
    for (hi--; lo < hi; lo++, hi--) {
        FtObject *t = *lo;
        *lo = *hi;
        *hi = t;
    }
}

static void
slice_reverse(SortSlice *s, Ft_ssize n)
{
    reverse_range(s->keys, s->keys + n);
    if (s->values != NULL)
        reverse_range(s->values, s->values + n);
}

// 1 if x < y, 0 if not, -1 on error.
static inline int
islt(FtObject *x, FtObject *y)
{
    return ft_object_rich_compare_bool(x, y, FT_LT);
}

/* --- Runs and small sorts --- */

// Stable binary insertion sort of s[0..n), of which s[0..ok) is already sorted. 0 or -1.
static int
binary_sort(SortSlice *s, Ft_ssize n, Ft_ssize ok)
{
    FtObject **a = s->keys, **v = s->values;
    if (ok == 0)
        ok = 1;
    for (Ft_ssize i = ok; i < n; i++) {
        FtObject *pivot = a[i];
        Ft_ssize lo = 0, hi = i;
        // Bisect right: after the loop, every a[<lo] <= pivot < every a[>=lo], keeping equal keys
        // in their original order.
        while (lo < hi) {
            Ft_ssize mid = lo + ((hi - lo) >> 1);
            int k = islt(pivot, a[mid]);
            if (k < 0)
                return -1;
            if (k)
                hi = mid;
            else
                lo = mid + 1;
        }
        memmove(&a[lo + 1], &a[lo], sizeof(FtObject *) * (size_t)(i - lo));
        a[lo] = pivot;
        if (v != NULL) {
            FtObject *vp = v[i];
            memmove(&v[lo + 1], &v[lo], sizeof(FtObject *) * (size_t)(i - lo));
            v[lo] = vp;
        }
    }
    return 0;
}

// The length of the run starting at s (n >= 1 items left); a strictly descending run is reversed in
// place so every run ends up non-descending. Returns -1 on error.
static Ft_ssize
count_run(SortSlice *s, Ft_ssize n)
{
    FtObject **a = s->keys;
    if (n == 1)
        return 1;
    int k = islt(a[1], a[0]);
    if (k < 0)
        return -1;
    Ft_ssize len = 2;
    if (k) {
        // Strictly descending only: reversing equal items would break stability.
        for (; len < n; len++) {
            k = islt(a[len], a[len - 1]);
            if (k < 0)
                return -1;
            if (!k)
                break;
        }
        slice_reverse(s, len);
    } else {
        for (; len < n; len++) {
            k = islt(a[len], a[len - 1]);
            if (k < 0)
                return -1;
            if (k)
                break;
        }
    }
    return len;
}

// The minimum run length for n items: n itself below MAX_MINRUN, else a value in
// [MAX_MINRUN/2, MAX_MINRUN] such that n / minrun is a power of two or slightly less.
static Ft_ssize
compute_minrun(Ft_ssize n)
{
    Ft_ssize r = 0;
    while (n >= MAX_MINRUN) {
        r |= n & 1;
        n >>= 1;
    }
    return n + r;
}

/* --- Galloping searches --- */

// The k in [0, n] with a[k-1] < key <= a[k], starting the search at a[hint]; -1 on error.
static Ft_ssize
gallop_left(FtObject *key, FtObject **a, Ft_ssize n, Ft_ssize hint)
{
    Ft_ssize ofs = 1, lastofs = 0, k;
    a += hint;
    int lt = islt(a[0], key);
    if (lt < 0)
        return -1;
    if (lt) {
        // a[hint] < key: probe right until a[hint + lastofs] < key <= a[hint + ofs].
        Ft_ssize maxofs = n - hint;
        while (ofs < maxofs) {
            lt = islt(a[ofs], key);
            if (lt < 0)
                return -1;
            if (!lt)
                break;
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
            if (ofs <= 0)   // overflow
                ofs = maxofs;
        }
        if (ofs > maxofs)
            ofs = maxofs;
        lastofs += hint;
        ofs += hint;
    } else {
        // key <= a[hint]: probe left until a[hint - ofs] < key <= a[hint - lastofs].
        Ft_ssize maxofs = hint + 1;
        while (ofs < maxofs) {
            lt = islt(a[-ofs], key);
            if (lt < 0)
                return -1;
            if (lt)
                break;
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
            if (ofs <= 0)
                ofs = maxofs;
        }
        if (ofs > maxofs)
            ofs = maxofs;
        k = lastofs;
        lastofs = hint - ofs;
        ofs = hint - k;
    }
    a -= hint;
    // a[lastofs] < key <= a[ofs]: binary search in between.
    lastofs++;
    while (lastofs < ofs) {
        Ft_ssize m = lastofs + ((ofs - lastofs) >> 1);
        lt = islt(a[m], key);
        if (lt < 0)
            return -1;
        if (lt)
            lastofs = m + 1;
        else
            ofs = m;
    }
    return ofs;
}

// The k in [0, n] with a[k-1] <= key < a[k], starting at a[hint]; -1 on error.
static Ft_ssize
gallop_right(FtObject *key, FtObject **a, Ft_ssize n, Ft_ssize hint)
{
    Ft_ssize ofs = 1, lastofs = 0, k;
    a += hint;
    int lt = islt(key, a[0]);
    if (lt < 0)
        return -1;
    if (lt) {
        // key < a[hint]: probe left until a[hint - ofs] <= key < a[hint - lastofs].
        Ft_ssize maxofs = hint + 1;
        while (ofs < maxofs) {
            lt = islt(key, a[-ofs]);
            if (lt < 0)
                return -1;
            if (!lt)
                break;
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
            if (ofs <= 0)
                ofs = maxofs;
        }
        if (ofs > maxofs)
            ofs = maxofs;
        k = lastofs;
        lastofs = hint - ofs;
        ofs = hint - k;
    } else {
        // a[hint] <= key: probe right until a[hint + lastofs] <= key < a[hint + ofs].
        Ft_ssize maxofs = n - hint;
        while (ofs < maxofs) {
            lt = islt(key, a[ofs]);
            if (lt < 0)
                return -1;
            if (lt)
                break;
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
            if (ofs <= 0)
                ofs = maxofs;
        }
        if (ofs > maxofs)
            ofs = maxofs;
        lastofs += hint;
        ofs += hint;
    }
    a -= hint;
    lastofs++;
    while (lastofs < ofs) {
        Ft_ssize m = lastofs + ((ofs - lastofs) >> 1);
        lt = islt(key, a[m]);
        if (lt < 0)
            return -1;
        if (lt)
            ofs = m;
        else
            lastofs = m + 1;
    }
    return ofs;
}

/* --- Merging --- */

static void
merge_init(MergeState *ms, Ft_ssize listlen, bool has_values, FtObject **basekeys)
{
    // With values, the fixed buffer is split in two halves (keys, values).
    ms->temp_alloced = has_values ? MERGE_TEMP_SIZE / 2 : MERGE_TEMP_SIZE;
    ms->temp.keys = ms->temp_array;
    ms->temp.values = has_values ? ms->temp_array + MERGE_TEMP_SIZE / 2 : NULL;
    ms->temp_heap = false;
    ms->min_gallop = MIN_GALLOP;
    ms->listlen = listlen;
    ms->basekeys = basekeys;
    ms->n = 0;
}

static void
merge_free(MergeState *ms)
{
    if (ms->temp_heap)
        ft_runtime_mem_free(ms->temp.keys);
    ms->temp_heap = false;
}

// Makes room for need items in the scratch space. 0, or -1 with MemoryError.
static int
merge_getmem(MergeState *ms, Ft_ssize need)
{
    if (need <= ms->temp_alloced)
        return 0;
    bool has_values = ms->temp.values != NULL;
    merge_free(ms);
    size_t per = has_values ? 2 : 1;
    if ((size_t)need > ((size_t)-1 >> 1) / sizeof(FtObject *) / per) {
        ft_error_no_memory();
        return -1;
    }
    FtObject **mem = ft_runtime_mem_alloc((size_t)need * per * sizeof(FtObject *));
    if (mem == NULL) {
        ft_error_no_memory();
        return -1;
    }
    ms->temp_heap = true;
    ms->temp.keys = mem;
    ms->temp.values = has_values ? mem + need : NULL;
    ms->temp_alloced = need;
    return 0;
}

// Merges the na items at ssa with the nb items at ssb that follow them, na <= nb, given that
// ssb[0] < ssa[0] and ssa[na-1] belongs at the very end. 0 or -1 (a permutation is kept).
static int
merge_lo(MergeState *ms, SortSlice ssa, Ft_ssize na, SortSlice ssb, Ft_ssize nb)
{
    int result = -1;
    Ft_ssize k, acount, bcount;
    if (merge_getmem(ms, na) < 0)
        return -1;
    SortSlice dest = ssa;
    slice_memcpy(&ms->temp, 0, &ssa, 0, na);
    ssa = ms->temp;
    slice_copy_incr(&dest, &ssb);
    nb--;
    if (nb == 0)
        goto succeed;
    if (na == 1)
        goto copy_b;
    Ft_ssize min_gallop = ms->min_gallop;
    for (;;) {
        acount = bcount = 0;
        // One pair at a time, until one run wins min_gallop times in a row.
        for (;;) {
            k = islt(ssb.keys[0], ssa.keys[0]);
            if (k < 0)
                goto fail;
            if (k) {
                slice_copy_incr(&dest, &ssb);
                bcount++;
                acount = 0;
                if (--nb == 0)
                    goto succeed;
                if (bcount >= min_gallop)
                    break;
            } else {
                slice_copy_incr(&dest, &ssa);
                acount++;
                bcount = 0;
                if (--na == 1)
                    goto copy_b;
                if (acount >= min_gallop)
                    break;
            }
        }
        // Galloping: while one run keeps winning by long stretches.
        min_gallop++;
        do {
            min_gallop -= min_gallop > 1;
            ms->min_gallop = min_gallop;
            k = gallop_right(ssb.keys[0], ssa.keys, na, 0);
            acount = k;
            if (k) {
                if (k < 0)
                    goto fail;
                slice_memcpy(&dest, 0, &ssa, 0, k);
                slice_advance(&dest, k);
                slice_advance(&ssa, k);
                na -= k;
                if (na == 1)
                    goto copy_b;
                // na == 0 only with an inconsistent comparison (a < b and b < a).
                if (na == 0)
                    goto succeed;
            }
            slice_copy_incr(&dest, &ssb);
            if (--nb == 0)
                goto succeed;
            k = gallop_left(ssa.keys[0], ssb.keys, nb, 0);
            bcount = k;
            if (k) {
                if (k < 0)
                    goto fail;
                slice_memmove(&dest, 0, &ssb, 0, k);
                slice_advance(&dest, k);
                slice_advance(&ssb, k);
                nb -= k;
                if (nb == 0)
                    goto succeed;
            }
            slice_copy_incr(&dest, &ssa);
            if (--na == 1)
                goto copy_b;
        } while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
        min_gallop++;
        ms->min_gallop = min_gallop;
    }
succeed:
    result = 0;
fail:
    if (na)
        slice_memcpy(&dest, 0, &ssa, 0, na);
    return result;
copy_b:
    // The last item of a belongs after all of b's remaining items.
    slice_memmove(&dest, 0, &ssb, 0, nb);
    slice_copy(&dest, nb, &ssa, 0);
    return 0;
}

// Mirror image of merge_lo for na >= nb, merging from the right end: given ssb[0] < ssa[0] and
// ssa[na-1] > every item of b.
static int
merge_hi(MergeState *ms, SortSlice ssa, Ft_ssize na, SortSlice ssb, Ft_ssize nb)
{
    int result = -1;
    Ft_ssize k, acount, bcount;
    if (merge_getmem(ms, nb) < 0)
        return -1;
    SortSlice dest = ssb;
    slice_advance(&dest, nb - 1);
    slice_memcpy(&ms->temp, 0, &ssb, 0, nb);
    SortSlice basea = ssa;
    SortSlice baseb = ms->temp;
    ssb = ms->temp;
    slice_advance(&ssb, nb - 1);
    slice_advance(&ssa, na - 1);
    slice_copy_decr(&dest, &ssa);
    na--;
    if (na == 0)
        goto succeed;
    if (nb == 1)
        goto copy_a;
    Ft_ssize min_gallop = ms->min_gallop;
    for (;;) {
        acount = bcount = 0;
        for (;;) {
            k = islt(ssb.keys[0], ssa.keys[0]);
            if (k < 0)
                goto fail;
            if (k) {
                slice_copy_decr(&dest, &ssa);
                acount++;
                bcount = 0;
                if (--na == 0)
                    goto succeed;
                if (acount >= min_gallop)
                    break;
            } else {
                slice_copy_decr(&dest, &ssb);
                bcount++;
                acount = 0;
                if (--nb == 1)
                    goto copy_a;
                if (bcount >= min_gallop)
                    break;
            }
        }
        min_gallop++;
        do {
            min_gallop -= min_gallop > 1;
            ms->min_gallop = min_gallop;
            k = gallop_right(ssb.keys[0], basea.keys, na, na - 1);
            if (k < 0)
                goto fail;
            k = na - k;
            acount = k;
            if (k) {
                slice_advance(&dest, -k);
                slice_advance(&ssa, -k);
                slice_memmove(&dest, 1, &ssa, 1, k);
                na -= k;
                if (na == 0)
                    goto succeed;
            }
            slice_copy_decr(&dest, &ssb);
            if (--nb == 1)
                goto copy_a;
            k = gallop_left(ssa.keys[0], baseb.keys, nb, nb - 1);
            if (k < 0)
                goto fail;
            k = nb - k;
            bcount = k;
            if (k) {
                slice_advance(&dest, -k);
                slice_advance(&ssb, -k);
                slice_memcpy(&dest, 1, &ssb, 1, k);
                nb -= k;
                if (nb == 1)
                    goto copy_a;
                // nb == 0 only with an inconsistent comparison.
                if (nb == 0)
                    goto succeed;
            }
            slice_copy_decr(&dest, &ssa);
            if (--na == 0)
                goto succeed;
        } while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
        min_gallop++;
        ms->min_gallop = min_gallop;
    }
succeed:
    result = 0;
fail:
    if (nb)
        slice_memcpy(&dest, -(nb - 1), &baseb, 0, nb);
    return result;
copy_a:
    // b's first item belongs before all of a's remaining items.
    slice_memmove(&dest, 1 - na, &ssa, 1 - na, na);
    slice_advance(&dest, -na);
    slice_copy(&dest, 0, &ssb, 0);
    return 0;
}

// Merges pending runs i and i + 1 (i is n-2 or n-3). 0 or -1.
static int
merge_at(MergeState *ms, int i)
{
    SortSlice ssa = ms->pending[i].base;
    Ft_ssize na = ms->pending[i].len;
    SortSlice ssb = ms->pending[i + 1].base;
    Ft_ssize nb = ms->pending[i + 1].len;
    ms->pending[i].len = na + nb;
    if (i == ms->n - 3)
        ms->pending[i + 1] = ms->pending[i + 2];
    ms->n--;
    // Items of a that are <= b[0] are already in place.
    Ft_ssize k = gallop_right(ssb.keys[0], ssa.keys, na, 0);
    if (k < 0)
        return -1;
    slice_advance(&ssa, k);
    na -= k;
    if (na == 0)
        return 0;
    // Items of b that are >= a[last] are already in place.
    nb = gallop_left(ssa.keys[na - 1], ssb.keys, nb, nb - 1);
    if (nb <= 0)
        return (int)nb;
    if (na <= nb)
        return merge_lo(ms, ssa, na, ssb, nb);
    return merge_hi(ms, ssa, na, ssb, nb);
}

// The powersort node power of the boundary between a run at s1 of n1 items and the next run of n2
// items, in a list of n: the first bit where the binary expansions of the two runs' midpoints
// (as fractions of n) differ.
static int
power_of_boundary(Ft_ssize s1, Ft_ssize n1, Ft_ssize n2, Ft_ssize n)
{
    int result = 0;
    Ft_ssize a = 2 * s1 + n1;   // twice the first midpoint
    Ft_ssize b = a + n1 + n2;   // twice the second midpoint
    for (;;) {
        result++;
        if (a >= n) {
            a -= n;
            b -= n;
        } else if (b >= n) {
            break;
        }
        a <<= 1;
        b <<= 1;
    }
    return result;
}

// A new run of n2 items starts after the top pending run: merge pending runs whose power exceeds
// the new boundary's. 0 or -1.
static int
found_new_run(MergeState *ms, Ft_ssize n2)
{
    if (ms->n == 0)
        return 0;
    int top = ms->n - 1;
    Ft_ssize s1 = ms->pending[top].base.keys - ms->basekeys;
    Ft_ssize n1 = ms->pending[top].len;
    int power = power_of_boundary(s1, n1, n2, ms->listlen);
    while (ms->n > 1 && ms->pending[ms->n - 2].power > power) {
        if (merge_at(ms, ms->n - 2) < 0)
            return -1;
    }
    ms->pending[ms->n - 1].power = power;
    return 0;
}

// Merges every pending run, as CPython's merge_force_collapse. 0 or -1.
static int
merge_force_collapse(MergeState *ms)
{
    while (ms->n > 1) {
        int n = ms->n - 2;
        if (n > 0 && ms->pending[n - 1].len < ms->pending[n + 1].len)
            n--;
        if (merge_at(ms, n) < 0)
            return -1;
    }
    return 0;
}

/* --- Internal API --- */

int
ft_list_sort_items(FtObject **keys, FtObject **values, Ft_ssize n)
{
    if (n < 2)
        return 0;
    MergeState ms;
    merge_init(&ms, n, values != NULL, keys);
    int result = -1;
    SortSlice lo = {keys, values};
    Ft_ssize remaining = n;
    Ft_ssize minrun = compute_minrun(n);
    do {
        Ft_ssize run = count_run(&lo, remaining);
        if (run < 0)
            goto done;
        if (run < minrun) {
            Ft_ssize force = remaining <= minrun ? remaining : minrun;
            if (binary_sort(&lo, force, run) < 0)
                goto done;
            run = force;
        }
        if (found_new_run(&ms, run) < 0)
            goto done;
        FT_ASSERT(ms.n < MAX_MERGE_PENDING);
        ms.pending[ms.n].base = lo;
        ms.pending[ms.n].len = run;
        ms.n++;
        slice_advance(&lo, run);
        remaining -= run;
    } while (remaining);
    if (merge_force_collapse(&ms) < 0)
        goto done;
    FT_ASSERT(ms.n == 1 && ms.pending[0].len == n);
    result = 0;
done:
    merge_free(&ms);
    return result;
}
