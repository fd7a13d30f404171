package dev.wxlogin.sandbox;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The faults queued for each API; each call takes the next one, if any. Thread-safe. */
final class FaultPlan {

    private final Map<String, Queue<Fault>> queued = new ConcurrentHashMap<>();

    void add(String api, Fault fault, int times) {
        Queue<Fault> queue = queued.computeIfAbsent(api, a -> new ConcurrentLinkedQueue<>());
        for (int i = 0; i < times; i++) {
            queue.add(fault);
        }
    }

    /** The fault to play for this call, or {@code null} to answer normally. */
    Fault next(String api) {
        Queue<Fault> queue = queued.get(api);
        return queue == null ? null : queue.poll();
    }

    void clear() {
        queued.clear();
    }
}
