package io.webchat.account.user;

import io.webchat.problem.ApiProblem;

import org.springframework.http.HttpStatus;

class UsernameTakenException extends ApiProblem {

	UsernameTakenException(String username) {
		super(HttpStatus.CONFLICT, "username-taken", "The username '" + username + "' is already taken.");
	}
}
