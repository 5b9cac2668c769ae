"""The out-of-process client contract, Python side (the Node side is src/clients/worker.ts).

One persistent worker per run: requests arrive as JSON lines on stdin, each with an "id"; every answer is
one JSON line on stdout with the same "id". The first line a worker writes is its hello (id 0: which
client, which versions it really loaded). Nothing else may reach stdout: a client that prints (the AWS
CLI) has its output captured per call. Logs and tracebacks go to stderr, whose last line the runner
names if the worker dies.

An answer's "result" is one of:
  {"kind": "response", "status", "headers", "body", "clientError"?, "command"?}  the target answered
      (the runner reads the wire code from the body itself, the same way for every client)
  {"kind": "client-rejected", "clientError", "message", "command"?}  the client refused to send it
  {"kind": "no-response", "cause"}  refused, reset, timed out
or the answer is {"id", "error": "..."} for a fault of the worker itself (an error of the run).
"""
import json
import os
import sys
import threading

# The protocol owns the real stdout; anything else that writes to sys.stdout goes to stderr instead.
_PROTOCOL = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8", buffering=1)
sys.stdout = sys.stderr
_LOCK = threading.Lock()


def send(message):
    line = json.dumps(message, ensure_ascii=True)
    with _LOCK:
        _PROTOCOL.write(line + "\n")
        _PROTOCOL.flush()


def serve(hello, handle, threads=1):
    """Says hello, then answers every request with handle(request) -> result, `threads` at a time."""
    send({"id": 0, "hello": hello})
    if threads > 1:
        from concurrent.futures import ThreadPoolExecutor

        pool = ThreadPoolExecutor(max_workers=threads)
        submit = lambda req: pool.submit(_answer, handle, req)
    else:
        submit = lambda req: _answer(handle, req)
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            request = json.loads(line)
        except ValueError as e:
            sys.stderr.write("worker: not a JSON line: %s\n" % e)
            continue
        submit(request)


def _answer(handle, request):
    try:
        send({"id": request.get("id"), "result": handle(request)})
    except Exception as e:  # a fault of the worker, not of the target
        import traceback

        traceback.print_exc(file=sys.stderr)
        send({"id": request.get("id"), "error": "%s: %s" % (type(e).__name__, e)})


def raw_capture():
    """Per-thread slots for the last request's and response's wire forms, filled by botocore's
    before-send and before-parse events. take() -> (response or None, request or None)."""
    slot = threading.local()

    def before_send(request=None, **kwargs):
        if request is None:
            return None  # a handler's return value would replace the response: never return one
        from urllib.parse import urlsplit

        body = request.body or b""
        headers = {k.lower(): v for k, v in request.headers.items()}
        content_type = headers.get("content-type")
        slot.sent = {
            "method": request.method,
            "path": urlsplit(request.url).path or "/",
            "body": body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body),
            **({"contentType": content_type.decode() if isinstance(content_type, bytes) else content_type} if content_type else {}),
        }
        return None

    def before_parse(response_dict=None, **kwargs):
        if response_dict is None:
            return
        body = response_dict.get("body") or b""
        headers = {k.lower(): v for k, v in (response_dict.get("headers") or {}).items()}
        slot.raw = {
            "status": response_dict.get("status_code"),
            "headers": {h: headers[h] for h in ("content-type", "x-amzn-requestid") if h in headers},
            "body": body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body),
        }

    def take():
        raw, sent = getattr(slot, "raw", None), getattr(slot, "sent", None)
        slot.raw = slot.sent = None
        return raw, sent

    def clear():
        slot.raw = slot.sent = None

    return before_parse, before_send, take, clear


NETWORK_ERRORS = (
    "EndpointConnectionError",
    "ConnectTimeoutError",
    "ReadTimeoutError",
    "ConnectionClosedError",
    "ConnectionError",
    "HTTPClientError",
    "ProxyConnectionError",
    "SSLError",
)
