package io.webchat.gateway.login;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import jakarta.servlet.Filter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Writes a session back to the store only when a request changed it, or when its recorded last
 * access is older than the touch interval. Spring Session records every request's access time,
 * and Spring Session's Redis repository pays for that with three round trips per request (is
 * the session still there, write the time, push the expiry back) — for a chat page whose long
 * polls and sends are nearly all its requests, and which change nothing else in the session.
 * A session in use is still written at least once per interval, so it expires at most one
 * interval earlier than its timeout says.
 * <p>
 * Needs the delegate's default save and flush modes ({@code SaveMode.ON_SET_ATTRIBUTE},
 * {@code FlushMode.ON_SAVE}; checked at start-up): an attribute counts as changed when it is
 * set or removed, not when it is read, and nothing is written before {@link #save}.
 */
public final class TouchThrottlingSessionRepository implements SessionRepository<TouchThrottlingSessionRepository.TrackedSession> {

	private static final Logger logger = LoggerFactory.getLogger(TouchThrottlingSessionRepository.class);

	private final SessionRepository<Session> delegate;

	private final Duration touchInterval;

	/** The session saved by the request being dispatched on this thread, within {@link #savedSessionLookups()}. */
	private final ThreadLocal<SavedInRequest> savedInRequest = new ThreadLocal<>();

	@SuppressWarnings("unchecked")
	public TouchThrottlingSessionRepository(SessionRepository<? extends Session> delegate, Duration touchInterval) {
		if (touchInterval.isNegative()) {
			throw new IllegalArgumentException("The session touch interval must not be negative, got " + touchInterval);
		}
		// it hands out and takes back its own sessions only, so the cast cannot mix session types
		this.delegate = (SessionRepository<Session>) delegate;
		this.touchInterval = touchInterval;
	}

	@Override
	public TrackedSession createSession() {
		TrackedSession session = new TrackedSession(this.delegate.createSession());
		session.changed = true;
		return session;
	}

	@Override
	public void save(TrackedSession session) {
		if (session.changed) {
			this.delegate.save(session.stored);
		}
		else if (session.recordedAccessIsStale(this.touchInterval)) {
			try {
				this.delegate.save(session.stored);
			}
			catch (IllegalStateException ex) {
				// ended (logout, password change) while this request ran: nothing left to touch
				logger.debug("Session {} ended before its access time was written", session.getId(), ex);
				return;
			}
		}
		else {
			rememberSaved(session);
			return;
		}
		session.recordedAccess = session.getLastAccessedTime();
		session.changed = false;
		rememberSaved(session);
	}

	private void rememberSaved(TrackedSession session) {
		SavedInRequest saved = this.savedInRequest.get();
		if (saved != null) {
			saved.session = session;
		}
	}

	/**
	 * The session, or null when it has ended — also when its attributes no longer deserialize
	 * (after an upgrade changed their classes): that user logs in again rather than getting 500
	 * on every request until the session expires. (A fragment of an ended session is handled by
	 * {@link EndedSessionFragments}.)
	 */
	@Override
	public TrackedSession findById(String id) {
		SavedInRequest saved = this.savedInRequest.get();
		if (saved != null && saved.session != null) {
			TrackedSession session = saved.session;
			saved.session = null;
			if (session.getId().equals(id)) {
				return session;
			}
		}
		Session stored;
		try {
			stored = this.delegate.findById(id);
		}
		catch (SerializationException ex) {
			logger.warn("Session {} no longer deserializes; ending it: {}", id, ex.getMessage());
			this.delegate.deleteById(id);
			return null;
		}
		return (stored != null) ? new TrackedSession(stored) : null;
	}

	@Override
	public void deleteById(String id) {
		this.delegate.deleteById(id);
	}

	/**
	 * A filter to place around Spring Session's. That filter commits a request twice, when the
	 * response is committed and when the request ends (and a long poll's first commit comes at
	 * the end of its first dispatch, its second when the answer is written on the asynchronous
	 * one). Each commit looks the requested session up to compare its id with the saved one's,
	 * and the second finds its cache cleared by the first: a second read and deserialization
	 * from Redis on every request. Within this filter, a look-up that follows a save in the same
	 * request is answered with the session just saved; it is only compared by id. Outside it,
	 * and for any other look-up, the store is read.
	 */
	public Filter savedSessionLookups() {
		String attribute = SavedInRequest.class.getName();
		return (request, response, chain) -> {
			SavedInRequest saved = (SavedInRequest) request.getAttribute(attribute);
			if (saved == null) {
				saved = new SavedInRequest();
				request.setAttribute(attribute, saved);
			}
			SavedInRequest enclosing = this.savedInRequest.get();
			this.savedInRequest.set(saved);
			try {
				chain.doFilter(request, response);
			}
			finally {
				if (enclosing != null) {
					this.savedInRequest.set(enclosing);
				}
				else {
					this.savedInRequest.remove();
				}
			}
		};
	}

	private static final class SavedInRequest {

		private TrackedSession session;

	}

	/** A stored session that remembers whether anything but its access time changed. */
	public static final class TrackedSession implements Session {

		private final Session stored;

		private Instant recordedAccess;

		private boolean changed;

		private TrackedSession(Session stored) {
			this.stored = stored;
			this.recordedAccess = stored.getLastAccessedTime();
		}

		private boolean recordedAccessIsStale(Duration touchInterval) {
			return Duration.between(this.recordedAccess, getLastAccessedTime()).compareTo(touchInterval) >= 0;
		}

		@Override
		public String getId() {
			return this.stored.getId();
		}

		@Override
		public String changeSessionId() {
			this.changed = true;
			return this.stored.changeSessionId();
		}

		@Override
		public <T> T getAttribute(String name) {
			return this.stored.getAttribute(name);
		}

		@Override
		public Set<String> getAttributeNames() {
			return this.stored.getAttributeNames();
		}

		@Override
		public void setAttribute(String name, Object value) {
			this.changed = true;
			this.stored.setAttribute(name, value);
		}

		@Override
		public void removeAttribute(String name) {
			this.changed = true;
			this.stored.removeAttribute(name);
		}

		@Override
		public Instant getCreationTime() {
			return this.stored.getCreationTime();
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			this.stored.setLastAccessedTime(lastAccessedTime);
		}

		@Override
		public Instant getLastAccessedTime() {
			return this.stored.getLastAccessedTime();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			this.changed = true;
			this.stored.setMaxInactiveInterval(interval);
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return this.stored.getMaxInactiveInterval();
		}

		@Override
		public boolean isExpired() {
			return this.stored.isExpired();
		}
	}
}
