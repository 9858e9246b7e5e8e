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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static io.webchat.account.system.AccountProblem.ALREADY_A_MEMBER;
import static io.webchat.account.system.AccountProblem.GROUP_ADMIN_REQUIRED;
import static io.webchat.account.system.AccountProblem.GROUP_FULL;
import static io.webchat.account.system.AccountProblem.GROUP_NOT_FOUND;
import static io.webchat.account.system.AccountProblem.GROUP_OWNER_REQUIRED;
import static io.webchat.account.system.AccountProblem.INVALID_REQUEST;
import static io.webchat.account.system.AccountProblem.MEMBER_NOT_FOUND;
import static io.webchat.account.system.AccountProblem.OWNER_CANNOT_LEAVE;
import static io.webchat.account.system.AccountProblem.OWNER_ROLE_FIXED;
import static io.webchat.account.system.AccountProblem.USER_NOT_FOUND;

@RestController
@RequestMapping("/api/accounts/groups/{groupId}")
@Tag(name = "Group members", description = "Who is in a group and with which role. The owner and admins add and "
		+ "remove members; only the owner appoints admins and hands ownership on; anyone but the owner may leave.")
class GroupMembershipController {

	private final GroupService groups;

	GroupMembershipController(GroupService groups) {
		this.groups = groups;
	}

	@GetMapping("/members")
	@Operation(operationId = "listGroupMembers", summary = "Members of a group",
			description = "Only members may see the member list. By display name, paged.")
	@ApiResponse(responseCode = "200", description = "One page of members with their roles")
	@Refusals({ INVALID_REQUEST, GROUP_NOT_FOUND })
	PagedModel<GroupMemberView> members(@AuthenticationPrincipal Jwt token,
			@Parameter(description = "Group id", example = "1") @PathVariable long groupId,
			@Valid @ParameterObject PageQuery page) {
		return new PagedModel<>(this.groups.membersForMember(groupId, AuthenticatedUser.id(token), page.pageable()));
	}

	@PostMapping("/members")
	@Operation(operationId = "addGroupMember", summary = "Add a member", description = "For the owner and admins.")
	@ApiResponse(responseCode = "201", description = "Added; `Location` names the new membership",
			headers = @Header(name = "Location", description = "The new member's URL in the group",
					schema = @Schema(type = "string", format = "uri-reference", example = "/api/accounts/groups/1/members/3")))
	@Refusals({ INVALID_REQUEST, GROUP_NOT_FOUND, USER_NOT_FOUND, GROUP_ADMIN_REQUIRED, ALREADY_A_MEMBER,
			GROUP_FULL })
	ResponseEntity<GroupMemberView> add(@AuthenticationPrincipal Jwt token,
			@Parameter(description = "Group id", example = "1") @PathVariable long groupId,
			@Valid @RequestBody NewMember newMember) {
		GroupMemberView member = this.groups.addMember(AuthenticatedUser.id(token), groupId, newMember.userId());
		return ResponseEntity.created(URI.create("/api/accounts/groups/" + groupId + "/members/" + member.id()))
			.body(member);
	}

	@GetMapping("/members/{userId}")
	@Operation(operationId = "getGroupMember", summary = "One member of a group", description = "Only for members.")
	@ApiResponse(responseCode = "200", description = "The member with their role")
	@Refusals({ GROUP_NOT_FOUND, MEMBER_NOT_FOUND })
	GroupMemberView member(@AuthenticationPrincipal Jwt token,
			@Parameter(description = "Group id", example = "1") @PathVariable long groupId,
			@Parameter(description = "The member's user id", example = "3") @PathVariable long userId) {
		return this.groups.memberForMember(groupId, AuthenticatedUser.id(token), userId);
	}

	@DeleteMapping("/members/{userId}")
	@Operation(operationId = "removeGroupMember", summary = "Remove a member, or leave",
			description = "With my own id: I leave (not the owner, who must transfer ownership or delete the group). "
					+ "With another's: the owner or an admin removes them; only the owner removes an admin. "
					+ "Takes effect for the next message.")
	@ApiResponse(responseCode = "204", description = "Removed, or left")
	@Refusals({ GROUP_NOT_FOUND, MEMBER_NOT_FOUND, GROUP_ADMIN_REQUIRED, GROUP_OWNER_REQUIRED, OWNER_CANNOT_LEAVE,
			OWNER_ROLE_FIXED })
	ResponseEntity<Void> remove(@AuthenticationPrincipal Jwt token,
			@Parameter(description = "Group id", example = "1") @PathVariable long groupId,
			@Parameter(description = "The member's user id (my own to leave)", example = "3") @PathVariable long userId) {
		this.groups.removeMember(AuthenticatedUser.id(token), groupId, userId);
		return ResponseEntity.noContent().build();
	}

	@PutMapping("/admins/{userId}")
	@Operation(operationId = "appointGroupAdmin", summary = "Make a member an admin",
			description = "For the owner only. Making an admin an admin again changes nothing.")
	@ApiResponse(responseCode = "204", description = "The member is an admin")
	@Refusals({ GROUP_NOT_FOUND, MEMBER_NOT_FOUND, GROUP_OWNER_REQUIRED, OWNER_ROLE_FIXED })
	ResponseEntity<Void> appointAdmin(@AuthenticationPrincipal Jwt token,
			@Parameter(description = "Group id", example = "1") @PathVariable long groupId,
			@Parameter(description = "The member's user id", example = "3") @PathVariable long userId) {
		this.groups.changeAdmin(AuthenticatedUser.id(token), groupId, userId, true);
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/admins/{userId}")
	@Operation(operationId = "dismissGroupAdmin", summary = "Make an admin a plain member again",
			description = "For the owner only. The member stays in the group.")
	@ApiResponse(responseCode = "204", description = "The member is a plain member")
	@Refusals({ GROUP_NOT_FOUND, MEMBER_NOT_FOUND, GROUP_OWNER_REQUIRED, OWNER_ROLE_FIXED })
	ResponseEntity<Void> dismissAdmin(@AuthenticationPrincipal Jwt token,
			@Parameter(description = "Group id", example = "1") @PathVariable long groupId,
			@Parameter(description = "The admin's user id", example = "3") @PathVariable long userId) {
		this.groups.changeAdmin(AuthenticatedUser.id(token), groupId, userId, false);
		return ResponseEntity.noContent().build();
	}

	@PutMapping("/owner")
	@Operation(operationId = "transferGroupOwnership", summary = "Hand the group to another member",
			description = "For the owner only. The new owner must be a member; the old owner stays on as an admin.")
	@ApiResponse(responseCode = "204", description = "Ownership transferred")
	@Refusals({ INVALID_REQUEST, GROUP_NOT_FOUND, MEMBER_NOT_FOUND, GROUP_OWNER_REQUIRED })
	ResponseEntity<Void> transferOwnership(@AuthenticationPrincipal Jwt token,
			@Parameter(description = "Group id", example = "1") @PathVariable long groupId,
			@Valid @RequestBody OwnershipTransfer transfer) {
		this.groups.transferOwnership(AuthenticatedUser.id(token), groupId, transfer.userId());
		return ResponseEntity.noContent().build();
	}
}
