// sync/event.h: a one-shot event (FREE-THREADING.md section 3.4; CPython's PyEvent).
//
// FtEvent.v:
//   0 FT_EVENT_UNSET              not yet notified, nobody parked
//   1 FT_EVENT_SET                notified (final: an event is never reset)
//   2 FT_EVENT_UNSET_HAS_PARKED   not yet notified, somebody is (about to be) parked on v
//
//   UNSET --wait--> UNSET_HAS_PARKED --notify (unpark all)--> SET
//   UNSET --notify--> SET
//
// Zero-initialised storage is an unset event. Used by runtime/'s stop-the-world and by tests.
#ifndef FT_SYNC_EVENT_H
#define FT_SYNC_EVENT_H

#include <stdbool.h>   // bool
#include <stdint.h>    // uint8_t int64_t

typedef struct FtEvent {
    uint8_t v;   // atomic: FT_EVENT_* (above)
} FtEvent;

#define FT_EVENT_UNSET 0
#define FT_EVENT_SET 1
#define FT_EVENT_UNSET_HAS_PARKED 2

// Sets the event and wakes every waiter. Writes before it are visible to every thread that then
// sees the event set (release/acquire). Idempotent. Any thread; never blocks on others.
void ft_event_notify(FtEvent *evt);

// Waits until the event is set, parking with detach. Any thread.
void ft_event_wait(FtEvent *evt);

// Waits until the event is set or timeout_ns passes (-1 forever, 0 just test). detach as in
// ft_parking_lot_park. Returns true if the event is set (then the notifier's earlier writes are
// visible), false on timeout. Signals do not end the wait early. Any thread.
bool ft_event_wait_timed(FtEvent *evt, int64_t timeout_ns, int detach);

// True if the event has been set (acquire: the notifier's earlier writes are visible). Any thread.
bool ft_event_is_set(const FtEvent *evt);

#endif // FT_SYNC_EVENT_H
