package io.webchat.chat.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import org.springframework.core.io.ClassPathResource;

/**
 * A Lua script run by its SHA-1 (EVALSHA), falling back to sending its body once when a Redis
 * node does not know it yet (after a restart, or on another cluster node).
 */
public final class LuaScript {

	private final String body;

	private final String sha;

	private final ScriptOutputType outputType;

	private LuaScript(String body, ScriptOutputType outputType) {
		this.body = body;
		this.sha = sha1(body);
		this.outputType = outputType;
	}

	public static LuaScript load(String classpathLocation, ScriptOutputType outputType) {
		try {
			return new LuaScript(
					new ClassPathResource(classpathLocation).getContentAsString(StandardCharsets.UTF_8), outputType);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read Lua script " + classpathLocation, ex);
		}
	}

	public <T> T run(RedisClusterCommands<String, String> redis, List<String> keys, List<String> args) {
		String[] keyArray = keys.toArray(String[]::new);
		String[] argArray = args.toArray(String[]::new);
		try {
			return redis.evalsha(this.sha, this.outputType, keyArray, argArray);
		}
		catch (RedisNoScriptException ex) {
			return redis.eval(this.body, this.outputType, keyArray, argArray);
		}
	}

	/** Sends without waiting, so many calls share one round trip (pipelining). */
	public <T> CompletionStage<T> runAsync(RedisClusterAsyncCommands<String, String> redis, List<String> keys,
			List<String> args) {
		String[] keyArray = keys.toArray(String[]::new);
		String[] argArray = args.toArray(String[]::new);
		CompletionStage<T> first = redis.evalsha(this.sha, this.outputType, keyArray, argArray);
		return first.handle((result, error) -> {
			if (error == null) {
				return CompletableFuture.completedFuture(result);
			}
			Throwable cause = (error instanceof CompletionException) ? error.getCause() : error;
			if (cause instanceof RedisNoScriptException) {
				return redis.<T>eval(this.body, this.outputType, keyArray, argArray).toCompletableFuture();
			}
			return CompletableFuture.<T>failedFuture(cause);
		}).thenCompose((stage) -> stage);
	}

	private static String sha1(String body) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-1").digest(body.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
