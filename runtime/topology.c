// runtime/topology.c: CPU topology through hwloc.
//
// Owns the process's hwloc topology object. It is loaded once, under a once-flag, and never changes
// afterwards: queries read it without a lock. hwloc documents concurrent read-only use of a loaded
// topology as safe (hwloc.h, "Thread safety"), and binding calls only read it.
#include "runtime/topology.h"

#include <hwloc.h>   // hwloc_topology_*

#include "sync/once.h"   // FtOnceFlag ft_once_call

// Written once under topology_once, immutable afterwards.
static struct {
    FtOnceFlag once;
    hwloc_topology_t topology;   // NULL if hwloc failed
    int cores;
    int pus;
} topology_state;

static int
topology_load(void *arg)
{
    (void)arg;
    hwloc_topology_t topo;
    topology_state.cores = 1;
    topology_state.pus = 1;
    if (hwloc_topology_init(&topo) != 0)
        return 0;   // degrade to one core; not retried
    if (hwloc_topology_load(topo) != 0) {
        hwloc_topology_destroy(topo);
        return 0;
    }
    int cores = hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_CORE);
    int pus = hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_PU);
    topology_state.cores = cores > 0 ? cores : 1;
    topology_state.pus = pus > 0 ? pus : topology_state.cores;
    topology_state.topology = topo;
    return 0;
}

int
ft_topology_init(void)
{
    ft_once_call(&topology_state.once, topology_load, NULL);
    return topology_state.topology ? 0 : -1;
}

int
ft_topology_core_count(void)
{
    ft_topology_init();
    return topology_state.cores;
}

int
ft_topology_pu_count(void)
{
    ft_topology_init();
    return topology_state.pus;
}

int
ft_topology_pin_current_thread(int index)
{
    if (ft_topology_init() != 0)
        return -1;
    hwloc_obj_t core = hwloc_get_obj_by_type(topology_state.topology, HWLOC_OBJ_CORE,
                                             (unsigned)(index % topology_state.cores));
    if (core == NULL)
        return -1;
    return hwloc_set_cpubind(topology_state.topology, core->cpuset, HWLOC_CPUBIND_THREAD);
}
