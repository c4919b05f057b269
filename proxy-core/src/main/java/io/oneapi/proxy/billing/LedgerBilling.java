package io.oneapi.proxy.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.config.GatewayConfig;
import io.oneapi.proxy.client.OpenAiError;
import io.oneapi.proxy.relay.BillingRefusal;
import io.oneapi.proxy.relay.RelayBilling;
import io.oneapi.proxy.relay.RelayOutcome;
import io.oneapi.proxy.relay.RelayRecord;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.Usage;
import io.oneapi.storage.DatabaseOutage;
import io.oneapi.storage.LogEntry;
import io.oneapi.storage.Storage;
import io.oneapi.storage.billing.BillingSettings;
import io.oneapi.storage.billing.BillingWriter;
import io.oneapi.storage.billing.QuotaCounters;
import io.oneapi.storage.options.Options;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The relay's billing: prices a request before the call (reservation through {@link QuotaLedger}) and
 * charges the final cost from the {@link RelayRecord} after it, counting tokens locally when the upstream
 * reported no usage. Runs on blocking executors only.
 */
public final class LedgerBilling implements RelayBilling, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Below the billing writer's cap on queued consume logs (100,000), so holds never outrun their logs. */
    static final int MAX_OFFLINE_HOLDS = 50_000;
    static final Duration MAX_OFFLINE = Duration.ofMinutes(2);
    /** How long a refused reservation may wait for the same user's open holds to end before it is refused. */
    static final Duration HOLD_WAIT = Duration.ofSeconds(2);

    private final QuotaLedger ledger;
    private final BillingWriter writer;
    private final Pricing pricing;
    private final TokenCounter tokens;
    private final OpenHolds holds = new OpenHolds();
    private final QuotaReminders reminders; // null: no e-mail to send them with

    LedgerBilling(QuotaLedger ledger, BillingWriter writer, Pricing pricing, TokenCounter tokens,
                  QuotaReminders reminders) {
        this.ledger = ledger;
        this.writer = writer;
        this.pricing = pricing;
        this.tokens = tokens;
        this.reminders = reminders;
    }

    public static LedgerBilling create(Storage storage, Supplier<Options> options, GatewayConfig.RelaySettings relay) {
        BillingWriter writer = new BillingWriter(storage.users(), storage.tokens(), storage.channels(),
                storage.logs(), BillingSettings.from(relay), Clock.systemUTC());
        QuotaLedger ledger = new QuotaLedger(storage.users(), storage.tokens(), writer, options, Clock.systemUTC());
        return create(ledger, writer, options, null);
    }

    /**
     * Billing that keeps serving requests with cached tokens while the database is unreachable (see
     * {@link OfflineHolds}): at most {@value #MAX_OFFLINE_HOLDS} reservations per outage, none after
     * {@link #MAX_OFFLINE}; their quota and logs wait in the billing writer until {@code outage} ends.
     */
    public static LedgerBilling create(Storage storage, Supplier<Options> options, GatewayConfig.RelaySettings relay,
                                       DatabaseOutage outage, CachedBalances balances) {
        return create(storage, options, relay, outage, balances, null);
    }

    /**
     * As above, with reservations judged against {@code counters} (see {@link CountedQuota}) rather than by a
     * database statement each; null for the statement.
     */
    public static LedgerBilling create(Storage storage, Supplier<Options> options, GatewayConfig.RelaySettings relay,
                                       DatabaseOutage outage, CachedBalances balances, QuotaCounters counters) {
        return create(storage, options, relay, outage, balances, counters, null);
    }

    /**
     * As above, sending users quota-reminder e-mails through {@code mail} (see {@link QuotaReminders}); null for
     * none.
     */
    public static LedgerBilling create(Storage storage, Supplier<Options> options, GatewayConfig.RelaySettings relay,
                                       DatabaseOutage outage, CachedBalances balances, QuotaCounters counters,
                                       UserMail mail) {
        BillingWriter writer = new BillingWriter(storage.users(), storage.tokens(), storage.channels(),
                storage.logs(), BillingSettings.from(relay), Clock.systemUTC(), outage::suspected);
        outage.onRecovery(writer::wake);
        OfflineHolds offline = new OfflineHolds(balances, outage, MAX_OFFLINE_HOLDS, MAX_OFFLINE);
        CountedQuota counted = counters == null ? null : new CountedQuota(counters, writer, storage.users(),
                storage.tokens(), storage.changes(), outage::suspected);
        QuotaLedger ledger = new QuotaLedger(storage.users(), storage.tokens(), writer, options, Clock.systemUTC(),
                offline, counted);
        QuotaReminders reminders = mail == null ? null : new QuotaReminders(storage.users(),
                ids -> writer.userBalancesWithPending(ids, storage.users()::quotas), options, mail);
        return create(ledger, writer, options, reminders);
    }

    private static LedgerBilling create(QuotaLedger ledger, BillingWriter writer, Supplier<Options> options,
                                        QuotaReminders reminders) {
        TokenCounter tokens = new TokenCounter(options);
        return new LedgerBilling(ledger, writer, new Pricing(options, tokens), tokens, reminders);
    }

    /** What was reserved, plus the fixed price of requests priced up front (images, speech). */
    private record LedgerHold(Reservation reservation, long fixedQuota, String logContent, AtomicBoolean ended)
            implements Hold {
        LedgerHold(Reservation reservation, long fixedQuota, String logContent) {
            this(reservation, fixedQuota, logContent, new AtomicBoolean());
        }

        @Override
        public long reservedQuota() {
            return reservation.amount();
        }
    }

    /** A hold for {@code reservation}, counted open until it is settled or released. */
    private LedgerHold open(Reservation reservation, long fixedQuota, String logContent) {
        holds.begin(reservation.userId());
        return new LedgerHold(reservation, fixedQuota, logContent);
    }

    /** Ends the hold once, after its settlement or release was applied. */
    private void closed(LedgerHold h) {
        if (h.ended().compareAndSet(false, true)) {
            holds.end(h.reservation().userId());
        }
    }

    /**
     * The ledger's reservation; when refused while the same user has other open holds (typically a request that
     * was answered but not yet settled), waits for holds to end and tries again, for up to {@link #HOLD_WAIT}.
     */
    private Reservation reserveWaitingForHolds(ReserveRequest request, long amount) {
        long deadline = System.nanoTime() + HOLD_WAIT.toNanos();
        while (true) {
            long mark = holds.mark();
            try {
                return ledger.reserve(request.userId(), request.tokenId(), request.tokenUnlimited(), amount);
            } catch (QuotaException refused) {
                // A hold that ended after the attempt (even before the check below) may have returned the quota.
                boolean endedMeanwhile = holds.endedSince(mark) && System.nanoTime() < deadline;
                try {
                    if (!endedMeanwhile && (!holds.any(request.userId()) || !holds.awaitEndAfter(mark, deadline))) {
                        throw refused;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw refused;
                }
            }
        }
    }

    @Override
    public Hold reserve(ReserveRequest request) {
        long fixed = -1;
        String content;
        long amount;
        try {
            switch (request.mode()) {
                case PROXY -> {
                    amount = 0;
                    content = "raw proxy request";
                }
                case IMAGES_GENERATIONS -> {
                    JsonNode body = json(request.body());
                    ImageQuote quote = pricing.imageQuote(request.model(), body.path("prompt").asText(""),
                            body.path("size").asText(""), body.path("quality").asText(""),
                            body.path("n").asInt(1), request.channelType(), request.group());
                    fixed = quote.quota();
                    amount = fixed;
                    content = quote.logContent();
                }
                case AUDIO_SPEECH -> {
                    fixed = pricing.speechQuota(json(request.body()).path("input").asText(""), request.model(),
                            request.channelType(), request.group());
                    amount = fixed;
                    content = pricing.audioLogContent(request.model(), request.channelType(), request.group());
                }
                case AUDIO_TRANSCRIPTION, AUDIO_TRANSLATION -> {
                    amount = pricing.transcriptionPreConsumeQuota(request.model(), request.channelType(),
                            request.group());
                    content = pricing.audioLogContent(request.model(), request.channelType(), request.group());
                }
                default -> {
                    amount = pricing.preConsumeQuota(estimatePromptTokens(request.promptBytes()), request.maxTokens(),
                            request.model(), request.channelType(), request.group());
                    content = pricing.ratioLogContent(request.model(), request.channelType(), request.group());
                }
            }
        } catch (PricingException e) {
            throw new BillingRefusal(new OpenAiError(e.status(), e.getMessage(), "one_api_error", "", e.code()));
        }
        try {
            return open(reserveWaitingForHolds(request, amount), fixed, content);
        } catch (QuotaException e) {
            throw new BillingRefusal(OpenAiError.gateway(e.status(), e.code(), e.getMessage()));
        }
    }

    /**
     * Chat-like requests whose counters are warm in memory are reserved here without blocking (pricing reads only
     * options in memory; the ledger only touches counters and the batching writer's sums).
     */
    @Override
    public Hold reserveWithoutBlocking(ReserveRequest request) {
        if (!ledger.reservesWithoutBlocking() || !isTokenPriced(request.mode())) {
            return null;
        }
        long amount;
        try {
            amount = pricing.preConsumeQuota(estimatePromptTokens(request.promptBytes()), request.maxTokens(),
                    request.model(), request.channelType(), request.group());
        } catch (PricingException e) {
            throw new BillingRefusal(new OpenAiError(e.status(), e.getMessage(), "one_api_error", "", e.code()));
        }
        try {
            Reservation reservation = ledger.reserveIfWarm(request.userId(), request.tokenId(),
                    request.tokenUnlimited(), amount);
            return reservation == null ? null : open(reservation, -1, null); // log text at settlement
        } catch (QuotaException e) {
            return null; // the blocking path decides: it waits for the user's open holds and tries again
        }
    }

    /**
     * Settles here when the counters are in memory, the writer only sums and no token needs counting (the upstream
     * reported usage, or the request is not billable): then nothing below blocks or takes long.
     */
    @Override
    public boolean settleWithoutBlocking(Hold hold, ReserveRequest request, RelayRecord record) {
        if (!ledger.reservesWithoutBlocking() || !isTokenPriced(record.mode())
                || ledger.mayWaitToSettle(request.userId())) {
            return false;
        }
        Usage usage = record.usage();
        boolean counted = usage != null && (usage.promptTokens() > 0 || usage.completionTokens() > 0);
        if (record.outcome().billable() && !counted) {
            return false;
        }
        settle(hold, request, record);
        return true;
    }

    /** The modes {@link #reserve} prices by tokens (its default branch). */
    private static boolean isTokenPriced(RelayMode mode) {
        return switch (mode) {
            case PROXY, IMAGES_GENERATIONS, AUDIO_SPEECH, AUDIO_TRANSCRIPTION, AUDIO_TRANSLATION -> false;
            default -> true;
        };
    }

    /**
     * The reservation does not tokenize: it holds {@code 0.38 x body bytes} (an over-estimate for JSON)
     * plus max_tokens; settlement charges the exact count, so the hold only needs to be of the right size.
     */
    private static int estimatePromptTokens(int bodyBytes) {
        return (int) Math.min(Integer.MAX_VALUE / 4, Math.ceil(bodyBytes * 0.38));
    }

    @Override
    public void settle(Hold hold, ReserveRequest request, RelayRecord record) {
        LedgerHold h = (LedgerHold) hold;
        try {
            settleHeld(h, request, record);
        } finally {
            closed(h);
        }
    }

    private void settleHeld(LedgerHold h, ReserveRequest request, RelayRecord record) {
        if (!record.outcome().billable()) {
            ledger.refund(h.reservation());
            return;
        }
        Charge charge = charge(h, request, record);
        String content = (h.logContent() != null ? h.logContent()
                : pricing.ratioLogContent(request.model(), request.channelType(), request.group()))
                + outcomeNote(record.outcome());
        LogEntry log = new LogEntry(0, request.userId(), System.currentTimeMillis() / 1000, LogEntry.TYPE_CONSUME,
                content, request.username(), request.tokenName(), record.upstreamModel(), (int) Math.min(
                        Integer.MAX_VALUE, charge.quota), charge.prompt, charge.completion, record.channelId(),
                record.requestId(), record.elapsedMillis(), record.stream(), record.systemPromptReset());
        ledger.settle(h.reservation(), charge.quota, log, record.channelId());
        if (reminders != null) {
            reminders.charged(request.userId(), charge.quota);
        }
    }

    private record Charge(long quota, int prompt, int completion) {
    }

    private Charge charge(LedgerHold h, ReserveRequest request, RelayRecord record) {
        String model = record.upstreamModel();
        RelayMode mode = record.mode();
        switch (mode) {
            case PROXY:
                return new Charge(0, 0, 0);
            case IMAGES_GENERATIONS:
            case AUDIO_SPEECH:
                return new Charge(record.outcome() == RelayOutcome.OK ? h.fixedQuota() : 0, 0, 0);
            case AUDIO_TRANSCRIPTION:
            case AUDIO_TRANSLATION: {
                long quota = pricing.transcriptionQuota(record.generatedText(), model);
                // One API stores the quota in prompt_tokens for audio logs.
                return new Charge(quota, (int) Math.min(Integer.MAX_VALUE, quota), 0);
            }
            default: {
                int[] counts = tokenCounts(record, request, model);
                long quota = pricing.textQuota(counts[0], counts[1], model, record.channelType(), request.group());
                return new Charge(quota, counts[0], counts[1]);
            }
        }
    }

    /** Prompt and completion tokens: the upstream's numbers when it gave them, else counted here. */
    private int[] tokenCounts(RelayRecord record, ReserveRequest request, String model) {
        Usage usage = record.usage();
        if (usage != null && (usage.promptTokens() > 0 || usage.completionTokens() > 0)) {
            return new int[] {usage.promptTokens(), usage.completionTokens()};
        }
        int prompt = countPrompt(record.mode(), record.requestBody() != null ? record.requestBody() : new byte[0],
                model);
        if (usage != null && usage.totalTokens() > 0) {
            return new int[] {Math.min(prompt, usage.totalTokens()), Math.max(0, usage.totalTokens() - prompt)};
        }
        int completion = tokens.countText(record.generatedText() == null ? "" : record.generatedText(), model);
        return new int[] {prompt, completion};
    }

    private int countPrompt(RelayMode mode, byte[] body, String model) {
        JsonNode request;
        try {
            request = json(body);
        } catch (PricingException e) {
            return 0;
        }
        return switch (mode) {
            case CHAT_COMPLETIONS -> tokens.countChatRequest(request, model);
            case COMPLETIONS -> tokens.countCompletionsPrompt(request.get("prompt"), model);
            case EMBEDDINGS, MODERATIONS -> tokens.countCompletionsPrompt(request.get("input"), model);
            case EDITS -> tokens.countCompletionsPrompt(request.get("instruction"), model)
                    + tokens.countCompletionsPrompt(request.get("input"), model);
            default -> 0;
        };
    }

    private static String outcomeNote(RelayOutcome outcome) {
        return switch (outcome) {
            case CLIENT_ABORT -> " (client disconnected; billed for what was produced)";
            case UPSTREAM_BROKE -> " (upstream stream broke; billed for what was streamed)";
            default -> "";
        };
    }

    @Override
    public void release(Hold hold) {
        LedgerHold h = (LedgerHold) hold;
        try {
            ledger.refund(h.reservation());
        } finally {
            closed(h);
        }
    }

    private static JsonNode json(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.missingNode() : node;
        } catch (IOException e) {
            throw new PricingException("invalid_request_body", "request body is not valid JSON");
        }
    }

    /** Drains pending billing writes. Reminders not yet checked are dropped. */
    @Override
    public void close() {
        if (reminders != null) {
            reminders.close();
        }
        writer.close();
    }
}
