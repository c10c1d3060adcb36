from erp_shared.messaging.topology import DELIVERY_LIMIT, ServiceQueues, definitions

QUEUES = ServiceQueues("finance", ("inventory.item_created.v1", "sales.customer_created.v1"), (1000, 10000, 60000))


def test_retry_queues_back_off_then_stay_at_the_longest_delay():
    assert [QUEUES.retry_queue(n) for n in (1, 2, 3, 4)] == [
        "finance.events.retry.1s", "finance.events.retry.10s", "finance.events.retry.60s", "finance.events.retry.60s"]


def test_retry_queues_dead_letter_back_to_the_work_queue():
    assert QUEUES.retry_queue_args(1000) == {"x-message-ttl": 1000, "x-dead-letter-exchange": "",
                                             "x-dead-letter-routing-key": "finance.events"}


def test_the_policy_sets_dead_lettering_and_the_delivery_limit_on_the_work_queue_only():
    policy = QUEUES.policy()
    assert policy["pattern"] == "^finance\\.events$" and policy["apply-to"] == "queues"
    assert policy["definition"] == {"dead-letter-exchange": "erp.dlx", "dead-letter-routing-key": "finance.events",
                                    "delivery-limit": DELIVERY_LIMIT}


def test_exported_definitions_hold_the_same_topology():
    exported = definitions([QUEUES], vhost="erp")
    queues = {q["name"]: q for q in exported["queues"]}
    assert queues["finance.events"]["arguments"] == {"x-queue-type": "quorum"}
    assert set(queues) == {"finance.events", "finance.events.retry.1s", "finance.events.retry.10s",
                           "finance.events.retry.60s", "finance.events.dlq"}
    keys = {(b["destination"], b["routing_key"]) for b in exported["bindings"]}
    assert ("finance.events", "inventory.item_created.v1") in keys
    assert ("finance.events.dlq", "finance.events") in keys
    assert [p["name"] for p in exported["policies"]] == ["erp-finance-events"]
