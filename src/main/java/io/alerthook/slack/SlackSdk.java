package io.alerthook.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.util.http.SlackHttpClient;

import java.time.Duration;

/** The official Slack SDK's client, as alerthook uses it for webhooks ({@link SlackClient}) and the Web API ({@link SlackApi}). */
final class SlackSdk {

    private SlackSdk() {
    }

    static Slack connect(String apiUrl, Duration timeout) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl);
        // alerthook paces its calls itself (SlackPacing, across replicas): no SDK metrics, which first call auth.test
        config.setStatsEnabled(false);
        int millis = Math.toIntExact(timeout.toMillis());
        config.setHttpClientCallTimeoutMillis(millis);
        config.setHttpClientReadTimeoutMillis(millis);
        config.setHttpClientWriteTimeoutMillis(millis);
        // A redirect would carry a message, and its credential, to wherever it points.
        return Slack.getInstance(config, new SlackHttpClient(SlackHttpClient.buildOkHttpClient(config).newBuilder()
                .connectTimeout(timeout).followRedirects(false).followSslRedirects(false).build()));
    }
}
