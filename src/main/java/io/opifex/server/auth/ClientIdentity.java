package io.opifex.server.auth;

/** Who is asking: what rules can be written against (user names arrive with authentication). */
public record ClientIdentity(String clientId, String userName) {
}
