"""The AWS CLI worker (see worker_protocol.py): each request as a user types it, through the CLI's own
driver (awscli.clidriver), one driver reused for every call (a new `aws` process costs ~0.9 s a call).

ChangePassword, UpdateLoginProfile and CreateLoginProfile go with --cli-input-json file://<file>, as the
CLI's documentation recommends for passwords (the file is written mode 0600 in a private temporary
directory and removed after the call); so does any input with a list or structure in it; the others
with plain arguments. Retries are off (AWS_MAX_ATTEMPTS=1). The CLI prints; its output is captured per
call and read: "An error occurred (Code) when calling the X operation: ..." and the exit status (255
for a service error and for "Parameter validation failed" alike: what was sent tells them apart).
"""
import ast
import io
import json
import re
import subprocess
import os
import shutil
import signal
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from worker_protocol import NETWORK_ERRORS, raw_capture, serve  # noqa: E402

PRIVATE = tempfile.mkdtemp(prefix="iam-conformance-cli-")  # mode 0700
# Killed rather than closed: still remove the private folder (the finally at the end).
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
os.environ.update(
    {
        "AWS_ENDPOINT_URL_IAM": os.environ["IAM_CONFORMANCE_WORKER_ENDPOINT"],
        "AWS_DEFAULT_REGION": os.environ.get("IAM_CONFORMANCE_WORKER_REGION", "us-east-1"),
        "AWS_MAX_ATTEMPTS": "1",
        "AWS_RETRY_MODE": "standard",
        "AWS_DEFAULT_OUTPUT": "json",
        # The user's own profiles and settings play no part in a run.
        "AWS_CONFIG_FILE": os.path.join(PRIVATE, "config"),
        "AWS_SHARED_CREDENTIALS_FILE": os.path.join(PRIVATE, "credentials"),
    }
)
for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL"):
    os.environ.pop(name, None)
with open(os.environ["AWS_CONFIG_FILE"], "w") as f:
    f.write("[default]\ncli_read_timeout = %s\ncli_connect_timeout = 5\n" % os.environ.get("IAM_CONFORMANCE_WORKER_TIMEOUT_S", "20"))

import awscli  # noqa: E402
from awscli.clidriver import create_clidriver  # noqa: E402
import botocore  # noqa: E402  (once awscli is imported: the copy awscli vendors)

PASSWORD_OPERATIONS = {"ChangePassword", "UpdateLoginProfile", "CreateLoginProfile"}
before_parse, before_send, take_raw, clear_raw = raw_capture()
driver = create_clidriver()
driver.session.register("before-parse.iam", before_parse)
driver.session.register("before-send.iam", before_send)

# The CLI makes a new botocore client for every command: about half of a call's CPU here (copying the
# session's event hooks, building the client class, the model's error-shape cache). Within this worker the
# same arguments and the same credentials give the same client, so it is made once per key and reused;
# everything the command does with it (argument parsing, --cli-input-json, serialising, the request, the
# parsing, the error output, the exit status) still runs per call. Verdicts and wire forms are the same
# either way (docs/clients.md); IAM_CONFORMANCE_CLI_FRESH_CLIENTS=1 makes a client per call again.
if not os.environ.get("IAM_CONFORMANCE_CLI_FRESH_CLIENTS"):
    _clients = {}
    _make_client = driver.session.create_client

    def _reused_client(service_name, **kwargs):
        key = (service_name, repr(sorted(kwargs.items())), os.environ.get("AWS_ACCESS_KEY_ID"), os.environ.get("AWS_SECRET_ACCESS_KEY"), os.environ.get("AWS_SESSION_TOKEN"))
        client = _clients.get(key)
        if client is None:
            client = _clients[key] = _make_client(service_name, **kwargs)
        return client

    driver.session.create_client = _reused_client
_counter = [0]


def kebab(name):
    return botocore.xform_name(name, "-")


def argv_for(operation, params):
    """The command line (without `aws`), what it shows in the report, and the input file to remove."""
    # --no-paginate: one request, the case's own. Paginating, the CLI takes MaxItems for its own
    # page-collecting (sending none, or several requests and one merged answer), and once a call has turned
    # pagination off (an input file naming MaxItems) the reused driver's argument table stays switched, so
    # what later calls sent depended on the order of cases (seen in CI: ListUserTags MaxItems 20 answered
    # with all 50 tags, GetAccountAuthorizationDetails sent without its MaxItems).
    command = ["iam", kebab(operation), "--no-paginate"]
    if operation in PASSWORD_OPERATIONS or any(isinstance(v, (list, dict)) for v in params.values()):
        _counter[0] += 1
        path = os.path.join(PRIVATE, "input-%d.json" % _counter[0])
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(params, f, ensure_ascii=False)
        return command + ["--cli-input-json", "file://" + path], path
    for member, value in params.items():
        flag = "--" + kebab(member)
        if isinstance(value, bool):
            command.append(flag if value else "--no-" + kebab(member))
        elif isinstance(value, str) and value.startswith("-"):
            command.append("%s=%s" % (flag, value))  # what a user types so that the shell's value is not an option
        else:
            command += [flag, str(value)]
    return command, None


def in_process(argv):
    """The reused driver: its output captured, the response's wire form from the before-parse hook."""
    out, err = io.StringIO(), io.StringIO()
    clear_raw()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        status = driver.main(argv)
    except SystemExit as e:
        # argparse refuses a command line by exiting (status 2: an argument it will not parse); for the
        # reused driver that is this call's outcome, not the end of the worker.
        status = e.code if isinstance(e.code, int) else 2
    finally:
        sys.stdout, sys.stderr = saved
    raw, sent = take_raw()
    return status, raw, sent, err.getvalue().strip()


# For the test that checks the reused driver against the real thing: each call a new `aws` process,
# with --debug, whose log carries the response's status line and body (IAM_CONFORMANCE_WORKER_SPAWN_AWS).
SPAWN = os.environ.get("IAM_CONFORMANCE_WORKER_SPAWN_AWS") and os.path.join(os.path.dirname(sys.executable), "aws")
STATUS_LINE = re.compile(r'"POST [^"]*" (\d{3}) ')
BODY_LINE = "Response body:\n"


def spawned(argv):
    done = subprocess.run([SPAWN] + argv + ["--debug"], capture_output=True, text=True, env=os.environ.copy())
    log = done.stderr
    statuses = STATUS_LINE.findall(log)
    raw = None
    if statuses and BODY_LINE in log:
        body = ast.literal_eval(log.rsplit(BODY_LINE, 1)[1].split("\n", 1)[0])
        raw = {"status": int(statuses[-1]), "headers": {}, "body": body.decode("utf-8", "replace") if isinstance(body, bytes) else body}
    text = "\n".join(l for l in log.splitlines() if not re.match(r"^\d{4}-\d{2}-\d{2} |^(Response|b')", l)).strip()
    return done.returncode, raw, None, text


def handle(request):
    credentials = request["credentials"]
    os.environ["AWS_ACCESS_KEY_ID"] = credentials["accessKeyId"]
    os.environ["AWS_SECRET_ACCESS_KEY"] = credentials["secretAccessKey"]
    if credentials.get("sessionToken"):
        os.environ["AWS_SESSION_TOKEN"] = credentials["sessionToken"]
    else:
        os.environ.pop("AWS_SESSION_TOKEN", None)
    driver.session._credentials = None  # the reused driver loads the credentials of this call
    argv, input_file = argv_for(request["operation"], request.get("input") or {})
    shown = "aws " + " ".join(argv)
    try:
        status, raw, sent, text = spawned(argv) if SPAWN else in_process(argv)
    finally:
        if input_file:
            os.unlink(input_file)
    last = text.splitlines()[-1] if text else ""
    surfaced = {"name": "exit %d" % status, "exitStatus": status}
    marker = "An error occurred ("
    if marker in text:
        code = text.split(marker, 1)[1].split(")", 1)[0]
        surfaced = {"name": code, "code": code, "exitStatus": status}
    if raw is not None:
        result = dict(raw, kind="response", command=shown, **({"sent": sent} if sent else {}))
        if status != 0:
            result["clientError"] = surfaced
        return result
    if status == 0:
        raise RuntimeError("the CLI exited 0 without a response for %s" % request["operation"])
    # Sent (before-send saw it) and unanswered: connection, TLS ("SSL validation failed") or proxy trouble,
    # an error of the run. (A spawned `aws` reports no `sent`: its output is read instead.)
    network = ("Could not connect to the endpoint URL", "Read timeout on endpoint URL", "SSL validation failed")
    if sent is not None or any(n in text for n in NETWORK_ERRORS + network):
        return {"kind": "no-response", "cause": last}
    # Nothing was sent: the CLI refused the input (parameter validation, an argument it would not parse).
    reason = "Parameter validation failed" if "Parameter validation failed" in text else "refused"
    return {"kind": "client-rejected", "clientError": {"name": reason, "exitStatus": status}, "message": " ".join(text.split()), "command": shown}


try:
    serve({"client": "aws-cli", "versions": {"awscli": awscli.__version__, "botocore": botocore.__version__, "python": sys.version.split()[0]}}, handle)
finally:
    shutil.rmtree(PRIVATE, ignore_errors=True)
