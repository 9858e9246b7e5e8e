package io.webchat.gateway.system;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import reactor.netty.NettyPipeline;

/**
 * Closes a connection whose request line and headers have not all arrived within the deadline,
 * counted from the connection's opening, or for a following request on a kept-alive connection,
 * from that request's first byte. A client that connects and sends nothing, or sends its headers
 * a byte at a time, so holds one of the gateway's connections for seconds, not for as long as it
 * likes.
 * <p>
 * Two handlers share one deadline per connection: one before the HTTP codec sees the bytes of a
 * request start to come, one after it sees the request once its head is complete and the end of
 * each response. While a request is being answered (a long poll waits 25 s) there is no deadline,
 * and between requests the connection may stay idle until {@code server.netty.idle-timeout}.
 * Nothing is answered on expiry: no request was read, so there is nothing to answer, and turning
 * such a client away should cost nothing.
 */
final class RequestHeadDeadline {

	private final Channel channel;

	private final long timeoutNanos;

	private ScheduledFuture<?> deadline;

	/** Between a request's complete head and the end of its response. */
	private boolean answering;

	private RequestHeadDeadline(Channel channel, Duration timeout) {
		this.channel = channel;
		this.timeoutNanos = timeout.toNanos();
	}

	/** On a new connection's pipeline, around Reactor Netty's HTTP/1.1 codec. */
	static void install(Channel channel, Duration timeout) {
		ChannelPipeline pipeline = channel.pipeline();
		if (pipeline.get(NettyPipeline.HttpCodec) == null) {
			return;
		}
		RequestHeadDeadline deadline = new RequestHeadDeadline(channel, timeout);
		pipeline.addBefore(NettyPipeline.HttpCodec, "webchat.requestHeadBytes", deadline.new Bytes());
		pipeline.addAfter(NettyPipeline.HttpCodec, "webchat.requestHead", deadline.new Messages());
	}

	private void start() {
		if (this.deadline == null) {
			this.deadline = this.channel.eventLoop()
				.schedule(() -> this.channel.close(), this.timeoutNanos, TimeUnit.NANOSECONDS);
		}
	}

	private void stop() {
		if (this.deadline != null) {
			this.deadline.cancel(false);
			this.deadline = null;
		}
	}

	/** Raw bytes from the socket: between requests, they are the start of the next one. */
	private final class Bytes extends ChannelInboundHandlerAdapter {

		@Override
		public void handlerAdded(ChannelHandlerContext ctx) {
			if (ctx.channel().isActive()) {
				start();
			}
		}

		@Override
		public void channelActive(ChannelHandlerContext ctx) throws Exception {
			start();
			super.channelActive(ctx);
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
			if (!RequestHeadDeadline.this.answering && msg instanceof ByteBuf bytes && bytes.isReadable()) {
				start();
			}
			super.channelRead(ctx, msg);
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) throws Exception {
			stop();
			super.channelInactive(ctx);
		}

		@Override
		public void handlerRemoved(ChannelHandlerContext ctx) {
			stop();
		}

	}

	/** The codec's output: a request whose head is complete, and the end of its response. */
	private final class Messages extends ChannelDuplexHandler {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
			if (msg instanceof HttpRequest) {
				stop();
				RequestHeadDeadline.this.answering = true;
			}
			super.channelRead(ctx, msg);
		}

		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
			if (msg instanceof LastHttpContent) {
				RequestHeadDeadline.this.answering = false;
			}
			super.write(ctx, msg, promise);
		}

	}
}
