# Service-to-service call authorization for a service mesh.
#
# A sidecar proxy asks for a verdict before it forwards a call from one workload to another.
# The input names both workloads, the call and when it happens; data.json holds the mesh's
# call graph (which callers may reach which routes), mTLS requirements, blocked workload
# versions, trusted networks and maintenance windows.
#
#   regoc eval -d examples/policy.rego -d examples/data.json \
#     -i examples/cases/allow_checkout_charge/input.json data.servicemesh.authz.verdict
package servicemesh.authz

default allow := false

allow if count(deny) == 0

verdict := {
	"allow": allow,
	"status": status,
	"reasons": deny,
	"matched_routes": matched_routes,
}

status := 200 if {
	allow
} else := 503 if {
	in_maintenance
} else := 403

source := input.source

destination := input.destination

call := input.request

target := data.mesh.services[destination.service]

# Routes of the destination that this caller may use for this method and path.
matched_routes contains route.id if {
	some route in target.routes
	some caller in route.callers
	caller == sprintf("%s/%s", [source.namespace, source.service])
	call.method in route.methods
	glob.match(route.path, ["/"], call.path)
}

request_time_ns := time.parse_rfc3339_ns(input.context.time)

in_maintenance if {
	some window in target.maintenance
	request_time_ns >= time.parse_rfc3339_ns(window.start)
	request_time_ns < time.parse_rfc3339_ns(window.end)
}

from_trusted_network if {
	some network in data.mesh.trusted_networks
	net.cidr_contains(network, source.ip)
}

deny contains "destination service is not part of the mesh" if not target

deny contains msg if {
	target
	count(matched_routes) == 0
	msg := sprintf("%s/%s may not call %s %s on %s", [
		source.namespace, source.service, call.method, call.path, destination.service,
	])
}

deny contains "mutual TLS is required by the destination" if {
	target.require_mtls
	not source.mtls
}

deny contains msg if {
	some blocked in object.get(data.mesh.blocked_versions, source.service, [])
	blocked == source.version
	msg := sprintf("version %s of %s is blocked", [source.version, source.service])
}

deny contains "caller is outside the trusted networks" if not from_trusted_network

deny contains "destination is in a maintenance window" if in_maintenance

# A route may list headers that must be present and non-empty.
deny contains msg if {
	some route in target.routes
	route.id in matched_routes
	some header in object.get(route, "required_headers", [])
	object.get(object.get(call, "headers", {}), header, "") == ""
	msg := sprintf("route %s requires header %s", [route.id, header])
}

# A route may list scopes; the caller needs every one of them.
deny contains msg if {
	some route in target.routes
	route.id in matched_routes
	not has_all_scopes(route)
	msg := sprintf("route %s needs the scopes %s", [route.id, concat(", ", route.scopes)])
}

has_all_scopes(route) if {
	granted := {scope | some scope in object.get(data.mesh.granted_scopes, source.service, [])}
	every scope in object.get(route, "scopes", []) {
		scope in granted
	}
}
