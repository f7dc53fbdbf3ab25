#!/usr/bin/env bash
# Proves, on throw-away copies of the repository, that the contracts catch what would break a consumer:
#   1. order-fn renames a field customer-fn reads (order.created.v1 total -> orderTotal): order-fn's build fails
#   2. customer-fn's contract asks for a field order-fn never sends (giftWrap):             order-fn's build fails
#   3. order-fn adds an optional field to order.created.v1 (salesChannel):                  every build stays green
#      (order-fn and its consumers: customer-fn, email-fn, audit-fn)
# Each case builds only what it needs (≈ 2 minutes each on 2 cores). Not part of `./mvnw verify`; run it after
# changing the contract tooling:  contracts/breaking-change-check.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
contract_tests='-Dsurefire.failIfNoSpecifiedTests=false'

copy() {
  local dir="$work/$1"
  mkdir -p "$dir"
  (cd "$root" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) | tar -xf - -C "$dir"
  echo "$dir"
}

change() { # file, sed expression, text that must appear afterwards
  sed -i -E "$2" "$1"
  grep -q "$3" "$1" || { echo "could not apply the change to $1" >&2; exit 2; }
}

expect() { # outcome (fail|pass), name, directory, maven arguments...
  local outcome=$1 name=$2 dir=$3
  shift 3
  echo "== $name: expecting the build to ${outcome}"
  if (cd "$dir" && ./mvnw -B "$@" >"$work/$name.log" 2>&1); then result=pass; else result=fail; fi
  grep -hE 'Tests run:.*(Fail|Err)|<<< (FAILURE|ERROR)|expected|Expecting' "$work/$name.log" | head -8 || true
  if [[ $result != "$outcome" ]]; then
    echo "FAILED: $name: expected the build to $outcome, it did $result; end of its log:" >&2
    tail -60 "$work/$name.log" >&2
    exit 1
  fi
  echo "ok: $name ($result, as expected)"
}

event=order-fn/src/main/java/dev/ordersaga/order/OrderEvent.java
contract=contracts/src/main/resources/contracts/order-fn/customer-fn/order_created_v1.groovy

dir=$(copy rename)
change "$dir/$event" 's/(record OrderCreated\(.*List<OrderLine> lines, )(Money total,)/\1@com.fasterxml.jackson.annotation.JsonProperty("orderTotal") \2/' 'JsonProperty("orderTotal")'
expect fail rename-field-a-consumer-reads "$dir" -pl contracts,order-fn -am verify \
  -Dtest='dev.ordersaga.order.contracts.Customer_fnTest' "$contract_tests"

dir=$(copy ask)
change "$dir/$contract" '0,/^(\s*)customerId: (.*),$/s//\1customerId: \2,\n\1giftWrap: true,/' 'giftWrap: true'
expect fail contract-asks-for-a-field-never-sent "$dir" -pl contracts,order-fn -am verify \
  -Dtest='dev.ordersaga.order.contracts.Customer_fnTest' "$contract_tests"

dir=$(copy add)
change "$dir/$event" 's/(Instant createdAt\) implements OrderEvent \{)/\1\n\n\t\t@com.fasterxml.jackson.annotation.JsonProperty("salesChannel")\n\t\tpublic String salesChannel() {\n\t\t\treturn "web";\n\t\t}/' 'salesChannel'
expect pass add-an-optional-field "$dir" -pl contracts,order-fn,customer-fn,email-fn,audit-fn -am verify \
  -Dtest='dev.ordersaga.*.contracts.*Test' "$contract_tests"

echo "All three changes were judged as expected."
