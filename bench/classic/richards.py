# bench/classic/richards.py: Martin Richards' operating-system simulation benchmark (a scheduler with
# an idle task, a worker, two handlers and two devices exchanging packets), written for ftpy after the
# classic description. Usage: richards.py [ITERATIONS]; prints the queue and hold counts, which the
# benchmark defines as 23246 and 9297 per iteration.
import sys

BUFSIZE = 4
I_IDLE, I_WORK, I_HANDLER_A, I_HANDLER_B, I_DEVICE_A, I_DEVICE_B = 1, 2, 3, 4, 5, 6
K_DEVICE, K_WORK = 1000, 1001


class Packet:
    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.datum = 0
        self.data = [0] * BUFSIZE

    def append_to(self, queue):
        # Puts this packet at the end of queue (None: empty) and returns the queue's head.
        self.link = None
        if queue is None:
            return self
        last = queue
        while last.link is not None:
            last = last.link
        last.link = self
        return queue


class Scheduler:
    def __init__(self):
        self.tasks = [None] * 10
        self.task_list = None
        self.hold_count = 0
        self.queue_count = 0

    def find(self, ident):
        task = self.tasks[ident]
        if task is None:
            raise ValueError("bad task id %d" % ident)
        return task

    def run(self):
        task = self.task_list
        while task is not None:
            if task.holding or (not task.packet_pending and task.waiting):
                task = task.link
            else:
                task = task.run_once()


class Task:
    def __init__(self, sched, ident, priority, queue, packet_pending, waiting, holding):
        self.sched = sched
        self.link = sched.task_list
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.packet_pending = packet_pending
        self.waiting = waiting
        self.holding = holding
        sched.task_list = self
        sched.tasks[ident] = self

    def add_packet(self, packet, current):
        if self.queue is None:
            self.queue = packet
            self.packet_pending = True
            if self.priority > current.priority:
                return self
        else:
            packet.append_to(self.queue)
        return current

    def run_once(self):
        packet = None
        if self.packet_pending and self.waiting and not self.holding:
            packet = self.queue
            self.queue = packet.link
            self.waiting = False
            self.packet_pending = self.queue is not None
        return self.step(packet)

    def wait(self):
        self.waiting = True
        return self

    def hold(self):
        self.sched.hold_count += 1
        self.holding = True
        return self.link

    def release(self, ident):
        task = self.sched.find(ident)
        task.holding = False
        return task if task.priority > self.priority else self

    def send(self, packet):
        target = self.sched.find(packet.ident)
        self.sched.queue_count += 1
        packet.link = None
        packet.ident = self.ident
        return target.add_packet(packet, self)


class DeviceTask(Task):
    def __init__(self, sched, ident, priority):
        super().__init__(sched, ident, priority, None, False, True, False)
        self.pending = None

    def step(self, packet):
        if packet is None:
            packet = self.pending
            if packet is None:
                return self.wait()
            self.pending = None
            return self.send(packet)
        self.pending = packet
        return self.hold()


class HandlerTask(Task):
    def __init__(self, sched, ident, priority, queue):
        super().__init__(sched, ident, priority, queue, True, True, False)
        self.work_in = None
        self.device_in = None

    def step(self, packet):
        if packet is not None:
            if packet.kind == K_WORK:
                self.work_in = packet.append_to(self.work_in)
            else:
                self.device_in = packet.append_to(self.device_in)
        work = self.work_in
        if work is None:
            return self.wait()
        count = work.datum
        if count >= BUFSIZE:
            self.work_in = work.link
            return self.send(work)
        device = self.device_in
        if device is None:
            return self.wait()
        self.device_in = device.link
        device.datum = work.data[count]
        work.datum = count + 1
        return self.send(device)


class IdleTask(Task):
    def __init__(self, sched, ident, priority, count):
        super().__init__(sched, ident, priority, None, False, False, False)
        self.control = 1
        self.count = count

    def step(self, packet):
        self.count -= 1
        if self.count == 0:
            return self.hold()
        if self.control & 1 == 0:
            self.control //= 2
            return self.release(I_DEVICE_A)
        self.control = (self.control // 2) ^ 0xD008
        return self.release(I_DEVICE_B)


class WorkTask(Task):
    def __init__(self, sched, ident, priority, queue):
        super().__init__(sched, ident, priority, queue, True, True, False)
        self.destination = I_HANDLER_A
        self.count = 0

    def step(self, packet):
        if packet is None:
            return self.wait()
        self.destination = I_HANDLER_B if self.destination == I_HANDLER_A else I_HANDLER_A
        packet.ident = self.destination
        packet.datum = 0
        for i in range(BUFSIZE):
            self.count += 1
            if self.count > 26:
                self.count = 1
            packet.data[i] = ord("A") + self.count - 1
        return self.send(packet)


def one_run():
    sched = Scheduler()
    IdleTask(sched, I_IDLE, 1, 10000)
    queue = Packet(Packet(None, 0, K_WORK), 0, K_WORK)
    WorkTask(sched, I_WORK, 1000, queue)
    queue = Packet(Packet(Packet(None, I_DEVICE_A, K_DEVICE), I_DEVICE_A, K_DEVICE), I_DEVICE_A, K_DEVICE)
    HandlerTask(sched, I_HANDLER_A, 2000, queue)
    queue = Packet(Packet(Packet(None, I_DEVICE_B, K_DEVICE), I_DEVICE_B, K_DEVICE), I_DEVICE_B, K_DEVICE)
    HandlerTask(sched, I_HANDLER_B, 3000, queue)
    DeviceTask(sched, I_DEVICE_A, 4000)
    DeviceTask(sched, I_DEVICE_B, 5000)
    sched.run()
    return sched.queue_count, sched.hold_count


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    for _ in range(iterations):
        counts = one_run()
    print("queued %d, held %d" % counts)


main()
