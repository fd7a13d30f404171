package dev.wxlogin.sandbox;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

/**
 * Counts every call of a WeChat API and plays the faults queued for it ({@code /sandbox/faults})
 * before, or instead of, the real answer.
 */
final class FaultInjection {

    private final FaultPlan faults = new FaultPlan();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    void add(String api, Fault fault, int times) {
        faults.add(api, fault, times);
    }

    void clear() {
        faults.clear();
    }

    long callCount(String api) {
        LongAdder adder = calls.get(api);
        return adder == null ? 0 : adder.sum();
    }

    /**
     * Answers a WeChat API call: counts it, plays the next queued fault, else the real answer.
     *
     * @return the reply, or {@code null} when the fault dropped the connection instead
     */
    SandboxReply call(String api, SandboxExchange exchange, Supplier<Map<String, Object>> answer) {
        return callAnswering(api, exchange, () -> SandboxReply.weChat(answer.get()));
    }

    /**
     * As {@link #call}, for the APIs that answer something other than JSON on success (an image):
     * the faults are the same, WeChat's JSON errcodes included.
     *
     * @return the reply, or {@code null} when the fault dropped the connection instead
     */
    SandboxReply callAnswering(String api, SandboxExchange exchange, Supplier<SandboxReply> answer) {
        return callAnswering(api, exchange, answer, errcode -> SandboxReply.weChat(SandboxReply.errcode(errcode, "sandbox fault")));
    }

    /**
     * As {@link #callAnswering(String, SandboxExchange, Supplier)}, for a platform whose error bodies
     * are not WeChat's: {@code errcodeReply} answers an {@link Fault.Kind#ERRCODE} fault in its shape.
     *
     * @return the reply, or {@code null} when the fault dropped the connection instead
     */
    SandboxReply callAnswering(String api, SandboxExchange exchange, Supplier<SandboxReply> answer, IntFunction<SandboxReply> errcodeReply) {
        calls.computeIfAbsent(api, a -> new LongAdder()).increment();
        Fault fault = faults.next(api);
        if (fault != null) {
            switch (fault.kind()) {
                case ERRCODE -> {
                    return errcodeReply.apply(fault.errcode());
                }
                case HTML_502 -> {
                    return SandboxReply.htmlBadGateway();
                }
                case CLOSE -> {
                    exchange.closeWithoutAnswer();
                    return null;
                }
                case RESET -> {
                    exchange.reset();
                    return null;
                }
                case SLOW -> sleep(fault.delayMillis());
            }
        }
        return answer.get();
    }

    /**
     * {@code POST /sandbox/faults}: {@code {"api", "kind"?, "errcode"?, "delayMillis"?, "times"?}}; for
     * Douyin and QQ, {@code api} is {@code douyin.jscode2session} or {@code qq.jscode2session}.
     */
    SandboxReply addFrom(JsonNode request) {
        String api = SandboxExchange.requireText(request, "api");
        Fault fault;
        try {
            Fault.Kind kind = Fault.Kind.valueOf(request.path("kind").asString("ERRCODE"));
            fault = new Fault(kind, request.path("errcode").asInt(0), request.path("delayMillis").asLong(0));
        } catch (IllegalArgumentException e) {
            throw new BadSandboxRequest("kind must be ERRCODE, HTML_502, SLOW, CLOSE or RESET, and delayMillis at most 120000");
        }
        if (fault.kind() == Fault.Kind.ERRCODE && fault.errcode() == 0) {
            throw new BadSandboxRequest("an ERRCODE fault needs a non-zero errcode");
        }
        int times = request.path("times").asInt(1);
        if (times < 1 || times > 10_000) {
            throw new BadSandboxRequest("times must be between 1 and 10000");
        }
        faults.add(api, fault, times);
        return SandboxReply.json(200, Map.of("queued", times));
    }

    /** {@code GET /sandbox/stats}: {@code {"calls": {api: count}}}. */
    Map<String, Object> stats() {
        Map<String, Object> counts = new TreeMap<>();
        calls.forEach((api, count) -> counts.put(api, count.sum()));
        return Map.of("calls", counts);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
