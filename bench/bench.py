"""alerthook benchmark: throughput and latency beside adnanh/webhook, an alert storm through the whole pipeline,
startup time and memory. See bench/README.md. Python standard library only; needs java, wrk and webhook."""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
FIXTURE = ROOT / "src/test/resources/fixtures/alertmanager-0.25/firing-single.json"
ALERTHOOK_PORT, WEBHOOK_PORT, SLACK_PORT = 18080, 19000, 18099
HOOK_PATH = "/hooks/alertmanager"
TOKEN = "bench-token"
WRK_THREADS = 2
COMPARE_WARM_UP_S = 5
PACED_WARM_UP_S = 5
STORM_TEAMS = ["db", "web", "net", "storage"]


def main():
    options = parse_options()
    work = Path(tempfile.mkdtemp(prefix="alerthook-bench-"))
    java = options.java or shutil.which("java")
    jar = ensure_jar(options)
    payloads = write_payloads(work)
    slack = start([sys.executable, str(BENCH / "slack_stub.py"), str(SLACK_PORT)], work / "slack.log")
    peer = Webhook(work)
    try:
        wait_until_up(f"http://127.0.0.1:{SLACK_PORT}/", 10)
        wait_until_up(f"http://127.0.0.1:{WEBHOOK_PORT}/", 10, any_answer=True)
        postgres = Postgres(work) if options.store == "postgres" else None
        runtime = Runtime(java, jar, work, options, postgres)
        print(f"alerthook: {first_line([java, '-version'])}, {' '.join(runtime.jvm_options)}")
        print(f"webhook:   {first_line(['webhook', '-version'])}, running /bin/true per request")
        print(f"wrk:       {options.connections} connections, 2 threads, {options.duration}s per run, "
              f"{options.rounds} rounds alternating; work directory {work}")
        if postgres:
            print(f"store:     file, then postgres ({postgres.version}, on the same cores, fsync on)")
        print()
        runtime.prepare()
        builds = {"A": runtime}
        if options.compare:
            (work / "compared").mkdir()
            builds["B"] = Runtime(java, Path(options.compare), work / "compared", options, postgres)
            builds["B"].prepare()
        for store in ["file"] + (["postgres"] if postgres else []):
            print(f"# alerthook.store={store}\n")
            if options.compare:
                report_builds(compare_builds(builds, store, payloads, options), options)
            else:
                report(*measure(runtime, peer, store, payloads, options), options)
        if postgres and options.replicas:
            report_cluster(measure_cluster(runtime, payloads, options), options)
    finally:
        for process in (peer.process, slack):
            process.terminate()
        if postgres:
            postgres.remove()
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)


def measure(runtime, peer, store, payloads, options):
    """Throughput beside webhook, then the paced run and the storm, each on a fresh instance; startup and memory all
    along. The paced run has an instance of its own so that its memory is what that load takes (the target is RSS
    under it), not what the closed loops before it left in the heap."""
    app = runtime.start(f"throughput-{store}", store)
    footprint = {"startup_ms": app.startup_ms}
    app.settle()
    footprint["rss_idle_mib"] = app.rss_mib()
    throughput = compare_throughput(app, peer, payloads, options)
    sustained = {} if options.quick else run_sustained(app, payloads, options)
    footprint["rss_load_mib"] = app.peak_rss_mib
    app.stop()
    if options.quick:
        return throughput, sustained, {}, None, footprint

    paced_app = runtime.start(f"paced-{store}", store)
    paced = compare_paced(paced_app, peer, payloads, options)
    footprint["rss_paced_mib"] = paced_app.peak_rss_mib
    paced_app.stop()

    storm_app = runtime.start(f"storm-{store}", store, storm=True)
    footprint["startup_storm_ms"] = storm_app.startup_ms
    storm = run_storm(storm_app, options)
    footprint["rss_load_mib"] = max(footprint["rss_load_mib"], storm_app.peak_rss_mib)
    storm_app.stop()
    return throughput, sustained, paced, storm, footprint


def compare_builds(builds, store, payloads, options):
    """A/B pairs of two builds: a fresh instance per run, alternating which build goes first; a warm-up of the same
    load (the first run after startup is mostly the JIT's), then the measured closed loop, its drain, and the CPU both
    took per accepted notification."""
    results = {}
    for payload, path in payloads.items():
        runs = {label: [] for label in builds}
        for pair in range(options.rounds):
            for label in (list(builds) if pair % 2 == 0 else list(reversed(builds))):
                app = builds[label].start(f"compare-{label.lower()}-{store}-{path.stem}-{pair}", store)
                wrk(ALERTHOOK_PORT, path, TOKEN, options.connections, COMPARE_WARM_UP_S, salt=1)
                app.drain_s()
                app.settle()
                cpu = app.cpu_seconds()
                result = wrk(ALERTHOOK_PORT, path, TOKEN, options.connections, options.duration)
                result["drain_s"] = app.drain_s()
                app.settle()
                result["cpu_ms"] = (app.cpu_seconds() - cpu) * 1000 / max(1, result["requests"] - result["non2xx"])
                result["rss_mib"] = app.peak_rss_mib
                app.stop()
                runs[label].append(result)
        results[payload] = runs
    return results


def report_builds(results, options):
    print(f"## A/B: A = {options.jar}, B = {options.compare}\n")
    print(f"Pairs per payload: {options.rounds}, alternating which goes first; each run a fresh instance, "
          f"{COMPARE_WARM_UP_S}s of warm-up, then {options.duration}s closed loop, {options.connections} connections. "
          "CPU: alerthook's, per accepted notification, its drain included.\n")
    print("| payload | pair | A 2xx/s | A CPU ms | A drained | B 2xx/s | B CPU ms | B drained |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for payload, runs in results.items():
        for pair, (a, b) in enumerate(zip(runs["A"], runs["B"]), 1):
            print(f"| {payload} | {pair} | {a['ok_rate']:,.0f} | {a['cpu_ms']:.2f} | {drained(a)} | {b['ok_rate']:,.0f} | "
                  f"{b['cpu_ms']:.2f} | {drained(b)} |")
    print()
    for payload, runs in results.items():
        a, b = (sorted(r["cpu_ms"] for r in runs[label])[len(runs[label]) // 2] for label in ("A", "B"))
        print(f"- {payload}: median CPU per notification A {a:.2f} ms, B {b:.2f} ms (B {100 * (b - a) / a:+.0f}%); "
              f"median rate A {median_run(runs['A'])['ok_rate']:,.0f}/s, B {median_run(runs['B'])['ok_rate']:,.0f}/s; "
              f"peak RSS A {max(r['rss_mib'] for r in runs['A']):.0f} MiB, B {max(r['rss_mib'] for r in runs['B']):.0f} MiB"
              + failures(runs["A"] + runs["B"]))
    print()


def measure_cluster(runtime, payloads, options):
    """1-alert notifications over n alerthooks sharing one database, each loaded by a wrk of its own with its share of
    the connections, at once; the sum of their rates is the cluster's (the median of options.rounds rounds)."""
    results = {}
    for count in [int(n) for n in options.replicas.split(",")]:
        database = runtime.postgres.database(f"cluster_{count}")
        apps = [runtime.start(f"cluster-{count}-{n}", "postgres", port=ALERTHOOK_PORT + 1 + n, database=database)
                for n in range(count)]
        for app in apps:
            app.settle()
        rounds = []
        for round_number in range(options.rounds):
            with ThreadPoolExecutor(count) as load:
                rounds.append(list(load.map(lambda n: wrk(ALERTHOOK_PORT + 1 + n, payloads["1 alert"], TOKEN,
                                                          max(1, options.connections // count), options.duration,
                                                          salt=round_number * count + n),
                                            range(count))))
            for app in apps:
                app.settle()
        results[count] = sorted(rounds, key=lambda runs: sum(r["ok_rate"] for r in runs))[len(rounds) // 2]
        for app in apps:
            app.stop()
    return results


def report_cluster(results, options):
    print(f"# Cluster: alerthooks on one PostgreSQL, 1-alert notifications, {options.connections} connections "
          f"shared among them\n")
    print("Every alerthook, PostgreSQL and wrk share the same cores: more replicas add no CPU here, so these figures "
          "show what coordinating through one database costs, not how a cluster on several machines scales.\n")
    print("| alerthooks | notifications/s, all together | each | worst p99 ms |")
    print("| ---: | ---: | --- | ---: |")
    for count, runs in results.items():
        each = ", ".join(f"{r['ok_rate']:,.0f}" for r in runs)
        print(f"| {count} | {sum(r['ok_rate'] for r in runs):,.0f} | {each} | {max(r['p99_ms'] for r in runs):.1f} |"
              + failures(runs))
    print()


class Postgres:
    """A PostgreSQL cluster of the bench's own (Debian's postgresql package), on the same machine, on loopback,
    removed afterwards; run as the postgres user when the bench runs as root, since initdb refuses root."""

    PORT, USER, PASSWORD = 15432, "alerthook", "bench-password"

    def __init__(self, work):
        versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
        if not versions:
            sys.exit("--store postgres needs Debian's postgresql package: apt-get install postgresql")
        self.bin = versions[-1].parent
        self.version = f"PostgreSQL {self.bin.parent.name}"
        self.dir = work / "postgres"
        self.dir.mkdir()
        self.run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        (self.dir / "password").write_text(self.PASSWORD)
        if self.run_as:
            subprocess.run(["chown", "-R", "postgres:postgres", str(self.dir)], check=True)
            subprocess.run(["chmod", "o+x", str(work)], check=True)
        self.pg("initdb", "-D", str(self.dir / "data"), "-U", self.USER, f"--pwfile={self.dir / 'password'}",
                "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8")
        self.pg("pg_ctl", "start", "-w", "-D", str(self.dir / "data"), "-l", str(self.dir / "server.log"), "-o",
                f"-c listen_addresses=127.0.0.1 -c port={self.PORT} -c unix_socket_directories=''")

    def pg(self, program, *arguments):
        subprocess.run([*self.run_as, str(self.bin / program), *arguments], check=True, stdout=subprocess.DEVNULL)

    def sql(self, database, statement):
        return subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.PORT), "-U", self.USER, "-d", database, "-At",
                               "-c", statement], check=True, capture_output=True, text=True,
                              env={**os.environ, "PGPASSWORD": self.PASSWORD}).stdout

    def database(self, name):
        self.sql("postgres", f"CREATE DATABASE {name}")
        return f"jdbc:postgresql://127.0.0.1:{self.PORT}/{name}"

    def remove(self):
        subprocess.run([*self.run_as, str(self.bin / "pg_ctl"), "stop", "-D", str(self.dir / "data"), "-m", "fast"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def parse_options():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (default 10)")
    parser.add_argument("--rounds", type=int, default=3, help="A/B rounds per payload (default 3)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (default 16)")
    parser.add_argument("--sustained", type=int, default=60,
                        help="seconds of the sustained run of 1-alert notifications, measured against webhook's closed-loop "
                             "rate (default 60; 0 skips it)")
    parser.add_argument("--quick", action="store_true",
                        help="the closed-loop runs only, without the sustained, paced and storm runs: to compare one change")
    parser.add_argument("--rate", type=int, default=1000, help="notifications/s of the latency run (default 1000)")
    parser.add_argument("--java", help="java to run alerthook with (default: java on PATH)")
    parser.add_argument("--jar", default=str(ROOT / "target/alerthook.jar"))
    parser.add_argument("--jvm-options", help="instead of the Dockerfile's JAVA_OPTS")
    parser.add_argument("--no-aot-cache", action="store_true", help="skip the AOT cache training run (Java 25+)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (logs, audit files)")
    parser.add_argument("--store", choices=["file", "postgres"], default="file",
                        help="postgres: measure alerthook.store=postgres too, after the file store, with PostgreSQL on "
                             "the same machine (Debian's postgresql package)")
    parser.add_argument("--profile", action="store_true",
                        help="record where alerthook's time goes in the throughput and paced runs: a CPU flame graph "
                             "(async-profiler) and a JFR recording with its hot-methods and allocation views, in "
                             "target/bench-profile/")
    parser.add_argument("--compare", metavar="JAR",
                        help="instead of the runs beside webhook: A/B pairs of --jar (A) against this jar (B), both with "
                             "this checkout's routes, --rounds pairs per payload: a fresh instance per run, a warm-up, "
                             "then --duration seconds of closed loop; rate, CPU per notification and drain, per pair "
                             "and the medians. For changes smaller than the noise between single runs")
    parser.add_argument("--replicas", help="with --store postgres: cluster throughput of this many alerthooks on one "
                                           "database, each loaded by a wrk of its own, e.g. 1,2,3")
    return parser.parse_args()


def ensure_jar(options):
    jar = Path(options.jar)
    if not jar.exists():
        subprocess.run(["mvn", "-B", "-q", "package", "-DskipTests"], cwd=ROOT, check=True)
    return jar


def write_payloads(work):
    """The real 1-alert notification, and a 50-alert one of the same group; startsAt is filled in per request."""
    single = json.loads(FIXTURE.read_text())
    single["alerts"][0]["startsAt"] = "__STARTS_AT__"
    fifty = json.loads(FIXTURE.read_text())
    template = fifty["alerts"][0]
    fifty["alerts"] = []
    for n in range(50):
        alert = json.loads(json.dumps(template))
        instance = f"web-{n}:8000"
        alert["labels"]["instance"] = instance
        alert["annotations"]["title"] = f"App is down on {instance}"
        alert["startsAt"] = "__STARTS_AT__"
        alert["fingerprint"] = f"{n:016x}"
        fifty["alerts"].append(alert)
    del fifty["commonLabels"]["instance"]
    paths = {}
    for name, notification in (("1 alert", single), ("50 alerts", fifty)):
        path = work / f"{name.replace(' ', '-')}.json"
        path.write_text(json.dumps(notification))
        paths[name] = path
    return paths


class Webhook:
    """adnanh/webhook, the peer: it answers before its command has run (it waits for it only with
    include-command-output-in-response), so a closed loop leaves it a backlog of /bin/true runs that outlasts the run.
    The bench waits for that backlog after each of its runs, so that it does not take CPU from the next run, and reports
    how long it took, as it does alerthook's."""

    def __init__(self, work):
        hooks = work / "hooks.json"
        hooks.write_text(json.dumps([{"id": "alertmanager", "execute-command": "/bin/true", "response-message": "ok"}]))
        self.process = start(["webhook", "-hooks", str(hooks), "-ip", "127.0.0.1", "-port", str(WEBHOOK_PORT)],
                             work / "webhook.log")

    def cpu_seconds(self):
        """Its own and its reaped commands': forking and waiting for them is most of its work."""
        return process_cpu_seconds(self.process.pid, with_children=True)

    def drain_s(self):
        return settle(self.cpu_seconds)


class Runtime:
    """How alerthook is started: the production JVM options (the Dockerfile's) with -Xmx128m, Java's AOT cache
    trained once when the JVM has one (as the Docker image does)."""

    def __init__(self, java, jar, work, options, postgres=None):
        self.java, self.work, self.options, self.postgres = java, work, options, postgres
        self.extracted = work / "app"
        self.jar = jar
        self.jvm_options = (options.jvm_options or dockerfile_java_opts()).split() + ["-Xmx128m"]
        self.aot_cache = None
        self.profiler = Profiler(work) if options.profile else None

    def prepare(self):
        """The Docker image's layout (an extracted jar), and its AOT cache where the JVM supports one."""
        subprocess.run([self.java, "-Djarmode=tools", "-jar", str(self.jar), "extract", "--destination",
                        str(self.extracted)], check=True, stdout=subprocess.DEVNULL)
        self.jar = self.extracted / self.jar.name
        if not self.options.no_aot_cache and java_feature(self.java) >= 25:
            cache = self.work / "alerthook.aot"
            started = time.monotonic()
            subprocess.run([self.java, *self.jvm_options, f"-XX:AOTCacheOutput={cache}", "-jar", str(self.jar),
                            # the training's own arguments (a port of its own among them) as in the Dockerfile
                            *[arg for arg in self.app_args("training") if not arg.startswith("--server.port=")],
                            *dockerfile_arg("AOT_TRAINING").split()],
                           cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            self.aot_cache = cache
            print(f"AOT cache trained in {time.monotonic() - started:.1f}s: {cache.stat().st_size >> 20} MiB\n")

    def app_args(self, name, store="file", storm=False, port=ALERTHOOK_PORT, database=None):
        data = self.work / name
        data.mkdir(exist_ok=True)
        args = [f"--server.port={port}",
                f"--alerthook.replica-id={name}",
                f"--alerthook.audit.file={data}/audit.jsonl",
                f"--alerthook.slack.webhook-url=http://127.0.0.1:{SLACK_PORT}/slack/default",
                f"--alerthook.auth.bearer-token={TOKEN}",
                # Healing is decided and audited for every alert; the commands are not run (a heal per request
                # would measure fork(), not alerthook).
                "--alerthook.healing.dry-run=true"]
        if store == "postgres":
            url = database or self.postgres.database(name.replace('-', '_'))
            args += ["--alerthook.store=postgres", f"--spring.datasource.url={url}",
                     f"--spring.datasource.username={Postgres.USER}", f"--spring.datasource.password={Postgres.PASSWORD}"]
        if storm:
            for n, team in enumerate(STORM_TEAMS):
                args += [f"--alerthook.slack.destinations[{n}].name={team}",
                         f"--alerthook.slack.destinations[{n}].matchers=team=\"{team}\"",
                         f"--alerthook.slack.destinations[{n}].webhook-url=http://127.0.0.1:{SLACK_PORT}/slack/{team}"]
        return args

    def start(self, name, store, storm=False, port=ALERTHOOK_PORT, database=None):
        cache = [f"-XX:AOTCache={self.aot_cache}"] if self.aot_cache else []
        profiling = self.profiler.jvm_options(name) if self.profiler and name.startswith("throughput-") else []
        command = [self.java, *self.jvm_options, *cache, *profiling, "-jar", str(self.jar),
                   *self.app_args(name, store, storm, port, database)]
        records = (lambda: self.postgres.sql(name.replace("-", "_"), "SELECT record::text FROM audit_event ORDER BY id")
                   .splitlines()) if store == "postgres" and database is None else None
        return Alerthook(command, self.work / name, records, port, self.profiler if profiling else None, name)


class Profiler:
    """async-profiler's CPU flame graph (its Maven artifact ships libasyncProfiler.so and draws the graph itself) and
    a JFR recording of the same run; JFR alone when the library cannot be had. Written when alerthook stops."""

    ARTIFACT = "tools.profiler:async-profiler:4.1:jar:linux-x64"

    def __init__(self, work):
        self.out = ROOT / "target/bench-profile"
        self.out.mkdir(parents=True, exist_ok=True)
        self.library = self.fetch_library(work)
        if not self.library:
            print("async-profiler could not be had: JFR only")

    def fetch_library(self, work):
        copied = subprocess.run(["mvn", "-B", "-q", "dependency:copy", f"-Dartifact={self.ARTIFACT}",
                                 f"-DoutputDirectory={work}"], cwd=ROOT, capture_output=True, text=True)
        jars = list(work.glob("async-profiler-*.jar"))
        if copied.returncode != 0 or not jars:
            return None
        with zipfile.ZipFile(jars[0]) as jar:
            return Path(jar.extract("linux-x64/libasyncProfiler.so", work / "async-profiler"))

    def jvm_options(self, name):
        options = [f"-XX:StartFlightRecording=filename={self.out / name}.jfr,settings=profile,dumponexit=true"]
        if self.library:
            # cpu: perf_events where the kernel allows them, else the profiler's own CPU timer
            options.append(f"-agentpath:{self.library}=start,event=cpu,interval=1ms,file={self.out / name}-cpu.html")
        return options

    def summarize(self, name, java):
        """The recording's hot methods and allocations as text beside it; the paths of what was written."""
        recording = self.out / f"{name}.jfr"
        jfr = Path(java).parent / "jfr"
        views = self.out / f"{name}-views.txt"
        with open(views, "w") as text:
            for view in ("hot-methods", "allocation-by-class", "gc"):
                subprocess.run([str(jfr), "view", "--width", "160", view, str(recording)], stdout=text,
                               stderr=subprocess.STDOUT)
        return [path for path in (self.out / f"{name}-cpu.html", recording, views) if path.exists()]


class Alerthook:
    def __init__(self, command, data, records=None, port=ALERTHOOK_PORT, profiler=None, name=None):
        """records: the audit records as JSON lines, when they are not in the journal file (alerthook.store=postgres);
        profiler: the Profiler recording this instance."""
        self.data = data
        self.records = records
        self.java, self.profiler, self.name = command[0], profiler, name
        started = time.monotonic()
        self.process = start(command, data / "alerthook.log", cwd=ROOT)
        self.url = f"http://127.0.0.1:{port}"
        wait_until_up(f"{self.url}/actuator/health/readiness", 60, self.process)
        self.startup_ms = round((time.monotonic() - started) * 1000)
        self.peak_rss_mib = 0
        self.sampling = True
        threading.Thread(target=self.sample_rss, daemon=True).start()

    def rss_mib(self):
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024

    def sample_rss(self):
        while self.sampling and self.process.poll() is None:
            self.peak_rss_mib = max(self.peak_rss_mib, self.rss_mib())
            time.sleep(0.2)

    def cpu_seconds(self):
        return process_cpu_seconds(self.process.pid)

    def settle(self):
        settle(self.cpu_seconds)

    def backlog(self):
        """Work accepted and not yet done: the dispatch and heal queues and the Slack outboxes (their gauges), or None
        when this build has no such gauges."""
        scrape = urllib.request.urlopen(f"{self.url}/actuator/prometheus", timeout=10).read().decode()
        depths = re.findall(r"^alerthook_(dispatch|heal|slack)_queue_depth(?:\{[^}]*\})? (\S+)$", scrape, re.M)
        if not any(stage == "dispatch" for stage, _ in depths):
            return None
        return sum(float(value) for _, value in depths)

    def drain_s(self, timeout=120):
        """Seconds until the backlog is 0 (None without the gauges, inf if not within timeout)."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            backlog = self.backlog()
            if backlog is None or backlog == 0:
                return None if backlog is None else time.monotonic() - started
            time.sleep(0.1)
        return float("inf")

    def audit(self):
        if self.records:
            return [json.loads(line) for line in self.records()]
        with open(self.data / "audit.jsonl") as journal:
            return [json.loads(line) for line in journal if line.endswith("\n")]

    def stop(self):
        self.sampling = False
        self.process.terminate()
        self.process.wait(60)
        if self.profiler:
            print(f"profile of {self.name}: " + ", ".join(str(path) for path in self.profiler.summarize(self.name, self.java)))


def compare_throughput(app, peer, payloads, options):
    """Closed loop, as fast as each answers: alternating which goes first, so neither always runs on a warmer
    machine."""
    results = {}
    targets = {"alerthook": (ALERTHOOK_PORT, TOKEN), "webhook": (WEBHOOK_PORT, "")}
    for payload, path in payloads.items():
        runs = {name: [] for name in targets}
        for round_number in range(options.rounds):
            order = list(targets) if round_number % 2 == 0 else list(reversed(targets))
            for name in order:
                port, token = targets[name]
                cpu = app.cpu_seconds()
                runs[name].append(wrk(port, path, token, options.connections, options.duration))
                if name == "alerthook":
                    runs[name][-1]["drain_s"] = app.drain_s()
                    app.settle()
                    accepted = runs[name][-1]["requests"] - runs[name][-1]["non2xx"]
                    runs[name][-1]["cpu_ms"] = (app.cpu_seconds() - cpu) * 1000 / max(1, accepted)
                else:
                    runs[name][-1]["drain_s"] = peer.drain_s()
        results[payload] = runs
    return results


def run_sustained(app, payloads, options):
    """1-alert notifications closed loop for options.sustained seconds on alerthook alone, then how long its backlog
    took to drain: what it keeps up with, as opposed to what it accepts for a few seconds. (Not the 50-alert payload:
    the closed-loop runs show its backlog draining for longer than they ran, and a minute of it would take minutes.)"""
    if options.sustained <= 0:
        return {}
    result = wrk(ALERTHOOK_PORT, payloads["1 alert"], TOKEN, options.connections, options.sustained, salt=7)
    result["drain_s"] = app.drain_s(timeout=300)
    app.settle()
    return {"1 alert": result}


def compare_paced(app, peer, payloads, options):
    """options.rate notifications/s of the 1-alert payload, on a schedule: each of wrk's threads starts a request every
    interval, on whichever of its connections is free (enough of them for answers of up to 25 ms). The fresh alerthook
    gets PACED_WARM_UP_S of the same load first, as it would have had in service."""
    connections = max(1, options.rate // 40)
    interval_ms = 1000 * WRK_THREADS / options.rate
    app.settle()
    wrk(ALERTHOOK_PORT, payloads["1 alert"], TOKEN, connections, PACED_WARM_UP_S, interval_ms, salt=3)
    app.settle()
    paced = {}
    for name, port, token in (("alerthook", ALERTHOOK_PORT, TOKEN), ("webhook", WEBHOOK_PORT, "")):
        paced[name] = wrk(port, payloads["1 alert"], token, connections, options.duration * 2, interval_ms)
        paced[name]["drain_s"] = app.drain_s() if name == "alerthook" else peer.drain_s()
        if name == "alerthook":
            app.settle()
    return paced


def wrk(port, payload, token, connections, duration, interval_ms=0, salt=0):
    """salt: wrk runs at the same time with different salts send different notifications."""
    output = subprocess.run(
        ["wrk", f"-t{WRK_THREADS}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "-s", str(BENCH / "post.lua"),
         f"http://127.0.0.1:{port}{HOOK_PATH}", "--", str(payload), token, str(interval_ms), str(salt)],
        check=True, capture_output=True, text=True).stdout
    result = json.loads(output.split("RESULT ", 1)[1])
    result["rate"] = result["requests"] / result["seconds"]
    # what was accepted: a 503 ("dispatch is full") is answered quickly, and would flatter the rate
    result["ok_rate"] = (result["requests"] - result["non2xx"] - result["socket_errors"]) / result["seconds"]
    return result


def run_storm(app, options, notifications=200, alerts_each=50):
    """10,000 distinct alerts in 200 notifications (one group each, teams routed to four Slack webhooks), sent by 8
    clients at once; then until every alert has its received, Slack and healing records in the audit."""
    urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{SLACK_PORT}/", method="DELETE")).read()
    bodies = [storm_notification(n, alerts_each) for n in range(notifications)]
    fingerprints = {alert["fingerprint"] for body in bodies for alert in body["alerts"]}
    started = time.monotonic()
    with ThreadPoolExecutor(8) as clients:
        answers = list(clients.map(post_alerthook, bodies))
    accepted = time.monotonic() - started
    settled = None
    deadline = started + 900
    while time.monotonic() < deadline:
        done = storm_settled(app.audit(), fingerprints)
        if len(done) == len(fingerprints):
            settled = time.monotonic() - started
            break
        time.sleep(0.5)
    records = app.audit()
    slack = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{SLACK_PORT}/").read())
    outcomes = {}
    for record in records:
        if record["event"] == "slack":
            outcomes[record.get("outcome")] = outcomes.get(record.get("outcome"), 0) + 1
    return {"notifications": notifications, "alerts": len(fingerprints),
            "accepted": sum(1 for status in answers if status == 200), "accepted_s": accepted,
            "settled_s": settled, "lost": len(fingerprints) - len(storm_settled(records, fingerprints)),
            "slack": slack, "slack_outcomes": outcomes}


def storm_notification(n, alerts_each):
    team = STORM_TEAMS[n % len(STORM_TEAMS)]
    alertname = f"DiskFull{n}"
    alerts = [{"status": "firing",
               "labels": {"alertname": alertname, "instance": f"node-{n}-{a}:9100", "severity": "critical",
                          "team": team},
               "annotations": {"title": f"Disk full on node-{n}-{a}", "description": "/var is 99% full"},
               "startsAt": "2026-11-21T05:31:11.554389437Z", "endsAt": "0001-01-01T00:00:00Z",
               "generatorURL": "http://prometheus:9090/graph", "fingerprint": f"{n:08x}{a:08x}"}
              for a in range(alerts_each)]
    return {"receiver": "hook", "status": "firing", "alerts": alerts, "groupLabels": {"alertname": alertname},
            "commonLabels": {"alertname": alertname, "severity": "critical", "team": team}, "commonAnnotations": {},
            "externalURL": "http://alertmanager:9093", "version": "4",
            "groupKey": f'{{}}:{{alertname="{alertname}"}}', "truncatedAlerts": 0}


def post_alerthook(body):
    request = urllib.request.Request(f"http://127.0.0.1:{ALERTHOOK_PORT}{HOOK_PATH}", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json",
                                              "Authorization": f"Bearer {TOKEN}"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.status


def storm_settled(records, fingerprints):
    """Alerts with all three on record: received, a Slack outcome, a healing outcome."""
    seen = {}
    for record in records:
        # "queued" is a Slack message joining its outbox, not what became of it
        if record.get("fingerprint") in fingerprints and record.get("outcome") != "queued":
            seen.setdefault(record["fingerprint"], set()).add(record["event"])
    return {fingerprint for fingerprint, events in seen.items() if {"received", "slack", "heal"} <= events}


def report(throughput, sustained, paced, storm, footprint, options):
    print("## Throughput, closed loop (median of rounds; webhooks answered 2xx per second, latency ms)\n")
    print("Done /s counts the drain: what was answered, over the run and the time its backlog took (alerthook's "
          "dispatch, healing and Slack; webhook's commands, which it runs after answering).\n")
    print("| payload | alerthook /s | p50 | p99 | webhook /s | p50 | p99 | ratio | alerthook done /s | webhook done /s | ratio |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for payload, runs in throughput.items():
        a, w = median_run(runs["alerthook"]), median_run(runs["webhook"])
        a_done, w_done = median_done_rate(runs["alerthook"]), median_done_rate(runs["webhook"])
        print(f"| {payload} | {a['ok_rate']:,.0f} | {a['p50_ms']:.1f} | {a['p99_ms']:.1f} | {w['ok_rate']:,.0f} | "
              f"{w['p50_ms']:.1f} | {w['p99_ms']:.1f} | **{a['ok_rate'] / w['ok_rate']:.2f}x** | {a_done:,.0f} | "
              f"{w_done:,.0f} | {a_done / w_done:.2f}x |")
    for payload, runs in throughput.items():
        for name, results in runs.items():
            print(f"  {payload}, {name}: " + ", ".join(f"{r['ok_rate']:,.0f}/s ("
                                                        + (f"{r['cpu_ms']:.2f} ms CPU per one accepted, " if "cpu_ms" in r else "")
                                                        + f"drained in {drained(r)})" for r in results) + failures(results))
    if sustained:
        print(f"\n## Sustained: {options.sustained}s closed loop on alerthook, against webhook's median rate above\n")
        print("| payload | alerthook 2xx/s | p99 ms | ratio | non-2xx | backlog drained after | done /s | ratio to webhook's done /s |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for payload, r in sustained.items():
            peer = median_run(throughput[payload]["webhook"])["ok_rate"]
            peer_done = median_done_rate(throughput[payload]["webhook"])
            print(f"| {payload} | {r['ok_rate']:,.0f} | {r['p99_ms']:.1f} | **{r['ok_rate'] / peer:.2f}x** | "
                  f"{r['non2xx'] + r['socket_errors']} | {drained(r)} | {done_rate(r):,.0f} | {done_rate(r) / peer_done:.2f}x |")
    if paced:
        print(f"\n## Latency at about {options.rate} notifications/s, 1 alert\n")
        print("| | achieved /s | p50 ms | p99 ms | max ms | backlog drained after |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for name, r in paced.items():
            print(f"| {name} | {r['ok_rate']:,.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {r['max_ms']:.1f} | "
                  f"{drained(r)} |" + failures([r]))
    if storm:
        print("\n## Storm\n")
        settled = f"{storm['settled_s']:.1f}s" if storm["settled_s"] is not None else "not within 900s"
        print(f"- {storm['alerts']:,} alerts in {storm['notifications']} notifications: {storm['accepted']} accepted in "
              f"{storm['accepted_s']:.1f}s; every alert audited (received, Slack, healing) after {settled}")
        print(f"- alerts lost: {storm['lost']}")
        print(f"- Slack outcomes in the audit: {storm['slack_outcomes']}")
        for path, stats in sorted(storm["slack"].items()):
            print(f"- Slack webhook {path}: {stats['messages']} messages, at most {stats['peak_per_second']} in any second, "
                  f"closest two {stats['min_gap_ms']} ms apart")
    print("\n## Footprint (-Xmx128m)\n")
    storm_startup = f" (storm instance: {footprint['startup_storm_ms']} ms)" if "startup_storm_ms" in footprint else ""
    print(f"- startup to ready: {footprint['startup_ms']} ms{storm_startup}")
    print(f"- RSS idle: {footprint['rss_idle_mib']:.0f} MiB; under the closed loops and the storm (peak): "
          f"{footprint['rss_load_mib']:.0f} MiB")
    if "rss_paced_mib" in footprint:
        print(f"- RSS under about {options.rate} notifications/s (the latency run's own instance, peak): "
              f"{footprint['rss_paced_mib']:.0f} MiB")


def median_run(results):
    return sorted(results, key=lambda r: r["ok_rate"])[len(results) // 2]


def done_rate(result):
    """Answered 2xx per second of the run and its drain together (the run's rate when the drain was not measured)."""
    seconds = result["seconds"] + (result.get("drain_s") or 0)
    return result["ok_rate"] * result["seconds"] / seconds


def median_done_rate(results):
    return sorted(done_rate(r) for r in results)[len(results) // 2]


def drained(result):
    seconds = result.get("drain_s")
    if seconds is None:
        return "not measured"
    return "not within the wait" if seconds == float("inf") else f"{seconds:.1f}s"


def failures(results):
    bad = sum(r["non2xx"] + r["socket_errors"] for r in results)
    return f" ({bad} non-2xx or socket errors)" if bad else ""


def dockerfile_java_opts():
    match = re.search(r'^ENV JAVA_OPTS="([^"]*)"', (ROOT / "Dockerfile").read_text(), re.M)
    return match.group(1) if match else ""


def dockerfile_arg(name):
    match = re.search(rf'^ARG {name}="([^"]*)"', (ROOT / "Dockerfile").read_text(), re.M)
    return match.group(1) if match else ""


def java_feature(java):
    version = first_line([java, "-version"])
    return int(re.search(r'version "(\d+)', version).group(1))


def first_line(command):
    result = subprocess.run(command, capture_output=True, text=True)
    return (result.stdout + result.stderr).splitlines()[0]


def process_cpu_seconds(pid, with_children=False):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = sum(int(field) for field in fields[11:15 if with_children else 13])
    return ticks / os.sysconf("SC_CLK_TCK")


def settle(cpu_seconds, timeout=120):
    """Waits until a program has done the work queued by the last run (under 5% of a core for a second), so that it
    does not take CPU from the next run, whichever program that measures; returns the seconds it kept working (to a
    second), inf if it still was after timeout."""
    started = time.monotonic()
    before = cpu_seconds()
    while time.monotonic() - started < timeout:
        time.sleep(1)
        now = cpu_seconds()
        if now - before < 0.05:
            return time.monotonic() - started - 1
        before = now
    return float("inf")


def start(command, log, cwd=None):
    log.parent.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(command, stdout=open(log, "w"), stderr=subprocess.STDOUT, cwd=cwd)


def wait_until_up(url, timeout, process=None, any_answer=False):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            sys.exit(f"alerthook exited with {process.returncode} before it was ready")
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except urllib.error.HTTPError:
            if any_answer:
                return
            time.sleep(0.02)
        except OSError:
            time.sleep(0.02)
    sys.exit(f"{url} did not answer within {timeout}s")


if __name__ == "__main__":
    main()
