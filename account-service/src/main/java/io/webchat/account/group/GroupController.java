package io.webchat.account.group;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.webchat.identity.AuthenticatedUser;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Groups", description = "Group chats and their members")
class GroupController {

	private final GroupService groups;

	GroupController(GroupService groups) {
		this.groups = groups;
	}

	@GetMapping("/api/accounts/me/groups")
	@Operation(summary = "My groups", description = "The groups I am a member of, paged, by name by default.")
	PagedModel<GroupSummary> myGroups(@AuthenticationPrincipal Jwt token,
			@ParameterObject @PageableDefault(size = 100, sort = "name", direction = Sort.Direction.ASC) Pageable pageable) {
		return new PagedModel<>(this.groups.groupsOf(AuthenticatedUser.id(token), pageable));
	}

	@GetMapping("/api/accounts/groups/{groupId}")
	@Operation(summary = "A group's details", description = "Only for members.")
	@ApiResponse(responseCode = "404", description = "No such group, or I am not a member")
	GroupSummary group(@AuthenticationPrincipal Jwt token,
			@Parameter(description = "Group id", example = "1") @PathVariable long groupId) {
		return this.groups.groupForMember(groupId, AuthenticatedUser.id(token));
	}

	@GetMapping("/api/accounts/groups/{groupId}/members")
	@Operation(summary = "Members of a group", description = "Only members may see the member list.")
	@ApiResponse(responseCode = "404", description = "No such group, or I am not a member")
	PagedModel<GroupMemberView> members(@AuthenticationPrincipal Jwt token,
			@Parameter(description = "Group id", example = "1") @PathVariable long groupId,
			@ParameterObject @PageableDefault(size = 200) Pageable pageable) {
		return new PagedModel<>(this.groups.membersForMember(groupId, AuthenticatedUser.id(token), pageable));
	}
}
