"""Runs app.py and lets alerthook's healing playbook restart it.

The demo needs an app that can go down and be brought back without giving alerthook the Docker socket
(which would be root on the host). This supervisor starts app.py as a child process and listens on the
app's port + 1 for two requests:

  POST /restart  start app.py again (what the "Application down" playbook calls)
  POST /crash    kill app.py, as a crash would (what you call to see the loop close)

Anyone who can reach the control port can restart or crash the demo app: keep it on the demo network.
"""
import os
import signal
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOST = os.environ.get("HOST", "0.0.0.0")
PORT = int(os.environ.get("PORT", "8000"))
APP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "app.py")

lock = threading.Lock()
child = None


def start():
    global child
    with lock:
        if child is None or child.poll() is not None:
            child = subprocess.Popen([sys.executable, APP])
            return "started"
        return "already running"


def crash():
    with lock:
        if child is not None and child.poll() is None:
            child.kill()
            child.wait()
            return "killed"
        return "not running"


class Control(BaseHTTPRequestHandler):
    def do_POST(self):
        actions = {"/restart": start, "/crash": crash}
        action = actions.get(self.path)
        if action is None:
            self.send_error(404, "POST /restart or /crash")
            return
        body = (action() + "\n").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    start()
    server = ThreadingHTTPServer((HOST, PORT + 1), Control)

    def stop(*_):
        crash()
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    server.serve_forever()


if __name__ == "__main__":
    main()
