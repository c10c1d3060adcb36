from erp_shared.web.problems import flatten_messages


def test_errors_are_keyed_by_field_whatever_the_location():
    assert flatten_messages({"json": {"code": ["bad"]}, "query": {"limit": ["too big"]}}) == {
        "code": ["bad"], "limit": ["too big"]}
    assert flatten_messages(["whole body"]) == {"_schema": ["whole body"]}
