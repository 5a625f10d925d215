# Tests of the service-mesh authorization policy (policy.rego) against the mesh in data.json.
#
#   regoc test examples/policy.rego examples/data.json examples/policy_test.rego
#
# Each case of examples/cases/ has a test here with the same scenario and verdict, and more
# tests cover the rules one at a time, with `with` replacing input, data and builtins.
package servicemesh.authz_test

import data.servicemesh.authz

# A call that every rule allows: checkout creates a charge on payments.
charge_call := {
	"source": {
		"service": "checkout",
		"namespace": "shop",
		"version": "v1.4.2",
		"mtls": true,
		"ip": "10.2.3.4",
	},
	"destination": {"service": "payments", "port": 8443},
	"request": {
		"method": "POST",
		"path": "/v1/charges",
		"headers": {"x-idempotency-key": "order-8812"},
	},
	"context": {"time": "2026-03-02T14:05:00Z"},
}

# charge_call with the parts in `changes` replaced.
call_with(changes) := object.union(charge_call, changes)

test_checkout_may_create_charge if {
	authz.verdict == {
		"allow": true,
		"status": 200,
		"reasons": set(),
		"matched_routes": {"create-charge"},
	} with input as charge_call
}

test_frontend_may_browse_catalog if {
	browse := {
		"source": {
			"service": "frontend",
			"namespace": "shop",
			"version": "v7.0.1",
			"mtls": false,
			"ip": "192.168.50.17",
		},
		"destination": {"service": "catalog", "port": 8080},
		"request": {"method": "GET", "path": "/items/books/42"},
		"context": {"time": "2026-03-02T14:05:00Z"},
	}
	authz.allow with input as browse
	authz.matched_routes == {"browse"} with input as browse
}

test_blocked_version_without_mtls_is_denied if {
	call := call_with({
		"source": {"version": "v1.3.0", "mtls": false},
		"request": {"method": "GET", "path": "/v1/charges/ch_1"},
	})
	authz.deny == {
		"mutual TLS is required by the destination",
		"version v1.3.0 of checkout is blocked",
	} with input as call
	authz.status == 403 with input as call
}

test_caller_not_in_route_is_denied if {
	call := call_with({
		"source": {"service": "frontend", "version": "v7.0.1", "ip": "10.4.0.2"},
		"request": {"method": "GET", "path": "/v1/charges/ch_9"},
	})
	count(authz.matched_routes) == 0 with input as call
	"shop/frontend may not call GET /v1/charges/ch_9 on payments" in authz.deny with input as call
}

test_maintenance_window_returns_503 if {
	call := call_with({"context": {"time": "2026-03-07T23:30:00Z"}})
	authz.deny == {"destination is in a maintenance window"} with input as call
	authz.status == 503 with input as call
}

test_maintenance_window_ends_before_its_end_time if {
	not authz.in_maintenance with input as call_with({"context": {"time": "2026-03-08T02:00:00Z"}})
}

test_missing_idempotency_key_is_denied if {
	call := call_with({"request": {"headers": {"x-idempotency-key": ""}}})
	authz.deny == {"route create-charge requires header x-idempotency-key"} with input as call
}

test_refund_needs_every_scope if {
	refund := {
		"source": {
			"service": "support-desk",
			"namespace": "support",
			"version": "v2.0.0",
			"mtls": true,
			"ip": "10.9.9.9",
		},
		"destination": {"service": "payments", "port": 8443},
		"request": {"method": "POST", "path": "/v1/charges/ch_123/refunds"},
		"context": {"time": "2026-03-02T14:05:00Z"},
	}
	missing_scope := "route refund needs the scopes payments:refund, payments:approve"
	authz.deny == {missing_scope} with input as refund

	# Granting the missing scope allows the refund.
	authz.allow with input as refund
		with data.mesh.granted_scopes["support-desk"] as ["payments:refund", "payments:approve"]
}

test_unknown_service_from_untrusted_network_is_denied if {
	call := call_with({
		"source": {"ip": "172.16.0.5"},
		"destination": {"service": "ledger", "port": 9000},
		"request": {"method": "GET", "path": "/entries"},
	})
	authz.deny == {
		"caller is outside the trusted networks",
		"destination service is not part of the mesh",
	} with input as call
	authz.verdict.status == 403 with input as call
}

test_trusted_networks_come_from_data if {
	not authz.from_trusted_network with input as charge_call with data.mesh.trusted_networks as []
	authz.from_trusted_network with input as call_with({"source": {"ip": "172.16.0.5"}})
		with data.mesh.trusted_networks as ["172.16.0.0/12"]
}

test_route_without_scopes_needs_none if {
	authz.has_all_scopes({"id": "read-charge"}) with input as charge_call
}

# The clock is read from the input; replacing the parser moves every call into the window.
test_time_parser_can_be_replaced if {
	authz.in_maintenance with input as charge_call
		with time.parse_rfc3339_ns as fake_rfc3339_ns
}

# Reads 2026-03-02T14:05:00Z as 2026-03-07T23:00:00Z, inside the maintenance window.
fake_rfc3339_ns("2026-03-02T14:05:00Z") := 1772924400000000000

fake_rfc3339_ns(timestamp) := time.parse_rfc3339_ns(timestamp) if {
	timestamp != "2026-03-02T14:05:00Z"
}
