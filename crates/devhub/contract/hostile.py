"""Schemathesis hooks for the contract tier (scripts/test.sh loads them with SCHEMATHESIS_HOOKS).

- Request bodies are also generated with hostile strings in place of any string: control and
  format characters (NUL, bidi overrides, zero-width), very long values, markup and injection
  text, a secret's hint, so that the hub is fuzzed with what an attacker sends, not only with
  what the schema describes.
- A check: an error answer never echoes a string the request sent (reflected input).
"""

import json
import os

import schemathesis
from hypothesis import strategies as st

HOSTILE = st.one_of(
    st.text(
        alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp"]),
        min_size=1,
        max_size=16,
    ),
    st.sampled_from(
        [
            "Pay\u202elanimreT",
            "\u200b\u200d\u2060",
            "nul\x00byte",
            "x" * 5000,
            "\u00e9" * 300,
            "<script>alert('MARKER')</script>",
            "'; DROP TABLE connections;--",
            "${jndi:ldap://127.0.0.1/x}",
            " \u2022\u2022\u2022\u2022a1b2",
            "W\u0430yai",
            "../../etc/passwd",
        ]
    ),
)


def hostile(value):
    """A strategy that keeps `value` or puts hostile strings in place of its strings."""
    if isinstance(value, str):
        return st.one_of(st.just(value), HOSTILE)
    if isinstance(value, dict):
        return st.fixed_dictionaries({k: hostile(v) for k, v in value.items()})
    if isinstance(value, list):
        return st.tuples(*[hostile(v) for v in value]).map(list)
    return st.just(value)


@schemathesis.hook
def flatmap_body(context, body):
    return hostile(body)


def sent_strings(value):
    """Every string value in a request body (keys are the schema's, not the sender's)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from sent_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from sent_strings(v)


def _own_words():
    """Everything the hub says from its own data (connector names, descriptions, labels): a sent
    value that is one of these ("Instagram") is no echo when an error names it."""
    catalog = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "catalog.json")
    with open(catalog, encoding="utf-8") as f:
        return json.dumps(json.load(f), ensure_ascii=False)


OWN_WORDS = _own_words()


@schemathesis.check
def errors_do_not_echo_input(ctx, response, case):
    """An error answer says what is wrong without repeating what was sent."""
    if response.status_code < 400:
        return None
    text = response.text
    for sent in sent_strings(case.body):
        if sent in OWN_WORDS:
            continue
        # Short strings occur in any text by chance; these are long enough to mean an echo.
        if len(sent.strip()) >= 8 and sent in text:
            raise AssertionError(f"the error repeats a value the request sent: {json.dumps(sent)[:80]}")
        encoded = json.dumps(sent)[1:-1]
        if len(sent.strip()) >= 8 and encoded != sent and encoded in text:
            raise AssertionError(f"the error repeats a value the request sent: {encoded[:80]}")
    return None
