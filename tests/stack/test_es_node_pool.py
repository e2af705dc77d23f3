"""Several node URLs: nodes that do not answer cost retries on the others, never a failed request."""

from __future__ import annotations

import dataclasses
import socket

from catalog.stores.elasticsearch_client import make_client


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens once the probe is closed


def test_with_every_node_but_the_last_down_a_request_still_answers(settings):
    dead = [f"http://127.0.0.1:{closed_port()}" for _ in range(3)]
    urls = [*dead, settings.es_url]
    # In the listed order, so the first request meets the three dead nodes before the live one.
    client = make_client(dataclasses.replace(settings, es_url=",".join(urls)), randomize_nodes_in_pool=False)
    for _ in range(5):
        assert client.cluster.health()["status"] in ("green", "yellow")
    # No sniffing: the pool is the configured list, nothing more.
    assert sorted(node.config.port for node in client.transport.node_pool.all()) == sorted(
        int(url.rsplit(":", 1)[1]) for url in urls
    )
