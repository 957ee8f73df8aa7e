#!/usr/bin/env bash
# Walks one order from placement to COMPLETED against a running kamflow (npm start), with curl.
# Usage: scripts/walkthrough.sh [base-url]   (default http://localhost:3000)
set -euo pipefail
BASE="${1:-http://localhost:3000}/api/v1"
json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const o=JSON.parse(s);const v=process.argv[1].split(".").reduce((a,k)=>a?.[k],o);console.log(typeof v==="object"?JSON.stringify(v):v)})' "$1"; }
login() { curl -sf "$BASE/auth/login" -H 'content-type: application/json' -d "{\"username\":\"$1\",\"password\":\"demo123\"}" | json accessToken; }
post() { local token=$1 path=$2 body=$3; curl -s -XPOST "$BASE$path" -H "authorization: Bearer $token" -H 'content-type: application/json' -H "Idempotency-Key: $(node -e 'console.log(crypto.randomUUID())')" -d "$body"; }
get() { curl -s "$BASE$2" -H "authorization: Bearer $1"; }
wait_for() { # token path field expected
  for _ in $(seq 1 100); do [ "$(get "$1" "$2" | json "$3")" = "$4" ] && return 0; sleep 0.2; done
  echo "timed out waiting for $2 $3 = $4" >&2; return 1; }
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

DESK=$(login desk); REVIEWER=$(login reviewer); LOGISTICS=$(login logistics); FINANCE=$(login finance)
REQ=$(node -e 'console.log(new Date(Date.now()+30*864e5).toISOString().slice(0,10))')
PLAN=$(node -e 'console.log(new Date(Date.now()+3*864e5).toISOString().slice(0,10))')
NOW() { node -e 'console.log(new Date().toISOString())'; }

step "order desk places an order for State Grid: 2 ThinkCentre M70t on Kylin"
ORDER=$(post "$DESK" /orders "{\"accountId\":\"acc-sgcc\",\"channel\":\"DIRECT\",\"signedBy\":\"张敏\",\"customerPo\":\"PO-WALK-1\",
  \"lines\":[{\"modelId\":\"TC-M70T-G4\",\"optionIds\":[\"CPU-I5-13500\",\"MEM-16G\",\"SSD-512G\",\"OS-KYLIN-V10\",\"SW-WPS-PRO\",\"WTY-3Y-PC\"],
  \"quantity\":2,\"requestedDate\":\"$REQ\",\"deliveryAddress\":{\"region\":\"Beijing\",\"city\":\"Beijing\",\"address\":\"西长安街86号\",\"contact\":\"王工\",\"phone\":\"010-66600000\"}}]}" | json id)
echo "order $ORDER"

step "contract reviewer approves (configuration and credit run by themselves)"
post "$REVIEWER" "/orders/$ORDER/contract-review" '{"decision":"APPROVE"}'; echo
wait_for "$DESK" "/orders/$ORDER" status RELEASED
get "$DESK" "/orders/$ORDER" | json lines.0; get "$DESK" "/orders/$ORDER" | json total

step "order desk plans one shipment with SF Express"
SHIP=$(post "$DESK" "/orders/$ORDER/shipments" "{\"providerId\":\"lp-sf\",\"plannedDate\":\"$PLAN\",\"lines\":[{\"lineId\":\"L1\",\"quantity\":2}]}" | json id)
echo "shipment $SHIP"; wait_for "$LOGISTICS" "/shipments/$SHIP" status PLANNED

step "the provider reports each step up to delivery"
for s in READY_TO_SHIP PICKED_UP DISPATCHED IN_TRANSIT DELIVERED; do
  post "$LOGISTICS" "/shipments/$SHIP/status" "{\"status\":\"$s\",\"at\":\"$(NOW)\"}"; echo " $s"; done

step "the provider inspects both machines on site and the customer signs the receipt"
for _ in $(seq 1 50); do
  R=$(post "$LOGISTICS" "/shipments/$SHIP/acceptance-receipt" "{\"units\":[{\"serial\":\"PC0A1\",\"lineId\":\"L1\",\"result\":\"ACCEPTED\"},{\"serial\":\"PC0A2\",\"lineId\":\"L1\",\"result\":\"ACCEPTED\"}],\"signatory\":\"李主任\",\"signedAt\":\"$(NOW)\",\"satisfaction\":5}")
  echo "$R" | grep -q '"revision"' && break; sleep 0.2; done; echo "$R"

step "finance pays the invoice"
for _ in $(seq 1 50); do INV=$(get "$DESK" "/orders/$ORDER" | json invoices.0.id); [ "$INV" != "undefined" ] && break; sleep 0.2; done
AMOUNT=$(get "$FINANCE" "/invoices/$INV" | json outstanding.amount)
echo "invoice $INV outstanding $AMOUNT fen"
post "$FINANCE" "/invoices/$INV/payments" "{\"amount\":{\"amount\":$AMOUNT,\"currency\":\"CNY\"},\"receivedAt\":\"$(NOW)\",\"reference\":\"BANK-WALK-1\"}"; echo

step "the order is complete"
wait_for "$DESK" "/orders/$ORDER" status COMPLETED && echo "COMPLETED"
get "$DESK" "/orders/$ORDER/history" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const i of JSON.parse(s).items)console.log(String(i.position).padStart(5),i.occurredAt,(i.actor??"").padEnd(20),i.type)})'
