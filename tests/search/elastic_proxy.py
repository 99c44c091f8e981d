"""An HTTP proxy that lets the Elasticsearch 8 client talk to osmem-server, so the engine tests run
through the `elasticsearch` client over real HTTP as well as through `opensearch-py`.

Why it is needed: osmem-server speaks OpenSearch's dialect of the shared REST API. The Elasticsearch 8
client sends Elasticsearch's compatibility media type (`Content-Type` and `Accept:
application/vnd.elasticsearch+json; compatible-with=8`), which osmem-server answers with 406 Not
Acceptable; and the client refuses every answer without the header `X-Elastic-Product: Elasticsearch`
("The client noticed that the server is not Elasticsearch"). A real Elasticsearch cluster accepts the
one and sends the other. The proxy rewrites the media type of requests to plain JSON and makes sure
every response carries the product header exactly once; the bodies pass unchanged, so the queries,
mappings and results are exactly what the engine itself makes of them.
"""

import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

COMPATIBLE = "application/vnd.elasticsearch+json"
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "proxy-connection"}
# Set by the proxy itself (the product header once, whatever the engine sent).
OWN_HEADERS = {"date", "server", "x-elastic-product"}


def plain_json(value):
    """`application/vnd.elasticsearch+json; compatible-with=8` → `application/json` (also for
    x-ndjson, used by bulk requests)."""
    return (
        value.replace(COMPATIBLE, "application/json")
        .replace("application/vnd.elasticsearch+x-ndjson", "application/x-ndjson")
        .split(";")[0]
    )


class ElasticsearchProxy:
    def __init__(self, target_url):
        target = urlsplit(target_url)
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _forward(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = {
                    name: (plain_json(value) if name.lower() in {"accept", "content-type"} else value)
                    for name, value in self.headers.items()
                    if name.lower() not in HOP_BY_HOP and name.lower() != "host"
                }
                connection = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
                try:
                    connection.request(self.command, self.path, body=body, headers=headers)
                    answer = connection.getresponse()
                    data = answer.read()
                except OSError:
                    # The engine is gone: the client sees a refused connection, as it would without us.
                    self.close_connection = True
                    self.connection.close()
                    return
                finally:
                    connection.close()
                self.send_response(answer.status)
                for name, value in answer.getheaders():
                    if name.lower() not in HOP_BY_HOP | OWN_HEADERS:
                        self.send_header(name, value)
                self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)
                proxy.requests += 1

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward

        self.requests = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
