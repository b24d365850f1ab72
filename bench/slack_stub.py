"""Slack stand-in for the benchmark: answers every POST with 200 "ok" and remembers when each arrived, per path
(one path per Slack webhook). GET /stats gives, per path, the count and the closest two messages came."""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

arrivals = {}
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with lock:
            arrivals.setdefault(self.path, []).append(time.monotonic())
        self.answer(b"ok", "text/plain")

    def do_GET(self):
        with lock:
            stats = {path: {"messages": len(times), "min_gap_ms": min_gap_ms(times), "peak_per_second": peak(times)}
                     for path, times in arrivals.items()}
        self.answer(json.dumps(stats).encode(), "application/json")

    def do_DELETE(self):
        with lock:
            arrivals.clear()
        self.answer(b"", "text/plain")

    def answer(self, body, content_type):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def min_gap_ms(times):
    gaps = [b - a for a, b in zip(times, times[1:])]
    return round(min(gaps) * 1000) if gaps else None


def peak(times):
    """Most messages that arrived within any one second (a window starting at each arrival)."""
    most, start = 0, 0
    for end, t in enumerate(times):
        while t - times[start] >= 1.0:
            start += 1
        most = max(most, end - start + 1)
    return most


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
