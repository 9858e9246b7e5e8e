package io.webchat.account.group;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.webchat.account.system.PageQuery;
import io.webchat.account.system.Refusals;
import io.webchat.identity.AuthenticatedUser;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.data.web.PagedModel;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static io.webchat.account.system.AccountProblem.CONCURRENT_UPDATE;
import static io.webchat.account.system.AccountProblem.GROUP_ADMIN_REQUIRED;
import static io.webchat.account.system.AccountProblem.GROUP_NOT_FOUND;
import static io.webchat.account.system.AccountProblem.GROUP_OWNER_REQUIRED;
import static io.webchat.account.system.AccountProblem.INVALID_REQUEST;
import static io.webchat.account.system.AccountProblem.MAX_MEMBERS_BELOW_MEMBER_COUNT;

@RestController
@RequestMapping("/api/accounts")
@Tag(name = "Groups", description = "Group chats: creating, changing and deleting them. A group is visible only to "
		+ "its members; to anyone else it does not exist (404).")
class GroupController {

	private final GroupService groups;

	GroupController(GroupService groups) {
		this.groups = groups;
	}

	@GetMapping("/me/groups")
	@Operation(operationId = "listMyGroups", summary = "My groups", description = "The groups I am a member of, by name, paged.")
	@ApiResponse(responseCode = "200", description = "One page of my groups")
	@Refusals(INVALID_REQUEST)
	PagedModel<GroupSummary> myGroups(@AuthenticationPrincipal Jwt token, @Valid @ParameterObject PageQuery page) {
		return new PagedModel<>(this.groups.groupsOf(AuthenticatedUser.id(token), page.pageable()));
	}

	@PostMapping("/groups")
	@Operation(operationId = "createGroup", summary = "Create a group", description = "I become its owner and first member.")
	@ApiResponse(responseCode = "201", description = "Created; `Location` names the new group",
			headers = @Header(name = "Location", description = "The new group's URL",
					schema = @Schema(type = "string", format = "uri-reference", example = "/api/accounts/groups/5")))
	@Refusals(INVALID_REQUEST)
	ResponseEntity<GroupSummary> create(@AuthenticationPrincipal Jwt token, @Valid @RequestBody NewGroup newGroup) {
		long ownerId = AuthenticatedUser.id(token);
		ChatGroup group = this.groups.create(ownerId, newGroup.name().strip(), newGroup.briefOrEmpty(),
				newGroup.maxMembersOrDefault());
		return ResponseEntity.created(URI.create("/api/accounts/groups/" + group.getId()))
			.body(this.groups.groupForMember(group.getId(), ownerId));
	}

	@GetMapping("/groups/{groupId}")
	@Operation(operationId = "getGroup", summary = "A group's details", description = "Only for members.")
	@ApiResponse(responseCode = "200", description = "The group")
	@Refusals(GROUP_NOT_FOUND)
	GroupSummary group(@AuthenticationPrincipal Jwt token,
			@Parameter(description = "Group id", example = "1") @PathVariable long groupId) {
		return this.groups.groupForMember(groupId, AuthenticatedUser.id(token));
	}

	@PatchMapping("/groups/{groupId}")
	@Operation(operationId = "changeGroup", summary = "Rename, describe or resize a group",
			description = "For the owner and admins. Fields left out keep their values.")
	@ApiResponse(responseCode = "200", description = "The group as it is now")
	@Refusals({ INVALID_REQUEST, GROUP_NOT_FOUND, GROUP_ADMIN_REQUIRED, MAX_MEMBERS_BELOW_MEMBER_COUNT,
			CONCURRENT_UPDATE })
	GroupSummary change(@AuthenticationPrincipal Jwt token,
			@Parameter(description = "Group id", example = "1") @PathVariable long groupId,
			@Valid @RequestBody GroupChange change) {
		return this.groups.update(AuthenticatedUser.id(token), groupId, change.name(), change.brief(), change.maxMembers());
	}

	@DeleteMapping("/groups/{groupId}")
	@Operation(operationId = "deleteGroup", summary = "Delete a group",
			description = "For the owner only. Every member's group chat ends with the next message.")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@Refusals({ GROUP_NOT_FOUND, GROUP_OWNER_REQUIRED })
	ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt token,
			@Parameter(description = "Group id", example = "1") @PathVariable long groupId) {
		this.groups.delete(AuthenticatedUser.id(token), groupId);
		return ResponseEntity.noContent().build();
	}
}
