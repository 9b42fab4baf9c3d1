package io.stageflow.gateway.web;

import io.netty.channel.ChannelOption;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A listen queue long enough for a burst of new connections. With Netty's default of 128, a burst (a frontend
 * fleet reconnecting, a load balancer warming its pool) overflowed it; the kernel then drops the handshake's last
 * step and the client's first request waits for a retransmission, one, three, seven seconds and more. The
 * benchmark showed such requests (7 s, 18 s) and the kernel counted the overflows. The services do the same
 * ({@code server.tomcat.accept-count}).
 */
@Configuration(proxyBeanMethods = false)
class ConnectionBacklog {

    private static final int BACKLOG = 1024;

    @Bean
    NettyServerCustomizer listenQueue() {
        return server -> server.option(ChannelOption.SO_BACKLOG, BACKLOG);
    }
}
