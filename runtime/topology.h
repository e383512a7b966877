// runtime/topology.h: the machine's CPU topology (hwloc), for sizing thread pools and pinning threads.
//
// The topology is discovered once (ft_topology_init, any thread, idempotent through a once-flag) and is
// immutable afterwards, so every query is lock-free and safe from any thread.
#ifndef FT_RUNTIME_TOPOLOGY_H
#define FT_RUNTIME_TOPOLOGY_H

// Discovers the topology. Returns 0, or -1 if hwloc fails (queries then report one core).
int ft_topology_init(void);

// Physical cores, and hardware threads (processing units), of the machine; at least 1.
int ft_topology_core_count(void);
int ft_topology_pu_count(void);

// Binds the calling thread to physical core (index modulo the core count). Returns 0, or -1 if the
// system refuses (the thread then keeps running unpinned).
int ft_topology_pin_current_thread(int index);

#endif // FT_RUNTIME_TOPOLOGY_H
