"""The seed's demo web application: /up answers while the app runs, /metrics is scraped by Prometheus."""
import os

from flask import Flask, Response
from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest

app = Flask(__name__)
UP_REQUESTS = Counter("web_app_up_requests_total", "Requests to /up")


@app.route("/up")
def up():
    UP_REQUESTS.inc()
    return "up\n"


@app.route("/metrics")
def metrics():
    return Response(generate_latest(), mimetype=CONTENT_TYPE_LATEST)


if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "0.0.0.0"), port=int(os.environ.get("PORT", "8000")))
