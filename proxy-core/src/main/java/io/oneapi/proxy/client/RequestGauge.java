package io.oneapi.proxy.client;

import io.netty.channel.Channel;

/** Counts connections and running requests so a stopping server can drain them. */
public interface RequestGauge {
    void connectionOpened(Channel channel);

    void requestStarted();

    void requestFinished();

    RequestGauge NONE = new RequestGauge() {
        @Override
        public void connectionOpened(Channel channel) {
        }

        @Override
        public void requestStarted() {
        }

        @Override
        public void requestFinished() {
        }
    };
}
