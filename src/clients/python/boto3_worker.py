"""The boto3 worker (see worker_protocol.py): each request through boto3, as a Python program calls IAM.

ChangePassword goes through IAM.ServiceResource.change_password (the seed's method), every other
operation through the boto3 client. Retries are off (total_max_attempts 1: the runner owns retries).
botocore's ParamValidationError, or any refusal before a request is sent, is `client-rejected`.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from worker_protocol import NETWORK_ERRORS, raw_capture, serve  # noqa: E402

import boto3  # noqa: E402
import botocore  # noqa: E402
from botocore.config import Config  # noqa: E402

ENDPOINT = os.environ["IAM_CONFORMANCE_WORKER_ENDPOINT"]
REGION = os.environ.get("IAM_CONFORMANCE_WORKER_REGION", "us-east-1")
TIMEOUT = float(os.environ.get("IAM_CONFORMANCE_WORKER_TIMEOUT_S", "20"))
CONFIG = Config(
    retries={"total_max_attempts": 1, "mode": "standard"},
    connect_timeout=5,
    read_timeout=TIMEOUT,
    max_pool_connections=64,
)
before_parse, before_send, take_raw, clear_raw = raw_capture()
_sessions = {}
SESSION = boto3.session.Session(region_name=REGION)
_lock = __import__("threading").Lock()


def handles(credentials):
    """One session, client and service resource per key (botocore clients are thread-safe)."""
    key = (credentials["accessKeyId"], credentials["secretAccessKey"], credentials.get("sessionToken"))
    with _lock:
        found = _sessions.get(key)
        if found is None:
            # One session for all: its loader reads the IAM model once (a session per key costs ~0.1 s each).
            keys = dict(aws_access_key_id=key[0], aws_secret_access_key=key[1], aws_session_token=key[2])
            resource = SESSION.resource("iam", endpoint_url=ENDPOINT, config=CONFIG, **keys)
            client = SESSION.client("iam", endpoint_url=ENDPOINT, config=CONFIG, **keys)
            for c in (client, resource.meta.client):
                c.meta.events.register("before-parse.iam", before_parse)
                c.meta.events.register("before-send.iam", before_send)
            found = _sessions[key] = (client, resource)
        return found


def surfaced(e):
    error = getattr(e, "response", {}).get("Error", {}) if hasattr(e, "response") else {}
    out = {"name": type(e).__name__}
    if error.get("Code"):
        out["code"] = str(error["Code"])
    return out


def handle(request):
    client, resource = handles(request["credentials"])
    operation, params = request["operation"], request.get("input") or {}
    clear_raw()
    error = None
    try:
        if operation == "ChangePassword":
            resource.change_password(**params)
        else:
            getattr(client, botocore.xform_name(operation))(**params)
    except Exception as e:  # the client's view of what happened; the wire says what the target did
        error = e
    raw, sent = take_raw()
    if raw is not None:
        result = dict(raw, kind="response", **({"sent": sent} if sent else {}))
        if error is not None:
            result["clientError"] = surfaced(error)
        return result
    if error is None:
        raise RuntimeError("boto3 returned without a response for %s" % operation)
    # The request was on its way (before-send saw it) and no answer came: the connection, TLS or a proxy
    # failed. That is an error of the run, never the client refusing the input.
    if sent is not None or type(error).__name__ in NETWORK_ERRORS or isinstance(error, botocore.exceptions.HTTPClientError):
        return {"kind": "no-response", "cause": "%s: %s" % (type(error).__name__, error)}
    # Nothing was sent: botocore refused the input (ParamValidationError) or could not build the request.
    return {"kind": "client-rejected", "clientError": surfaced(error), "message": str(error)}


serve({"client": "boto3", "versions": {"boto3": boto3.__version__, "botocore": botocore.__version__, "python": sys.version.split()[0]}}, handle, threads=8)
